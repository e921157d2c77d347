"""The JSON Schema (draft 2020-12) of the schedule export, ``coursecal-schedule/1``.

Written here once, as the promise ``export.py`` keeps: every object closed
(``additionalProperties: false``), every field required and described, so a
test that validates real exports against it catches a field added, renamed or
dropped on one side only. A copy ships in ``schema/`` (``coursecal schema
--export`` prints it; a test compares), and the documentation's field
reference is generated from the descriptions.

A new field in a later version is an addition readers may ignore; a changed
meaning or a removed field is a new ``format`` (``coursecal-schedule/2``).
"""

from __future__ import annotations

from typing import Any

from .export import EXPORT_SCHEMA_URL, FORMAT, WEEKDAYS

Schema = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
UTC_TIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"
LOCAL_TIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2})?$"
ROLES = ["session", "meeting", "closure", "due", "release", "event"]


def _text(description: str) -> Schema:
    return {"type": "string", "description": description}


def _maybe_text(description: str) -> Schema:
    return {"type": ["string", "null"], "description": description}


def _flag(description: str) -> Schema:
    return {"type": "boolean", "description": description}


def _date(description: str) -> Schema:
    return {"type": "string", "pattern": DATE, "description": description}


def _texts(description: str) -> Schema:
    return {"type": "array", "items": {"type": "string"}, "description": description}


def _ref(name: str, description: str, nullable: bool = False) -> Schema:
    if nullable:
        return {"anyOf": [{"$ref": f"#/$defs/{name}"}, {"type": "null"}], "description": description}
    return {"$ref": f"#/$defs/{name}", "description": description}


def _list(name: str, description: str) -> Schema:
    return {"type": "array", "items": {"$ref": f"#/$defs/{name}"}, "description": description}


def _object(description: str, properties: dict[str, Schema], optional: dict[str, Schema] | None = None) -> Schema:
    """An object of ``properties``, each required, and ``optional`` ones (present only when they say something)."""
    return {
        "type": "object",
        "description": description,
        "properties": {**properties, **(optional or {})},
        "required": list(properties),
        "additionalProperties": False,
    }


def _count(description: str) -> Schema:
    return {"type": "number", "minimum": 0, "description": description}


# Present only in a course whose schedule gives workload counts (`pages: 14` on a paper, `minutes`, `hours`).
WORKLOAD_NOTE = " Only when the schedule gives workload counts."


HREF = _maybe_text(
    "Where the built site shows the item, relative to the site's root, with its anchor "
    "(`schedule.html#coursecal-cse599o-hw1-deadline`); null when no page shows it, and always null "
    "in a document `coursecal export` writes."
)

MOMENT = _object(
    "A moment in the course's time zone, or a whole day (then only `date`).",
    {
        "date": _date("The local day in the course's time zone, `YYYY-MM-DD`."),
        "local": {
            "type": ["string", "null"],
            "pattern": LOCAL_TIME,
            "description": "The local time with the offset in force then, ISO 8601 "
            "(`2025-10-01T10:00:00-07:00`); null for a whole day.",
        },
        "utc": {
            "type": ["string", "null"],
            "pattern": UTC_TIME,
            "description": "The same instant in UTC (`2025-10-01T17:00:00Z`); null for a whole day.",
        },
    },
)

LINK = _object(
    "A link: materials of a session, or where to read a paper.",
    {
        "label": _text("What it is (`Slides`, `arXiv`); may be empty."),
        "url": _maybe_text("The address; null when announced but not yet available (TBA)."),
        "section": _text("The section it is for; empty when for every section."),
    },
)

COURSE = _object(
    "The course.",
    {
        "id": _text("The course id (`cse599o`): feeds, files and UIDs are named after it."),
        "code": _text("The course code (`CSE 599o`)."),
        "title": _text("The course title."),
        "term": _text("The term (`Autumn 2025`)."),
        "name": _text("Code (or id) and term, as feeds name the course (`CSE 599o Autumn 2025`)."),
        "institution": _text("The institution."),
        "location": _text("The course's default location."),
        "url": _maybe_text("The course site's address, as the schedule gives it."),
        "timezone": _text("The IANA time zone every local time is in (`America/Los_Angeles`)."),
        "start": _date("The first day of the term."),
        "end": _date("The last day of the term."),
        "week_start": {"enum": list(WEEKDAYS), "description": "The day a course week starts on."},
        "first_week": {"type": "integer", "description": "The number of the week that holds `start`."},
    },
    {
        "workload": {
            "type": "object",
            "properties": {
                name: _count(f"The most {name} a week should ask.") for name in ("pages", "minutes", "hours")
            },
            "additionalProperties": False,
            "description": "`course.workload`: a week's ceilings, when the schedule sets them.",
        }
    },
)

KIND = _object(
    "A kind of item.",
    {"label": _text("Its name on pages and in feeds."), "color": _text("Its color (CSS).")},
)

