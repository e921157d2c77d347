"""The placed course as JSON: what staff scripts, LMS sync tools and dashboards read.

Pure: reads a :class:`~sphinxcontrib_coursecal.engine.Schedule`, imports no
Sphinx. :func:`export` turns it into plain dicts, lists, strings, numbers,
booleans and None; :func:`dumps` into the bytes the build and ``coursecal
export`` write. The shape is versioned by ``format`` and described by the JSON
Schema of ``export_schema.py``, which a test validates every export against.

Determinism: the same schedule gives the same bytes, in every build. Nothing
depends on the clock (no build time, no DTSTAMP); object keys are sorted; lists
keep the order that means something (occurrences by time, the lecture plan,
units as written) and are sorted where it means nothing (papers by key, tags
and kinds as written are kept, closures by date).

Times: every moment is given three ways, so a reader needs no zone database
for the usual questions: its local ``date`` in the course's zone, ``local`` as
ISO 8601 with the offset in force then (``2025-10-01T10:00:00-07:00``), and
``utc`` (``2025-10-01T17:00:00Z``), converted with zoneinfo. An all-day item
has only dates (``utc`` and ``local`` null); its ``end.date`` is its last day,
inclusive (an ICS DTEND is the day after).

``href``: where the built site shows an item, relative to the site's root
(``schedule.html#coursecal-cse599o-hw1-deadline``); the Sphinx layer knows
it and passes it in as :class:`Places`. Without one (``coursecal export``),
every ``href`` is null and ``base_url`` too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from .engine import (
    Closure,
    Course,
    Deadline,
    EventSpec,
    Link,
    Occurrence,
    Paper,
    Reading,
    Schedule,
    Session,
    Unit,
    Week,
    reading_links,
    reading_minutes,
    reading_pages,
    split_moment,
)
from .ics import uid

FORMAT = "coursecal-schedule/1"
SCHEMA_FILE = "schedule-export.schema.json"
EXPORT_SCHEMA_URL = f"https://sphinxcontrib-coursecal.readthedocs.io/en/latest/{SCHEMA_FILE}"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UTC = ZoneInfo("UTC")

Json = dict[str, Any]


@dataclass(frozen=True)
class Places:
    """Where the built site shows each item, relative to its root; what is missing is shown nowhere.

    ``occurrences`` by the engine's stable id (``Occurrence.uid``), ``sessions``
    by anchor, ``deadlines``, ``units`` by id and ``papers`` by key.
    """

    base_url: str | None = None  # the published site's absolute address, when known
    occurrences: Mapping[str, str] = field(default_factory=dict)
    sessions: Mapping[str, str] = field(default_factory=dict)
    deadlines: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)
    papers: Mapping[str, str] = field(default_factory=dict)


# -- values ---------------------------------------------------------------------------------


def utc_text(moment: dt.datetime) -> str:
    """``2025-10-01T17:00:00Z``: the instant in UTC (whole seconds, as in the feeds)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def moment(value: dt.datetime | dt.date) -> Json:
    """A time (``date``, ``local``, ``utc``) or a day (only ``date``)."""
    day, instant = split_moment(value)
    return {
        "date": day.isoformat(),
        "local": instant.isoformat(timespec="seconds") if instant is not None else None,
        "utc": utc_text(instant) if instant is not None else None,
    }


def _maybe(value: dt.datetime | dt.date | None) -> Json | None:
    return moment(value) if value is not None else None


def _text(value: str) -> str | None:
    """An optional address or reference: null when empty."""
    return value or None


def _links(links: Iterable[Link]) -> list[Json]:
    return [{"label": link.label, "url": link.url, "section": link.section} for link in links]


# -- records --------------------------------------------------------------------------------


def course_record(course: Course) -> Json:
    return {
        "id": course.id,
        "code": course.code,
        "title": course.title,
        "term": course.term,
        "name": course.name,
        "institution": course.institution,
        "location": course.location,
        "url": _text(course.url),
        "timezone": course.timezone,
        "start": course.start.isoformat(),
        "end": course.end.isoformat(),
        "week_start": WEEKDAYS[course.week_start],
        "first_week": course.first_week,
    } | ({"workload": {name: _number(value) for name, value in course.workload}} if course.workload else {})


