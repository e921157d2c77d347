"""Properties of placement on random, structurally valid schedules, and fuzzing of the loader.

The generator writes schedules as a course's staff would (``yaml.safe_dump`` of
a dict): a term within 2024-2027, a zone from a list that includes odd offsets
and half-hour DST shifts, weekly meetings with random days, times and ``every``,
closures (days and ranges, some with ``cancels``, some with ``follows``), and a
lecture plan with some sessions pinned. The properties are the format's promises
(``schedule-format.md``), checked against the generated dict, not the engine's
own records.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import itertools
import re
import signal
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxcontrib_coursecal.engine import Diagnostic, Schedule, Severity, Subtype, load_schedule, load_schedule_text
from sphinxcontrib_coursecal.ics import build_calendar

from .ics_readers import unescape

settings.register_profile(
    "coursecal-properties",
    deadline=None,  # the first load imports zoneinfo data; timing is checked by the budget below
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
PROFILE = settings.get_profile("coursecal-properties")

ZONES = [
    "America/Los_Angeles",
    "Europe/London",
    "Australia/Lord_Howe",  # DST shift of 30 minutes
    "Asia/Kolkata",  # +05:30, no DST
    "America/New_York",
    "Pacific/Chatham",  # +12:45 / +13:45
    "America/St_Johns",  # -03:30 / -02:30
    "UTC",
]
DAY_NAMES = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
]
FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2027, 12, 31)
EXAMPLE = Path(__file__).resolve().parent.parent / "example_course" / "schedule.yaml"


@dataclass
class Meeting:
    id: str
    kind: str
    days: set[int]
    timed: bool
    first: dt.date
    last: dt.date
    every: int = 1
    skip: set[dt.date] = field(default_factory=set)


@dataclass
class ClosureModel:
    first: dt.date
    last: dt.date
    cancels: list[str] | None = None  # None: every meeting
    follows: int | None = None

    def cancels_meeting(self, meeting: Meeting) -> bool:
        return self.cancels is None or meeting.id in self.cancels or meeting.kind in self.cancels


@dataclass
class Generated:
    """A schedule as YAML text, with the facts the properties check against."""

    text: str
    zone: str
    start: dt.date
    end: dt.date
    meetings: dict[str, Meeting]
    closures: list[ClosureModel]
    pinned: dict[int, dt.date]  # plan index -> pinned date
    plan_size: int
    doc: dict[str, Any] = field(default_factory=dict)  # what was dumped, for tests that change one field


def day_name(draw: st.DrawFn, weekday: int) -> str:
    short, full = DAY_NAMES[weekday]
    name = draw(st.sampled_from([short, full]))
    return draw(st.sampled_from([name, name.lower(), name.upper()]))


def clock(minutes: int, style: str) -> str:
    """``minutes`` after midnight as "HH:MM", "h:mm am" or "h:mm PM"."""
    hour, minute = divmod(minutes, 60)
    if style == "24h":
        return f"{hour:02d}:{minute:02d}"
    text = f"{hour % 12 or 12}:{minute:02d} {'am' if hour < 12 else 'pm'}"
    return text.upper() if style == "AM" else text


def date_in(draw: st.DrawFn, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=draw(st.integers(0, (last - first).days)))


def as_written(draw: st.DrawFn, day: dt.date) -> dt.date | str:
    """A date as a ``date`` (dumped unquoted) or as a string (dumped quoted)."""
    return day if draw(st.booleans()) else day.isoformat()


@st.composite
def schedules(draw: st.DrawFn) -> Generated:
    zone = draw(st.sampled_from(ZONES))
    start = date_in(draw, FIRST_DAY, dt.date(2027, 10, 1))
    end = min(start + dt.timedelta(days=draw(st.integers(6, 110))), LAST_DAY)
    doc: dict[str, Any] = {
        "version": 1,
        "course": {"id": "prop-101", "title": "Properties", "timezone": zone, "start": start, "end": end},
    }

    meetings: dict[str, Meeting] = {}
    written_meetings: dict[str, Any] = {}
    extra = draw(st.lists(st.sampled_from(["section", "lab", "office-hours", "lecture-b"]), unique=True, max_size=3))
    for meeting_id in ["lecture", *extra]:
        kind = "lecture" if meeting_id.startswith("lecture") else meeting_id
        days = set(draw(st.lists(st.integers(0, 6), min_size=1, max_size=3, unique=True)))
        ordered = sorted(days)
        written: dict[str, Any] = {"kind": kind}
        if len(ordered) == 1 and draw(st.booleans()):
            written["days"] = day_name(draw, ordered[0])
        else:
            written["days"] = [day_name(draw, d) for d in ordered]
        timed = draw(st.integers(0, 4)) > 0
        if timed:
            begin = draw(st.integers(0, 22 * 60 + 30).map(lambda m: m - m % 5))
            length = draw(st.integers(20, 180))
            finish = min(begin + length, 23 * 60 + 59)
            style = draw(st.sampled_from(["24h", "24h", "am", "AM"]))
            written["time"] = f"{clock(begin, style)}-{clock(finish, style)}"
        first, last = start, end
        if draw(st.integers(0, 3)) == 0:
            first = date_in(draw, start, end)
            written["from"] = as_written(draw, first)
        if draw(st.integers(0, 3)) == 0:
            last = date_in(draw, first, end)
            written["until"] = as_written(draw, last)
        every = draw(st.sampled_from([1, 1, 1, 2, 3]))
        if every > 1 or draw(st.booleans()):
            written["every"] = every
        skip: set[dt.date] = set()
        if draw(st.integers(0, 3)) == 0:
            skip = {date_in(draw, start, end) for _ in range(draw(st.integers(1, 3)))}
            written["skip"] = [as_written(draw, d) for d in sorted(skip)]
        if meeting_id == "lecture-b":
            written["section"] = "B"
        written_meetings[meeting_id] = written
        meetings[meeting_id] = Meeting(meeting_id, kind, days, timed, first, last, every, skip)
    doc["meetings"] = written_meetings

    closures: list[ClosureModel] = []
    written_closures: list[dict[str, Any]] = []
    for number in range(draw(st.integers(0, 4))):
        first = date_in(draw, start, end)
        item: dict[str, Any] = {"title": f"Closure {number}"}
        model = ClosureModel(first, first)
        shape = draw(st.sampled_from(["day", "range", "follows"]))
        if shape == "range":
            last = min(first + dt.timedelta(days=draw(st.integers(0, 9))), end)
            item["from"], item["to"] = as_written(draw, first), as_written(draw, last)
            model.last = last
        else:
            item["date"] = as_written(draw, first)
        if shape == "follows":
            model.follows = draw(st.integers(0, 6))
            item["follows"] = day_name(draw, model.follows)
        elif draw(st.booleans()):
            pool = sorted({*meetings, *(m.kind for m in meetings.values())})
            model.cancels = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
            item["cancels"] = model.cancels
        closures.append(model)
        written_closures.append(item)
    empty_list_too = draw(st.booleans())
    if written_closures or empty_list_too:
        doc["closures"] = written_closures

    plan_size = draw(st.integers(0, 24))
    pinned: dict[int, dt.date] = {}
    sessions: list[dict[str, Any]] = []
    for index in range(plan_size):
        session: dict[str, Any] = {"title": f"Session {index + 1}"}
        if draw(st.booleans()):
            session["id"] = f"s{index + 1}"
        if draw(st.integers(0, 7)) == 0:
            day = date_in(draw, start, end)
            if day not in pinned.values():
                pinned[index] = day
                session["date"] = as_written(draw, day)
        sessions.append(session)
    doc["sessions"] = sessions

    deadlines = []
    for number in range(draw(st.integers(0, 3))):
        due = date_in(draw, start, end)
        if draw(st.booleans()):
            deadlines.append({"id": f"hw{number}", "title": f"HW{number}", "due": as_written(draw, due)})
        else:
            deadlines.append({"id": f"hw{number}", "title": f"HW{number}", "due": f"{due.isoformat()} 23:59"})
    if deadlines:
        doc["deadlines"] = deadlines

    return Generated(
        text=yaml.safe_dump(doc, sort_keys=False, allow_unicode=True),
        zone=zone,
        start=start,
        end=end,
        meetings=meetings,
        closures=closures,
        pinned=pinned,
        plan_size=plan_size,
        doc=doc,
    )


def meets(generated: Generated, meeting: Meeting, day: dt.date) -> bool:
    """Whether the format lets ``meeting`` meet on ``day`` (``every`` aside).

    Closures cancel the meetings they name (all without ``cancels``); a ``follows``
    day runs the named weekday's meetings instead of its own; ``skip`` removes a day.
    """
    if not (meeting.first <= day <= meeting.last and generated.start <= day <= generated.end):
        return False
    if day in meeting.skip:
        return False
    weekday = day.weekday()
    for closure in generated.closures:
        if closure.first <= day <= closure.last:
            if closure.follows is not None:
                weekday = closure.follows
            elif closure.cancels_meeting(meeting):
                return False
    return weekday in meeting.days


def free_slots(generated: Generated, meeting: Meeting) -> list[dt.date]:
    days = (generated.end - generated.start).days + 1
    every_day = (generated.start + dt.timedelta(days=n) for n in range(days))
    return [day for day in every_day if meets(generated, meeting, day)]


def describe(schedule: Schedule) -> str:
    return "\n".join(str(d) for d in schedule.diagnostics)


ALLOWED_ON_VALID = {Subtype.OVERFULL, Subtype.CONFLICT}
# Legal but likely mistakes (engine/lint.py), always warnings: random dates fall on closures and so on.
LINT = {
    Subtype.CLOSED_DAY,
    Subtype.OVERLAP,
    Subtype.CANCELLED_READING,
    Subtype.UNUSED_PAPER,
    Subtype.OFFICE_HOURS_ON_CLOSURE,
}


def is_stray_skip(diagnostic: Diagnostic) -> bool:
    """Warnings a random but valid schedule may earn: a skip on no meeting day, a span in a DST gap, lint."""
    return diagnostic.severity is Severity.WARNING and (
        diagnostic.subtype in LINT
        or (diagnostic.subtype is Subtype.VALUE and " skips " in diagnostic.message)
        or (diagnostic.subtype is Subtype.RANGE and "the clocks in" in diagnostic.message)
    )


@settings(PROFILE, max_examples=300)
@given(schedules())
def test_placement_keeps_the_formats_promises(generated: Generated) -> None:
    schedule = load_schedule_text(generated.text)  # must not raise
    zone = ZoneInfo(generated.zone)
    context = f"\n--- schedule ---\n{generated.text}--- diagnostics ---\n{describe(schedule)}"

    # A valid schedule gets no diagnostics but "too many sessions", "two pins on one slot",
    # and the warning for a `skip` date that is no meeting day (the generator draws any date).
    unexpected = [d for d in schedule.diagnostics if not is_stray_skip(d)]
    assert {d.subtype for d in unexpected} <= ALLOWED_ON_VALID, context
    overfull = any(d.subtype is Subtype.OVERFULL for d in schedule.diagnostics)
    conflict = any(d.subtype is Subtype.CONFLICT for d in schedule.diagnostics)

    lecture_meetings = [m for m in generated.meetings.values() if m.kind == "lecture"]
    by_meeting: dict[str, list[Any]] = defaultdict(list)
    for session in schedule.sessions:
        assert session.meeting in generated.meetings, context
        by_meeting[session.meeting].append(session)
    assert set(by_meeting) <= {m.id for m in lecture_meetings}, context
    if not overfull and not conflict:
        for meeting in lecture_meetings:
            assert len(by_meeting[meeting.id]) == generated.plan_size, context
    if not generated.pinned:
        for meeting in lecture_meetings:
            if meeting.every != 1:
                continue
            # Without pins, the plan takes the first free slots, in order, and is overfull
            # exactly when it has more sessions than the meeting has free slots.
            slots = free_slots(generated, meeting)
            placed_dates = [s.date for s in sorted(by_meeting[meeting.id], key=lambda s: s.spec.index)]
            assert placed_dates == slots[: generated.plan_size], f"{meeting.id}: free slots {slots}{context}"
            if generated.plan_size > len(slots):
                assert overfull, context
        if all(m.every == 1 for m in lecture_meetings):
            fits = all(generated.plan_size <= len(free_slots(generated, m)) for m in lecture_meetings)
            assert overfull != fits, context

    for meeting_id, placed in by_meeting.items():
        meeting = generated.meetings[meeting_id]
        placed.sort(key=lambda s: s.spec.index)
        for session in placed:
            pinned = generated.pinned.get(session.spec.index)
            assert (session.spec.date is not None) == (pinned is not None), context
            if pinned is not None:
                assert session.date == pinned, context
                continue
            assert generated.start <= session.date <= generated.end, context
            assert meeting.first <= session.date <= meeting.last, context
            assert meets(generated, meeting, session.date), (
                f"{session.title} placed on {session.date}, a day without {meeting_id}{context}"
            )
        # Plan order: an unpinned session comes no earlier than the session before it.
        for before, after in itertools.pairwise(placed):
            if after.spec.date is None:
                assert after.date >= before.date, f"{after.title} before {before.title}{context}"
        # One slot, one session (unless a pin was put on a taken slot, which is reported).
        on_day: dict[dt.date, list[Any]] = defaultdict(list)
        for session in placed:
            on_day[session.date].append(session)
        for day, together in on_day.items():
            if len(together) > 1:
                assert conflict, f"{[s.title for s in together]} share {meeting_id} on {day}{context}"
                assert sum(s.spec.date is None for s in together) <= 1, context

    for occurrence in schedule.occurrences:
        assert occurrence.last >= occurrence.date, context
        if occurrence.start is None:
            assert occurrence.end is None, context
            continue
        start = occurrence.start
        assert start.tzinfo is not None, context
        assert start.utcoffset() == start.replace(tzinfo=zone).utcoffset(), f"{occurrence} not in {zone}{context}"
        assert start.date() == occurrence.date, context
        if occurrence.end is not None:
            assert occurrence.end.tzinfo is not None, context
            assert occurrence.end.timestamp() >= start.timestamp(), f"{occurrence} ends before it starts{context}"
        if occurrence.closure is not None:
            raise AssertionError(f"a closure has a start time: {occurrence}{context}")

    for occurrence in schedule.occurrences:
        if occurrence.closure is not None:
            assert occurrence.all_day, context
        of = generated.meetings.get(occurrence.meeting)
        if occurrence.session is not None and of is not None and not of.timed:
            assert occurrence.start is None, context
            assert occurrence.session.start is None, context


# ---------------------------------------------------------------------------- fuzzing


def line_count(text: str) -> int:
    return max(1, len(text.splitlines()))


def assert_lines_within(schedule: Schedule, text: str, path: str) -> None:
    last = line_count(text) + 1  # a parser may point just past the final newline
    for diagnostic in schedule.diagnostics:
        assert diagnostic.message.strip(), diagnostic
        assert diagnostic.location.column >= 1, diagnostic
        if diagnostic.location.path == path:
            assert 1 <= diagnostic.location.line <= last, f"{diagnostic} (file has {last - 1} lines)"


YAMLISH = st.sampled_from(
    [
        ":", "- ", "  ", "\t", "\n", "'", '"', "{", "}", "[", "]", "&a ", "*a", "!!", "!tag ", "? ", "|", ">",
        "#", ",", "---\n", "...\n", "course", "sessions", "meetings", "days", "time", "10:00", "2025-13-01",
        "no", "~", "<<: ", "%YAML 1.1\n", "\ufeff", "\x85", "\u2028", "\r", "\x00", "é",
    ]
)  # fmt: skip


@settings(PROFILE, max_examples=150)
@given(st.one_of(st.text(max_size=400), st.lists(YAMLISH, max_size=60).map("".join)))
def test_garbage_text_never_raises(text: str) -> None:
    schedule = load_schedule_text(text, "garbage.yaml")
    assert_lines_within(schedule, text, "garbage.yaml")
    assert schedule.diagnostics, "garbage passed as a schedule"


@settings(PROFILE, max_examples=100)
@given(st.binary(max_size=400))
def test_garbage_bytes_never_raise(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schedule.yaml"
        path.write_bytes(data)
        schedule = load_schedule(path)
    text = data.decode("utf-8", errors="replace")
    assert_lines_within(schedule, text, str(path))
    assert schedule.diagnostics


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """A valid schedule with a few lines deleted, duplicated, re-indented, swapped or cut."""
    base = EXAMPLE.read_text(encoding="utf-8") if draw(st.integers(0, 3)) == 0 else draw(schedules()).text
    lines = base.splitlines()
    done = []
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "tab", "swap", "cut", "insert"]))
        done.append(f"{operation}@{at + 1}")
        if operation == "delete":
            del lines[at]
        elif operation == "duplicate":
            lines.insert(at, lines[at])
        elif operation == "indent":
            lines[at] = " " * draw(st.integers(1, 4)) + lines[at]
        elif operation == "dedent":
            lines[at] = lines[at][draw(st.integers(1, 4)) :]
        elif operation == "tab":
            lines[at] = "\t" + lines[at].lstrip(" ")
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        else:
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(YAMLISH) + lines[at][column:]
    return "\n".join(lines) + "\n", " ".join(done)


@settings(PROFILE, max_examples=150)
@given(mutated())
def test_mutated_schedules_never_raise(case: tuple[str, str]) -> None:
    text, _operations = case
    path = str(EXAMPLE)  # so papers.yaml of the example resolves
    schedule = load_schedule_text(text, path)
    assert_lines_within(schedule, text, path)


# ----------------------------------------------------- hostile values in every field

# The hostile corpus (tests/test_hostile.py) holds one case per trap; these properties
# try the traps in every field of a random valid schedule. Each is derandomized, so
# a property that fails today fails on every run, and its strict xfail stays honest.
HOSTILE_PROFILE = settings(PROFILE, max_examples=80, derandomize=True)
EXAMPLE_SECONDS = 2.0  # CPU time for one example: a date in year 9999 must fail, not hang


@contextlib.contextmanager
def cpu_budget(seconds: float = EXAMPLE_SECONDS) -> Iterator[None]:
    """Stop an example that computes longer than ``seconds`` of CPU time: a failure, not a hang
    (placing a meeting `until: 9999-12-31` grows for minutes and gigabytes)."""

    def stop(signum: int, frame: Any) -> None:
        raise TimeoutError(f"more than {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


EXTREME_DAYS = [
    dt.date.min,
    dt.date(1, 1, 2),
    dt.date(1000, 12, 31),
    dt.date(9000, 1, 1),
    dt.date(9999, 12, 30),
    dt.date.max,
]
# Characters no single-line field may hold: C0 and C1 controls, DEL, line and paragraph
# separators (line breaks to PyYAML and to feeds), and a right-to-left override.
HOSTILE_CHARS = [chr(c) for c in range(0x20) if c != 0x09] + ["\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\u202e"]
TOKEN = "HOSTILE7F3A"


def extreme_dates() -> st.SearchStrategy[dt.date]:
    """Year 1 and year 9999, and the centuries around them: no term is there."""
    return st.one_of(
        st.sampled_from(EXTREME_DAYS),
        st.dates(max_value=dt.date(1000, 12, 31)),
        st.dates(min_value=dt.date(9000, 1, 1)),
    )


def hostile_text() -> st.SearchStrategy[str]:
    """Ordinary text with at least one control character, separator, override or lone surrogate."""
    plain = st.text(alphabet=st.characters(categories=["L", "N", "Zs", "P"]), max_size=8)
    trap = st.one_of(st.sampled_from(HOSTILE_CHARS), st.characters(categories=["Cs"]))
    return st.tuples(plain, trap, plain).map("".join)


def any_text() -> st.SearchStrategy[str]:
    """Anything a YAML string can hold, surrogates and controls included."""
    return st.text(alphabet=st.characters(codec=None, categories=None), max_size=30)


def _session(doc: dict[str, Any]) -> dict[str, Any]:
    if not doc["sessions"]:
        doc["sessions"].append({"title": "Session 1"})
    session: dict[str, Any] = doc["sessions"][0]
    return session


def _deadline(doc: dict[str, Any]) -> dict[str, Any]:
    doc.setdefault("deadlines", [])
    if not doc["deadlines"]:
        doc["deadlines"].append({"id": "hw0", "title": "HW0", "due": doc["course"]["start"]})
    deadline: dict[str, Any] = doc["deadlines"][0]
    return deadline


def _event(doc: dict[str, Any]) -> dict[str, Any]:
    doc["events"] = [{"title": "Review", "date": doc["course"]["start"], "time": "10:00-11:00"}]
    event: dict[str, Any] = doc["events"][0]
    return event


def _closure(doc: dict[str, Any]) -> dict[str, Any]:
    doc["closures"] = [{"title": "Break", "date": doc["course"]["start"]}]
    closure: dict[str, Any] = doc["closures"][0]
    return closure


def _paper(doc: dict[str, Any]) -> dict[str, Any]:
    doc["papers"] = {"p1": {"title": "A paper", "year": 2020}}
    _session(doc)["readings"] = ["p1"]
    paper: dict[str, Any] = doc["papers"]["p1"]
    return paper


def _rename(mapping: dict[str, Any], old: str, new: str) -> None:
    items = [(new if key == old else key, value) for key, value in mapping.items()]
    mapping.clear()
    mapping.update(items)


def _set(place: Callable[[dict[str, Any]], dict[str, Any]], key: str) -> Callable[[dict[str, Any], Any], None]:
    def setter(doc: dict[str, Any], value: Any) -> None:
        place(doc)[key] = value

    return setter


def _people(doc: dict[str, Any]) -> dict[str, Any]:
    doc["people"] = {"ann": {"name": "Ann", "role": "TA"}}
    _session(doc)["guests"] = ["ann"]
    person: dict[str, Any] = doc["people"]["ann"]
    return person


def _kinds(doc: dict[str, Any]) -> dict[str, Any]:
    doc["kinds"] = {"lecture": {"label": "Lecture", "color": "#4b2e83"}}
    kind: dict[str, Any] = doc["kinds"]["lecture"]
    return kind


def _units(doc: dict[str, Any]) -> dict[str, Any]:
    doc["units"] = [{"id": "u1", "title": "Unit"}]
    _session(doc)["unit"] = "u1"
    unit: dict[str, Any] = doc["units"][0]
    return unit


def _reading(doc: dict[str, Any]) -> dict[str, Any]:
    reading: dict[str, Any] = {"title": "Extra reading", "url": "https://example.org/r"}
    _session(doc)["readings"] = [reading]
    return reading


def _link(doc: dict[str, Any], label: Any = "Slides", url: Any = "https://example.org/s") -> None:
    _session(doc)["links"] = {label: url}


def _key(
    prepare: Callable[[dict[str, Any]], Any], mapping: Callable[[dict[str, Any]], dict[str, Any]], old: str
) -> Callable[[dict[str, Any], Any], None]:
    """A setter for a mapping key: the entry ``old`` gets the new key, its value unchanged."""

    def setter(doc: dict[str, Any], value: Any) -> None:
        prepare(doc)
        _rename(mapping(doc), old, value)

    return setter


def _meetings(doc: dict[str, Any]) -> dict[str, Any]:
    meeting: dict[str, Any] = doc["meetings"]["lecture"]
    return meeting


def _course(doc: dict[str, Any]) -> dict[str, Any]:
    course: dict[str, Any] = doc["course"]
    return course


# Every single-line field of the format, and how to put a value in it.
SINGLE_LINE_FIELDS: dict[str, Callable[[dict[str, Any], Any], None]] = {
    **{
        f"course.{key}": _set(_course, key) for key in ("id", "code", "title", "term", "institution", "location", "url")
    },
    "course.timezone": _set(_course, "timezone"),
    "meeting id": _key(_meetings, lambda doc: doc["meetings"], "lecture"),
    **{f"meeting.{key}": _set(_meetings, key) for key in ("title", "location", "section", "host")},
    **{f"session.{key}": _set(_session, key) for key in ("id", "title", "location", "unit", "page", "notes", "kind")},
    "session.tags": lambda doc, value: _session(doc).__setitem__("tags", [value]),
    "session.guests": lambda doc, value: _session(doc).__setitem__("guests", [value]),
    **{f"reading.{key}": _set(_reading, key) for key in ("title", "url", "label", "text", "note")},
    "link label": lambda doc, value: _link(doc, label=value),
    "link url": lambda doc, value: _link(doc, url=value),
    **{f"deadline.{key}": _set(_deadline, key) for key in ("id", "title", "notes", "url", "kind")},
    **{f"event.{key}": _set(_event, key) for key in ("id", "title", "location", "url")},
    **{f"closure.{key}": _set(_closure, key) for key in ("id", "title")},
    **{f"unit.{key}": _set(_units, key) for key in ("id", "title")},
    "person key": _key(_people, lambda doc: doc["people"], "ann"),
    **{f"person.{key}": _set(_people, key) for key in ("name", "role", "url", "email")},
    "kind key": _key(_kinds, lambda doc: doc["kinds"], "lecture"),
    **{f"kind.{key}": _set(_kinds, key) for key in ("label", "color")},
    "paper key": _key(_paper, lambda doc: doc["papers"], "p1"),
    **{f"paper.{key}": _set(_paper, key) for key in ("title", "venue", "short", "doi", "url")},
    "paper.authors": lambda doc, value: _paper(doc).__setitem__("authors", [value]),
}
# Every date of the format.
DATE_FIELDS: dict[str, Callable[[dict[str, Any], Any], None]] = {
    "course.start": _set(_course, "start"),
    "course.end": _set(_course, "end"),
    "meeting.from": _set(_meetings, "from"),
    "meeting.until": _set(_meetings, "until"),
    "meeting.skip": lambda doc, value: _meetings(doc).__setitem__("skip", [value]),
    "closure.date": _set(_closure, "date"),
    "session.date": _set(_session, "date"),
    "deadline.due": _set(_deadline, "due"),
    "deadline.released": _set(_deadline, "released"),
    "deadline.was": _set(_deadline, "was"),
    "event.date": _set(_event, "date"),
    "event.to": _set(_event, "to"),
}


def with_field(generated: Generated, setter: Callable[[dict[str, Any], Any], None], value: Any) -> tuple[str, int]:
    """The schedule with one field set to ``value``, and the line that field is on."""
    doc = copy.deepcopy(generated.doc)
    setter(doc, TOKEN)
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=10**9)
    at = text.index(TOKEN)
    line = text.count("\n", 0, at) + 1
    if isinstance(value, dt.date):
        written = value.isoformat()
    else:  # one double-quoted line, every character that needs it escaped (\n, \x01, \ud800)
        written = yaml.safe_dump(value, default_style='"', width=10**9, allow_unicode=True).removesuffix("\n...\n")
        written = written.rstrip("\n")
    return text[:at] + written + text[at + len(TOKEN) :], line


def load_all(text: str) -> tuple[Schedule, bytes]:
    with cpu_budget():
        schedule = load_schedule_text(text, "hostile.yaml")
        return schedule, build_calendar(schedule).to_ical()


def editor_line_count(text: str) -> int:
    """Lines as an editor shows them: LF, CRLF and CR end a line; U+2028 and U+0085 do not."""
    return len(re.split(r"\r\n|\r|\n", text))


def lines_are_real(schedule: Schedule, text: str) -> list[str]:
    last = editor_line_count(text)
    return [
        str(d) for d in schedule.diagnostics if d.location.path == "hostile.yaml" and not 1 <= d.location.line <= last
    ]


@HOSTILE_PROFILE
@given(schedules(), st.sampled_from(sorted(SINGLE_LINE_FIELDS)), st.one_of(any_text(), hostile_text()))
def test_the_loader_takes_anything_in_a_single_line_field(generated: Generated, name: str, value: str) -> None:
    """Loading and placing never raise, and every diagnostic is at a line the file has."""
    text, _line = with_field(generated, SINGLE_LINE_FIELDS[name], value)
    with cpu_budget():
        schedule = load_schedule_text(text, "hostile.yaml")
    assert not lines_are_real(schedule, text), f"{name} = {value!r}"


@HOSTILE_PROFILE
@given(schedules(), st.sampled_from(sorted(SINGLE_LINE_FIELDS)), st.one_of(any_text(), hostile_text()))
def test_the_feed_takes_anything_in_a_single_line_field(generated: Generated, name: str, value: str) -> None:
    """The feed of any schedule is written, and is valid iCalendar."""
    text, _line = with_field(generated, SINGLE_LINE_FIELDS[name], value)
    _schedule, feed = load_all(text)
    problems = ics_problems(feed)
    assert not problems, f"{name} = {value!r}: {problems}"


@HOSTILE_PROFILE
@given(schedules(), st.sampled_from(sorted(SINGLE_LINE_FIELDS)), hostile_text())
def test_control_characters_are_reported_at_their_line(generated: Generated, name: str, value: str) -> None:
    """A single-line field holding a control character (or a lone surrogate) gets a diagnostic at its line."""
    text, line = with_field(generated, SINGLE_LINE_FIELDS[name], value)
    with cpu_budget():
        schedule = load_schedule_text(text, "hostile.yaml")
    assert any(d.location.line == line for d in schedule.diagnostics), (
        f"{name} = {value!r} (line {line}) passed:\n{describe(schedule)}"
    )


@HOSTILE_PROFILE
@given(schedules(), st.sampled_from(sorted(DATE_FIELDS)), extreme_dates())
def test_extreme_dates_are_reported_and_never_crash(generated: Generated, name: str, day: dt.date) -> None:
    """A date centuries from any term is a located range diagnostic; nothing overflows."""
    text, line = with_field(generated, DATE_FIELDS[name], day)
    schedule, feed = load_all(text)
    assert not lines_are_real(schedule, text)
    assert not ics_problems(feed)
    near = {line} | ({line - 1, line + 1} if name in ("course.start", "course.end") else set())
    assert any(d.subtype is Subtype.RANGE and d.location.line in near for d in schedule.diagnostics), (
        f"{name} = {day} (line {line}):\n{describe(schedule)}"
    )


READ_BACK = """\
version: 1
course: {id: c1, code: C1, term: %s, timezone: UTC, start: 2025-09-22, end: 2025-10-03}
meetings:
  lecture: {days: [Mon, Tue, Wed, Thu, Fri], time: "10:00-11:00"}
