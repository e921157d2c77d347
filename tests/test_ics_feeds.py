"""The ICS feeds as files: structure, determinism, UIDs and SEQUENCE, text, time zones.

Everything here reads the bytes ``build_calendar(...).to_ical()`` writes, with
a small parser of its own (content lines, unfolded), so each expectation is
about the file a calendar client downloads. Expected values come from the
issue's requirements, the seed page (tests/seeds/000_…txt, via the
``seed_000_page`` fixture) or are worked out by hand in the comments;
time-zone offsets are checked against the tz database (zoneinfo) with an
RRULE expander written here.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import subprocess
import sys
import time
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
import webcolors
from dateutil import rrule

from sphinxcontrib_coursecal import ics
from sphinxcontrib_coursecal.engine import Schedule, load_schedule, load_schedule_text
from sphinxcontrib_coursecal.ics_files import CalendarFiles
from sphinxcontrib_coursecal.ics_files import events_by_uid as built_events
from sphinxcontrib_coursecal.revisions import Revision

from .conftest import HOSTILE, SEED_000_SCHEDULE, ZONES, Page, write_schedule
from .ics_readers import (
    by_title,
    calendar_lines,
    components,
    content_lines,
    events_by_uid,
    one,
    props,
    stable_id,
    text,
    value,
)

UTC = dt.UTC
STAMP = dt.datetime(2025, 9, 1, 12, 0, tzinfo=UTC)
SEED_ZONE = "America/Los_Angeles"
# -- building -------------------------------------------------------------------------------


def feed(schedule: Schedule, **kwargs: object) -> bytes:
    assert not schedule.diagnostics, [str(d) for d in schedule.diagnostics]
    return ics.build_calendar(schedule, stamp=STAMP, **kwargs).to_ical()  # type: ignore[arg-type]


def load(folder: Path, text: str) -> Schedule:
    return load_schedule(write_schedule(folder, text))


SEED_TEXT = SEED_000_SCHEDULE.read_text(encoding="utf-8")


def seed_variant(*replacements: tuple[str, str]) -> str:
    """The seed schedule with some text replaced (each replacement must apply exactly once)."""
    text = SEED_TEXT
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def seed_feed(seed_000: Schedule) -> bytes:
    return feed(seed_000)


# -- the calendar ---------------------------------------------------------------------------


def test_calendar_properties(seed_feed: bytes) -> None:
    lines = calendar_lines(seed_feed)
    assert value(lines, "VERSION") == "2.0"
    assert value(lines, "PRODID").startswith("-//")  # RFC 5545 3.7.3: a formal public identifier
    # NAME (RFC 7986) and X-WR-CALNAME (Apple, Google, Outlook): the same name, the course's.
    assert value(lines, "NAME") == value(lines, "X-WR-CALNAME")
    assert "CSE 599o" in value(lines, "NAME")
    assert value(lines, "X-WR-TIMEZONE") == SEED_ZONE
    # The default refresh is 12 hours (coursecal_ics_refresh_hours); REFRESH-INTERVAL must say VALUE=DURATION.
    assert one(lines, "REFRESH-INTERVAL") == (";VALUE=DURATION", "PT12H")
    assert value(lines, "X-PUBLISHED-TTL") == "PT12H"


def test_refresh_interval_follows_the_setting(seed_000: Schedule) -> None:
    lines = calendar_lines(feed(seed_000, refresh=dt.timedelta(hours=6)))
    assert one(lines, "REFRESH-INTERVAL") == (";VALUE=DURATION", "PT6H")
    assert value(lines, "X-PUBLISHED-TTL") == "PT6H"


def test_one_event_per_item_of_the_page(seed_feed: bytes, seed_000_page: Page) -> None:
    # The page shows 20 lectures, 20 office hours, 7 deadlines and 4 closures.
    expected = len(seed_000_page.lectures) + len(seed_000_page.office_hours) + len(seed_000_page.deadlines)
    expected += len(seed_000_page.closures)
    assert expected == 51
    assert len(events_by_uid(seed_feed)) == expected


def test_every_tzid_has_its_vtimezone(seed_feed: bytes) -> None:
    zones = [value(zone, "TZID") for zone in components(seed_feed, "VTIMEZONE")]
    assert zones == [SEED_ZONE]
    used = set(re.findall(r";TZID=([^;:]+)", "\n".join(content_lines(seed_feed))))
    assert used == {SEED_ZONE}


# -- event content ------------------------------------------------------------------------------


def test_lecture_event_content(seed_000: Schedule, seed_feed: bytes) -> None:
    (event,) = by_title(seed_feed, "ML frameworks")
    # The issue's own example, and the page's Wed Oct 1, 10:00-11:20 in MGH 295.
    assert value(event, "SUMMARY") == "CSE 599o Lecture: ML frameworks"
    assert one(event, "DTSTART") == (f";TZID={SEED_ZONE}", "20251001T100000")
    assert one(event, "DTEND") == (f";TZID={SEED_ZONE}", "20251001T112000")
    assert value(event, "LOCATION") == "MGH 295"
    assert value(event, "CATEGORIES") == "Lecture"
    assert value(event, "COLOR") in webcolors.names(webcolors.CSS3)  # RFC 7986: a CSS3 color name
    description = text(event, "DESCRIPTION")
    assert "ML frameworks" in description
    # The readings, each with its link; the page shows "Paper 1: TensorFlow", "Paper 2: PyTorch 2", "Optional: PyTorch".
    for key in ("tensorflow", "pytorch2", "pytorch"):
        paper = seed_000.papers[key]
        line = next(line for line in description.splitlines() if paper.url in line)
        assert paper.title in line or paper.label in line, line
    assert "Paper 1" in description
    assert "Optional" in description
    # The materials with their addresses.
    assert "Slides: https://cse599o.example.org/slides/03-frameworks.pdf" in description
    assert "Recording: https://cse599o.example.org/recordings/03" in description


def test_guest_lecture_and_notes(seed_feed: bytes) -> None:
    (gpu,) = by_title(seed_feed, "GPU architecture and programming")
    assert value(gpu, "SUMMARY") == "CSE 599o Guest lecture: GPU architecture and programming"
    assert value(gpu, "CATEGORIES") == "Guest lecture"
    assert "Kan Zhu" in text(gpu, "DESCRIPTION")  # the page's "Guest lecture: Kan Zhu"
    (due,) = by_title(seed_feed, "All assignments")
    assert "no grace period" in text(due, "DESCRIPTION")  # the page's note


def test_summaries_are_code_kind_label_and_title(seed_000: Schedule, seed_feed: bytes) -> None:
    # Lectures, office hours and closures: "<course code> <kind label>: <title>", the label as the schedule sets it.
    events = events_by_uid(seed_feed)
    labels = {"lecture": "Lecture", "guest-lecture": "Guest lecture", "office-hours": "Office hours"}
    labels["holiday"] = "Holiday / no class"
    checked = 0
    for occurrence in seed_000.occurrences:
        if occurrence.kind not in labels:
            continue
        (uid,) = [uid for uid in events if stable_id(uid) == occurrence.uid]
        assert text(events[uid], "SUMMARY") == f"CSE 599o {labels[occurrence.kind]}: {occurrence.title}"
        assert value(events[uid], "CATEGORIES") == labels[occurrence.kind]
        checked += 1
    assert checked == 44  # 20 lectures, 20 office hours, 4 closures


def test_deadline_summary_uses_the_kind_label(seed_feed: bytes) -> None:
    (due,) = by_title(seed_feed, "HW1")
    assert value(due, "SUMMARY") == "CSE 599o Deadline: HW1"


def test_url_is_where_url_for_says(seed_000: Schedule) -> None:
    raw = feed(seed_000, url_for=lambda o: f"https://site.example.org/cal.html#{o.uid}")
    for uid, event in events_by_uid(raw).items():
        assert value(event, "URL") == f"https://site.example.org/cal.html#{stable_id(uid)}"
    assert all(not props(event, "URL") for event in components(feed(seed_000), "VEVENT"))


def test_cancelled_sessions_and_meetings(tmp_path: Path) -> None:
    schedule = load(
        tmp_path,
        """
