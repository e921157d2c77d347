"""The example course and the documentation build as a new user and Read the Docs build them.

* The example course (``make example``) builds with warnings as errors, and in
  headless Chromium its month view and a paper page show what a student needs.
  With ``COURSECAL_UPDATE_SCREENSHOTS=1`` the test also writes the README's
  screenshots (docs/_static/screenshots/); never in CI.
* The docs build with the command line Read the Docs uses, warnings as
  errors and nitpicky, in html, dirhtml, latex and epub.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from .conftest import REPO

SCREENSHOTS = REPO / "docs" / "_static" / "screenshots"


def sphinx(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example course, built as `make example` builds it (into a temporary folder)."""
    out = tmp_path_factory.mktemp("example") / "html"
    result = sphinx("-W", "--keep-going", "-q", "-b", "html", "example_course", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out


def test_the_example_course_builds_clean(example: Path) -> None:
    for page in ("index.html", "calendar.html", "schedule.html", "readings.html", "notes/memory.html"):
        assert (example / page).is_file(), page
    assert (example / "cse599o.ics").is_file()
    assert len(list((example / "papers").glob("*.html"))) == 38  # 37 papers and their index


def test_the_example_course_in_a_browser(example: Path, chromium: Browser) -> None:
    """In the suite's Chromium (conftest.py), so the README's pictures use the pinned fonts too."""
    update = os.environ.get("COURSECAL_UPDATE_SCREENSHOTS") and not os.environ.get("CI")
    # A student in the course's own zone (the zone choice shows only elsewhere), whatever the machine's is.
    page = chromium.new_page(
        viewport={"width": 1200, "height": 900}, device_scale_factor=1, timezone_id="America/Los_Angeles"
    )
    try:
        page.clock.set_fixed_time("2025-10-01T09:00:00-07:00")  # during the term, for the today mark
        page.goto((example / "calendar.html").as_uri())
        # The month view: four months of the term, every lecture of the plan in it.
        assert page.locator(".coursecal-month-name").all_inner_texts() == [
            "September 2025",
            "October 2025",
            "November 2025",
            "December 2025",
        ]
        assert page.locator(".coursecal-view-month .coursecal-item p.coursecal-title").count() == 20
        assert page.locator("td.coursecal-today").count() == 1
        assert page.locator("tr.coursecal-this-week").count() == 1  # the week of Wed Oct 1
        # Printed (Chromium's print-to-PDF, counted by pypdf): no more pages than months, one a page.
        sheets = PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages
        months = [re.findall(r"(?:September|October|November|December) 2025", s.extract_text()) for s in sheets]
        assert months == [["September 2025"], ["October 2025"], ["November 2025"], ["December 2025"]]
        if update:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=SCREENSHOTS / "month-view.png", clip={"x": 0, "y": 0, "width": 1200, "height": 900})
        # A paper page: what it is, and every lecture that assigns it.
        page.goto((example / "papers" / "zero.html").as_uri())
        assert page.locator("h1").inner_text().startswith("ZeRO: Memory Optimizations")
        assigned = page.locator("#assigned li").all_inner_texts()
        assert len(assigned) == 1
        assert "Class 8, Fri Oct 17" in assigned[0]
        assert "Paper 1" in assigned[0]
        assert page.locator("#cited li").all_inner_texts() == ["Lecture notes: memory optimizations and ZeRO"]
        if update:
            page.screenshot(path=SCREENSHOTS / "paper-page.png", clip={"x": 0, "y": 0, "width": 1200, "height": 700})
    finally:
        page.close()


# The command line Read the Docs runs for a Sphinx project (its "build.html" and
# friends), with warnings as errors and nitpicky, as .readthedocs.yaml asks.
@pytest.mark.parametrize("builder", ["html", "dirhtml", "latex", "epub"])
def test_the_docs_build_as_read_the_docs_builds_them(builder: str, tmp_path: Path) -> None:
    result = sphinx(
        "-T",
        "-W",
        "--keep-going",
        "-n",
        "-b",
        builder,
        "-d",
        str(tmp_path / "doctrees"),
        "-D",
        "language=en",
        "docs",
        str(tmp_path / builder),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr
