"""Every builder builds the two-course test site cleanly, and shows what the real pages show.

The site (tests/roots/test-courses, via conftest's ``courses_site``) reproduces
two real course pages: seed 000, a month calendar (CSE 599o), and seed 003, a
schedule table (CS 599 E1). Expectations are read from those pages (the
``seed_000_page`` and ``seed_003_rows`` fixtures), never from the build output.

The builds are shared: the ``site_builds`` fixture (conftest) copies the site
once per test session and builds it once per builder, each into its own build
directory (so no builder reuses another's environment).
test_sphinx_roles_pages reads the same builds.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import re
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes

from sphinxcontrib_coursecal.engine import Schedule

from .conftest import ROOTS, Build, Builder, Page, PageRow, SiteBuilds, talks
from .sphinx_readers import cell_day, html_tables, html_text, latex_text, squash

BUILDERS = ("html", "dirhtml", "singlehtml", "latex", "text", "epub", "man", "texinfo")
HTML_LIKE = ("html", "dirhtml", "singlehtml", "epub")
CS599E1_COLUMNS = ["Class", "Date", "Topic", "Notes", "Readings"]  # the test site's :columns:


# -- reading outputs -------------------------------------------------------------------


def text_cell(lines: list[str]) -> str:
    """A cell's wrapped lines as one text; a line broken after a hyphen joins without a space."""
    text = ""
    for line in lines:
        text += line if text.endswith("-") or not text else f" {line}"
    return squash(text).replace("**", "")  # **strong** is the text builder's bold


def text_tables(text: str) -> list[list[list[str]]]:
    """The text builder's grid tables as rows of cell texts (wrapped lines joined)."""
    tables: list[list[list[str]]] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        if not lines[index].startswith("+-"):
            index += 1
            continue
        rows: list[list[str]] = []
        fragments: list[list[str]] = []
        while index < len(lines) and lines[index][:1] in ("+", "|"):
            line = lines[index]
            if line.startswith("+") or re.fullmatch(r"\|[=|]+\|", line):  # a border, or the header's
                if fragments:
                    rows.append([text_cell(cell) for cell in fragments])
                fragments = []
            else:
                cells = [cell.strip() for cell in line.strip()[1:-1].split("|")]
                if not fragments:
                    fragments = [[] for _ in cells]
                for parts, cell in zip(fragments, cells, strict=True):
                    if cell:
                        parts.append(cell)
            index += 1
        tables.append(rows)
    return tables


def man_text(text: str) -> str:
    text = re.sub(r"\\f[BIPR]", "", text)  # bold, italic, back to roman
    text = re.sub(r" ?\\%<[^>]*>", "", text)  # the URL docutils writes after a link's text
    text = re.sub(r"\\X'tty: link[^']*'(?:\\%)?", "", text)  # Sphinx 7.4's man links: hyperlink escapes
    text = re.sub(r"^\.\S.*$", "", text, flags=re.MULTILINE)  # requests (.sp, .IP …)
    text = text.replace("\\%", "")  # "no hyphenation here" marks
    return squash(text.replace("\\-", "-").replace("\\(aq", "'").replace("\\(dq", '"').replace("\\e", "\\"))


def man_tables(text: str) -> list[list[list[str]]]:
    """tbl tables (.TS … .TE) as rows of cell texts."""
    tables = []
    for block in re.findall(r"^\.TS\n(.*?)^\.TE$", text, flags=re.MULTILINE | re.DOTALL):
        body = block.split(".\n", 1)[1]  # after the format line, which ends with a period
        rows = [
            re.findall(r"T\{\n(.*?)T\}", row, flags=re.DOTALL) for row in re.split(r"^_$", body, flags=re.MULTILINE)
        ]
        tables.append([[man_text(cell) for cell in row] for row in rows if row])
    return tables


