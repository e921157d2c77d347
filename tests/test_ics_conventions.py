"""What calendar clients expect of a subscribed feed beyond RFC 5545, and empty lecture slots.

The calendar-level properties clients read (docs/howto/subscribe.md has the
table of who reads what): METHOD:PUBLISH, NAME (RFC 7986) and X-WR-CALNAME,
X-WR-CALDESC, REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL (Outlook).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sphinxcontrib_coursecal import ics
from sphinxcontrib_coursecal.engine import Schedule, load_schedule_text

from .ics_readers import calendar_lines, components, events_by_uid, one, stable_id, text, value

STAMP = dt.datetime(2025, 9, 1, 12, 0, tzinfo=dt.UTC)


def test_a_subscribed_feed_names_and_describes_itself(seed_000: Schedule) -> None:
    lines = calendar_lines(ics.build_calendar(seed_000, stamp=STAMP, site="https://cse599o.example.org/").to_ical())
    assert value(lines, "METHOD") == "PUBLISH"
    assert value(lines, "NAME") == value(lines, "X-WR-CALNAME") == "CSE 599o Autumn 2025"
    assert text(lines, "X-WR-CALDESC") == (
        "CSE 599o Autumn 2025: Systems for Machine Learning, University of Washington. https://cse599o.example.org/"
    )
    assert one(lines, "REFRESH-INTERVAL") == (";VALUE=DURATION", "PT12H")
    assert value(lines, "X-PUBLISHED-TTL") == "PT12H"


def test_a_one_event_file_is_not_a_subscription(seed_000: Schedule) -> None:
    lines = calendar_lines(
        ics.build_calendar(seed_000, stamp=STAMP, occurrences=seed_000.occurrences[:1], subscription=False).to_ical()
    )
    assert value(lines, "METHOD") == "PUBLISH"
    names = {line.split(":", 1)[0].split(";", 1)[0] for line in lines}
    assert not names & {"NAME", "X-WR-CALNAME", "X-WR-CALDESC", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"}


SHORT_PLAN = """\
course: {id: bio210, code: BIO 210, timezone: America/Chicago, start: 2026-01-12, end: 2026-01-30}
meetings:
  lecture: {days: [Tue], time: "09:30-10:45"}
  section: {kind: section, days: [Thu], time: "14:00-15:00"}
sessions:
  - {id: cells, title: Cells}
"""


@pytest.fixture
def short_plan(tmp_path: Path) -> Schedule:
    return load_schedule_text(SHORT_PLAN, str(tmp_path / "schedule.yaml"))


def test_an_empty_slot_is_titled_once(short_plan: Schedule) -> None:
    events = {stable_id(uid): event for uid, event in events_by_uid(ics.build_calendar(short_plan).to_ical()).items()}
    # Tuesdays Jan 13 (Cells), 20 and 27 (the plan ran out); the section meets Thursdays, without a plan.
    assert text(events["session-cells"], "SUMMARY") == "BIO 210 Lecture: Cells"
    assert text(events["lecture-2026-01-20"], "SUMMARY") == "BIO 210 Lecture"
    assert text(events["lecture-2026-01-27"], "SUMMARY") == "BIO 210 Lecture"
    assert text(events["section-2026-01-15"], "SUMMARY") == "BIO 210 Section"


def test_empty_slots_can_be_left_out(short_plan: Schedule) -> None:
    raw = ics.build_calendar(short_plan, empty_slots="omit").to_ical()
    ids = {stable_id(uid) for uid in events_by_uid(raw)}
    # The lecture slots without a session go; a meeting that takes no plan (the section) stays.
    assert ids == {"session-cells", "section-2026-01-15", "section-2026-01-22", "section-2026-01-29"}
    assert len(components(raw, "VEVENT")) == 4
