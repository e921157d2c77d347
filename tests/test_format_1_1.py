"""Format 1.1: what real course pages need, each form on a small real-shaped case placed exactly.

Calendar used throughout (2026): Mon Jan 5 is the first day of term; Jan 6 is
a Tuesday, Jan 9 a Friday, Feb 16 a Monday.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from sphinxcontrib_coursecal import ics
from sphinxcontrib_coursecal.engine import Schedule, Subtype, load_schedule, load_schedule_text, yamlfile

D = dt.date
BERLIN = ZoneInfo("Europe/Berlin")
T = dt.time


def build(*parts: str, course: str = "") -> Schedule:
    """A schedule from YAML parts (each dedented on its own); ``course`` adds course fields."""
    head = textwrap.dedent(
        """\
        course:
          id: demo
          timezone: Europe/Berlin
          start: 2026-01-05
          end: 2026-02-27
        """
    )
    return load_schedule_text(head + course + "".join(textwrap.dedent(part) for part in parts))


def plan(n: int) -> str:
    return "sessions:\n" + "".join(f"  - {{id: s{i}, title: Session {i}}}\n" for i in range(1, n + 1))


def messages(schedule: Schedule) -> list[str]:
    return [f"{d.location.line} {d.severity.value} {d.subtype.value}: {d.message}" for d in schedule.diagnostics]


# -- YAML's flow mappings and real titles ----------------------------------------------------

QUESTION = """\
course: {id: demo, timezone: UTC, start: 2026-01-05, end: 2026-02-27}
meetings:
  lecture: {days: [Tue], time: "10:00-11:00"}
sessions:
  - {title: What is NLP?, id: nlp}