course: {id: can, code: CAN 1, timezone: America/Chicago, start: 2025-09-01, end: 2025-09-19}
meetings:
  lecture: {days: [Tue], time: "09:00-10:00"}
  oh:
    kind: office-hours
    days: [Wed]
    time: "14:00-15:00"
    changes:
      2025-09-10: {cancelled: true}
sessions:
  - {id: one, title: One}
  - {id: two, title: Two, cancelled: true}
  - {id: three, title: Three}
""",
    )
    events = {stable_id(uid): event for uid, event in events_by_uid(feed(schedule)).items()}
    cancelled = {uid for uid, event in events.items() if props(event, "STATUS")}
    assert cancelled == {"session-two", "oh-2025-09-10"}
    assert all(value(events[uid], "STATUS") == "CANCELLED" for uid in cancelled)
    # A cancelled session keeps its slot (Tue Sep 9) and stays in the feed, struck through.
    assert one(events["session-two"], "DTSTART") == (";TZID=America/Chicago", "20250909T090000")


def test_deadlines_are_moments_with_p0d(seed_feed: bytes, seed_000_page: Page) -> None:
    for day, clock, title, _note in seed_000_page.deadlines:
        matching = by_title(seed_feed, title)
        assert len(matching) == 1, title
        (event,) = matching
        assert clock == "23:59"
        assert one(event, "DTSTART") == (f";TZID={SEED_ZONE}", f"{day:%Y%m%d}T235900")
        assert value(event, "DURATION") == "P0D"
        assert not props(event, "DTEND")
        assert value(event, "CATEGORIES") == "Deadline"


def test_release_entries_are_their_own_events(tmp_path: Path) -> None:
    schedule = load(
        tmp_path,
        """
course: {id: rel, code: REL 1, timezone: Europe/Berlin, start: 2025-10-06, end: 2025-10-31}
deadlines:
  - {id: hw1, title: HW1, due: "2025-10-17 23:59", released: "2025-10-06 09:00"}
  - {id: hw2, title: HW2, due: 2025-10-31, released: 2025-10-20}
""",
    )
    events = {stable_id(uid): event for uid, event in events_by_uid(feed(schedule)).items()}
    assert len(events) == 4
    hw1 = [event for event in events.values() if value(event, "SUMMARY").endswith(": HW1")]
    assert len(hw1) == 2
    starts = sorted(one(event, "DTSTART") for event in hw1)
    assert starts == [(";TZID=Europe/Berlin", "20251006T090000"), (";TZID=Europe/Berlin", "20251017T235900")]
    assert all(value(event, "DURATION") == "P0D" for event in hw1)
    assert len({value(event, "UID") for event in hw1}) == 2
    # Dates without a time: all-day events, the end exclusive.
    hw2 = sorted(
        ((one(e, "DTSTART"), one(e, "DTEND")) for e in events.values() if value(e, "SUMMARY").endswith(": HW2")),
    )
    assert hw2 == [
        ((";VALUE=DATE", "20251020"), (";VALUE=DATE", "20251021")),
        ((";VALUE=DATE", "20251031"), (";VALUE=DATE", "20251101")),
    ]
    release = [e for e in events.values() if "HW1" in value(e, "SUMMARY") and "20251006" in value(e, "DTSTART")]
    assert value(release[0], "CATEGORIES") == "Release"


def test_closures_are_all_day_with_an_exclusive_end(seed_feed: bytes, seed_000_page: Page) -> None:
    # Single days end the next day; "Project time, NO CLASS" is Mon Nov 24 to Wed Nov 26, so it ends on Nov 27.
    expected = {
        "Veteran's Day": ("20251111", "20251112"),
        "Project time, NO CLASS": ("20251124", "20251127"),
        "Thanksgiving": ("20251127", "20251128"),
        "Native American Heritage Day": ("20251128", "20251129"),
    }
    for day, title in seed_000_page.closures:
        (event,) = by_title(seed_feed, title)
        start, end = expected[title]
        assert one(event, "DTSTART") == (";VALUE=DATE", start)
        assert one(event, "DTEND") == (";VALUE=DATE", end)
        assert start <= f"{day:%Y%m%d}" < end  # the page shows it on a day inside the span


# -- UIDs and SEQUENCE ----------------------------------------------------------------------


def test_uids_derive_from_stable_ids_and_the_course(seed_000: Schedule, seed_feed: bytes) -> None:
    events = events_by_uid(seed_feed)
    ids = {stable_id(uid) for uid in events}
    for uid in events:
        assert "cse599o" in uid.split("@", 1)[1]
    # Sessions by their ids in the schedule, meetings by id and date, deadlines by id.
    assert "session-frameworks" in ids
    assert "session-case-studies-palm" in ids
    assert "session-case-studies-llama" in ids  # same title as -palm, its own id
    assert "oh-stephanie-2025-11-13" in ids  # the moved office hour keeps its date's UID
    assert "oh-frank-2025-10-31" in ids
    assert {"deadline-hw1", "deadline-final-writeup", "deadline-all-assignments"} <= ids
    assert ids == {occurrence.uid for occurrence in seed_000.occurrences}


def test_list_positions_do_not_matter(tmp_path: Path, seed_feed: bytes) -> None:
    # The same course with its closures, deadlines and meetings listed in another order.
    text = SEED_TEXT
    closures = text[text.index("\nclosures:\n") : text.index("\n# The lecture plan")]
    items = [line for line in closures.splitlines() if line.startswith("  - ")]
    text = text.replace(closures, "\nclosures:\n" + "\n".join(reversed(items)) + "\n")
    deadlines = text[text.index("\ndeadlines:\n") : text.index("\npapers:")]
    items = [line for line in deadlines.splitlines() if line.startswith("  - ")]
    text = text.replace(deadlines, "\ndeadlines:\n" + "\n".join(reversed(items)) + "\n")
    meetings = text[text.index("\n  oh-stephanie:") : text.index("\n# Days without class.")]
    stephanie, frank = meetings.split("\n  oh-frank:")
    text = text.replace(meetings, "\n  oh-frank:" + frank + stephanie)
    assert text != SEED_TEXT
    reordered = feed(load(tmp_path, text))
    original = {uid: "\r\n".join(event) for uid, event in events_by_uid(seed_feed).items()}
    assert {uid: "\r\n".join(event) for uid, event in events_by_uid(reordered).items()} == original


def test_uids_name_the_course(tmp_path: Path) -> None:
    course = """
course: {{id: {id}, code: X, timezone: UTC, start: 2025-09-01, end: 2025-09-12}}
meetings:
  lecture: {{days: [Mon], time: "09:00-10:00"}}
