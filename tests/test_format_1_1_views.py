"""Format 1.1 on pages: what the new forms look like in the table, month and list views.

One small real-shaped course, built once in HTML; each test reads one thing
off the pages.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from sphinxcontrib_coursecal.engine import Link
from sphinxcontrib_coursecal.sphinx.render import links_line

from .conftest import Builder

SCHEDULE = """\
course:
  id: demo
  code: DEMO 101
  timezone: Europe/Berlin
  start: 2026-01-05
  end: 2026-02-27
meetings:
  lecture-a:
    kind: lecture
    section: A
    days: [Tue, Fri]
    time: {Tue: "10:00-12:00", Fri: "12:00-14:00"}
    location: {Tue: HS 1, Fri: SR 3}
    sessions: lectures
  lecture-b: {kind: lecture, section: B, days: [Wed], time: "14:00-16:00", location: HS 2, sessions: lectures}
closures:
  - date: 2026-01-13
    title: No class
    description: Kathrin Passig talk
    url: https://www.example.edu/news/passig
events:
  - {id: midterm, title: Midterm, date: 2026-01-19, to: 2026-01-23, replaces: lecture, kind: exam}
papers:
  cit: {title: Computing in Theory, authors: [Ada Lovelace], year: 2020, short: CIT, url: "https://example.org/cit/"}
sessions:
  lectures:
    - {id: intro, title: Introduction}
    - id: search
      title: Search
      readings:
        - {paper: cit, section: "9.5", url: "https://example.org/cit/ch9.html#9.5"}
        - {paper: cit, pages: 12-30, note: skim}
      links:
        Slides: https://example.org/search.pdf
        Annotated: {A: "https://example.org/search-a.pdf", B: "https://example.org/search-b.pdf"}
    - {id: quiz, title: Quiz 1, kind: exam, with: previous}
    - {id: games, title: Games}
"""

PAGES = {
    "conf.py": 'extensions = ["sphinxcontrib_coursecal"]\ncoursecal_schedule = "schedule.yaml"\n',
    "index.rst": """\
        Demo
        ====

        .. course-calendar::

        Section B's search: :session:`lecture-b-search`.

        .. toctree::

           month
           section-a
        """,
    "month.rst": """\
        Month
        =====

        .. course-calendar::
           :view: month
        """,
    "section-a.rst": """\
        Section A
        =========

        .. course-calendar::
           :section: A
        """,
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, shared_build: Builder) -> dict[str, BeautifulSoup]:
    base = tmp_path_factory.mktemp("format-1-1")
    source = base / "src"
    source.mkdir()
    (source / "schedule.yaml").write_text(SCHEDULE, encoding="utf-8")
    for name, text in PAGES.items():
        (source / name).write_text(textwrap.dedent(text), encoding="utf-8")
    built = shared_build(source, base / "build", "html")
    assert built.warnings == ""
    return {
        name: BeautifulSoup((Path(built.outdir) / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
        for name in ("index", "month", "section-a")
    }


def text(element: Tag) -> str:
    """An element's text as read: its paragraphs on one line, spaces collapsed."""
    blocks = element.find_all("p") or [element]
    return " ".join(" ".join(block.get_text().split()) for block in blocks)


def table_rows(page: BeautifulSoup) -> list[list[str]]:
    return [[text(cell) for cell in row.find_all("td")] for row in page.select("table.coursecal-table tbody tr")]


def test_a_closure_links_its_page_and_says_its_description(pages: dict[str, BeautifulSoup]) -> None:
    for name in ("index", "month"):
        link = pages[name].find("a", href="https://www.example.edu/news/passig")
        assert link is not None, name
        assert text(link) == "No class"
        assert text(link.parent) == "No class \u2014 Kathrin Passig talk"


def test_a_reading_links_deep_and_names_its_section_and_pages(pages: dict[str, BeautifulSoup]) -> None:
    row = next(row for row in table_rows(pages["index"]) if "Search" in row)
    assert row[4] == "CIT 9.5, CIT, pp. 12\u201330 (skim)"
    deep = pages["index"].find("a", href="https://example.org/cit/ch9.html#9.5")
    assert deep is not None
    assert text(deep) == "CIT 9.5"


