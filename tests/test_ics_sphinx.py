"""Feeds in a Sphinx build: where they are written, that they do not change, their URLs and the links to them.

The two-course test site (conftest's ``courses_site``) gets two pages of feed links here,
``feeds.rst`` and ``notes/subscribe.rst`` (a page one folder down, so a
relative download link must climb out of it). CSE 599o's schedule sets
``course.url`` (https://cse599o.example.org/); CS 599 E1's does not, so its
events use the site's ``html_baseurl`` (https://courses.example.org/).
Builds run with SOURCE_DATE_EPOCH set, as a reproducible build would.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from sphinxcontrib_coursecal.engine import load_schedule

from .conftest import Build, Builder
from .ics_readers import unfold

EPOCH = "1758240000"  # 2025-09-19 00:00:00 UTC
FEED_PAGE = """:orphan:

Subscribe
=========

.. course-ics::
   :course: cse599o
"""
NESTED_FEED_PAGE = """:orphan:

Subscribe (notes)
=================

.. course-ics::
   :course: cse599o
   :feeds: all, deadlines
"""
# Each course's whole feed, and one per kind group it has (coursecal_ics_feeds' default: deadlines, office
# hours): CSE 599o has deadlines and office hours (the page shows both); CS 599 E1 has deadlines only.
FEEDS = {"cse599o.ics", "cse599o-deadlines.ics", "cse599o-office-hours.ics", "cs599e1.ics", "cs599e1-deadlines.ics"}
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")
OTHER_BUILDERS = ("text", "latex", "epub", "man")
CSE599O_URL = "https://cse599o.example.org/"  # course.url in example_course/schedule.yaml
SITE_URL = "https://courses.example.org/"  # html_baseurl in tests/roots/test-courses/conf.py


def site_with_feed_pages(courses_site: Callable[[Path], Path], target: Path) -> Path:
    srcdir = courses_site(target)
    (srcdir / "feeds.rst").write_text(FEED_PAGE, encoding="utf-8")
    (srcdir / "notes" / "subscribe.rst").write_text(NESTED_FEED_PAGE, encoding="utf-8")
    return srcdir


@pytest.fixture(scope="module")
def epoch() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        yield


class Site:
    def __init__(self, base: Path, srcdir: Path, build: Builder) -> None:
        self.base = base
        self.srcdir = srcdir
        self.build = build
        self.builds: dict[str, Build] = {}

    def get(self, name: str, builder: str | None = None) -> Build:
        if name not in self.builds:
            self.builds[name] = self.build(self.srcdir, self.base / f"build-{name}", builder or name)
            assert self.builds[name].statuscode == 0
        return self.builds[name]


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, epoch: None, courses_site: Callable[[Path], Path], shared_build: Builder
) -> Site:
    base = tmp_path_factory.mktemp("ics-site")
    return Site(base, site_with_feed_pages(courses_site, base / "src"), shared_build)


def top_level_feeds(outdir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(outdir.glob("*.ics"))}


def vevents(raw: bytes) -> list[dict[str, str]]:
    """Each VEVENT's properties by name (the value only; unfolded)."""
    found, current = [], None
    for line in unfold(raw.decode("utf-8")).split("\r\n"):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _, rest = line.partition(":")
            current[name.split(";", 1)[0]] = rest
    return found


# -- where the feeds are -------------------------------------------------------------------


@pytest.mark.parametrize("builder", HTML_BUILDERS)
def test_html_builds_write_the_feeds_at_stable_names(site: Site, builder: str) -> None:
    built = site.get(builder)
    feeds = top_level_feeds(built.outdir)
    assert set(feeds) == FEEDS
    # The whole feed holds every item of the course, by the engine's stable ids.
    for course in ("cse599o", "cs599e1"):
        schedule = load_schedule(site.srcdir / course / "schedule.yaml")
        uids = {event["UID"].split("@", 1)[0] for event in vevents(feeds[f"{course}.ics"])}
        assert uids == {occurrence.uid for occurrence in schedule.occurrences}


