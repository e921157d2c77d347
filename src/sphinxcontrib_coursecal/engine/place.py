"""Placing the course on the calendar: sessions on slots, and every occurrence.

Each lecture plan takes its meeting's free slots (``slots.py``) in order; a
pinned session sets where the plan continues. Nothing here knows about list
positions in the output: identities come from ids and dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from collections.abc import Iterator, Sequence

from .calendar import Schedule
from .clock import local_moment, skipped_note
from .diagnostics import Diagnostic, Location, Severity, Subtype
from .held import Hold, Holds
from .lint import lint
from .model import (
    Closure,
    Course,
    Deadline,
    EventSpec,
    MeetingSpec,
    Occurrence,
    Role,
    ScheduleSpec,
    Session,
    SessionSpec,
    split_moment,
    week_number,
)
from .plan import Placement, PlanPlacer
from .scalars import WEEKDAY_NAMES
from .slots import Slot, meeting_slots

# The most calendar entries one schedule may make unless the site allows more (``max_entries``):
# every feed carries them all. A course has a few hundred; a department's term about 10,000.
MAX_OCCURRENCES = 2_500


class Placer:
    """Turns a checked :class:`ScheduleSpec` into a :class:`Schedule`."""

    def __init__(
        self, spec: ScheduleSpec, course: Course, diagnostics: list[Diagnostic], max_entries: int | None = None
    ) -> None:
        self.spec = spec
        self.max_entries = MAX_OCCURRENCES if max_entries is None else max_entries
        self.course = course
        self.zone = zoneinfo.ZoneInfo(course.timezone)
        self.diagnostics = diagnostics
        self.skips_said: set[tuple[dt.date, dt.time, Location | None]] = set()

    def moment(self, day: dt.date, time: dt.time | None, source: Location | None = None) -> dt.datetime | None:
        """``day`` at ``time`` in the course's zone; a time the clocks skip moves forward, with a warning."""
        if time is None:
            return None
        moment, skipped = local_moment(day, time, self.zone)
        if skipped and (day, time, source) not in self.skips_said:
            self.skips_said.add((day, time, source))
            where = source or Location(self.spec.path, 1, 1)
            note = skipped_note(day, time, moment, self.course.timezone)
            self.diagnostics.append(Diagnostic(Subtype.RANGE, note, where, Severity.WARNING))
        return moment

    def span(
        self, day: dt.date, start: dt.time | None, end: dt.time | None, source: Location | None
    ) -> tuple[dt.datetime | None, dt.datetime | None]:
        """Zone-aware start and end of a local span on ``day``.

        A local time the clocks skip (a daylight-saving gap) moves forward by the
        gap, as RFC 5545 reads it. A span inside the gap would then end before it
        starts: it becomes a moment, with a warning.
        """
        begin = self.moment(day, start, source)
        finish = self.moment(day, end, source) if end is not None else begin
        # Aware datetimes in one zone compare by wall clock; compare instants instead.
        if begin is not None and finish is not None and finish.timestamp() < begin.timestamp():
            self.diagnostics.append(
                Diagnostic(
                    Subtype.RANGE,
                    f"on {day.isoformat()} the clocks in {self.course.timezone} skip the time "
                    f"{start:%H:%M}-{end:%H:%M} (daylight saving begins), so this item has no real "
                    "duration that day; give that date a `changes` entry with another time",
                    source or Location(self.spec.path, 1, 1),
                    Severity.WARNING,
                )
            )
            finish = begin
        return begin, finish

    def week(self, day: dt.date) -> int:
        return week_number(self.course, day)

    def run(self) -> tuple[list[Session], list[Occurrence]]:
        sessions: list[Session] = []
        occurrences: list[Occurrence] = []
        holds = Holds([event for event in self.spec.events if event.meetings], self.spec.path, self.diagnostics)
        budget = self.max_entries - len(self.spec.closures) - 2 * len(self.spec.deadlines) - len(self.spec.events)
        for meeting in self.spec.meetings.values():
            slots = meeting_slots(meeting, self.spec.closures, self.course.week_start, self.diagnostics)
            budget -= len(slots)
            if budget < 0:
                self.report_too_many(meeting)
                break
            held = holds.take(meeting, slots)
            replaced = {hold.index: hold.event.title for hold in held if hold.event.replaces}
            plan = self.spec.plans.get(meeting.plan or "") if meeting.plan else None
            taken = set(replaced)  # a replaced slot's own entry gives way to its event
            if plan:
                shared = sum(m.plan == meeting.plan for m in self.spec.meetings.values()) > 1
                placer = PlanPlacer(meeting, slots, self.spec.closures, self.course.week_start, self.report, replaced)
                placed = [self.session(meeting, item, shared) for item in placer.place(plan, taken)]
                sessions.extend(placed)
                occurrences.extend(self.session_occurrence(session) for session in placed)
            occurrences.extend(self.slot_occurrence(slot) for index, slot in enumerate(slots) if index not in taken)
            occurrences.extend(self.held_occurrence(hold) for hold in held)
        holds.report_unheld(self.spec.meetings)
        occurrences.extend(self.closure_occurrence(closure) for closure in self.spec.closures)
        for deadline in self.spec.deadlines:
            occurrences.extend(self.deadline_occurrences(deadline))
        occurrences.extend(self.event_occurrence(event) for event in self.spec.events if not event.meetings)
        sessions.sort(key=lambda s: (s.date, s.start or dt.datetime.min.replace(tzinfo=self.zone), s.meeting))
        return sessions, occurrences

    def report_too_many(self, meeting: MeetingSpec) -> None:
        where = meeting.source or Location(self.spec.path, 1, 1)
        self.diagnostics.append(
            past_cap(
                f"the meeting {meeting.id!r}",
                "the meetings",
                self.max_entries,
                where,
                "the meetings' days, `every` and dates",
            )
        )

    def session(self, meeting: MeetingSpec, placement: Placement, shared: bool) -> Session:
        spec, day, slot = placement.spec, placement.date, placement.slot
        if slot is not None:
            (slot_start, slot_end), slot_location = (slot.start_time, slot.end_time), slot.location
        else:  # pinned to a day off the pattern: the meeting's time and room for that weekday
            (slot_start, slot_end), slot_location = meeting.span_on(day.weekday()), meeting.location_on(day.weekday())
            if meeting.day_spans and spec.start_time is None and slot_start is None:
                self.report(
                    spec,
                    Subtype.VALUE,
                    f"the session {spec.id!r} is pinned to {WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}, and the "
                    f"meeting {meeting.id!r} gives no time for that weekday (its `time` is given per weekday); "
                    "give the session a `time`",
                    Severity.WARNING,
                )
        start_time = spec.start_time or slot_start
        end_time = spec.end_time if spec.start_time else slot_end
        start, end = self.span(day, start_time, end_time, spec.source)
        location = spec.location if spec.location is not None else slot_location
        return Session(
            spec=spec,
            meeting=meeting.id,
            anchor=self.anchor(meeting, spec, shared),
            date=day,
            start=start,
            end=end,
            location=location,
            kind=spec.kind or meeting.kind,
            number=placement.number,
            week=self.week(day),
            section=meeting.section,
            changed=slot.changed if slot is not None else False,
            moved=placement.moved,
            joins=(self.anchor(meeting, placement.joins, shared) if placement.joins is not None else ""),
        )

    @staticmethod
    def anchor(meeting: MeetingSpec, spec: SessionSpec, shared: bool) -> str:
        """A session's anchor: its id, or for a plan several meetings share, qualified by the meeting."""
        return f"{meeting.id}-{spec.id}" if shared else spec.id

    def report(self, session: SessionSpec, subtype: Subtype, message: str, severity: Severity = Severity.ERROR) -> None:
        location = session.source or Location(self.spec.path, 1, 1)
        self.diagnostics.append(Diagnostic(subtype, message, location, severity))

    # -- occurrences -------------------------------------------------------------

    def session_occurrence(self, session: Session) -> Occurrence:
        spec = session.spec
        return Occurrence(
            uid=f"session-{session.anchor}",
            role=Role.SESSION,
            kind=session.kind,
            title=spec.title,
            date=session.date,
            start=session.start,
            end=session.end,
            last=session.date,
            week=session.week,
            location=session.location,
            meeting=session.meeting,
            section=session.section,
            host=self.spec.meetings[session.meeting].host,
            session=session,
            cancelled=spec.cancelled,
            changed=session.changed,
            notes=spec.notes,
            source=spec.source,
            tags=spec.tags,
        )

    def slot_occurrence(self, slot: Slot) -> Occurrence:
        start, end = self.span(slot.date, slot.start_time, slot.end_time, slot.meeting.source)
        meeting = slot.meeting
        return Occurrence(
            uid=f"{meeting.id}-{slot.pattern_date.isoformat()}",
            role=Role.MEETING,
            kind=meeting.kind,
            title=slot.title,
            date=slot.date,
            start=start,
            end=end,
            last=slot.date,
            week=self.week(slot.date),
            location=slot.location,
            meeting=meeting.id,
            section=meeting.section,
            host=meeting.host,
            cancelled=slot.cancelled,
            changed=slot.changed,
            notes=slot.note,
            source=meeting.source,
        )

    def closure_occurrence(self, closure: Closure) -> Occurrence:
        return Occurrence(
            uid=f"closure-{closure.id}",
            role=Role.CLOSURE,
            kind=closure.kind,
            title=closure.title,
            date=closure.first,
            start=None,
            end=None,
            last=closure.last,
            week=self.week(closure.first),
            closure=closure,
            source=closure.source,
        )

    def deadline_occurrences(self, deadline: Deadline) -> Iterator[Occurrence]:
        for uid, role, kind, value in (
            (f"deadline-{deadline.id}", Role.DUE, deadline.kind, deadline.due),
            (f"release-{deadline.id}", Role.RELEASE, "release", deadline.released),
        ):
            if value is None:
                continue
            day, moment = split_moment(value)  # the loader gave a moment the course zone
            yield Occurrence(
                uid=uid,
                role=role,
                kind=kind,
                title=deadline.title,
                date=day,
                start=moment,
                end=moment,
                last=day,
                week=self.week(day),
                deadline=deadline,
                notes=deadline.notes,
                source=deadline.source,
            )

    def held_occurrence(self, hold: Hold) -> Occurrence:
        """An event in one meeting's slot: that slot's day, time and room, unless it gives its own."""
        event, meeting, slot = hold.event, hold.meeting, hold.slot
        times = (event.start_time, event.end_time) if event.start_time else (slot.start_time, slot.end_time)
        start, end = self.span(slot.date, *times, event.source)
        return Occurrence(
            uid=f"event-{event.id}-{meeting.id}",
            role=Role.EVENT,
            kind=event.kind,
            title=event.title,
            date=slot.date,
            start=start,
            end=end,
            last=slot.date,
            week=self.week(slot.date),
            location=event.location or slot.location,
            meeting=meeting.id,
            section=meeting.section,
            host=meeting.host,
            event=event,
            changed=slot.changed,
            notes=event.notes,
            source=event.source,
        )

    def event_occurrence(self, event: EventSpec) -> Occurrence:
        start, end = self.span(event.date, event.start_time, event.end_time, event.source)
        if start is not None and event.last != event.date and event.end_time is not None:
            end = self.moment(event.last, event.end_time, event.source)
        return Occurrence(
            uid=f"event-{event.id}",
            role=Role.EVENT,
            kind=event.kind,
            title=event.title,
            date=event.date,
            start=start,
            end=end,
            last=event.last,
            week=self.week(event.date),
            location=event.location,
            event=event,
            notes=event.notes,
            source=event.source,
        )


