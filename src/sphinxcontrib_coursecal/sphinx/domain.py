"""The ``course`` domain: papers, sessions, deadlines and units as cross-reference targets.

Domain data are plain dicts of strings, keyed so that ``merge_domaindata`` is
idempotent, and written only through the ``note_*`` methods below:

* ``shown[objtype][key][docname] = anchor``: where each item is shown;
* ``cited[key][docname] = [anchors]``: where papers are cited with ``:paper:``;
* ``used[docname] = [paths]``: which schedule files each document used;
* ``subscribers[path][docname] = line``: where feed links are shown;
* ``event_files[docname] = [files]``: the one-event .ics files a document links;
* ``features[feature][path] = [docnames]``: documents with a "what changed" list
  (``changes``) or a subscribe picker (``picker``) of the schedule at ``path``;
* ``waiting[docname]``: documents whose roles were read before any schedule was known.

A reference resolves to the first document (by name, not by reading order)
that shows its target, so parallel and incremental builds agree with clean
serial ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.domains import Domain, ObjType
from sphinx.util.nodes import make_refnode

from ..engine import Schedule
from .courses import OBJECT_TYPES, course_pages, known_courses, lookup, object_key
from .formats import formats_for
from .i18n import _
from .names import paper_pages_enabled
from .render import DOMAIN
from .state import build_state, load

if TYPE_CHECKING:
    from sphinx import addnodes
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def refnode(builder: Builder, fromdocname: str, todocname: str, anchor: str, child: nodes.Node) -> nodes.reference:
    """A link to ``todocname#anchor``.

    singlehtml puts every document on one page; Sphinx 9's make_refnode then
    writes "#document-x#anchor", which no browser follows, so link the anchor.
    """
    if isinstance(builder, SingleFileHTMLBuilder) and anchor:
        return nodes.reference("", "", child, internal=True, refuri=f"#{anchor}")
    return make_refnode(builder, fromdocname, todocname, anchor, child)


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
    initial_data = {  # noqa: RUF012 (the Domain API's class attribute)
        "shown": {},
        "cited": {},
        "used": {},
        "subscribers": {},
        "waiting": {},
        "event_files": {},
        "features": {},
    }
    data_version = 6

    # -- writing: what a document shows, cites and uses -------------------------------

    def note_shown(self, objtype: str, key: str, docname: str, anchor: str) -> None:
        """``docname`` shows the item at ``anchor`` (the first place in a document counts)."""
        self.data["shown"].setdefault(objtype, {}).setdefault(key, {}).setdefault(docname, anchor)

    def note_citation(self, key: str, docname: str) -> str:
        """``docname`` cites the paper once more; returns the id of the citing place."""
        anchors: list[str] = self.data["cited"].setdefault(key, {}).setdefault(docname, [])
        # Course-qualified and normalised once: the id stored is the id written.
        anchor = str(nodes.make_id(f"coursecal-cite-{len(anchors) + 1}-{key}"))
        anchors.append(anchor)
        return anchor

    def note_used(self, docname: str, path: str) -> None:
        used: list[str] = self.data["used"].setdefault(docname, [])
        if path not in used:
            used.append(path)
            build_state(self.env).used_version += 1

    def note_subscriber(self, path: str, docname: str, line: int) -> None:
        """``docname`` shows the feed links of the schedule at ``path``."""
        self.data["subscribers"].setdefault(path, {})[docname] = line

    def note_event_files(self, docname: str, files: Iterable[str]) -> None:
        """``docname`` links these one-event .ics files ("Add to calendar"): builds write them."""
        known: list[str] = self.data["event_files"].setdefault(docname, [])
        known.extend(name for name in files if name not in known)

    def note_feature(self, feature: str, path: str, docname: str) -> None:
        """``docname`` shows a ``feature`` (``changes``, ``picker``) of the schedule at ``path``."""
        pages: list[str] = self.data["features"].setdefault(feature, {}).setdefault(path, [])
        if docname not in pages:
            pages.append(docname)

    def note_waiting(self, docname: str) -> None:
        """A role in ``docname`` found no schedule yet; see ``depend_on_all``."""
        self.data["waiting"][docname] = True

    def clear_doc(self, docname: str) -> None:
        for by_key in self.data["shown"].values():
            for places in by_key.values():
                places.pop(docname, None)
        for places in self.data["cited"].values():
            places.pop(docname, None)
        if self.data["used"].pop(docname, None) is not None:
            build_state(self.env).used_version += 1
        for places in self.data["subscribers"].values():
            places.pop(docname, None)
        self.data["waiting"].pop(docname, None)
        self.data["event_files"].pop(docname, None)
        for by_path in self.data["features"].values():
            for pages in by_path.values():
                if docname in pages:
                    pages.remove(docname)

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
                build_state(self.env).used_version += 1
        for docname in otherdata["waiting"]:
            if docname in names:
                self.data["waiting"][docname] = True
        for path, places in otherdata["subscribers"].items():
            for docname, line in places.items():
                if docname in names:
                    self.data["subscribers"].setdefault(path, {})[docname] = line
        for docname, files in otherdata["event_files"].items():
            if docname in names:
                self.data["event_files"][docname] = list(files)
        for feature, by_path in otherdata["features"].items():
            for path, pages in by_path.items():
                for docname in pages:
                    if docname in names:
                        self.note_feature(feature, path, docname)

    # -- reading: where things are ------------------------------------------------------

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

    def used_paths(self) -> set[str]:
        """Every schedule file some document uses."""
        return {path for paths in self.data["used"].values() for path in paths}

    def subscribers(self) -> dict[str, dict[str, int]]:
        """Schedule path: the documents (and lines) that show its feed links."""
        return cast("dict[str, dict[str, int]]", self.data["subscribers"])

    def feature_pages(self, feature: str) -> dict[str, list[str]]:
        """Schedule path: the documents that show ``feature`` of it, by name."""
        by_path: dict[str, list[str]] = self.data["features"].get(feature, {})
        return {path: sorted(pages) for path, pages in by_path.items() if pages}

    def waiting(self) -> list[str]:
        return sorted(self.data["waiting"])

    def event_files(self) -> set[str]:
        """Every one-event .ics file some document links."""
        return {name for files in self.data["event_files"].values() for name in files}

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
    ) -> nodes.Element | None:  # an item shown nowhere is its text, unlinked: not a reference
        """A link to where the target is shown, or its text when it is shown nowhere.

        ``None`` when no schedule of the project has the target: Sphinx then asks
        ``missing-reference`` handlers (intersphinx: another project's item), and
        warns through ``roles.warn_missing`` only if none resolves it.
        """
        found = lookup(env, typ, target)
        if found is None:
            return None
        schedule, key = found
        if not node.get("refexplicit"):
            text = self.default_text(env, schedule, typ, key)
            contnode = nodes.inline(text, text, classes=["coursecal-xref", f"coursecal-xref-{typ}"])
        return self.reference(env, builder, fromdocname, schedule, typ, key, contnode) or contnode

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
            page = course_pages(env, schedule).pages[key]
            uri = builder.get_relative_uri(fromdocname, page)
            return nodes.reference("", "", contnode, internal=True, refuri=uri, reftitle=schedule.papers[key].title)
        session = schedule.session(key) if typ == "session" else None
        if session is not None:
            key = session.anchor
        place = self.shown_at(typ, object_key(schedule, key))
        if place is not None:
            return refnode(builder, fromdocname, place[0], place[1], contnode)
        if session is not None and session.spec.page in env.all_docs:
            return refnode(builder, fromdocname, session.spec.page, "", contnode)
        return None  # shown nowhere: the text stays, unlinked

    def default_text(self, env: BuildEnvironment, schedule: Schedule, typ: str, key: str) -> str:
        formats = formats_for(env.config)
        if typ == "paper":
            return schedule.papers[key].label
        if typ == "session":
            session = schedule.session(key)
            assert session is not None
            return f"{session.title} ({formats.date(session.date)})"
        if typ == "deadline":
            deadline = schedule.deadline(key)
            assert deadline is not None
            return f"{deadline.title} ({_('due')} {formats.moment(deadline.due, separator=', ')})"
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
            resolved = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if resolved is not None:
                results.append((f"{DOMAIN}:{typ}", resolved))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Papers, sessions, deadlines and units where they are shown, for objects.inv.

        With paper pages on, a paper's home is its page; other items are where
        the first document (by name) shows them.
        """
        env = self.env
        pages = paper_pages_enabled(env.config, build_state(env).builder)
        courses = known_courses(env)
        # With several courses two may share a key; names are then "course:key", as roles accept.
        several = len(courses) > 1

        def name_of(key: str) -> str:
            return key if several else key.partition(":")[2]

        if pages:
            for course in courses:
                schedule = load(env, course)
                for key, paper in schedule.papers.items():
                    page = course_pages(env, schedule).pages[key]
                    yield name_of(object_key(schedule, key)), paper.label, "paper", page, "", 1
        for objtype, by_key in sorted(self.data["shown"].items()):
            if objtype not in OBJECT_TYPES or (pages and objtype == "paper"):
                continue  # "calendar" places are for feeds, not for other projects
            for key, places in sorted(by_key.items()):
                if not places:
                    continue
                docname = min(places)
                yield name_of(key), name_of(key), objtype, docname, places[docname], 1
