"""The pages in the student's hands: every theme, light and dark; phones; print; this week.

The test site is built once per theme for the session (``themed_site`` in
conftest.py; the themes, their content columns and their dark modes are in
conftest.py too), and every page here is loaded once per setting and shared.
Layout is measured in the pinned DejaVu fonts (``PINNED_FONTS`` in conftest.py), the
widest common face, so what fits here fits in the fonts themes ask for first.

* Nothing of ours is wider than the theme's content column, at 1280, 1024 and
  375 px; a phone never scrolls sideways, and every table cell's text is on
  the screen, labelled.
* axe-core (tests/node, installed from its lockfile when missing) finds no
  violation inside our markup, in every theme, light and dark.
* Chromium's print-to-PDF, counted with pypdf: a month a page; table rows
  never split; no theme navigation on paper.
* This week and the upcoming view, with the clock inside the term, before it,
  after it, and where nothing is coming.
* With ``COURSECAL_UPDATE_SCREENSHOTS=1`` (never in CI) the gallery's pictures
  (docs/gallery/themes.md) are written to docs/_static/screenshots/themes/.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page
from pypdf import PdfReader

from sphinxcontrib_coursecal.engine import Schedule, load_schedule

from .conftest import (
    AFTER_TERM,
    ALL_THEMES,
    BEFORE_TERM,
    COLUMNS,
    DESKTOP,
    LAPTOP,
    MOBILE,
    MODES,
    REPO,
    SEED_000_SCHEDULE,
    SHORT_NAMES,
    TIMEZONE,
    TODAY,
    OpenPage,
)

NODE_DIR = Path(__file__).resolve().parent / "node"
AXE = NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"
GALLERY = REPO / "docs" / "_static" / "screenshots" / "themes"

SIZES = {"1280": DESKTOP, "1024": LAPTOP, "375": MOBILE}
# Every kind of page of ours: month, table, list and reading list; the upcoming view; a
# table with chosen columns; a paper page.
PAGES = ["cse599o.html", "home.html", "cs599e1.html", "papers/cse599o/tensorflow.html"]
OURS = ".coursecal, .coursecal-paper-page, .coursecal-papers-index"


# -- 1. nothing wider than the content column ------------------------------------------------

FIT_JS = """
([column, ours]) => {
  const box = document.querySelector(column);
  const style = getComputedStyle(box), r = box.getBoundingClientRect();
  const left = r.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
  const right = r.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
  const problems = [];
  const name = (el) => [el.tagName.toLowerCase(), ...el.classList].slice(0, 3).join('.');
  let count = 0;
  for (const root of document.querySelectorAll(ours)) {
    for (const el of [root, ...root.querySelectorAll('table, tr, td, th, .coursecal-item, dl, li, p')]) {
      const e = el.getBoundingClientRect();
      if (!e.width || !el.getClientRects().length) continue;
      count += 1;
      if (e.right > right + 2) problems.push(`${name(el)} ends ${(e.right - right).toFixed(1)}px past the column`);
      if (e.left < left - 2) problems.push(`${name(el)} starts ${(left - e.left).toFixed(1)}px before the column`);
    }
    // A box that scrolls sideways hides part of what it holds (a theme's table wrapper).
    for (const el of root.querySelectorAll('*')) {
      if (el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) {
        problems.push(`${name(el)} scrolls sideways by ${el.scrollWidth - el.clientWidth}px`);
      }
    }
  }
  return {count, problems, column: [left, right], page: document.scrollingElement.scrollWidth - innerWidth};
}
"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", ALL_THEMES)
def test_nothing_is_wider_than_the_content_column(view_page: OpenPage, theme: str, size: str) -> None:
    """Tables, grids, items and lists of every page of ours, against the theme's column itself."""
    problems = []
    for path in PAGES:
        page = view_page(theme, path, size=SIZES[size], now=TODAY)
        found = page.evaluate(FIT_JS, [COLUMNS[theme], OURS])
        assert found["count"] > 5, f"{path}: nothing of ours measured"
        problems += [f"{path}: {problem}" for problem in found["problems"][:5]]
        if size == "375":
            assert found["page"] <= 1, f"{path}: the page scrolls sideways by {found['page']}px"
    assert not problems, "\n".join(problems)


