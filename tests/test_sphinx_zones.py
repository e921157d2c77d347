"""Times in the reader's zone, the Python side: what HTML pages carry, and what other outputs keep.

The views test root (a New York course) with its deadline moved once (a
``was`` moment), built once per builder. HTML pages write each clock time as
``<time datetime="…Z">`` with the course's zone and the day the page shows it
under, and hold one hidden zone choice before the first calendar with times;
whole days stay plain text; EPUB, text and LaTeX write what they always did.
The script that reads all this is tested in Chromium (test_browser_zones.py).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sphinxcontrib_coursecal.sphinx.formats import Formats

from .conftest import Build, Builder
from .test_sphinx_builds import VIEWS_ROOT

NEW_YORK = ZoneInfo("America/New_York")


def _site(target: Path, language: str | None = None) -> Path:
    shutil.copytree(VIEWS_ROOT, target)
    schedule = target / "schedule.yaml"
    text = schedule.read_text(encoding="utf-8")
    moved = 'due: "2025-10-08 23:59", was: "2025-10-06 23:59"'
    schedule.write_text(text.replace('due: "2025-10-08 23:59"', moved), encoding="utf-8")
    if language:
        with (target / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"\nlanguage = {language!r}\n")
    return target


@pytest.fixture(scope="module")
def zone_builds(tmp_path_factory: pytest.TempPathFactory, shared_build: Builder) -> Callable[[str], Build]:
    """``get(builder)`` (or ``get("html-de")``): the site built once per builder."""
    base = tmp_path_factory.mktemp("zones")
    builds: dict[str, Build] = {}

    def get(name: str) -> Build:
        if name not in builds:
            builder, _, language = name.partition("-")
            srcdir = _site(base / f"src-{name}", language or None)
            overrides = {"copyright": "2025, Demo", "version": "1"}  # EPUB3 wants them
            builds[name] = shared_build(srcdir, base / f"build-{name}", builder, confoverrides=overrides)
            assert builds[name].warnings == ""
        return builds[name]

    return get


def test_every_clock_time_carries_its_instants(zone_builds: Callable[[str], Build]) -> None:
    soup = zone_builds("html").soup("index.html")
    times = soup.select("time.coursecal-zoned")
    assert len(times) > 10
    for time in times:
        start = dt.datetime.fromisoformat(str(time["datetime"]))
        assert str(time["datetime"]).endswith("Z")
        assert time["data-coursecal-zone"] == "America/New_York"
        local = start.astimezone(NEW_YORK)
        assert time["data-coursecal-day"] == local.date().isoformat()
        text = time.get_text()
        if time.has_attr("data-coursecal-dated"):  # "was Mon Oct 6 23:59"
            assert text == f"{local:%a %b} {local.day} {local:%H:%M}"
            continue
        assert text.startswith(f"{local:%H:%M}"), text
        if time.has_attr("data-coursecal-end"):
            end = dt.datetime.fromisoformat(str(time["data-coursecal-end"])).astimezone(NEW_YORK)
            assert text == f"{local:%H:%M}-{end:%H:%M}"
        else:
            assert text == f"{local:%H:%M}"


def test_a_late_deadline_is_the_next_day_in_utc_and_keeps_its_own_day(zone_builds: Callable[[str], Build]) -> None:
    soup = zone_builds("html").soup("index.html")
    due = [t for t in soup.select("time.coursecal-zoned") if t["datetime"] == "2025-10-09T03:59:00Z"]
    assert due, "HW1's 23:59 EDT is 03:59Z the next day"
    assert {t["data-coursecal-day"] for t in due} == {"2025-10-08"}
    assert {t.get_text() for t in due} == {"23:59"}
    assert all(not t.has_attr("data-coursecal-end") for t in due)
    assert "HW1 due 23:59" in re.sub(r"\s+", " ", soup.get_text())
    was = soup.select("time.coursecal-zoned[data-coursecal-dated]")
    assert was
    assert {t["datetime"] for t in was} == {"2025-10-07T03:59:00Z"}


def test_whole_days_are_not_times(zone_builds: Callable[[str], Build]) -> None:
    soup = zone_builds("html").soup("index.html")
    closures = [row for row in soup.select("tr.coursecal-date-2025-10-06") if "Snow day" in row.get_text()]
    assert closures
    assert not any(row.select("time") for row in closures)
    # HW1's release on Oct 1 has no time of day: its words, no <time>.
    released = [p for p in soup.select("p.coursecal-line") if "HW1 released" in p.get_text()]
    assert released
    assert not any(p.select("time") for p in released)


def test_one_hidden_choice_before_the_first_calendar(zone_builds: Callable[[str], Build]) -> None:
    soup = zone_builds("html").soup("index.html")
    choices = soup.select("div.coursecal-zones")
    assert len(choices) == 1
    choice = choices[0]
    assert choice.has_attr("hidden")
    assert not choice.get_text(strip=True)
    assert choice["data-coursecal-zone"] == "America/New_York"
    assert choice["data-coursecal-hours"] == "h23"
    assert choice["data-coursecal-label"] == "Times:"
    assert choice["data-coursecal-course"] == "course zone ({zone})"
    assert choice["data-coursecal-reader"] == "your zone ({zone})"
    following = choice.find_next_sibling()
    assert following is not None
    assert "coursecal-view-table" in following["class"]
    assert "coursecal-zones.js" in str(soup.select("script[src]"))


def test_the_choice_speaks_the_sites_language(zone_builds: Callable[[str], Build]) -> None:
    soup = zone_builds("html-de").soup("index.html")
    choice = soup.select_one("div.coursecal-zones")
    assert choice is not None
    assert (choice["data-coursecal-label"], choice["data-coursecal-hours"]) == ("Zeiten:", "h23")
    assert choice["data-coursecal-reader"] == "Ihre Zeitzone ({zone})"


def test_other_outputs_keep_the_course_text(zone_builds: Callable[[str], Build]) -> None:
    epub = zone_builds("epub")
    page = epub.read("index.xhtml")
    assert "<time" not in page
    assert "coursecal-zones" not in page
    assert "coursecal-zones.js" not in page
    assert re.search(r"HW1 <span class=\"coursecal-nowrap\">due 23:59</span>", page)
    text = zone_builds("text").read("index.txt")
    assert "HW1 due 23:59" in re.sub(r"\s+", " ", text)
    latex = next(zone_builds("latex").outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\DUrole{coursecal-time}{10:00\sphinxhyphen{}11:15 }" in latex


@pytest.mark.parametrize(
    ("language", "time_pattern", "cycle"),
    [("en", None, "h23"), ("de", None, "h23"), ("en_US", "h:mm a", "h12"), ("ja", None, "h23"), ("hi", None, "h12")],
)
def test_the_hour_cycle_the_browser_is_given(language: str, time_pattern: str | None, cycle: str) -> None:
    assert Formats(language, time_pattern=time_pattern).hour_cycle() == cycle