"""


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_a_question_mark_in_a_flow_title(loader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml reads the title; PyYAML's own loader cannot, and then says to quote it, at its line."""
    if not hasattr(yaml, loader):
        pytest.skip(f"PyYAML is built without {loader}")
    monkeypatch.setattr(yamlfile, "LOADER", getattr(yaml, loader))
    schedule = load_schedule_text(QUESTION)
    if loader == "CSafeLoader":
        assert schedule.diagnostics == ()
        assert schedule.sessions[0].title == "What is NLP?"
    else:
        (diagnostic,) = schedule.diagnostics
        assert (diagnostic.subtype, diagnostic.location.line) == (Subtype.YAML, 5)
        assert diagnostic.message.startswith("a '?' inside {…} is YAML syntax, not text: quote the title")


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("  - {title: ?, id: tba}\n", "a '?' inside {…} is YAML syntax"),
        ("  - title: ?\n", "a value that starts with '?' is YAML syntax, not text: quote it"),
        ("  - {title: Intro, readings: [What is NLP?]}\n", "a '?' inside […]"),
    ],
)
def test_a_question_mark_yaml_cannot_read_says_quote_it(
    loader: str, text: str, says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(yaml, loader):
        pytest.skip(f"PyYAML is built without {loader}")
    monkeypatch.setattr(yamlfile, "LOADER", getattr(yaml, loader))
    schedule = load_schedule_text(QUESTION.rsplit("  - ", 1)[0] + text)
    if loader == "CSafeLoader" and "[" in text:
        return  # libyaml reads "What is NLP?" in a flow list as text
    (diagnostic,) = schedule.diagnostics
    assert (diagnostic.subtype, diagnostic.location.line) == (Subtype.YAML, 5)
    assert says in diagnostic.message


def test_a_comma_in_a_flow_title_says_quote_it() -> None:
    schedule = load_schedule_text(QUESTION.replace("What is NLP?", "Logistic Regression, Part 2"))
    assert messages(schedule) == [
        "5 error unknown-key: session 1 has no field 'Part 2'; a ',' inside {…} ends a value: "
        "if 'Part 2' belongs to the text before it, quote that"
    ]


def test_a_misspelled_field_in_a_flow_mapping_is_not_taken_for_a_split_title() -> None:
    schedule = load_schedule_text(QUESTION.replace("id: nlp", "tiem"))
    assert [d.message for d in schedule.diagnostics] == ["session 1 has no field 'tiem'; did you mean 'time'?"]


# -- item 9: due on a date, and the course's default due time ---------------------------------

DEADLINES = """\
deadlines:
  - {id: a1, title: A1, due: 2026-01-16}
  - {id: a2, title: A2, due: "2026-01-23 12:00", was: 2026-01-22}
  - {id: a3, title: A3, due: 2026-01-30, released: 2026-01-23}
"""


def test_a_date_is_due_that_day_without_a_default_time() -> None:
    schedule = build(DEADLINES)
    assert schedule.diagnostics == ()
    assert [d.due for d in schedule.deadlines][0::2] == [D(2026, 1, 16), D(2026, 1, 30)]
    due = next(o for o in schedule.occurrences if o.uid == "deadline-a1")
    assert due.all_day


def test_a_date_takes_the_default_due_time() -> None:
    schedule = build(DEADLINES, course='  default_due_time: "23:59"\n')
    assert schedule.diagnostics == ()
    by_id = {d.id: d for d in schedule.deadlines}
    assert by_id["a1"].due == dt.datetime(2026, 1, 16, 23, 59, tzinfo=BERLIN)
    assert by_id["a2"].due == dt.datetime(2026, 1, 23, 12, 0, tzinfo=BERLIN)
    assert by_id["a2"].was == dt.datetime(2026, 1, 22, 23, 59, tzinfo=BERLIN)
    assert by_id["a3"].released == D(2026, 1, 23)  # a release on a date stays a day
    due = next(o for o in schedule.occurrences if o.uid == "deadline-a1")
    assert due.start is not None
    assert due.start.isoformat() == "2026-01-16T23:59:00+01:00"


def test_a_default_due_time_that_is_a_span_says_so() -> None:
    schedule = build(DEADLINES, course='  default_due_time: "23:00-23:59"\n')
    assert messages(schedule) == [
        "6 error value: `course.default_due_time`: '23:00-23:59' is a span of time; "
        'write one time, e.g. "14:30", "2:30 pm" or "2pm"'
    ]
    assert schedule.deadlines[0].due == D(2026, 1, 16)


# -- item 7: a closure with a link and text ---------------------------------------------------

LECTURE = """\
meetings:
  lecture: {days: [Tue, Fri], time: "10:00-12:00", location: HS 1}
"""


def test_a_closure_takes_a_url_and_a_description() -> None:
    schedule = build(
        LECTURE,
        """\
        closures:
          - date: 2026-01-13
            title: No class
            description: Kathrin Passig talk
            url: https://www.example.edu/news/passig
          - {date: 2026-01-16, title: "No class", url: "javascript:alert(1)"}
        """,
    )
    assert messages(schedule) == [
        "13 error link: `url` of the closure '2026-01-16-no-class': 'javascript:alert(1)' is not an http, "
        "https, mailto or relative link; it is dropped"
    ]
    talk, other = schedule.closures
    assert (talk.title, talk.description, talk.url) == (
        "No class",
        "Kathrin Passig talk",
        "https://www.example.edu/news/passig",
    )
    assert other.url == ""


def test_a_closure_feed_event_says_its_description_and_link() -> None:
    schedule = build(
        LECTURE,
        "closures:\n  - {date: 2026-01-13, title: No class, description: Kathrin Passig talk, url: https://example.edu/p}\n",
    )
    closure = next(o for o in schedule.occurrences if o.closure is not None)
    assert ics.description(schedule, closure, None, ics.Labels()) == "Kathrin Passig talk\nhttps://example.edu/p"


# -- item 4: a reading's own link and place ----------------------------------------------------

READINGS = """\
papers:
  cit: {title: Computing in Theory, authors: [Ada Lovelace], year: 2020, short: CIT, type: book,
        url: "https://example.org/cit/"}
sessions:
  - id: search
    title: Search
    readings:
      - {paper: cit, section: "9.5", url: "https://example.org/cit/ch9.html#9.5"}
      - {paper: cit, pages: 12-30, note: skim}
      - {title: A blog post, url: "https://example.org/blog", section: Part 2, pages: "7"}
"""


def test_a_reading_takes_a_deep_link_a_section_and_pages() -> None:
    schedule = build(LECTURE, READINGS)
    assert schedule.diagnostics == ()
    deep, pages, blog = schedule.sessions[0].spec.readings
    assert (deep.paper, deep.section, deep.url) == ("cit", "9.5", "https://example.org/cit/ch9.html#9.5")
    assert (pages.paper, pages.pages, pages.url) == ("cit", "12-30", None)
    assert (blog.title, blog.section, blog.pages) == ("A blog post", "Part 2", "7")
    # A deep link still assigns the paper: its page and reading lists know the session.
    assert [a.reading.section for a in schedule.assignments("cit")] == ["9.5", ""]


def test_a_feed_names_the_section_and_pages_and_links_deep() -> None:
    schedule = build(LECTURE, READINGS)
    session = next(o for o in schedule.occurrences if o.session is not None)
    assert ics.description(schedule, session, None, ics.Labels()).splitlines()[1:] == [
        "Readings:",
        "- CIT 9.5 \u2014 Computing in Theory <https://example.org/cit/ch9.html#9.5>",
        "- CIT \u2014 Computing in Theory, pp. 12\u201330 (skim) <https://example.org/cit/>",
        "- A blog post Part 2, p. 7 <https://example.org/blog>",
    ]


def test_reading_pages_must_be_text() -> None:
    schedule = build(LECTURE, READINGS.replace("pages: 12-30", "pages: [12, 30]"))
    assert messages(schedule) == [
        "16 error type: `pages` of a reading of the session 'search' must be text, not a list"
    ]


# -- item 5: per-section materials on a shared plan --------------------------------------------

SECTIONS = """\
meetings:
  lecture-8am: {kind: lecture, section: 8AM, days: [Tue, Thu], time: "08:00-08:50", sessions: lectures}
  lecture-1pm: {kind: lecture, section: 1PM, days: [Tue, Thu], time: "13:00-13:50", sessions: lectures}
"""
ANNOTATED = """\
sessions:
  lectures:
    - id: dp
      title: Dynamic programming
      links:
        Slides: https://example.org/13.pdf
        Annotated:
          8AM: https://example.org/13-8am.pdf
          1PM:
"""


def test_a_link_may_differ_by_section() -> None:
    schedule = build(SECTIONS, ANNOTATED)
    assert schedule.diagnostics == ()
    links = {s.section: [(link.label, link.url) for link in s.links] for s in schedule.sessions}
    assert links == {
        "8AM": [("Slides", "https://example.org/13.pdf"), ("Annotated", "https://example.org/13-8am.pdf")],
        "1PM": [("Slides", "https://example.org/13.pdf"), ("Annotated", None)],  # announced, not there yet
    }
    assert [link.section for link in schedule.sessions[0].spec.links] == ["", "8AM", "1PM"]


def test_each_sections_feed_event_has_its_own_link() -> None:
    schedule = build(SECTIONS, ANNOTATED)
    described = {
        o.section: ics.description(schedule, o, None, ics.Labels()).splitlines()[-1]
        for o in schedule.occurrences
        if o.session is not None
    }
    assert described == {"8AM": "- Annotated: https://example.org/13-8am.pdf", "1PM": "- Annotated: TBA"}


def test_a_link_for_a_section_no_meeting_has() -> None:
    schedule = build(SECTIONS, ANNOTATED.replace("1PM:", "1pm:"))
    assert messages(schedule) == [
        "17 error reference: the link 'Annotated' of `links` of the session 'dp' is for the section '1pm', "
        "which no meeting has; did you mean '1PM'?"
    ]
    assert [link.section for link in schedule.sessions[0].spec.links] == ["", "8AM"]


def test_a_link_for_a_section_in_a_course_without_sections() -> None:
    schedule = build(LECTURE, ANNOTATED.replace("  lectures:\n    ", "  ").replace("\n      ", "\n    "))
    assert [m.split(", which")[1] for m in messages(schedule)] == [" no meeting has; no meeting has a `section`"] * 2


# -- item 1: one plan over weekdays at different times ------------------------------------------

TWO_TIMES = """\
meetings:
  lecture:
    days: [Tue, Fri]
    time: {Tue: "10:00-12:00", Fri: "12:00-14:00"}
    location: {Tue: HS 1, Fri: SR 3}
"""


def placed(schedule: Schedule) -> list[tuple[dt.date, str, str, str]]:
    """Each session: day, local start-end and room."""
    found = []
    for session in schedule.sessions:
        assert session.start is not None
        assert session.end is not None
        found.append((session.date, f"{session.start:%H:%M}-{session.end:%H:%M}", session.location, session.id))
    return found


def test_one_plan_over_weekdays_at_different_times_and_rooms() -> None:
    schedule = build(TWO_TIMES, plan(4))
    assert schedule.diagnostics == ()
    assert placed(schedule) == [
        (D(2026, 1, 6), "10:00-12:00", "HS 1", "s1"),
        (D(2026, 1, 9), "12:00-14:00", "SR 3", "s2"),
        (D(2026, 1, 13), "10:00-12:00", "HS 1", "s3"),
        (D(2026, 1, 16), "12:00-14:00", "SR 3", "s4"),
    ]
    # Nothing is a change: a Friday is a Friday, not a Tuesday moved (feeds keep SEQUENCE 0).
    assert not any(o.changed for o in schedule.occurrences)
    assert {ics.sequence(o) for o in schedule.occurrences} == {0}
    rest = [o for o in schedule.occurrences if o.session is None and o.meeting == "lecture"]
    assert {(o.date.weekday(), f"{o.start:%H:%M}", o.location) for o in rest} == {
        (1, "10:00", "HS 1"),
        (4, "12:00", "SR 3"),
    }


def test_a_swapped_day_takes_the_time_of_the_weekday_it_follows() -> None:
    schedule = build(
        TWO_TIMES, 'closures:\n  - {date: 2026-01-13, title: "Tuesday, Friday schedule", follows: Fri}\n', plan(3)
    )
    assert placed(schedule)[2] == (D(2026, 1, 13), "12:00-14:00", "SR 3", "s3")


def test_a_change_keeps_that_weekdays_time_unless_it_gives_one() -> None:
    schedule = build(
        TWO_TIMES + '    changes:\n      2026-01-09: {location: HS 2}\n      2026-01-13: {time: "14:00-16:00"}\n',
        plan(3),
    )
    assert placed(schedule) == [
        (D(2026, 1, 6), "10:00-12:00", "HS 1", "s1"),
        (D(2026, 1, 9), "12:00-14:00", "HS 2", "s2"),
        (D(2026, 1, 13), "14:00-16:00", "HS 1", "s3"),
    ]


def test_a_room_per_weekday_with_one_time_and_a_course_room_for_the_rest() -> None:
    schedule = build(
        'meetings:\n  lecture: {days: [Tue, Fri], time: "10:00-12:00", location: {Fri: SR 3}}\n',
        plan(2),
        course="  location: HS 1\n",
    )
    assert schedule.diagnostics == ()
    assert [(s.location, f"{s.start:%H:%M}") for s in schedule.sessions] == [("HS 1", "10:00"), ("SR 3", "10:00")]


def test_a_session_pinned_off_the_pattern_needs_its_own_time() -> None:
    schedule = build(TWO_TIMES, "sessions:\n  - {id: makeup, title: Make-up, date: 2026-01-10}\n")
    assert messages(schedule) == [
        "12 warning value: the session 'makeup' is pinned to Sat 2026-01-10, and the meeting 'lecture' gives no "
        "time for that weekday (its `time` is given per weekday); give the session a `time`"
    ]
    assert schedule.sessions[0].start is None


@pytest.mark.parametrize(
    ("mapping", "says"),
    [
        (
            '{Tue: "10:00-12:00", Wed: "12:00-14:00"}',
            "9 error value: `time` of the meeting 'lecture' gives Wed, but "
            "the meeting meets on Tue, Fri; add the day to `days`, or remove it here",
        ),
        (
            '{Tue: "10:00-12:00"}',
            "9 error missing: `time` of the meeting 'lecture' gives no time for Fri, which it "
            'meets on; add `Fri: "10:00-11:30"` (its real time), or remove the day from `days`',
        ),
        (
            '{Tu: "10:00-12:00", Fri: "12:00-14:00"}',
            "9 error value: `time` of the meeting 'lecture': 'Tu' is not a "
            "weekday; write Mon, Tue, Wed, Thu, Fri, Sat or Sun (or the full name)",
        ),
        (
            '{Tue: "10:00-12:00", Tuesday: "11:00-12:00", Fri: "12:00-14:00"}',
            "9 error duplicate: `time` of the meeting 'lecture' gives Tue twice; keep one",
        ),
        (
            '{Tue: "12:00-10:00", Fri: "12:00-14:00"}',
            "9 error range: `time` of the meeting 'lecture' on Tue: the "
            'end 10:00 is before the start 12:00; if you mean 10:00 pm, write "12:00-22:00"',
        ),
    ],
)
def test_a_time_per_weekday_misused(mapping: str, says: str) -> None:
    schedule = build(f"meetings:\n  lecture:\n    days: [Tue, Fri]\n    time: {mapping}\n", plan(2))
    assert messages(schedule) == [says]


# -- item 3: two agenda items in one meeting ---------------------------------------------------

SHARED_SLOT = """\
sessions:
  - {id: intro, title: Introduction}
  - {id: guest-a, title: "Guest Lecture [A]", kind: guest-lecture}
  - {id: guest-b, title: "Guest Lecture [B]", kind: guest-lecture, with: previous}
  - {id: search, title: Search}
  - {id: quiz, title: Quiz 1, kind: exam, with: previous, time: "11:30-12:00"}
  - {id: games, title: Games}
"""


def items(schedule: Schedule) -> list[tuple[str, dt.date, str, int | None, str]]:
    found = []
    for session in schedule.sessions:
        assert session.start is not None
        assert session.end is not None
        span = f"{session.start:%H:%M}-{session.end:%H:%M}"
        found.append((session.id, session.date, span, session.number, session.joins))
    return found


def test_sessions_that_share_a_slot_are_two_items_of_one_numbered_class() -> None:
    schedule = build(LECTURE, SHARED_SLOT)
    assert schedule.diagnostics == ()
    assert items(schedule) == [
        ("intro", D(2026, 1, 6), "10:00-12:00", 1, ""),
        ("guest-a", D(2026, 1, 9), "10:00-12:00", 2, ""),
        ("guest-b", D(2026, 1, 9), "10:00-12:00", None, "guest-a"),
        ("search", D(2026, 1, 13), "10:00-12:00", 3, ""),
        ("quiz", D(2026, 1, 13), "11:30-12:00", None, "search"),  # its own time within the slot
        ("games", D(2026, 1, 16), "10:00-12:00", 4, ""),
    ]
    # Each is its own feed event; nothing moved, so nothing has a SEQUENCE.
    feed = [o for o in schedule.occurrences if o.session is not None]
    assert [o.uid for o in feed] == [f"session-{s}" for s in ("intro", "guest-a", "guest-b", "search", "quiz", "games")]
    assert {ics.sequence(o) for o in schedule.occurrences} == {0}
    # The slots after the plan stay plain meetings: sharing took no slot.
    assert next(o.date for o in schedule.occurrences if o.meeting == "lecture" and o.session is None) == D(2026, 1, 20)


def test_a_closure_moves_a_shared_slot_whole() -> None:
    schedule = build(LECTURE, "closures:\n  - {date: 2026-01-09, title: Snow day}\n", SHARED_SLOT)
    dates = {session.id: (session.date, session.moved) for session in schedule.sessions}
    assert dates["guest-a"] == dates["guest-b"] == (D(2026, 1, 13), 1)
    assert dates["quiz"] == (D(2026, 1, 16), 1)


def test_a_shared_slot_that_does_not_fit_is_left_out_whole() -> None:
    schedule = build(LECTURE.replace("Fri]", "Fri], until: 2026-01-13"), SHARED_SLOT)
    assert [s.id for s in schedule.sessions] == ["intro", "guest-a", "guest-b", "search", "quiz"]
    assert messages(schedule) == [
        "14 error overfull: the session 'games' does not fit: the meeting 'lecture' has 3 free slots, the last on "
        "2026-01-13, and the plan has 6 sessions, so 1 is left over; extend the meeting's `until`, add meeting "
        "days, or remove sessions"
    ]
    short = build(LECTURE.replace("Fri]", "Fri], until: 2026-01-09"), SHARED_SLOT)
    assert [s.id for s in short.sessions] == ["intro", "guest-a", "guest-b"]
    assert "so 3 are left over" in messages(short)[0]


def test_sections_share_slots_each_in_their_own() -> None:
    schedule = build(SECTIONS, SHARED_SLOT.replace("sessions:\n", "sessions:\n  lectures:\n").replace("  - ", "    - "))
    b = [(s.anchor, s.date, s.number, s.joins) for s in schedule.sessions if s.section == "1PM"][1:3]
    assert b == [
        ("lecture-1pm-guest-a", D(2026, 1, 8), 2, ""),
        ("lecture-1pm-guest-b", D(2026, 1, 8), None, "lecture-1pm-guest-a"),
    ]


def test_a_shared_slot_may_still_be_numbered() -> None:
    schedule = build(LECTURE, SHARED_SLOT.replace("with: previous}", "with: previous, numbered: true}", 1))
    assert [s.number for s in schedule.sessions] == [1, 2, 3, 4, None, 5]


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            ("{id: intro, title: Introduction}", "{id: intro, title: Introduction, with: previous}"),
            "9 error value: the session 'intro' is the first of its plan: there is no session before it to share "
            "a slot with; remove `with`",
        ),
        (
            ("with: previous}", "with: next}"),
            "11 error value: `with` of the session 'guest-b' is 'next'; write `with: previous` to share the slot "
            "of the session before it",
        ),
        (
            ("with: previous}", "with: previous, date: 2026-01-20}"),
            "11 error type: the session 'guest-b' has `with: previous`, so it takes the slot of the session before "
            "it; remove `date` (or `with`, to pin it on its own)",
        ),
    ],
)
def test_a_shared_slot_misused(change: tuple[str, str], says: str) -> None:
    schedule = build(LECTURE, SHARED_SLOT.replace(*change, 1))
    assert messages(schedule) == [says]


