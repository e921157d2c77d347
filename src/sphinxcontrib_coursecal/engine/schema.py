"""What a schedule file may say: every section's fields, declared once.

The loader takes each place's known and required keys from here (an unknown
key is reported with the nearest known one), and the JSON Schema editors use
is generated from the same declarations (``schema_json.py``), so the two
cannot drift apart. Each
field names the form of its value (:class:`Form`) and says what it means; the
text is what an editor shows on hover.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field


class Form(enum.Enum):
    """The form a field's value takes, as a person writes it."""

    TEXT = "text"
    ID = "id"  # letters, digits, '-', '_' and '.'
    COURSE_ID = "course-id"  # lower-case letters, digits and '-'
    KIND = "kind"  # a key of `kinds`, or a built-in kind
    KEY = "key"  # a key of `papers`: letters, digits and _ : . + -
    DATE = "date"  # 2025-09-24
    MOMENT = "moment"  # "2025-10-24 23:59", or a date
    TIME = "time"  # "23:59" or "11:59 pm"
    SPAN = "span"  # "10:00-11:20", or a lone start time
    DAILY_SPAN = "daily-span"  # a span, or a mapping of weekday to span: {Tue: "10:00-12:00", Fri: …}
    DAILY_TEXT = "daily-text"  # a text, or a mapping of weekday to text: {Tue: HS 1, Fri: SR 3}
    WEEKDAY = "weekday"  # Mon .. Sun, or the full name
    WEEKDAYS = "weekdays"  # a list of weekdays
    INTEGER = "integer"
    NUMBER = "number"  # a whole or decimal number: 1.5
    BOOLEAN = "boolean"
    URL = "url"  # http(s), mailto, or relative
    COLOR = "color"  # "#4b2e83" or a CSS color name
    TEXTS = "texts"  # a list of texts, or one text
    DATES = "dates"  # a list of dates
    LINKS = "links"  # a mapping of label to URL (null: announced, not yet there)
    SECTION_LINKS = "section-links"  # as LINKS, or label to a mapping of section to URL
    SHAPE = "shape"  # a mapping with the fields of ``Field.shape``
    SHAPES = "shapes"  # a list of mappings of ``Field.shape``
    KEYED = "keyed"  # a mapping of id to a mapping of ``Field.shape``
    PLANS = "plans"  # a mapping of name to a list of mappings of ``Field.shape``
    NULL = "null"  # nothing: ``key:`` with no value


@dataclass(frozen=True)
class Field:
    """One key of a mapping: the form of its value, whether it must be there, and what it means.

    A field whose value may take another form altogether (``papers``: a mapping,
    or file names) names it in ``or_forms``; one whose entries may be written
    shorter than the shape (a reading as a bare paper key) in ``entry_forms``.
    """

    form: Form
    doc: str
    required: bool = False
    shape: str = ""  # for SHAPE, SHAPES, KEYED and PLANS: the name of the nested shape
    choices: tuple[str, ...] = ()  # a closed set of values
    or_forms: tuple[Form, ...] = ()  # other forms the whole value may take
    entry_forms: tuple[Form, ...] = ()  # SHAPES and KEYED: what an entry may be instead of the shape
    key: Form = Form.TEXT  # KEYED: the form of its keys (a date, an id)


@dataclass(frozen=True)
class Shape:
    """A mapping the file holds in one place: a course, a meeting, a session…"""

    name: str
    doc: str
    fields: dict[str, Field] = field(default_factory=dict)

    @functools.cached_property  # read for each mapping of a file: tens of thousands in a large one
    def keys(self) -> tuple[str, ...]:
        return tuple(self.fields)

    @functools.cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(name for name, spec in self.fields.items() if spec.required)


def _shape(name: str, doc: str, /, **fields: Field) -> Shape:
    return Shape(name, doc, dict(fields))


PAPER_TYPES = ("paper", "book", "chapter", "article", "blog", "code", "video", "notes")
VERSIONS = ("1", "1.0", "1.1")  # every format-1 file means the same in 1.1