def test_the_fit_check_can_fail(open_page: OpenPage) -> None:
    """Guards FIT_JS: a table made wider than the column is reported."""
    page = open_page("alabaster", "cse599o.html")
    page.evaluate("document.querySelector('.coursecal-view-table table').style.minWidth = '1200px'")
    found = page.evaluate(FIT_JS, [COLUMNS["alabaster"], OURS])
    assert any("past the column" in problem for problem in found["problems"])


# -- 2. the table on a phone ---------------------------------------------------------------------

PHONE_TABLE_JS = """
() => {
  const result = {rows: 0, problems: [], labels: {}, head: null};
  const table = document.querySelector('.coursecal-view-table table.coursecal-table');
  result.head = getComputedStyle(table.querySelector('thead')).display;
  for (const tr of table.querySelectorAll('tbody > tr')) {
    const shown = tr.getClientRects().length > 0;
    if (!shown) { result.problems.push(`row hidden: ${tr.className}`); continue; }
    result.rows += 1;
    if (getComputedStyle(tr).display !== 'block') result.problems.push(`row not a block: ${tr.className}`);
    for (const td of tr.children) {
      const text = td.innerText.trim();
      const empty = !td.textContent.trim();
      const visible = td.getClientRects().length > 0;
      if (empty) {
        if (visible && td.getBoundingClientRect().height > 1) result.problems.push(`empty cell shown: ${td.className}`);
        continue;
      }
      if (!visible || !text) {
        result.problems.push(`cell hidden: ${td.className} ${td.textContent.trim().slice(0, 30)}`);
        continue;
      }
      const r = td.getBoundingClientRect();
      if (r.left < 0 || r.right > innerWidth) {
        result.problems.push(`cell off screen: ${td.className} ${text.slice(0, 30)}`);
      }
      for (const el of [td, ...td.querySelectorAll('*')]) {
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') {
          result.problems.push(`clipped: ${el.className} ${text.slice(0, 30)}`);
        }
      }
      const first = td.querySelector(':scope > p:first-child');
      const label = first ? getComputedStyle(first, '::before').content : 'none';
      if (label !== 'none' && label !== 'normal' && !tr.classList.contains('coursecal-one-line')) {
        const column = [...td.classList].find(c => c.startsWith('coursecal-col-'));
        result.labels[column] = JSON.parse(label).trim();
      }
    }
  }
  return result;
}
"""


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_the_table_on_a_phone_is_a_block_per_class(view_page: OpenPage, theme: str) -> None:
    """Every cell's text on screen, labelled by its column; no header row, no empty cells, no sideways scroll."""
    page = view_page(theme, "cse599o.html", size=MOBILE, now=TODAY)
    found = page.evaluate(PHONE_TABLE_JS)
    assert found["rows"] > 25
    assert found["head"] == "none"
    assert not found["problems"], "\n".join(found["problems"][:12])
    assert found["labels"] == {
        "coursecal-col-number": "Class",
        "coursecal-col-topic": "Topic:",
        "coursecal-col-notes": "Notes:",
        "coursecal-col-readings": "Readings:",
        "coursecal-col-materials": "Materials:",
    }
    # "Class 7 · Wed Oct 15" heads its block on one line; a closure is one line too.
    heads = page.evaluate(
        """() => ['tr.coursecal-date-2025-10-15', 'tr.coursecal-date-2025-11-27'].map(s => {
             const tr = document.querySelector('.coursecal-view-table ' + s);
             const cells = [...tr.children].filter(td => td.getClientRects().length && td.textContent.trim());
             const tops = cells.slice(0, 2).map(td => Math.round(td.getClientRects()[0].top));
             // What a reader sees: the generated label and separator with each cell's text.
             const seen = (el) => { const c = getComputedStyle(el, '::before').content;
                                    return c.startsWith('"') ? JSON.parse(c) : ''; };
             const text = (td) => seen(td) + seen(td.querySelector('p')) + td.innerText.trim();
             return [cells.slice(0, 2).map(text).join('').trim(), tops[0] === tops[1]];
           })"""
    )
    assert heads[0] == ["Class 7 \u00b7 Wed Oct 15", True], heads
    assert heads[1][1], heads
    assert "Thanksgiving" in heads[1][0]


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_the_table_stays_a_table_on_a_desktop(view_page: OpenPage, theme: str) -> None:
    """A real table for screen readers: header row shown, labels neither shown nor read, cells top-aligned."""
    page = view_page(theme, "cse599o.html", size=DESKTOP, now=TODAY)
    found = page.evaluate(
        """() => {
             const table = document.querySelector('.coursecal-view-table table');
             const cells = [...table.querySelectorAll('td')];
             return {
               display: getComputedStyle(table).display,
               head: getComputedStyle(table.querySelector('thead')).display,
               labels: [...table.querySelectorAll('td > p:first-child')]
                         .filter(p => !['none', 'normal'].includes(getComputedStyle(p, '::before').content)).length,
               aligned: [...new Set(cells.map(td => getComputedStyle(td).verticalAlign))],
               wrap: [...new Set(cells.map(td => getComputedStyle(td).whiteSpace))],
               month: [...new Set([...document.querySelectorAll('.coursecal-view-month td')]
                                  .map(td => getComputedStyle(td).verticalAlign))],
             };
           }"""
    )
    assert found["display"] == "table"
    assert found["head"] == "table-header-group"
    assert found["labels"] == 0
    assert found["aligned"] == ["top"]
    assert found["month"] == ["top"]
    assert "nowrap" not in found["wrap"]  # sphinx-rtd-theme's, which ran the grid off the page


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_the_color_key_has_no_bullets(view_page: OpenPage, theme: str) -> None:
    page = view_page(theme, "cse599o.html", now=TODAY)
    items = page.evaluate(
        """() => [...document.querySelectorAll('.coursecal-legend li')].map(li => [
             getComputedStyle(li).listStyleType, getComputedStyle(li, '::marker').content,
             getComputedStyle(li, '::before').content, getComputedStyle(li).display])"""
    )
    assert len(items) > 10
    for style, marker, before, display in items:
        assert display != "list-item" or style == "none", f"bullet {style!r}"
        assert before in ("none", "normal"), f"::before {before!r}"
        assert marker in ("none", "normal", '""') or style == "none", f"::marker {marker!r}"


