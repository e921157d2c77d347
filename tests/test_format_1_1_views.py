"""Format 1.1 on pages: what the new forms look like in the table, month and list views.

One small real-shaped course, built once in HTML; each test reads one thing
off the pages.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from .test_sphinx_builds import build

SCHEDULE = """\
course:
  id: demo
  code: DEMO 101
  timezone: Europe/Berlin
  start: 2026-01-05
  end: 2026-02-27
meetings:
  lecture: {days: [Tue, Fri], time: "10:00-12:00", location: HS 1}
closures:
  - date: 2026-01-13
    title: No class
    description: Kathrin Passig talk
    url: https://www.example.edu/news/passig
papers:
  cit: {title: Computing in Theory, authors: [Ada Lovelace], year: 2020, short: CIT, url: "https://example.org/cit/"}
sessions:
  - {id: intro, title: Introduction}
  - id: search
    title: Search
    readings:
      - {paper: cit, section: "9.5", url: "https://example.org/cit/ch9.html#9.5"}
      - {paper: cit, pages: 12-30, note: skim}
"""

PAGES = {
    "conf.py": 'extensions = ["sphinxcontrib_coursecal"]\ncoursecal_schedule = "schedule.yaml"\n',
    "index.rst": """\
        Demo
        ====

        .. course-calendar::

        .. toctree::

           month
        """,
    "month.rst": """\
        Month
        =====

        .. course-calendar::
           :view: month
        """,
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BeautifulSoup]:
    base = tmp_path_factory.mktemp("format-1-1")
    source = base / "src"
    source.mkdir()
    (source / "schedule.yaml").write_text(SCHEDULE, encoding="utf-8")
    for name, text in PAGES.items():
        (source / name).write_text(textwrap.dedent(text), encoding="utf-8")
    built = build(source, base / "build", "html")
    assert built.warnings == ""
    return {
        name: BeautifulSoup((Path(built.outdir) / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
        for name in ("index", "month")
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