OCCURRENCE = _object(
    "One thing on the calendar, as the course's main ICS feed has it (one VEVENT each).",
    {
        "id": _text("The engine's stable id (`session-intro`, `oh-frank-2025-10-31`): it survives a snow day."),
        "uid": _text("The UID of its VEVENT in the feeds (`session-intro@cse599o.coursecal`)."),
        "role": {"enum": ROLES, "description": "What it is in the course, whatever its kind."},
        "kind": _text("Its kind: a key of `kinds`."),
        "title": _text("Its title."),
        "all_day": _flag("Whether it takes whole days (then `start` and `end` have only dates)."),
        "start": _ref("moment", "When it starts."),
        "end": _ref(
            "moment",
            "When it ends: for an all-day item its last day (inclusive); for a deadline, its due moment again.",
        ),
        "week": {"type": "integer", "description": "The course week it falls in."},
        "location": _text("Where; may be empty."),
        "meeting": _maybe_text("The weekly meeting whose slot it is, if any."),
        "section": _text("The section it is for; empty when for everyone."),
        "host": _text("Who holds it (a meeting's host), by name; may be empty."),
        "number": {"type": ["integer", "null"], "description": "A session's class number; else null."},
        "session": _maybe_text("A session's `anchor`, for role `session`."),
        "deadline": _maybe_text("The deadline's id, for roles `due` and `release`."),
        "event": _maybe_text("The event's id, for role `event`."),
        "closure": _maybe_text("The closure's id, for role `closure`."),
        "cancelled": _flag("Cancelled (still listed, as feeds keep it with STATUS:CANCELLED)."),
        "changed": _flag("Its slot has a change (another time, room or day)."),
        "notes": _text("Notes; may be empty."),
        "tags": _texts("Its tags."),
        "href": HREF,
    },
)

READING = _object(
    "One assigned reading: a paper of the library, or an ad-hoc link.",
    {
        "paper": _maybe_text("The paper's key in `papers`; null for an ad-hoc reading."),
        "title": _text("The paper's title, or the ad-hoc reading's."),
        "label": _text("What precedes it (`Paper 1`, `Optional`); may be empty."),
        "text": _text("Text shown instead of the citation label; may be empty."),
        "optional": _flag("Optional reading."),
        "note": _text("A note; may be empty."),
        "section": _text("The part to read (`9.5`); may be empty."),
        "pages": _text("The pages to read (`12-30`); may be empty."),
        "presenters": _texts("Who presents it, by name."),
        "url": _maybe_text("Where to read it: the reading's own link first, else the paper's address."),
    },
    {
        "page_count": _count("How many pages it asks (its range, or the whole paper's `pages`)." + WORKLOAD_NOTE),
        "minutes": _count("How many minutes it asks (its own, or the paper's)." + WORKLOAD_NOTE),
    },
)

SESSION = _object(
    "One entry of a lecture plan placed on a date (one per meeting that takes a shared plan).",
    {
        "anchor": _text("Its unique key in the course: the id, or `<meeting>-<id>` for a plan several meetings share."),
        "id": _text("The id of the plan entry."),
        "occurrence": _maybe_text("The `id` of its occurrence."),
        "title": _text("Its title."),
        "plan": _text("The lecture plan it belongs to."),
        "meeting": _text("The meeting whose slot it takes."),
        "section": _text("Its section; empty when for everyone."),
        "kind": _text("Its kind: a key of `kinds`."),
        "unit": _maybe_text("The `id` of its unit, if any."),
        "number": {"type": ["integer", "null"], "description": "Its class number; null when not numbered."},
        "week": {"type": "integer", "description": "The course week it falls in."},
        "all_day": _flag("Whether its meeting has no time (then it takes the day)."),
        "start": _ref("moment", "When it starts."),
        "end": _ref("moment", "When it ends."),
        "location": _text("Where; may be empty."),
        "cancelled": _flag("Cancelled."),
        "changed": _flag("Its slot has a change (another time, room or day)."),
        "moved": {
            "type": "integer",
            "description": "Slots between where the plan put it and where it is (closures: later, > 0).",
        },
        "joins": _maybe_text("With `with: previous`: the anchor of the session whose class it is part of."),
        "presenters": _texts("Who presents, by name."),
        "guests": _texts("Guest lecturers, by name."),
        "description": _text("Its description, as written (markup unparsed); may be empty."),
        "notes": _text("Notes; may be empty."),
        "tags": _texts("Its tags."),
        "page": _maybe_text("The document of its notes page, as the schedule names it."),
        "links": _list("link", "Its materials (those for its own section and for every section)."),
        "readings": _list("reading", "What to read for it, in order."),
        "href": HREF,
    },
)

DEADLINE = _object(
    "A deadline.",
    {
        "id": _text("Its id."),
        "title": _text("Its title."),
        "kind": _text("Its kind: a key of `kinds`."),
        "due": _ref("moment", "When it is due (a day without a time: due that day)."),
        "released": _ref("moment", "When it is released, if said.", nullable=True),
        "was": _ref("moment", "When it was due before it moved, if said.", nullable=True),
        "url": _maybe_text("Its page (the assignment), if any."),
        "notes": _text("Notes; may be empty."),
        "href": HREF,
    },
    {"hours": _count("The hours of work it asks, expected, as the schedule says." + WORKLOAD_NOTE)},
)