# -- items 6 and 10: events held in each section's meeting; an exam that replaces a class ----------


def agenda(schedule: Schedule, first: dt.date, last: dt.date) -> list[tuple[str, str, str, str, str]]:
    """What is on the calendar between two days: date, time, title, room, section."""
    found = []
    for o in schedule.select(first=first, last=last):
        when = f"{o.start:%H:%M}-{o.end:%H:%M}" if o.start is not None and o.end is not None else ""
        found.append((o.date.isoformat(), when, o.title, o.location, o.section))
    return found


def test_an_exam_replaces_a_class_in_one_line_and_the_plan_moves_on() -> None:
    schedule = build(
        LECTURE, plan(5), "events:\n  - {title: Midterm, date: 2026-01-13, replaces: lecture, kind: exam}\n"
    )
    assert schedule.diagnostics == ()
    assert agenda(schedule, D(2026, 1, 6), D(2026, 1, 23)) == [
        ("2026-01-06", "10:00-12:00", "Session 1", "HS 1", ""),
        ("2026-01-09", "10:00-12:00", "Session 2", "HS 1", ""),
        ("2026-01-13", "10:00-12:00", "Midterm", "HS 1", ""),  # the lecture's slot, time and room
        ("2026-01-16", "10:00-12:00", "Session 3", "HS 1", ""),
        ("2026-01-20", "10:00-12:00", "Session 4", "HS 1", ""),
        ("2026-01-23", "10:00-12:00", "Session 5", "HS 1", ""),
    ]
    assert [(s.number, s.moved) for s in schedule.sessions] == [(1, 0), (2, 0), (3, 1), (4, 1), (5, 1)]
    exam = next(o for o in schedule.occurrences if o.event is not None)
    assert (exam.uid, exam.kind, exam.meeting) == ("event-midterm-2026-01-13-lecture", "exam", "lecture")


