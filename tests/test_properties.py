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

import datetime as dt
import itertools
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxcontrib_coursecal.engine import Diagnostic, Schedule, Severity, Subtype, load_schedule, load_schedule_text

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
