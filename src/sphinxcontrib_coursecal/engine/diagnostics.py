"""Problems found in a schedule, each tied to a file, line and column.

The engine never raises on bad input: it records a :class:`Diagnostic` and goes
on with what it could read.  The Sphinx layer turns each one into a warning of
type ``coursecal`` with the subtype below, so a course can silence one kind
with ``suppress_warnings = ["coursecal.<subtype>"]``; the CLI prints them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """Whether a problem makes the schedule wrong or only suspicious."""

    ERROR = "error"
    WARNING = "warning"


class Documented(enum.Enum):
    """An enum whose members carry their documentation: ``NAME = (value, doc)``."""

    doc: str

    def __new__(cls, value: str, doc: str) -> Documented:
        member = object.__new__(cls)
        member._value_ = value
        member.doc = doc
        return member


class Subtype(Documented):
    """The kinds of problem, with what each means for course staff.

    The value is the warning subtype (``coursecal.<value>``); ``doc`` is the
    explanation the documentation lists.
    """

    YAML = ("yaml", "The file is not valid YAML, or not UTF-8 text.")
    UNSAFE = (
        "unsafe",
        "A YAML tag that would construct an object (``!!python/...``) or a custom tag. "
        "Schedules are data only; the node is ignored.",
    )
    TYPE = ("type", "A field has the wrong shape: a list where a mapping is expected, and so on.")
    VALUE = ("value", "A field's value cannot be read: a malformed date, time, weekday or number.")
    MISSING = ("missing", "A required field is absent.")
    UNKNOWN_KEY = ("unknown-key", "A key the format does not know; the nearest known key is suggested.")
    REFERENCE = (
        "reference",
        "A reference to a paper, person, unit, meeting, kind or plan that is not defined.",
    )
    DUPLICATE = ("duplicate", "Two entries share one id or key.")
    RANGE = ("range", "A date lies outside the term, or a range ends before it starts.")
    TIMEZONE = ("timezone", "``course.timezone`` is not an IANA time zone name.")
    OVERFULL = (
        "overfull",
        "The lecture plan has more sessions than its meeting has free slots in the term.",
    )
    CONFLICT = ("conflict", "Two sessions are pinned to the same slot.")
    PATH = (
        "path",
        "A schedule or papers file is missing or unreadable, a papers file is of an unknown type, "
        "or it lies outside the project's directory tree.",
    )
    LINK = (
        "link",
        "A link whose scheme is not http, https or mailto (nor a relative link); it is dropped.",
    )
    BIBTEX = ("bibtex", "A BibTeX entry could not be parsed, or lacks a title.")
    # What follows is legal but likely a mistake (each is a warning, never an error): see lint.py.
    CLOSED_DAY = (
        "closed-day",
        "A deadline is due, or a one-off event held, on a day a closure without ``cancels`` closes "
        "(a holiday): move it, or name in ``cancels`` the meetings the closure cancels.",
    )
    OVERLAP = (
        "overlap",
        "A one-day event with a time overlaps a meeting of the course, so both are on the calendar "
        "(an in-class exam written as an event of its own): give it ``replaces: <meeting or kind>`` to take "
        "the class's place, or ``meeting:`` to be held during it (:doc:`/howto/exams`). An event with no "
        "time, or one over several days, is no overlap.",
    )
    CANCELLED_READING = (
        "cancelled-reading",
        "A cancelled session assigns a reading: students see it for a class that does not take place.",
    )
    UNUSED_PAPER = (
        "unused-paper",
        "A paper of the library that no session assigns and, in a Sphinx build, no page cites with "
        "``:paper:`` (``coursecal check`` looks for citations in the pages with ``--project``). Papers "
        "of a BibTeX file are not reported: such a file is often a library shared with other work.",
    )
    OFFICE_HOURS_ON_CLOSURE = (
        "office-hours-on-closure",
        "Office hours fall on a day a closure covers whose ``cancels`` leaves them out. Add them to "
        "``cancels``; if they do take place that day, say so with a ``changes`` entry for the date "
        "(a ``note`` will do), which silences this.",
    )
    WORKLOAD = (
        "workload",
        "A week asks more than a ceiling of ``course.workload`` allows (pages or minutes of its required "
        "readings, hours of the deadlines due in it); reported at the reading or deadline that takes the "
        "week over (:doc:`/howto/workload`).",
    )
    NOTES_PAGE = (
        "notes-page",
        "A session's ``page`` names no document of the project (or a path outside it); the link is left "
        "out. A Sphinx build checks this; ``coursecal check`` does with ``--project``.",
    )


@dataclass(frozen=True)
class Location:
    """Where a value stands: file path, 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: what is wrong, what would be right, and where."""

    subtype: Subtype
    message: str
    location: Location
    severity: Severity = Severity.ERROR
    # The id of what it is about (a paper's key), for a layer that knows more than the file:
    # a paper a page cites is no unused paper.
    subject: str = ""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message} [coursecal.{self.subtype.value}]"
