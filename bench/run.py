"""Speed and memory of the engine, the feeds and a Sphinx build: `make bench`.

Prints a Markdown table (median of several runs; peak Python allocation by
tracemalloc) for the docs' performance page. Not a test: timings depend on
the machine, so nothing here passes or fails.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from sphinxcontrib_coursecal.engine import load_schedule, load_schedule_text
from sphinxcontrib_coursecal.ics import build_calendar

REPO = Path(__file__).resolve().parent.parent
SEED_000 = REPO / "example_course" / "schedule.yaml"
SEED_003 = REPO / "docs" / "gallery" / "cs599e1" / "schedule.yaml"


def large_schedule(sessions: int = 150, sections: int = 4) -> str:
    """A big course: four sections, three meetings a week for a year, 150 sessions each, 300 papers."""
    meetings = "".join(
        f"  lecture-{n}: {{kind: lecture, section: S{n}, days: [Mon, Wed, Fri], time: '{9 + n}:00-{9 + n}:50'}}\n"
        for n in range(sections)
    )
    papers = "".join(
        f"  p{n}: {{title: Paper {n}, authors: [A. Author, B. Author], year: 2020, url: https://example.org/{n}}}\n"
        for n in range(2 * sessions)
    )
    plan = "".join(
        f"  - {{id: s{n}, title: Session {n}, readings: [p{2 * n}, {{paper: p{2 * n + 1}, optional: true}}]}}\n"
        for n in range(sessions)
    )
    closures = "".join(f"  - {{date: 2025-{month:02d}-15, title: Break {month}}}\n" for month in range(1, 13))
    deadlines = "".join(f"  - {{id: hw{n}, title: HW{n}, due: '2025-{n % 12 + 1:02d}-20 23:59'}}\n" for n in range(40))
    return (
        textwrap.dedent(
            """\
        course: {id: big, timezone: America/New_York, start: 2025-01-06, end: 2026-01-30}
        meetings:
        """
        )
        + meetings
        + "closures:\n"
        + closures
        + "papers:\n"
        + papers
        + "sessions:\n"
        + plan
        + "deadlines:\n"
        + deadlines
    )


def measure(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median seconds over ``repeat`` runs, and the peak MiB Python allocated in one."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def sphinx_build() -> float:
    """A clean HTML build of the example course, in a subprocess (seconds)."""
    folder = Path(tempfile.mkdtemp())
    try:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(REPO / "example_course"), str(folder / "html")],
            check=True,
        )
        return time.perf_counter() - start
    finally:
        shutil.rmtree(folder)


def main() -> None:
    big = large_schedule()
    seed_000 = load_schedule(SEED_000)
    big_schedule = load_schedule_text(big)
    assert not big_schedule.errors, big_schedule.errors  # every session placed: a fair measure
    rows = [
        ("load and place CSE 599o (20 sessions, 37 papers)", *measure(lambda: load_schedule(SEED_000), 20)),
        (
            "load and place CS 599 E1 (27 sessions, 40 papers from BibTeX)",
            *measure(lambda: load_schedule(SEED_003), 20),
        ),
        (
            f"load and place a large course (4 sections x 150 sessions = {len(big_schedule.sessions)} placed, "
            f"{len(big_schedule.occurrences)} entries, {len(big_schedule.papers)} papers)",
            *measure(lambda: load_schedule_text(big), 5),
        ),
        ("ICS feed of CSE 599o (51 events)", *measure(lambda: build_calendar(seed_000).to_ical(), 20)),
        (
            f"ICS feed of the large course ({len(big_schedule.occurrences)} events)",
            *measure(lambda: build_calendar(big_schedule).to_ical(), 3),
        ),
    ]
    builds = sorted(sphinx_build() for _ in range(3))
    print("| what | median time | peak Python memory |")
    print("| --- | ---: | ---: |")
    for name, seconds, mebibytes in rows:
        print(f"| {name} | {seconds * 1000:.1f} ms | {mebibytes:.1f} MiB |")
    print(f"| clean `sphinx-build -b html` of the example course (3 runs) | {builds[1]:.1f} s | — |")


if __name__ == "__main__":
    main()
