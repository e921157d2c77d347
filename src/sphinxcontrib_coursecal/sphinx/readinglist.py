"""``.. reading-list::``: the course's readings, all or some, with full citations.

Each paper's first entry in a document is a cross-reference target: builders
without paper pages (LaTeX, singlehtml, epub…) send ``:paper:`` there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..engine import Reading, Schedule, Session
from .directive import CourseDirective, nearest
from .i18n import _
from .render import (
    citation,
    classes,
    links_line,
    paper_links,
    reading_inline,
    reading_name,
    session_heading,
    text_inline,
)
from .views.context import ViewContext
from .warnings import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

OPTIONAL_CHOICES = ("include", "exclude", "only")
GROUPS = ("session", "unit", "none")


class ReadingList(CourseDirective):
    """Readings with citation, label, note, presenters and links."""

    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "course": directives.unchanged_required,
        "session": directives.unchanged_required,
        "unit": directives.unchanged_required,
        "tag": directives.unchanged_required,
        "optional": lambda value: directives.choice(value, OPTIONAL_CHOICES),
        "group-by": lambda value: directives.choice(value, GROUPS),
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        schedule = self.schedule()
        if schedule is None:
            return []
        assert schedule.course is not None
        sessions = self.sessions(schedule)
        if sessions is None:
            return []
        chosen = [
            (session, reading)
            for session in sessions
            for reading in session.spec.readings
            if self.keep(schedule, reading)
        ]
        group_by = self.options.get("group-by", "none" if "session" in self.options else "session")
        box = self.box(schedule, "reading-list")
        if not chosen:
            box += nodes.paragraph(text=_("No readings."), classes=classes("empty"))
            return [box]
        context = self.view_context(schedule)
        if group_by == "none":
            box += self.entries(context, chosen)
            self.note_shown(context)
            return [box]
        groups: dict[str, list[tuple[Session, Reading]]] = {}
        headings: dict[str, str] = {}
        formats = self.formats()
        for session, reading in chosen:
            if group_by == "session":
                key = session.anchor
                headings[key] = f"{session_heading(formats, session)}: {session.title}"
            else:
                key = session.spec.unit or ""
                headings[key] = schedule.units[key].title if key else _("Other readings")
            groups.setdefault(key, []).append((session, reading))
        for key, items in groups.items():
            box += nodes.rubric(headings[key], headings[key], classes=classes("reading-group"))
            box += self.entries(context, items)
        self.note_shown(context)
        return [box]

    def sessions(self, schedule: Schedule) -> list[Session] | None:
        """The sessions whose readings are listed; a session's own notes page lists its own."""
        if "session" in self.options:
            session = schedule.session(self.options["session"])
            if session is None:
                wanted = self.options["session"]
                anchors = [s.anchor for s in schedule.sessions]
                warn(
                    Warn.OPTION,
                    f"reading-list: no session {wanted!r} in the schedule{nearest(wanted, anchors)}",
                    self.get_location(),
                )
                return None
            return [session]
        sessions = list(schedule.sessions)
        if "unit" in self.options:
            unit = self.options["unit"]
            if unit not in schedule.units:
                warn(
                    Warn.OPTION,
                    f"reading-list: no unit {unit!r} in the schedule{nearest(unit, list(schedule.units))}",
                    self.get_location(),
                )
                return None
            sessions = [s for s in sessions if s.spec.unit == unit]
        elif "tag" not in self.options:
            own = [s for s in sessions if s.spec.page == self.env.docname]
            if own:
                return own[:1]  # this lecture's readings on its notes page
        return sessions

    def keep(self, schedule: Schedule, reading: Reading) -> bool:
        optional = self.options.get("optional", "include")
        if (optional == "exclude" and reading.optional) or (optional == "only" and not reading.optional):
            return False
        if "tag" in self.options:
            paper = schedule.papers.get(reading.paper or "")
            return paper is not None and self.options["tag"] in paper.tags
        return True

    def entries(self, context: ViewContext, items: list[tuple[Session, Reading]]) -> nodes.bullet_list:
        schedule = context.schedule
        course_id = context.course.id
        formats = context.formats
        single = "session" in self.options or len({s.anchor for s, _r in items}) == 1
        listing = nodes.bullet_list(classes=classes("readings"))
        for session, reading in items:
            item = nodes.list_item(classes=classes("entry", "optional" if reading.optional else "required"))
            head = nodes.paragraph(classes=classes("entry-head"))
            paper = schedule.papers.get(reading.paper or "")
            if paper is not None:
                head += nodes.target("", "", ids=[context.anchor("paper", paper.key)])
            head += reading_inline(schedule, course_id, reading)
            if paper is not None and paper.title != reading_name(schedule, reading):
                head += nodes.Text(": ")
                head += nodes.emphasis(paper.title, paper.title)
            item += head
            if paper is not None:
                item += citation(paper)
                found = paper_links(paper)
                if found:
                    item += links_line(found)
            details = []  # presenters already lead the entry ("CG, OO: DeepSeek-v3")
            if not single:
                details.append(f"{session_heading(formats, session)}: {session.title}")
            if details:
                item += nodes.paragraph("", "", text_inline("; ".join(details), "entry-session"))
            listing += item
        return listing


def setup_reading_list(app: Sphinx) -> None:
    app.add_directive("reading-list", ReadingList)
