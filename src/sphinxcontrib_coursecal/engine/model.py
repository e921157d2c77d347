"""The course's world as frozen, picklable records.

``*Spec`` records hold what the schedule file says; placement turns them into
:class:`Session` and :class:`Occurrence` records with real, zone-aware times.
Every record that came from the file carries its :class:`Location`, so later
layers can point a warning at the right line.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from dataclasses import dataclass, field

from .diagnostics import Location
from .text import citation_label

DEFAULT_KINDS: dict[str, tuple[str, str]] = {
    # id: (label, color) — colors are distinguishable and readable on white and dark.
    "lecture": ("Lecture", "#4b2e83"),
    "section": ("Section", "#2a7ab0"),
    "lab": ("Lab", "#1b7f5a"),
    "office-hours": ("Office hours", "#85754d"),
    "exam": ("Exam", "#b3261e"),
    "deadline": ("Deadline", "#c2410c"),
    "release": ("Release", "#0f766e"),
    "holiday": ("Holiday", "#6b7280"),
    "event": ("Event", "#7c3aed"),
    "presentation": ("Presentation", "#be185d"),
    "guest-lecture": ("Guest lecture", "#1d4ed8"),
}


@dataclass(frozen=True)
class Course:
    id: str
    timezone: str
    start: dt.date
    end: dt.date
    code: str = ""
    title: str = ""
    term: str = ""
    institution: str = ""
    location: str = ""
    url: str = ""
    week_start: int = 0  # Monday=0 … Sunday=6
    first_week: int = 1
    location_in_file: Location | None = None
    default_due_time: dt.time | None = None  # the time of a deadline due on a date
    workload: tuple[tuple[str, float], ...] = ()  # a week's ceilings: ("pages", 100), ("hours", 15)

    @property
    def name(self) -> str:
        """ "CSE 599o Autumn 2025": how feeds and paper pages name the course."""
        return " ".join(part for part in (self.code or self.id, self.term) if part)


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    color: str


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: str = ""
    url: str = ""
    email: str = ""


@dataclass(frozen=True)
class MeetingChange:
    """One occurrence of a meeting moved or changed (``changes:``)."""

    date: dt.date | None = None  # moved to another day
    start: dt.time | None = None
    end: dt.time | None = None
    location: str | None = None
    title: str | None = None
    cancelled: bool = False
    note: str = ""
    source: Location | None = None


@dataclass(frozen=True)
class MeetingSpec:
    id: str
    kind: str
    title: str
    days: tuple[int, ...]
    start_time: dt.time | None
    end_time: dt.time | None
    location: str
    first: dt.date
    last: dt.date
    every: int = 1
    section: str = ""
    host: str = ""
    skip: tuple[tuple[dt.date, Location], ...] = ()  # each date with where it is written
    changes: tuple[tuple[dt.date, MeetingChange], ...] = ()
    plan: str | None = None  # the session plan this meeting takes, if any
    source: Location | None = None
    # "Tue 10-12, Fri 12-14": a time and a room per weekday (Monday=0), over start_time and location.
    day_spans: tuple[tuple[int, dt.time | None, dt.time | None], ...] = ()
    day_locations: tuple[tuple[int, str], ...] = ()

    def span_on(self, weekday: int) -> tuple[dt.time | None, dt.time | None]:
        """Its start and end on a weekday (a swapped day: the weekday it follows)."""
        return next(((start, end) for day, start, end in self.day_spans if day == weekday), self.times)

    def location_on(self, weekday: int) -> str:
        return next((room for day, room in self.day_locations if day == weekday), self.location)

    @property
    def times(self) -> tuple[dt.time | None, dt.time | None]:
        return self.start_time, self.end_time


@dataclass(frozen=True)
class Closure:
    id: str
    title: str
    first: dt.date
    last: dt.date
    cancels: tuple[str, ...] = ()  # meeting ids or kinds; empty: every meeting
    follows: int | None = None  # the weekday whose meetings run instead
    kind: str = "holiday"
    source: Location | None = None
    url: str = ""  # a page about it: the title links there
    description: str = ""  # a line after the title

    def affects(self, meeting: MeetingSpec) -> bool:
        return not self.cancels or meeting.id in self.cancels or meeting.kind in self.cancels


@dataclass(frozen=True)
class Reading:
    """One assigned reading: a paper from the library, or an ad-hoc link."""

    paper: str | None = None
    title: str = ""  # an ad-hoc reading's title
    url: str | None = None
    label: str = ""  # shown before it: "Paper 1", "Optional"
    text: str = ""  # shown instead of the paper's citation label
    optional: bool = False
    note: str = ""
    presenters: tuple[str, ...] = ()
    source: Location | None = None
    section: str = ""  # which part: "9.5", "Section 3"
    pages: str = ""  # "12-30"
    minutes: int | None = None  # a video's or podcast's length, over its paper's


@dataclass(frozen=True)
class Link:
    label: str
    url: str | None  # None: announced but not yet available ("TBA")
    section: str = ""  # a session's material for one section only ("annotated slides, 8AM")


@dataclass(frozen=True)
class SessionSpec:
    """One entry of the lecture plan, before it has a date."""

    id: str
    title: str
    plan: str
    index: int  # position in its plan, from 0
    kind: str | None = None  # default: the meeting's kind
    unit: str | None = None
    readings: tuple[Reading, ...] = ()
    links: tuple[Link, ...] = ()
    date: dt.date | None = None  # pinned
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    location: str | None = None
    presenters: tuple[str, ...] = ()
    guests: tuple[str, ...] = ()
    description: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()
    page: str = ""
    numbered: bool = True
    cancelled: bool = False
    source: Location | None = None
    with_previous: bool = False  # ``with: previous``: it shares the slot of the session before it
    description_at: Location | None = None  # where ``description`` stands: its markup's errors are said there


@dataclass(frozen=True)
class Deadline:
    id: str
    title: str
    due: dt.datetime | dt.date  # zone-aware; a date for "due that day"
    released: dt.datetime | dt.date | None = None
    was: dt.datetime | dt.date | None = None
    url: str = ""
    kind: str = "deadline"
    notes: str = ""
    source: Location | None = None
    due_source: Location | None = None  # where `due` is written: a warning about the day points there
    hours: float | None = None  # the work it asks, expected


@dataclass(frozen=True)
class EventSpec:
    id: str
    title: str
    date: dt.date
    last: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    location: str = ""
    kind: str = "event"
    url: str = ""
    description: str = ""
    notes: str = ""
    source: Location | None = None
    date_source: Location | None = None  # where `date` is written
    meetings: tuple[str, ...] = ()  # held in these meetings' slots: one occurrence each
    replaces: bool = False  # …and takes the slot: the meeting gives way, its plan moves on


@dataclass(frozen=True)
class Unit:
    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Paper:
    key: str
    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str = ""
    url: str = ""
    doi: str = ""
    eprint: str = ""
    short: str = ""
    type: str = "paper"
    tags: tuple[str, ...] = ()
    abstract: str = ""
    links: tuple[Link, ...] = ()
    source: Location | None = None
    # Each author's family name, as BibTeX's name parts give it ("de la Cruz",
    # "García Márquez"); empty for names written as plain text, which use `surname`.
    families: tuple[str, ...] = ()
    page_count: int | None = None  # `pages: 14`: how long it is; a reading of it all counts these
    minutes: int | None = None  # a video's or podcast's length

    @functools.cached_property
    def label(self) -> str:
        """The citation label: ``short`` if given, else "Vaswani+ 2017" style (worked out once:
        every view, list and page of a paper asks for it)."""
        if self.short:
            return self.short
        return citation_label(self.authors, self.year, self.families) or self.title


@dataclass(frozen=True)
class Session:
    """A lecture-plan entry placed on a date of one meeting."""

    spec: SessionSpec
    meeting: str
    anchor: str  # unique across the course: the spec id, or meeting-qualified for sections
    date: dt.date
    start: dt.datetime | None  # None: the meeting has no time; the session is a day
    end: dt.datetime | None
    location: str
    kind: str
    number: int | None  # "Class N"; None when not numbered
    week: int
    section: str = ""
    changed: bool = False  # its slot has a `changes` entry (another time, room or day)
    # Slots of its meeting's weekly pattern between where the plan put it and where it
    # is: closures and pins push it later (> 0), a swap day gained pulls it earlier (< 0).
    moved: int = 0
    joins: str = ""  # with ``with: previous``: the anchor of the session whose class it is part of

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def cancelled(self) -> bool:
        return self.spec.cancelled

    @property
    def links(self) -> tuple[Link, ...]:
        """Its materials: those for every section, and its own section's (every one without a section)."""
        if not self.section:
            return self.spec.links
        return tuple(link for link in self.spec.links if link.section in ("", self.section))


