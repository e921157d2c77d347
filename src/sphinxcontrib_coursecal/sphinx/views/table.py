"""The table view: the lecture plan, a row per class, with what falls between them.

Sections that share a plan share its rows: each row lists every section's day and time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from docutils import nodes

from ...engine import Occurrence, Week
from ...labels import N_
from ..i18n import LABELS, _
from ..render import classes, links_line, text_inline
from .context import ViewContext
from .items import attached_line, clock, date_line, readings_line, topic
from .workload import week_of, workload_line

HEADERS = {
    "number": N_("Class"),
    "date": N_("Date"),
    "topic": N_("Topic"),
    "notes": N_("Notes"),
    "readings": N_("Readings"),
    "materials": N_("Materials"),
}
# Relative widths: LaTeX keeps them (colwidths-given), HTML lets the browser decide.
WIDTHS = {"number": 7, "date": 11, "topic": 32, "notes": 16, "readings": 24, "materials": 11}


@dataclass
class Row:
    """One table row in the making."""

    day: dt.date
    occurrence: Occurrence
    attached: list[Occurrence] = field(default_factory=list)  # deadlines and events on a session's day
    sections: list[Occurrence] = field(default_factory=list)  # the other sections' placements of it


def by_placement(occurrences: tuple[Occurrence, ...]) -> list[list[Occurrence]]:
    """Each section's placement of one session (or of one event held in each section) together.

    Four lecture sections that share a plan make one row per session, not four,
    with each section's day and time in it. One section's view has one placement.
    """
    groups: dict[tuple[str, ...], list[Occurrence]] = {}
    found: list[list[Occurrence]] = []
    for occurrence in occurrences:  # in date order: a group's first is its earliest
        key: tuple[str, ...] | None = None
        if occurrence.section and occurrence.session is not None:
            key = ("session", occurrence.session.spec.plan, occurrence.session.id)
        elif occurrence.section and occurrence.event is not None and occurrence.meeting:
            key = ("event", occurrence.event.id)
        if key is None:
            found.append([occurrence])
        elif key in groups:
            groups[key].append(occurrence)
        else:
            groups[key] = [occurrence]
            found.append(groups[key])
    return found


def rows(occurrences: tuple[Occurrence, ...]) -> list[Row]:
    """A row per session; a deadline or event on a class day joins that class's row."""
    found: list[Row] = []
    session_rows: dict[dt.date, Row] = {}
    groups = by_placement(occurrences)
    for occurrence, *others in groups:
        if occurrence.session is not None:
            row = Row(occurrence.date, occurrence, sections=others)
            session_rows.setdefault(occurrence.date, row)
            found.append(row)
    for occurrence, *others in groups:
        if occurrence.session is not None:
            continue
        if others:  # an event held in each section's meeting: its own row, every section in it
            found.append(Row(occurrence.date, occurrence, sections=others))
            continue
        host = session_rows.get(occurrence.date)
        if host is not None and occurrence.closure is None and not occurrence.meeting:
            host.attached.append(occurrence)
        else:
            found.append(Row(occurrence.date, occurrence))
    found.sort(key=lambda row: (row.day, row.occurrence.session is None and row.occurrence.closure is None))
    return found


def render(context: ViewContext, occurrences: tuple[Occurrence, ...]) -> list[nodes.Node]:
    # Each row's cells are made once: making them hands out ids (a deadline on a class day).
    made = [(row, cells(context, row)) for row in rows(occurrences)]
    columns = context.columns if context.keep_columns else used_columns(context.columns, made)
    # longtable: a term's plan spans pages in LaTeX; colwidths-given: LaTeX keeps our widths.
    table = nodes.table(classes=[*classes("table"), "longtable", "colwidths-given"])
    group = nodes.tgroup(cols=len(columns))
    table += group
    for column in columns:
        group += nodes.colspec(colwidth=WIDTHS[column])
    head = nodes.thead()
    header = nodes.row()
    for column in columns:
        header += nodes.entry("", nodes.paragraph(text=_(HEADERS[column])), classes=classes(f"col-{column}"))
    head += header
    group += head
    body = nodes.tbody()
    group += body
    unit = None
    week = None
    for row, content in made:
        session = row.occurrence.session
        if row.occurrence.week != week:
            week = row.occurrence.week
            workload = week_of(context, week)
            if workload is not None:
                body += workload_row(context, workload, len(columns))
        if session is not None and session.spec.unit and session.spec.unit != unit:
            unit = session.spec.unit
            body += unit_row(context, unit, len(columns))
        body += table_row(context, row, columns, content)
    return [table]


def used_columns(columns: list[str], made: list[tuple[Row, dict[str, list[nodes.Node]]]]) -> list[str]:
    """The columns some row fills: a course without materials gets no empty Materials column.

    A row without a session fills the columns it spans with its one line, so it
    keeps the topic column (where that line lives) but no other.
    """
    used = {"topic"} if any(row.occurrence.session is None for row, _content in made) else set()
    for row, content in made:
        if row.occurrence.session is not None:
            used.update(column for column, nodes_ in content.items() if nodes_)
    kept = [column for column in columns if column in used]
    return kept or columns