def texinfo_text(text: str) -> str:
    text = re.sub(r"@anchor\{[^}]*\}|@footnote\{[^}]*\}", "", text)
    # @ref{node,,text}: the text, where the writer turned ":" into ";" (Info's reference syntax uses ":")
    text = re.sub(r"@(?:ref|pxref|xref)\{[^},]*,[^},]*,([^}]*)\}", lambda m: m[1].replace(";", ":"), text)
    text = text.replace("@comma{}", ",")
    text = re.sub(r"@[a-z]+\{([^}]*)\}", r"\1", text)
    text = re.sub(r"`([^`']*)'", r"\1", text)  # `strong', as the texinfo writer puts it
    return squash(text.replace("@@", "\0").replace("@{", "{").replace("@}", "}").replace("\0", "@"))


def texinfo_tables(text: str) -> list[list[list[str]]]:
    tables = []
    for block in re.findall(r"^@multitable.*?\n(.*?)^@end multitable", text, flags=re.MULTILINE | re.DOTALL):
        rows = re.split(r"^@(?:headitem|item)\s*$", block, flags=re.MULTILINE)[1:]
        tables.append(
            [[texinfo_text(cell) for cell in re.split(r"^@tab\s*$", row, flags=re.MULTILINE)] for row in rows]
        )
    return tables


def latex_tables(text: str) -> list[list[list[str]]]:
    tables = []
    for block in re.findall(r"\\begin\{longtable\}.*?\\end\{longtable\}", text, flags=re.DOTALL):
        head = block.split("\\endfirsthead", 1)[0]
        body = block.split("\\sphinxtableatstartofbodyhook", 1)[1].split("\\sphinxbottomrule", 1)[0]
        rows = [head.split("\\sphinxtoprule", 1)[1], *re.split(r"\\\\\n\\sphinxhline", body)]
        tables.append([[latex_text(cell) for cell in re.split(r"\n&", row.rsplit("\\\\", 1)[0])] for row in rows])
    return tables


def tables_of(built: Build) -> list[list[list[str]]]:
    """Every table the build wrote for the site, whatever the format."""
    name = {
        "html": "cs599e1.html",
        "dirhtml": "cs599e1/index.html",
        "singlehtml": "index.html",
        "epub": "cs599e1.xhtml",
        "text": "cs599e1.txt",
        "latex": "twocourses.tex",
        "man": "twocourses.1",
        "texinfo": "twocourses.texi",
    }
    builder = built.app.builder.name
    content = built.read(name[builder])
    if builder in HTML_LIKE:
        return html_tables(BeautifulSoup(content, "html.parser"))
    readers = {"text": text_tables, "latex": latex_tables, "man": man_tables, "texinfo": texinfo_tables}
    return readers[builder](content)


def cs599e1_table(built: Build) -> list[list[str]]:
    """The body rows of CS 599 E1's schedule table (the one table with its five columns)."""
    found = [table for table in tables_of(built) if table and table[0] == CS599E1_COLUMNS]
    assert len(found) == 1, [table[0] for table in tables_of(built) if table]
    return found[0][1:]


# -- seed 003: the schedule table page -------------------------------------------------


def test_the_seed_003_table_reads_as_expected(seed_003_rows: list[PageRow]) -> None:
    # Guards the parser: 27 classes, two closures, one heading, in the page's order.
    assert [row.number for row in seed_003_rows if row.kind == "class"] == list(range(1, 28))
    assert [(row.kind, row.text) for row in seed_003_rows if row.kind != "class"] == [
        ("closure", "No class, Monday schedule"),
        ("unit", "Paper presentations"),
        ("closure", "No class, Thanksgiving"),
    ]
    assert seed_003_rows.index(PageRow("unit", "Paper presentations")) == 20  # right before Class 20


def page_reading(item: str) -> str:
    """A reading without the page's link decoration: "(Bengio+ 2003) paper" and "(Dao+ 2022)" are labels.

    The page wraps a citation label in parentheses and sometimes links the word
    "paper" after it ("DeepSeek-V2 paper"); the label is the reading.
    """
    item = item.removesuffix(" paper")
    if match := re.fullmatch(r"\(([^()]+)\)", item):
        return match[1]
    return item


