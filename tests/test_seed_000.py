"""Seed 000 (CSE 599o, a month calendar): the schedule produces exactly the page.

The page (tests/seeds/000_…txt) is a flattened month grid. The ``seed_000_page``
fixture (conftest's ``read_seed_000_page``) turns it back into days and items by
its own layout rules, so every expectation here comes from the page, not from the engine.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from sphinxcontrib_coursecal.engine import Occurrence, Schedule

from .conftest import SEED_000_SCHEDULE, Page

UTC = dt.UTC


def hhmm(occurrence: Occurrence) -> str:
    assert occurrence.start is not None
    assert occurrence.end is not None
    return f"{occurrence.start:%H:%M}-{occurrence.end:%H:%M}"


def test_the_page_reads_as_expected(seed_000_page: Page) -> None:
    # Guards read_page: these counts are visible on the page by eye.
    assert len(seed_000_page.lectures) == 20
    assert len(seed_000_page.office_hours) == 20  # 10 Thursdays (not Nov 27), 10 Fridays (not Nov 28)
    assert len(seed_000_page.deadlines) == 7
    assert [title for _, title in seed_000_page.closures] == [
        "Veteran's Day",
        "Project time, NO CLASS",
        "Thanksgiving",
        "Native American Heritage Day",
    ]


def test_transcription_has_no_dates_in_the_plan() -> None:
    text = SEED_000_SCHEDULE.read_text(encoding="utf-8")
    plan = text[text.index("\nsessions:") : text.index("\ndeadlines:")]
    assert not re.search(r"^\s+date:", plan, re.MULTILINE)


def test_checks_clean(seed_000: Schedule) -> None:
    assert [str(d) for d in seed_000.diagnostics] == []


def test_lectures_are_placed_exactly_as_on_the_page(seed_000: Schedule, seed_000_page: Page) -> None:
    sessions = list(seed_000.sessions)
    assert [(s.date, s.title) for s in sessions] == [(lec.day, lec.title) for lec in seed_000_page.lectures]
    for session, lecture in zip(sessions, seed_000_page.lectures, strict=True):
        assert session.start is not None
        assert session.end is not None
        assert f"{session.start:%H:%M}-{session.end:%H:%M}" == lecture.time
        assert session.location == lecture.location


def test_guest_lecturers(seed_000: Schedule, seed_000_page: Page) -> None:
    for session, lecture in zip(seed_000.sessions, seed_000_page.lectures, strict=True):
        names = [seed_000.people[g].name if g in seed_000.people else g for g in session.spec.guests]
        assert names == lecture.guests, session.date
        assert (session.kind == "guest-lecture") == bool(lecture.guests)


def reading_lines(schedule: Schedule, reading_index: int, session_index: int) -> set[str]:
    """The ways the page writes one reading: "Paper 1: X", "Paper (note): X", "X, note"."""
    reading = schedule.sessions[session_index].spec.readings[reading_index]
    paper = schedule.papers.get(reading.paper or "")
    name = paper.label if paper else reading.title
    prefix = reading.label or ("Optional" if reading.optional else "Paper")
    tba = " (link TBA)" if paper is None and reading.url is None else ""
    if reading.note:
        return {f"{prefix} ({reading.note}): {name}{tba}", f"{prefix}: {name}, {reading.note}{tba}"}
    return {f"{prefix}: {name}{tba}"}


def test_readings_and_links_are_those_on_the_page(seed_000: Schedule, seed_000_page: Page) -> None:
    for index, (session, lecture) in enumerate(zip(seed_000.sessions, seed_000_page.lectures, strict=True)):
        expected = list(lecture.lines)
        for reading_index, reading in enumerate(session.spec.readings):
            forms = reading_lines(seed_000, reading_index, index)
            found = [line for line in expected if line in forms]
            assert found, (session.date, forms, expected)
            expected.remove(found[0])
            if reading.optional:
                assert found[0].startswith("Optional")
        # What is left on the page are the session's links, in order.
        assert expected == [link.label for link in session.spec.links], session.date
        assert all(link.url for link in session.spec.links)


def test_office_hours_with_their_one_off_changes(seed_000: Schedule, seed_000_page: Page) -> None:
    office_hours = {(o.date, hhmm(o), o.title, o.location) for o in seed_000.occurrences if o.kind == "office-hours"}
    assert office_hours == seed_000_page.office_hours
    changed = {(o.date, hhmm(o)) for o in seed_000.occurrences if o.changed}
    assert changed == {(dt.date(2025, 10, 31), "12:30-13:30"), (dt.date(2025, 11, 13), "16:30-17:30")}


def test_deadlines_at_2359(seed_000: Schedule, seed_000_page: Page) -> None:
    deadlines = [(o.date, f"{o.start:%H:%M}", o.title, o.notes) for o in seed_000.occurrences if o.deadline is not None]
    assert deadlines == seed_000_page.deadlines
    assert ("no grace period") in {note for *_, note in deadlines}


def test_holidays_and_the_no_class_range(seed_000: Schedule, seed_000_page: Page) -> None:
    for day, title in seed_000_page.closures:
        assert any(c.title == title and c.first <= day <= c.last for c in seed_000.closures), (day, title)
    project_time = next(c for c in seed_000.closures if c.title == "Project time, NO CLASS")
    assert (project_time.first, project_time.last) == (dt.date(2025, 11, 24), dt.date(2025, 11, 26))
    # The Nov 26 lecture slot is cancelled, and the plan continues on Dec 3.
    assert dt.date(2025, 11, 26) not in {s.date for s in seed_000.sessions}


def test_nothing_else_is_on_the_calendar(seed_000: Schedule, seed_000_page: Page) -> None:
    counts = {"lecture": 0, "guest-lecture": 0, "office-hours": 0, "deadline": 0, "holiday": 0}
    for occurrence in seed_000.occurrences:
        counts[occurrence.kind] += 1
    assert counts["lecture"] + counts["guest-lecture"] == len(seed_000_page.lectures)
    assert counts["office-hours"] == len(seed_000_page.office_hours)
    assert counts["deadline"] == len(seed_000_page.deadlines)
    assert counts["holiday"] == 4


def test_daylight_saving_ends_on_nov_2(seed_000: Schedule) -> None:
    # 10:00 Pacific is 17:00 UTC under PDT and 18:00 UTC under PST (from Nov 2, 2025).
    by_date = {s.date: s for s in seed_000.sessions}
    before, after = by_date[dt.date(2025, 10, 31)], by_date[dt.date(2025, 11, 5)]
    assert before.start is not None
    assert after.start is not None
    assert before.start.astimezone(UTC) == dt.datetime(2025, 10, 31, 17, 0, tzinfo=UTC)
    assert after.start.astimezone(UTC) == dt.datetime(2025, 11, 5, 18, 0, tzinfo=UTC)
    assert before.start.tzinfo == ZoneInfo("America/Los_Angeles")
    for session in seed_000.sessions:
        assert session.start is not None
        expected_hour = 17 if session.date < dt.date(2025, 11, 2) else 18
        assert session.start.astimezone(UTC).hour == expected_hour


def test_papers_have_real_metadata(seed_000: Schedule) -> None:
    assigned = {r.paper for s in seed_000.sessions for r in s.spec.readings if r.paper}
    assert assigned == set(seed_000.papers)
    for key in assigned:
        paper = seed_000.papers[key]
        assert paper.title
        assert paper.authors
        assert paper.year
        assert paper.year >= 2012
        assert paper.url.startswith("https://")