sessions: [{{id: intro, title: Intro}}]
deadlines: [{{id: hw1, title: HW1, due: "2025-09-05 23:59"}}]
"""
    first = set(events_by_uid(feed(load(tmp_path / "a", course.format(id="course-a")))))
    second = set(events_by_uid(feed(load(tmp_path / "b", course.format(id="course-b")))))
    assert len(first) == len(second) == 3
    assert not first & second  # two courses in one calendar app never collide


SNOW_DAY = (
    ("closures:\n", "closures:\n  - {date: 2025-10-15, title: Snow day}\n"),
    # The plan fills every lecture slot, so the instructor adds the Wednesday of finals week.
    ("until: 2025-12-05        # last lecture", "until: 2025-12-10        # last lecture"),
)
# Worked out by hand from the Wed/Fri pattern: from Oct 15 on each session takes the next free slot;
# Nov 26 (project time) and Nov 28 (a holiday) have no lecture.
MOVED_BY_SNOW = {
    "gpu-comm": ("2025-10-15", "2025-10-17"),
    "zero-memory": ("2025-10-17", "2025-10-22"),
    "model-parallelism": ("2025-10-22", "2025-10-24"),
    "moe": ("2025-10-24", "2025-10-29"),
    "case-studies-palm": ("2025-10-29", "2025-10-31"),
    "case-studies-llama": ("2025-10-31", "2025-11-05"),
    "post-training-intro": ("2025-11-05", "2025-11-07"),
    "rl-systems-rllib": ("2025-11-07", "2025-11-12"),
    "rl-systems-verl": ("2025-11-12", "2025-11-14"),
    "distributed-frameworks": ("2025-11-14", "2025-11-19"),
    "data-loading": ("2025-11-19", "2025-11-21"),
    "deployment": ("2025-11-21", "2025-12-03"),
    "multimodal": ("2025-12-03", "2025-12-05"),
    "final-presentations": ("2025-12-05", "2025-12-10"),
}


def local_day(event: list[str]) -> str:
    stamp = value(event, "DTSTART")
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"


def test_a_snow_day_moves_events_without_new_uids(tmp_path: Path, seed_feed: bytes) -> None:
    before = events_by_uid(seed_feed)
    after = events_by_uid(feed(load(tmp_path, seed_variant(*SNOW_DAY))))
    added = set(after) - set(before)
    assert set(before) <= set(after)
    assert len(added) == 1
    (closure,) = added
    assert value(after[closure], "SUMMARY").endswith(": Snow day")
    for uid in before:
        session = stable_id(uid).removeprefix("session-")
        if session in MOVED_BY_SNOW:
            assert (local_day(before[uid]), local_day(after[uid])) == MOVED_BY_SNOW[session], session
            assert value(after[uid], "DTSTART").endswith("T100000")  # still 10:00 local
        else:
            assert before[uid] == after[uid], uid  # untouched, byte for byte


def test_sequence_rises_exactly_for_moved_events(tmp_path: Path, seed_feed: bytes) -> None:
    before = events_by_uid(seed_feed)
    after = events_by_uid(feed(load(tmp_path, seed_variant(*SNOW_DAY))))
    for uid in before:
        old, new = int(value(before[uid], "SEQUENCE")), int(value(after[uid], "SEQUENCE"))
        if stable_id(uid).removeprefix("session-") in MOVED_BY_SNOW:
            assert new > old, uid
        else:
            assert new == old, uid


def test_a_closure_that_moves_nothing_changes_no_event(tmp_path: Path, seed_feed: bytes) -> None:
    # A Thursday closure: Stephanie's office hour that day is gone, no lecture moves.
    before = events_by_uid(seed_feed)
    after = events_by_uid(
        feed(load(tmp_path, seed_variant(("closures:\n", "closures:\n  - {date: 2025-10-16, title: Power outage}\n"))))
    )
    gone = set(before) - set(after)
    assert {stable_id(uid) for uid in gone} == {"oh-stephanie-2025-10-16"}
    for uid in set(before) & set(after):
        assert before[uid] == after[uid], uid


LATER = dt.datetime(2025, 10, 6, 8, 30, tzinfo=UTC)  # when the edited schedule is published


def revised_feed(schedule: Schedule, published: bytes, now: dt.datetime = LATER) -> bytes:
    """The feed of ``schedule`` as a build that compares it with ``published`` writes it."""
    revised = ics.revise(schedule, published, now=now)
    return ics.build_calendar(schedule, stamp=STAMP, revisions=revised.revisions).to_ical()


def test_sequence_rises_when_a_session_moves_earlier(tmp_path: Path, seed_feed: bytes) -> None:
    # The guest lecture "gpu" (Fri Oct 3) is dropped: "compilers" moves from Wed Oct 8 to Fri Oct 3, and so on.
    # The stateless rule would lower its SEQUENCE (it is nearer its place in the plan); against the feed as
    # published it rises, as RFC 5545 3.8.7.4 wants.
    start = SEED_TEXT.index("  - id: gpu ")
    shorter = SEED_TEXT[:start] + SEED_TEXT[SEED_TEXT.index("  - id: compilers") :]
    before = events_by_uid(seed_feed)
    after = events_by_uid(revised_feed(load(tmp_path, shorter), seed_feed))
    (uid,) = [uid for uid in before if stable_id(uid) == "session-compilers"]
    assert (local_day(before[uid]), local_day(after[uid])) == ("2025-10-08", "2025-10-03")
    assert int(value(after[uid], "SEQUENCE")) == int(value(before[uid], "SEQUENCE")) + 1
    assert value(after[uid], "DTSTAMP") == value(after[uid], "LAST-MODIFIED") == "20251006T083000Z"
    # Events the edit does not touch (everything before Oct 3, office hours, deadlines) are as published.
    untouched = [u for u in after if stable_id(u) in ("session-frameworks", "oh-frank-2025-10-31", "deadline-hw1")]
    assert len(untouched) == 3
    for uid in untouched:
        assert after[uid] == before[uid], uid
    assert not any(stable_id(uid) == "session-gpu" for uid in after)


def test_a_revised_rebuild_of_the_same_schedule_is_the_published_feed(seed_000: Schedule, seed_feed: bytes) -> None:
    # Compared with itself, nothing changed: the same bytes, whenever the build runs.
    assert revised_feed(seed_000, seed_feed) == seed_feed


def test_restamping_one_event_leaves_the_others_as_they_were(seed_000: Schedule) -> None:
    # Events that say the same thing share one property object (ics_values.shared): a change
    # to one event must replace its property, never reach the others through the shared one.
    calendar = ics.build_calendar(seed_000, stamp=dt.datetime(2025, 9, 19, tzinfo=dt.UTC))
    first, *others = calendar.walk("VEVENT")
    ics.restamp(first, Revision(7, dt.datetime(2025, 10, 1, tzinfo=dt.UTC), dt.datetime(2025, 9, 30, tzinfo=dt.UTC)))
    written = components(calendar.to_ical(), "VEVENT")
    assert (value(written[0], "SEQUENCE"), value(written[0], "DTSTAMP")) == ("7", "20251001T000000Z")
    assert value(written[0], "LAST-MODIFIED") == "20250930T000000Z"
    assert {value(event, "DTSTAMP") for event in written[1:]} == {"20250919T000000Z"}
    assert {value(event, "LAST-MODIFIED") for event in written[1:]} == {"20250919T000000Z"}
    assert len(others) == len(written) - 1 > 10


@pytest.mark.parametrize("enabled", [True, False])
def test_building_and_writing_a_feed_leaves_the_cycle_collector_as_it_was(enabled: bool) -> None:
    # Loading, building and writing pause Python's cycle collector (their objects hold no
    # cycles); a host that runs with it on, or has turned it off, finds it as it was.
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        schedule = load_schedule(SEED_000_SCHEDULE)
        data = ics.calendar_bytes(ics.build_calendar(schedule))
        files = CalendarFiles(schedule).to_ical(occurrences=schedule.occurrences[:1], subscription=False)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert data.count(b"BEGIN:VEVENT") == len(schedule.occurrences) > 10
    assert files.count(b"BEGIN:VEVENT") == 1


def test_two_stamps_an_hour_apart_at_a_fall_back_are_two_stamps(seed_000: Schedule) -> None:
    # 01:30 in New York before and after the clocks go back compare equal (by the clock) and
    # hash alike; the shared DTSTAMP of one must not be written for the other.
    new_york = zoneinfo.ZoneInfo("America/New_York")
    before = dt.datetime(2025, 11, 2, 1, 30, tzinfo=new_york)
    after = before.replace(fold=1)
    assert dtstamps(ics.build_calendar(seed_000, stamp=before).to_ical()) == {"20251102T053000Z"}
    assert dtstamps(ics.build_calendar(seed_000, stamp=after).to_ical()) == {"20251102T063000Z"}


# -- determinism ----------------------------------------------------------------------------

BUILD_IN_A_PROCESS = """
import sys
from sphinxcontrib_coursecal import ics
from sphinxcontrib_coursecal.engine import load_schedule
sys.stdout.buffer.write(ics.build_calendar(load_schedule(sys.argv[1])).to_ical())
"""


def test_two_builds_are_byte_identical(seed_000: Schedule, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1758240000")
    here = ics.build_calendar(seed_000).to_ical()
    assert here == ics.build_calendar(load_schedule(SEED_000_SCHEDULE)).to_ical()
    # Separate processes with different hash seeds (set and dict orders) write the same bytes.
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1758240000"}
        result = subprocess.run(
            [sys.executable, "-c", BUILD_IN_A_PROCESS, str(SEED_000_SCHEDULE)],
            capture_output=True,
            env=env,
            timeout=60,
            check=True,
        )
        assert result.stdout == here


def dtstamps(raw: bytes) -> set[str]:
    return {value(event, "DTSTAMP") for event in components(raw, "VEVENT")}


def test_dtstamp_from_source_date_epoch(seed_000: Schedule, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1758240000")  # 2025-09-19 00:00:00 UTC
    assert dtstamps(ics.build_calendar(seed_000).to_ical()) == {"20250919T000000Z"}


def test_dtstamp_from_the_schedules_mtime_never_now(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = write_schedule(tmp_path, SEED_TEXT)
    os.utime(tmp_path / "papers.yaml", (978307200, 978307200))  # 2001-01-01 00:00:00 UTC
    os.utime(path, (1000000000, 1000000000))  # 2001-09-09 01:46:40 UTC, the newer of the two
    schedule = load_schedule(path)
    first = ics.build_calendar(schedule).to_ical()
    assert dtstamps(first) == {"20010909T014640Z"}
    assert ics.build_calendar(load_schedule(path)).to_ical() == first


def test_a_schedule_given_as_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No file to stat (and none in the working directory): SOURCE_DATE_EPOCH alone gives DTSTAMP.
    monkeypatch.chdir(tmp_path)
    schedule = load_schedule_text(
        "course: {id: t, timezone: UTC, start: 2025-09-01, end: 2025-09-05}\nmeetings: {lecture: {days: [Mon]}}\n"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1758240000")
    assert dtstamps(ics.build_calendar(schedule).to_ical()) == {"20250919T000000Z"}
    # Without it, still no "now": two builds a second apart are the same.
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    first = ics.build_calendar(schedule).to_ical()
    time.sleep(1.1)
    assert ics.build_calendar(schedule).to_ical() == first


# -- text: escaping, folding, line endings --------------------------------------------------------
# HOSTILE (conftest): backslashes (one before an N), semicolons, commas and newlines in its texts,
# and a title to fold.


@pytest.fixture(scope="module")
def hostile_feed(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return feed(load(tmp_path_factory.mktemp("hostile"), HOSTILE))


def test_hostile_text_is_escaped(hostile_feed: bytes) -> None:
    lines = content_lines(hostile_feed)
    # RFC 5545 3.3.11: backslash, semicolon and comma are escaped; a newline is written \n.
    assert r"SUMMARY:DEMO 101 Lecture: Review\; Q&A\, part 1\; C:\\New\\Notes" in lines
    assert r"LOCATION:Room 1\; Annex\, 2nd floor" in lines
    assert r"SUMMARY:DEMO 101 Holiday\, no class: Snow\; day\, \\ backslash" in lines
    # CATEGORIES is a list separated by commas: a comma in the label is escaped, so it stays one category.
    assert r"CATEGORIES:Holiday\, no class" in lines
    assert any(line.startswith("SUMMARY:") and line.endswith(r': HW1\, part "A"\; B') for line in lines)
    descriptions = [line for line in lines if line.startswith("DESCRIPTION:")]
    assert any(r"bring: pens\, paper\;\nand a calculator" in line for line in descriptions)


def test_hostile_text_reads_back_unchanged(hostile_feed: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(hostile_feed)
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert "DEMO 101 Lecture: Review; Q&A, part 1; C:\\New\\Notes" in summaries
    assert "DEMO 101 Holiday, no class: Snow; day, \\ backslash" in summaries
    assert any(s.endswith("😀 a long title that goes on and on so that the line must be folded") for s in summaries)
    closure = next(e for e in calendar.walk("VEVENT") if "Snow" in str(e["SUMMARY"]))
    assert [str(c) for c in closure["CATEGORIES"].cats] == ["Holiday, no class"]
    lecture = next(e for e in calendar.walk("VEVENT") if "Review" in str(e["SUMMARY"]))
    assert str(lecture["LOCATION"]) == "Room 1; Annex, 2nd floor"
    assert "bring: pens, paper;\nand a calculator" in str(lecture["DESCRIPTION"])


@pytest.mark.parametrize("which", ["seed", "hostile"])
def test_lines_are_folded_at_75_octets_with_crlf(which: str, seed_feed: bytes, hostile_feed: bytes) -> None:
    raw = seed_feed if which == "seed" else hostile_feed
    assert raw.endswith(b"\r\n")
    body = raw.replace(b"\r\n", b"")
    assert b"\n" not in body  # no bare LF: every line ends with CRLF
    assert b"\r" not in body
    physical = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) <= 75  # octets, without the CRLF
    folded = [line for line in physical if line[:1] in (b" ", b"\t")]
    assert folded  # both feeds have long lines
    for line in physical:
        # RFC 5545 3.1 calls a fold inside a UTF-8 sequence improper: every physical line must decode.
        line.decode("utf-8")
    for line in content_lines(raw):
        assert "\n" not in line
        assert "\r" not in line


# -- time zones ------------------------------------------------------------------------------------

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def offset(text: str) -> dt.timedelta:
    """A UTC offset as written in a VTIMEZONE ("-0700", "+0545", "+103000") as a timedelta."""
    sign = -1 if text[0] == "-" else 1
    hours, minutes, seconds = int(text[1:3]), int(text[3:5]), int(text[5:7] or 0)
    return sign * dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)


def onsets(raw: bytes, tzid: str) -> list[tuple[dt.datetime, dt.timedelta]]:
    """Every (UTC instant, offset from then on) the VTIMEZONE ``tzid`` defines, by its RFC 5545 meaning.

    An observance's DTSTART and RRULE are local times in the offset before
    the onset (TZOFFSETFROM); an RRULE's UNTIL is UTC.
    """
    (zone,) = [zone for zone in components(raw, "VTIMEZONE") if value(zone, "TZID") == tzid]
    found = []
    for kind in ("STANDARD", "DAYLIGHT"):
        for observance in observances(zone, kind):
            assert not props(observance, "RDATE"), "RRULE-style transitions only"
            params, start_text = one(observance, "DTSTART")
            assert params == ""
            assert re.fullmatch(r"\d{8}T\d{6}", start_text), start_text  # a local time: no Z, no TZID
            start = dt.datetime.strptime(start_text, "%Y%m%dT%H%M%S")
            before, after = offset(value(observance, "TZOFFSETFROM")), offset(value(observance, "TZOFFSETTO"))
            local_onsets = [start]
            for _params, rule in props(observance, "RRULE"):
                parts = dict(part.split("=", 1) for part in rule.split(";"))
                assert set(parts) == {"FREQ", "BYMONTH", "BYDAY", "UNTIL"}, rule
                assert parts["FREQ"] == "YEARLY"
                assert re.fullmatch(r"\d{8}T\d{6}Z", parts["UNTIL"]), rule  # RFC 5545: UNTIL in UTC here
                until = dt.datetime.strptime(parts["UNTIL"], "%Y%m%dT%H%M%SZ") + before  # as local time
                match = re.fullmatch(r"([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)", parts["BYDAY"])
                assert match is not None, rule
                weekday = rrule.weekday(DAYS.index(match[2]), int(match[1]))
                local_onsets = list(
                    rrule.rrule(
                        rrule.YEARLY, dtstart=start, bymonth=int(parts["BYMONTH"]), byweekday=weekday, until=until
                    )
                )
                assert local_onsets[0] == start, "an RRULE must generate its DTSTART"
            found.extend(((moment - before).replace(tzinfo=UTC), after) for moment in local_onsets)
    return sorted(found)


def observances(zone: list[str], kind: str) -> Iterator[list[str]]:
    current: list[str] | None = None
    for line in zone:
        if line == f"BEGIN:{kind}":
            current = []
        elif line == f"END:{kind}":
            assert current is not None
            yield current
            current = None
        elif current is not None:
            current.append(line)


def offset_at(table: list[tuple[dt.datetime, dt.timedelta]], moment: dt.datetime) -> dt.timedelta | None:
    """The VTIMEZONE's offset at an instant: that of the latest onset at or before it (None: none yet)."""
    earlier = [after for at, after in table if at <= moment]
    return earlier[-1] if earlier else None


