"""Independent consumers read the feeds: the same events, at the same instants, as the engine and the page.

Four readers (tests/ics_readers.py): recurring-ical-events, vobject
(``validate=True``), Home Assistant's ``ical``, and npm ``ical.js`` under node
(tests/node: installed from the committed lockfile when missing; the tests
fail, never skip, without node and npm). Each is compared in UTC, UID by UID,
with the engine, with instants worked out by hand either side of a change of
daylight saving time, and with the seed page itself.

recurring-ical-events, vobject and ``ical`` look a known IANA TZID up in
their own zone data, so the "VTIMEZONE only" variants rename the TZID (see
``zone_only``) to make them read the VTIMEZONE we write; ical.js always reads
it. ``ical`` cannot read a VTIMEZONE under an unknown name whose RRULE has a
UTC UNTIL (as RFC 5545 requires): it raises "RRULE UNTIL values must be
specified in UTC when DTSTART is timezone-aware" from dateutil's rrule
(dateutil/dateutil#1006), so it runs on the feed as published only.

Local times that happen twice (01:30 on the night clocks go back) or never
(the night they go forward) are left out: RFC 5545 3.3.5 fixes their meaning,
but ical.js and vobject read them differently from each other and from the RFC.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sphinxcontrib_coursecal import ics
from sphinxcontrib_coursecal.engine import Schedule, load_schedule

from .conftest import AROUND_NOV_2, AROUND_OCT_26, HOSTILE, LONDON, ZONES, Page, write_schedule
from .ics_readers import (
    Event,
    NodeMissingError,
    by_stable_id,
    engine_events,
    install_icaljs,
    parse_instant,
    read_ha_ical,
    read_icaljs,
    read_recurring,
    read_vobject,
    zone_only,
)

UTC = dt.UTC
STAMP = dt.datetime(2025, 9, 1, 12, 0, tzinfo=UTC)
SEED_ZONE = "America/Los_Angeles"


@dataclass(frozen=True)
class Feed:
    """One feed on disk, and the same feed with its TZID renamed (readable from its VTIMEZONE only)."""

    name: str
    path: Path
    zone_only_path: Path
    zone: str
    alias: str
    schedule: Schedule


def write_feed(folder: Path, name: str, schedule: Schedule) -> Feed:
    assert not schedule.diagnostics, [str(d) for d in schedule.diagnostics]
    assert schedule.course is not None
    raw = ics.build_calendar(schedule, stamp=STAMP).to_ical()
    path = folder / f"{name}.ics"
    path.write_bytes(raw)
    alias = f"Coursecal test zone ({name})"  # no zone database has it
    zone_only_path = folder / f"{name}-zone-only.ics"
    zone_only_path.write_text(zone_only(raw.decode(), schedule.course.timezone, alias), encoding="utf-8", newline="")
    return Feed(name, path, zone_only_path, schedule.course.timezone, alias, schedule)


def course(folder: Path, text: str) -> Schedule:
    return load_schedule(write_schedule(folder, text))


SEP_30 = """
course: {id: tue, code: TUE 1, timezone: America/Los_Angeles, start: 2025-09-29, end: 2025-10-03}
meetings:
  lecture: {days: [Tue], time: "10:00-11:00"}
"""
YEAR_IN = """
course: {{id: year, code: YR 1, timezone: {zone}, start: 2025-09-01, end: 2026-06-30}}
meetings:
  lecture: {{days: [Mon, Wed, Fri], time: "09:30-10:45"}}
deadlines:
  - {{id: late, title: Late, due: "2025-12-12 23:59"}}
  - {{id: spring, title: Spring, due: "2026-04-10 17:00"}}
"""
# See test_ics_feeds.BROKEN: courses in zones whose rules change near the term.
BROKEN_COURSES = {
    "cairo-2024": ("Africa/Cairo", "2024-09-02", "2024-12-20"),
    "almaty-2023": ("Asia/Almaty", "2023-09-04", "2023-12-15"),
}


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory, seed_000: Schedule) -> dict[str, Feed]:
    folder = tmp_path_factory.mktemp("consumers")
    made = {
        "seed": write_feed(folder, "seed", seed_000),
        "london": write_feed(folder, "london", course(folder / "london", LONDON)),
        "hostile": write_feed(folder, "hostile", course(folder / "hostile", HOSTILE)),
        "sep30": write_feed(folder, "sep30", course(folder / "sep30", SEP_30)),
    }
    for zone in ZONES:
        name = "year-" + zone.replace("/", "-")
        made[name] = write_feed(folder, name, course(folder / name, YEAR_IN.format(zone=zone)))
    for name, (zone, first, last) in BROKEN_COURSES.items():
        text = f"""
