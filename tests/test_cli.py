"""The ``coursecal`` command as a user runs it: check and ics."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from sphinxcontrib_coursecal.cli import main
from sphinxcontrib_coursecal.engine import load_schedule

from .conftest import SEED_000_SCHEDULE, SEED_003_SCHEDULE


@pytest.mark.parametrize("schedule", [SEED_000_SCHEDULE, SEED_003_SCHEDULE])
def test_check_passes_on_both_seeds(schedule: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(schedule)]) == 0
    out, err = capsys.readouterr()
    assert "ok" in out
    assert err == ""


def test_check_reports_path_line_col_and_exits_1(tmp_path: Path) -> None:
    schedule = tmp_path / "schedule.yaml"
    schedule.write_text(
        "course:\n  id: x\n  timezone: Mars/Olympus\n  start: 2025-09-01\n  end: 2025-12-01\n"
        "meetings:\n  lecture: {days: [Tue], tiem: '10:00-11:00'}\n",
        encoding="utf-8",
    )
    # As installed: python -m, in a fresh process.
    result = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_coursecal", "check", str(schedule)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert f"{schedule}:3:13: error: 'Mars/Olympus' is not an IANA time zone" in lines[0]
    assert lines[1].startswith(
        f"{schedule}:7:26: error: the meeting 'lecture' has no field 'tiem'; did you mean 'time'?"
    )
    assert "Traceback" not in result.stderr


def test_check_exits_0_with_only_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schedule = tmp_path / "schedule.yaml"
    schedule.write_text(
        "course: {id: x, timezone: UTC, start: 2025-09-01, end: 2025-12-01}\n"
        "deadlines:\n  - {title: Early bird, due: 2025-08-20}\n",
        encoding="utf-8",
    )
    assert main(["check", str(schedule)]) == 0
    assert "warning: `due` of the deadline 'early-bird' 2025-08-20 is outside the term" in capsys.readouterr().err


def test_ics_has_every_occurrence_at_the_right_instant(tmp_path: Path) -> None:
    output = tmp_path / "feed" / "cse599o.ics"
    assert main(["ics", str(SEED_000_SCHEDULE), "-o", str(output)]) == 0
    schedule = load_schedule(SEED_000_SCHEDULE)
    calendar = icalendar.Calendar.from_ical(output.read_bytes())
    # recurring-ical-events is an independent reader of the feed.
    events = recurring_ical_events.of(calendar).between(dt.date(2025, 9, 1), dt.date(2026, 1, 1))
    assert len(events) == len(schedule.occurrences) == 51
    by_uid = {str(event["UID"]): event for event in events}
    for occurrence in schedule.occurrences:
        event = by_uid[f"{occurrence.uid}@cse599o.coursecal"]
        start = event.decoded("DTSTART")
        if occurrence.start is None:
            assert start == occurrence.date
        else:
            assert start.astimezone(dt.UTC) == occurrence.start.astimezone(dt.UTC)
    frameworks = by_uid["session-frameworks@cse599o.coursecal"]
    assert str(frameworks["SUMMARY"]) == "CSE 599o Lecture: ML frameworks"
    assert frameworks.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2025, 10, 1, 17, tzinfo=dt.UTC)
    # A deadline is a moment: DURATION:P0D in the feed itself (readers expand it to DTEND).
    raw = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert raw["deadline-hw1@cse599o.coursecal"].decoded("DURATION") == dt.timedelta(0)
    assert "DTEND" not in raw["deadline-hw1@cse599o.coursecal"]


def test_ics_output_is_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760000000")
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert main(["ics", str(SEED_003_SCHEDULE), "-o", str(first)]) == 0
    assert main(["ics", str(SEED_003_SCHEDULE), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert b"DTSTAMP:20251009T085320Z" in first.read_bytes()