# -- 3. axe-core ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def axe_script() -> Path:
    """axe-core from tests/node's lockfile (``npm ci``), installed when missing; node and npm are required."""
    if not AXE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to install axe-core (tests/node); `make test` installs it")
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"`npm ci` in {NODE_DIR} failed:\n{result.stdout}\n{result.stderr}"
    assert AXE.is_file()
    return AXE


AXE_PAGES = ["cse599o.html", "home.html", "papers/cse599o/tensorflow.html"]
AXE_RUN = """
async (include) => {
  const result = await axe.run({include: include.map(s => [s])},
                               {resultTypes: ['violations'],
                                runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']});
  return {
    violations: result.violations.map(v => ({id: v.id, help: v.help,
      nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ': ' + n.failureSummary.split('\\n').slice(1, 2))})),
    checked: result.passes ? result.passes.length : null,
  };
}
"""


@pytest.mark.parametrize(("theme", "mode"), MODES)
def test_axe_finds_nothing_in_our_markup(view_page: OpenPage, axe_script: Path, theme: str, mode: str) -> None:
    """Month, table, list, reading list, upcoming view and a paper page, today marked, in each theme and mode."""
    problems = []
    for path in AXE_PAGES:
        page = view_page(theme, path, mode=mode, now=TODAY)
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.add_script_tag(path=str(axe_script))
        roots = [s for s in (".coursecal", ".coursecal-paper-page") if page.locator(s).count()]
        assert roots, f"{path}: none of our markup"
        result = page.evaluate(AXE_RUN, roots)
        problems += [f"{path}: {v['id']} ({v['help']}): {v['nodes']}" for v in result["violations"]]
    assert not problems, "\n".join(problems)


