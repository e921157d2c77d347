"""One calendar item in words, as every view shows it: a session's topic, a deadline, a closure.

Also the color key, which every view puts above itself.
"""

from __future__ import annotations

import datetime as dt

from docutils import nodes

from ...engine import Occurrence, Role, Session
from ...labels import GUEST_LECTURE
from ..design import badge
from ..i18n import LABELS, _
from ..names import event_filename
from ..nodes import event_ics, zoned_time
from ..render import classes, links_line, reading_inline, text_inline
from .context import ViewContext


def date_line(context: ViewContext, occurrence: Occurrence) -> nodes.paragraph:
    """A date that never breaks inside; a range may break before its dash, never after it.

    The dash goes with the second date ("Mon Nov 24" / "\u2013 Wed Nov 26"), so no line
    of a wrapped range ends in a dangling separator.
    """
    formats = context.formats
    line = nodes.paragraph()
    parts = formats.day_parts(occurrence.date, occurrence.last)
    if len(parts) == 1 and occurrence.last != occurrence.date:  # a locale's range, breaking at its spaces
        line += nodes.Text(parts[0])
        return line
    line += text_inline(parts[0], "nowrap")
    if len(parts) == 3:  # first, joiner, last: the joiner goes with the last
        line += nodes.Text(" ")
        line += text_inline(f"{parts[1].strip()} {parts[2]}", "nowrap")
    return line


def clock(context: ViewContext, occurrence: Occurrence, before: str = "", after: str = "") -> nodes.inline | None:
    """An item's time or span ("10:00-11:20", "23:59") as one inline, None for a whole day.

    The time itself is a :class:`zoned` node: HTML pages can show it in the
    reader's zone; other outputs write the inline's text as before.
    """
    span = context.formats.span(occurrence)
    if not span or occurrence.start is None:
        return None
    line = nodes.inline(classes=classes("time"))
    if before:
        line += nodes.Text(before)
    line += zoned_time(span, context.course.timezone, occurrence.start, occurrence.end)
    if after:
        line += nodes.Text(after)
    return line


def attached_line(context: ViewContext, occurrence: Occurrence) -> nodes.paragraph:
    """A deadline, release, event or closure in words: "HW1 due 23:59"."""
    formats = context.formats
    line = nodes.paragraph(classes=classes("line", f"kind-{occurrence.kind}"))
    deadline = occurrence.deadline
    if deadline is not None:
        due = occurrence.role is Role.DUE
        # The language orders the words ("HW1 due", "Entrega de HW1"); the time follows them.
        before, _title, after = (_("{title} due") if due else _("{title} released")).partition("{title}")
        words = after.strip()
        # "due 23:59" stays together, so a narrow Notes cell wraps the title, not the time.
        when = nodes.inline(classes=classes("nowrap"))
        if words:
            when += nodes.Text(f"{words} " if occurrence.start is not None else words)
        if occurrence.start is not None:
            when += zoned_time(formats.time(occurrence.start), context.course.timezone, occurrence.start)
        parts: list[nodes.Node] = [nodes.Text(before)] if before else []
        parts.append(nodes.Text(f"{occurrence.title} " if len(when) else occurrence.title))
        if len(when):
            parts.append(when)
        if deadline.url:
            text = "".join(part.astext() for part in parts)
            line += nodes.reference(text, "", *parts, refuri=deadline.url)
        else:
            line.extend(parts)
        if occurrence.notes and due:
            line += text_inline(f" ({occurrence.notes})", "note")
        if deadline.was is not None and due:
            # The old due moment, struck through in HTML ("was" says it everywhere).
            line += nodes.Text(" (")
            said = _("was")
            was = nodes.inline(classes=classes("was"))
            was += nodes.Text(f"{said} ")
            moment = formats.moment(deadline.was)
            if isinstance(deadline.was, dt.datetime):
                was += zoned_time(moment, context.course.timezone, deadline.was, dated=True)
            else:
                was += nodes.Text(moment)
            line += was
            line += nodes.Text(")")
        return line
    span = clock(context, occurrence, after=" ")
    if span is not None:
        line += span
    closure = occurrence.closure
    if closure is not None and closure.url:  # "No class", linking to the university's announcement
        title = LABELS.said(occurrence.title)
        line += nodes.reference(title, title, refuri=closure.url, classes=classes("title"))
    else:
        line += text_inline(LABELS.said(occurrence.title), "title")
    if occurrence.location:
        line += text_inline(f", {occurrence.location}", "location")
    if closure is not None and closure.description:
        line += text_inline(f" \u2014 {closure.description}", "description")
    return line


def _cancelled() -> str:
    return _("cancelled")


