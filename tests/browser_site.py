"""The two-course test site, built once per test session in every theme we support, and served.

Each theme's build is a subprocess (the five run in parallel) into one folder that
a local http.server on 127.0.0.1 serves: ``{url}/{theme}/{page}``. Besides the
test site's own pages, each build gets three a course site's staff would write:
``home.html`` (the upcoming view), ``month.html`` (the month view alone, as
the example course has it) and ``schedule.html`` (the table alone), for the
print and upcoming tests. Their names sort after ``cse599o``: references to a
session go to the first document by name that shows it, and the link tests
expect cse599o.html.

The page fixtures (``contexts``, ``open_page``, ``view_page``) are module-scoped:
a test module imports them, and its pages are shared by its tests.
"""

from __future__ import annotations

import datetime as dt
import functools
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .sphinx_site import make_site

# pydata-sphinx-theme's own header is the theme's layout, not ours: with the long
# default title it overflows a 375 px phone (even on about.html), and with two long
# page titles in the navbar it wraps to 102 px at 1280 px while the theme scrolls
# anchors to 80 px, under it. Its build gets a short title and one navbar link.
# sphinx-book-theme, built on it, gets the same title.
THEMES: dict[str, list[str]] = {
    "alabaster": [],
    "furo": [],
    "pydata_sphinx_theme": ["-D", "html_title=Courses", "-D", "html_theme_options.header_links_before_dropdown=1"],
    "sphinx_book_theme": ["-D", "html_title=Courses"],
    "sphinx_rtd_theme": [],
}
ALL_THEMES = list(THEMES)
SHORT_NAMES = {
    "alabaster": "alabaster",
    "furo": "furo",
    "pydata_sphinx_theme": "pydata",
    "sphinx_book_theme": "book",
    "sphinx_rtd_theme": "rtd",
}
# The themes with a dark mode of their own (alabaster and sphinx-rtd-theme have none).
DARK_THEMES = ("furo", "pydata_sphinx_theme", "sphinx_book_theme")
MODES = [(theme, "light") for theme in ALL_THEMES] + [(theme, "dark") for theme in DARK_THEMES]
# Each theme's content column: the element whose content box the calendar must fit.
COLUMNS = {
    "alabaster": "div.body",
    "furo": "article[role=main]",
    "pydata_sphinx_theme": "article.bd-article",
    "sphinx_book_theme": "article.bd-article",
    "sphinx_rtd_theme": "div[itemprop=articleBody]",
}

EXTRA_PAGES = {
    "home.rst": """:orphan:

Coming up in CSE 599o
=====================

.. course-calendar::
   :course: cse599o
   :view: upcoming
   :days: 10
""",
    "month.rst": """:orphan:

Course calendar
===============

.. course-calendar::
   :course: cse599o
   :view: month
""",
    "schedule.rst": """:orphan:

Schedule
========

.. course-calendar::
   :course: cse599o
   :view: table
""",
}

TIMEZONE = ZoneInfo("America/Los_Angeles")  # CSE 599o's
TODAY = dt.datetime(2025, 10, 15, 10, 0, tzinfo=TIMEZONE)
BEFORE_TERM = dt.datetime(2025, 8, 1, 10, 0, tzinfo=TIMEZONE)  # no day is "today"
AFTER_TERM = dt.datetime(2026, 1, 20, 10, 0, tzinfo=TIMEZONE)
DESKTOP = (1280, 800)
LAPTOP = (1024, 768)
MOBILE = (375, 800)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def build_sites(root: Path) -> None:
    """Every theme's build of the test site (and the extra pages) under ``root``."""
    builds = {}
    for theme, options in THEMES.items():
        source = make_site(root / f"src-{theme}")
        for name, text in EXTRA_PAGES.items():
            (source / name).write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-D", f"html_theme={theme}", *options]
        builds[theme] = subprocess.Popen(
            [*command, str(source), str(root / theme)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    for theme, build in builds.items():
        out, err = build.communicate(timeout=300)
        assert build.returncode == 0, f"the {theme} build failed:\n{out}\n{err}"


def serve(root: Path) -> Iterator[str]:
    """A local server for ``root`` while the generator runs; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


OpenPage = Callable[..., Page]
Contexts = dict[tuple[Any, ...], BrowserContext]
DARK_ACTIVE = """() => document.body.dataset.theme === 'dark' || document.documentElement.dataset.theme === 'dark'"""


@pytest.fixture(scope="module")
def contexts(chromium: Browser) -> Iterator[Contexts]:
    """One browser context per setting (viewport, JavaScript, color mode, clock), shared by the module."""
    made: Contexts = {}
    yield made
    for context in made.values():
        context.close()


def load(
    site: str,
    chromium: Browser,
    contexts: Contexts,
    theme: str,
    path: str,
    *,
    size: tuple[int, int] = DESKTOP,
    js: bool = True,
    mode: str = "light",
    now: dt.datetime = BEFORE_TERM,
) -> Page:
    """``path`` of ``theme``'s build, loaded in the context for these settings."""
    key = (size, js, mode, now)
    if key not in contexts:
        context = chromium.new_context(
            viewport={"width": size[0], "height": size[1]},
            java_script_enabled=js,
            timezone_id=str(TIMEZONE),
            locale="en-US",
            color_scheme="light",
        )
        context.set_default_timeout(20_000)
        # furo reads localStorage.theme; pydata-sphinx-theme (and sphinx-book-theme) mode and theme.
        context.add_init_script(f"localStorage.setItem('theme', '{mode}'); localStorage.setItem('mode', '{mode}');")
        context.clock.set_fixed_time(now)
        contexts[key] = context
    page = contexts[key].new_page()
    page.goto(f"{site}/{theme}/{path}")
    page.wait_for_load_state("load")
    if js and mode == "dark":
        assert page.evaluate(DARK_ACTIVE), f"{theme} did not switch to dark mode"
    return page


@pytest.fixture
def open_page(themed_site: str, chromium: Browser, contexts: Contexts) -> Iterator[OpenPage]:
    """``open_page(theme, path, size=..., js=..., mode=..., now=...)``: a fresh page, to click and scroll."""
    pages: list[Page] = []

    def opener(theme: str, path: str, **settings: Any) -> Page:
        pages.append(load(themed_site, chromium, contexts, theme, path, **settings))
        return pages[-1]

    yield opener
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def view_page(themed_site: str, chromium: Browser, contexts: Contexts) -> Iterator[OpenPage]:
    """Like ``open_page``, but loaded once per module and shared: only to read, never to change."""
    pages: dict[tuple[Any, ...], Page] = {}

    def viewer(theme: str, path: str, **settings: Any) -> Page:
        key = (theme, path, *sorted(settings.items()))
        if key not in pages:
            pages[key] = load(themed_site, chromium, contexts, theme, path, **settings)
        return pages[key]

    yield viewer
    for page in pages.values():
        page.close()
