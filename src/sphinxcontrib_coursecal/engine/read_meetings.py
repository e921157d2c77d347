"""Reading the course's week: recurring meetings, their one-off changes, and closures."""

from __future__ import annotations

import datetime as dt

from yaml.nodes import MappingNode, Node, SequenceNode

from . import schema
from .diagnostics import Subtype
from .loader import DEFAULT_PLAN, ID, ID_RULE, Loader
from .model import Closure, MeetingChange, MeetingSpec
from .scalars import WEEKDAY_NAMES, parse_weekday
from .text import slugify, suggest


def read_meetings(loader: Loader, node: Node | None) -> None:
    reader = loader.reader
    spec = loader.spec
    course = spec.course
    for key, (key_node, value) in (reader.mapping(node, "`meetings`") or {}).items():
        what = f"the meeting {key!r}"
        if not ID.fullmatch(key):
            loader.report(key_node, Subtype.VALUE, f"{what}: a meeting id {ID_RULE}")
            continue
        fields = loader.fields(value, what, schema.MEETING)
        if fields is None:
            continue
        default_kind = key if key in spec.kinds else "event"
        kind = loader.kind(fields.get("kind"), f"`kind` of {what}", default_kind)
        days = []
        for day_node, day_text in reader.texts(fields.get("days"), f"`days` of {what}"):
            try:
                days.append(parse_weekday(day_text))
            except ValueError as error:
                loader.report(day_node, Subtype.VALUE, f"`days` of {what}: {error}")
        days_node = fields.get("days")
        if isinstance(days_node, SequenceNode) and not days_node.value:
            loader.report(
                days_node,
                Subtype.MISSING,
                f"{what} has an empty `days` list; name its days, e.g. `days: [Tue, Thu]`",
            )
        span, day_spans = read_times(loader, fields.get("time"), what, days)
        day_locations = {
            day: room
            for day, value in (by_weekday(loader, fields.get("location"), f"`location` of {what}", days) or {}).items()
            if (room := reader.text(value, f"`location` of {what} on {WEEKDAY_NAMES[day]}")) is not None
        }
        first = reader.date(fields.get("from"), f"`from` of {what}")
        last = reader.date(fields.get("until"), f"`until` of {what}")
        loader.in_term(fields.get("from"), first, f"`from` of {what}")
        loader.in_term(fields.get("until"), last, f"`until` of {what}")
        if course is None:
            continue
        first = first or course.start
        last = last or course.end
        if last < first:
            loader.report(
                fields.get("until") or fields.get("from"),
                Subtype.RANGE,
                f"{what} ends (until: {last.isoformat()}) before it starts (from: {first.isoformat()})",
            )
            continue
        skip = []
        for skip_node, _ in reader.texts(fields.get("skip"), f"`skip` of {what}"):
            day = reader.date(skip_node, f"`skip` of {what}")
            if day is not None:
                skip.append((day, reader.location(skip_node)))
        plan = reader.text(fields.get("sessions"), f"`sessions` of {what}")
        if plan is not None:
            loader.named_plans[key] = (plan, reader.location(fields.get("sessions")))
        elif kind == "lecture":
            plan = DEFAULT_PLAN
        spec.meetings[key] = MeetingSpec(
            id=key,
            kind=kind,
            title=loader.text(fields, "title", what, spec.kinds[kind].label),
            days=tuple(sorted(set(days))),
            start_time=span[0] if span else None,
            end_time=span[1] if span else None,
            location=course.location if day_locations else loader.text(fields, "location", what, course.location),
            first=first,
            last=last,
            every=reader.integer(fields.get("every"), f"`every` of {what}", minimum=1) or 1,
            section=loader.text(fields, "section", what),
            host=(loader.names(fields.get("host"), f"`host` of {what}") or ("",))[0],
            skip=tuple(skip),
            changes=read_changes(loader, fields.get("changes"), what),
            plan=plan,
            source=reader.location(key_node),
            day_spans=tuple(sorted((day, start, end) for day, (start, end) in day_spans.items())),
            day_locations=tuple(sorted(day_locations.items())),
        )


def by_weekday(loader: Loader, node: Node | None, what: str, days: list[int]) -> dict[int, Node] | None:
    """``{Tue: …, Fri: …}``: each value by its weekday, each a day the meeting meets; ``None`` if no mapping."""
    if not isinstance(node, MappingNode):
        return None
    found: dict[int, Node] = {}
    names = ", ".join(WEEKDAY_NAMES[day] for day in sorted(days))
    for key, (key_node, value) in (loader.reader.mapping(node, what) or {}).items():
        try:
            day = parse_weekday(key)
        except ValueError as error:
            loader.report(key_node, Subtype.VALUE, f"{what}: {error}")
            continue
        if day not in days:
            loader.report(
                key_node,
                Subtype.VALUE,
                f"{what} gives {WEEKDAY_NAMES[day]}, but the meeting meets on {names or 'no day'}; "
                "add the day to `days`, or remove it here",
            )
        elif day in found:
            loader.report(key_node, Subtype.DUPLICATE, f"{what} gives {WEEKDAY_NAMES[day]} twice; keep one")
        else:
            found[day] = value
    return found