def topic(context: ViewContext, session: Session) -> list[nodes.Node]:
    """A session's title, guests, presenters, presented papers and description."""
    schedule = context.schedule
    spec = session.spec
    unit_title = schedule.units[spec.unit].title if spec.unit else None
    presented = [r for r in spec.readings if r.presenters]
    result: list[nodes.Node] = []
    if not (presented and spec.title == unit_title):  # "Paper presentations" is the heading already
        title = nodes.paragraph(classes=classes("title"))
        title += text_inline(spec.title, "cancelled-title" if spec.cancelled else "")
        if spec.cancelled:
            title += text_inline(f" ({_cancelled()})", "cancelled-note")
        result.append(title)
    if spec.guests:
        guests = ", ".join(schedule.names(spec.guests))
        result.append(nodes.paragraph(text=f"{LABELS(GUEST_LECTURE)}: {guests}", classes=classes("guests")))
    if spec.presenters:
        who = ", ".join(schedule.names(spec.presenters))
        presenters = _("Presenters")
        result.append(nodes.paragraph(text=f"{presenters}: {who}", classes=classes("presenters")))
    for reading in presented:
        line = nodes.paragraph(classes=classes("presentation"))
        line += reading_inline(schedule, context.course.id, reading)
        result.append(line)
    if spec.description:
        result.extend(context.describe(spec.description, spec.description_at or spec.source))
    return result


def readings_line(context: ViewContext, session: Session) -> list[nodes.Node]:
    """The readings nobody presents, in one line: "Paper 1: PaLM, Optional: GShard"."""
    readings = [r for r in session.spec.readings if not r.presenters]
    if not readings:
        return []
    line = nodes.paragraph(classes=classes("readings"))
    for index, reading in enumerate(readings):
        if index:
            line += nodes.Text(", ")
        line += reading_inline(context.schedule, context.course.id, reading)
    return [line]


def item_box(context: ViewContext, occurrence: Occurrence, day: dt.date) -> nodes.container:
    """One item in a day of the month grid or the agenda: time, title, place, readings, links."""
    schedule = context.schedule
    box = nodes.container(
        classes=classes("item", f"kind-{occurrence.kind}", "cancelled" if occurrence.cancelled else "")
    )
    anchor = context.item_anchor(occurrence) if day == occurrence.date else None
    lines: list[nodes.paragraph] = []
    session = occurrence.session
    if occurrence.closure is not None or occurrence.deadline is not None:
        lines.append(attached_line(context, occurrence))
    else:
        if session is not None and session.spec.guests:
            guests = ", ".join(schedule.names(session.spec.guests))
            lines.append(nodes.paragraph(text=f"{LABELS(GUEST_LECTURE)}: {guests}", classes=classes("guests")))
        head = nodes.paragraph(classes=classes("head"))
        span = clock(context, occurrence, after=" ")
        if span is not None:
            head += span
        meeting = schedule.meetings.get(occurrence.meeting)
        slot_title = meeting.title if meeting and session is not None else occurrence.title
        # A badge in the item's kind color (the stylesheet's --coursecal-kind): "Lecture", "Section".
        head += badge(LABELS.said(slot_title), *classes("kind-label"))
        if occurrence.cancelled:
            head += text_inline(f" ({_cancelled()})", "cancelled-note")
        lines.append(head)
        if occurrence.location:
            lines.append(nodes.paragraph(text=occurrence.location, classes=classes("location")))
        if session is not None:
            lines.append(nodes.paragraph(text=session.title, classes=classes("title")))
            for reading in session.spec.readings:
                line = nodes.paragraph(classes=classes("reading-line"))
                line += reading_inline(schedule, context.course.id, reading)
                lines.append(line)
            if session.links:
                lines.append(links_line(session.links))
        elif occurrence.notes:
            lines.append(nodes.paragraph(text=occurrence.notes, classes=classes("note")))
    if anchor:
        lines[0].insert(0, nodes.target("", "", ids=[anchor]))
    box.extend(lines)
    if context.add_to_calendar:
        box += event_link(context, occurrence)
    return box


def event_link(context: ViewContext, occurrence: Occurrence) -> event_ics:
    """A placeholder for the event's own .ics file, linked in HTML builds only."""
    node = event_ics()
    node["file"] = event_filename(context.schedule, occurrence.uid)
    context.event_files.append(node["file"])
    return node


def legend(context: ViewContext, occurrences: tuple[Occurrence, ...]) -> nodes.container:
    """The color key of the kinds shown; HTML makes it a collapsible <details>."""
    kinds = list(dict.fromkeys(o.kind for o in occurrences))
    box = nodes.container(classes=classes("legend"))
    title = _("Color key")
    box += nodes.rubric(title, title, classes=classes("legend-title"))
    items = nodes.bullet_list(classes=classes("legend-items"))
    for kind_id in kinds:
        kind = context.schedule.kind(kind_id)
        paragraph = nodes.paragraph()
        paragraph += nodes.inline("", "", classes=classes("swatch", f"kind-{kind_id}"))
        paragraph += nodes.Text(LABELS.said(kind.label))
        items += nodes.list_item("", paragraph, classes=classes(f"kind-{kind_id}"))
    box += items
    return box
