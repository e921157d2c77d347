"""What a view is given: the schedule, the directive's choices, and a way to name items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from docutils import nodes

from ...engine import Course, Location, Occurrence, Role, Schedule
from ..courses import object_key
from ..formats import Formats


@dataclass
class ViewContext:
    """One directive's view of one course.

    Views are functions of a context and the chosen occurrences; they return
    nodes and write nothing to the environment. Ids they give items are
    collected in ``shown``, and the directive notes them in the domain, so
    references and feeds can point at them.
    """

    schedule: Schedule
    formats: Formats
    new_id: Callable[[str], str]  # an id not yet used in the document, from a base
    describe: Callable[[str, Location | None], list[nodes.Node]]  # a description's inline markup, from where
    first: dt.date | None = None  # the directive's :from: and :to:
    last: dt.date | None = None
    columns: list[str] = field(default_factory=list)  # the table's
    keep_columns: bool = False  # the table draws every column asked for, even one no row fills
    weekends: bool = False  # the month grid's
    add_to_calendar: bool = False  # the agenda's
    days: int = 14  # the upcoming view's window
    workload: bool = False  # each week's workload line (table, month and list views)
    shown: list[tuple[str, str, str]] = field(default_factory=list)  # (objtype, key, anchor)
    event_files: list[str] = field(default_factory=list)  # one-event .ics files the view links

    @property
    def course(self) -> Course:
        assert self.schedule.course is not None  # directives show only placed courses
        return self.schedule.course

    def anchor(self, objtype: str, key: str) -> str:
        """An id for one item, unique in the document; the first of an item is what references reach."""
        qualified = object_key(self.schedule, key)
        anchor = self.new_id(str(nodes.make_id(f"coursecal-{qualified}-{objtype}".replace(":", "-"))))
        self.shown.append((objtype, qualified, anchor))
        return anchor

    def item_anchor(self, occurrence: Occurrence) -> str | None:
        """Sessions and deadlines are reference targets; other items are not."""
        if occurrence.session is not None:
            return self.anchor("session", occurrence.session.anchor)
        if occurrence.deadline is not None and occurrence.role is Role.DUE:
            return self.anchor("deadline", occurrence.deadline.id)
        return None
