"""Calendar feeds in a Sphinx build: each course's .ics files at the top of the HTML output.

HTML builds write ``cse599o.ics``, ``cse599o-deadlines.ics`` … at one stable
URL per feed, the same every build, so a subscription keeps working; and one
small file per event under ``_ics/`` for "Add to calendar" links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from .. import ics
from ..engine import Occurrence, Schedule
from .domain import course_domain, object_key, publishable_courses
from .i18n import LABELS
from .names import EVENTS_FOLDER, event_filename
from .state import load

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

MAIN_FEED = "all"


def course_feeds(config: Config, schedule: Schedule) -> dict[str, ics.Feed]:
    """The course's feeds by name: ``all``, each of ``coursecal_ics_feeds``, ``section-<x>``."""
    chosen = ics.feeds(
        schedule,
        kind_feeds=config.coursecal_ics_feeds,
        sections=config.coursecal_ics_sections,
        filename=config.coursecal_ics_filename,
    )
    named: dict[str, ics.Feed] = {}
    stem = chosen[0].filename.removesuffix(".ics") if chosen else ""
    for feed in chosen:
        name = feed.filename.removesuffix(".ics").removeprefix(stem).lstrip("-") or MAIN_FEED
        named[name] = feed
    return named


def base_url(config: Config, schedule: Schedule) -> str:
    """Where the site is published: ``course.url``, else ``html_baseurl``; "" when unknown.

    Only an absolute http(s) address will do: feeds and webcal links need one.
    """
    for url in ((schedule.course.url if schedule.course else ""), config.html_baseurl or ""):
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return url if url.endswith("/") else url + "/"
    return ""


def writes_feeds(config: Config, builder: Builder | None) -> bool:
    return (
        bool(config.coursecal_ics)
        and isinstance(builder, StandaloneHTMLBuilder)
        and not builder.name.startswith("epub")
    )


def page_url(builder: Builder, docname: str, anchor: str) -> str:
    """A page's path from the site root, with its anchor."""
    if isinstance(builder, SingleFileHTMLBuilder):
        page = f"{builder.config.root_doc}{builder.out_suffix}"
    else:
        page = builder.get_target_uri(docname)
    return f"{page}#{anchor}" if anchor else page


def url_for(env: BuildEnvironment, builder: Builder, schedule: Schedule) -> Callable[[Occurrence], str | None]:
    """Each event's place on the published site: its row or cell, else the calendar."""
    base = base_url(env.config, schedule)
    domain = course_domain(env)
    calendar = domain.shown_at("calendar", object_key(schedule, "calendar"))

    def locate(occurrence: Occurrence) -> str | None:
        if not base:
            return None
        place = None
        if occurrence.session is not None:
            place = domain.shown_at("session", object_key(schedule, occurrence.session.anchor))
        elif occurrence.deadline is not None:
            place = domain.shown_at("deadline", object_key(schedule, occurrence.deadline.id))
        place = place or calendar
        return urljoin(base, page_url(builder, *place)) if place else base

    return locate


def write_all_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: every course's feeds at the top of the HTML output."""
    if exception is not None or not writes_feeds(app.config, app.builder):
        return
    linked = course_domain(app.env).event_files()
    written: set[str] = set()
    for course in publishable_courses(app.env):
        schedule = load(app.env, course)
        if schedule.course is None:
            continue
        feeds = list(course_feeds(app.config, schedule).values())
        refresh = dt.timedelta(hours=app.config.coursecal_ics_refresh_hours)
        locate = url_for(app.env, app.builder, schedule)
        stamp = ics.dtstamp(schedule)
        for feed in feeds:
            calendar = ics.build_calendar(
                schedule, feed=feed, stamp=stamp, url_for=locate, refresh=refresh, labels=LABELS
            )
            (Path(app.outdir) / feed.filename).write_bytes(calendar.to_ical())
        # One small file per event a page links ("Add to calendar" in the list view).
        for occurrence in schedule.occurrences:
            name = event_filename(schedule, occurrence.uid)
            if name not in linked:
                continue
            target = Path(app.outdir) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            single = ics.build_calendar(
                schedule, stamp=stamp, url_for=locate, refresh=refresh, occurrences=[occurrence], labels=LABELS
            )
            target.write_bytes(single.to_ical())
            written.add(name)
    remove_stale_event_files(Path(app.outdir), written)


def remove_stale_event_files(outdir: Path, written: set[str]) -> None:
    """One-event files of events that are gone, or that no page links any more: a clean build
    would not have them, and a subscriber must not download a slot that no longer exists."""
    folder = outdir / EVENTS_FOLDER
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*.ics")):
        if path.relative_to(outdir).as_posix() not in written:
            path.unlink()
    for directory in [*sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True), folder]:
        if not any(directory.iterdir()):
            directory.rmdir()


def setup_feeds(app: Sphinx) -> None:
    app.connect("build-finished", write_all_feeds)