def _number(value: float) -> int | float:
    """A count as JSON writes it: 6, not 6.0."""
    return int(value) if value == int(value) else value


def _counts(shown: bool, **counts: float | None) -> Json:
    """The workload counts that are given, when the schedule gives any (else nothing: the export is as before)."""
    return {name: _number(value) for name, value in counts.items() if shown and value is not None}


def occurrence_record(schedule: Schedule, occurrence: Occurrence, places: Places) -> Json:
    start: dt.datetime | dt.date = occurrence.start if occurrence.start is not None else occurrence.date
    end: dt.datetime | dt.date = occurrence.last if occurrence.start is None else occurrence.end or occurrence.start
    session, deadline = occurrence.session, occurrence.deadline
    return {
        "id": occurrence.uid,
        "uid": uid(schedule, occurrence),
        "role": occurrence.role.value,
        "kind": occurrence.kind,
        "title": occurrence.title,
        "all_day": occurrence.all_day,
        "start": moment(start),
        "end": moment(end),
        "week": occurrence.week,
        "location": occurrence.location,
        "meeting": _text(occurrence.meeting),
        "section": occurrence.section,
        "host": schedule.names([occurrence.host])[0] if occurrence.host else "",
        "number": session.number if session is not None else None,
        "session": session.anchor if session is not None else None,
        "deadline": deadline.id if deadline is not None else None,
        "event": occurrence.event.id if occurrence.event is not None else None,
        "closure": occurrence.closure.id if occurrence.closure is not None else None,
        "cancelled": occurrence.cancelled,
        "changed": occurrence.changed,
        "notes": occurrence.notes,
        "tags": list(occurrence.tags),
        "href": places.occurrences.get(occurrence.uid),
    }


def reading_record(schedule: Schedule, reading: Reading) -> Json:
    paper = schedule.papers.get(reading.paper or "")
    return {
        "paper": reading.paper,
        "title": paper.title if paper is not None else reading.title,
        "label": reading.label,
        "text": reading.text,
        "optional": reading.optional,
        "note": reading.note,
        "section": reading.section,
        "pages": reading.pages,
        "presenters": schedule.names(reading.presenters),
        # A deep link (a chapter, a page) first, else the paper's own address.
        "url": reading.url or (paper.url if paper is not None and paper.url else None),
    } | _counts(
        schedule.workload_given,
        page_count=reading_pages(reading, schedule.papers),
        minutes=reading_minutes(reading, schedule.papers),
    )


def session_record(schedule: Schedule, session: Session, occurrence: str | None, places: Places) -> Json:
    spec = session.spec
    start: dt.datetime | dt.date = session.start if session.start is not None else session.date
    end: dt.datetime | dt.date = session.end or start
    return {
        "anchor": session.anchor,
        "id": session.id,
        "occurrence": occurrence,
        "title": spec.title,
        "plan": spec.plan,
        "meeting": session.meeting,
        "section": session.section,
        "kind": session.kind,
        "unit": spec.unit,
        "number": session.number,
        "week": session.week,
        "all_day": session.start is None,
        "start": moment(start),
        "end": moment(end),
        "location": session.location,
        "cancelled": session.cancelled,
        "changed": session.changed,
        "moved": session.moved,
        "joins": _text(session.joins),
        "presenters": schedule.names(spec.presenters),
        "guests": schedule.names(spec.guests),
        "description": spec.description,
        "notes": spec.notes,
        "tags": list(spec.tags),
        "page": _text(spec.page),
        "links": _links(session.links),
        "readings": [reading_record(schedule, reading) for reading in spec.readings],
        "href": places.sessions.get(session.anchor),
    }