sessions:
  - {title: %s, location: %s}
"""


@HOSTILE_PROFILE
@given(st.lists(st.text(alphabet="\\,;:nN\"' ab", min_size=1, max_size=12), min_size=3, max_size=3))
def test_printable_text_reads_back_from_the_feed(texts: list[str]) -> None:
    """Backslashes, commas, semicolons and colons in a title, a location and the term come back
    from the feed as written, decoded by RFC 5545's rules: by icalendar's reader for the
    properties it knows, by the rule itself (3.3.11) for X-WR-CALNAME, whose type icalendar
    does not know (an X- property's default type is TEXT, 3.8.8.2)."""
    term, title, location = (f"T {text} T" for text in texts)
    quoted = [yaml.safe_dump(value, default_style='"', width=10**9).removesuffix("\n...\n").strip() for value in texts]
    schedule, feed = load_all(READ_BACK % tuple(f'"T {q[1:-1]} T"' for q in quoted))
    assert schedule.diagnostics == (), describe(schedule)
    calendar = icalendar.Calendar.from_ical(feed)
    event = next(e for e in calendar.walk("VEVENT") if str(e.get("UID", "")).startswith("session-"))
    assert (str(event["SUMMARY"]), str(event["LOCATION"])) == (f"C1 Lecture: {title}", location)
    assert unescape(str(calendar["X-WR-CALNAME"])) == f"C1 {term}"


def ics_problems(feed: bytes) -> list[str]:
    """Content lines with a raw line break or control character, or a feed icalendar cannot read."""
    problems = []
    try:
        text = feed.decode("utf-8")
    except UnicodeDecodeError as error:
        return [str(error)]
    for raw in text.split("\r\n"):
        if re.search(r"[\x00-\x08\x0a-\x1f\x7f]", raw):
            problems.append(repr(raw[:80]))
    try:
        icalendar.Calendar.from_ical(feed)
    except Exception as error:  # any failure to read is the finding
        problems.append(f"icalendar: {error}")
    return problems
