"""The links students subscribe with: ``.. course-ics::``, ``:subscribe:`` and "Add to calendar".

A directive leaves a placeholder; a post-transform makes the links once the
builder is known: Subscribe (webcal://), Download and "Add to Google
Calendar" in HTML, the feed's address in LaTeX and text builds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote, urljoin

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..engine import Schedule
from .courses import course_domain, known_courses
from .directive import CourseDirective
from .i18n import _
from .nodes import event_ics, feed_links
from .render import classes
from .site import base_url, course_feeds, writes_feeds
from .state import CourseRef, build_state, load
from .warnings import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..ics import Feed

# Google Calendar's "add by URL" link: the feed's webcal:// address in `cid`, URL-encoded. Google
# documents no such link; this is the form widely used add-to-calendar libraries send today
# (add-to-calendar-button's subscribe_google, add2cal/add-to-calendar-button#252: http(s) addresses
# were refused where webcal:// worked; calagator/calagator#556: an https:// cid gave "This email
# address isn't associated with an active Google Calendar account", webcal:// worked).
GOOGLE_SUBSCRIBE = "https://calendar.google.com/calendar/r?cid="


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
    course_domain(env).note_subscriber(schedule.path, env.docname, directive.lineno)
    return node


def relative_link(builder: Builder, docname: str, filename: str) -> str:
    """A file at the top of the output, from the page being written."""
    if isinstance(builder, SingleFileHTMLBuilder):
        return filename
    return relative_uri(builder.get_target_uri(docname), filename)


class FeedLinks(SphinxPostTransform):
    """Feed placeholders become links fit for the builder at hand."""

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        builder = build_state(self.env).builder
        for node in list(self.document.findall(feed_links)):
            node.replace_self(self.feed_list(builder, node))

    def feed_list(self, builder: Builder | None, node: feed_links) -> nodes.Element:
        config = self.config
        schedule = load(self.env, CourseRef("", Path(node["schedule"]), Path(node["root"])))
        available = course_feeds(config, schedule)
        listing = nodes.bullet_list(classes=node["classes"])
        for name in node["feeds"]:
            feed = available.get(name)
            if feed is not None:
                listing += nodes.list_item("", feed_line(self.env, builder, schedule, feed))
        return listing


def feed_targets(
    env: BuildEnvironment, builder: Builder | None, schedule: Schedule, feed: Feed
) -> list[tuple[str, str]]:
    """(label, address) of each way to get a feed: Subscribe (webcal://), Download, Google."""
    base = base_url(env.config, schedule)
    html = builder is not None and writes_feeds(env.config, builder)
    targets: list[tuple[str, str]] = []
    absolute = urljoin(base, feed.filename) if base else ""
    webcal = "webcal://" + absolute.split("://", 1)[1] if absolute else ""
    if webcal:
        targets.append((_("Subscribe"), webcal))
    download = relative_link(builder, env.docname, feed.filename) if html and builder else absolute
    if download:
        targets.append((_("Download .ics"), download))
    if webcal:
        targets.append((_("Add to Google Calendar"), GOOGLE_SUBSCRIBE + quote(webcal, safe="")))
    return targets


def feed_line(env: BuildEnvironment, builder: Builder | None, schedule: Schedule, feed: Feed) -> nodes.paragraph:
    """ "<title>: Subscribe · Download .ics · Add to Google Calendar", or the file's name alone."""
    line = nodes.paragraph()
    line += nodes.strong(feed.title, feed.title)
    line += nodes.Text(": ")
    targets = feed_targets(env, builder, schedule, feed)
    if not targets:
        line += nodes.literal(feed.filename, feed.filename)
    for index, (label, target) in enumerate(targets):
        if index:
            line += nodes.Text(" \u00b7 ")
        line += nodes.reference(label, label, refuri=target, classes=classes("feed-link"))
    return line


class EventLinks(SphinxPostTransform):
    """An event's "Add to calendar" link to its own .ics in HTML; nothing elsewhere."""

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        builder = build_state(self.env).builder
        html = builder is not None and writes_feeds(self.config, builder)
        for node in list(self.document.findall(event_ics)):
            if not html or builder is None:
                node.parent.remove(node)
                continue
            label = _("Add to calendar")
            line = nodes.paragraph(classes=classes("add-to-calendar"))
            line += nodes.reference(label, label, refuri=relative_link(builder, self.env.docname, node["file"]))
            node.replace_self(line)


def report_missing_urls(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: once per build, where feed links lack the site's address."""
    for path, places in sorted(course_domain(env).subscribers().items()):
        course = next((c for c in known_courses(env) if str(c.path) == path), None)
        if course is None or not places:
            continue
        if base_url(env.config, load(env, course)):
            continue
        docname = min(places)
        warn(
            Warn.NO_URL,
            f"the feed links of {Path(path).name} can only offer downloads: set html_baseurl in conf.py "
            "(or course.url in the schedule) to the published site's address so students can subscribe",
            (docname, places[docname]),
        )


def setup_subscribe(app: Sphinx) -> None:
    app.add_directive("course-ics", CourseIcs)
    app.add_node(feed_links)  # replaced by FeedLinks before any writer sees it
    app.add_node(event_ics)  # likewise, by EventLinks
    app.add_post_transform(FeedLinks)
    app.add_post_transform(EventLinks)
    app.connect("env-check-consistency", report_missing_urls)