def deadline_record(schedule: Schedule, deadline: Deadline, places: Places) -> Json:
    return {
        "id": deadline.id,
        "title": deadline.title,
        "kind": deadline.kind,
        "due": moment(deadline.due),
        "released": _maybe(deadline.released),
        "was": _maybe(deadline.was),
        "url": _text(deadline.url),
        "notes": deadline.notes,
        "href": places.deadlines.get(deadline.id),
    } | _counts(schedule.workload_given, hours=deadline.hours)


def closure_record(closure: Closure) -> Json:
    return {
        "id": closure.id,
        "title": closure.title,
        "kind": closure.kind,
        "first": closure.first.isoformat(),
        "last": closure.last.isoformat(),
        "cancels": list(closure.cancels),
        "follows": WEEKDAYS[closure.follows] if closure.follows is not None else None,
        "url": _text(closure.url),
        "description": closure.description,
    }


def event_record(event: EventSpec) -> Json:
    return {
        "id": event.id,
        "title": event.title,
        "kind": event.kind,
        "first": event.date.isoformat(),
        "last": event.last.isoformat(),
        "location": event.location,
        "meetings": list(event.meetings),
        "replaces": event.replaces,
        "url": _text(event.url),
        "description": event.description,
        "notes": event.notes,
    }


def unit_record(unit: Unit, places: Places) -> Json:
    return {"id": unit.id, "title": unit.title, "description": unit.description, "href": places.units.get(unit.id)}


def paper_record(schedule: Schedule, paper: Paper, places: Places) -> Json:
    return {
        "key": paper.key,
        "title": paper.title,
        "label": paper.label,
        "authors": list(paper.authors),
        "year": paper.year,
        "venue": paper.venue,
        "type": paper.type,
        "url": _text(paper.url),
        "doi": _text(paper.doi),
        "eprint": _text(paper.eprint),
        "tags": list(paper.tags),
        "links": _links(reading_links(paper)),
        "assigned_in": list(dict.fromkeys(a.session.anchor for a in schedule.assignments(paper.key))),
        "href": places.papers.get(paper.key),
    } | _counts(schedule.workload_given, pages=paper.page_count, minutes=paper.minutes)


# -- the document ---------------------------------------------------------------------------


def export(schedule: Schedule, places: Places | None = None) -> Json:
    """The whole placed course as one JSON document (``format`` ``coursecal-schedule/1``).

    Raises ValueError for a schedule without a usable ``course``: it has no dates to export.
    """
    course = schedule.course
    if course is None:
        raise ValueError(f"{schedule.path}: the schedule has no usable `course`, so nothing is placed")
    where = places or Places()
    placed = {o.session.anchor: o.uid for o in schedule.occurrences if o.session is not None}
    return {
        "$schema": EXPORT_SCHEMA_URL,
        "format": FORMAT,
        "base_url": where.base_url,
        "course": course_record(course),
        "kinds": {key: {"label": kind.label, "color": kind.color} for key, kind in schedule.kinds.items()},
        "occurrences": [occurrence_record(schedule, o, where) for o in schedule.occurrences],
        "sessions": [session_record(schedule, s, placed.get(s.anchor), where) for s in schedule.sessions],
        "deadlines": [deadline_record(schedule, deadline, where) for deadline in schedule.deadlines],
        "closures": [
            closure_record(closure) for closure in sorted(schedule.closures, key=lambda c: (c.first, c.last, c.id))
        ],
        "events": [event_record(event) for event in sorted(schedule.events, key=lambda e: (e.date, e.last, e.id))],
        "units": [unit_record(unit, where) for unit in schedule.units.values()],
        "papers": [paper_record(schedule, schedule.papers[key], where) for key in sorted(schedule.papers)],
    } | ({"workload": [week_record(week) for week in schedule.workload.values()]} if schedule.workload_given else {})


def week_record(week: Week) -> Json:
    return {
        "week": week.number,
        "pages": week.pages,
        "minutes": week.minutes,
        "hours": _number(week.hours),
        "due": [deadline.id for deadline in week.due],
    }


def dumps(document: Json) -> bytes:
    """The document's bytes: UTF-8, keys sorted, two-space indents, one newline at the end."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, indent=2, separators=(",", ": "))
    return (text + "\n").encode("utf-8")