def course_feed(folder: Path, zone: str, first: dt.date, last: dt.date) -> bytes:
    return feed(
        load(
            folder,
            f"""
course: {{id: tz, code: TZ 1, timezone: {zone}, start: {first}, end: {last}}}
meetings:
  lecture: {{days: [Mon, Wed, Fri], time: "09:30-10:45"}}
""",
        )
    )


def mismatches(raw: bytes, zone: str, first: dt.date, last: dt.date) -> list[str]:
    """Hours of the term (and two days around it) where the VTIMEZONE and the tz database differ."""
    table = onsets(raw, zone)
    real = zoneinfo.ZoneInfo(zone)
    moment = dt.datetime.combine(first - dt.timedelta(days=2), dt.time(), tzinfo=UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=3), dt.time(), tzinfo=UTC)
    wrong = []
    while moment < end:
        said, truth = offset_at(table, moment), moment.astimezone(real).utcoffset()
        if said != truth:
            wrong.append(f"{moment:%Y-%m-%d %H:%M}Z: VTIMEZONE {said}, tz database {truth}")
        moment += dt.timedelta(hours=1)
    return wrong


TERMS = {
    "autumn-2025": (dt.date(2025, 9, 22), dt.date(2025, 12, 12)),
    "spring-2026": (dt.date(2026, 1, 5), dt.date(2026, 6, 12)),
}


