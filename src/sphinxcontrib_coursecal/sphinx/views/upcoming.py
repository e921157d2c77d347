"""The upcoming view: what lies ahead, for a course's home page.

A static site cannot know today, so the page holds the whole term, day by day,
as an agenda without week headings; the reader's browser narrows it (the
script in ``static/coursecal.js``) to the next ``days`` days from its own clock:

* during the term, today and the days after it, up to ``days`` days, or a
  "Nothing in the next N days" line when they hold nothing;
* before the term, its first ``days`` days, under a line that says so;
* after the term, its last ``days`` days, under "The term has ended".

A "show the whole term" button switches between the two. Without JavaScript,
and in every other builder, the whole term shows, in order. The wrapper's
classes carry what the script needs: the window (``coursecal-days-14``) and the
term's first and last days (``coursecal-first-2025-09-22``); each day carries
its date and, for items spanning days (a closure), the last of them
(``coursecal-until-…``), so a break under way still counts as ahead. The
script's messages are added in HTML only (``transforms.UpcomingMessages``).
"""

from __future__ import annotations

import datetime as dt

from docutils import nodes

from ...engine import Occurrence
from ..render import classes
from .context import ViewContext
from .items import item_box


def render(context: ViewContext, occurrences: tuple[Occurrence, ...]) -> list[nodes.Node]:
    formats = context.formats
    first = context.first or context.course.start
    last = context.last or context.course.end
    box = nodes.container(
        classes=classes("upcoming", f"days-{context.days}", f"first-{first.isoformat()}", f"last-{last.isoformat()}")
    )
    by_day: dict[dt.date, list[Occurrence]] = {}
    for occurrence in occurrences:
        by_day.setdefault(occurrence.date, []).append(occurrence)
    days = nodes.definition_list(classes=classes("agenda", "upcoming-days"))
    for day, day_items in by_day.items():
        until = max(o.last for o in day_items)
        # HTML writers drop a definition_list_item's classes: the term and the definition
        # carry the date (for the today script) and the last day their items reach.
        marks = classes(f"date-{day.isoformat()}", f"until-{until.isoformat()}")
        item = nodes.definition_list_item()
        item += nodes.term(formats.date(day), formats.date(day), classes=marks)
        definition = nodes.definition(classes=marks)
        for occurrence in day_items:
            definition += item_box(context, occurrence, day)
        item += definition
        days += item
    box += days
    return [box]