def read_times(
    loader: Loader, node: Node | None, what: str, days: list[int]
) -> tuple[tuple[dt.time, dt.time | None] | None, dict[int, tuple[dt.time, dt.time | None]]]:
    """A meeting's ``time``: one span, or one per weekday (``{Tue: "10:00-12:00", Fri: "12:00-14:00"}``)."""
    given = by_weekday(loader, node, f"`time` of {what}", days)
    if given is None:
        return loader.reader.span(node, f"`time` of {what}"), {}
    spans = {
        day: span
        for day, value in given.items()
        if (span := loader.reader.span(value, f"`time` of {what} on {WEEKDAY_NAMES[day]}")) is not None
    }
    assert isinstance(node, MappingNode)
    missing = [WEEKDAY_NAMES[day] for day in sorted(set(days) - set(given))]
    if missing and len(given) == len(node.value):  # a wrong day is reported already, and likely the missing one
        loader.report(
            node,
            Subtype.MISSING,
            f"`time` of {what} gives no time for {', '.join(missing)}, which it meets on; "
            f'add `{missing[0]}: "10:00-11:30"` (its real time), or remove the day from `days`',
        )
    return None, spans


def read_changes(loader: Loader, node: Node | None, what: str) -> tuple[tuple[dt.date, MeetingChange], ...]:
    reader = loader.reader
    changes = []
    for key, (key_node, value) in (reader.mapping(node, f"`changes` of {what}") or {}).items():
        day = reader.date(key_node, f"a date in `changes` of {what}")
        where = f"the change on {key} of {what}"
        fields = loader.fields(value, where, schema.CHANGE)
        if day is None or fields is None:
            continue
        span = reader.span(fields.get("time"), f"`time` of {where}")
        change = MeetingChange(
            date=reader.date(fields.get("date"), f"`date` of {where}"),
            start=span[0] if span else None,
            end=span[1] if span else None,
            location=reader.text(fields.get("location"), f"`location` of {where}"),
            title=reader.text(fields.get("title"), f"`title` of {where}"),
            cancelled=bool(reader.boolean(fields.get("cancelled"), f"`cancelled` of {where}")),
            note=loader.text(fields, "note", where),
            source=reader.location(key_node),
        )
        changes.append((day, change))
    return tuple(changes)


def read_closures(loader: Loader, node: Node | None) -> None:
    reader = loader.reader
    spec = loader.spec
    seen: set[str] = set()
    for item in loader.items(node, "`closures`"):
        what = "a closure"
        fields = loader.fields(item, what, schema.CLOSURE)
        if fields is None:
            continue
        if "date" in fields:
            first = last = reader.date(fields.get("date"), f"`date` of {what}")
            if "from" in fields or "to" in fields:
                loader.report(fields.get("date"), Subtype.TYPE, "a closure has either `date` or `from`/`to`, not both")
        elif "from" in fields or "to" in fields:
            span = loader.date_range(fields, what, "from", "to") if "to" in fields else None
            if "to" not in fields:
                loader.report(
                    fields.node, Subtype.MISSING, "a closure with `from` needs `to` (or use `date` for one day)"
                )
            first, last = span if span else (None, None)
        else:
            loader.report(fields.node, Subtype.MISSING, "a closure needs `date` (one day) or `from` and `to` (a range)")
            continue
        if first is None or last is None:
            continue
        loader.in_term(fields.get("date") or fields.get("from"), first, "the closure")
        follows = reader.weekday(fields.get("follows"), "`follows` of a closure")
        cancels = []
        for ref_node, ref in reader.texts(fields.get("cancels"), "`cancels` of a closure"):
            if ref not in spec.meetings and ref not in spec.kinds:
                known = list(spec.meetings) + list(spec.kinds)
                loader.report(
                    ref_node,
                    Subtype.REFERENCE,
                    f"`cancels`: {ref!r} is neither a meeting id nor a kind{suggest(ref, known)}",
                )
                continue
            cancels.append(ref)
        if "cancels" in fields and not cancels:
            continue  # every name was wrong: cancelling everything would be worse
        explicit_id = loader.identifier(fields.get("id"), "the closure id")
        title = loader.text(fields, "title", what, "No class")
        # A made-up id must not collide: two closures may share a day and title.
        made = f"{first.isoformat()}-{slugify(title)}"
        closure_id = loader.claim_id(fields, seen, explicit_id, made, "closures", "give each its own `id`")
        if closure_id is None:
            continue
        spec.closures.append(
            Closure(
                id=closure_id,
                title=title,
                first=first,
                last=last,
                cancels=tuple(cancels),
                follows=follows,
                kind=loader.kind(fields.get("kind"), "`kind` of a closure", "holiday"),
                source=reader.location(fields.node),
                url=reader.url(fields.get("url"), f"`url` of the closure {closure_id!r}"),
                description=loader.text(fields, "description", f"the closure {closure_id!r}"),
            )
        )