course: {{id: {name}, code: X 1, timezone: {zone}, start: {first}, end: {last}}}
meetings:
  lecture: {{days: [Mon, Wed], time: "10:00-11:20"}}
"""
        made[name] = write_feed(folder, name, course(folder / name, text))
    return made


@pytest.fixture(scope="session")
def node() -> Path:
    try:
        return install_icaljs()
    except NodeMissingError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def icaljs(node: Path, feeds: dict[str, Feed]) -> dict[Path, list[Event]]:
    """Every feed (and its VTIMEZONE-only twin) read by ical.js, in one node process."""
    return read_icaljs(node, [path for feed in feeds.values() for path in (feed.path, feed.zone_only_path)])


Reader = Callable[[Feed], list[Event]]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@functools.cache
def _vobject_zone_only(path: Path, alias: str) -> tuple[Event, ...]:
    return tuple(read_vobject(_text(path), register=alias))


PYTHON_READERS: dict[str, Reader] = {
    "recurring-ical-events": lambda feed: read_recurring(_text(feed.path)),
    "vobject": lambda feed: read_vobject(_text(feed.path)),
    "ical": lambda feed: read_ha_ical(_text(feed.path)),
    "recurring-ical-events, VTIMEZONE only": lambda feed: read_recurring(_text(feed.zone_only_path)),
    "vobject, VTIMEZONE only": lambda feed: list(_vobject_zone_only(feed.zone_only_path, feed.alias)),
}
CONSUMERS = [*PYTHON_READERS, "ical.js", "ical.js, VTIMEZONE only"]
VTIMEZONE_READERS = ["ical.js", "recurring-ical-events, VTIMEZONE only", "vobject, VTIMEZONE only"]


@pytest.fixture
def read(request: pytest.FixtureRequest) -> Reader:
    consumer: str = request.param
    if consumer in PYTHON_READERS:
        return PYTHON_READERS[consumer]
    found = request.getfixturevalue("icaljs")
    if consumer == "ical.js":
        return lambda feed: found[feed.path.resolve()]
    return lambda feed: found[feed.zone_only_path.resolve()]


def consumer_events(events: list[Event], schedule: Schedule) -> dict[str, tuple[str, str]]:
    return {uid: (event.start, event.end) for uid, event in by_stable_id(events, schedule).items()}


# -- the seed course -----------------------------------------------------------------------------


@pytest.mark.parametrize("read", CONSUMERS, indirect=True)
def test_same_events_at_the_same_instants_as_the_engine(read: Reader, feeds: dict[str, Feed]) -> None:
    feed = feeds["seed"]
    assert consumer_events(read(feed), feed.schedule) == engine_events(feed.schedule)


# AROUND_NOV_2 (conftest): instants by hand either side of the end of Pacific Daylight Time, Sun Nov 2 2025.
@pytest.mark.parametrize("read", CONSUMERS, indirect=True)
def test_instants_either_side_of_the_end_of_pdt(read: Reader, feeds: dict[str, Feed]) -> None:
    found = consumer_events(read(feeds["seed"]), feeds["seed"].schedule)
    assert {uid: found[uid] for uid in AROUND_NOV_2} == AROUND_NOV_2


def page_items(seed_000_page: Page) -> tuple[list[tuple[dt.date, str, str, str]], list[tuple[dt.date, str]]]:
    """The page's timed items as (day, "HH:MM-HH:MM" or "HH:MM", title, room), and its closures."""
    timed = [(lec.day, lec.time, lec.title, lec.location) for lec in seed_000_page.lectures]
    timed += [(day, time, title, room) for day, time, title, room in seed_000_page.office_hours]
    timed += [(day, time, title, "") for day, time, title, _note in seed_000_page.deadlines]
    return sorted(timed), sorted(seed_000_page.closures)


