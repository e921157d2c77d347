"""What every section reader shares: the file being read, the spec so far, and checks.

A :class:`Loader` carries one file's :class:`~.yamlnodes.Reader` (which collects
diagnostics instead of raising) and the :class:`~.model.ScheduleSpec` the
sections fill in, in order: later sections check their references against
what earlier ones defined.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import Node

from . import schema
from .clock import local_moment, skipped_note
from .diagnostics import Location, Severity, Subtype
from .model import ScheduleSpec
from .schema import Shape
from .text import suggest, unique
from .yamlnodes import Fields, Reader

DEFAULT_PLAN = "default"

# Ids name anchors, feed UIDs and files: a bounded length, and no character a URL or a file
# name would have to escape.
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
ID_RULE = "may hold only letters, digits, '-', '_' and '.' (at most 100)"
KIND_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")  # it becomes a CSS class name: no dots
MAX_SUGGESTIONS = 100
_PERSON_KEY = re.compile(r"[a-z0-9_-]+")  # what a key of `people` (not a name) looks like


@dataclass
class Loader:
    """One schedule file being read. Use :func:`~.load.read_spec`."""

    path: Path
    root: Path
    reader: Reader
    spec: ScheduleSpec
    max_papers: int | None = None  # the most papers the course may have (None: papers.MAX_PAPERS)
    named_plans: dict[str, tuple[str, Location]] = field(default_factory=dict)  # meeting id: its plan
    hints: dict[tuple[str, str], str] = field(default_factory=dict)  # near misses found, by (family, value)
    _sections: tuple[int, tuple[str, ...]] = (-1, ())  # the meetings' sections, and how many meetings named them

    def sections(self) -> tuple[str, ...]:
        """The sections the meetings read so far name, sorted: worked out again only when meetings were added,
        not once per session (sessions times meetings made a 100,000-entry course's reading 4x slower a session)."""
        if self._sections[0] != len(self.spec.meetings):
            found = tuple(sorted({meeting.section for meeting in self.spec.meetings.values() if meeting.section}))
            self._sections = (len(self.spec.meetings), found)
        return self._sections[1]

    # -- reporting -----------------------------------------------------------------

    def report(self, node: Node | None, subtype: Subtype, message: str, severity: Severity = Severity.ERROR) -> None:
        self.reader.report(node, subtype, message, severity)

    # -- shapes ----------------------------------------------------------------------

    def fields(self, node: Node | None, what: str, shape: Shape) -> Fields | None:
        """A mapping with ``shape``'s fields; unknown keys and missing required ones are reported."""
        return self.reader.fields(node, what, shape.fields, required=shape.required)

    def items(self, node: Node | None, what: str) -> list[Node]:
        return self.reader.sequence(node, what, single=False)

    # -- values ----------------------------------------------------------------------

    def text(self, fields: Fields, key: str, what: str, default: str = "") -> str:
        """A text field; only the fields the format says may span lines (``description``…) may."""
        value = self.reader.text(fields.get(key), f"`{key}` of {what}", lines=key in schema.MULTILINE)
        return default if value is None else value

    def identifier(self, node: Node | None, what: str) -> str | None:
        value = self.reader.text(node, what)
        if value is not None and not ID.fullmatch(value):
            self.report(node, Subtype.VALUE, f"{what} {value!r} {ID_RULE}")
            return None
        return value

    def claim_id(
        self, fields: Fields, seen: set[str], given: str | None, made: str, things: str, fix: str = "ids must be unique"
    ) -> str | None:
        """An item's id: the one it gives, or one made from its title and kept unique.

        A given id that an earlier item of the list has is reported, and the item dropped.
        """
        found = given or unique(made, seen)
        if found in seen:
            self.report(fields.get("id") or fields.node, Subtype.DUPLICATE, f"two {things} have id {found!r}; {fix}")
            return None
        seen.add(found)
        return found

    def names(self, node: Node | None, what: str) -> tuple[str, ...]:
        """People: keys of `people` or plain names. A near miss of a key is flagged."""
        found = []
        for item, value in self.reader.texts(node, what):
            people = self.spec.people
            if value not in people and people and _PERSON_KEY.fullmatch(value):
                hint = self.near(value, people, "people")
                if "did you mean" in hint:
                    self.report(
                        item,
                        Subtype.REFERENCE,
                        f"{what}: {value!r} is not a key of `people`{hint} (a plain name is fine too)",
                        Severity.WARNING,
                    )
            found.append(value)
        return tuple(found)

    def near(self, value: str, known: Collection[str], family: str) -> str:
        """``suggest``'s near miss among ``known``, found once per value and at most
        ``MAX_SUGGESTIONS`` times a file: each search compares with every key (1,200
        presenters each nearly naming one of 1,200 people took minutes)."""
        key = (family, value)
        if key not in self.hints:
            self.hints[key] = suggest(value, known) if len(self.hints) < MAX_SUGGESTIONS else ""
        return self.hints[key]

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

    def moment(self, node: Node | None, what: str, *, due: bool = False) -> dt.datetime | dt.date | None:
        """A moment in the course's zone, or a day (due any time that day).

        A ``due`` moment given as a day takes ``course.default_due_time`` when the course sets one.
        """
        value = self.reader.moment(node, what)
        if value is None:
            return None
        day, time = value
        if time is None and due and self.spec.course is not None:
            time = self.spec.course.default_due_time
        if time is None:
            return day
        if self.spec.course is None:
            return dt.datetime.combine(day, time)
        moment, skipped = local_moment(day, time, zoneinfo.ZoneInfo(self.spec.course.timezone))
        if skipped:
            self.report(
                node, Subtype.RANGE, skipped_note(day, time, moment, self.spec.course.timezone), Severity.WARNING
            )
        return moment

    # -- dates -----------------------------------------------------------------------

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