def test_a_sections_page_links_its_own_materials(pages: dict[str, BeautifulSoup]) -> None:
    row = next(row for row in pages["section-a"].select("table.coursecal-table tbody tr") if "Search" in text(row))
    links = {text(a): a["href"] for a in row.select("td.coursecal-col-materials a")}
    assert links == {"Slides": "https://example.org/search.pdf", "Annotated": "https://example.org/search-a.pdf"}


def test_one_labels_links_for_several_sections_read_as_one_link_each() -> None:
    line = links_line(
        (Link("Slides", "https://e.org/s"), Link("Annotated", "https://e.org/8", "8AM"), Link("Annotated", None, "1PM"))
    )
    assert line.astext() == "Slides \u00b7 Annotated: 8AM, 1PM (link TBA)"


def test_a_meeting_at_different_times_on_its_weekdays(pages: dict[str, BeautifulSoup]) -> None:
    def day(page: BeautifulSoup, date: str) -> list[str]:
        return [text(item) for item in page.select(f".coursecal-date-{date} .coursecal-item")]

    assert day(pages["month"], "2026-01-06")[0].startswith("10:00-12:00 Lecture HS 1 Introduction")
    assert day(pages["month"], "2026-01-09")[0].startswith("12:00-14:00 Lecture SR 3 Search")


def test_two_items_of_one_class_are_two_rows_one_numbered(pages: dict[str, BeautifulSoup]) -> None:
    rows = [row[:3] for row in table_rows(pages["section-a"])]
    assert rows[1:5] == [
        ["2", "Fri Jan 9", "Search"],
        ["", "Fri Jan 9", "Quiz 1"],
        ["", "Tue Jan 13", "No class \u2014 Kathrin Passig talk"],
        ["3", "Fri Jan 16", "Games"],
    ]


def test_a_midterm_in_each_sections_slot(pages: dict[str, BeautifulSoup]) -> None:
    rows = [row[1:3] for row in table_rows(pages["section-a"]) if "Midterm" in row[2]]
    assert rows == [["Tue Jan 20", "10:00-12:00 Midterm, HS 1"]]
    month = [text(item) for item in pages["month"].select(".coursecal-item.coursecal-kind-exam")]
    assert [item for item in month if "Midterm" in item] == ["10:00-12:00 Midterm HS 1", "14:00-16:00 Midterm HS 2"]


def test_the_default_table_lists_each_session_once_with_its_sections_times(pages: dict[str, BeautifulSoup]) -> None:
    rows = [row[:4] for row in table_rows(pages["index"])]
    assert rows == [
        ["1", "Tue Jan 6 A 10:00-12:00 Wed Jan 7 B 14:00-16:00", "Introduction", ""],
        ["2", "Fri Jan 9 A 12:00-14:00 Wed Jan 14 B 14:00-16:00", "Search", ""],
        ["", "Fri Jan 9 A 12:00-14:00 Wed Jan 14 B 14:00-16:00", "Quiz 1", ""],
        ["", "Tue Jan 13", "No class \u2014 Kathrin Passig talk"],
        ["3", "Fri Jan 16 A 12:00-14:00 Wed Jan 28 B 14:00-16:00", "Games", ""],
        ["", "Tue Jan 20 A 10:00-12:00, HS 1 Wed Jan 21 B 14:00-16:00, HS 2", "Midterm"],
    ]
    search = next(row for row in pages["index"].select("table.coursecal-table tbody tr") if "Search" in text(row))
    assert text(search.select_one("td.coursecal-col-materials")) == "Slides \u00b7 Annotated: A, B"


def test_a_reference_to_one_sections_session_lands_in_the_shared_row(pages: dict[str, BeautifulSoup]) -> None:
    page = pages["index"]
    link = next(a for a in page.select("p a.reference.internal") if text(a) == "Search (Wed Jan 14)")
    target = page.find(id=link["href"].lstrip("#"))
    assert target is not None
    assert text(target.find_parent("p")) == "B 14:00-16:00"
    assert "Search" in text(target.find_parent("tr"))