def test_axe_can_fail(open_page: OpenPage, axe_script: Path) -> None:
    """Guards the axe run: an image without alt text in our markup is a violation."""
    page = open_page("alabaster", "home.html")
    page.evaluate(
        "document.querySelector('.coursecal').append(Object.assign(document.createElement('img'), {src: 'x.png'}))"
    )
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate(AXE_RUN, [".coursecal"])
    assert "image-alt" in [v["id"] for v in result["violations"]]


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_each_month_is_named_and_today_is_current(view_page: OpenPage, theme: str) -> None:
    page = view_page(theme, "cse599o.html", now=TODAY)
    captions = page.locator(".coursecal-view-month table > caption .caption-text").all_inner_texts()
    assert captions == [
        "September 2025",
        "October 2025",
        "November 2025",
        "December 2025",
    ]
    current = page.evaluate(
        """() => [...document.querySelectorAll('[aria-current=date]')].map(e => e.tagName + ' ' + e.className)"""
    )
    assert current, "no aria-current=date"
    assert all("coursecal-date-2025-10-15" in c for c in current), current
    assert any(c.startswith("TD ") for c in current)
    assert any(c.startswith("TR ") for c in current)


# -- 4. print -------------------------------------------------------------------------------------------


def printed(page: Page) -> list[str]:
    """Each page's text, as Chromium's print-to-PDF (Letter) lays it out and pypdf reads it."""
    pdf = page.pdf(format="Letter", print_background=True)
    # NFKC: the PDF's text has the font's ligatures ("Autodiﬀerentation").
    return [unicodedata.normalize("NFKC", sheet.extract_text()) for sheet in PdfReader(io.BytesIO(pdf)).pages]


def month_names(text: str) -> list[str]:
    return re.findall(r"(?:September|October|November|December) 2025", text)


# What marks today or this week once printed: a fill, or an edge other than a table row's kind.
PRINTED_MARKS_JS = """
() => [...document.querySelectorAll('.coursecal :is(.coursecal-today, .coursecal-this-week)')]
  .flatMap(el => el.matches('tr') ? [...el.children] : [el])
  .map(el => {
    const style = getComputedStyle(el);
    const kind = el.matches('.coursecal-table tr.coursecal-row > td:first-child');  // its kind's accent
    const marks = [
      ['rgba(0, 0, 0, 0)', 'transparent'].includes(style.backgroundColor) ? '' : `fill ${style.backgroundColor}`,
      // Bootstrap's table cells (pydata) carry a transparent 9999px inset shadow: not a mark.
      style.boxShadow.replace(/rgba\\(0, 0, 0, 0\\)[^,]*,?\\s*/g, '').replace('none', '') && !kind
        ? `edge ${style.boxShadow}` : '',
      parseFloat(style.borderLeftWidth) > 1 ? `border ${style.borderLeftWidth}` : '',
    ].filter(Boolean);
    return marks.length ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: ${marks.join(', ')}` : '';
  })
  .filter(Boolean)
"""