CLOSURE = _object(
    "A closure: a holiday or break that cancels meetings.",
    {
        "id": _text("Its id."),
        "title": _text("Its title."),
        "kind": _text("Its kind: a key of `kinds`."),
        "first": _date("Its first day."),
        "last": _date("Its last day (inclusive)."),
        "cancels": _texts("The meetings (ids or kinds) it cancels; empty: every meeting."),
        "follows": {
            "enum": [*WEEKDAYS, None],
            "description": "A swap day: the weekday whose meetings run instead; else null.",
        },
        "url": _maybe_text("A page about it, if any."),
        "description": _text("A line about it; may be empty."),
    },
)

EVENT = _object(
    "An event: an exam, a talk, a trip.",
    {
        "id": _text("Its id."),
        "title": _text("Its title."),
        "kind": _text("Its kind: a key of `kinds`."),
        "first": _date("Its first day."),
        "last": _date("Its last day (inclusive)."),
        "location": _text("Where; may be empty."),
        "meetings": _texts("The meetings it is held in (one occurrence in each); empty: its own time."),
        "replaces": _flag("It takes its meetings' slots, and their plans move on."),
        "url": _maybe_text("A page about it, if any."),
        "description": _text("Its description; may be empty."),
        "notes": _text("Notes; may be empty."),
    },
)

UNIT = _object(
    "A unit of the course (a group of sessions).",
    {"id": _text("Its id."), "title": _text("Its title."), "description": _text("Its description."), "href": HREF},
)

PAPER = _object(
    "A paper of the readings library.",
    {
        "key": _text("Its key, as readings and `:paper:` name it."),
        "title": _text("Its title."),
        "label": _text("Its citation label (`Vaswani+ 2017`, or its `short`)."),
        "authors": _texts("Its authors, in order."),
        "year": {"type": ["integer", "null"], "description": "Its year, if known."},
        "venue": _text("Where it appeared; may be empty."),
        "type": _text("What it is (`paper`, `book`, `video`…)."),
        "url": _maybe_text("Its address, if any."),
        "doi": _maybe_text("Its DOI, if any."),
        "eprint": _maybe_text("Its arXiv id, if any."),
        "tags": _texts("Its tags."),
        "links": _list("link", "Where to read it, each address once: its URL, DOI, arXiv page and own links."),
        "assigned_in": _texts("The `anchor` of each session that assigns it, in date order."),
        "href": HREF,
    },
    {
        "pages": _count("How many pages it has, as the schedule says." + WORKLOAD_NOTE),
        "minutes": _count("How long it runs, in minutes, as the schedule says." + WORKLOAD_NOTE),
    },
)

WEEK = _object(
    "One course week's workload: its required readings (each session of a plan once, cancelled ones left "
    "out) and the deadlines due in it.",
    {
        "week": {"type": "integer", "description": "The course week."},
        "pages": _count("Pages of its required readings."),
        "minutes": _count("Minutes of its required readings."),
        "hours": _count("Hours of work of the deadlines due in it."),
        "due": _texts("The `id` of each deadline due in it."),
    },
)


def export_schema() -> Schema:
    """The JSON Schema of ``coursecal-schedule/1``."""
    document = _object(
        "A course's placed schedule, as `coursecal export --json` and HTML builds write it.",
        {
            "$schema": {"const": EXPORT_SCHEMA_URL, "description": "This schema's address."},
            "format": {"const": FORMAT, "description": "The format and its version: `coursecal-schedule/1`."},
            "base_url": _maybe_text(
                "The published site's absolute address (`https://cse599o.example.org/`), which every `href` "
                "is relative to; null when unknown, and in a document `coursecal export` writes."
            ),
            "course": _ref("course", "The course."),
            "kinds": {
                "type": "object",
                "additionalProperties": {"$ref": "#/$defs/kind"},
                "description": "Every kind the course knows, by id: its label and color.",
            },
            "occurrences": _list("occurrence", "Everything on the calendar, by time (all-day items first each day)."),
            "sessions": _list("session", "The lecture plan as placed, in order."),
            "deadlines": _list("deadline", "The deadlines, by due moment."),
            "closures": _list("closure", "The closures, by date."),
            "events": _list("event", "The events, by date."),
            "units": _list("unit", "The units, in the schedule's order."),
            "papers": _list("paper", "The readings library, by key."),
        },
        {"workload": _list("week", "Each week that asks something, in order." + WORKLOAD_NOTE)},
    )
    definitions = {
        "moment": MOMENT,
        "link": LINK,
        "course": COURSE,
        "kind": KIND,
        "occurrence": OCCURRENCE,
        "reading": READING,
        "session": SESSION,
        "deadline": DEADLINE,
        "closure": CLOSURE,
        "event": EVENT,
        "unit": UNIT,
        "paper": PAPER,
        "week": WEEK,
    }
    return {
        "$schema": DRAFT,
        "$id": EXPORT_SCHEMA_URL,
        "title": "coursecal schedule export",
        **document,
        "$defs": definitions,
    }