@pytest.mark.parametrize("term", list(TERMS))
@pytest.mark.parametrize("zone", ZONES)
def test_vtimezone_covers_the_term_with_rrules(zone: str, term: str, tmp_path: Path) -> None:
    first, last = TERMS[term]
    raw = course_feed(tmp_path, zone, first, last)
    assert mismatches(raw, zone, first, last) == []
    rules = [line for zone_lines in components(raw, "VTIMEZONE") for line in zone_lines if line.startswith("RRULE")]
    if zone in ("Asia/Kolkata", "America/Sao_Paulo"):  # no daylight saving time (Brazil: none since 2019)
        assert rules == []
        assert "BEGIN:DAYLIGHT" not in components(raw, "VTIMEZONE")[0]
    else:
        assert len(rules) >= 2  # one yearly rule for each way the clocks change


# Worked out by hand from each zone's rules:
#   Los Angeles: PDT (-7) ends the first Sunday of November at 02:00 PDT; PST (-8) ends the second Sunday of March.
#   London: BST (+1) from the last Sunday of March to the last Sunday of October, at 01:00 UTC both times.
#   Lord Howe: +10:30, and +11 from the first Sunday of October (02:00 local) to the first Sunday of April (02:00).
#   Chatham: +12:45, and +13:45 from the last Sunday of September (02:45) to the first Sunday of April (03:45).
#   Kolkata: +5:30 all year; Sao Paulo: -3 all year.
HAND_ONSETS = {
    "America/Los_Angeles": [("2025-11-02T09:00", "-0700", "-0800"), ("2026-03-08T10:00", "-0800", "-0700")],
    "Europe/London": [("2025-10-26T01:00", "+0100", "+0000"), ("2026-03-29T01:00", "+0000", "+0100")],
    "Australia/Lord_Howe": [("2025-10-04T15:30", "+1030", "+1100"), ("2026-04-04T15:00", "+1100", "+1030")],
    "Pacific/Chatham": [("2025-09-27T14:00", "+1245", "+1345"), ("2026-04-04T14:00", "+1345", "+1245")],
    "Asia/Kolkata": [("2025-10-26T01:00", "+0530", "+0530"), ("2026-03-29T01:00", "+0530", "+0530")],
    "America/Sao_Paulo": [("2025-11-02T03:00", "-0300", "-0300"), ("2026-02-15T03:00", "-0300", "-0300")],
}


