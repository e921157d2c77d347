"""The list view: an agenda, week by week, each day with its items."""

from __future__ import annotations

import datetime as dt

from docutils import nodes

from ...engine import Occurrence, week_begin
from ..i18n import _
from ..render import classes
from .context import ViewContext
from .items import item_box
from .workload import week_of, workload_line


def render(context: ViewContext, occurrences: tuple[Occurrence, ...]) -> list[nodes.Node]:
    formats = context.formats
    result: list[nodes.Node] = []
    weeks: dict[int, list[Occurrence]] = {}
    for occurrence in occurrences:
        weeks.setdefault(occurrence.week, []).append(occurrence)
    for number, items in weeks.items():
        begin = week_begin(items[0].date, context.course.week_start)
        week = _("Week {number}").format(number=number)
        heading = f"{week} \u00b7 {formats.days(begin, begin + dt.timedelta(days=6))}"
        result.append(nodes.rubric(heading, heading, classes=classes("week-name")))
        workload = week_of(context, number)
        if workload is not None:
            result.append(workload_line(context, workload, named=False))
        days = nodes.definition_list(classes=classes("agenda", f"week-{number}"))
        by_day: dict[dt.date, list[Occurrence]] = {}
        for occurrence in items:
            by_day.setdefault(occurrence.date, []).append(occurrence)
        for day, day_items in by_day.items():
            # HTML writers drop a definition_list_item's classes: the term and the
            # definition carry the date, for the today script.
            item = nodes.definition_list_item()
            item += nodes.term(formats.date(day), formats.date(day), classes=classes(f"date-{day.isoformat()}"))
            definition = nodes.definition(classes=classes(f"date-{day.isoformat()}"))
            for occurrence in day_items:
                definition += item_box(context, occurrence, day)
            item += definition
            days += item
        result.append(days)
    return result