def check_seed_003_table(rows: list[list[str]], seed_003_rows: list[PageRow]) -> None:
    """The build's rows say what the page's rows say: number, date, topic, notes, readings.

    A presentation row says who presents what ("CG, OO: DeepSeek-v3"); the page
    separates talks with commas, builders with paragraph breaks.
    """
    assert len(rows) == len(seed_003_rows), [row[:3] for row in rows]
    for row, page in zip(rows, seed_003_rows, strict=True):
        cells = list(row)
        while cells and not cells[-1]:
            cells.pop()  # a spanning cell is one cell in HTML, padded ones in man and texinfo
        where = f"page row {page}, built row {cells}"
        if page.kind == "unit":
            assert cells == [page.text], where
            continue
        if page.kind == "closure":
            assert cells[0] == "", where  # no class number
            assert cell_day(cells[1]) == page.day, where
            assert cells[2:] == [page.text], where
            continue
        number, date, topic, notes, readings = [*cells, "", "", ""][:5]
        assert number == str(page.number), where
        assert cell_day(date) == page.day, where
        assert topic, where
        rest = page.text
        if page.presentations:
            assert not readings, where  # the talks stand in the topic column
            assert rest.endswith(notes), where
            page_talks = talks(rest.removesuffix(notes).strip())
            assert talks(topic) == page_talks, where
            continue
        assert rest.startswith(topic), where
        rest = rest.removeprefix(topic).strip()
        assert rest.startswith(notes), where
        rest = rest.removeprefix(notes).strip()
        page_readings = ", ".join(page_reading(item) for item in rest.split(", ")) if rest else ""
        assert readings == page_readings, where


# -- seed 000: the month calendar page --------------------------------------------------


@dataclass
class PageItem:
    """One item of a day on the seed 000 page: what it must say, together."""

    what: str
    facts: list[str]  # strings the item shows
    lines: list[str] = field(default_factory=list)  # strings that must stand on one line of the item
    links: list[str] = field(default_factory=list)  # labels of links the item holds
    guests: list[str] = field(default_factory=list)  # names on the item's "Guest lecture:" line


READING_LINE = re.compile(r"^(Paper(?: \d+)?|Optional)(?: \(([^)]*)\))?: (.+)$")


def reading_facts(line: str) -> tuple[str, str]:
    """ "Paper (no discussion): X" and "Paper 1: X, sections 1-5": (label and name, note)."""
    match = READING_LINE.match(line)
    assert match is not None, line
    label, note, name = match[1], match[2] or "", match[3]
    if not note and ", " in name:
        name, note = name.rsplit(", ", 1)
    return f"{label}: {name}", note


def seed_000_days(schedule: Schedule, seed_000_page: Page) -> dict[dt.date, list[PageItem]]:
    """Every item the page shows, by day.

    The page is a flattened grid that prints a week row's items after its last
    day; a closure over several days (the schedule's Nov 24-26 "Project time")
    is printed once, so it is expected on each day of its range.
    """
    days: dict[dt.date, list[PageItem]] = {}
    for lecture in seed_000_page.lectures:
        item = PageItem(lecture.title, [f"{lecture.time} Lecture", lecture.location, lecture.title])
        item.guests = list(lecture.guests)
        for line in lecture.lines:
            if READING_LINE.match(line):
                reading, note = reading_facts(line)
                item.lines.append(reading)
                if note:
                    item.lines.append(f"{reading} ({note})")
            else:
                item.links.append(line)
        days.setdefault(lecture.day, []).append(item)
    for day, time, title, room in seed_000_page.office_hours:
        days.setdefault(day, []).append(PageItem(title, [f"{time} {title}", room]))
    for day, time, title, note in seed_000_page.deadlines:
        facts = [f"{title} due", time] + ([note] if note else [])
        days.setdefault(day, []).append(PageItem(f"{title} due", facts))
    for day, title in seed_000_page.closures:
        spans = [c for c in schedule.closures if c.title == title and c.first <= day <= c.last]
        assert len(spans) == 1, title
        current = spans[0].first
        while current <= spans[0].last:
            days.setdefault(current, []).append(PageItem(title, [title]))
            current += dt.timedelta(days=1)
    return days


