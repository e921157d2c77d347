"""What changed: ``.. course-changes::`` and the Atom feed of the same list.

Each publication that changed the feeds (``history.py``) is listed, newest
first, with what moved, was added, cancelled, reinstated or removed, and the
old value struck through beside the new one, as a deadline's ``was`` is
shown. The directive leaves a placeholder; the list is made once this
build's publication is known (``publication.py``), so a page shows the
changes this very build publishes. Text-only changes (a reading added, a
link) are listed with ``:details:``.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar
from urllib.parse import urljoin
from xml.etree import ElementTree

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import revisions
from ..engine import Schedule
from ..labels import N_
from ..revisions import Change, Snapshot
from .courses import course_domain
from .directive import CourseDirective
from .formats import Formats, formats_for
from .i18n import _
from .nodes import zoned_time
from .publication import CHANGES, CoursePublication, publication
from .render import classes, text_inline
from .site import history_files, page_url
from .state import CourseRef, build_state, load

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ATOM = "http://www.w3.org/2005/Atom"
ATOM_ENTRIES = 50  # a term's worth of publications that changed something

WHAT = {  # how each kind of change is introduced in a list
    revisions.ADDED: N_("Added"),
    revisions.REMOVED: N_("Removed"),
    revisions.CANCELLED: N_("Cancelled"),
    revisions.REINSTATED: N_("No longer cancelled"),
    revisions.MOVED: N_("Moved"),
    revisions.RELOCATED: N_("Room changed"),
    revisions.RENAMED: N_("Renamed"),
    revisions.UPDATED: N_("Details updated"),
}


class changes_list(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A course's "what changed" list, made once this build's publication is known."""


class CourseChanges(CourseDirective):
    """``.. course-changes::``: what each publication changed, newest first."""

    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "course": directives.unchanged_required,
        "limit": directives.positive_int,
        "details": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        schedule = self.schedule()
        if schedule is None:
            return []
        node = changes_list(classes=["coursecal", *classes("changes"), *self.options.get("class", [])])
        node["schedule"] = schedule.path
        node["root"] = str(self.current_course.root if self.current_course else self.env.srcdir)
        node["limit"] = self.options.get("limit", 0)
        node["details"] = "details" in self.options
        self.set_source_info(node)
        course_domain(self.env).note_feature(CHANGES, schedule.path, self.env.docname)
        return [node]


# -- one change in words ---------------------------------------------------------------------

W = TypeVar("W", str, nodes.Node)  # a change's times: text (the Atom feed) or nodes (a page)


class Words:
    """A course's changes in the site's words: times in the course's zone, in its formats."""

    def __init__(self, schedule: Schedule, formats: Formats) -> None:
        assert schedule.course is not None
        self.schedule = schedule
        self.zone = zoneinfo.ZoneInfo(schedule.course.timezone)
        self.formats = formats

    def when(self, shown: Snapshot) -> str:
        """ "Wed Oct 1, 10:00-11:20", "Fri Oct 24, 23:59", "Mon Nov 24 - Wed Nov 26"."""
        if shown.all_day:
            first = dt.date.fromisoformat(shown.start)
            last = dt.date.fromisoformat(shown.end) - dt.timedelta(days=1)
            return self.formats.days(first, max(first, last))
        start = self.local(shown.start)
        end = self.local(shown.end)
        times = self.formats.times(start, end) if end != start else self.formats.time(start)
        return f"{self.formats.date(start.date())}, {times}"

    def when_node(self, shown: Snapshot) -> nodes.Node:
        """``when`` on a page: a timed event's is a :class:`zoned` time, which an HTML page can
        show in the reader's zone (``zones.py``); other builders keep the text."""
        text = self.when(shown)
        start, end = (None, None) if shown.all_day else (self.local(shown.start), self.local(shown.end))
        if start is None or end is None or start.tzinfo is None:
            return nodes.Text(text)
        return zoned_time(text, self.zone.key, start, end, dated=True)

    def local(self, instant: str) -> dt.datetime:
        moment = dt.datetime.fromisoformat(instant.replace("Z", "+00:00"))
        return moment.astimezone(self.zone) if moment.tzinfo else moment

    def title(self, shown: Snapshot) -> str:
        """The event's summary without the course code the whole page is about."""
        code = self.schedule.course.code if self.schedule.course else ""
        return shown.summary.removeprefix(f"{code} ") if code else shown.summary

    def parts(self, change: Change, when: Callable[[Snapshot], W]) -> tuple[str, str, str | W, str | W]:
        """(what, the event, what it was, what it is): the last two empty when they do not apply.

        ``when`` writes the times that are the change itself (``when`` or ``when_node``)."""
        what = _(WHAT[change.what])
        title = self.title(change.shown)
        before, after = change.before, change.after
        if change.what == revisions.MOVED and before and after:
            return what, title, when(before), when(after)
        if change.what == revisions.RELOCATED and before and after:
            return what, f"{title}, {self.when(after)}", before.location, after.location
        if change.what == revisions.RENAMED and before and after:
            return what, self.when(after), self.title(before), self.title(after)
        if change.what == revisions.REMOVED:
            return what, title, when(change.shown), ""
        return what, title, "", when(change.shown)

    def text(self, change: Change) -> str:
        what, title, old, new = self.parts(change, self.when)
        if old and new:
            return f"{what}: {title}: {old} \u2192 {new}"
        return f"{what}: {title}, {old or new}"

    def published(self, moment: dt.datetime) -> str:
        local = moment.astimezone(self.zone)
        return f"{self.formats.dated(local.date())}, {self.formats.time(local)}"


