"""Times in the reader's zone, in Chromium with a forced zone (Playwright's ``timezone_id``, CDP's emulation).

The course (CSE 599o, the example course) is in America/Los_Angeles, whose
clocks go back on Sunday Nov 2 2025; Europe/Berlin's went back a week before,
on Oct 26, so for one week Berlin is 8 hours ahead of Seattle, not 9. Tokyo
keeps one offset, so the US change alone moves its times.

* Conversion, once: the default is the course's zone; the reader's own shows
  each lecture at the right hour on both sides of both changes, a 23:59
  deadline on the next day with that day written, a range that crosses
  midnight with its days; the choice persists across a reload.
* No choice for a reader in the course's zone; no script, the course's text.
* In every theme, phone and desktop: the choice is on screen, inside the
  content column; light and dark, axe-core finds nothing in it or the month.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext
from playwright.sync_api import Page as BrowserPage

from . import test_browser_student as student
from .conftest import ALL_THEMES, COLUMNS, DARK_ACTIVE, DESKTOP, MOBILE, MODES, TODAY
from .test_browser_student import AXE_RUN, FIT_JS

axe_script = student.axe_script  # the fixture that installs axe-core, shared

COURSE_ZONE = "America/Los_Angeles"
SIZES = {"1280": DESKTOP, "375": MOBILE}
OURS = ".coursecal-zones, .coursecal"

# datetime attribute -> (the course's text, Berlin's, Tokyo's), worked out by hand:
# PDT is UTC-7 until Nov 2, PST UTC-8; CEST UTC+2 until Oct 26, CET UTC+1; JST UTC+9.
TIMES = {
    "2025-10-22T17:00:00Z": ("10:00-11:20", "19:00-20:20", "Thu Oct 23 02:00-03:20"),  # both in summer time
    "2025-10-29T17:00:00Z": ("10:00-11:20", "18:00-19:20", "Thu Oct 30 02:00-03:20"),  # Berlin changed, US not
    "2025-11-05T18:00:00Z": ("10:00-11:20", "19:00-20:20", "Thu Nov 6 03:00-04:20"),  # both changed
    "2025-10-23T22:30:00Z": ("15:30-16:30", "Fri Oct 24 00:30-01:30", "Fri Oct 24 07:30-08:30"),
    "2025-10-30T22:30:00Z": ("15:30-16:30", "23:30 \u2013 Fri Oct 31 00:30", "Fri Oct 31 07:30-08:30"),
    "2025-10-31T19:30:00Z": ("12:30-13:30", "20:30-21:30", "Sat Nov 1 04:30-05:30"),  # moved an hour, PDT
    "2025-10-25T06:59:00Z": ("23:59", "Sat Oct 25 08:59", "Sat Oct 25 15:59"),  # HW1, Fri Oct 24 23:59 PDT
    "2025-11-11T07:59:00Z": ("23:59", "Tue Nov 11 08:59", "Tue Nov 11 16:59"),  # HW2, Mon Nov 10 23:59 PST
}
READER = {"Europe/Berlin": 1, "Asia/Tokyo": 2}


@pytest.fixture
def new_context(chromium: Browser) -> Iterator[Any]:
    """``new_context(zone, size=..., js=..., mode=...)``: a fresh context (its own localStorage), closed after."""
    made: list[BrowserContext] = []

    def make(zone: str, *, size: tuple[int, int] = DESKTOP, js: bool = True, mode: str = "light") -> BrowserContext:
        context = chromium.new_context(
            viewport={"width": size[0], "height": size[1]},
            java_script_enabled=js,
            timezone_id=zone,
            locale="en-US",
            color_scheme="light",
        )
        context.set_default_timeout(20_000)
        context.add_init_script(f"localStorage.setItem('theme', '{mode}'); localStorage.setItem('mode', '{mode}');")
        context.clock.set_fixed_time(TODAY)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def open_in(context: BrowserContext, url: str, mode: str = "light") -> BrowserPage:
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    if mode == "dark":
        assert page.evaluate(DARK_ACTIVE)
    return page


def shown(page: BrowserPage) -> dict[str, str]:
    """The text of each time of ``TIMES`` (its first on the page)."""
    return {
        instant: page.locator(f'time.coursecal-zoned[datetime="{instant}"]').first.inner_text() for instant in TIMES
    }


@pytest.mark.parametrize("zone", list(READER))
def test_the_readers_zone_shows_the_right_hour_and_day(themed_site: str, new_context: Any, zone: str) -> None:
    page = open_in(new_context(zone), f"{themed_site}/alabaster/month.html")
    choice = page.locator(".coursecal-zones")
    assert choice.is_visible()
    assert " ".join(choice.inner_text().split()) == f"Times: course zone ({COURSE_ZONE}) your zone ({zone})"
    # The course's zone first: exactly the page's own text.
    assert page.get_by_role("radio", name=f"course zone ({COURSE_ZONE})").is_checked()
    assert shown(page) == {instant: texts[0] for instant, texts in TIMES.items()}

    page.get_by_role("radio", name=f"your zone ({zone})").check()
    assert shown(page) == {instant: texts[READER[zone]] for instant, texts in TIMES.items()}
    hw1 = page.locator('time.coursecal-zoned[datetime="2025-10-25T06:59:00Z"]').first
    title = hw1.get_attribute("title") or ""
    assert f"Fri Oct 24 23:59 ({COURSE_ZONE})" in title
    assert f"{TIMES['2025-10-25T06:59:00Z'][READER[zone]]} ({zone})" in title

    page.reload()  # remembered for the site
    page.wait_for_load_state("load")
    assert page.get_by_role("radio", name=f"your zone ({zone})").is_checked()
    assert shown(page) == {instant: texts[READER[zone]] for instant, texts in TIMES.items()}
    page.get_by_role("radio", name=f"course zone ({COURSE_ZONE})").check()
    page.reload()
    page.wait_for_load_state("load")
    assert shown(page) == {instant: texts[0] for instant, texts in TIMES.items()}


def test_a_time_names_both_zones_on_hover_and_focus(themed_site: str, new_context: Any) -> None:
    page = open_in(new_context("Europe/Berlin"), f"{themed_site}/furo/month.html")
    lecture = page.locator('time.coursecal-zoned[datetime="2025-10-29T17:00:00Z"]').first
    assert lecture.get_attribute("tabindex") == "0"
    expected = f"Wed Oct 29 10:00-11:20 ({COURSE_ZONE}) \u00b7 Wed Oct 29 18:00-19:20 (Europe/Berlin)"
    assert lecture.get_attribute("title") == expected
    lecture.focus()
    after = lecture.evaluate("e => getComputedStyle(e, '::after').content")
    assert "18:00-19:20 (Europe/Berlin)" in after


def test_no_choice_in_the_courses_own_zone(themed_site: str, new_context: Any) -> None:
    page = open_in(new_context(COURSE_ZONE), f"{themed_site}/alabaster/month.html")
    assert page.locator(".coursecal-zones").count() == 1
    assert not page.locator(".coursecal-zones").is_visible()
    assert page.locator("time.coursecal-zoned[title], time.coursecal-zoned[tabindex]").count() == 0
    assert shown(page) == {instant: texts[0] for instant, texts in TIMES.items()}


def test_without_javascript_the_course_text(themed_site: str, new_context: Any) -> None:
    page = open_in(new_context("Asia/Tokyo", js=False), f"{themed_site}/alabaster/cse599o.html")
    assert not page.locator(".coursecal-zones").is_visible()
    assert shown(page) == {instant: texts[0] for instant, texts in TIMES.items()}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", ALL_THEMES)
def test_the_choice_fits_the_column(themed_site: str, new_context: Any, theme: str, size: str) -> None:
    """The converted page (month, table, list) and the choice: nothing wider than the column, nothing cut."""
    context = new_context("Europe/Berlin", size=SIZES[size])
    page = open_in(context, f"{themed_site}/{theme}/cse599o.html")
    page.get_by_role("radio", name="your zone (Europe/Berlin)").check()
    assert page.locator('time[datetime="2025-10-25T06:59:00Z"]').first.inner_text() == "Sat Oct 25 08:59"
    found = page.evaluate(FIT_JS, [COLUMNS[theme], OURS])
    assert not found["problems"], "\n".join(found["problems"][:5])
    if size == "375":
        assert found["page"] <= 1, f"the page scrolls sideways by {found['page']}px"
    left, right = found["column"]
    for label in page.locator(".coursecal-zones label").all():
        box = label.bounding_box()
        assert box is not None
        assert box["x"] >= left - 1
        assert box["x"] + box["width"] <= right + 1
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth + 1")


@pytest.mark.parametrize(("theme", "mode"), MODES)
def test_axe_finds_nothing_in_the_choice(
    themed_site: str, new_context: Any, axe_script: Path, theme: str, mode: str
) -> None:
    """The month in the reader's zone with the choice above it, light and dark, phone and desktop."""
    problems = []
    for size in SIZES.values():
        page = open_in(new_context("Asia/Tokyo", size=size, mode=mode), f"{themed_site}/{theme}/month.html", mode)
        page.get_by_role("radio", name="your zone (Asia/Tokyo)").check()
        page.add_script_tag(path=str(axe_script))
        result = page.evaluate(AXE_RUN, [".coursecal-zones", ".coursecal"])
        problems += [f"{size}: {v['id']} ({v['help']}): {v['nodes']}" for v in result["violations"]]
    assert not problems, "\n".join(problems)