@pytest.mark.parametrize("builder", OTHER_BUILDERS)
def test_other_builders_write_no_feed(site: Site, builder: str) -> None:
    built = site.get(builder)
    assert sorted(built.outdir.rglob("*.ics")) == []


def test_feeds_are_byte_identical_across_builds(site: Site, build: Builder) -> None:
    first = top_level_feeds(site.get("html").outdir)
    second = top_level_feeds(site.get("html-again", "html").outdir)  # another clean build
    assert first == second
    # An incremental build in the first build's folder (nothing changed) writes them again, the same.
    again = build(site.srcdir, site.base / "build-html", "html")
    assert top_level_feeds(again.outdir) == first
    for raw in first.values():
        assert {event["DTSTAMP"] for event in vevents(raw)} == {"20250919T000000Z"}


def test_dtstamp_is_the_schedules_mtime_without_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, courses_site: Callable[[Path], Path], build: Builder
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    srcdir = site_with_feed_pages(courses_site, tmp_path / "src")
    os.utime(srcdir / "cse599o" / "papers.yaml", (978307200, 978307200))  # 2001-01-01 00:00:00 UTC
    os.utime(srcdir / "cse599o" / "schedule.yaml", (1000000000, 1000000000))  # 2001-09-09 01:46:40 UTC
    built = build(srcdir, tmp_path / "build", "html")
    assert {event["DTSTAMP"] for event in vevents((built.outdir / "cse599o.ics").read_bytes())} == {"20010909T014640Z"}


# -- event URLs ----------------------------------------------------------------------------------


def page_file(outdir: Path, path: str) -> Path:
    """The file a site-relative URL path serves ("cse599o.html", or "cse599o/" in dirhtml)."""
    target = outdir / path
    return target / "index.html" if path.endswith("/") or not path else target


