"""Builder-neutral pieces every view, list and page shares: readings, citations, links.

Everything here makes plain docutils nodes (paragraphs, inlines, references,
``pending_xref``), so every builder renders it; HTML adds only classes. A
reading's label is a sphinx-design badge, an inline that other builders show
as its text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ..engine import Link, Paper, Reading, Schedule, Session, reading_links
from .design import badge
from .formats import Formats
from .i18n import LABELS, _

DOMAIN = "course"


def classes(*names: str) -> list[str]:
    return [f"coursecal-{name}" for name in names if name]


def text_inline(text: str, *names: str) -> nodes.inline:
    return nodes.inline(text, text, classes=classes(*names))


def link(label: str, url: str | None) -> nodes.Node:
    """A link, or the label marked "TBA" when the URL is not there yet."""
    if url is None:
        tba = _("link TBA")
        return text_inline(f"{label} ({tba})", "tba")
    return nodes.reference(label, label, refuri=url, internal=False, classes=classes("link"))


def links_line(links: tuple[Link, ...]) -> nodes.paragraph:
    """ "Slides · Recording"; one label's links for several sections as "Annotated: 8AM, 9AM"."""
    line = nodes.paragraph(classes=classes("links"))
    groups: list[list[Link]] = []
    for item in links:
        if groups and item.section and groups[-1][0].section and groups[-1][0].label == item.label:
            groups[-1].append(item)
        else:
            groups.append([item])
    for index, group in enumerate(groups):
        if index:
            line += nodes.Text(" \u00b7 ")
        if len(group) == 1:
            line += link(group[0].label, group[0].url)
            continue
        line += nodes.Text(f"{group[0].label}: ")
        for position, item in enumerate(group):
            if position:
                line += nodes.Text(", ")
            line += link(item.section, item.url)
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
    paper = schedule.papers.get(reading.paper or "")
    if reading.text:
        name = reading.text
    elif paper is None:
        name = reading.title
    else:
        name = (paper.short or paper.title) if reading.presenters else paper.label
    return f"{name} {reading.section}" if reading.section else name  # "CIT 9.5"


def reading_prefix(reading: Reading) -> str:
    return reading.label or (_("Optional") if reading.optional else "")


def reading_inline(schedule: Schedule, course: str, reading: Reading, *, prefix: bool = True) -> nodes.inline:
    """``Paper 1: TensorFlow (sections 1-5)``; ``CG, OO: DeepSeek-v3`` for presenters; ``CIT 9.5, pp. 12-30``."""
    node = nodes.inline(classes=classes("reading", "optional" if reading.optional else "required"))
    label = reading_prefix(reading) if prefix else ""
    if reading.presenters:
        who = ", ".join(schedule.names(reading.presenters))
        node += text_inline(f"{who}: ", "presenters")
    elif label:  # "Paper 1" as a badge; the colon after it, so every format reads "Paper 1: …"
        # The space stays outside the label: inside it, "Paper 1: TensorFlow" would not break at all.
        node += nodes.inline(
            "", "", badge(label, "coursecal-label-badge"), nodes.Text(":"), classes=classes("reading-label")
        )
        node += nodes.Text(" ")
    name = reading_name(schedule, reading)
    paper = schedule.papers.get(reading.paper or "")
    if paper is not None and not reading.url:
        node += paper_xref(course, paper, name)
    else:  # an ad-hoc reading, or a deep link into a paper ("CIT 9.5": that chapter's page)
        node += link(name, reading.url)
    if reading.pages:
        node += text_inline(f", {LABELS.pages(reading.pages)}", "pages")
    if reading.note:
        node += text_inline(f" ({reading.note})", "note")
    return node


def session_heading(formats: Formats, session: Session) -> str:
    """ "Class 5 · Tue Sep 16" or just the date for an unnumbered session."""
    day = formats.date(session.date)
    return f"{LABELS.class_number(session.number)} \u00b7 {day}" if session.number is not None else day


def citation(paper: Paper) -> nodes.paragraph:
    """Authors, venue and year, as a reading list and a paper page show them."""
    line = nodes.paragraph(classes=classes("citation"))
    if paper.authors:
        names = ", ".join(a for a in paper.authors if a.lower() != "others")
        if any(a.lower() == "others" for a in paper.authors):
            names += " et al"
        line += text_inline(names, "authors")
        line += nodes.Text(". ")
    year = str(paper.year) if paper.year else ""
    # "OSDI 2016" already holds its year.
    details = ", ".join(part for part in (paper.venue, "" if year in paper.venue else year) if part)
    if details:
        line += text_inline(details, "venue")
        line += nodes.Text(".")
    return line


def paper_links(paper: Paper) -> tuple[Link, ...]:
    """Where to read a paper (its URL, DOI, arXiv page, own links), the unnamed one as "Paper"."""
    return tuple(Link(item.label or _("Paper"), item.url) for item in reading_links(paper))
