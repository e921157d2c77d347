"""A CalDAV server holds the feed and answers date-range queries with the engine's instants.

The fixture starts Radicale on 127.0.0.1 (a free port, a temporary storage
folder, no authentication, its log in a file), waits for it a bounded time
and stops it at the end. The feed's events are uploaded with the caldav
client, one event resource per VEVENT with the feed's VTIMEZONE, as a
calendar client importing the feed would store them. Queries are REPORTs
with a time range and ``<C:expand>`` (``server_expand=True``, and no client
post-filtering), so the server picks the events itself: Radicale reads each
resource's VTIMEZONE to place it in time. Narrow windows a minute wide
either side of each start and end make the server pin every instant, so an
hour off anywhere would show.

Radicale's comparisons differ from RFC 4791 9.9 at one edge: it leaves out a
zero-length event (a DURATION:P0D deadline) that starts exactly at the start
of the range, so the windows here never begin exactly at a deadline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from sphinxcontrib_coursecal import ics
from sphinxcontrib_coursecal.engine import Schedule, load_schedule

from .conftest import AROUND_NOV_2, AROUND_OCT_26, LONDON, Page, Server, client, write_schedule
from .ics_readers import engine_events, instant, parse_instant, read_vobject, resources

UTC = dt.UTC
STAMP = dt.datetime(2025, 9, 1, 12, 0, tzinfo=UTC)
MINUTE = dt.timedelta(minutes=1)


@dataclass
class Uploaded:
    calendar: Any  # caldav.Calendar
    schedule: Schedule
    raw: bytes
    queries: list[str]  # every REPORT body the client sent


def upload(server: Server, name: str, schedule: Schedule, keep: Callable[[str], bool] = lambda uid: True) -> Uploaded:
    raw = ics.build_calendar(schedule, stamp=STAMP).to_ical()
    dav = client(server)
    queries: list[str] = []
    sent = dav.report

    def report(*args: Any, **kwargs: Any) -> Any:
        queries.append(str(args[1] if len(args) > 1 else kwargs.get("query", "")))
        return sent(*args, **kwargs)

    dav.report = report  # type: ignore[method-assign]
    calendar = dav.principal().make_calendar(name=name, cal_id=name)
    for resource in resources(raw, keep):
        calendar.add_event(ical=resource)
    return Uploaded(calendar, schedule, raw, queries)


@pytest.fixture(scope="module")
def seed_on_server(radicale: Server, seed_000: Schedule) -> Uploaded:
    return upload(radicale, "cse599o", seed_000)


@pytest.fixture(scope="module")
def around_nov_2_on_server(radicale: Server, seed_000: Schedule) -> Uploaded:
    """The feed's resources from Oct 24 to Nov 12 only, in a calendar of their own.

    Radicale reads every resource of a calendar for each query, so the many
    narrow queries below go to this smaller calendar (about 0.25 s a query
    with all 51 events, a fifth of that here).
    """
    near = {o.uid for o in seed_000.occurrences if dt.date(2025, 10, 24) <= o.date <= dt.date(2025, 11, 12)}
    return upload(radicale, "cse599o-around-nov-2", seed_000, keep=near.__contains__)


@pytest.fixture(scope="module")
def london_on_server(radicale: Server, tmp_path_factory: pytest.TempPathFactory) -> Uploaded:
    schedule = load_schedule(write_schedule(tmp_path_factory.mktemp("london"), LONDON))
    return upload(radicale, "lon101", schedule)


def search(uploaded: Uploaded, start: dt.datetime, end: dt.datetime) -> dict[str, str]:
    """A server-side, expanded time-range query: the resources it returns, by UID."""
    before = len(uploaded.queries)
    found = uploaded.calendar.search(
        start=start, end=end, event=True, expand=True, server_expand=True, post_filter=False
    )
    # The REPORT carried the time range and the expansion: the server did both.
    (query,) = uploaded.queries[before:]
    assert "time-range" in query
    assert "expand" in query
    result: dict[str, str] = {}
    for item in found:
        uids = re.findall(r"^UID:(.*?)\r?$", item.data, re.MULTILINE)
        assert len(uids) == 1, item.data
        result[uids[0]] = item.data
    return result


def stable_ids(found: dict[str, str]) -> set[str]:
    return {uid.split("@", 1)[0] for uid in found}


# -- the upload ----------------------------------------------------------------------------


def test_one_resource_per_event(seed_on_server: Uploaded) -> None:
    stored = seed_on_server.calendar.events()
    assert len(stored) == len(re.findall(rb"BEGIN:VEVENT", seed_on_server.raw)) == 51
    for item in stored:
        assert item.data.count("BEGIN:VEVENT") == 1
        assert item.data.count("BEGIN:VTIMEZONE") == 1
    uids = [uid for item in stored for uid in re.findall(r"^UID:([^@\r\n]*)@", item.data, re.MULTILINE)]
    assert sorted(uids) == sorted(engine_events(seed_on_server.schedule))


# -- around the end of daylight saving time --------------------------------------------------------


def overlaps(start: str, end: str, first: dt.datetime, last: dt.datetime) -> bool:
    """RFC 4791 9.9: a timed event overlaps [first, last); one without duration if it starts inside."""
    begin, finish = parse_instant(start), parse_instant(end)
    if finish == begin:
        return first <= begin < last
    return begin < last and finish > first


def test_a_week_around_nov_2(seed_on_server: Uploaded, seed_000_page: Page) -> None:
    # Wed Oct 29 00:00 PDT (07:00Z) to Sat Nov 8 00:00 PST (08:00Z).
    first, last = dt.datetime(2025, 10, 29, 7, tzinfo=UTC), dt.datetime(2025, 11, 8, 8, tzinfo=UTC)
    found = search(seed_on_server, first, last)
    # Timed events only: all-day ones are floating (matched in the server's own zone), and none falls here.
    expected = {
        uid
        for uid, (start, end) in engine_events(seed_on_server.schedule).items()
        if "T" in start
        if overlaps(start, end, first, last)
    }
    assert stable_ids(found) == expected
    # The page: lectures Oct 29, 31, Nov 5, 7; Stephanie Oct 30, Nov 6; Frank Oct 31, Nov 7; no deadline.
    days = [item[0] for item in (*seed_000_page.office_hours, *seed_000_page.deadlines)] + [
        lecture.day for lecture in seed_000_page.lectures
    ]
    assert len(expected) == sum(dt.date(2025, 10, 29) <= day <= dt.date(2025, 11, 7) for day in days) == 8
    # What came back, read on its own (vobject, from the returned resource), is at the engine's instants.
    engine = engine_events(seed_on_server.schedule)
    for uid, data in found.items():
        (event,) = read_vobject(data)
        assert (event.start, event.end) == engine[uid.split("@", 1)[0]]


def pinned(uploaded: Uploaded, uid: str, start: str, end: str) -> None:
    """The server returns the event in the minute windows that hold its start and end, not in those around."""
    begin, finish = parse_instant(start), parse_instant(end)
    if finish > begin:  # [begin, finish)
        inside = [(begin, begin + MINUTE), (finish - MINUTE, finish)]
        outside = [(begin - MINUTE, begin), (finish, finish + MINUTE)]
    else:  # a moment (a deadline); no window starts exactly at it (see the module's docstring)
        inside = [(begin - MINUTE, begin + MINUTE)]
        outside = [(begin - 2 * MINUTE, begin - MINUTE), (begin + MINUTE, begin + 2 * MINUTE)]
    for first, last in inside:
        assert uid in stable_ids(search(uploaded, first, last)), (uid, instant(first), instant(last))
    for first, last in outside:
        assert uid not in stable_ids(search(uploaded, first, last)), (uid, instant(first), instant(last))


TIMED_AROUND_NOV_2 = {uid: span for uid, span in AROUND_NOV_2.items() if "T" in span[0]}


@pytest.mark.parametrize("uid", list(TIMED_AROUND_NOV_2))
def test_the_server_pins_each_instant_around_nov_2(around_nov_2_on_server: Uploaded, uid: str) -> None:
    # Instants by hand (conftest's AROUND_NOV_2): 17:00Z before the change, 18:00Z after.
    pinned(around_nov_2_on_server, uid, *TIMED_AROUND_NOV_2[uid])


@pytest.mark.parametrize("uid", [uid for uid, span in AROUND_OCT_26.items() if "T" in span[0]])
def test_the_server_pins_each_instant_around_oct_26_in_london(london_on_server: Uploaded, uid: str) -> None:
    pinned(london_on_server, uid, *AROUND_OCT_26[uid])


def test_the_closure_is_found_on_its_day(around_nov_2_on_server: Uploaded) -> None:
    # Veteran's Day is all day on Nov 11: found at 19:00Z that day (11:00 in Seattle), not on the days around it.
    closure = "closure-2025-11-11-veteran-s-day"
    for day in (10, 11, 12):
        moment = dt.datetime(2025, 11, day, 19, tzinfo=UTC)
        assert (closure in stable_ids(search(around_nov_2_on_server, moment, moment + MINUTE))) == (day == 11), day
