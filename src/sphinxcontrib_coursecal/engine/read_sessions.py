"""Reading the lecture plan: sessions in order, with their readings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import schema
from .diagnostics import Subtype
from .loader import DEFAULT_PLAN, Loader
from .model import Link, Reading, SessionSpec, Unit
from .text import slugify, suggest
from .workload import amount, check_pages
from .yamlnodes import Fields

_UNIT_ID = re.compile(r"[a-z0-9_-]+")


def read_sessions(loader: Loader, node: Node | None) -> None:
    reader = loader.reader
    spec = loader.spec
    if not reader.present(node):
        return
    assert node is not None
    plans: list[tuple[str, Node, Node]] = []
    if isinstance(node, SequenceNode):
        plans.append((DEFAULT_PLAN, node, node))
    else:
        pairs = reader.mapping(node, "`sessions`") or {}
        plans.extend((name, key, value) for name, (key, value) in pairs.items())
    takers: dict[str, list[str]] = {}
    for meeting in spec.meetings.values():
        if meeting.plan is not None:
            takers.setdefault(meeting.plan, []).append(meeting.id)
    names = [name for name, _, _ in plans]
    for meeting_id, (plan, where) in loader.named_plans.items():
        if plan not in names:
            reader.report_at(
                where,
                Subtype.REFERENCE,
                f"the meeting {meeting_id!r} takes the session plan {plan!r}, "
                f"which `sessions` does not define{suggest(plan, names)}",
            )
    ids: set[str] = set()
    for plan, key_node, value in plans:
        meetings = takers.get(plan, [])
        if not meetings and spec.course is not None and isinstance(value, SequenceNode):
            hint = (
                "add a meeting of kind `lecture`"
                if plan == DEFAULT_PLAN
                else f"add `sessions: {plan}` to the meeting that teaches it"
            )
            loader.report(
                key_node,
                Subtype.REFERENCE,
                f"no meeting takes the session plan {plan!r}, so it is not placed; {hint}",
            )
        prefix = meetings[0] if len(meetings) == 1 else plan
        spec.plans[plan] = [
            session
            for index, item in enumerate(loader.items(value, f"the session plan {plan!r}"))
            if (session := read_session(loader, item, plan, index, prefix, ids)) is not None
        ]


def read_session(loader: Loader, node: Node, plan: str, index: int, prefix: str, ids: set[str]) -> SessionSpec | None:
    reader = loader.reader
    number = index + 1
    what = f"session {number} of the plan {plan!r}" if plan != DEFAULT_PLAN else f"session {number}"
    fields = loader.fields(node, what, schema.SESSION)
    if fields is None:
        return None
    session_id = loader.identifier(fields.get("id"), f"the id of {what}") or f"{prefix}-{number}"
    if session_id in ids:
        loader.report(
            fields.get("id") or fields.node,
            Subtype.DUPLICATE,
            f"two sessions have id {session_id!r}; ids must be unique",
        )
        session_id = f"{session_id}-{number}"
    ids.add(session_id)
    what = f"the session {session_id!r}"
    units = loader.spec.units
    unit = reader.text(fields.get("unit"), f"`unit` of {what}")
    if unit is not None and unit not in units:
        if units and _UNIT_ID.fullmatch(unit):  # it looks like an id: a near miss is likely a typo
            loader.report(
                fields.get("unit"),
                Subtype.REFERENCE,
                f"`unit` of {what}: {unit!r} is not a unit id{suggest(unit, units)}",
            )
        heading, unit = unit, slugify(unit)  # a heading given as text: its id is its slug
        units.setdefault(unit, Unit(unit, heading))
    span = reader.span(fields.get("time"), f"`time` of {what}")
    day = reader.date(fields.get("date"), f"`date` of {what}")
    loader.in_term(fields.get("date"), day, f"`date` of {what}")
    kind = reader.text(fields.get("kind"), f"`kind` of {what}")
    if kind is not None:  # an unknown kind is reported, and the meeting's kind is used
        kind = loader.kind(fields.get("kind"), f"`kind` of {what}", "") or None
    numbered = reader.boolean(fields.get("numbered"), f"`numbered` of {what}")
    with_previous = shares_slot(loader, fields, what, first=index == 0)
    if with_previous and numbered is None:
        numbered = False  # two items, one numbered class
    return SessionSpec(
        id=session_id,
        title=loader.text(fields, "title", what, session_id),
        plan=plan,
        index=index,
        kind=kind,
        unit=unit,
        readings=tuple(read_readings(loader, fields.get("readings"), what)),
        links=read_links(loader, fields.get("links"), f"`links` of {what}"),
        date=None if with_previous else day,
        start_time=span[0] if span else None,
        end_time=span[1] if span else None,
        location=reader.text(fields.get("location"), f"`location` of {what}"),
        presenters=loader.names(fields.get("presenters"), f"`presenters` of {what}"),
        guests=loader.names(fields.get("guests"), f"`guests` of {what}"),
        description=loader.text(fields, "description", what),
        description_at=reader.location(fields.get("description")) if "description" in fields else None,
        notes=loader.text(fields, "notes", what),
        tags=tuple(tag for _, tag in reader.texts(fields.get("tags"), f"`tags` of {what}")),
        page=notes_page(loader, fields, what),
        numbered=True if numbered is None else numbered,
        cancelled=bool(reader.boolean(fields.get("cancelled"), f"`cancelled` of {what}")),
        source=reader.location(fields.node),
        with_previous=with_previous,
    )


def shares_slot(loader: Loader, fields: Fields, what: str, *, first: bool) -> bool:
    """``with: previous``: the session shares the slot of the one before it in the plan."""
    node = fields.get("with")
    value = loader.reader.text(node, f"`with` of {what}")
    if value is None:
        return False
    if value != "previous":
        loader.report(
            node,
            Subtype.VALUE,
            f"`with` of {what} is {value!r}; write `with: previous` to share the slot of the session before it",
        )
        return False
    if first:
        loader.report(
            node,
            Subtype.VALUE,
            f"{what} is the first of its plan: there is no session before it to share a slot with; remove `with`",
        )
        return False
    if "date" in fields:
        loader.report(
            fields.get("date"),
            Subtype.TYPE,
            f"{what} has `with: previous`, so it takes the slot of the session before it; remove `date` "
            "(or `with`, to pin it on its own)",
        )
    return True


def read_readings(loader: Loader, node: Node | None, what: str) -> Iterator[Reading]:
    reader = loader.reader
    for item in loader.items(node, f"`readings` of {what}"):
        if isinstance(item, ScalarNode):
            key = reader.text(item, f"a reading of {what}")
            if key is not None and known_paper(loader, item, key, what):
                yield Reading(paper=key, source=reader.location(item))
            continue
        where = f"a reading of {what}"
        fields = loader.fields(item, where, schema.READING)
        if fields is None:
            continue
        key = reader.text(fields.get("paper"), f"`paper` of {where}")
        title = loader.text(fields, "title", where)
        if key is None and not title:
            loader.report(
                fields.node,
                Subtype.MISSING,
                f"{where} needs `paper` (a key of `papers`) or `title` (an ad-hoc reading)",
            )
            continue
        if key is not None and not known_paper(loader, fields.get("paper"), key, what):
            continue
        pages = loader.text(fields, "pages", where)
        check_pages(reader, fields.get("pages"), pages, f"`pages` of {where}")
        yield Reading(
            paper=key,
            title=title,
            url=reader.url(fields.get("url"), f"`url` of {where}") or None,
            label=loader.text(fields, "label", where),
            text=loader.text(fields, "text", where),
            optional=bool(reader.boolean(fields.get("optional"), f"`optional` of {where}")),
            note=loader.text(fields, "note", where),
            presenters=loader.names(fields.get("presenters"), f"`presenters` of {where}"),
            source=reader.location(fields.node),
            section=loader.text(fields, "section", where),
            pages=pages,
            minutes=_whole(amount(reader, fields.get("minutes"), f"`minutes` of {where}", "minutes")),
        )


def read_links(loader: Loader, node: Node | None, what: str) -> tuple[Link, ...]:
    """``label: url``, or ``label: {section: url, …}`` for materials that differ by section."""
    reader = loader.reader
    links: list[Link | None] = []
    for label, (_key, value) in (reader.mapping(node, what) or {}).items():
        if not isinstance(value, MappingNode):
            links.append(reader.link(label, value, what))
            continue
        sections = loader.sections()
        for section, (section_key, url) in (reader.mapping(value, f"the link {label!r} of {what}") or {}).items():
            if section not in sections:
                known = suggest(section, sections) if sections else "; no meeting has a `section`"
                loader.report(
                    section_key,
                    Subtype.REFERENCE,
                    f"the link {label!r} of {what} is for the section {section!r}, which no meeting has{known}",
                )
                continue
            links.append(reader.link(label, url, f"{what}, section {section}", section))
    return tuple(link for link in links if link is not None)


def known_paper(loader: Loader, node: Node | None, key: str, what: str) -> bool:
    papers = loader.spec.papers
    if key in papers:
        return True
    hint = loader.near(key, papers, "papers")
    loader.report(node, Subtype.REFERENCE, f"{what} reads {key!r}, which is not in `papers`{hint}")
    return False


def notes_page(loader: Loader, fields: Fields, what: str) -> str:
    """A session's notes page: a document name inside the project, never a path out of it."""
    page = loader.text(fields, "page", what)
    parts = page.replace("\\", "/").split("/")
    if page and (page.startswith("/") or "\\" in page or ".." in parts or ":" in page):
        loader.report(
            fields.get("page"),
            Subtype.PATH,
            f"`page` of {what} {page!r} must name a document of the project, relative to its source "
            "folder and without its suffix (e.g. notes/intro); it is left out",
        )
        return ""
    return page.removesuffix(".rst").removesuffix(".md")


def _whole(value: float | None) -> int | None:
    return None if value is None else int(value)
