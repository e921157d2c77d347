"""What every course directive shares: finding its schedule, ids, formats and options."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..engine import Location, Schedule, suggest
from .courses import course_domain
from .formats import Formats, formats_for
from .markup import schedule_markup
from .render import classes
from .roles import note_schedule_use
from .state import CourseRef, find_course, load
from .views.context import ViewContext
from .warnings import Warn, warn


def nearest(value: str, known: Sequence[str]) -> str:
    """ "; did you mean 'exam'?" for an option value that is a near miss of a known one, else ""."""
    hint = suggest(value, known)
    return hint if "did you mean" in hint else ""


def split_names(text: str) -> list[str]:
    """Option values separated by commas or spaces."""
    return [name for name in re.split(r"[,\s]+", text.strip()) if name]


class CourseDirective(SphinxDirective):
    """A directive that shows one course: ``.. name:: [schedule.yaml]`` or ``:course: NAME``."""

    optional_arguments = 1
    final_argument_whitespace = True
    current_course: CourseRef | None = None

    def course(self) -> CourseRef | None:
        if self.arguments:
            _relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
            return CourseRef("", Path(absolute).resolve(), Path(self.env.srcdir).resolve())
        name = self.options.get("course")
        found = find_course(self.env, name)
        if found is None:
            where = self.get_location()
            if name is not None:
                warn(Warn.NO_SCHEDULE, f"{self.name}: no course {name!r} in coursecal_schedule", where)
            else:
                warn(
                    Warn.NO_SCHEDULE,
                    f"{self.name}: no schedule; set coursecal_schedule in conf.py or name the file: "
                    f".. {self.name}:: schedule.yaml",
                    where,
                )
        return found

    def schedule(self) -> Schedule | None:
        """The placed schedule this directive shows; the document now depends on its files."""
        course = self.current_course = self.course()
        if course is None:
            return None
        schedule = load(self.env, course)
        note_schedule_use(self.env, schedule.path, schedule.dependencies)
        if schedule.course is None:
            return None  # its diagnostics say why; the rest of the page still builds
        return schedule

    def box_classes(self, schedule: Schedule, name: str) -> list[str]:
        """The classes of the directive's outer block: the stylesheet's scope, the course's kind colors, :class:."""
        course_id = schedule.course.id if schedule.course else ""
        return ["coursecal", *classes(name, f"course-{course_id}"), *self.options.get("class", [])]

    def box(self, schedule: Schedule, name: str) -> nodes.container:
        """The directive's outer block (``box_classes``)."""
        box = nodes.container(classes=self.box_classes(schedule, name))
        self.set_source_info(box)
        return box

    def new_id(self, base: str) -> str:
        """An id not yet used in this document."""
        taken = cast("set[str]", self.env.temp_data.setdefault("coursecal_ids", set()))
        # The number a base tried last: many items of one base stay linear, not quadratic.
        tried = cast("dict[str, int]", self.env.temp_data.setdefault("coursecal_id_numbers", {}))
        anchor, number = base, tried.get(base, 2)
        while anchor in taken or anchor in self.state.document.ids:
            anchor, number = f"{base}-{number}", number + 1
        tried[base] = number
        taken.add(anchor)
        return anchor

    def view_context(self, schedule: Schedule) -> ViewContext:
        return ViewContext(schedule, formats_for(self.config), self.new_id, self.describe)

    def note_shown(self, context: ViewContext) -> None:
        """The items the view gave ids to are shown here: references and feeds point at them.

        The one-event files it links are noted too: HTML builds write those.
        """
        domain = course_domain(self.env)
        for objtype, key, anchor in context.shown:
            domain.note_shown(objtype, key, self.env.docname, anchor)
        if context.event_files:
            domain.note_event_files(self.env.docname, context.event_files)
        context.shown.clear()
        context.event_files.clear()

    def formats(self) -> Formats:
        return formats_for(self.config)

    def option_list(self, name: str, known: Sequence[str] | None = None) -> list[str] | None:
        if name not in self.options:
            return None
        values = split_names(self.options[name])
        if known is not None:
            for value in values:
                if value not in known:
                    warn(
                        Warn.OPTION,
                        f"{self.name}: :{name}: {value!r} is not one of {', '.join(known)}{nearest(value, known)}",
                        self.get_location(),
                    )
        return values

    def describe(self, text: str, where: Location | None) -> list[nodes.Node]:
        """A session's ``description``, as the schedule's own inline markup (see ``markup``)."""
        paragraph = nodes.paragraph(classes=classes("description"))
        paragraph.extend(schedule_markup(self, text, where))
        return [paragraph]