@pytest.mark.parametrize("zone", ZONES)
def test_vtimezone_onsets_by_hand(zone: str, tmp_path: Path) -> None:
    raw = course_feed(tmp_path, zone, dt.date(2025, 9, 22), dt.date(2026, 6, 12))  # a whole academic year
    table = onsets(raw, zone)
    for at, before, after in HAND_ONSETS[zone]:
        moment = dt.datetime.fromisoformat(at).replace(tzinfo=UTC)
        assert offset_at(table, moment - dt.timedelta(seconds=1)) == offset(before), at
        assert offset_at(table, moment) == offset(after), at


# Courses in zones whose rules change near the term, found by comparing with the tz database hour by hour.
#   Cairo, autumn 2024: DST ends the last Thursday of October at 24:00, i.e. Friday 00:00; in 2024 that is
#   Nov 1, in 2023 and 2025 the last Friday of October. The two October onsets share a rule, and the yearly
#   RRULE between them invents Fri Oct 25 2024: a week of the term an hour off.
#   Almaty, autumn 2023: Kazakhstan went from +6 to +5 on 2024-03-01, its only change for years; the only
#   observance starts then, so nothing in the VTIMEZONE covers the term (ical.js reads those times as UTC).
#   Ciudad Juarez, autumn 2022: Mexico's DST ended Oct 30 (-6 kept), the city moved to -7 on Nov 30; the
#   RRULE joining the Nov 2021 and Nov 2023 onsets invents Nov 6 2022.
BROKEN = [
    ("Africa/Cairo", dt.date(2024, 9, 2), dt.date(2024, 12, 20)),
    ("Asia/Almaty", dt.date(2023, 9, 4), dt.date(2023, 12, 15)),
    ("America/Ciudad_Juarez", dt.date(2022, 8, 22), dt.date(2022, 12, 9)),
]