DISCUSSIONS = """\
meetings:
  lecture: {days: [Tue, Fri], time: "10:00-12:00", location: HS 1}
  dis-101: {kind: section, section: "101", days: [Wed], time: "09:00-09:50", location: Room 1}
  dis-102: {kind: section, section: "102", days: [Thu], time: "14:00-14:50", location: Room 2}
"""
QUIZ = "events:\n  - {id: quiz-1, title: Quiz 1, date: 2026-01-12, to: 2026-01-16, %s: section, kind: exam}\n"


def test_a_quiz_administered_in_each_discussion_section() -> None:
    schedule = build(DISCUSSIONS, plan(2), QUIZ % "meeting")
    assert schedule.diagnostics == ()
    week = [item for item in agenda(schedule, D(2026, 1, 12), D(2026, 1, 16)) if item[4]]
    assert week == [
        ("2026-01-14", "09:00-09:50", "Section", "Room 1", "101"),  # the section still meets…
        ("2026-01-14", "09:00-09:50", "Quiz 1", "Room 1", "101"),  # …and the quiz is held in it
        ("2026-01-15", "14:00-14:50", "Section", "Room 2", "102"),
        ("2026-01-15", "14:00-14:50", "Quiz 1", "Room 2", "102"),
    ]
    quizzes = [o for o in schedule.occurrences if o.event is not None]
    assert [o.uid for o in quizzes] == ["event-quiz-1-dis-101", "event-quiz-1-dis-102"]
    # Each section's feed has its own quiz only.
    feed = next(f for f in ics.feeds(schedule) if f.section == "101")
    assert [o.uid for o in schedule.occurrences if o.event is not None and feed.keeps(o)] == ["event-quiz-1-dis-101"]