def html_item_matches(item: Tag, expected: PageItem) -> bool:
    text = html_text(item)
    if not all(fact in text for fact in expected.facts):
        return False
    lines = [squash(p.get_text("")) for p in item.find_all("p")]
    if not all(any(line.startswith(want) or line == want for line in lines) for want in expected.lines):
        return False
    guest_lines = [line.removeprefix("Guest lecture: ") for line in lines if line.startswith("Guest lecture: ")]
    if not all(any(name in line.split(", ") for line in guest_lines) for name in expected.guests):
        return False
    if len(guest_lines) > 0 and not expected.guests:
        return False
    links = {squash(a.get_text("")): a.get("href", "") for a in item.find_all("a")}
    return all(label in links and str(links[label]).startswith("https://") for label in expected.links)


def check_month_grid(soup: BeautifulSoup, schedule: Schedule, seed_000_page: Page) -> None:
    """Each day cell holds exactly the page's items for that day, each item whole."""
    expected_days = seed_000_days(schedule, seed_000_page)
    grid = soup.select_one("div.coursecal-course-cse599o.coursecal-view-month")
    assert grid is not None
    cells = {
        dt.date.fromisoformat(name.removeprefix("coursecal-date-")): cell
        for cell in grid.select("td")
        for name in cell.get("class", [])
        if name.startswith("coursecal-date-")
    }
    assert set(expected_days) <= set(cells), sorted(set(expected_days) - set(cells))
    assert min(cells) <= dt.date(2025, 9, 22)
    assert max(cells) >= dt.date(2025, 12, 12)
    for day, cell in sorted(cells.items()):
        items = cell.find_all("div", recursive=False)
        expected = expected_days.get(day, [])
        assert len(items) == len(expected), (day, [html_text(i) for i in items], [e.what for e in expected])
        unmatched = list(items)
        for want in expected:
            found = next((item for item in unmatched if html_item_matches(item, want)), None)
            assert found is not None, (day, want, [html_text(i) for i in unmatched])
            unmatched.remove(found)


def day_facts(items: list[PageItem]) -> list[str]:
    """What a day says, for formats where items are not boxed (text, LaTeX)."""
    facts: list[str] = []
    for item in items:
        facts += item.facts + item.lines + item.links + item.guests
    return facts


def text_month_days(text: str) -> dict[dt.date, str]:
    """The text builder's month list (the grid as a list of days): day -> its items' text."""
    section = text.split("\nCourse calendar\n", 1)[1].split("\nSchedule\n", 1)[0]
    days: dict[dt.date, str] = {}
    current: dt.date | None = None
    for line in section.splitlines():
        if line and not line[0].isspace() and re.fullmatch(r"\w{3} \w{3} \d{1,2}", line):
            current = cell_day(line)
            days[current] = ""
        elif current is not None and line.startswith(" "):
            days[current] += " " + line
    return {day: squash(text) for day, text in days.items()}


def latex_month_days(text: str) -> dict[dt.date, str]:
    section = text.split("\\section{Course calendar}", 1)[1].split("\\section{Schedule}", 1)[0]
    days: dict[dt.date, str] = {}
    for term, body in re.findall(
        r"\\sphinxlineitem\{([^}]*)\}(.*?)(?=\\sphinxlineitem|\\end\{description\})", section, re.DOTALL
    ):
        days[cell_day(term)] = latex_text(body)
    return days


# -- 1. every builder ------------------------------------------------------------------


@pytest.mark.parametrize("builder", BUILDERS)
def test_builds_without_a_warning(site_builds: SiteBuilds, builder: str) -> None:
    built = site_builds.get(builder)
    assert built.warnings == ""
    assert built.statuscode == 0
    assert "build succeeded" in built.status


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_schedule_table_says_what_the_page_says(
    site_builds: SiteBuilds, seed_003_rows: list[PageRow], builder: str
) -> None:
    # Every "Class N" row's number, date, topic, notes and readings; the closures
    # without a number; "Paper presentations" as a heading row before Class 20.
    check_seed_003_table(cs599e1_table(site_builds.get(builder)), seed_003_rows)


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_month_calendar_becomes_a_list_of_days(
    site_builds: SiteBuilds, seed_000: Schedule, seed_000_page: Page, builder: str
) -> None:
    # Outside HTML the grid is a list of the days that have something on them,
    # each with every item the page shows that day.
    built = site_builds.get(builder)
    days = (
        text_month_days(built.read("cse599o.txt"))
        if builder == "text"
        else latex_month_days(built.read("twocourses.tex"))
    )
    expected = seed_000_days(seed_000, seed_000_page)
    assert sorted(days) == sorted(expected)
    for day, items in expected.items():
        for fact in day_facts(items):
            assert fact in days[day], (day, fact, days[day])


