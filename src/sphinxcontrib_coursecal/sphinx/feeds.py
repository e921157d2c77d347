"""Calendar feeds in a Sphinx build, and the links students subscribe with.

HTML builds write each course's feeds at the top of the output
(``cse599o.ics``, ``cse599o-deadlines.ics`` …): one stable URL per feed, the
same every build, so a subscription keeps working. ``.. course-ics::`` (and
``:subscribe:`` on a calendar) shows Subscribe (webcal://), Download and
"Add to Google Calendar" links; the links are made when the builder is known,
so LaTeX and text builds show the address instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast
from urllib.parse import quote, urljoin, urlsplit

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.locale import get_translation
from sphinx.util.osutil import relative_uri

from .. import ics
from ..engine import Occurrence, Schedule
from . import store
from .calendar import CourseDirective
from .courses import domain_data, known_courses, object_key
from .render import classes
from .warnings import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from .domain import CourseDomain

_ = get_translation("sphinxcontrib_coursecal")
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


def writes_feeds(config: Config, builder: Builder) -> bool:
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
    domain = cast("CourseDomain", env.get_domain("course"))
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
    for course in known_courses(app.env):
        schedule = course.load()
        if schedule.course is None:
            continue
        feeds = list(course_feeds(app.config, schedule).values())
        refresh = dt.timedelta(hours=app.config.coursecal_ics_refresh_hours)
        locate = url_for(app.env, app.builder, schedule)
        stamp = ics.dtstamp(schedule)
        for feed in feeds:
            calendar = ics.build_calendar(schedule, feed=feed, stamp=stamp, url_for=locate, refresh=refresh)
            (Path(app.outdir) / feed.filename).write_bytes(calendar.to_ical())
        # One small file per event, for "Add to calendar" links in the list view.
        for occurrence in schedule.occurrences:
            target = Path(app.outdir) / event_filename(schedule, occurrence.uid)
            target.parent.mkdir(parents=True, exist_ok=True)
            single = ics.build_calendar(
                schedule, stamp=stamp, url_for=locate, refresh=refresh, occurrences=[occurrence]
            )
            target.write_bytes(single.to_ical())


# -- links ---------------------------------------------------------------------------


class feed_links(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """Placeholder for a course's feed links, made once the builder is known."""


class event_ics(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for one event's "Add to calendar" link (HTML only)."""


EVENTS_FOLDER = "_ics"


def event_filename(schedule: Schedule, uid: str) -> str:
    """Where one event's .ics lives: ``_ics/<course id>/<uid>.ics``."""
    course_id = schedule.course.id if schedule.course else "course"
    return f"{EVENTS_FOLDER}/{course_id}/{uid}.ics"


def event_link(schedule: Schedule, occurrence: Occurrence) -> event_ics:
    node = event_ics()
    node["file"] = event_filename(schedule, occurrence.uid)
    return node


def resolve_event_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: a link to the event's own .ics in HTML; nothing elsewhere."""
    html = writes_feeds(app.config, app.builder)
    for node in list(doctree.findall(event_ics)):
        if not html:
            node.parent.remove(node)
            continue
        label = _("Add to calendar")
        line = nodes.paragraph(classes=classes("add-to-calendar"))
        line += nodes.reference(label, label, refuri=relative_link(app.builder, docname, node["file"]))
        node.replace_self(line)


class CourseIcs(CourseDirective):
    """``.. course-ics::``: Subscribe, Download and Google links for a course's feeds."""

    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "course": directives.unchanged_required,
        "feeds": directives.unchanged_required,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        schedule = self.schedule()
        if schedule is None:
            return []
        wanted = self.option_list("feeds")
        return [links_placeholder(self, schedule, wanted)]


def links_placeholder(directive: CourseDirective, schedule: Schedule, wanted: list[str] | None) -> feed_links:
    """A feed_links node; records the document, so a missing site URL is reported once."""
    env = directive.env
    available = course_feeds(env.config, schedule)
    names = list(available) if not wanted else [name for name in wanted if name in available]
    for name in wanted or []:
        if name not in available:
            known = ", ".join(available)
            warn(Warn.OPTION, f"{directive.name}: no feed {name!r}; this course has: {known}", directive.get_location())
    node = feed_links(classes=["coursecal", *classes("feeds"), *directive.options.get("class", [])])
    node["schedule"] = schedule.path
    node["root"] = str(directive.current_course.root if directive.current_course else env.srcdir)
    node["feeds"] = names
    directive.set_source_info(node)
    subscribers = domain_data(env).setdefault("subscribers", {})
    subscribers.setdefault(schedule.path, {})[env.docname] = directive.lineno
    return node


def resolve_feed_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: feed placeholders become links fit for the builder at hand."""
    for node in list(doctree.findall(feed_links)):
        node.replace_self(feed_list(app, docname, node))


def feed_list(app: Sphinx, docname: str, node: feed_links) -> nodes.Element:
    course = store.Course("", Path(node["schedule"]), Path(node["root"]))
    schedule = course.load()
    available = course_feeds(app.config, schedule)
    base = base_url(app.config, schedule)
    builder = app.builder
    html = writes_feeds(app.config, builder)
    listing = nodes.bullet_list(classes=node["classes"])
    for name in node["feeds"]:
        feed = available.get(name)
        if feed is None:
            continue
        line = nodes.paragraph()
        line += nodes.strong(feed.title, feed.title)
        line += nodes.Text(": ")
        targets: list[tuple[str, str]] = []
        absolute = urljoin(base, feed.filename) if base else ""
        webcal = "webcal://" + absolute.split("://", 1)[1] if absolute else ""
        if webcal:
            targets.append((_("Subscribe"), webcal))
        download = relative_link(builder, docname, feed.filename) if html else absolute
        if download:
            targets.append((_("Download .ics"), download))
        if webcal:
            google = "https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe="")
            targets.append((_("Add to Google Calendar"), google))
        if not targets:
            line += nodes.literal(feed.filename, feed.filename)
        for index, (label, target) in enumerate(targets):
            if index:
                line += nodes.Text(" \u00b7 ")
            line += nodes.reference(label, label, refuri=target, classes=classes("feed-link"))
        listing += nodes.list_item("", line)
    return listing


def relative_link(builder: Builder, docname: str, filename: str) -> str:
    """A file at the top of the output, from the page being written."""
    if isinstance(builder, SingleFileHTMLBuilder):
        return filename
    return relative_uri(builder.get_target_uri(docname), filename)


def report_missing_urls(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: once per build, where feed links lack the site's address."""
    for path, places in sorted(domain_data(env).get("subscribers", {}).items()):
        course = next((c for c in known_courses(env) if str(c.path) == path), None)
        if course is None or not places:
            continue
        schedule = course.load()
        if base_url(env.config, schedule):
            continue
        docname = min(places)
        warn(
            Warn.NO_URL,
            f"the feed links of {Path(path).name} can only offer downloads: set html_baseurl in conf.py "
            "(or course.url in the schedule) to the published site's address so students can subscribe",
            (docname, places[docname]),
        )