def test_a_quiz_that_takes_the_discussion_slot() -> None:
    schedule = build(DISCUSSIONS, plan(2), QUIZ % "replaces")
    week = [item for item in agenda(schedule, D(2026, 1, 12), D(2026, 1, 16)) if item[4]]
    assert week == [
        ("2026-01-14", "09:00-09:50", "Quiz 1", "Room 1", "101"),
        ("2026-01-15", "14:00-14:50", "Quiz 1", "Room 2", "102"),
    ]


def test_a_midterm_in_each_lecture_sections_own_slot_pushes_each_plan() -> None:
    schedule = build(
        SECTIONS,
        "sessions:\n  lectures:\n" + "".join(f"    - {{id: s{i}, title: Session {i}}}\n" for i in range(1, 5)),
        "events:\n  - {id: midterm, title: Midterm, date: 2026-01-13, replaces: lecture, kind: exam}\n",
    )
    assert schedule.diagnostics == ()
    day = agenda(schedule, D(2026, 1, 13), D(2026, 1, 15))
    assert day == [
        ("2026-01-13", "08:00-08:50", "Midterm", "", "8AM"),
        ("2026-01-13", "13:00-13:50", "Midterm", "", "1PM"),
        ("2026-01-15", "08:00-08:50", "Session 3", "", "8AM"),
        ("2026-01-15", "13:00-13:50", "Session 3", "", "1PM"),
    ]
    assert [s.number for s in schedule.sessions if s.section == "8AM"] == [1, 2, 3, 4]