@pytest.mark.parametrize("read", CONSUMERS, indirect=True)
def test_exactly_the_page_at_its_local_times(read: Reader, feeds: dict[str, Feed], seed_000_page: Page) -> None:
    # The page's times are the course's, in Seattle; a consumer's UTC instants are read back there.
    seattle = zoneinfo.ZoneInfo(SEED_ZONE)
    events = read(feeds["seed"])
    timed, all_day = [], []
    for event in events:
        title = event.summary.split(": ", 1)[1]  # "CSE 599o Lecture: ML frameworks"
        if event.all_day:
            all_day.append((dt.date.fromisoformat(event.start), dt.date.fromisoformat(event.end), title))
            continue
        start = parse_instant(event.start).astimezone(seattle)
        end = parse_instant(event.end).astimezone(seattle)
        time = f"{start:%H:%M}" if end == start else f"{start:%H:%M}-{end:%H:%M}"
        timed.append((start.date(), time, title, event.location))
    expected_timed, closures = page_items(seed_000_page)
    assert sorted(timed) == expected_timed
    # Each closure the page shows on a day is one all-day event over that day; there are no others.
    assert len(all_day) == len(closures)
    for day, title in closures:
        assert [t for first, end, t in all_day if t == title and first <= day < end] == [title]


@pytest.mark.parametrize("read", CONSUMERS, indirect=True)
def test_hostile_titles_read_back(read: Reader, feeds: dict[str, Feed]) -> None:
    events = read(feeds["hostile"])
    summaries = {event.summary for event in events}
    assert "DEMO 101 Lecture: Review; Q&A, part 1; C:\\New\\Notes" in summaries
    assert "DEMO 101 Holiday, no class: Snow; day, \\ backslash" in summaries
    assert any(s.endswith(': HW1, part "A"; B') for s in summaries)
    long_title = "Ünïcödé — 日本語のタイトル 😀 a long title that goes on and on so that the line must be folded"
    assert any(s.endswith(long_title) for s in summaries)
    rooms = {event.location for event in events if "Lecture" in event.summary}
    assert rooms == {"Room 1; Annex, 2nd floor"}
    assert {event.status for event in events} == {""}


# -- a Europe/London course ---------------------------------------------------------------------


# LONDON and AROUND_OCT_26 (conftest): a course either side of the end of British Summer Time, Sun Oct 26
# 2025, and its instants by hand.
@pytest.mark.parametrize("read", CONSUMERS, indirect=True)
def test_london_either_side_of_the_end_of_bst(read: Reader, feeds: dict[str, Feed]) -> None:
    feed = feeds["london"]
    found = consumer_events(read(feed), feed.schedule)
    assert {uid: found[uid] for uid in AROUND_OCT_26} == AROUND_OCT_26
    assert found == engine_events(feed.schedule)


# -- ical.js and the zones -------------------------------------------------------------------------


def test_icaljs_reads_a_pdt_lecture_on_sep_30(icaljs: dict[Path, list[Event]], feeds: dict[str, Feed]) -> None:
    # The case icalendar's add_missing_timezones() gets wrong in ical.js (18:00Z): 10:00 PDT is 17:00Z.
    events = by_stable_id(icaljs[feeds["sep30"].path.resolve()], feeds["sep30"].schedule)
    assert (events["lecture-2025-09-30"].start, events["lecture-2025-09-30"].end) == (
        "2025-09-30T17:00:00Z",
        "2025-09-30T18:00:00Z",
    )


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("read", VTIMEZONE_READERS, indirect=True)
def test_a_year_in_each_zone_from_the_vtimezone(read: Reader, zone: str, feeds: dict[str, Feed]) -> None:
    feed = feeds["year-" + zone.replace("/", "-")]
    assert consumer_events(read(feed), feed.schedule) == engine_events(feed.schedule)


@pytest.mark.parametrize("name", list(BROKEN_COURSES))
def test_icaljs_where_the_rules_change(name: str, icaljs: dict[Path, list[Event]], feeds: dict[str, Feed]) -> None:
    feed = feeds[name]
    assert consumer_events(icaljs[feed.path.resolve()], feed.schedule) == engine_events(feed.schedule)