def marks_on_paper(page: Page) -> list[str]:
    """The elements that would print today or this week marked (paper is read for weeks)."""
    page.emulate_media(media="print")
    assert page.locator(".coursecal-today").count(), "the clock is not inside the term"
    return list(page.evaluate(PRINTED_MARKS_JS))


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_the_month_view_prints_a_month_a_page(open_page: OpenPage, theme: str) -> None:
    """CSE 599o's calendar page has four months: four pages, none blank, each month on its own."""
    page = open_page(theme, "month.html", now=TODAY)
    sheets = printed(page)
    assert [month_names(text) for text in sheets] == [
        ["September 2025"],
        ["October 2025"],
        ["November 2025"],
        ["December 2025"],
    ]
    # Each month whole: every session of December on December's page.
    december = [o.session.title for o in cse599o().select() if o.session and o.date.month == 12]
    assert december
    flat = " ".join(sheets[-1].split())
    assert [title for title in december if " ".join(title.split()) not in flat] == []
    page.emulate_media(media="print")
    found = page.evaluate(
        """() => [...document.querySelectorAll('table.coursecal-month')].map(t => {
             const wrap = t.parentElement.classList.contains('coursecal') ? t : t.parentElement;
             return [getComputedStyle(wrap).breakBefore, getComputedStyle(t).breakInside];
           })"""
    )
    assert found[0][1] == "avoid"
    assert [before for before, _inside in found[1:]] == ["page"] * 3
    assert marks_on_paper(page) == []


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_the_table_prints_whole_rows_and_every_column(open_page: OpenPage, theme: str) -> None:
    page = open_page(theme, "schedule.html", now=TODAY)
    rows = page.locator(".coursecal-view-table tbody > tr").count()
    sheets = printed(page)
    assert len(sheets) <= math.ceil(rows / 10), f"{rows} rows on {len(sheets)} pages"
    # No row lost: every class's topic is on paper (a scrolling box clips what passes a page).
    text = " ".join(" ".join(sheets).split())
    topics = page.locator(".coursecal-view-table td.coursecal-col-topic p.coursecal-title").all_inner_texts()
    assert len(topics) > 15
    missing = [topic for topic in topics if " ".join(topic.split()) not in text]
    assert not missing, f"not printed: {missing}"
    page.emulate_media(media="print")
    # The printable width of a Letter page at Chromium's default margins (0.4in): 7.7in of 96px.
    page.set_viewport_size({"width": 739, "height": 1000})
    found = page.evaluate(
        """() => {
             const table = document.querySelector('.coursecal-view-table table');
             const rows = [...table.querySelectorAll('tbody > tr')];
             const chrome = [...document.querySelectorAll(
               '.skip-to-content, .skip-link, .sphinxsidebar, .wy-nav-side, .bd-sidebar-primary, '
               + '.sidebar-drawer, .bd-header')]
               .filter(e => e.getClientRects().length).map(e => e.className);
             return {
               right: table.getBoundingClientRect().right, width: innerWidth,
               breaks: [...new Set(rows.map(r => getComputedStyle(r).breakInside))],
               head: getComputedStyle(table.querySelector('thead')).display,
               chrome,
             };
           }"""
    )
    assert found["right"] <= found["width"], f"the table runs {found['right'] - found['width']:.0f}px off the paper"
    assert found["breaks"] == ["avoid"]
    assert found["head"] == "table-header-group"  # repeated on every page
    assert found["chrome"] == [], "theme navigation prints"
    assert marks_on_paper(page) == []


# -- 5. this week and the upcoming view ---------------------------------------------------------


def marked_week(page: Page) -> dict[str, list[str]]:
    return dict(
        page.evaluate(
            """() => ({
                 month: [...document.querySelectorAll('.coursecal-view-month tr.coursecal-this-week td')]
                          .map(td => /coursecal-date-(\\S+)/.exec(td.className)[1]),
                 table: [...document.querySelectorAll('.coursecal-view-table tr.coursecal-this-week')]
                          .map(tr => /coursecal-date-(\\S+)/.exec(tr.className)[1]),
               })"""
        )
    )


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_this_week_is_marked(view_page: OpenPage, theme: str) -> None:
    """Wed Oct 15: the week of Mon Oct 13 in the month grid, its two classes in the table."""
    week = marked_week(view_page(theme, "cse599o.html", now=TODAY))
    assert week["month"] == ["2025-10-13", "2025-10-14", "2025-10-15", "2025-10-16", "2025-10-17"]
    assert week["table"] == ["2025-10-15", "2025-10-17"]


