"""Seed 003 (CS 599 E1, a schedule table): the undated plan lands on the page's dates.

Expectations are read from the page itself (tests/seeds/003_…txt), not from
the engine: every "Class N (Mon D)" row, the closure rows and the notes.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sphinxcontrib_coursecal.engine import Schedule, Severity

from .conftest import SEED_003_SCHEDULE, SEEDS

PAGE = (SEEDS / "003_41922687dd825aa4.txt").read_text(encoding="utf-8")
MONTHS = {"Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}
CLASS_ROW = re.compile(r"^Class (\d+) \((\w{3}) (\d+)\) (.*)$", re.MULTILINE)
CLOSURE_ROW = re.compile(r"^(\w{3}) (\d+) (No class.*)$", re.MULTILINE)


def squash(text: str) -> str:
    """Whitespace as a reader sees it: the page has non-breaking spaces in titles."""
    return " ".join(text.split())


def page_date(month: str, day: str) -> dt.date:
    return dt.date(2025, MONTHS[month], int(day))


PAGE_CLASSES = {int(n): (page_date(m, d), squash(rest)) for n, m, d, rest in CLASS_ROW.findall(PAGE)}
PAGE_CLOSURES = [(page_date(m, d), title) for m, d, title in CLOSURE_ROW.findall(PAGE)]


def test_the_page_has_27_classes_and_two_closures() -> None:
    # Guards the parsing above: if it read less, the tests below would prove less.
    assert sorted(PAGE_CLASSES) == list(range(1, 28))
    assert [d for d, _ in PAGE_CLOSURES] == [dt.date(2025, 10, 14), dt.date(2025, 11, 27)]


def test_transcription_has_no_dates_in_the_plan() -> None:
    text = SEED_003_SCHEDULE.read_text(encoding="utf-8")
    sessions = text[text.index("\nsessions:") :]
    sessions = sessions[: sessions.find("\ndeadlines:")] if "\ndeadlines:" in sessions else sessions
    assert not re.search(r"^\s+date:", sessions, re.MULTILINE)


def test_checks_clean(seed_003: Schedule) -> None:
    assert [str(d) for d in seed_003.diagnostics] == []


@pytest.mark.parametrize("number", range(1, 28))
def test_class_lands_on_the_page_date(seed_003: Schedule, number: int) -> None:
    by_number = {s.number: s for s in seed_003.sessions}
    session = by_number[number]
    page_day, row = PAGE_CLASSES[number]
    assert session.date == page_day
    if session.spec.kind != "presentation":
        # The row is "topic notes readings": the topic comes first, verbatim.
        assert row.startswith(session.title)


def test_every_class_is_numbered_in_order(seed_003: Schedule) -> None:
    assert [s.number for s in seed_003.sessions] == list(range(1, 28))
    assert all(s.start is None for s in seed_003.sessions)  # the page gives no times


def test_monday_schedule_swap_and_thanksgiving(seed_003: Schedule) -> None:
    closures = {(c.first, c.title) for c in seed_003.closures}
    assert closures == set(PAGE_CLOSURES)
    swap = next(c for c in seed_003.closures if c.first == dt.date(2025, 10, 14))
    assert swap.follows == 0  # Tuesday Oct 14 runs Monday's meetings: the Tue/Thu class does not meet
    days = {s.date for s in seed_003.sessions}
    assert dt.date(2025, 10, 14) not in days
    assert dt.date(2025, 11, 27) not in days


def test_notes_and_deadlines_from_the_notes_column(seed_003: Schedule) -> None:
    by_number = {s.number: s for s in seed_003.sessions}
    for number, text in ((5, "HW1 posted"), (10, "HW2 posted"), (12, "Send title of paper you intend to present")):
        assert text in PAGE_CLASSES[number][1]
        assert by_number[number].spec.notes == text
    for number, title in ((17, "Project proposal"), (21, "Project progress report"), (27, "Project final report")):
        assert f"{title} due" in PAGE_CLASSES[number][1]
        deadline = next(d for d in seed_003.deadlines if d.title == title)
        assert deadline.due == by_number[number].date  # a date-only due, on that class's day


def test_presentations_unit_and_presenters(seed_003: Schedule) -> None:
    presentations = [s for s in seed_003.sessions if s.spec.unit is not None]
    assert [s.number for s in presentations] == list(range(20, 28))
    assert {seed_003.units[s.spec.unit].title for s in presentations if s.spec.unit} == {"Paper presentations"}
    for session in presentations:
        row = PAGE_CLASSES[session.number or 0][1]
        for reading in session.spec.readings:
            # "CG, OO: DeepSeek-v3": the presenters' initials stand on the row.
            assert reading.presenters
            for initials in reading.presenters:
                assert re.search(rf"\b{re.escape(initials)}\b", row)


def test_readings_mix_papers_and_links_and_every_one_is_on_the_page(seed_003: Schedule) -> None:
    kinds = {"paper": 0, "ad-hoc": 0}
    for session in seed_003.sessions:
        row = PAGE_CLASSES[session.number or 0][1]
        for reading in session.spec.readings:
            if reading.paper is None:
                kinds["ad-hoc"] += 1
                assert reading.title in row
                continue
            kinds["paper"] += 1
            paper = seed_003.papers[reading.paper]
            shown = [text for text in (reading.text, paper.label, paper.title) if text]
            assert any(text in row for text in shown), (session.number, shown)
    assert kinds["paper"] >= 40
    assert kinds["ad-hoc"] >= 10


def test_default_citation_labels_match_the_page(seed_003: Schedule) -> None:
    # "(Bengio+ 2003)", "(Narayanan+ 2021)", "(Korthikanti+ 2022)": labels nobody typed.
    for key_label in ("Bengio+ 2003", "Vaswani+ 2017", "Dao+ 2022", "Narayanan+ 2021", "Korthikanti+ 2022"):
        assert f"({key_label})" in PAGE
        assert key_label in {paper.label for paper in seed_003.papers.values()}


def test_papers_come_from_bibtex_with_real_metadata(seed_003: Schedule) -> None:
    vaswani = seed_003.papers["vaswani2017"]
    assert vaswani.title == "Attention Is All You Need"
    assert vaswani.year == 2017
    assert vaswani.authors[0] == "Ashish Vaswani"
    assert vaswani.url.startswith("https://")
    assert vaswani.source is not None
    assert vaswani.source.path.endswith("papers.bib")
    assert all(d.severity is not Severity.ERROR for d in seed_003.diagnostics)
