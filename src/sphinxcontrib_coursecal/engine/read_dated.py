"""Reading the items that have their own dates: deadlines and one-off events."""

from __future__ import annotations

from yaml.nodes import Node

from . import schema
from .diagnostics import Subtype
from .loader import Loader
from .model import Deadline, EventSpec, day_of
from .text import slugify, suggest
from .workload import amount
from .yamlnodes import Fields


def read_deadlines(loader: Loader, node: Node | None) -> None:
    reader = loader.reader
    seen: set[str] = set()
    for item in loader.items(node, "`deadlines`"):
        fields = loader.fields(item, "a deadline", schema.DEADLINE)
        if fields is None:
            continue
        title = loader.text(fields, "title", "a deadline")
        given = loader.identifier(fields.get("id"), "the deadline id")
        # Weekly "Reading response" deadlines need no ids: the made-up ones stay unique.
        deadline_id = loader.claim_id(fields, seen, given, slugify(title), "deadlines")
        if deadline_id is None:
            continue
        what = f"the deadline {deadline_id!r}"
        due = loader.moment(fields.get("due"), f"`due` of {what}", due=True)
        released = loader.moment(fields.get("released"), f"`released` of {what}")
        if due is None:
            continue
        if released is not None and day_of(released) > day_of(due):
            loader.report(
                fields.get("released"),
                Subtype.RANGE,
                f"{what} is released ({day_of(released)}) after it is due ({day_of(due)})",
            )
        loader.in_term(fields.get("due"), day_of(due), f"`due` of {what}")
        loader.spec.deadlines.append(
            Deadline(
                id=deadline_id,
                title=title,
                due=due,
                released=released,
                was=loader.moment(fields.get("was"), f"`was` of {what}", due=True),
                url=reader.url(fields.get("url"), f"`url` of {what}"),
                kind=loader.kind(fields.get("kind"), f"`kind` of {what}", "deadline"),
                notes=loader.text(fields, "notes", what),
                source=reader.location(fields.node),
                due_source=reader.location(fields.get("due")),
                hours=amount(reader, fields.get("hours"), f"`hours` of {what}", "hours"),
            )
        )


def read_events(loader: Loader, node: Node | None) -> None:
    reader = loader.reader
    seen: set[str] = set()
    for item in loader.items(node, "`events`"):
        fields = loader.fields(item, "an event", schema.EVENT)
        if fields is None:
            continue
        title = loader.text(fields, "title", "an event")
        day = reader.date(fields.get("date"), f"`date` of the event {title!r}")
        if day is None:
            continue
        given = loader.identifier(fields.get("id"), "the event id")
        event_id = loader.claim_id(fields, seen, given, f"{slugify(title)}-{day.isoformat()}", "events")
        if event_id is None:
            continue
        what = f"the event {event_id!r}"
        last = day
        if "to" in fields:
            span_days = loader.date_range(fields, what, "date", "to")
            if span_days is None:
                continue
            last = span_days[1]
        span = reader.span(fields.get("time"), f"`time` of {what}")
        loader.in_term(fields.get("date"), day, f"`date` of {what}")
        held_in, replaces = held_meetings(loader, fields, what)
        loader.spec.events.append(
            EventSpec(
                id=event_id,
                title=title,
                date=day,
                last=last,
                start_time=span[0] if span else None,
                end_time=span[1] if span else None,
                location=loader.text(fields, "location", what),
                kind=loader.kind(fields.get("kind"), f"`kind` of {what}", "event"),
                url=reader.url(fields.get("url"), f"`url` of {what}"),
                description=loader.text(fields, "description", what),
                notes=loader.text(fields, "notes", what),
                source=reader.location(fields.node),
                date_source=reader.location(fields.get("date")),
                meetings=held_in,
                replaces=replaces,
            )
        )


def held_meetings(loader: Loader, fields: Fields, what: str) -> tuple[tuple[str, ...], bool]:
    """The meetings an event is held in (`meeting`) or whose slot it takes (`replaces`), kinds expanded."""
    key = "replaces" if "replaces" in fields else "meeting"
    if "replaces" in fields and "meeting" in fields:
        loader.report(
            fields.keys["meeting"],
            Subtype.TYPE,
            f"{what} has `meeting` and `replaces`; give one: `meeting` holds it during the meeting, "
            "`replaces` gives it the meeting's slot",
        )
    meetings = loader.spec.meetings
    found: list[str] = []
    for node, name in loader.reader.texts(fields.get(key), f"`{key}` of {what}"):
        if name in meetings:
            found.append(name)
        elif name in loader.spec.kinds and any(m.kind == name for m in meetings.values()):
            found.extend(m.id for m in meetings.values() if m.kind == name)
        else:
            known = sorted({*meetings, *(m.kind for m in meetings.values())})
            kind = " (a kind no meeting has)" if name in loader.spec.kinds else ""
            loader.report(
                node,
                Subtype.REFERENCE,
                f"`{key}` of {what}: {name!r} is neither a meeting id nor the kind of a meeting{kind}"
                f"{suggest(name, known)}",
            )
    return tuple(dict.fromkeys(found)), key == "replaces" and bool(found)