@pytest.mark.parametrize("now", [BEFORE_TERM, AFTER_TERM], ids=["before", "after"])
def test_no_week_is_marked_outside_the_term(view_page: OpenPage, now: dt.datetime) -> None:
    assert marked_week(view_page("furo", "cse599o.html", now=now)) == {"month": [], "table": []}


UPCOMING_JS = """
() => {
  const box = document.querySelector('.coursecal-view-upcoming');
  const shown = (el) => el.getClientRects().length > 0;
  return {
    days: [...box.querySelectorAll('dt')].filter(shown).map(dt => /coursecal-date-(\\S+)/.exec(dt.className)[1]),
    all: box.querySelectorAll('dt').length,
    messages: [...box.querySelectorAll('.coursecal-upcoming-messages > p:not(.coursecal-upcoming-toggle)')]
                .filter(shown)
                .map(p => p.innerText.trim()),
  };
}
"""


@functools.cache
def cse599o() -> Schedule:
    return load_schedule(SEED_000_SCHEDULE)


def term_days(first: str, last: str) -> list[str]:
    """The days from first to last (ISO dates) on which CSE 599o has something."""
    days = {o.date for o in cse599o().select()}
    return sorted(d.isoformat() for d in days if first <= d.isoformat() <= last)


@pytest.mark.parametrize(
    ("now", "first", "last", "message"),
    [
        (TODAY, "2025-10-15", "2025-10-24", None),
        (BEFORE_TERM, "2025-09-22", "2025-10-01", "The term has not begun. Its first 10 days:"),
        (AFTER_TERM, "2025-12-03", "2025-12-12", "The term has ended. Its last 10 days:"),
        (dt.datetime(2025, 12, 11, 9, 0, tzinfo=TIMEZONE), None, None, "Nothing in the next 10 days."),
    ],
    ids=["inside", "before", "after", "nothing-ahead"],
)
@pytest.mark.parametrize("theme", ["alabaster", "sphinx_rtd_theme"])
def test_upcoming_shows_what_lies_ahead(
    open_page: OpenPage, theme: str, now: dt.datetime, first: str | None, last: str | None, message: str | None
) -> None:
    """home.html's upcoming view has ``:days: 10``; the reader's clock chooses the days."""
    page = open_page(theme, "home.html", now=now)
    found = page.evaluate(UPCOMING_JS)
    expected = term_days(first, last) if first and last else []
    assert found["days"] == expected
    assert found["messages"] == ([message] if message else [])
    button = page.locator(".coursecal-view-upcoming .coursecal-upcoming-toggle button")
    assert button.inner_text() == "Show the whole term"
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    every = page.evaluate(UPCOMING_JS)
    assert len(every["days"]) == every["all"] > 30
    assert every["messages"] == []
    assert button.inner_text() == "Show the next 10 days"
    button.click()
    assert page.evaluate(UPCOMING_JS) == found


@pytest.mark.parametrize(("theme", "mode"), MODES)
def test_upcoming_marks_today_in_light_and_dark(view_page: OpenPage, theme: str, mode: str) -> None:
    """Dark themes mark today by an edge alone (no fill): the upcoming view's first day has one too."""
    page = view_page(theme, "home.html", mode=mode, now=TODAY)
    style = page.evaluate(
        """() => { const dt = document.querySelector('.coursecal-view-upcoming dt.coursecal-today');
                   const s = getComputedStyle(dt); return [s.boxShadow, s.paddingLeft]; }"""
    )
    assert style[0] != "none", style
    assert float(style[1].removesuffix("px")) > 0, style


def test_upcoming_without_javascript_shows_the_whole_term(view_page: OpenPage) -> None:
    page = view_page("furo", "home.html", js=False)
    found = page.evaluate(UPCOMING_JS)
    assert len(found["days"]) == found["all"] > 30
    assert found["days"] == term_days("2025-09-01", "2025-12-31")
    assert found["messages"] == []
    assert page.locator(".coursecal-upcoming-toggle").is_hidden()


