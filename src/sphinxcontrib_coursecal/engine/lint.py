"""What a schedule may legally say but rarely means: each a warning at the line that says it.

These run on the placed course (``place.py`` calls :func:`lint`): a deadline
due on a holiday, an exam written as an event of its own on top of the class
it replaces, a reading for a cancelled class, a paper no session reads, office
hours on a day a closure leaves open. None is an error: each is a documented
:class:`Subtype` a course may silence.

:func:`dead_notes_pages` needs to know the project's documents, which the
schedule alone does not: the Sphinx build and ``coursecal check --project``
call it with what they know.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterable

from .diagnostics import Diagnostic, Location, Severity, Subtype
from .model import Closure, Occurrence, Role, ScheduleSpec, Session
from .scalars import WEEKDAY_NAMES
from .workload import over_ceiling


def lint(spec: ScheduleSpec, sessions: Iterable[Session], occurrences: Iterable[Occurrence]) -> list[Diagnostic]:
    """Every likely mistake of a placed course, in the order of the file's sections."""
    occurrences, sessions = list(occurrences), list(sessions)
    return [
        *closed_days(spec, occurrences),
        *overlaps(occurrences),
        *office_hours_on_closures(spec, occurrences),
        *cancelled_readings(spec),
        *unused_papers(spec),
        *workload(spec, sessions),
    ]


def _warning(
    subtype: Subtype, message: str, where: Location | None, spec: ScheduleSpec, subject: str = ""
) -> Diagnostic:
    return Diagnostic(subtype, message, where or Location(spec.path, 1, 1), Severity.WARNING, subject)


def _day(day: dt.date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}"


def _span(occurrence: Occurrence) -> str:
    start, end = occurrence.start, occurrence.end
    assert start is not None
    return f"{start:%H:%M}" + (f"-{end:%H:%M}" if end is not None and end != start else "")


# -- a day a closure closes ------------------------------------------------------------------


def closing(closures: Iterable[Closure], day: dt.date) -> Closure | None:
    """The closure that closes ``day`` for everyone: no ``cancels`` (every meeting), no swap."""
    return next((c for c in closures if c.first <= day <= c.last and not c.cancels and c.follows is None), None)


def closed_days(spec: ScheduleSpec, occurrences: list[Occurrence]) -> Iterable[Diagnostic]:
    """A deadline due, or a one-off event held, on a holiday."""
    for occurrence in occurrences:
        if occurrence.role is Role.DUE and occurrence.deadline is not None:
            what, item = f"the deadline {occurrence.deadline.id!r} is due", occurrence.deadline.due_source
            fix = "move `due` to a day the course meets, or give the closure `cancels`"
        elif occurrence.role is Role.EVENT and occurrence.event is not None and not occurrence.event.meetings:
            what, item = f"the event {occurrence.event.id!r} is on", occurrence.event.date_source
            fix = "move it, or give the closure `cancels` if the day is open for it"
        else:
            continue
        closure = closing(spec.closures, occurrence.date)
        if closure is None:
            continue
        yield _warning(
            Subtype.CLOSED_DAY,
            f"{what} {_day(occurrence.date)}, which the closure {closure.title!r} closes; {fix}",
            item,
            spec,
        )


# -- an event on top of a class ----------------------------------------------------------------


def _overlap(one: Occurrence, other: Occurrence) -> bool:
    """Whether two timed occurrences share time (instants, not wall clocks; a moment inside a span counts)."""
    assert one.start is not None
    assert other.start is not None
    one_end, other_end = (one.end or one.start).timestamp(), (other.end or other.start).timestamp()
    begin, other_begin = one.start.timestamp(), other.start.timestamp()
    if begin == one_end:  # a moment: during the other's span
        return other_begin <= begin < other_end
    if other_begin == other_end:
        return begin <= other_begin < one_end
    return begin < other_end and other_begin < one_end


def overlaps(occurrences: list[Occurrence]) -> Iterable[Diagnostic]:
    """A one-day timed event that is not held in a meeting, on top of a meeting of its audience.

    A free-standing event belongs to no section, so every section's meetings are
    its audience's. An event held in a meeting (``meeting``/``replaces``) is in its
    slot on purpose; an all-day or several-day event is no overlap.
    """
    classes: dict[dt.date, list[Occurrence]] = {}
    for occurrence in occurrences:
        if (
            occurrence.role in (Role.SESSION, Role.MEETING)
            and occurrence.start is not None
            and not occurrence.cancelled
        ):
            classes.setdefault(occurrence.date, []).append(occurrence)
    for occurrence in occurrences:
        event = occurrence.event
        if event is None or event.meetings or occurrence.start is None or event.last != event.date:
            continue
        hit = [other for other in classes.get(occurrence.date, []) if _overlap(occurrence, other)]
        if not hit:
            continue
        met = list(dict.fromkeys(other.meeting for other in hit))
        kinds = {other.kind for other in hit}
        names = list(kinds) if len(kinds) == 1 and len(met) > 1 else met  # four lecture sections: `lecture`
        name = names[0] if len(names) == 1 else f"[{', '.join(names)}]"
        shown = ", ".join(f"{other.meeting!r} at {_span(other)}" for other in hit)
        yield Diagnostic(
            Subtype.OVERLAP,
            f"the event {event.id!r} ({_day(occurrence.date)}, {_span(occurrence)}) overlaps {shown}, so both "
            f"are on the calendar; if it takes the class's place, write `replaces: {name}` (a plan on it moves "
            f"on by one class), or `meeting: {name}` if it is held during it",
            event.source or Location("", 1, 1),
            Severity.WARNING,
        )