class Role(enum.Enum):
    """What an occurrence is in the course, whatever its kind (a course may give a deadline
    the kind ``release``, or a session the kind ``exam``)."""

    SESSION = "session"  # a lecture-plan entry on its slot
    MEETING = "meeting"  # a slot of a weekly meeting with no session (office hours, sections)
    CLOSURE = "closure"
    DUE = "due"  # a deadline's due moment
    RELEASE = "release"  # a deadline's release moment
    EVENT = "event"


@dataclass(frozen=True)
class Occurrence:
    """One thing on the calendar: a session, meeting, deadline, release, event or closure.

    ``uid`` is stable: it derives from ids and (for meetings) the date, never
    from list position, so a moved session keeps it.
    """

    uid: str
    role: Role
    kind: str
    title: str
    date: dt.date
    start: dt.datetime | None  # None: all-day, from ``date`` to ``last``
    end: dt.datetime | None
    last: dt.date
    week: int
    location: str = ""
    meeting: str = ""
    section: str = ""
    host: str = ""
    session: Session | None = None
    deadline: Deadline | None = None
    event: EventSpec | None = None
    closure: Closure | None = None
    cancelled: bool = False
    changed: bool = False
    notes: str = ""
    source: Location | None = None
    tags: tuple[str, ...] = field(default=())

    @property
    def all_day(self) -> bool:
        return self.start is None


def split_moment(value: dt.datetime | dt.date) -> tuple[dt.date, dt.datetime | None]:
    """A deadline is due at a moment, or on a day: its day, and its moment if it has one."""
    if isinstance(value, dt.datetime):
        return value.date(), value
    return value, None


def day_of(value: dt.datetime | dt.date) -> dt.date:
    """The day of a moment or of a day."""
    return split_moment(value)[0]


def week_begin(day: dt.date, week_start: int) -> dt.date:
    """The first day of the calendar week (starting on ``week_start``) that holds ``day``."""
    return day - dt.timedelta(days=(day.weekday() - week_start) % 7)


def week_number(course: Course, day: dt.date) -> int:
    """The course's number for the week that holds ``day`` (``first_week`` holds ``start``)."""
    start = week_begin(course.start, course.week_start)
    return course.first_week + (week_begin(day, course.week_start) - start).days // 7


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
