"""Shared paths: the two seed transcriptions and the seed pages they came from; shared schedules.

A test module never imports another test module: what several of them feed to
the engine (schedule texts, time zones, and the instants worked out by hand for
them) lives here; readers of outputs live in ics_readers.py and sphinx_readers.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sphinxcontrib_coursecal.engine import Schedule, load_schedule

pytest_plugins = ("sphinx.testing.fixtures",)

# Tests read Sphinx's plain output (status lines, warnings). Sphinx 9 colours it
# whenever CI=true, as CI sets; NO_COLOR switches that off here and in the
# sphinx-build subprocesses the tests start.
os.environ["NO_COLOR"] = "1"

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
SEEDS = Path(__file__).resolve().parent / "seeds"
SEED_000_SCHEDULE = REPO / "example_course" / "schedule.yaml"
SEED_003_SCHEDULE = REPO / "docs" / "gallery" / "cs599e1" / "schedule.yaml"


@pytest.fixture(scope="session")
def seed_000() -> Schedule:
    return load_schedule(SEED_000_SCHEDULE)


@pytest.fixture(scope="session")
def seed_003() -> Schedule:
    return load_schedule(SEED_003_SCHEDULE)


# -- schedules written for a test, and what the feeds of some must say -------------------------


def write_schedule(folder: Path, text: str) -> Path:
    """A schedule file (with the seed's papers beside it, for schedules derived from the seed)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED_000_SCHEDULE.parent / "papers.yaml", folder / "papers.yaml")
    path = folder / "schedule.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# Backslashes, semicolons, commas and newlines in titles, notes and the room (RFC 5545 escapes them), and a
# title long enough to fold: test_ics_feeds reads the bytes, test_ics_consumers what readers make of them.
HOSTILE = r"""
course: {id: demo, code: "DEMO 101", timezone: Europe/London, start: 2025-09-22, end: 2025-10-17,
         location: "Room 1; Annex, 2nd floor"}
kinds:
  holiday: {label: "Holiday, no class", color: "#5b5b5b"}
meetings:
  lecture: {days: [Mon], time: "10:00-11:00"}
closures:
  - {date: 2025-10-06, title: "Snow; day, \\ backslash"}
sessions:
  - title: "Review; Q&A, part 1\nnewline"
    notes: "bring: pens, paper;\nand a calculator"
  - title: "Ünïcödé — 日本語のタイトル 😀 a long title that goes on and on so that the line must be folded"
deadlines:
  - {id: hw1, title: "HW1, part \"A\"; B", due: "2025-09-30 23:59"}
"""

# The course time zones test_ics_feeds and test_ics_consumers check a year of feeds in.
ZONES = ["America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham"]
ZONES += ["America/Sao_Paulo"]

# By hand: Pacific Daylight Time (UTC-7) ends on Sunday Nov 2 2025 at 02:00; Pacific Standard Time is UTC-8.
# A 10:00-11:20 lecture is 17:00-18:20Z before and 18:00-19:20Z after; 23:59 is 06:59Z/07:59Z the next day.
AROUND_NOV_2 = {
    "session-case-studies-palm": ("2025-10-29T17:00:00Z", "2025-10-29T18:20:00Z"),  # Wed Oct 29
    "session-case-studies-llama": ("2025-10-31T17:00:00Z", "2025-10-31T18:20:00Z"),  # Fri Oct 31
    "session-post-training-intro": ("2025-11-05T18:00:00Z", "2025-11-05T19:20:00Z"),  # Wed Nov 5
    "session-rl-systems-rllib": ("2025-11-07T18:00:00Z", "2025-11-07T19:20:00Z"),  # Fri Nov 7
    "oh-frank-2025-10-31": ("2025-10-31T19:30:00Z", "2025-10-31T20:30:00Z"),  # moved to 12:30-13:30 PDT
    "oh-stephanie-2025-11-06": ("2025-11-06T23:30:00Z", "2025-11-07T00:30:00Z"),  # 15:30-16:30 PST
    "deadline-hw1": ("2025-10-25T06:59:00Z", "2025-10-25T06:59:00Z"),  # Fri Oct 24 23:59 PDT, no duration
    "deadline-hw2": ("2025-11-11T07:59:00Z", "2025-11-11T07:59:00Z"),  # Mon Nov 10 23:59 PST
    "closure-2025-11-11-veteran-s-day": ("2025-11-11", "2025-11-12"),  # all day
}

LONDON = """
course: {id: lon101, code: LON 101, timezone: Europe/London, start: 2025-10-13, end: 2025-11-07, location: Bush House}
meetings:
  lecture: {days: [Mon, Fri], time: "10:00-11:00"}
sessions:
  - {id: w1-mon, title: Week 1 Monday}
  - {id: w1-fri, title: Week 1 Friday}
  - {id: w2-mon, title: Week 2 Monday}
  - {id: before-the-change, title: The last lecture in BST}
  - {id: after-the-change, title: The first lecture in GMT}
deadlines:
  - {id: sat, title: Saturday essay, due: "2025-10-25 23:59"}
  - {id: sun, title: Sunday essay, due: "2025-10-26 23:59"}
"""

# By hand: British Summer Time (UTC+1) ends on Sunday Oct 26 2025 at 01:00 UTC; then GMT (UTC+0).
AROUND_OCT_26 = {
    "session-before-the-change": ("2025-10-24T09:00:00Z", "2025-10-24T10:00:00Z"),  # Fri Oct 24 10:00 BST
    "session-after-the-change": ("2025-10-27T10:00:00Z", "2025-10-27T11:00:00Z"),  # Mon Oct 27 10:00 GMT
    "lecture-2025-10-31": ("2025-10-31T10:00:00Z", "2025-10-31T11:00:00Z"),  # Fri Oct 31, a free slot
    "deadline-sat": ("2025-10-25T22:59:00Z", "2025-10-25T22:59:00Z"),  # Sat 23:59 BST
    "deadline-sun": ("2025-10-26T23:59:00Z", "2025-10-26T23:59:00Z"),  # Sun 23:59 GMT
}


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot="x")`` finds ``tests/roots/test-x`` (sphinx.testing)."""
    return ROOTS
