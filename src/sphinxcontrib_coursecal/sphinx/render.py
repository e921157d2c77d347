"""Builder-neutral pieces shared by the views: dates, readings, links, people.

Everything here makes plain docutils nodes (paragraphs, inlines, references,
``pending_xref``), so every builder renders it; HTML adds only classes.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation

from ..engine import Link, Occurrence, Reading, Schedule, Session
from ..engine.model import Paper

DOMAIN = "course"
_ = get_translation("sphinxcontrib_coursecal")


@cache
def locale_for(language: str | None) -> Locale:
    """The Babel locale of the site's ``language`` (English when unknown)."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


class Formats:
    """Dates and times written the way a site's language and settings want them."""

    def __init__(self, language: str | None, date_pattern: str, time_pattern: str) -> None:
        self.locale = locale_for(language)
        self.date_pattern = date_pattern
        self.time_pattern = time_pattern

    def date(self, day: dt.date, pattern: str | None = None) -> str:
        return format_date(day, pattern or self.date_pattern, locale=self.locale)

    def time(self, moment: dt.datetime | dt.time) -> str:
        value = moment.time() if isinstance(moment, dt.datetime) else moment
        return format_time(value, self.time_pattern, locale=self.locale)

    def span(self, occurrence: Occurrence) -> str:
        """ "10:00-11:20", "23:59" for a moment, "" for a whole day."""
        if occurrence.start is None:
            return ""
        if occurrence.end is None or occurrence.end == occurrence.start:
            return self.time(occurrence.start)
        return f"{self.time(occurrence.start)}-{self.time(occurrence.end)}"

    def days(self, first: dt.date, last: dt.date) -> str:
        if first == last:
            return self.date(first)
        return f"{self.date(first)} \u2013 {self.date(last)}"


def classes(*names: str) -> list[str]:
    return [f"coursecal-{name}" for name in names if name]


def text_inline(text: str, *names: str) -> nodes.inline:
    return nodes.inline(text, text, classes=classes(*names))


def person_names(schedule: Schedule, people: tuple[str, ...]) -> list[str]:
    """Keys of ``people`` become names; plain names stay as written."""
    return schedule.names(people)


def link(label: str, url: str | None) -> nodes.Node:
    """A link, or the label marked "TBA" when the URL is not there yet."""
    if url is None:
        return text_inline(f"{label} ({_('link TBA')})", "tba")
    return nodes.reference(label, label, refuri=url, internal=False, classes=classes("link"))


def links_line(links: tuple[Link, ...]) -> nodes.paragraph:
    line = nodes.paragraph(classes=classes("links"))
    for index, item in enumerate(links):
        if index:
            line += nodes.Text(" \u00b7 ")
        line += link(item.label, item.url)
    return line


def paper_xref(course: str, paper: Paper, text: str) -> addnodes.pending_xref:
    """A reference to a paper that each builder resolves: its page, its list entry, or text."""
    xref = addnodes.pending_xref(
        "",
        refdomain=DOMAIN,
        reftype="paper",
        reftarget=f"{course}:{paper.key}" if course else paper.key,
        refexplicit=True,
        refwarn=False,
    )
    xref += nodes.inline(text, text, classes=classes("paper-ref"))
    return xref


def reading_name(schedule: Schedule, reading: Reading) -> str:
    """What a reading is shown as: its ``text``, the paper's label, or its title.

    A presented paper is named by its short name or title: "YK: LLaMA: Open and
    Efficient Foundation Language Models", not "YK: Touvron+ 2023".
    """
    if reading.text:
        return reading.text
    paper = schedule.papers.get(reading.paper or "")
    if paper is None:
        return reading.title
    return (paper.short or paper.title) if reading.presenters else paper.label


def reading_prefix(reading: Reading) -> str:
    return reading.label or (_("Optional") if reading.optional else "")


def reading_inline(schedule: Schedule, course: str, reading: Reading, *, prefix: bool = True) -> nodes.inline:
    """``Paper 1: TensorFlow (sections 1-5)``; ``CG, OO: DeepSeek-v3`` for presenters."""
    node = nodes.inline(classes=classes("reading", "optional" if reading.optional else "required"))
    label = reading_prefix(reading) if prefix else ""
    if reading.presenters:
        who = ", ".join(person_names(schedule, reading.presenters))
        node += text_inline(f"{who}: ", "presenters")
    elif label:
        node += text_inline(f"{label}: ", "reading-label")
    name = reading_name(schedule, reading)
    paper = schedule.papers.get(reading.paper or "")
    if paper is not None:
        node += paper_xref(course, paper, name)
    else:
        node += link(name, reading.url)
    if reading.note:
        node += text_inline(f" ({reading.note})", "note")
    return node


def session_heading(formats: Formats, session: Session) -> str:
    """ "Class 5 · Tue Sep 16" or just the date for an unnumbered session."""
    day = formats.date(session.date)
    return f"Class {session.number} \u00b7 {day}" if session.number is not None else day