def test_latex_keeps_the_table_a_longtable_with_the_site_columns(site_builds: SiteBuilds) -> None:
    # A term's plan is longer than a page: a longtable breaks across pages.
    tex = site_builds.get("latex").read("twocourses.tex")
    assert len(re.findall(r"\\begin\{longtable\}", tex)) == 2  # one schedule table per course
    assert "\\begin{tabulary}" not in tex


def test_man_page_holds_the_schedule_tables(site_builds: SiteBuilds) -> None:
    man = site_builds.get("man").read("twocourses.1")
    headers = [table[0] for table in man_tables(man)]
    assert CS599E1_COLUMNS in headers
    assert [*CS599E1_COLUMNS, "Materials"] in headers  # CSE 599o's table shows every column


# -- 2. HTML content equals the original pages -----------------------------------------


@pytest.mark.parametrize("builder", HTML_LIKE)
def test_month_grid_days_hold_exactly_the_page_items(
    site_builds: SiteBuilds, seed_000: Schedule, seed_000_page: Page, builder: str
) -> None:
    name = {
        "html": "cse599o.html",
        "dirhtml": "cse599o/index.html",
        "singlehtml": "index.html",
        "epub": "cse599o.xhtml",
    }
    check_month_grid(site_builds.get(builder).soup(name[builder]), seed_000, seed_000_page)


def test_month_grid_has_a_table_per_month_with_weekday_columns(site_builds: SiteBuilds) -> None:
    soup = site_builds.get("html").soup("cse599o.html")
    grid = soup.select_one("div.coursecal-course-cse599o.coursecal-view-month")
    assert grid is not None
    # Each month's name is its table's caption (read by screen readers with the grid).
    months = [squash(caption.get_text("")) for caption in grid.select("table > caption .caption-text")]
    assert months == ["September 2025", "October 2025", "November 2025", "December 2025"]
    for table in grid.select("table"):
        header = [squash(th.get_text("")) for th in table.select("thead th")]
        assert header == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]  # as on the page


def test_schedule_table_rows_carry_their_date_for_the_today_script(
    site_builds: SiteBuilds, seed_003_rows: list[PageRow]
) -> None:
    # coursecal.js marks today by the row's date class; each class row's class
    # names the page's date.
    soup = site_builds.get("html").soup("cs599e1.html")
    table = next(
        t for t in soup.find_all("table") if html_tables(BeautifulSoup(str(t), "html.parser"))[0][0] == CS599E1_COLUMNS
    )
    body_rows = table.select("tbody tr")
    for tr, page in zip(body_rows, seed_003_rows, strict=True):
        dates = [c for c in tr.get("class", []) if c.startswith("coursecal-date-")]
        if page.day is None:
            assert dates == []
        else:
            assert dates == [f"coursecal-date-{page.day.isoformat()}"]


def test_list_view_days_carry_their_date_for_the_today_script(site_builds: SiteBuilds) -> None:
    soup = site_builds.get("html").soup("cse599o.html")
    agenda = soup.select_one("div.coursecal-course-cse599o.coursecal-view-list")
    assert agenda is not None
    terms = agenda.select("dt")
    assert terms  # the week of Oct 13-19: lectures, office hours
    for term in terms:
        day = cell_day(squash(term.get_text("")))
        holders = [term, term.find_next_sibling("dd")]
        assert any(f"coursecal-date-{day.isoformat()}" in (h.get("class") or []) for h in holders if h), term


def test_month_grid_checks_can_fail(site_builds: SiteBuilds, seed_000: Schedule, seed_000_page: Page) -> None:
    # Guards check_month_grid: an item moved to another day is caught.
    soup = site_builds.get("html").soup("cse599o.html")
    deadline = soup.select_one("td.coursecal-date-2025-09-26 div.coursecal-kind-deadline")
    target = soup.select_one("td.coursecal-date-2025-09-25")
    assert deadline is not None
    assert target is not None
    target.append(deadline.extract())
    with pytest.raises(AssertionError):
        check_month_grid(soup, seed_000, seed_000_page)