# -- office hours a closure leaves open ---------------------------------------------------------


def office_hours_on_closures(spec: ScheduleSpec, occurrences: list[Occurrence]) -> Iterable[Diagnostic]:
    """Office hours on a day a closure covers whose ``cancels`` names other meetings, not them.

    A ``changes`` entry for that day says the staff looked at it: it is not reported.
    """
    open_days: dict[tuple[str, str], list[dt.date]] = {}  # (closure id, meeting id): days
    for occurrence in occurrences:
        if occurrence.role is not Role.MEETING or occurrence.kind != "office-hours" or occurrence.cancelled:
            continue
        if occurrence.changed:
            continue
        meeting = spec.meetings.get(occurrence.meeting)
        for closure in spec.closures:
            covers = closure.first <= occurrence.date <= closure.last and closure.follows is None
            if meeting is not None and covers and closure.cancels and not closure.affects(meeting):
                open_days.setdefault((closure.id, meeting.id), []).append(occurrence.date)
    closures = {closure.id: closure for closure in spec.closures}
    for (closure_id, meeting_id), days in open_days.items():
        closure, meeting = closures[closure_id], spec.meetings[meeting_id]
        yield _warning(
            Subtype.OFFICE_HOURS_ON_CLOSURE,
            f"the closure {closure.title!r} cancels only {', '.join(closure.cancels)}, so {meeting.title!r} "
            f"({meeting_id}) still meets on {', '.join(_day(day) for day in days)}; if it does not, add "
            f"{meeting_id!r} to `cancels`; if it does, give the meeting a `changes` entry for that date "
            "(a `note` will do)",
            closure.source,
            spec,
        )


# -- readings ---------------------------------------------------------------------------------


def cancelled_readings(spec: ScheduleSpec) -> Iterable[Diagnostic]:
    """Each reading of a cancelled session, at the reading's line."""
    for plan in spec.plans.values():
        for session in plan:
            if not session.cancelled:
                continue
            for reading in session.readings:
                name = repr(reading.paper) if reading.paper else repr(reading.title)
                yield _warning(
                    Subtype.CANCELLED_READING,
                    f"the session {session.id!r} is cancelled, yet assigns {name}: students see a reading for a "
                    "class that does not take place; move it to another session, or remove `cancelled`",
                    reading.source or session.source,
                    spec,
                )


def unused_papers(spec: ScheduleSpec) -> Iterable[Diagnostic]:
    """Papers of the library no session reads (a BibTeX file is often a shared library: not those).

    The paper's key is the diagnostic's ``subject``: a layer that sees the pages
    drops those a page cites.
    """
    assigned = {reading.paper for plan in spec.plans.values() for session in plan for reading in session.readings}
    for key, paper in spec.papers.items():
        if key in assigned or (paper.source is not None and paper.source.path.lower().endswith(".bib")):
            continue
        yield _warning(
            Subtype.UNUSED_PAPER,
            f"the paper {key!r} is in the library, but no session reads it; add it to a session's `readings`, "
            "cite it with :paper: in a page, or remove it",
            paper.source,
            spec,
            subject=key,
        )


def workload(spec: ScheduleSpec, sessions: list[Session]) -> Iterable[Diagnostic]:
    """A week over a ceiling of ``course.workload`` (``workload.py`` sums the weeks)."""
    if spec.course is None:
        return []
    return over_ceiling(spec.course, spec.papers, sessions, spec.deadlines, spec.path)


# -- notes pages, given the project's documents -----------------------------------------------


def dead_notes_pages(sessions: Iterable[Session], exists: Callable[[str], bool]) -> list[Diagnostic]:
    """Sessions whose ``page`` names no document (``exists`` says which document names do)."""
    found = []
    seen: set[str] = set()
    for session in sessions:
        page = session.spec.page
        if not page or session.id in seen or exists(page):
            continue
        seen.add(session.id)  # a session of several sections' shared plan: once
        normal = posixpath.normpath(page)
        hint = (
            "give a document name relative to the source folder, such as notes/intro"
            if normal.startswith(("/", "..")) or "\\" in page
            else "check its spelling, or add the document"
        )
        found.append(
            Diagnostic(
                Subtype.NOTES_PAGE,
                f"the session {session.id!r} names the notes page {page!r}, which is no document of "
                f"this project; {hint}",
                session.spec.source or Location("", 1, 1),
                Severity.WARNING,
            )
        )
    return found