# -- 6. the gallery's screenshots -----------------------------------------------------------------

SHOT_DAY = dt.datetime(2025, 10, 1, 10, 0, tzinfo=TIMEZONE)  # Wed Oct 1: in the first month shown
GALLERY_VIEWS = {
    # name: page, what to show (a selector), the most height to keep at 1280 and at 375
    "month": ("month.html", ".coursecal-view-month", (900, 1100)),
    "table": ("schedule.html", ".coursecal-view-table", (800, 1100)),
    "upcoming": ("home.html", ".coursecal-view-upcoming", (800, 1100)),
    "paper": ("papers/cse599o/tensorflow.html", ".coursecal-paper-page", (700, 1100)),
}


def gallery_shots() -> list[tuple[str, str, str, str, tuple[int, int]]]:
    shots = []
    for theme, mode in MODES:
        for size in ("1280", "375"):
            for view in GALLERY_VIEWS:
                suffix = "" if mode == "light" else "-dark"
                shots.append((f"{view}-{SHORT_NAMES[theme]}{suffix}-{size}.png", theme, mode, view, SIZES[size]))
    return shots


# Where an element is once the page stands still: fonts loaded, and the same box two frames
# running (sphinx-book-theme lays its sidebars out after load; one picture caught the
# month mid-move and cut off its left side).
STILL_BOX_JS = """
async (selector) => {
  await document.fonts.ready;
  const box = () => { const r = document.querySelector(selector).getBoundingClientRect();
                      return [r.left + scrollX, r.top + scrollY, r.width, r.height]; };
  const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  let last = box();
  for (let i = 0; i < 30; i += 1) {
    await frame();
    const now = box();
    if (now.every((v, k) => Math.abs(v - last[k]) < 0.5)) return now;
    last = now;
  }
  return last;
}
"""


def test_theme_gallery_screenshots(open_page: OpenPage, tmp_path: Path) -> None:
    """The docs' Themes gallery: each view in each theme and mode, desktop and phone, cropped to our markup."""
    update = os.environ.get("COURSECAL_UPDATE_SCREENSHOTS") and not os.environ.get("CI")
    folder = GALLERY if update else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, theme, mode, view, size in gallery_shots():
        path, selector, (most_desktop, most_phone) = GALLERY_VIEWS[view]
        page = open_page(theme, path, size=size, mode=mode, now=SHOT_DAY)
        # A theme still painting (sphinx-book-theme, on a loaded machine) can give a blank
        # picture of a page that is right: the picture is taken again, three times at most.
        for _attempt in range(3):
            page.evaluate("scrollTo({top: 0, behavior: 'instant'})")
            box = page.evaluate(STILL_BOX_JS, selector)
            margin = 12
            left, top = max(box[0] - margin, 0), max(box[1] - margin, 0)
            width = min(box[2] + 2 * margin, size[0] - left)
            height = min(box[3] + 2 * margin, most_desktop if size == DESKTOP else most_phone)
            # A viewport tall enough for the picture, and the box measured in it: a full-page
            # picture resizes the page while it is taken, and sphinx-book-theme then moved the
            # calendar sideways under the clip (its dark table lost its first two columns).
            page.set_viewport_size({"width": size[0], "height": max(size[1], int(top + height) + 1)})
            box = page.evaluate(STILL_BOX_JS, selector)
            left, top = max(box[0] - margin, 0), max(box[1] - margin, 0)
            png = page.screenshot(clip={"x": left, "y": top, "width": width, "height": height})
            if len(png) > 5_000:
                break
            page.wait_for_timeout(500)
        page.close()
        assert len(png) > 5_000, f"{name} looks empty"
        (folder / name).write_bytes(shrink(png) if update else png)
        written.append(name)
    assert len(written) == len(set(written)) == len(MODES) * 2 * len(GALLERY_VIEWS)


def shrink(png: bytes) -> bytes:
    """A smaller PNG for the repository: a 256-colour palette (64 turned the deadlines' red brown)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()
