"""Reading the sections that define the course's vocabulary: course, kinds, people, units."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from yaml.nodes import Node, ScalarNode

from . import schema
from .diagnostics import Subtype
from .loader import KIND_ID, Loader
from .model import DEFAULT_KINDS, Course, Kind, Person, Unit
from .scalars import parse_time
from .text import slugify, suggest
from .workload import MEASURES, amount
from .yamlfile import restore

_COURSE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})|[a-zA-Z]+")
MAX_TERM_DAYS = 2 * 366  # a "term" longer than two years is a typo in a year


def valid_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def read_course(loader: Loader, node: Node | None) -> None:
    reader = loader.reader
    fields = loader.fields(node, "`course`", schema.COURSE)
    if fields is None:
        return
    what = "`course`"
    course_id = reader.text(fields.get("id"), "`course.id`")
    written = fields.get("id")
    if course_id is None and isinstance(written, ScalarNode) and reader.present(written):
        # Reported (a block, a control character): the id its letters make stands in until fixed.
        course_id = slugify(restore(written.value))[:60].strip("-")
    if course_id is not None and not _COURSE_ID.fullmatch(course_id):
        loader.report(
            fields.get("id"),
            Subtype.VALUE,
            f"`course.id` {course_id!r} may hold only lower-case letters, digits and '-' (at most 60) "
            f"(it is used in anchors and calendar UIDs), e.g. {slugify(course_id)[:60].strip('-')!r}",
        )
        course_id = slugify(course_id)[:60].strip("-") or "course"
    timezone = reader.text(fields.get("timezone"), "`course.timezone`")
    if timezone is not None and not valid_zone(timezone):
        close = suggest(timezone, sorted(zoneinfo.available_timezones()))
        hint = close if "did you mean" in close else ""
        loader.report(
            fields.get("timezone"),
            Subtype.TIMEZONE,
            f"{timezone!r} is not an IANA time zone{hint}; write a name like America/Los_Angeles "
            "(times are read as UTC until this is fixed)",
        )
        timezone = "UTC"
    elif timezone is None and reader.present(fields.get("timezone")):
        timezone = "UTC"  # a zone that is no text (a list, a block); reported, and read as UTC until fixed
    term = loader.date_range(fields, what, "start", "end")
    if term is not None and (term[1] - term[0]).days > MAX_TERM_DAYS:
        loader.report(
            fields.get("end"),
            Subtype.RANGE,
            f"the term runs {(term[1] - term[0]).days} days; check the years of `start` and `end`",
        )
        term = None
    week_start = 0
    if "week_start" in fields:
        day = reader.weekday(fields.get("week_start"), "`course.week_start`")
        if day is not None and day not in (0, 6):
            loader.report(fields.get("week_start"), Subtype.VALUE, "`course.week_start` must be Mon or Sun")
        elif day is not None:
            week_start = day
    first_week = reader.integer(fields.get("first_week"), "`course.first_week`", minimum=0, maximum=99)
    due_time = reader.parsed(fields.get("default_due_time"), "`course.default_due_time`", parse_time)
    workload = read_ceilings(loader, fields.get("workload"))
    if course_id is None or timezone is None or term is None:
        return  # without these nothing can be placed; the diagnostics say why
    loader.spec.course = Course(
        id=course_id,
        timezone=timezone,
        start=term[0],
        end=term[1],
        code=loader.text(fields, "code", what),
        title=loader.text(fields, "title", what),
        term=loader.text(fields, "term", what),
        institution=loader.text(fields, "institution", what),
        location=loader.text(fields, "location", what),
        url=reader.url(fields.get("url"), "`course.url`"),
        week_start=week_start,
        first_week=1 if first_week is None else first_week,
        location_in_file=reader.location(fields.node),
        default_due_time=due_time,
        workload=workload,
    )
    margin = dt.timedelta(days=366)
    reader.window = (term[0] - margin, term[1] + margin, f"{term[0].isoformat()} to {term[1].isoformat()}")


def read_kinds(loader: Loader, node: Node | None) -> None:
    reader = loader.reader
    kinds = loader.spec.kinds
    kinds.update({key: Kind(key, label, color) for key, (label, color) in DEFAULT_KINDS.items()})
    for key, (key_node, value) in (reader.mapping(node, "`kinds`") or {}).items():
        what = f"the kind {key!r}"
        if not KIND_ID.fullmatch(key):
            rule = "a kind id may hold only letters, digits, '-' and '_' (at most 100)"
            loader.report(key_node, Subtype.VALUE, f"{what}: {rule}")
            continue
        base = kinds.get(key, Kind(key, key.replace("-", " ").capitalize(), "#555555"))
        fields = loader.fields(value, what, schema.KIND) if reader.present(value) else None
        if fields is None:
            kinds[key] = base
            continue
        color = loader.text(fields, "color", what, base.color)
        if not _COLOR.fullmatch(color):
            loader.report(
                fields.get("color"), Subtype.VALUE, f'{what}: color {color!r} is not a CSS color like "#4b2e83"'
            )
            color = base.color
        kinds[key] = Kind(key, loader.text(fields, "label", what, base.label), color)


def read_people(loader: Loader, node: Node | None) -> None:
    reader = loader.reader
    for key, (_key_node, value) in (reader.mapping(node, "`people`") or {}).items():
        what = f"the person {key!r}"
        if isinstance(value, ScalarNode) and reader.present(value):
            loader.spec.people[key] = Person(key, reader.text(value, what) or key)
            continue
        fields = loader.fields(value, what, schema.PERSON)
        if fields is None:
            continue
        loader.spec.people[key] = Person(
            key,
            loader.text(fields, "name", what, key),
            role=loader.text(fields, "role", what),
            url=reader.url(fields.get("url"), f"`url` of {what}"),
            email=loader.text(fields, "email", what),
        )


def read_units(loader: Loader, node: Node | None) -> None:
    units = loader.spec.units
    for item in loader.items(node, "`units`"):
        fields = loader.fields(item, "a unit", schema.UNIT)
        if fields is None:
            continue
        unit_id = loader.identifier(fields.get("id"), "the unit id")
        if unit_id is None:
            continue
        if unit_id in units:
            loader.report(
                fields.get("id"), Subtype.DUPLICATE, f"there are two units with id {unit_id!r}; ids must be unique"
            )
            continue
        what = f"the unit {unit_id!r}"
        units[unit_id] = Unit(
            unit_id, loader.text(fields, "title", what, unit_id), loader.text(fields, "description", what)
        )


def read_ceilings(loader: Loader, node: Node | None) -> tuple[tuple[str, float], ...]:
    """``course.workload``: the most a week may ask of each measure."""
    if not loader.reader.present(node):
        return ()
    fields = loader.fields(node, "`course.workload`", schema.WORKLOAD)
    if fields is None:
        return ()
    found = []
    for measure in MEASURES:
        value = amount(loader.reader, fields.get(measure), f"`course.workload.{measure}`", measure)
        if value is not None:
            found.append((measure, value))
    return tuple(found)