def test_sections_on_other_days_need_the_window_to_take_in_each() -> None:
    schedule = build(
        DISCUSSIONS, plan(2), "events:\n  - {id: quiz-1, title: Quiz 1, date: 2026-01-14, replaces: section}\n"
    )
    assert messages(schedule) == [
        "14 warning value: the event 'quiz-1' replaces 'dis-102' on 2026-01-14, but it does not meet then "
        "(dis-102 meets Thu), so section 102 has no 'Quiz 1'; give `to` to take in each one's day, or name "
        "only the meetings that hold it"
    ]
    assert [(o.date, o.section) for o in schedule.occurrences if o.event is not None] == [(D(2026, 1, 14), "101")]


@pytest.mark.parametrize(
    ("event", "says"),
    [
        (
            "{title: Midterm, date: 2026-01-14, replaces: lecture}",
            "14 error value: the event 'midterm-2026-01-14' replaces 'lecture' on 2026-01-14, but it does not meet "
            "then (lecture meets Tue, Fri; closures applied); use a day it meets, or give `to` to take in each "
            "one's day",
        ),
        (
            "{title: Midterm, date: 2026-01-13, replaces: lectures}",
            "14 error reference: `replaces` of the event 'midterm-2026-01-13': 'lectures' is neither a meeting id "
            "nor the kind of a meeting; did you mean 'lecture'?",
        ),
        (
            "{title: Lab exam, date: 2026-01-13, replaces: lab}",
            "14 error reference: `replaces` of the event 'lab-exam-2026-01-13': 'lab' is neither a meeting id nor "
            "the kind of a meeting (a kind no meeting has); known: dis-101, dis-102, lecture, section",
        ),
        (
            "{title: Midterm, date: 2026-01-13, replaces: lecture, meeting: lecture}",
            "14 error type: the event 'midterm-2026-01-13' has `meeting` and `replaces`; give one: `meeting` holds "
            "it during the meeting, `replaces` gives it the meeting's slot",
        ),
    ],
)
def test_an_event_in_a_meetings_slot_misused(event: str, says: str) -> None:
    schedule = build(DISCUSSIONS, plan(2), f"events:\n  - {event}\n")
    assert messages(schedule) == [says]


