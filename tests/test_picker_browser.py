"""The subscribe picker in a real browser: ticking boxes gives links to feeds the build wrote.

A course with two sections is built with its site address set to a local
http.server on 127.0.0.1 that serves the build, so every link a student
gets (the download, and the webcal:// subscription read as http://) is
fetched from the server: it must exist, and hold exactly what was ticked.
Chromium comes from tests/test_browser.py's fixtures (Debian's, pinned
fonts); without JavaScript the page lists every feed instead.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from .test_browser import _QuietHandler, chromium, fontconfig

__all__ = ["chromium", "fontconfig"]  # the shared browser (fixtures of test_browser)

SCHEDULE = """\
course: {id: bio210, code: BIO 210, timezone: America/Chicago, start: 2026-01-12, end: 2026-02-06}
meetings:
  lecture: {days: [Tue, Thu], time: "09:30-10:45", location: Hall 1}
  lab-a: {kind: lab, section: A, days: [Mon], time: "13:00-15:00"}
  lab-b: {kind: lab, section: B, days: [Wed], time: "13:00-15:00"}
  office-hours: {kind: office-hours, days: [Fri], time: "11:00-12:00"}
closures:
  - {date: 2026-01-19, title: MLK Day}
sessions:
  - {id: intro, title: Cells}
  - {id: membranes, title: Membranes}
deadlines:
  - {id: hw1, title: HW1, due: "2026-01-23 23:59"}
events:
  - {id: midterm, title: Midterm, date: 2026-02-03, time: "19:00-21:00", kind: exam}
"""
CONF = """\
project = "BIO 210"
extensions = ["sphinxcontrib_coursecal"]
coursecal_schedule = "schedule.yaml"
html_baseurl = "{url}"
"""
PAGE = "BIO 210\n=======\n\n.. course-calendar::\n\nSubscribe\n---------\n\n.. course-ics-picker::\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The course built into the folder a local server serves, its address its html_baseurl."""
    root = tmp_path_factory.mktemp("picker")
    served = root / "served"
    served.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        srcdir = root / "src"
        srcdir.mkdir()
        (srcdir / "conf.py").write_text(CONF.format(url=url), encoding="utf-8")
        (srcdir / "index.rst").write_text(PAGE, encoding="utf-8")
        (srcdir / "schedule.yaml").write_text(SCHEDULE, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(srcdir), str(served)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(site: str, chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = chromium.new_context(java_script_enabled=getattr(request, "param", True))
    opened = context.new_page()
    opened.goto(f"{site}index.html")
    opened.wait_for_load_state("load")
    yield opened
    context.close()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # the local server only
        assert response.status == 200
        data: bytes = response.read()
        return data


def categories(raw: bytes) -> set[str]:
    return set(re.findall(r"^CATEGORIES:(.*?)\r$", raw.decode("utf-8"), re.MULTILINE))


def sections_of(raw: bytes) -> set[str]:
    """The labs' sections in a feed, from their UIDs (lab-a-…, lab-b-…)."""
    return {uid[4].upper() for uid in re.findall(r"^UID:(lab-[ab])-", raw.decode("utf-8"), re.MULTILINE)}


def links(page: Page) -> dict[str, str]:
    """The picker's current links by label, as the browser resolves them."""
    found = page.eval_on_selector_all(".coursecal-picker-result a", "links => links.map(a => [a.textContent, a.href])")
    return dict(found)


def feed_from(page: Page, site: str) -> bytes:
    """The feed the links point at: the download, the subscription and Google's the same file on the server."""
    found = links(page)
    assert set(found) == {"Subscribe", "Download .ics", "Add to Google Calendar"}
    download = fetch(found["Download .ics"])
    assert found["Subscribe"].startswith("webcal://127.0.0.1:")
    assert fetch("http://" + found["Subscribe"].removeprefix("webcal://")) == download
    (cid,) = parse_qs(urlsplit(found["Add to Google Calendar"]).query)["cid"]
    assert cid == found["Subscribe"]
    assert urljoin(site, urlsplit(found["Download .ics"]).path) == found["Download .ics"]
    return download


def tick(page: Page, groups: set[str], section: str = "") -> None:
    for box in page.query_selector_all("input[name='group']"):
        box.set_checked(box.get_attribute("value") in groups)
    page.select_option("select[name='section']", section)


def test_everything_ticked_is_the_whole_feed(page: Page, site: str) -> None:
    assert page.is_visible("form.coursecal-picker-form")
    assert page.get_attribute("details.coursecal-picker-all", "open") is None  # the list is folded away
    boxes = page.eval_on_selector_all("input[name='group']", "boxes => boxes.map(b => [b.value, b.checked])")
    assert boxes == [["lectures", True], ["office-hours", True], ["deadlines", True], ["exams", True]]
    assert feed_from(page, site) == fetch(f"{site}bio210.ics")


@pytest.mark.parametrize(
    ("groups", "section", "kinds", "labs"),
    [
        ({"lectures"}, "", {"Lecture", "Lab", "Holiday"}, {"A", "B"}),
        ({"lectures"}, "B", {"Lecture", "Lab", "Holiday"}, {"B"}),
        ({"deadlines", "exams"}, "", {"Deadline", "Exam", "Holiday"}, set()),
        (
            {"lectures", "office-hours", "deadlines", "exams"},
            "A",
            {"Lecture", "Lab", "Office hours", "Deadline", "Exam", "Holiday"},
            {"A"},
        ),
    ],
)
def test_ticking_gives_the_feed_of_what_was_ticked(
    page: Page, site: str, groups: set[str], section: str, kinds: set[str], labs: set[str]
) -> None:
    tick(page, groups, section)
    raw = feed_from(page, site)
    assert categories(raw) == kinds  # the closure (Holiday) is in every feed: it explains a missing class
    assert sections_of(raw) == labs
    title = page.text_content(".coursecal-picker-title") or ""
    # "BIO 210: Lectures, section B"; everything for section A is the section's own feed, "BIO 210, section A".
    assert title.startswith("BIO 210")
    assert title.endswith(f", section {section}") == bool(section)


def test_nothing_ticked_offers_nothing(page: Page) -> None:
    tick(page, set())
    assert page.is_hidden(".coursecal-picker-result")
    assert page.is_visible(".coursecal-picker-none")
    tick(page, {"exams"})
    assert page.is_visible(".coursecal-picker-result")
    assert page.is_hidden(".coursecal-picker-none")


@pytest.mark.parametrize("page", [False], indirect=True, ids=["no JavaScript"])
def test_without_javascript_every_feed_is_listed(page: Page, site: str) -> None:
    assert page.is_hidden("form.coursecal-picker-form")
    items = page.eval_on_selector_all(
        ".coursecal-picker-list > li",
        "items => items.map(li => [li.querySelector('strong').textContent,"
        " Array.from(li.querySelectorAll('a')).map(a => [a.textContent, a.href])])",
    )
    # 4 groups: 15 combinations, for all sections and for each of A and B.
    assert len(items) == 45
    for _title, pairs in items:
        found = dict(pairs)
        assert fetch(found["Download .ics"]) == fetch("http://" + found["Subscribe"].removeprefix("webcal://"))
    assert sorted(Path(urlsplit(dict(p)["Download .ics"]).path).name for _t, p in items)[:2] == [
        "bio210-pick-deadlines-section-a.ics",
        "bio210-pick-deadlines-section-b.ics",
    ]