def shown_changes(result: CoursePublication, details: bool) -> list[tuple[dt.datetime, list[Change]]]:
    """The publications to list, newest first, each with its changes (text-only ones with ``details``)."""
    listed = []
    for item in result.history.newest_first():
        changes = [c for c in item.changes if details or c.what != revisions.UPDATED]
        if changes:
            listed.append((item.at, changes))
    return listed


def _part(value: str | nodes.Node, name: str) -> nodes.inline:
    return text_inline(value, name) if isinstance(value, str) else nodes.inline("", "", value, classes=classes(name))


class ChangesList(SphinxPostTransform):
    """The placeholder becomes the list of this build's history.

    Before ``zones.py``'s transforms (190), which give its times a zone choice in
    HTML pages and make them text again elsewhere."""

    default_priority = 180

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(changes_list)):
            node.replace_self(self.listing(node))

    def listing(self, node: changes_list) -> nodes.Element:
        schedule = load(self.env, CourseRef("", Path(node["schedule"]), Path(node["root"])))
        box = nodes.container(classes=node["classes"])
        result = publication(self.env, schedule)
        if schedule.course is None or result is None:
            return box
        words = Words(schedule, formats_for(self.config))
        listed = shown_changes(result, node["details"])
        if node["limit"]:
            listed = listed[: node["limit"]]
        if not listed:
            since = words.formats.dated(result.history.since.astimezone(words.zone).date())
            box += nodes.paragraph(text=_("No changes since {date}.").format(date=since))
            return box
        for at, changes in listed:
            when = nodes.paragraph(classes=classes("changes-date"))
            when += nodes.strong(text=words.published(at))
            block = nodes.container(classes=classes("changes-publication"))
            block["ids"].append(f"coursecal-changes-{schedule.course.id}-{at:%Y%m%dT%H%M%SZ}")
            block += when
            items = nodes.bullet_list(classes=classes("changes-list"))
            for change in changes:
                items += self.item(words, change, at)
            block += items
            box += block
        return box

    def item(self, words: Words, change: Change, at: dt.datetime) -> nodes.list_item:
        what, title, old, new = words.parts(change, words.when_node)
        line = nodes.paragraph()
        line += text_inline(f"{what}: ", "change-what")
        url = change.shown.url
        line += nodes.reference(title, title, refuri=url) if url else nodes.Text(title)
        if old:
            line += nodes.Text(": " if new else ", ")
            line += _part(old, "was")
        if new:
            line += nodes.Text(" \u2192 " if old else ", ")
            line += _part(new, "now")
        slug = nodes.make_id(change.uid.split("@", 1)[0])
        item = nodes.list_item("", line, classes=classes("change", f"change-{change.what}"))
        item["ids"].append(f"coursecal-change-{at:%Y%m%dT%H%M%SZ}-{slug}")
        return item


# -- the Atom feed --------------------------------------------------------------------------


def atom_feed(app: Sphinx, schedule: Schedule, result: CoursePublication) -> bytes:
    """``<course>-changes.atom``: one entry per publication that changed something, newest first."""
    assert schedule.course is not None
    course = schedule.course
    words = Words(schedule, formats_for(app.config))
    _json, atom_name = history_files(app.config, schedule)
    ElementTree.register_namespace("", ATOM)

    def add(parent: ElementTree.Element, tag: str, text: str = "", **attributes: str) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text or None
        return element

    listed = shown_changes(result, details=True)[:ATOM_ENTRIES]
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    add(feed, "id", _urn(course.id, "changes"))
    what_changed = _("what changed")
    add(feed, "title", f"{course.name}: {what_changed}")
    updated = listed[0][0] if listed else result.history.since
    add(feed, "updated", _atom_time(updated))
    author = add(feed, "author")
    add(author, "name", course.name)
    if result.site:
        add(feed, "link", rel="self", href=urljoin(result.site, atom_name))
        pages = course_domain(app.env).feature_pages(CHANGES).get(schedule.path)
        builder = build_state(app.env).builder
        if pages and builder is not None:
            add(feed, "link", rel="alternate", href=urljoin(result.site, page_url(builder, pages[0], "")))
    for at, changes in listed:
        entry = add(feed, "entry")
        add(entry, "id", _urn(course.id, f"{at:%Y%m%dT%H%M%SZ}"))
        first = words.text(changes[0])
        more = len(changes) - 1
        also = _("and {count} more").format(count=more)
        add(entry, "title", first + (f" ({also})" if more else ""))
        add(entry, "updated", _atom_time(at))
        add(entry, "content", "\n".join(words.text(change) for change in changes), type="text")
    written: bytes = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def _urn(course: str, name: str) -> str:
    """A stable Atom id: the same course and publication get the same one in every build."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'coursecal:{course}:{name}')}"


def _atom_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def setup_changes(app: Sphinx) -> None:
    app.add_directive("course-changes", CourseChanges)
    app.add_node(changes_list)  # replaced by ChangesList before any writer sees it
    app.add_post_transform(ChangesList)