@functools.cache
def parsed(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def anchor(outdir: Path, url: str, base: str) -> Tag:
    """The element a feed URL points at: the URL is under ``base``, its page exists, its id once in the page."""
    assert url.startswith(base), url
    path, _, fragment = url.removeprefix(base).partition("#")
    page = page_file(outdir, path)
    assert page.is_file(), url
    assert fragment, url
    found = parsed(page).find_all(id=fragment)
    assert len(found) == 1, url
    return found[0]


def shown(target: Tag) -> tuple[str, list[str]]:
    """The text of the item or table row holding ``target``, and the dates of the cell or row around it."""
    item = next(p for p in target.parents if p.name == "tr" or "coursecal-item" in (p.get("class") or []))
    holder = next(p for p in target.parents if any(c.startswith("coursecal-date-") for c in p.get("class") or []))
    dates = [c.removeprefix("coursecal-date-") for c in holder.get("class") or [] if c.startswith("coursecal-date-")]
    return " ".join(item.get_text(" ").split()), dates


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_session_urls_point_at_where_the_session_is_shown(site: Site, builder: str) -> None:
    built = site.get(builder)
    for course, base in (("cse599o", CSE599O_URL), ("cs599e1", SITE_URL)):
        schedule = load_schedule(site.srcdir / course / "schedule.yaml")
        events = {
            event["UID"].split("@", 1)[0]: event for event in vevents((built.outdir / f"{course}.ics").read_bytes())
        }
        for session in schedule.sessions:
            event = events[f"session-{session.anchor}"]
            text, dates = shown(anchor(built.outdir, event["URL"], base))
            assert dates == [session.date.isoformat()], event["URL"]
            # A month cell's item shows the title; a table row starts with the class number (CS 599 E1's
            # presentation rows show the presented papers instead of the title, as its page does).
            title = " ".join(session.title.split())
            assert title in text.replace("\u2019", "'") or text.startswith(f"{session.number} "), (event["URL"], text)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_event_url_names_an_existing_anchor(site: Site, builder: str) -> None:
    built = site.get(builder)
    for name, raw in top_level_feeds(built.outdir).items():
        base = CSE599O_URL if name.startswith("cse599o") else SITE_URL
        for event in vevents(raw):
            anchor(built.outdir, event["URL"], base)


# -- the course-ics links ---------------------------------------------------------------------------


def links(page: Path) -> list[list[tuple[str, str]]]:
    """Each feed's line of links: (label, href) in order."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [
        [(a.get_text(" ", strip=True), str(a["href"])) for a in li.find_all("a")]
        for li in soup.select("ul.coursecal-feeds > li")
    ]


def test_course_ics_links(site: Site) -> None:
    built = site.get("html")
    found = links(built.outdir / "feeds.html")
    expected = []
    for name in ("cse599o.ics", "cse599o-deadlines.ics", "cse599o-office-hours.ics"):
        webcal = f"webcal://cse599o.example.org/{name}"  # the feed's address under course.url, scheme webcal
        google = "https://calendar.google.com/calendar/r?cid=" + webcal.replace(":", "%3A").replace("/", "%2F")
        expected.append([("Subscribe", webcal), ("Download .ics", name), ("Add to Google Calendar", google)])
    assert found == expected
    for line in found:
        (_, webcal), (_, download), (_, google) = line
        assert (built.outdir / download).read_bytes() == top_level_feeds(built.outdir)[download]
        query = parse_qs(urlsplit(google).query)
        assert query == {"cid": [webcal]}


@pytest.mark.parametrize(("builder", "page"), [("html", "notes/subscribe.html"), ("dirhtml", "notes/subscribe/")])
def test_download_links_resolve_from_a_page_in_a_folder(site: Site, builder: str, page: str) -> None:
    built = site.get(builder)
    found = links(page_file(built.outdir, page))
    assert [[label for label, _ in line] for line in found] == [
        ["Subscribe", "Download .ics", "Add to Google Calendar"]
    ] * 2
    downloads = [dict(line)["Download .ics"] for line in found]
    assert all(href.startswith("../") for href in downloads)  # relative, out of the folder
    resolved = [urlsplit(urljoin(f"https://x.example/{page}", href)).path.lstrip("/") for href in downloads]
    assert resolved == ["cse599o.ics", "cse599o-deadlines.ics"]
    assert all((built.outdir / name).is_file() for name in resolved)


def test_without_a_site_address_links_offer_the_download_only(
    tmp_path: Path, epoch: None, courses_site: Callable[[Path], Path], build: Builder
) -> None:
    srcdir = site_with_feed_pages(courses_site, tmp_path / "src")
    schedule = srcdir / "cse599o" / "schedule.yaml"
    text = schedule.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True) if re.match(r"^  url: ", line)]
    assert len(lines) == 1
    schedule.write_text(text.replace(lines[0], ""), encoding="utf-8")
    built = build(srcdir, tmp_path / "build", "html", confoverrides={"html_baseurl": ""})
    assert built.statuscode == 0
    # Two pages link the course's feeds: one warning, at one of them.
    no_url = [line for line in built.warnings.splitlines() if line.endswith("[coursecal.no-url]")]
    assert len(no_url) == 1, built.warnings
    for page in ("feeds.html", "notes/subscribe.html"):
        for line in links(built.outdir / page):
            assert [label for label, _ in line] == ["Download .ics"]
            ((_, href),) = line
            target = urlsplit(urljoin(f"https://x.example/{page}", href)).path.lstrip("/")
            assert (built.outdir / target).is_file()
    # And no event claims an address the site does not have.
    assert all("URL" not in event for event in vevents((built.outdir / "cse599o.ics").read_bytes()))
    assert all("URL" not in event for event in vevents((built.outdir / "cs599e1.ics").read_bytes()))
