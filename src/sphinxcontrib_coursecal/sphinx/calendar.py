"""``.. course-calendar::``: the course as a table, month grids, or a weekly agenda.

The directive chooses occurrences (its filters), hands them to a view (see
``views``), and notes in the domain the items the view gave ids to. Views
make only standard docutils nodes — tables, containers, paragraphs, targets —
so LaTeX, text, epub and man render them as they render any table or list.
Classes carry the kind (for the color key), the date (for the script that
marks today) and the view, for the HTML stylesheet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from babel.numbers import format_decimal
from docutils import nodes
from docutils.parsers.rst import directives

from ..engine import Occurrence, Role, Schedule, week_begin
from .config import DAYS_RANGE, TAB_VIEWS, TABLE_COLUMNS, VIEWS
from .design import tab_set
from .directive import CourseDirective, nearest, split_names
from .i18n import _
from .render import classes
from .subscribe import links_placeholder
from .views import VIEWS as RENDER
from .views.context import ViewContext
from .views.items import legend
from .warnings import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _limit(text: str) -> str:
    text = text.strip()
    if re.fullmatch(r"-?\d{1,3}", text):  # a week number; a course has a few dozen
        return text
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD) or a week number (up to 999)") from None
    return text


def _days(text: str) -> int:
    days = directives.positive_int(text)
    if days > 366:
        raise ValueError(f"{days} is not {DAYS_RANGE.removeprefix('must be ')}")
    return days


class CourseCalendar(CourseDirective):
    """The course on the calendar, in one of its views."""

    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "course": directives.unchanged_required,
        "view": lambda value: directives.choice(value, VIEWS),
        "views": directives.unchanged_required,
        "kinds": directives.unchanged_required,
        "meetings": directives.unchanged_required,
        "section": directives.unchanged_required,
        "units": directives.unchanged_required,
        "from": _limit,
        "to": _limit,
        "columns": directives.unchanged_required,
        "weekends": directives.flag,
        "days": _days,
        "no-legend": directives.flag,
        "workload": directives.flag,
        "no-workload": directives.flag,
        "subscribe": directives.flag,
        "add-to-calendar": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        schedule = self.schedule()
        if schedule is None:
            return []
        assert schedule.course is not None
        view = self.options.get("view", self.config.coursecal_default_view)
        views = self.tab_views() if view == "tabs" else [view]
        if "views" in self.options and view != "tabs":
            warn(Warn.OPTION, f"{self.name}: :views: works with :view: tabs only", self.get_location())
        if "add-to-calendar" in self.options and "list" not in views:
            warn(Warn.OPTION, f"{self.name}: :add-to-calendar: works in the list view only", self.get_location())
        if "days" in self.options and "upcoming" not in views:
            warn(Warn.OPTION, f"{self.name}: :days: works in the upcoming view only", self.get_location())
        context = self.view_context(schedule)
        context.first, context.last = self.limit(schedule, "from"), self.limit(schedule, "to")
        chosen = {name: self.selected(schedule, name, context.first, context.last) for name in views}
        drawn = {name: self.within_limit(name, chosen[name]) for name in views}
        occurrences = tuple(dict.fromkeys(o for name in views for o in drawn[name]))
        if "table" in views:
            context.columns, context.keep_columns = self.columns()
        context.weekends = "weekends" in self.options
        context.add_to_calendar = "add-to-calendar" in self.options and "list" in views
        context.days = self.options.get("days", self.config.coursecal_upcoming_days)
        context.workload = self.shows_workload(schedule, views)
        box = self.box(schedule, f"view-{view}")
        # The script marks the reader's current week; it needs to know which day a week starts on.
        box["classes"].append(f"coursecal-week-start-{schedule.course.week_start}")
        box["ids"].append(context.anchor("calendar", "calendar"))  # where feeds send a plain meeting
        if "subscribe" in self.options:
            box += links_placeholder(self, schedule, None)
        if "no-legend" not in self.options:
            box += legend(context, occurrences)
        if view == "tabs":  # one tab per view; the first tab's items are what references reach
            tabs = [
                (_tab_label(name), self.render(context, name, drawn[name], len(chosen[name])), classes(f"tab-{name}"))
                for name in views
            ]
            box += tab_set(tabs, *classes("tabs"))
        else:
            box.extend(self.render(context, view, occurrences, len(chosen[view])))
        self.note_shown(context)
        return [box]

    def within_limit(self, view: str, chosen: tuple[Occurrence, ...]) -> tuple[Occurrence, ...]:
        """The first ``coursecal_view_limit`` entries of a view, whole days of them, warning when there are more.

        The upcoming view is not cut: the reader's browser shows the days ahead of its today, from
        the whole term (``coursecal_max_entries`` bounds it).
        """
        limit: int = self.config.coursecal_view_limit
        if len(chosen) <= limit or view == "upcoming":
            return chosen
        cut = chosen[limit].date  # the first day not drawn whole is not drawn at all
        drawn = tuple(o for o in chosen[:limit] if o.date < cut) or chosen[:limit]
        warn(
            Warn.VIEW_LIMIT,
            f"{self.name}: the {view} view has {len(chosen):,} entries, more than coursecal_view_limit "
            f"({limit:,}); it draws the first {len(drawn):,}, to {drawn[-1].date.isoformat()}, and the "
            "entries after them are only in the feeds: show the term "
            "in parts with :from: and :to: (several views, one each), narrow it with :kinds: or :section:, "
            "or raise coursecal_view_limit in conf.py",
            self.get_location(),
        )
        return drawn

    def render(self, context: ViewContext, view: str, drawn: tuple[Occurrence, ...], total: int) -> list[nodes.Node]:
        """The view's nodes; a view cut at the limit ends on its last day drawn, with a line saying so."""
        if total <= len(drawn):
            return RENDER[view](context, drawn)
        last, context.last = context.last, drawn[-1].date
        try:
            rendered = RENDER[view](context, drawn)
        finally:
            context.last = last
        locale = context.formats.locale
        note = _("This view shows the first {shown} of {total} entries; the course's calendar feed has them all.")
        shown, every = (format_decimal(count, locale=locale) for count in (len(drawn), total))
        text = note.format(shown=shown, total=every)
        rendered.append(nodes.paragraph(text, text, classes=classes("view-limited")))
        return rendered

    def shows_workload(self, schedule: Schedule, views: list[str]) -> bool:
        """Each week's workload: asked with :workload:, or when the schedule gives counts of its own."""
        if "workload" in self.options and "no-workload" in self.options:
            warn(Warn.OPTION, f"{self.name}: give :workload: or :no-workload:, not both", self.get_location())
        if ("workload" in self.options or "no-workload" in self.options) and not {"table", "month", "list"} & {*views}:
            warn(Warn.OPTION, f"{self.name}: :workload: works in the table, month and list views", self.get_location())
        if "no-workload" in self.options or not schedule.workload:
            return False
        return "workload" in self.options or schedule.workload_given

    def tab_views(self) -> list[str]:
        """The views ``:view: tabs`` shows, in the order ``:views:`` names them; unknown ones warn."""
        if "views" not in self.options:
            return list(TAB_VIEWS)
        names = list(dict.fromkeys(split_names(self.options["views"])))
        known = [name for name in VIEWS if name != "tabs"]
        for name in names:
            if name not in known:
                warn(
                    Warn.OPTION,
                    f"{self.name}: :views: {name!r} is not one of {', '.join(known)}{nearest(name, known)}",
                    self.get_location(),
                )
        return [name for name in names if name in known] or list(TAB_VIEWS)

    # -- selection -----------------------------------------------------------------

    def limit(self, schedule: Schedule, name: str) -> dt.date | None:
        """The day :from: or :to: names, kept within a year of the term (where every item lies)."""
        value = self.options.get(name)
        if value is None:
            return None
        course = schedule.course
        assert course is not None
        if "-" in value[1:]:
            day = dt.date.fromisoformat(value)
        else:
            begin = week_begin(course.start, course.week_start)
            day = begin + dt.timedelta(weeks=int(value) - course.first_week, days=0 if name == "from" else 6)
        first, last = course.start - dt.timedelta(days=366), course.end + dt.timedelta(days=366)
        if not first <= day <= last:
            warn(
                Warn.OPTION,
                f"{self.name}: :{name}: {value} is more than a year from the term "
                f"({course.start} to {course.end}); the calendar stops at {min(max(day, first), last)}",
                self.get_location(),
            )
        return min(max(day, first), last)

    def selected(
        self, schedule: Schedule, view: str, first: dt.date | None, last: dt.date | None
    ) -> tuple[Occurrence, ...]:
        kinds = self.option_list("kinds", list(schedule.kinds))
        meetings = self.option_list("meetings", list(schedule.meetings))
        units = self.option_list("units", list(schedule.units))
        chosen = schedule.select(
            first=first,
            last=last,
            kinds=kinds,
            meetings=meetings,
            section=self.section(schedule),
            units=units,
        )
        if view == "table" and kinds is None and meetings is None:
            # The table is the lecture plan: sessions and what falls between them (events held in a
            # meeting too: a midterm in a lecture's slot), not office hours.
            chosen = tuple(o for o in chosen if o.session is not None or not o.meeting or o.role is Role.EVENT)
        if view == "cards":  # a card per session: its color key names the sessions' kinds only
            chosen = tuple(o for o in chosen if o.session is not None)
        return chosen

    def section(self, schedule: Schedule) -> str | None:
        """The section as the schedule spells it ("a" finds "A"); an unknown one warns."""
        wanted: str | None = self.options.get("section")
        if wanted is None:
            return None
        sections = sorted({m.section for m in schedule.meetings.values() if m.section})
        match = next((name for name in sections if name.lower() == wanted.strip().lower()), None)
        if match is None:
            known = ", ".join(sections) or "none"
            warn(
                Warn.OPTION,
                f"{self.name}: no section {wanted!r} in the schedule (sections: {known}){nearest(wanted, sections)}",
                self.get_location(),
            )
            return wanted
        return match

    def columns(self) -> tuple[list[str], bool]:
        """The table's columns, and whether the directive asked for them (then even empty ones stay)."""
        if "columns" in self.options:
            chosen = [c for c in split_names(self.options["columns"]) if c in TABLE_COLUMNS]
            unknown = [c for c in split_names(self.options["columns"]) if c not in TABLE_COLUMNS]
            if unknown:
                hint = nearest(unknown[0], TABLE_COLUMNS)
                warn(
                    Warn.OPTION,
                    f"course-calendar: unknown columns {', '.join(unknown)}; known: {', '.join(TABLE_COLUMNS)}{hint}",
                    self.get_location(),
                )
            if chosen:
                return chosen, True
        return list(self.config.coursecal_table_columns), False


def _tab_label(view: str) -> str:
    """A tab's name, in the site's language."""
    labels = {
        "month": _("Month"),
        "table": _("Table"),
        "list": _("List"),
        "upcoming": _("Upcoming"),
        "cards": _("Cards"),
    }
    return labels.get(view, view)


def setup_calendar(app: Sphinx) -> None:
    app.add_directive("course-calendar", CourseCalendar)
