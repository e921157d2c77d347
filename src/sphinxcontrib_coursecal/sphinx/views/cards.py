"""The cards view: a sphinx-design grid of the sessions chosen, one card each.

A card's header is the session's number and date, with its meeting as a badge
in the kind's color; its body the title, linked to where the course shows the
session (its row, day or page: a ``course:session`` reference, so the card is
an overview that leads into the schedule), then its readings and links.

Cards give no item an id: the sessions' places stay those of the other views,
so a page of cards above the schedule does not take references away from it.
Outside HTML the grid is its cards in order, each a heading line and its text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ...engine import Occurrence
from ..design import badge, card, grid
from ..i18n import LABELS, _
from ..render import DOMAIN, classes, links_line, session_heading, text_inline
from .context import ViewContext
from .items import readings_line


def _title(context: ViewContext, occurrence: Occurrence) -> nodes.paragraph:
    session = occurrence.session
    assert session is not None
    line = nodes.paragraph(classes=classes("card-title"))
    xref = addnodes.pending_xref(
        "",
        refdomain=DOMAIN,
        reftype="session",
        reftarget=f"{context.course.id}:{session.anchor}",
        refexplicit=True,
        refwarn=False,
    )
    xref += nodes.inline(session.title, session.title, classes=classes("session-ref"))
    line += xref
    if occurrence.cancelled:
        line += text_inline(f" ({_('cancelled')})", "cancelled-note")
    return line


def render(context: ViewContext, occurrences: tuple[Occurrence, ...]) -> list[nodes.Node]:
    schedule = context.schedule
    cards: list[nodes.Element] = []
    for occurrence in occurrences:
        session = occurrence.session
        if session is None or occurrence.date != session.date:
            continue
        meeting = schedule.meetings.get(occurrence.meeting)
        head = nodes.paragraph(classes=classes("card-head"))
        head += badge(LABELS.said(meeting.title if meeting else occurrence.title), *classes("kind-label"))
        head += nodes.Text(" ")
        head += text_inline(session_heading(context.formats, session), "card-when")
        body: list[nodes.Node] = [_title(context, occurrence)]
        body += readings_line(context, session)
        if session.links:
            body.append(links_line(session.links))
        names = classes("card", f"kind-{occurrence.kind}", "cancelled" if occurrence.cancelled else "")
        cards.append(card([head], body, *names, *classes(f"date-{occurrence.date.isoformat()}")))
    return [grid(cards, *classes("cards"))]