def test_two_events_cannot_replace_one_slot() -> None:
    schedule = build(
        LECTURE,
        plan(2),
        "events:\n  - {id: midterm, title: Midterm, date: 2026-01-13, replaces: lecture}\n"
        "  - {id: quiz, title: Quiz, date: 2026-01-13, replaces: lecture}\n",
    )
    assert messages(schedule) == [
        "13 error conflict: the event 'quiz' replaces the 'lecture' slot on 2026-01-13, which the event 'midterm' "
        "replaces already; give one of them another date"
    ]


def test_a_session_pinned_to_a_replaced_slot_is_placed_with_a_warning() -> None:
    schedule = build(
        LECTURE,
        "sessions:\n  - {id: review, title: Review, date: 2026-01-13}\n",
        "events:\n  - {id: midterm, title: Midterm, date: 2026-01-13, replaces: lecture}\n",
    )
    assert messages(schedule) == [
        "9 warning conflict: the session 'review' is pinned to 2026-01-13, whose 'lecture' slot the event "
        "'Midterm' takes; it is placed there anyway"
    ]
    assert [s.date for s in schedule.sessions] == [D(2026, 1, 13)]


@pytest.mark.parametrize("version", ["1", "1.0", "1.1", '"1.1"'])
def test_a_file_may_say_it_is_format_1_1(version: str) -> None:
    assert build(LECTURE, plan(1)).diagnostics == ()
    assert load_schedule_text(f"version: {version}\n" + QUESTION.replace("What is NLP?", "NLP")).diagnostics == ()


