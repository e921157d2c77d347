"""One-event .ics files ("Add to calendar"): written for the events pages link, and only those."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_coursecal.engine import load_schedule

from .conftest import REPO

EXAMPLE = REPO / "example_course"


def build(srcdir: Path, builddir: Path) -> Path:
    app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 0
    return Path(app.outdir)


def event_files(outdir: Path) -> set[str]:
    return {path.relative_to(outdir).as_posix() for path in (outdir / "_ics").rglob("*") if path.is_file()}


def test_the_linked_events_have_files_and_nothing_else_does(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build"))
    outdir = build(srcdir, tmp_path / "build")
    # schedule.rst lists the deadlines with :add-to-calendar: (a :kinds: deadline list).
    schedule = load_schedule(srcdir / "schedule.yaml")
    deadlines = {f"_ics/cse599o/{o.uid}.ics" for o in schedule.occurrences if o.kind == "deadline"}
    assert len(deadlines) == 7
    assert event_files(outdir) == deadlines
    page = BeautifulSoup((outdir / "schedule.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in page.select(".coursecal-add-to-calendar a")}
    assert links == deadlines  # schedule.html sits at the top of the output
    for name in deadlines:
        # One event to add, not a calendar to subscribe to: a client would otherwise offer a new
        # calendar named after the course, refreshed every 12 hours, for one deadline.
        lines = (outdir / name).read_text(encoding="utf-8").splitlines()
        assert sum(line.startswith("BEGIN:VEVENT") for line in lines) == 1
        properties = {line.split(":", 1)[0].split(";", 1)[0] for line in lines}
        assert not properties & {"NAME", "X-WR-CALNAME", "X-WR-CALDESC", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"}

    # Without the option, an incremental build removes the files, as a clean build would not write them.
    page_source = srcdir / "schedule.rst"
    page_source.write_text(page_source.read_text(encoding="utf-8").replace("   :add-to-calendar:\n", ""), "utf-8")
    later = time.time() + 2
    os.utime(page_source, (later, later))
    assert event_files(build(srcdir, tmp_path / "build")) == set()
    assert not (outdir / "_ics").exists()