def unit_row(context: ViewContext, unit_id: str, width: int) -> nodes.row:
    unit = context.schedule.units[unit_id]
    row = nodes.row(classes=classes("unit"))
    entry = nodes.entry(morecols=width - 1) if width > 1 else nodes.entry()
    title = nodes.paragraph(classes=classes("unit-title"))
    title += nodes.target("", "", ids=[context.anchor("unit", unit_id)])
    title += nodes.strong(unit.title, unit.title)
    entry += title
    if unit.description:
        entry += nodes.paragraph(unit.description, unit.description)
    row += entry
    return row


def workload_row(context: ViewContext, week: Week, width: int) -> nodes.row:
    """Before a week's first row, across every column: "Week 5: 84 pages · 6 hours of work · HW2 due"."""
    row = nodes.row(classes=classes("workload-row"))
    entry = nodes.entry(morecols=width - 1) if width > 1 else nodes.entry()
    entry += workload_line(context, week)
    row += entry
    return row


def cells(context: ViewContext, row: Row) -> dict[str, list[nodes.Node]]:
    """What each column of a row holds."""
    occurrence = row.occurrence
    session = occurrence.session
    found: dict[str, list[nodes.Node]] = {column: [] for column in context.columns}
    found["number"] = [nodes.paragraph(text=str(session.number))] if session and session.number is not None else []
    found["date"] = [date_line(context, occurrence)]
    if row.sections:
        found["number"], found["date"] = section_times(context, row)
    if session is None:
        title = nodes.paragraph(classes=classes("line", f"kind-{occurrence.kind}"))
        title += nodes.Text(LABELS.said(occurrence.title))
        found["topic"] = [title if row.sections else attached_line(context, occurrence)]
        return found
    found["topic"] = topic(context, session)
    found["readings"] = readings_line(context, session)
    links = session.spec.links if row.sections else session.links  # every section's, or its own
    found["materials"] = [links_line(links)] if links else []
    found["notes"] = [nodes.paragraph(text=session.spec.notes)] if session.spec.notes else []
    attached = []
    for item in row.attached:
        line = attached_line(context, item)
        item_anchor = context.item_anchor(item)
        if item_anchor:  # :deadline: reaches a deadline that shares a class's row
            line.insert(0, nodes.target("", "", ids=[item_anchor]))
        attached.append(line)
    # Without a notes column, what falls on a class day goes under its topic.
    found["notes" if "notes" in context.columns else "topic"].extend(attached)
    return found


def section_times(context: ViewContext, row: Row) -> tuple[list[nodes.Node], list[nodes.Node]]:
    """The number and date cells of a row that several sections share: each section's day and time.

    "Tue Jan 13" with "8AM 08:00-08:50", "1PM 13:00-13:50" under it; a
    section that meets on another day starts a new date. Each placement
    keeps its anchor, so a reference to one section's session lands here.
    """
    placements = [row.occurrence, *row.sections]
    numbers = list(dict.fromkeys(o.session.number for o in placements if o.session and o.session.number))
    number: list[nodes.Node] = [nodes.paragraph(text="/".join(map(str, numbers)))] if numbers else []
    dates: list[nodes.Node] = []
    day = None
    for index, occurrence in enumerate(placements):
        if occurrence.date != day:
            day = occurrence.date
            dates.append(date_line(context, occurrence))
        line = nodes.paragraph(classes=classes("section-time"))
        anchor = context.item_anchor(occurrence) if index else None  # the first is the row's own
        if anchor:
            line += nodes.target("", "", ids=[anchor])
        when = nodes.inline(classes=classes("nowrap"))  # "8AM 08:00-08:50" never breaks inside
        when += text_inline(occurrence.section, "section")
        span = clock(context, occurrence, before=" ")
        if span is not None:
            when += span
        line += when
        if occurrence.session is None and occurrence.location:  # where each section sits the exam
            line += text_inline(f", {occurrence.location}", "location")
        dates.append(line)
    return number, dates


def table_row(context: ViewContext, row: Row, columns: list[str], content_of: dict[str, list[nodes.Node]]) -> nodes.row:
    occurrence = row.occurrence
    session = occurrence.session
    tr = nodes.row(
        classes=classes(
            "row", f"kind-{occurrence.kind}", f"date-{occurrence.date.isoformat()}", f"week-{occurrence.week}"
        )
    )
    if occurrence.cancelled:
        tr["classes"].append("coursecal-cancelled")
    if session is None:  # a closure, deadline or event: one line, wherever it is shown
        tr["classes"].append("coursecal-one-line")
    anchor = context.item_anchor(occurrence)
    # A row without a session (closure, deadline, event) tells its story once: each run of
    # columns other than number and date becomes one cell spanning them.
    spanned = session is None
    target: nodes.Node | None = nodes.target("", "", ids=[anchor]) if anchor else None
    index = 0
    while index < len(columns):
        column, width = columns[index], 1
        if spanned and column not in ("number", "date"):
            while index + width < len(columns) and columns[index + width] not in ("number", "date"):
                width += 1
            column = "topic"  # the spanning cell holds the item's one line
        entry = nodes.entry(classes=classes(f"col-{column}"))
        if width > 1:
            entry["morecols"] = width - 1
        content = list(content_of.get(column) or [nodes.paragraph()])
        content_of[column] = []  # a second run of a spanned row stays empty
        if target is not None and column != "number":
            first = content[0] if isinstance(content[0], nodes.paragraph) else nodes.paragraph()
            if first is not content[0]:
                content.insert(0, first)
            first.insert(0, target)
            target = None
        entry.extend(content)
        tr += entry
        index += width
    return tr