def test_a_version_this_does_not_read() -> None:
    schedule = load_schedule_text("version: 2\n" + QUESTION.replace("What is NLP?", "NLP"))
    assert messages(schedule) == [
        "1 error value: this reads format 1 and 1.1; `version: 2` is not supported (write 1 or 1.1, or leave it out)"
    ]


# -- the gallery course shows items 1, 3, 6 and 8 working ---------------------------------------

GALLERY = Path(__file__).resolve().parent.parent / "docs" / "gallery" / "dsa120" / "schedule.yaml"


def test_the_gallery_course_places_every_format_1_1_form() -> None:
    schedule = load_schedule(GALLERY)
    assert schedule.diagnostics == ()
    by_anchor = {s.anchor: s for s in schedule.sessions}
    # 1: one lab series over Mondays and Fridays at different times and rooms.
    labs = [(s.date.strftime("%a"), f"{s.start:%H:%M}", s.location) for s in schedule.sessions if s.meeting == "lab"]
    assert set(labs) == {("Fri", "12:30", "CSE2 G20"), ("Mon", "14:30", "CSE2 G10")}
    # 3: two guest lectures, one numbered class, in every section.
    for section in ("8am", "9am", "10am", "1pm"):
        a, b = by_anchor[f"lecture-{section}-guest-a"], by_anchor[f"lecture-{section}-guest-b"]
        assert (a.date, a.number, b.date, b.number, b.joins) == (D(2026, 2, 24), 14, D(2026, 2, 24), None, a.anchor)
    # 6: quiz 2 in each quiz section's own slot; the midterm in each lecture section's, the plan moving on.
    quiz = {
        o.section: (o.date, f"{o.start:%H:%M}", o.location)
        for o in schedule.occurrences
        if o.uid.startswith("event-quiz-2-")
    }
    assert quiz == {
        "AA": (D(2026, 2, 4), "09:30", "MGH 241"),
        "AB": (D(2026, 2, 4), "12:30", "MGH 254"),
        "AC": (D(2026, 2, 5), "15:30", "SAV 131"),
    }
    midterm = sorted(o.uid for o in schedule.occurrences if o.event is not None and o.event.id == "midterm")
    assert midterm == [f"event-midterm-lecture-{s}" for s in ("10am", "1pm", "8am", "9am")]
    dijkstra = by_anchor["lecture-1pm-dijkstra"]
    assert (dijkstra.date, dijkstra.number, dijkstra.moved) == (D(2026, 2, 12), 11, 1)
    # 8 is the table's: each of these sessions is one row there, with four sections' times.
    assert {s.section for s in schedule.sessions if s.id == "heaps"} == {"8AM", "9AM", "10AM", "1PM"}


def test_each_sections_feed_has_its_own_midterm_and_quiz() -> None:
    schedule = load_schedule(GALLERY)
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    feeds = {feed.section: feed for feed in ics.feeds(schedule) if feed.section}
    assert sorted(feeds) == ["10AM", "1PM", "8AM", "9AM", "AA", "AB", "AC"]

    def events(section: str) -> dict[str, str]:
        text = ics.build_calendar(schedule, feed=feeds[section], stamp=stamp).to_ical().decode()
        found = {}
        for block in text.split("BEGIN:VEVENT")[1:]:
            lines = dict(line.split(":", 1) for line in block.replace("\r\n ", "").split("\r\n") if ":" in line)
            uid = lines["UID"].split("@")[0]
            if uid.startswith(("event-midterm", "event-quiz-1")):
                found[uid] = f"{lines['DTSTART;TZID=America/Los_Angeles']} {lines['LOCATION']}"
        return found

    assert events("1PM") == {"event-midterm-lecture-1pm": "20260210T130000 KNE 110"}
    assert events("AC") == {"event-quiz-1-quiz-ac": "20260122T153000 SAV 131"}