@pytest.mark.parametrize(("zone", "first", "last"), BROKEN, ids=[zone for zone, *_ in BROKEN])
def test_vtimezone_where_the_rules_change(zone: str, first: dt.date, last: dt.date, tmp_path: Path) -> None:
    assert mismatches(course_feed(tmp_path, zone, first, last), zone, first, last) == []


# -- kind and section feeds -------------------------------------------------------------------------


def test_kind_feeds(seed_000: Schedule, seed_000_page: Page) -> None:
    chosen = ics.feeds(seed_000, kind_feeds={"deadlines": ["deadline", "release"], "office-hours": ["office-hours"]})
    assert [f.filename for f in chosen] == ["cse599o.ics", "cse599o-deadlines.ics", "cse599o-office-hours.ics"]
    whole, deadlines, office_hours = (events_by_uid(feed(seed_000, feed=f)) for f in chosen)
    assert len(whole) == 51
    assert sorted(value(e, "SUMMARY").split(": ", 1)[1] for e in deadlines.values()) == sorted(
        title for _day, _time, title, _note in seed_000_page.deadlines
    )
    assert len(office_hours) == len(seed_000_page.office_hours) == 20
    assert all(value(e, "CATEGORIES") == "Office hours" for e in office_hours.values())
    # The same event is the same in every feed it is in.
    for part in (deadlines, office_hours):
        assert all(whole[uid] == event for uid, event in part.items())


def two_sections(folder: Path, end: str = "2025-09-30") -> Schedule:
    """Sections A (Mondays) and B (Tuesdays), office hours for everyone, one deadline."""
    text = """
course: {id: sec, code: SEC 1, timezone: America/Chicago, start: 2025-09-01, end: END}
meetings:
  lecture-a: {kind: lecture, section: A, days: [Mon], time: "09:00-10:00"}
  lecture-b: {kind: lecture, section: B, days: [Tue], time: "09:00-10:00"}
  oh: {kind: office-hours, days: [Wed], time: "14:00-15:00"}
deadlines:
  - {id: hw1, title: HW1, due: "2025-09-15 23:59"}
"""
    return load(folder, text.replace("END", end))


def test_section_feeds(tmp_path: Path) -> None:
    schedule = two_sections(tmp_path)
    chosen = {f.filename: f for f in ics.feeds(schedule)}
    assert set(chosen) == {"sec.ics", "sec-section-a.ics", "sec-section-b.ics"}
    section_a = {stable_id(uid) for uid in events_by_uid(feed(schedule, feed=chosen["sec-section-a.ics"]))}
    # Section A's Mondays (Sep 1, 8, 15, 22, 29), everyone's office hours (Wednesdays) and deadline; no Tuesday.
    assert {uid for uid in section_a if uid.startswith("lecture-a-")} == {
        f"lecture-a-2025-09-{day:02d}" for day in (1, 8, 15, 22, 29)
    }
    assert not any(uid.startswith("lecture-b-") for uid in section_a)
    assert {f"oh-2025-09-{day:02d}" for day in (3, 10, 17, 24)} | {"deadline-hw1"} <= section_a


@pytest.mark.parametrize("prebuilt", [False, True], ids=["built-here", "restamped"])
def test_a_builds_files_are_what_build_calendar_writes(seed_000: Schedule, tmp_path: Path, prebuilt: bool) -> None:
    """A build serialises each event once for all its files (``ics_files.CalendarFiles``): every
    feed and one-event file must still be, byte for byte, the calendar ``build_calendar`` makes.
    Also when the events come built already, without revisions (as the build compared them with
    the last publication), and each is only given its own."""
    sections = two_sections(tmp_path, end="2025-11-30")  # across the end of daylight time
    kinds = {"deadlines": ["deadline", "release"], "office-hours": ["office-hours"]}
    for schedule in (seed_000, sections):
        first = next(o for o in schedule.occurrences if not ics.empty_slot(schedule, o))
        options: dict[str, Any] = {
            "stamp": STAMP,
            "url_for": lambda o: f"https://course.example.org/{o.uid}.html",
            "refresh": dt.timedelta(hours=3),
            "empty_slots": "omit",
            "site": "https://course.example.org/",
            # One event revised by an earlier publication: its own SEQUENCE and stamps.
            "revisions": {ics.uid(schedule, first): Revision(4, STAMP, STAMP - dt.timedelta(days=2))},
        }
        unrevised = {name: value for name, value in options.items() if name != "revisions"}
        built = built_events(ics.build_calendar(schedule, **unrevised)) if prebuilt else None
        files = CalendarFiles(schedule, **options, built=built)
        chosen = ics.feeds(schedule, kind_feeds=kinds)
        assert len(chosen) >= 3
        for each in chosen:
            assert files.to_ical(feed=each) == ics.build_calendar(schedule, feed=each, **options).to_ical()
        for occurrence in schedule.occurrences:
            expected = ics.build_calendar(schedule, occurrences=[occurrence], **options).to_ical()
            assert files.to_ical(occurrences=[occurrence]) == expected, occurrence.uid
        single = files.to_ical(occurrences=[first], subscription=False)
        assert single == ics.build_calendar(schedule, occurrences=[first], subscription=False, **options).to_ical()
        assert b"SEQUENCE:4" in single
        assert b"X-WR-CALNAME" not in single
        if built is not None:
            assert not built, "every event built already is used, none built twice"
