"""Format-1 files keep their meaning: both seed transcriptions write the same feeds, byte for byte.

The expected feeds (tests/regressions/feed-<course>.ics) were written by the
code before format 1.1; a new form of the format must not change a byte of a
file that does not use it. Only PRODID (it names the package's version) is
left out of the comparison.

To regenerate after an intended change to feeds, run
    COURSECAL_REGENERATE=1 .venv/bin/python -m pytest tests/test_feeds_unchanged.py
then read every changed line of the diff before committing it. A run that
regenerates always fails, and CI (the CI variable set) refuses to regenerate.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from sphinxcontrib_coursecal import ics
from sphinxcontrib_coursecal.engine import load_schedule

from .conftest import SEED_000_SCHEDULE, SEED_003_SCHEDULE

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
STAMP = dt.datetime(2025, 9, 19, tzinfo=dt.UTC)


def every_feed(schedule_file: Path) -> bytes:
    """Each of the course's feeds (whole course, kinds, sections), one after another."""
    schedule = load_schedule(schedule_file)
    kinds = {"deadlines": ["deadline", "release"], "office-hours": ["office-hours"]}
    written = b"".join(
        ics.build_calendar(schedule, feed=feed, stamp=STAMP).to_ical() for feed in ics.feeds(schedule, kind_feeds=kinds)
    )
    return b"\r\n".join(line for line in written.split(b"\r\n") if not line.startswith(b"PRODID:"))


@pytest.mark.parametrize(("course", "schedule_file"), [("cse599o", SEED_000_SCHEDULE), ("cs599e1", SEED_003_SCHEDULE)])
def test_the_seed_feeds_are_byte_identical(course: str, schedule_file: Path) -> None:
    expected_file = REGRESSIONS / f"feed-{course}.ics"
    actual = every_feed(schedule_file)
    if os.environ.get("COURSECAL_REGENERATE"):
        if os.environ.get("CI"):
            pytest.fail("COURSECAL_REGENERATE is set in CI: expected output is never regenerated there")
        expected_file.write_bytes(actual)
        pytest.fail(f"regenerated {expected_file}; read its diff line by line, then run again without the variable")
    assert actual == expected_file.read_bytes()
