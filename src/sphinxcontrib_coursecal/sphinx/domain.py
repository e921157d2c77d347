"""The ``course`` domain: papers, sessions, deadlines and units as cross-reference targets.

Domain data are plain dicts of strings, keyed so that ``merge_domaindata`` is
idempotent: where each item is shown (``shown[type][key][docname] = anchor``),
where papers are cited (``cited[key][docname] = [anchors]``) and which schedule
files each document used (``used[docname] = [paths]``). A reference resolves to
the first document (by name, not by reading order) that shows its target, so
parallel and incremental builds agree with clean serial ones.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.domains import Domain, ObjType
from sphinx.locale import get_translation
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from ..engine import Schedule
from .courses import domain_data, known_courses, note_schedule, object_key
from .pages import paper_page_name, paper_pages_enabled
from .render import DOMAIN, Formats
from .warnings import Warn, warn

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

_ = get_translation("sphinxcontrib_coursecal")

OBJECT_TYPES = ("paper", "session", "deadline", "unit")


def lookup(env: BuildEnvironment, objtype: str, target: str) -> tuple[Schedule, str] | None:
    """The schedule that holds ``target`` as an ``objtype``: ``key``, or ``course:key``.

    The whole target is tried as a key first: BibTeX keys often hold colons.
    """
    courses = [(course, course.load()) for course in known_courses(env)]
    for _course, schedule in courses:
        if _has(schedule, objtype, target):
            return schedule, target
    course_name, _sep, key = target.partition(":")
    for course, schedule in courses:
        names = (course.name, schedule.course.id if schedule.course else None)
        if key and course_name in names and _has(schedule, objtype, key):
            return schedule, key
    return None


def _has(schedule: Schedule, objtype: str, key: str) -> bool:
    if objtype == "paper":
        return key in schedule.papers
    if objtype == "session":
        return schedule.session(key) is not None
    if objtype == "deadline":
        return schedule.deadline(key) is not None
    return key in schedule.units


def _candidates(env: BuildEnvironment, objtype: str) -> list[str]:
    names: list[str] = []
    for course in known_courses(env):
        schedule = course.load()
        if objtype == "paper":
            names.extend(schedule.papers)
        elif objtype == "session":
            names.extend(s.anchor for s in schedule.sessions)
        elif objtype == "deadline":
            names.extend(d.id for d in schedule.deadlines)
        else:
            names.extend(schedule.units)
    return names


# -- roles ---------------------------------------------------------------------------


class CourseRole(XRefRole):
    """``:paper:`key```, ``:session:`id```, ``:deadline:`id```, ``:unit:`id```.

    The text is filled in at resolution, so it follows edits to the schedule;
    an unknown key warns then too (when every schedule the build uses is
    known), at the role's line, with the nearest known key.
    """

    innernodeclass = nodes.inline  # own text reads like the default text, not like code

    def result_nodes(
        self,
        document: nodes.document,
        env: BuildEnvironment,
        node: nodes.Element,
        is_ref: bool,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        objtype = self.reftype
        target = node["reftarget"]
        node["coursecal_raw"] = self.rawtext
        found = lookup(env, objtype, target)
        if found is None:
            # Checked again at resolution, when every schedule the build uses is known. Until
            # then the page depends on every schedule: fixing one must re-read it.
            for course in known_courses(env):
                note_schedule(env, env.docname, course.load())
            domain_data(env).setdefault("waiting", {})[env.docname] = True
            return [node], []
        schedule, key = found
        note_schedule(env, env.docname, schedule)
        node["coursecal_key"] = object_key(schedule, key)
        if objtype == "paper":
            # The citing place gets an id, so the paper's page can link back to it.
            cited = domain_data(env)["cited"].setdefault(node["coursecal_key"], {})
            anchors = cited.setdefault(env.docname, [])
            # Course-qualified and normalised once: the id stored is the id written.
            anchor = str(nodes.make_id(f"coursecal-cite-{len(anchors) + 1}-{node['coursecal_key']}"))
            anchors.append(anchor)
            target_node = nodes.inline("", "", ids=[anchor])
            return [target_node, node], []
        return [node], []


def refnode(builder: Builder, fromdocname: str, todocname: str, anchor: str, child: nodes.Node) -> nodes.reference:
    """A link to ``todocname#anchor``.

    singlehtml puts every document on one page; Sphinx 9's make_refnode then
    writes "#document-x#anchor", which no browser follows, so link the anchor.
    """
    if isinstance(builder, SingleFileHTMLBuilder) and anchor:
        return nodes.reference("", "", child, internal=True, refuri=f"#{anchor}")
    return make_refnode(builder, fromdocname, todocname, anchor, child)


# -- the domain ----------------------------------------------------------------------


class CourseDomain(Domain):
    """Course items as cross-reference targets, exported to objects.inv."""

    name = DOMAIN
    label = "Course"
    object_types = {  # noqa: RUF012 (the Domain API's class attribute)
        "paper": ObjType(_("paper"), "paper"),
        "session": ObjType(_("session"), "session"),
        "deadline": ObjType(_("deadline"), "deadline"),
        "unit": ObjType(_("unit"), "unit"),
    }
    roles = {name: CourseRole() for name in OBJECT_TYPES}  # noqa: RUF012
    initial_data = {"shown": {}, "cited": {}, "used": {}, "subscribers": {}, "waiting": {}}  # noqa: RUF012 (the Domain API's class attribute)
    data_version = 3

    def clear_doc(self, docname: str) -> None:
        for by_key in self.data["shown"].values():
            for places in by_key.values():
                places.pop(docname, None)
        for places in self.data["cited"].values():
            places.pop(docname, None)
        self.data["used"].pop(docname, None)
        for places in self.data.setdefault("subscribers", {}).values():
            places.pop(docname, None)
        self.data.setdefault("waiting", {}).pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        """Copy what the worker learned about its documents: keyed, never appended."""
        names = set(docnames)
        for objtype, by_key in otherdata["shown"].items():
            for key, places in by_key.items():
                for docname, anchor in places.items():
                    if docname in names:
                        self.data["shown"].setdefault(objtype, {}).setdefault(key, {})[docname] = anchor
        for key, places in otherdata["cited"].items():
            for docname, anchors in places.items():
                if docname in names:
                    self.data["cited"].setdefault(key, {})[docname] = list(anchors)
        for docname, paths in otherdata["used"].items():
            if docname in names:
                self.data["used"][docname] = list(paths)
        for docname in otherdata.get("waiting", {}):
            if docname in names:
                self.data.setdefault("waiting", {})[docname] = True
        for path, places in otherdata.get("subscribers", {}).items():
            for docname, line in places.items():
                if docname in names:
                    self.data.setdefault("subscribers", {}).setdefault(path, {})[docname] = line

    # -- where things are --------------------------------------------------------

    def shown_at(self, objtype: str, key: str) -> tuple[str, str] | None:
        places = self.data["shown"].get(objtype, {}).get(key, {})
        if not places:
            return None
        docname = min(places)
        return docname, places[docname]

    def citations(self, key: str) -> list[tuple[str, str]]:
        """Where a paper is cited with ``:paper:``: (docname, anchor), in document order."""
        places = self.data["cited"].get(key, {})
        return [(docname, anchors[0]) for docname, anchors in sorted(places.items())]

    # -- resolution --------------------------------------------------------------

    def resolve_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.Element:  # Sphinx puts back whatever node is returned
        """A link to where the target is shown, or its text when it is shown nowhere.

        Never None: the role already warned about unknown targets, and an
        unresolved reference would warn again under ``nitpicky``.
        """
        found = lookup(env, typ, target)
        if found is None:
            self.warn_unknown(env, typ, target, node)
            return contnode
        schedule, key = found
        if not node.get("refexplicit"):
            text = self.default_text(env, schedule, typ, key)
            contnode = nodes.inline(text, text, classes=["coursecal-xref", f"coursecal-xref-{typ}"])
        return self.reference(env, builder, fromdocname, schedule, typ, key, contnode) or contnode

    def warn_unknown(self, env: BuildEnvironment, typ: str, target: str, node: addnodes.pending_xref) -> None:
        """An unknown key, at the role, with the nearest known one."""
        raw = node.get("coursecal_raw", f":{typ}:`{target}`")
        if not known_courses(env):
            warn(Warn.NO_SCHEDULE, f"{raw}: no schedule is configured; set coursecal_schedule", node)
            return
        close = difflib.get_close_matches(target, _candidates(env, typ), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        warn(Warn.XREF, f"{raw}: no {typ} {target!r} in the schedule{hint}", node)

    def reference(
        self,
        env: BuildEnvironment,
        builder: Builder,
        fromdocname: str,
        schedule: Schedule,
        typ: str,
        key: str,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if typ == "paper" and paper_pages_enabled(env.config, builder):
            page = paper_page_name(env, schedule, key)
            uri = builder.get_relative_uri(fromdocname, page)
            return nodes.reference("", "", contnode, internal=True, refuri=uri, reftitle=schedule.papers[key].title)
        if typ == "session":
            session = schedule.session(key)
            key = session.anchor if session else key
        place = self.shown_at(typ, object_key(schedule, key))
        if place is not None:
            return refnode(builder, fromdocname, place[0], place[1], contnode)
        if typ == "session":
            session = schedule.session(key)
            if session is not None and session.spec.page in env.all_docs:
                return refnode(builder, fromdocname, session.spec.page, "", contnode)
        return None  # shown nowhere: the text stays, unlinked

    def default_text(self, env: BuildEnvironment, schedule: Schedule, typ: str, key: str) -> str:
        config = env.config
        formats = Formats(config.language, config.coursecal_date_format, config.coursecal_time_format)
        if typ == "paper":
            return schedule.papers[key].label
        if typ == "session":
            session = schedule.session(key)
            assert session is not None
            return f"{session.title} ({formats.date(session.date)})"
        if typ == "deadline":
            deadline = schedule.deadline(key)
            assert deadline is not None
            due = deadline.due
            if isinstance(due, dt.datetime):
                return f"{deadline.title} ({_('due')} {formats.date(due.date())}, {formats.time(due)})"
            return f"{deadline.title} ({_('due')} {formats.date(due)})"
        return schedule.units[key].title

    def resolve_any_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.Element]]:
        results = []
        for typ in OBJECT_TYPES:  # :any: finds what exists, and warns about nothing
            if lookup(env, typ, target) is not None:
                results.append(
                    (f"{DOMAIN}:{typ}", self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode))
                )
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Papers, sessions, deadlines and units where they are shown, for objects.inv.

        With paper pages on, a paper's home is its page; other items are where
        the first document (by name) shows them.
        """
        pages = getattr(self.env, "coursecal_paper_pages", self.env.config.coursecal_paper_pages)
        # With several courses two may share a key; names are then "course:key", as roles accept.
        several = len(known_courses(self.env)) > 1

        def name_of(key: str) -> str:
            return key if several else key.partition(":")[2]

        if pages:
            for course in known_courses(self.env):
                schedule = course.load()
                for key, paper in schedule.papers.items():
                    page = paper_page_name(self.env, schedule, key)
                    yield name_of(object_key(schedule, key)), paper.label, "paper", page, "", 1
        for objtype, by_key in sorted(self.data["shown"].items()):
            if objtype not in OBJECT_TYPES or (pages and objtype == "paper"):
                continue  # "calendar" places are for feeds, not for other projects
            for key, places in sorted(by_key.items()):
                if not places:
                    continue
                docname = min(places)
                yield name_of(key), name_of(key), objtype, docname, places[docname], 1
