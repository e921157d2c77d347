"""The month view: a grid per month, every day with what happens on it.

Outside HTML a grid reads badly; a post-transform turns it into its days, in
order (see ``transforms.MonthGridAsList``), using each cell's ``coursecal_day``.
"""

from __future__ import annotations

import datetime as dt

from docutils import nodes

from ...engine import Occurrence, Week, occurrences_by_day, week_begin
from ..render import classes, text_inline
from .context import ViewContext
from .items import item_box
from .workload import week_of, workload_line


def render(context: ViewContext, occurrences: tuple[Occurrence, ...]) -> list[nodes.Node]:
    course = context.course
    formats = context.formats
    first = context.first or course.start
    last = context.last or course.end
    weekend_items = any(o.date.weekday() >= 5 for o in occurrences)
    shown_days = list(range(7)) if (context.weekends or weekend_items) else [0, 1, 2, 3, 4]
    order = sorted(shown_days, key=lambda day: (day - course.week_start) % 7)
    by_day = occurrences_by_day(occurrences)
    result: list[nodes.Node] = []
    week = week_begin(first, course.week_start)
    current_month: tuple[int, int] | None = None
    body: nodes.tbody | None = None
    while week <= last:
        days = [week + dt.timedelta(days=(day - course.week_start) % 7) for day in order]
        month = (days[0].year, days[0].month)
        if month != current_month:
            current_month = month
            heading = formats.month(days[0])
            result.append(nodes.rubric(heading, heading, classes=classes("month-name")))
            table, body = month_table(context, days)
            result.append(table)
        assert body is not None
        number = context.schedule.week_of(week)
        row = nodes.row(classes=classes("week", f"week-{number}"))
        for day in days:
            row += day_cell(context, day, by_day.get(day, []), month[1])
        body += row
        workload = week_of(context, number)
        if workload is not None:
            body += workload_row(context, workload, len(days))
        week += dt.timedelta(days=7)
    return result


def month_table(context: ViewContext, days: list[dt.date]) -> tuple[nodes.table, nodes.tbody]:
    table = nodes.table(classes=[*classes("month"), "colwidths-given"])
    # An id of its own: HTML makes the month's name the table's caption, and a captioned
    # table is a link target ("coursecal-cse599o-2025-10").
    month_id = f"coursecal-{context.course.id}-{days[0]:%Y-%m}"
    table["ids"].append(context.new_id(str(nodes.make_id(month_id))))
    group = nodes.tgroup(cols=len(days))
    table += group
    for _day in days:
        group += nodes.colspec(colwidth=16)  # characters, to the text builder
    head = nodes.thead()
    header = nodes.row()
    for day in days:
        name = context.formats.weekday(day, wide=True)
        header += nodes.entry("", nodes.paragraph(text=name))
    head += header
    group += head
    body = nodes.tbody()
    group += body
    return table, body


def day_cell(context: ViewContext, day: dt.date, items: list[Occurrence], month: int) -> nodes.entry:
    formats = context.formats
    entry = nodes.entry(classes=classes("day", f"date-{day.isoformat()}", "empty" if not items else ""))
    entry["coursecal_day"] = formats.date(day)  # the day's name where the grid becomes a list
    number = nodes.paragraph(classes=classes("day-number"))
    number += text_inline(f"{formats.weekday(day)} ", "weekday")  # shown when the grid folds
    # A week sits under the month it starts in (as the seed calendar does), so a day
    # of the next month, and every 1st, names its month: "Oct 1", never a bare "01".
    other = day.month != month or day.day == 1
    number += nodes.Text(formats.day_month(day) if other else formats.day_number(day))
    entry += number
    for occurrence in items:
        entry += item_box(context, occurrence, day)
    return entry


def workload_row(context: ViewContext, week: Week, width: int) -> nodes.row:
    """Under a week's days, one cell across them: the week's workload line (outside HTML, a line of the list)."""
    entry = nodes.entry(classes=classes("workload-cell"))
    if width > 1:
        entry["morecols"] = width - 1
    entry["coursecal_workload"] = True  # where the grid becomes a list, a line between its weeks
    entry += workload_line(context, week)
    return nodes.row("", entry, classes=classes("workload-row"))
