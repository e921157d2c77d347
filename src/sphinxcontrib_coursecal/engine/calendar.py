"""The placed schedule and the questions other layers ask of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Severity
from .model import (
    Closure,
    Course,
    Deadline,
    EventSpec,
    Kind,
    MeetingSpec,
    Occurrence,
    Paper,
    Person,
    Reading,
    ScheduleSpec,
    Session,
    Unit,
    split_moment,
    week_number,
)
from .workload import Week, given, weekly


@dataclass(frozen=True)
class Assignment:
    """A paper assigned by one session, with how (label, optional, note, presenters)."""

    session: Session
    reading: Reading


@dataclass(frozen=True)
class Schedule:
    """A course placed on the calendar: every record, sorted, with indexes built once."""

    path: str
    course: Course | None
    kinds: dict[str, Kind]
    people: dict[str, Person]
    meetings: dict[str, MeetingSpec]
    closures: tuple[Closure, ...]
    units: dict[str, Unit]
    papers: dict[str, Paper]
    sessions: tuple[Session, ...]
    deadlines: tuple[Deadline, ...]
    events: tuple[EventSpec, ...]
    occurrences: tuple[Occurrence, ...]
    diagnostics: tuple[Diagnostic, ...]
    dependencies: tuple[str, ...]
    _by_anchor: dict[str, Session] = field(repr=False)
    _by_id: dict[str, tuple[Session, ...]] = field(repr=False)
    _assignments: dict[str, tuple[Assignment, ...]] = field(repr=False)
    _deadlines: dict[str, Deadline] = field(repr=False)
    # Each week's workload (empty: the course gives no count), and whether the schedule gives a
    # count of its own (then views show the totals without being asked).
    workload: dict[int, Week] = field(default_factory=dict, repr=False)
    workload_given: bool = False

    @classmethod
    def build(
        cls,
        spec: ScheduleSpec,
        sessions: Iterable[Session],
        occurrences: Iterable[Occurrence],
        diagnostics: Iterable[Diagnostic],
    ) -> Schedule:
        ordered = tuple(sessions)
        by_id: dict[str, list[Session]] = {}
        assignments: dict[str, list[Assignment]] = {}
        for session in ordered:
            by_id.setdefault(session.id, []).append(session)
            for reading in session.spec.readings:
                if reading.paper is not None:
                    assignments.setdefault(reading.paper, []).append(Assignment(session, reading))
        return cls(
            path=spec.path,
            course=spec.course,
            kinds=dict(spec.kinds),
            people=dict(spec.people),
            meetings=dict(spec.meetings),
            closures=tuple(spec.closures),
            units=dict(spec.units),
            papers=dict(spec.papers),
            sessions=ordered,
            deadlines=tuple(sorted(spec.deadlines, key=lambda d: _sort_key(d.due))),
            events=tuple(spec.events),
            occurrences=tuple(sorted(occurrences, key=occurrence_order)),
            diagnostics=tuple(diagnostics),
            dependencies=tuple(dict.fromkeys(spec.dependencies)),
            _by_anchor={session.anchor: session for session in ordered},
            _by_id={key: tuple(value) for key, value in by_id.items()},
            _assignments={key: tuple(value) for key, value in assignments.items()},
            _deadlines={deadline.id: deadline for deadline in spec.deadlines},
            workload={} if spec.course is None else weekly(spec.course, spec.papers, ordered, spec.deadlines),
            workload_given=spec.course is not None
            and (bool(spec.course.workload) or given(spec.papers, ordered, spec.deadlines)),
        )

    # -- health ---------------------------------------------------------------

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    # -- questions -------------------------------------------------------------

    def kind(self, kind_id: str) -> Kind:
        """The kind's label and color (an unknown id gets a neutral one)."""
        return self.kinds.get(kind_id) or Kind(kind_id, kind_id.replace("-", " ").capitalize(), "#555555")

    def names(self, people: Iterable[str]) -> list[str]:
        """Keys of ``people`` become names; plain names stay as written."""
        return [self.people[p].name if p in self.people else p for p in people]

    def session(self, key: str) -> Session | None:
        """A session by anchor, or by id (the first section's placement)."""
        if key in self._by_anchor:
            return self._by_anchor[key]
        found = self._by_id.get(key)
        return found[0] if found else None

    def sessions_by_id(self, session_id: str) -> tuple[Session, ...]:
        """Every placement of a session: one per meeting that takes its plan."""
        return self._by_id.get(session_id, ())

    def assignments(self, paper_key: str) -> tuple[Assignment, ...]:
        """Which sessions assign a paper, in date order."""
        return self._assignments.get(paper_key, ())

    def deadline(self, deadline_id: str) -> Deadline | None:
        return self._deadlines.get(deadline_id)

    def select(
        self,
        *,
        first: dt.date | None = None,
        last: dt.date | None = None,
        kinds: Collection[str] | None = None,
        meetings: Collection[str] | None = None,
        section: str | None = None,
        units: Collection[str] | None = None,
    ) -> tuple[Occurrence, ...]:
        """Occurrences that overlap ``first``..``last`` and match every filter given.

        ``section`` keeps the section's own meetings and everything that belongs
        to no section (closures, deadlines, course-wide events).
        """
        return tuple(
            occurrence
            for occurrence in self.occurrences
            if (first is None or occurrence.last >= first)
            and (last is None or occurrence.date <= last)
            and (kinds is None or occurrence.kind in kinds)
            and (meetings is None or occurrence.meeting in meetings)
            and (section is None or occurrence.section in ("", section))
            and (units is None or (occurrence.session is not None and occurrence.session.spec.unit in units))
        )

    def on(self, day: dt.date) -> tuple[Occurrence, ...]:
        """What happens on one day, closures spanning it included."""
        return self.select(first=day, last=day)

    def week_of(self, day: dt.date) -> int:
        if self.course is None:
            raise ValueError("the schedule has no usable `course`, so it has no weeks")
        return week_number(self.course, day)


def _sort_key(value: dt.datetime | dt.date) -> tuple[dt.date, dt.time]:
    """A moment sorts by its time; a day's deadline after every moment of that day."""
    day, moment = split_moment(value)
    return day, moment.time() if moment is not None else dt.time.max


def occurrences_by_day(occurrences: Iterable[Occurrence]) -> dict[dt.date, list[Occurrence]]:
    """Each day and what happens on it, in the order given: a closure of several days on each."""
    by_day: dict[dt.date, list[Occurrence]] = {}
    for occurrence in occurrences:
        day = occurrence.date
        while day <= occurrence.last:
            by_day.setdefault(day, []).append(occurrence)
            day += dt.timedelta(days=1)
    return by_day


def occurrence_order(occurrence: Occurrence) -> tuple[dt.date, int, dt.time]:
    """Day, then all-day items first, then local start time; ties keep file order."""
    if occurrence.start is None:
        return occurrence.date, 0, dt.time.min
    return occurrence.date, 1, occurrence.start.timetz().replace(tzinfo=None)
