"""A role read before any schedule is known still follows the schedule's edits.

With no ``coursecal_schedule``, a page's roles may be read before the page
whose directive names the schedule file: they depend on it all the same, so
an edit to the schedule re-writes them.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

SCHEDULE = """\
course: {id: demo, timezone: UTC, start: 2026-01-05, end: 2026-03-27}
meetings:
  lecture: {days: [Mon], time: "10:00-11:00"}
papers:
  knuth: {title: The Art of Computer Programming, short: TITLE-ONE}
sessions:
  - {title: Intro, readings: [knuth]}
"""


def build(srcdir: Path, builddir: Path) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_a_role_read_before_the_schedule_follows_its_edits(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinxcontrib_coursecal"]\n', encoding="utf-8")
    (src / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   aaa\n   zzz\n", encoding="utf-8")
    # Sphinx reads documents in name order: "aaa" before "zzz", whose directive names the file.
    (src / "aaa.rst").write_text("Notes\n=====\n\nRead :paper:`knuth`.\n", encoding="utf-8")
    (src / "zzz.rst").write_text("Schedule\n========\n\n.. course-calendar:: schedule.yaml\n", encoding="utf-8")
    (src / "schedule.yaml").write_text(SCHEDULE, encoding="utf-8")
    first = build(src, tmp_path / "build")
    assert first.warning.getvalue() == ""
    assert "TITLE-ONE" in (Path(first.outdir) / "aaa.html").read_text(encoding="utf-8")

    (src / "schedule.yaml").write_text(SCHEDULE.replace("TITLE-ONE", "TITLE-TWO"), encoding="utf-8")
    later = time.time() + 2
    os.utime(src / "schedule.yaml", (later, later))
    again = build(src, tmp_path / "build")
    assert "TITLE-TWO" in (Path(again.outdir) / "aaa.html").read_text(encoding="utf-8")
