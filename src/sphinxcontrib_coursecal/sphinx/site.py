"""Where the site is published, and where its feeds and event pages are on it.

One home for the addresses every feed-related part needs: the site's
absolute URL (``course.url``, ``html_baseurl``, or Read the Docs'
``READTHEDOCS_CANONICAL_URL``), each feed's stable file name, the change
history's files beside it, and each event's page in the builder at hand.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from .. import ics
from ..engine import Occurrence, Schedule
from .courses import course_domain, object_key

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

MAIN_FEED = "all"
# Read the Docs sets this in every build: the address of the version being built
# (https://docs.readthedocs.io/en/stable/reference/environment-variables.html).
READTHEDOCS_URL = "READTHEDOCS_CANONICAL_URL"


def course_feeds(config: Config, schedule: Schedule) -> dict[str, ics.Feed]:
    """The course's feeds by name: ``all``, each of ``coursecal_ics_feeds``, ``section-<x>``."""
    chosen = ics.feeds(
        schedule,
        kind_feeds=config.coursecal_ics_feeds,
        sections=config.coursecal_ics_sections,
        filename=config.coursecal_ics_filename,
    )
    named: dict[str, ics.Feed] = {}
    stem = feed_stem(config, schedule)
    for feed in chosen:
        name = feed.filename.removesuffix(".ics").removeprefix(stem).lstrip("-") or MAIN_FEED
        named[name] = feed
    return named


def feed_stem(config: Config, schedule: Schedule) -> str:
    """The whole feed's name without ``.ics`` (``cse599o``): other files of the course add to it."""
    course_id = schedule.course.id if schedule.course else "course"
    return str(config.coursecal_ics_filename).format(course=course_id).removesuffix(".ics")


def history_files(config: Config, schedule: Schedule) -> tuple[str, str]:
    """The change history (JSON, read back by the next build) and its Atom feed."""
    stem = feed_stem(config, schedule)
    return f"{stem}-changes.json", f"{stem}-changes.atom"


def _absolute(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return url if url.endswith("/") else url + "/"
    return ""


def base_url(config: Config, schedule: Schedule) -> str:
    """Where the site is published; "" when unknown.

    ``course.url``, else ``html_baseurl``, else the address Read the Docs gives
    the build (so a Read the Docs site needs no setting). Only an absolute
    http(s) address will do: feeds and webcal links need one.
    """
    course_url = schedule.course.url if schedule.course else ""
    for url in (course_url, config.html_baseurl or "", os.environ.get(READTHEDOCS_URL, "")):
        if _absolute(url):
            return _absolute(url)
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
