"""A page per paper, and a papers index, for HTML and dirhtml builds.

Pages come from ``html-collect-pages``: nothing is written into the source
tree, and each build renders them afresh from the schedule and the domain's
data, so incremental builds and sphinx-autobuild always show current
backlinks. Each page lists every session that assigns the paper (an index the
engine built once) and every document that cites it with ``:paper:``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.locale import get_translation

from ..engine import Schedule
from ..engine.model import Link, Paper
from .courses import known_courses, object_key
from .render import Formats, classes, links_line, person_names, text_inline

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from .domain import CourseDomain

_ = get_translation("sphinxcontrib_coursecal")


def paper_pages_enabled(config: Config, builder: Builder) -> bool:
    """Paper pages exist for multi-page HTML builders (html, dirhtml), not singlehtml or epub."""
    if not config.coursecal_paper_pages or not isinstance(builder, StandaloneHTMLBuilder):
        return False
    if isinstance(builder, SingleFileHTMLBuilder):
        return False
    return not builder.name.startswith("epub")


def _several_courses(env: BuildEnvironment) -> bool:
    return len(known_courses(env)) > 1


def page_key(key: str) -> str:
    """A paper key as a file name: BibTeX keys may hold '/' or '..' (DBLP), which must not
    reach the file system."""
    return re.sub(r"[^A-Za-z0-9_+-]", "-", key)


def paper_page_name(env: BuildEnvironment, schedule: Schedule, key: str) -> str:
    """``papers/<key>``; with several courses in one site, ``papers/<course>/<key>``."""
    folder = env.config.coursecal_paper_dir.strip("/")
    if _several_courses(env) and schedule.course is not None:
        return f"{folder}/{schedule.course.id}/{page_key(key)}"
    return f"{folder}/{page_key(key)}"


def index_page_name(env: BuildEnvironment, schedule: Schedule) -> str:
    folder = env.config.coursecal_paper_dir.strip("/")
    if _several_courses(env) and schedule.course is not None:
        return f"{folder}/{schedule.course.id}/index"
    return f"{folder}/index"


def collect_paper_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: one page per paper, and an index per course."""
    builder = app.builder
    env = app.env
    if not paper_pages_enabled(app.config, builder) or not isinstance(builder, StandaloneHTMLBuilder):
        return
    domain = cast("CourseDomain", env.get_domain("course"))
    # Sphinx sets these for each document it writes; a build that writes none (nothing
    # changed) has not, and render_partial's translator reads them.
    for attribute in ("secnumbers", "fignumbers"):
        if not hasattr(builder, attribute):
            setattr(builder, attribute, {})
    formats = Formats(app.config.language, app.config.coursecal_date_format, app.config.coursecal_time_format)
    for course in known_courses(env):
        schedule = course.load()
        if not schedule.papers:
            continue
        index_name = index_page_name(env, schedule)
        for key, paper in schedule.papers.items():
            pagename = paper_page_name(env, schedule, key)
            body = paper_body(env, builder, domain, formats, schedule, paper, pagename, index_name)
            html = builder.render_partial(body)["fragment"]
            title = f"{paper.title} ({schedule.course.code or schedule.course.id})" if schedule.course else paper.title
            yield pagename, {"title": title, "body": html, "display_toc": False}, "page.html"
        body = index_body(env, builder, schedule, index_name)
        title = _("Readings") + (f": {schedule.course.code or schedule.course.id}" if schedule.course else "")
        html = builder.render_partial(body)["fragment"]
        yield index_name, {"title": title, "body": html, "display_toc": False}, "page.html"


def _section(title: str, section_id: str) -> nodes.section:
    section = nodes.section(ids=[section_id])
    section += nodes.title(title, title)
    return section


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
    """PDF/arXiv/DOI/code links of a paper, each once."""
    found: list[Link] = []
    if paper.url:
        label = "arXiv" if "arxiv.org" in paper.url else "DOI" if "doi.org" in paper.url else _("Paper")
        found.append(Link(label, paper.url))
    if paper.doi and f"doi.org/{paper.doi}" not in paper.url:
        found.append(Link("DOI", f"https://doi.org/{paper.doi}"))
    if paper.eprint and "arxiv.org" not in paper.url and paper.eprint[:4].isdigit():
        found.append(Link("arXiv", f"https://arxiv.org/abs/{paper.eprint}"))
    found.extend(item for item in paper.links if item.url)
    return tuple(found)


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
        name = " ".join(part for part in (course.code or course.id, course.term) if part)
        parts.append(text_inline(name, "course"))
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
    if paper.abstract:
        section = _section(_("Abstract"), "abstract")
        section += nodes.paragraph(paper.abstract, paper.abstract)
        page += section

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
            heading = f"Class {session.number}, {when}" if session.number is not None else when
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
                how.append(_("presented by") + " " + ", ".join(person_names(schedule, reading.presenters)))
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


def index_body(env: BuildEnvironment, builder: Builder, schedule: Schedule, index_name: str) -> nodes.Element:
    """Every paper of the library, by label, with how often it is assigned."""
    title = _("Readings")
    page = nodes.section(ids=["coursecal-papers"], classes=classes("papers-index"))
    page += nodes.title(title, title)
    items = nodes.bullet_list(classes=classes("papers"))
    for key, paper in sorted(schedule.papers.items(), key=lambda item: (item[1].label.lower(), item[0])):
        entry = nodes.paragraph()
        uri = builder.get_relative_uri(index_name, paper_page_name(env, schedule, key))
        entry += nodes.reference(paper.label, paper.label, internal=True, refuri=uri)
        entry += nodes.Text(f": {paper.title}")
        count = len(schedule.assignments(key))
        if count:
            entry += text_inline(f" ({count} {_('session') if count == 1 else _('sessions')})", "count")
        items += nodes.list_item("", entry)
    page += items
    return page
