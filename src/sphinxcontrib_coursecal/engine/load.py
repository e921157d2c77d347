"""Loading a schedule file (format 1) into specs, with line-accurate diagnostics.

The loader reads every section it can, reports every problem it sees in one
pass, and hands what it could read to placement. It never raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import papers as papers_module
from .diagnostics import Diagnostic, Location, Severity, Subtype
from .model import (
    DEFAULT_KINDS,
    Closure,
    Course,
    Deadline,
    EventSpec,
    Kind,
    MeetingChange,
    MeetingSpec,
    Paper,
    Person,
    Reading,
    SessionSpec,
    Unit,
)
from .scalars import parse_weekday
from .yamlnodes import Fields, Reader, compose, read_text, suggest

DEFAULT_PLAN = "default"

TOP_KEYS = (
    "version", "course", "kinds", "people", "meetings", "closures",
    "sessions", "deadlines", "events", "units", "papers",
)  # fmt: skip
COURSE_KEYS = (
    "id", "code", "title", "term", "institution", "timezone", "start", "end",
    "location", "url", "week_start", "first_week",
)  # fmt: skip
KIND_KEYS = ("label", "color")
PERSON_KEYS = ("name", "role", "url", "email")
MEETING_KEYS = (
    "kind", "title", "days", "time", "location", "from", "until", "every",
    "section", "skip", "changes", "host", "sessions",
)  # fmt: skip
CHANGE_KEYS = ("time", "location", "title", "cancelled", "date", "note")
CLOSURE_KEYS = ("id", "date", "from", "to", "title", "cancels", "follows", "kind")
SESSION_KEYS = (
    "id", "title", "unit", "readings", "links", "date", "time", "location",
    "presenters", "guests", "description", "notes", "tags", "page", "numbered",
    "cancelled", "kind",
)  # fmt: skip
READING_KEYS = ("paper", "title", "url", "label", "text", "optional", "note", "presenters")
DEADLINE_KEYS = ("id", "title", "due", "released", "was", "url", "kind", "notes")
EVENT_KEYS = (
    "id", "title", "date", "to", "time", "location", "kind", "url", "description", "notes",
)  # fmt: skip
UNIT_KEYS = ("id", "title", "description")

_COURSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_KIND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$|^[a-zA-Z]+$")
_MAX_TERM_DAYS = 2 * 366  # a "term" longer than two years is a typo in a year


@dataclass
class ScheduleSpec:
    """Everything the file says, checked, before placement."""

    path: str
    course: Course | None = None
    kinds: dict[str, Kind] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    meetings: dict[str, MeetingSpec] = field(default_factory=dict)
    closures: list[Closure] = field(default_factory=list)
    plans: dict[str, list[SessionSpec]] = field(default_factory=dict)
    deadlines: list[Deadline] = field(default_factory=list)
    events: list[EventSpec] = field(default_factory=list)
    units: dict[str, Unit] = field(default_factory=dict)
    papers: dict[str, Paper] = field(default_factory=dict)
    dependencies: list[str] = field(default_factory=list)


def slugify(text: str) -> str:
    """A lower-case id made of letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"