COURSE = _shape(
    "course",
    "The course: its id, time zone and term.",
    id=Field(Form.COURSE_ID, "In anchors and calendar UIDs: lower-case letters, digits and '-'.", required=True),
    code=Field(Form.TEXT, 'The course code students know, e.g. "CSE 599o".'),
    title=Field(Form.TEXT, "The course's title."),
    term=Field(Form.TEXT, 'The term, e.g. "Autumn 2025".'),
    institution=Field(Form.TEXT, "The university or school."),
    timezone=Field(Form.TEXT, "An IANA time zone name, e.g. America/Los_Angeles.", required=True),
    start=Field(Form.DATE, "The first day of the term.", required=True),
    end=Field(Form.DATE, "The last day of the term (inclusive).", required=True),
    location=Field(Form.TEXT, "Where meetings are, unless a meeting says otherwise."),
    url=Field(Form.URL, "Where the site is published (else Sphinx's html_baseurl)."),
    week_start=Field(Form.WEEKDAY, "The first day of a calendar week: Mon or Sun."),
    first_week=Field(Form.INTEGER, "The number of the week that holds `start` (some courses count from 0)."),
    default_due_time=Field(Form.TIME, 'The time a deadline due on a date (no time) is due, e.g. "23:59".'),
    workload=Field(
        Form.SHAPE,
        "The most a week should ask: a warning names each week over it, e.g. {pages: 100}.",
        shape="workload",
    ),
)
WORKLOAD = _shape(
    "workload",
    "A week's ceilings: the sums of its required readings, and the hours of the deadlines due in it.",
    pages=Field(Form.INTEGER, "Pages of reading a week may ask."),
    minutes=Field(Form.INTEGER, "Minutes of video or audio a week may ask."),
    hours=Field(Form.NUMBER, "Hours of work the deadlines due in a week may ask."),
)
KIND = _shape(
    "kind",
    "A category of calendar entries: its label and color.",
    label=Field(Form.TEXT, "The name shown in the color key and in feeds."),
    color=Field(Form.COLOR, 'A CSS color, e.g. "#4b2e83".'),
)
PERSON = _shape(
    "person",
    "A member of staff, a guest or a presenter.",
    name=Field(Form.TEXT, "The name as shown.", required=True),
    role=Field(Form.TEXT, 'e.g. "TA" or "guest".'),
    url=Field(Form.URL, "A home page."),
    email=Field(Form.TEXT, "An email address."),
)
CHANGE = _shape(
    "change",
    "One occurrence of a meeting, changed: another time, room, title or day, or cancelled.",
    time=Field(Form.SPAN, 'Another time that day, e.g. "16:30-17:30".'),
    location=Field(Form.TEXT, "Another room."),
    title=Field(Form.TEXT, "Another title."),
    cancelled=Field(Form.BOOLEAN, "It does not happen, and is shown struck through."),
    date=Field(Form.DATE, "Moved to this day (it keeps its identity in calendar feeds)."),
    note=Field(Form.TEXT, "A short note shown with it."),
)
MEETING = _shape(
    "meeting",
    "A weekly recurring meeting: lecture, section, lab, office hours.",
    kind=Field(Form.KIND, "Its kind; default: the meeting's key if that is a kind, else `event`."),
    title=Field(Form.TEXT, "Its title; default: the kind's label."),
    days=Field(Form.WEEKDAYS, "The weekdays it meets, e.g. [Tue, Thu].", required=True),
    time=Field(
        Form.DAILY_SPAN,
        'e.g. "10:00-11:20", or one per weekday: {Tue: "10:00-12:00", Fri: "12:00-14:00"}; '
        "without it, it meets on its days with no clock time.",
    ),
    location=Field(
        Form.DAILY_TEXT, "Where, or where on each weekday: {Tue: HS 1, Fri: SR 3}; default: course.location."
    ),
    **{
        "from": Field(Form.DATE, "The first day it may meet; default: course.start."),
        "until": Field(Form.DATE, "The last day it may meet; default: course.end."),
    },
    every=Field(Form.INTEGER, "Weeks between meetings (2: every other week)."),
    section=Field(Form.TEXT, "The section it belongs to, for courses with several."),
    skip=Field(Form.DATES, "Dates it does not meet, beyond closures."),
    changes=Field(Form.KEYED, "One occurrence, by its date, moved or changed.", shape="change", key=Form.DATE),
    host=Field(Form.TEXTS, "Who holds it: a key of `people` or a name."),
    sessions=Field(Form.TEXT, "The name of the session plan it teaches (when `sessions` names plans)."),
)
CLOSURE = _shape(
    "closure",
    "A day or range with no class: a holiday, a break, a snow day, or a day swap.",
    id=Field(Form.ID, "Default: the first date and a slug of the title."),
    date=Field(Form.DATE, "One day."),
    **{
        "from": Field(Form.DATE, "The first day of a range."),
        "to": Field(Form.DATE, "The last day of a range (inclusive)."),
    },
    title=Field(Form.TEXT, 'e.g. "Thanksgiving".', required=True),
    cancels=Field(Form.TEXTS, "Only these meeting ids or kinds are cancelled; default: every meeting."),
    follows=Field(Form.WEEKDAY, "The day runs this weekday's meetings instead of its own."),
    kind=Field(Form.KIND, "Its kind; default: holiday."),
    url=Field(Form.URL, "A page about it, e.g. the university's announcement; the title links to it."),
    description=Field(Form.TEXT, 'A line shown after the title, e.g. "Kathrin Passig talk".'),
)
READING = _shape(
    "reading",
    "An assigned reading: a paper of the library, or an ad-hoc link.",
    paper=Field(Form.KEY, "A key of `papers`."),
    title=Field(Form.TEXT, "An ad-hoc reading's title (no paper page)."),
    url=Field(Form.URL, "Its link: an ad-hoc reading's, or a deep link into the paper (a chapter, a section)."),
    section=Field(Form.TEXT, 'Which part, shown after its name: "9.5" gives "CIT 9.5", or "Section 3".'),
    pages=Field(
        Form.TEXT,
        'Which pages: "12-30" is shown "pp. 12–30" and counts 19 pages, "7" "p. 7" (one page), other text '
        "as written (no count).",
    ),
    minutes=Field(Form.INTEGER, "How long it takes, in minutes (a video, a podcast); over the paper's `minutes`."),
    label=Field(Form.TEXT, 'Shown before it, e.g. "Paper 1".'),
    text=Field(Form.TEXT, "Shown instead of the paper's citation label."),
    optional=Field(Form.BOOLEAN, "An optional reading."),
    note=Field(Form.TEXT, 'Shown after it, e.g. "sections 1-5".'),
    presenters=Field(Form.TEXTS, "Who presents it: keys of `people` or names."),
)
SESSION = _shape(
    "session",
    "One entry of the lecture plan; without `date` it takes the next free slot.",
    id=Field(Form.ID, "Default: <meeting>-<n>. Give one when pages or feeds refer to it."),
    title=Field(Form.TEXT, "The topic.", required=True),
    unit=Field(Form.TEXT, "An id of `units`, or a heading's text."),
    readings=Field(
        Form.SHAPES, "Its readings: paper keys or reading mappings.", shape="reading", entry_forms=(Form.KEY,)
    ),
    links=Field(Form.SECTION_LINKS, "Materials: label to URL (null: TBA), or label to a mapping of section to URL."),
    date=Field(Form.DATE, "Pinned to this day; later sessions continue from it."),
    time=Field(Form.SPAN, "Another time than its meeting's."),
    location=Field(Form.TEXT, "Another room than its meeting's."),
    presenters=Field(Form.TEXTS, "Who presents: keys of `people` or names."),
    guests=Field(Form.TEXTS, "Guest lecturers: keys of `people` or names."),
    description=Field(Form.TEXT, "A longer description (inline markup of the page's language)."),
    notes=Field(Form.TEXT, "A short note for the Notes column."),
    tags=Field(Form.TEXTS, "Free tags."),
    page=Field(Form.TEXT, "The document name of its lecture notes, e.g. lectures/01-overview."),
    numbered=Field(Form.BOOLEAN, 'false: left out of the "Class N" numbering.'),
    cancelled=Field(Form.BOOLEAN, "It keeps its slot and is shown struck through."),
    kind=Field(Form.KIND, "Its kind; default: its meeting's kind."),
    **{
        "with": Field(
            Form.ID,
            "previous: it shares the slot of the session before it, as a second item of one class "
            "(not numbered unless `numbered: true`).",
            choices=("previous",),
        )
    },
)
DEADLINE = _shape(
    "deadline",
    "A due date, with an optional release date.",
    id=Field(Form.ID, "Default: a slug of the title. Give one when pages or feeds refer to it."),
    title=Field(Form.TEXT, 'e.g. "HW1".', required=True),
    due=Field(Form.MOMENT, '"2025-10-24 23:59", or a date for "due that day".', required=True),
    released=Field(Form.MOMENT, "When it is released: adds a release entry."),
    was=Field(Form.MOMENT, "The old due moment, shown struck through."),
    url=Field(Form.URL, "The assignment's page."),
    kind=Field(Form.KIND, "Its kind; default: deadline."),
    notes=Field(Form.TEXT, 'A short note, e.g. "no grace period".'),
    hours=Field(Form.NUMBER, "The hours of work it asks, expected (counted in the week it is due), e.g. 6."),
)
EVENT = _shape(
    "event",
    "A one-off event: an exam, a review session, a social.",
    id=Field(Form.ID, "Default: a slug of the title and the date."),
    title=Field(Form.TEXT, 'e.g. "Final exam".', required=True),
    date=Field(Form.DATE, "The day (the first day, with `to`).", required=True),
    to=Field(Form.DATE, "The last day of an event that spans days (with `meeting`/`replaces`: of its window)."),
    meeting=Field(
        Form.TEXTS,
        "Held in these meetings (ids or kinds): in each one's first slot from `date` to `to`, at that slot's "
        "time and room; the meeting still takes place.",
    ),
    replaces=Field(
        Form.TEXTS,
        "Takes these meetings' (ids or kinds) first slot from `date` to `to`, at its time and room: the "
        "meeting's own entry gives way, and its plan moves on by one slot.",
    ),
    time=Field(Form.SPAN, 'e.g. "08:30-10:20".'),
    location=Field(Form.TEXT, "Where."),
    kind=Field(Form.KIND, "Its kind; default: event."),
    url=Field(Form.URL, "A page about it."),
    description=Field(Form.TEXT, "A longer description."),
    notes=Field(Form.TEXT, "A short note."),
)
UNIT = _shape(
    "unit",
    "A heading that groups sessions.",
    id=Field(Form.ID, "Sessions name it in `unit`.", required=True),
    title=Field(Form.TEXT, "The heading.", required=True),
    description=Field(Form.TEXT, "A line under the heading."),
)
PAPER = _shape(
    "paper",
    "A work in the readings library.",
    title=Field(Form.TEXT, "The title.", required=True),
    authors=Field(Form.TEXTS, 'The authors, e.g. [Ashish Vaswani, Noam Shazeer] or "Cruz, Ana de la".'),
    year=Field(Form.INTEGER, "The year."),
    venue=Field(Form.TEXT, "Where it appeared."),
    url=Field(Form.URL, "Where to read it; default: from `doi` or `eprint`."),
    doi=Field(Form.TEXT, "A DOI."),
    eprint=Field(Form.TEXT, "An arXiv id."),
    short=Field(Form.TEXT, 'The citation label; default from authors and year, e.g. "Vaswani+ 2017".'),
    type=Field(Form.TEXT, "What kind of work it is.", choices=PAPER_TYPES),
    tags=Field(Form.TEXTS, "Tags; a reading list can show one tag's papers."),
    abstract=Field(Form.TEXT, "The abstract, shown on its page."),
    links=Field(Form.LINKS, "More links: label to URL."),
    pages=Field(Form.INTEGER, "How many pages it has: a reading of the whole paper counts them."),
    minutes=Field(Form.INTEGER, "How long it runs, in minutes (a video, a talk, a podcast)."),
)
TOP = _shape(
    "schedule",
    "A course's schedule (format 1.1).",
    version=Field(Form.TEXT, "The format version: 1, or 1.1 when it uses a form 1.1 adds.", choices=VERSIONS),
    course=Field(Form.SHAPE, "The course: id, time zone and term.", required=True, shape="course"),
    kinds=Field(
        Form.KEYED,
        "Event categories: color key, filters and feed categories (a built-in kind may be named alone).",
        shape="kind",
        entry_forms=(Form.NULL,),
        key=Form.ID,
    ),
    people=Field(
        Form.KEYED,
        "Staff, guests and presenters, by key (a mapping, or just a name).",
        shape="person",
        entry_forms=(Form.TEXT,),
    ),
    meetings=Field(Form.KEYED, "Weekly recurring meetings, by id.", shape="meeting", key=Form.ID),
    closures=Field(Form.SHAPES, "Holidays, breaks, cancelled days and day swaps.", shape="closure"),
    sessions=Field(
        Form.SHAPES,
        "The lecture plan in order, placed onto meeting slots (or a mapping of plan name to plan).",
        shape="session",
        or_forms=(Form.PLANS,),
    ),
    deadlines=Field(Form.SHAPES, "Due dates, with optional release dates.", shape="deadline"),
    events=Field(Form.SHAPES, "One-off events.", shape="event"),
    units=Field(Form.SHAPES, "Group headings for sessions.", shape="unit"),
    papers=Field(
        Form.KEYED,
        "The readings library: an inline mapping of key to paper, or file names (.yaml, .yml, .bib).",
        shape="paper",
        or_forms=(Form.TEXTS,),
        key=Form.KEY,
    ),
)

SHAPES: dict[str, Shape] = {
    shape.name: shape
    for shape in (
        TOP, COURSE, WORKLOAD, KIND, PERSON, MEETING, CHANGE, CLOSURE, SESSION, READING, DEADLINE, EVENT, UNIT, PAPER,
    )
}  # fmt: skip

# Fields whose text may span lines; every other text is one line (ids, titles, rooms).
MULTILINE = frozenset({"description", "notes", "abstract"})

# What a required field looks like, for "needs `x`" messages.
FIELD_EXAMPLES = {
    "id": "id: cse599o",
    "timezone": "timezone: America/Los_Angeles",
    "start": "start: 2025-09-22",
    "end": "end: 2025-12-12",
    "days": "days: [Tue, Thu]",
    "title": "title: Intro and Transformers",
    "due": 'due: "2025-10-24 23:59"',
    "date": "date: 2025-11-11",
    "name": "name: Kan Zhu",
    "course": "course: {id: ..., timezone: ..., start: ..., end: ...}",
}
