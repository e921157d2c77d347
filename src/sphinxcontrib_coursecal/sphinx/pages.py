"""A page per paper, and a papers index, for HTML and dirhtml builds.

Pages come from ``html-collect-pages``: nothing is written into the source
tree. Each build makes every page's content from the schedule and the
domain's data, and writes the pages whose content or navigation changed
(``generated.py``), so incremental builds and sphinx-autobuild show current
backlinks at the cost of what changed. Each page lists every session that
assigns the paper (an index the engine built once) and every document that
cites it with ``:paper:``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder

from ..engine import Paper, Schedule
from .courses import course_domain, course_pages, object_key, publishable_courses
from .design import dropdown
from .domain import CourseDomain
from .formats import Formats, formats_for
from .generated import CollectedPage, GeneratedPages, Page, setup_generated
from .i18n import LABELS, _
from .inputs import course_inputs
from .names import PaperPages, paper_pages_enabled
from .render import citation, classes, links_line, paper_links, text_inline
from .state import load

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def collect_paper_pages(app: Sphinx) -> Iterator[CollectedPage]:
    """``html-collect-pages``: one page per paper, and an index per course (see ``generated``)."""
    builder = app.builder
    env = app.env
    if not paper_pages_enabled(app.config, builder) or not isinstance(builder, StandaloneHTMLBuilder):
        return
    domain = course_domain(env)
    formats = formats_for(app.config)
    pages = GeneratedPages(app, builder)
    for course in publishable_courses(env):
        schedule = load(env, course)
        if not schedule.papers:
            continue
        name = (schedule.course.code or schedule.course.id) if schedule.course else ""
        code = f" ({name})" if name else ""
        names = course_pages(env, schedule)
        inputs = course_inputs(env, schedule)
        index = pages.rendered(names.index, inputs, functools.partial(index_body, builder, schedule, names))
        yield from pages.always(Page(names.index, _("Readings") + (f": {name}" if name else ""), index))
        if pages.unchanged(names.index, inputs, [names.pages[key] for key in schedule.papers]):
            continue
        for key, paper in schedule.papers.items():
            body = paper_body(env, builder, domain, formats, schedule, paper, names.pages[key], names.index)
            yield from pages.when_changed(Page(names.pages[key], f"{paper.title}{code}", body))
    pages.finish()


def _section(title: str, section_id: str) -> nodes.section:
    section = nodes.section(ids=[section_id])
    section += nodes.title(title, title)
    return section


def _relative(builder: Builder, pagename: str, docname: str, anchor: str) -> str:
    uri = builder.get_relative_uri(pagename, docname)
    return f"{uri}#{anchor}" if anchor else uri


def paper_body(
    env: BuildEnvironment,
    builder: Builder,
    domain: CourseDomain,
    formats: Formats,
    schedule: Schedule,
    paper: Paper,
    pagename: str,
    index_name: str,
) -> nodes.Element:
    page = nodes.section(ids=["coursecal-paper"], classes=classes("paper-page"))
    page += nodes.title(paper.title, paper.title)
    page += citation(paper)
    meta = nodes.paragraph(classes=classes("paper-meta"))
    course = schedule.course
    parts: list[nodes.Node] = []
    if course is not None:  # two courses may assign one paper: say whose page this is
        parts.append(text_inline(course.name, "course"))
    if paper.label != paper.title:
        parts.append(text_inline(paper.label, "label"))
    if paper.type != "paper":
        parts.append(nodes.Text(_(paper.type)))
    for index, part in enumerate(parts):
        if index:
            meta += nodes.Text(" \u00b7 ")
        meta += part
    for tag in paper.tags:
        meta += nodes.Text(" ")
        meta += text_inline(tag, "tag")
    page += meta
    found = paper_links(paper)
    if found:
        page += links_line(found)
    if paper.abstract:  # folded away, so the page opens on the paper's links and where it is assigned
        text = nodes.paragraph(paper.abstract, paper.abstract)
        page += dropdown(_("Abstract"), [text], *classes("abstract"), title_id="abstract")

    assigned = _section(_("Assigned in"), "assigned")
    assignments = schedule.assignments(paper.key)
    if not assignments:
        assigned += nodes.paragraph(_("No session assigns it."), _("No session assigns it."))
    else:
        items = nodes.bullet_list(classes=classes("assignments"))
        for assignment in assignments:
            session, reading = assignment.session, assignment.reading
            item = nodes.paragraph()
            when = formats.date(session.date)
            heading = f"{LABELS.class_number(session.number)}, {when}" if session.number is not None else when
            item += text_inline(f"{heading}: ", "when")
            place = domain.shown_at("session", object_key(schedule, session.anchor))
            if place is not None:
                uri = _relative(builder, pagename, *place)
                item += nodes.reference(session.title, session.title, internal=True, refuri=uri)
            else:
                item += nodes.Text(session.title)
            how = [reading.label] if reading.label else []
            how.append(_("optional") if reading.optional else _("required"))
            if reading.note:
                how.append(reading.note)
            if reading.presenters:
                how.append(_("presented by") + " " + ", ".join(schedule.names(reading.presenters)))
            item += text_inline(f" ({'; '.join(how)})", "how")
            items += nodes.list_item("", item)
        assigned += items
    page += assigned

    cited = domain.citations(object_key(schedule, paper.key))
    if cited:
        section = _section(_("Cited in"), "cited")
        items = nodes.bullet_list(classes=classes("citations"))
        for docname, anchor in cited:
            title = env.titles[docname].astext() if docname in env.titles else docname
            reference = nodes.reference(
                title, title, internal=True, refuri=_relative(builder, pagename, docname, anchor)
            )
            items += nodes.list_item("", nodes.paragraph("", "", reference))
        section += items
        page += section

    back = nodes.paragraph(classes=classes("back"))
    uri = builder.get_relative_uri(pagename, index_name)
    back += nodes.reference(_("All readings"), _("All readings"), internal=True, refuri=uri)
    page += back
    return page


def index_body(builder: Builder, schedule: Schedule, names: PaperPages) -> nodes.Element:
    """Every paper of the library, by label, with how often it is assigned."""
    title = _("Readings")
    page = nodes.section(ids=["coursecal-papers"], classes=classes("papers-index"))
    page += nodes.title(title, title)
    items = nodes.bullet_list(classes=classes("papers"))
    for key, paper in sorted(schedule.papers.items(), key=lambda item: (item[1].label.lower(), item[0])):
        entry = nodes.paragraph()
        uri = builder.get_relative_uri(names.index, names.pages[key])
        entry += nodes.reference(paper.label, paper.label, internal=True, refuri=uri)
        entry += nodes.Text(f": {paper.title}")
        count = len(schedule.assignments(key))
        if count:
            noun = _("session") if count == 1 else _("sessions")
            entry += text_inline(f" ({count} {noun})", "count")
        items += nodes.list_item("", entry)
    page += items
    return page


def setup_pages(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_paper_pages)
    setup_generated(app)