class Loader:
    """Reads one schedule file. Use :func:`read_spec`."""

    def __init__(self, path: Path, display: str, root: Path) -> None:
        self.path = path
        self.root = root
        self.reader = Reader(display)
        self.spec = ScheduleSpec(path=display, dependencies=[str(path)])
        self.named_plans: dict[str, tuple[str, Location]] = {}  # meeting id: the plan it names

    # -- entry ---------------------------------------------------------------

    def read(self, text: str) -> ScheduleSpec:
        root, diagnostics = compose(text, self.reader.path)
        self.reader.diagnostics.extend(diagnostics)
        if root is None:
            if not diagnostics:
                self.reader.report(None, Subtype.MISSING, "the schedule file is empty; it needs at least `course`")
            return self.spec
        self.reader.screen(root)
        top = self.reader.fields(root, "the schedule", TOP_KEYS, required=("course",))
        if top is None:
            return self.spec
        version = self.reader.integer(top.get("version"), "`version`")
        if version is not None and version != 1:
            self.reader.report(
                top.get("version"), Subtype.VALUE, f"this is format 1; `version: {version}` is not supported"
            )
        self.read_course(top.get("course"))
        self.read_kinds(top.get("kinds"))
        self.read_people(top.get("people"))
        self.read_units(top.get("units"))
        self.read_papers(top.get("papers"))
        self.read_meetings(top.get("meetings"))
        self.read_closures(top.get("closures"))
        self.read_sessions(top.get("sessions"))
        self.read_deadlines(top.get("deadlines"))
        self.read_events(top.get("events"))
        return self.spec

    # -- helpers -----------------------------------------------------------------

    def report(self, node: Node | None, subtype: Subtype, message: str, severity: Severity = Severity.ERROR) -> None:
        self.reader.report(node, subtype, message, severity)

    def text(self, fields: Fields, key: str, what: str, default: str = "") -> str:
        value = self.reader.text(fields.get(key), f"`{key}` of {what}")
        return default if value is None else value

    def identifier(self, node: Node | None, what: str) -> str | None:
        value = self.reader.text(node, what)
        if value is not None and not _ID.match(value):
            self.report(node, Subtype.VALUE, f"{what} {value!r} may hold only letters, digits, '-', '_' and '.'")
            return None
        return value

    def names(self, node: Node | None, what: str) -> tuple[str, ...]:
        """People: keys of `people` or plain names. A near miss of a key is flagged."""
        found = []
        for item, value in self.reader.texts(node, what):
            if value not in self.spec.people and self.spec.people and re.fullmatch(r"[a-z0-9_-]+", value):
                hint = suggest(value, self.spec.people)
                if "did you mean" in hint:
                    self.report(
                        item,
                        Subtype.REFERENCE,
                        f"{what}: {value!r} is not a key of `people`{hint} (a plain name is fine too)",
                        Severity.WARNING,
                    )
            found.append(value)
        return tuple(found)

    def kind(self, node: Node | None, what: str, default: str) -> str:
        value = self.reader.text(node, what)
        if value is None:
            return default
        if value not in self.spec.kinds:
            self.report(
                node,
                Subtype.REFERENCE,
                f"{what}: there is no kind {value!r}{suggest(value, self.spec.kinds)}; add it under `kinds`",
            )
            return default
        return value

    def in_term(self, node: Node | None, day: dt.date | None, what: str) -> None:
        course = self.spec.course
        if day is None or course is None:
            return
        if not course.start <= day <= course.end:
            self.report(
                node,
                Subtype.RANGE,
                f"{what} {day.isoformat()} is outside the term ({course.start.isoformat()} to "
                f"{course.end.isoformat()}); check the year, or widen `course.start`/`course.end`",
                Severity.WARNING,
            )

    def date_range(self, fields: Fields, what: str, first_key: str, last_key: str) -> tuple[dt.date, dt.date] | None:
        first = self.reader.date(fields.get(first_key), f"`{first_key}` of {what}")
        last = self.reader.date(fields.get(last_key), f"`{last_key}` of {what}")
        if first is None or last is None:
            return None
        if last < first:
            self.report(
                fields.get(last_key),
                Subtype.RANGE,
                f"{what} ends ({last_key}: {last.isoformat()}) before it starts "
                f"({first_key}: {first.isoformat()}); swap them",
            )
            return None
        return first, last

    def items(self, node: Node | None, what: str) -> list[Node]:
        return self.reader.sequence(node, what, single=False)

    # -- sections --------------------------------------------------------------

    def read_course(self, node: Node | None) -> None:
        fields = self.reader.fields(node, "`course`", COURSE_KEYS, required=("id", "timezone", "start", "end"))
        if fields is None:
            return
        what = "`course`"
        course_id = self.reader.text(fields.get("id"), "`course.id`")
        if course_id is not None and not _COURSE_ID.match(course_id):
            self.report(
                fields.get("id"),
                Subtype.VALUE,
                f"`course.id` {course_id!r} may hold only lower-case letters, digits and '-' "
                f"(it is used in anchors and calendar UIDs), e.g. {slugify(course_id)!r}",
            )
            course_id = slugify(course_id)
        timezone = self.reader.text(fields.get("timezone"), "`course.timezone`")
        if timezone is not None and not valid_zone(timezone):
            close = suggest(timezone, sorted(zoneinfo.available_timezones()))
            hint = close if "did you mean" in close else ""
            self.report(
                fields.get("timezone"),
                Subtype.TIMEZONE,
                f"{timezone!r} is not an IANA time zone{hint}; write a name like America/Los_Angeles "
                "(times are read as UTC until this is fixed)",
            )
            timezone = "UTC"
        term = self.date_range(fields, what, "start", "end")
        if term is not None and (term[1] - term[0]).days > _MAX_TERM_DAYS:
            self.report(
                fields.get("end"),
                Subtype.RANGE,
                f"the term runs {(term[1] - term[0]).days} days; check the years of `start` and `end`",
            )
            term = None
        week_start = 0
        if "week_start" in fields:
            day = self.reader.weekday(fields.get("week_start"), "`course.week_start`")
            if day is not None and day not in (0, 6):
                self.report(fields.get("week_start"), Subtype.VALUE, "`course.week_start` must be Mon or Sun")
            elif day is not None:
                week_start = day
        first_week = self.reader.integer(fields.get("first_week"), "`course.first_week`", minimum=0)
        if course_id is None or timezone is None or term is None:
            return  # without these nothing can be placed; the diagnostics say why
        self.spec.course = Course(
            id=course_id,
            timezone=timezone,
            start=term[0],
            end=term[1],
            code=self.text(fields, "code", what),
            title=self.text(fields, "title", what),
            term=self.text(fields, "term", what),
            institution=self.text(fields, "institution", what),
            location=self.text(fields, "location", what),
            url=self.reader.url(fields.get("url"), "`course.url`"),
            week_start=week_start,
            first_week=1 if first_week is None else first_week,
            location_in_file=self.reader.location(fields.node),
        )

    def read_kinds(self, node: Node | None) -> None:
        self.spec.kinds = {key: Kind(key, label, color) for key, (label, color) in DEFAULT_KINDS.items()}
        pairs = self.reader.mapping(node, "`kinds`")
        for key, (key_node, value) in (pairs or {}).items():
            what = f"the kind {key!r}"
            if not _KIND_ID.match(key):  # it becomes a CSS class name: no dots
                self.report(key_node, Subtype.VALUE, f"{what}: a kind id may hold only letters, digits, '-' and '_'")
                continue
            base = self.spec.kinds.get(key, Kind(key, key.replace("-", " ").capitalize(), "#555555"))
            fields = self.reader.fields(value, what, KIND_KEYS) if self.reader.present(value) else None
            if fields is None:
                self.spec.kinds[key] = base
                continue
            color = self.text(fields, "color", what, base.color)
            if not _COLOR.match(color):
                self.report(
                    fields.get("color"), Subtype.VALUE, f'{what}: color {color!r} is not a CSS color like "#4b2e83"'
                )
                color = base.color
            self.spec.kinds[key] = Kind(key, self.text(fields, "label", what, base.label), color)

    def read_people(self, node: Node | None) -> None:
        pairs = self.reader.mapping(node, "`people`")
        for key, (_key_node, value) in (pairs or {}).items():
            what = f"the person {key!r}"
            if isinstance(value, ScalarNode) and self.reader.present(value):
                self.spec.people[key] = Person(key, self.reader.text(value, what) or key)
                continue
            fields = self.reader.fields(value, what, PERSON_KEYS, required=("name",))
            if fields is None:
                continue
            self.spec.people[key] = Person(
                key,
                self.text(fields, "name", what, key),
                role=self.text(fields, "role", what),
                url=self.reader.url(fields.get("url"), f"`url` of {what}"),
                email=self.text(fields, "email", what),
            )

    def read_units(self, node: Node | None) -> None:
        for item in self.items(node, "`units`"):
            fields = self.reader.fields(item, "a unit", UNIT_KEYS, required=("id", "title"))
            if fields is None:
                continue
            unit_id = self.identifier(fields.get("id"), "the unit id")
            if unit_id is None:
                continue
            if unit_id in self.spec.units:
                self.report(
                    fields.get("id"), Subtype.DUPLICATE, f"there are two units with id {unit_id!r}; ids must be unique"
                )
                continue
            what = f"the unit {unit_id!r}"
            self.spec.units[unit_id] = Unit(
                unit_id, self.text(fields, "title", what, unit_id), self.text(fields, "description", what)
            )

    def read_papers(self, node: Node | None) -> None:
        if not self.reader.present(node):
            return
        assert node is not None
        if isinstance(node, MappingNode):
            papers_module.read_paper_entries(self.reader, node, self.spec.papers)
            return
        base = self.path.parent
        for item, name in self.reader.texts(node, "`papers`"):
            target = self.project_file(item, name, base)
            if target is None:
                continue
            display = str(Path(self.reader.path).parent / name)
            read = papers_module.read_bibtex_file if target.suffix.lower() == ".bib" else papers_module.read_yaml_file
            self.reader.diagnostics.extend(read(target, display, self.spec.papers))

    def project_file(self, node: Node, name: str, base: Path) -> Path | None:
        """A papers file, read only from inside the project's directory tree."""
        candidate = Path(name)
        if candidate.is_absolute():
            self.report(
                node,
                Subtype.PATH,
                f"papers file {name!r} is an absolute path; give a path relative to the schedule file",
            )
            return None
        target = (base / candidate).resolve()
        root = self.root.resolve()
        if not target.is_relative_to(root):
            self.report(
                node,
                Subtype.PATH,
                f"papers file {name!r} lies outside the project ({root}); move it into the project",
            )
            return None
        if target.suffix.lower() not in (".yaml", ".yml", ".bib"):
            self.report(node, Subtype.PATH, f"papers file {name!r} must end in .yaml, .yml or .bib")
            return None
        if not target.is_file():
            # Watched all the same: creating it later must reload the schedule.
            self.spec.dependencies.append(str(target))
            self.report(node, Subtype.PATH, f"papers file {name!r} does not exist (looked for {target})")
            return None
        self.spec.dependencies.append(str(target))
        return target

    def read_meetings(self, node: Node | None) -> None:
        course = self.spec.course
        pairs = self.reader.mapping(node, "`meetings`")
        for key, (key_node, value) in (pairs or {}).items():
            what = f"the meeting {key!r}"
            if not _ID.match(key):
                self.report(
                    key_node, Subtype.VALUE, f"{what}: a meeting id may hold only letters, digits, '-', '_' and '.'"
                )
                continue
            fields = self.reader.fields(value, what, MEETING_KEYS, required=("days",))
            if fields is None:
                continue
            default_kind = key if key in self.spec.kinds else "event"
            kind = self.kind(fields.get("kind"), f"`kind` of {what}", default_kind)
            days = []
            for day_node, day_text in self.reader.texts(fields.get("days"), f"`days` of {what}"):
                try:
                    days.append(parse_weekday(day_text))
                except ValueError as error:
                    self.report(day_node, Subtype.VALUE, f"`days` of {what}: {error}")
            days_node = fields.get("days")
            if isinstance(days_node, SequenceNode) and not days_node.value:
                self.report(
                    days_node,
                    Subtype.MISSING,
                    f"{what} has an empty `days` list; name its days, e.g. `days: [Tue, Thu]`",
                )
            span = self.reader.span(fields.get("time"), f"`time` of {what}")
            first = self.reader.date(fields.get("from"), f"`from` of {what}")
            last = self.reader.date(fields.get("until"), f"`until` of {what}")
            self.in_term(fields.get("from"), first, f"`from` of {what}")
            self.in_term(fields.get("until"), last, f"`until` of {what}")
            if course is None:
                continue
            first = first or course.start
            last = last or course.end
            if last < first:
                self.report(
                    fields.get("until") or fields.get("from"),
                    Subtype.RANGE,
                    f"{what} ends (until: {last.isoformat()}) before it starts (from: {first.isoformat()})",
                )
                continue
            skip = []
            for skip_node, _ in self.reader.texts(fields.get("skip"), f"`skip` of {what}"):
                day = self.reader.date(skip_node, f"`skip` of {what}")
                if day is not None:
                    skip.append((day, self.reader.location(skip_node)))
            plan = self.reader.text(fields.get("sessions"), f"`sessions` of {what}")
            if plan is not None:
                self.named_plans[key] = (plan, self.reader.location(fields.get("sessions")))
            elif kind == "lecture":
                plan = DEFAULT_PLAN
            self.spec.meetings[key] = MeetingSpec(
                id=key,
                kind=kind,
                title=self.text(fields, "title", what, self.spec.kinds[kind].label),
                days=tuple(sorted(set(days))),
                start_time=span[0] if span else None,
                end_time=span[1] if span else None,
                location=self.text(fields, "location", what, course.location),
                first=first,
                last=last,
                every=self.reader.integer(fields.get("every"), f"`every` of {what}", minimum=1) or 1,
                section=self.text(fields, "section", what),
                host=(self.names(fields.get("host"), f"`host` of {what}") or ("",))[0],
                skip=tuple(skip),
                changes=self.read_changes(fields.get("changes"), what),
                plan=plan,
                source=self.reader.location(key_node),
            )

    def read_changes(self, node: Node | None, what: str) -> tuple[tuple[dt.date, MeetingChange], ...]:
        pairs = self.reader.mapping(node, f"`changes` of {what}")
        changes = []
        for key, (key_node, value) in (pairs or {}).items():
            day = self.reader.date(key_node, f"a date in `changes` of {what}")
            fields = self.reader.fields(value, f"the change on {key} of {what}", CHANGE_KEYS)
            if day is None or fields is None:
                continue
            where = f"the change on {key} of {what}"
            span = self.reader.span(fields.get("time"), f"`time` of {where}")
            moved = self.reader.date(fields.get("date"), f"`date` of {where}")
            changes.append(
                (
                    day,
                    MeetingChange(
                        date=moved,
                        start=span[0] if span else None,
                        end=span[1] if span else None,
                        location=self.reader.text(fields.get("location"), f"`location` of {where}"),
                        title=self.reader.text(fields.get("title"), f"`title` of {where}"),
                        cancelled=bool(self.reader.boolean(fields.get("cancelled"), f"`cancelled` of {where}")),
                        note=self.text(fields, "note", where),
                        source=self.reader.location(key_node),
                    ),
                )
            )
        return tuple(changes)

    def read_closures(self, node: Node | None) -> None:
        seen: set[str] = set()
        for item in self.items(node, "`closures`"):
            fields = self.reader.fields(item, "a closure", CLOSURE_KEYS, required=("title",))
            if fields is None:
                continue
            what = "a closure"
            if "date" in fields:
                first = last = self.reader.date(fields.get("date"), f"`date` of {what}")
                if "from" in fields or "to" in fields:
                    self.report(
                        fields.get("date"), Subtype.TYPE, "a closure has either `date` or `from`/`to`, not both"
                    )
            elif "from" in fields or "to" in fields:
                span = self.date_range(fields, what, "from", "to") if "to" in fields else None
                if "to" not in fields:
                    self.report(
                        fields.node, Subtype.MISSING, "a closure with `from` needs `to` (or use `date` for one day)"
                    )
                first, last = span if span else (None, None)
            else:
                self.report(
                    fields.node, Subtype.MISSING, "a closure needs `date` (one day) or `from` and `to` (a range)"
                )
                continue
            if first is None or last is None:
                continue
            self.in_term(fields.get("date") or fields.get("from"), first, "the closure")
            follows = self.reader.weekday(fields.get("follows"), "`follows` of a closure")
            cancels = []
            for ref_node, ref in self.reader.texts(fields.get("cancels"), "`cancels` of a closure"):
                if ref not in self.spec.meetings and ref not in self.spec.kinds:
                    known = list(self.spec.meetings) + list(self.spec.kinds)
                    self.report(
                        ref_node,
                        Subtype.REFERENCE,
                        f"`cancels`: {ref!r} is neither a meeting id nor a kind{suggest(ref, known)}",
                    )
                    continue
                cancels.append(ref)
            if "cancels" in fields and not cancels:
                continue  # every name was wrong: cancelling everything would be worse
            explicit_id = self.identifier(fields.get("id"), "the closure id")
            title = self.text(fields, "title", what, "No class")
            closure_id = explicit_id or f"{first.isoformat()}-{slugify(title)}"
            if explicit_id is None:  # a default id must not collide: two closures may share a day and title
                closure_id = _unique(closure_id, seen)
            if closure_id in seen:
                self.report(
                    fields.get("id") or fields.node,
                    Subtype.DUPLICATE,
                    f"two closures have id {closure_id!r}; give each its own `id`",
                )
                continue
            seen.add(closure_id)
            self.spec.closures.append(
                Closure(
                    id=closure_id,
                    title=title,
                    first=first,
                    last=last,
                    cancels=tuple(cancels),
                    follows=follows,
                    kind=self.kind(fields.get("kind"), "`kind` of a closure", "holiday"),
                    source=self.reader.location(fields.node),
                )
            )

    def read_sessions(self, node: Node | None) -> None:
        if not self.reader.present(node):
            return
        assert node is not None
        plans: list[tuple[str, Node, Node]] = []
        if isinstance(node, SequenceNode):
            plans.append((DEFAULT_PLAN, node, node))
        else:
            pairs = self.reader.mapping(node, "`sessions`") or {}
            plans.extend((name, key, value) for name, (key, value) in pairs.items())
        takers: dict[str, list[str]] = {}
        for meeting in self.spec.meetings.values():
            if meeting.plan is not None:
                takers.setdefault(meeting.plan, []).append(meeting.id)
        names = [name for name, _, _ in plans]
        for meeting_id, (plan, where) in self.named_plans.items():
            if plan not in names:
                self.reader.report_at(
                    where,
                    Subtype.REFERENCE,
                    f"the meeting {meeting_id!r} takes the session plan {plan!r}, "
                    f"which `sessions` does not define{suggest(plan, names)}",
                )
        ids: set[str] = set()
        for plan, key_node, value in plans:
            meetings = takers.get(plan, [])
            if not meetings and self.spec.course is not None and isinstance(value, SequenceNode):
                hint = (
                    "add a meeting of kind `lecture`"
                    if plan == DEFAULT_PLAN
                    else f"add `sessions: {plan}` to the meeting that teaches it"
                )
                self.report(
                    key_node,
                    Subtype.REFERENCE,
                    f"no meeting takes the session plan {plan!r}, so it is not placed; {hint}",
                )
            prefix = meetings[0] if len(meetings) == 1 else plan
            self.spec.plans[plan] = [
                spec
                for index, item in enumerate(self.items(value, f"the session plan {plan!r}"))
                if (spec := self.read_session(item, plan, index, prefix, ids)) is not None
            ]

    def read_session(self, node: Node, plan: str, index: int, prefix: str, ids: set[str]) -> SessionSpec | None:
        number = index + 1
        what = f"session {number} of the plan {plan!r}" if plan != DEFAULT_PLAN else f"session {number}"
        fields = self.reader.fields(node, what, SESSION_KEYS, required=("title",))
        if fields is None:
            return None
        session_id = self.identifier(fields.get("id"), f"the id of {what}") or f"{prefix}-{number}"
        if session_id in ids:
            self.report(
                fields.get("id") or fields.node,
                Subtype.DUPLICATE,
                f"two sessions have id {session_id!r}; ids must be unique",
            )
            session_id = f"{session_id}-{number}"
        ids.add(session_id)
        what = f"the session {session_id!r}"
        unit = self.reader.text(fields.get("unit"), f"`unit` of {what}")
        if unit is not None and unit not in self.spec.units:
            if self.spec.units and re.fullmatch(r"[a-z0-9_-]+", unit):
                self.report(
                    fields.get("unit"),
                    Subtype.REFERENCE,
                    f"`unit` of {what}: {unit!r} is not a unit id{suggest(unit, self.spec.units)}",
                )
            heading, unit = unit, slugify(unit)  # a heading given as text: its id is its slug
            self.spec.units.setdefault(unit, Unit(unit, heading))
        span = self.reader.span(fields.get("time"), f"`time` of {what}")
        day = self.reader.date(fields.get("date"), f"`date` of {what}")
        self.in_term(fields.get("date"), day, f"`date` of {what}")
        kind = self.reader.text(fields.get("kind"), f"`kind` of {what}")
        if kind is not None:  # an unknown kind is reported, and the meeting's kind is used
            kind = self.kind(fields.get("kind"), f"`kind` of {what}", "") or None
        numbered = self.reader.boolean(fields.get("numbered"), f"`numbered` of {what}")
        return SessionSpec(
            id=session_id,
            title=self.text(fields, "title", what, session_id),
            plan=plan,
            index=index,
            kind=kind,
            unit=unit,
            readings=tuple(self.read_readings(fields.get("readings"), what)),
            links=self.reader.links(fields.get("links"), f"`links` of {what}"),
            date=day,
            start_time=span[0] if span else None,
            end_time=span[1] if span else None,
            location=self.reader.text(fields.get("location"), f"`location` of {what}"),
            presenters=self.names(fields.get("presenters"), f"`presenters` of {what}"),
            guests=self.names(fields.get("guests"), f"`guests` of {what}"),
            description=self.text(fields, "description", what),
            notes=self.text(fields, "notes", what),
            tags=tuple(t for _, t in self.reader.texts(fields.get("tags"), f"`tags` of {what}")),
            page=self.text(fields, "page", what),
            numbered=True if numbered is None else numbered,
            cancelled=bool(self.reader.boolean(fields.get("cancelled"), f"`cancelled` of {what}")),
            source=self.reader.location(fields.node),
        )

    def read_readings(self, node: Node | None, what: str) -> Iterable[Reading]:
        for item in self.items(node, f"`readings` of {what}"):
            if isinstance(item, ScalarNode):
                key = self.reader.text(item, f"a reading of {what}")
                if key is not None and self.known_paper(item, key, what):
                    yield Reading(paper=key, source=self.reader.location(item))
                continue
            fields = self.reader.fields(item, f"a reading of {what}", READING_KEYS)
            if fields is None:
                continue
            where = f"a reading of {what}"
            key = self.reader.text(fields.get("paper"), f"`paper` of {where}")
            title = self.text(fields, "title", where)
            if key is None and not title:
                self.report(
                    fields.node,
                    Subtype.MISSING,
                    f"{where} needs `paper` (a key of `papers`) or `title` (an ad-hoc reading)",
                )
                continue
            if key is not None and not self.known_paper(fields.get("paper"), key, what):
                continue
            yield Reading(
                paper=key,
                title=title,
                url=self.reader.url(fields.get("url"), f"`url` of {where}") or None,
                label=self.text(fields, "label", where),
                text=self.text(fields, "text", where),
                optional=bool(self.reader.boolean(fields.get("optional"), f"`optional` of {where}")),
                note=self.text(fields, "note", where),
                presenters=self.names(fields.get("presenters"), f"`presenters` of {where}"),
                source=self.reader.location(fields.node),
            )

    def known_paper(self, node: Node | None, key: str, what: str) -> bool:
        if key in self.spec.papers:
            return True
        self.report(
            node, Subtype.REFERENCE, f"{what} reads {key!r}, which is not in `papers`{suggest(key, self.spec.papers)}"
        )
        return False

    def read_deadlines(self, node: Node | None) -> None:
        seen: set[str] = set()
        for item in self.items(node, "`deadlines`"):
            fields = self.reader.fields(item, "a deadline", DEADLINE_KEYS, required=("title", "due"))
            if fields is None:
                continue
            title = self.text(fields, "title", "a deadline")
            given = self.identifier(fields.get("id"), "the deadline id")
            # Weekly "Reading response" deadlines need no ids: the made-up ones stay unique.
            deadline_id = given or _unique(slugify(title), seen)
            what = f"the deadline {deadline_id!r}"
            if deadline_id in seen:
                self.report(
                    fields.get("id") or fields.node,
                    Subtype.DUPLICATE,
                    f"two deadlines have id {deadline_id!r}; ids must be unique",
                )
                continue
            seen.add(deadline_id)
            due = self.moment(fields.get("due"), f"`due` of {what}")
            released = self.moment(fields.get("released"), f"`released` of {what}")
            if due is None:
                continue
            if released is not None and _day(released) > _day(due):
                self.report(
                    fields.get("released"),
                    Subtype.RANGE,
                    f"{what} is released ({_day(released)}) after it is due ({_day(due)})",
                )
            self.in_term(fields.get("due"), _day(due), f"`due` of {what}")
            self.spec.deadlines.append(
                Deadline(
                    id=deadline_id,
                    title=title,
                    due=due,
                    released=released,
                    was=self.moment(fields.get("was"), f"`was` of {what}"),
                    url=self.reader.url(fields.get("url"), f"`url` of {what}"),
                    kind=self.kind(fields.get("kind"), f"`kind` of {what}", "deadline"),
                    notes=self.text(fields, "notes", what),
                    source=self.reader.location(fields.node),
                )
            )

    def moment(self, node: Node | None, what: str) -> dt.datetime | dt.date | None:
        """A moment in the course's zone, or a day (due any time that day)."""
        value = self.reader.moment(node, what)
        if value is None:
            return None
        day, time = value
        if time is None:
            return day
        zone = zoneinfo.ZoneInfo(self.spec.course.timezone) if self.spec.course else None
        return dt.datetime.combine(day, time, tzinfo=zone)

    def read_events(self, node: Node | None) -> None:
        seen: set[str] = set()
        for item in self.items(node, "`events`"):
            fields = self.reader.fields(item, "an event", EVENT_KEYS, required=("title", "date"))
            if fields is None:
                continue
            title = self.text(fields, "title", "an event")
            day = self.reader.date(fields.get("date"), f"`date` of the event {title!r}")
            if day is None:
                continue
            event_id = self.identifier(fields.get("id"), "the event id") or _unique(
                f"{slugify(title)}-{day.isoformat()}", seen
            )
            what = f"the event {event_id!r}"
            if event_id in seen:
                self.report(
                    fields.get("id") or fields.node,
                    Subtype.DUPLICATE,
                    f"two events have id {event_id!r}; ids must be unique",
                )
                continue
            seen.add(event_id)
            last = day
            if "to" in fields:
                span_days = self.date_range(fields, what, "date", "to")
                if span_days is None:
                    continue
                last = span_days[1]
            span = self.reader.span(fields.get("time"), f"`time` of {what}")
            self.in_term(fields.get("date"), day, f"`date` of {what}")
            self.spec.events.append(
                EventSpec(
                    id=event_id,
                    title=title,
                    date=day,
                    last=last,
                    start_time=span[0] if span else None,
                    end_time=span[1] if span else None,
                    location=self.text(fields, "location", what),
                    kind=self.kind(fields.get("kind"), f"`kind` of {what}", "event"),
                    url=self.reader.url(fields.get("url"), f"`url` of {what}"),
                    description=self.text(fields, "description", what),
                    notes=self.text(fields, "notes", what),
                    source=self.reader.location(fields.node),
                )
            )


def _unique(candidate: str, seen: set[str]) -> str:
    number, unique = 2, candidate
    while unique in seen:
        unique, number = f"{candidate}-{number}", number + 1
    return unique


def _day(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def valid_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def read_spec(
    path: str | Path, *, root: str | Path | None = None, display: str | None = None
) -> tuple[ScheduleSpec, list[Diagnostic]]:
    """Read a schedule file; ``root`` bounds where papers files may be read from."""
    file = Path(path)
    loader = Loader(file, display or str(path), Path(root) if root is not None else file.parent)
    text, problems = read_text(file, loader.reader.path)
    if text is None:
        loader.reader.diagnostics.extend(problems)
        return loader.spec, loader.reader.diagnostics
    loader.read(text)
    return loader.spec, loader.reader.diagnostics


def read_spec_text(
    text: str, path: str = "schedule.yaml", *, root: str | Path | None = None
) -> tuple[ScheduleSpec, list[Diagnostic]]:
    """Read a schedule from text (tests, previews); papers files resolve from ``path``'s folder."""
    file = Path(path)
    loader = Loader(file, path, Path(root) if root is not None else file.parent)
    loader.read(text)
    return loader.spec, loader.reader.diagnostics