def test_uses_no_deprecated_sphinx_api(tmp_path: Path, build: Builder) -> None:
    # A text build runs every post-transform: the month grid as a list, the feed links.
    srcdir = tmp_path / "src"
    shutil.copytree(VIEWS_ROOT, srcdir)
    with (srcdir / "index.rst").open("a", encoding="utf-8") as index:
        index.write("\n.. course-ics::\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        built = build(srcdir, tmp_path / "build", "text", confoverrides={"html_baseurl": "https://demo.example.org/"})
    assert built.warnings == ""
    deprecated = {str(w.message) for w in caught if w.category.__name__.startswith("RemovedInSphinx")}
    assert deprecated == set()


# -- 3. doctree regression ---------------------------------------------------------------
#
# A small made-up course (tests/roots/test-coursecal-views) in each view. The
# expected doctrees are tests/regressions/views-<view>.txt: the HTML build's
# resolved doctree of each ``.coursecal`` container, written by ``serialise``
# below (attributes sorted, text quoted, no source paths or line numbers), so
# they do not depend on the docutils or Sphinx version's own pseudo-XML.
#
# To regenerate after an intended change, run
#     COURSECAL_REGENERATE=1 .venv/bin/python -m pytest tests/test_sphinx_builds.py -k regression
# then read every changed line of the diff before committing it. A run that
# regenerates always fails, and CI (the CI variable set) refuses to regenerate.

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
VIEWS_ROOT = ROOTS / "test-coursecal-views"
REGRESSION_VIEWS = {
    "table": "coursecal-view-table",
    "month": "coursecal-view-month",
    "list": "coursecal-view-list",
    "reading-list": "coursecal-reading-list",
}


def serialise(node: nodes.Node, depth: int = 0) -> list[str]:
    """A node tree as indented lines: ``<tag a="1" b="x y">`` and quoted text."""
    pad = "    " * depth
    if isinstance(node, nodes.Text):
        return [pad + json.dumps(str(node), ensure_ascii=False)]
    assert isinstance(node, nodes.Element)
    attributes = []
    for name, value in sorted(node.attributes.items()):
        if value in ([], "", None) or name in ("source", "line"):
            continue
        if isinstance(value, list):
            shown = " ".join(str(v) for v in value)
        elif isinstance(value, bool):
            shown = "1" if value else "0"
        else:
            shown = str(value)
        attributes.append(f' {name}="{shown}"')
    lines = [f"{pad}<{node.tagname}{''.join(attributes)}>"]
    for child in node.children:
        lines += serialise(child, depth + 1)
    return lines


@pytest.fixture(scope="module")
def views_doctree(tmp_path_factory: pytest.TempPathFactory, shared_build: Builder) -> nodes.document:
    base = tmp_path_factory.mktemp("views")
    shutil.copytree(VIEWS_ROOT, base / "src")
    built = shared_build(base / "src", base / "build", "html")
    assert built.warnings == ""
    env, builder = built.app.env, built.app.builder
    # Sphinx 9 takes the build's tags (leaving them out is deprecated); 7.4 has no such parameter.
    if "tags" in inspect.signature(env.get_and_resolve_doctree).parameters:
        return env.get_and_resolve_doctree("index", builder, tags=builder.tags)
    return env.get_and_resolve_doctree("index", builder)


@pytest.mark.parametrize("view", REGRESSION_VIEWS)
def test_view_regression(views_doctree: nodes.document, view: str) -> None:
    boxes = [box for box in views_doctree.findall(nodes.container) if REGRESSION_VIEWS[view] in box["classes"]]
    assert len(boxes) == 1
    actual = "\n".join(serialise(boxes[0])) + "\n"
    expected_file = REGRESSIONS / f"views-{view}.txt"
    if os.environ.get("COURSECAL_REGENERATE"):
        if os.environ.get("CI"):
            pytest.fail("COURSECAL_REGENERATE is set in CI: expected output is never regenerated there")
        REGRESSIONS.mkdir(exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
        pytest.fail(f"regenerated {expected_file}; read its diff line by line, then run again without the variable")
    assert actual == expected_file.read_text(encoding="utf-8")