def past_cap(what: str, later: str, cap: int, where: Location, check: str = "their dates") -> Diagnostic:
    """The error for the first item that takes a course past its cap on calendar entries."""
    return Diagnostic(
        Subtype.RANGE,
        f"{what} takes the course past {cap:,} calendar entries, the most a course may make (a course "
        f"has a few hundred); it and {later} after it are not placed: check {check}, or, for a "
        "department's term, allow more with coursecal_max_entries in conf.py (coursecal --max-entries)",
        where,
    )


def within_cap(spec: ScheduleSpec, cap: int, diagnostics: list[Diagnostic]) -> ScheduleSpec:
    """The spec with its closures, deadlines and one-off events, in that order, within ``cap`` entries.

    Each closure and event is an entry, each deadline two (its release and its due); the first
    item past the cap is reported, and it and every item after it are left out. What is left
    under the cap is the meetings' (``Placer.run``).
    """
    left = cap
    kept: dict[str, Sequence[Closure | Deadline | EventSpec]] = {}
    groups: tuple[tuple[str, str, Sequence[Closure | Deadline | EventSpec], int], ...] = (
        ("closures", "the closures, deadlines and events", spec.closures, 1),
        ("deadlines", "the deadlines and events", spec.deadlines, 2),
        ("events", "the events", spec.events, 1),
    )
    for field_name, later, items, cost in groups:
        fits = min(len(items), max(left, 0) // cost)
        kept[field_name] = items[:fits]
        left -= fits * cost
        if fits < len(items) and left >= 0:  # the first item past the cap; everything after it is left out
            where = items[fits].source or Location(spec.path, 1, 1)
            diagnostics.append(past_cap(f"this {field_name[:-1]}", later, cap, where))
            left = -1
    if all(len(kept[name]) == len(items) for name, _later, items, _cost in groups):
        return spec
    return dataclasses.replace(spec, **kept)  # type: ignore[arg-type]


def place(spec: ScheduleSpec, diagnostics: list[Diagnostic], max_entries: int | None = None) -> Schedule:
    """Place everything the spec describes; problems are appended to ``diagnostics``.

    ``max_entries`` is the most calendar entries the course may make (default ``MAX_OCCURRENCES``).
    """
    sessions: list[Session] = []
    occurrences: list[Occurrence] = []
    cap = MAX_OCCURRENCES if max_entries is None else max_entries
    if spec.course is not None:
        course, spec = spec.course, within_cap(spec, cap, diagnostics)
        sessions, occurrences = Placer(spec, course, diagnostics, cap).run()
        diagnostics.extend(lint(spec, sessions, occurrences))
    return Schedule.build(spec, sessions, occurrences, diagnostics)
