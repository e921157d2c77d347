"""sphinx-design in the views and pages: tabs, cards, badges and dropdowns, in every builder.

The site is the views test root (tests/roots/test-coursecal-views) with a tab
set and a card grid added below its table, month and list views, and an
abstract given to one paper. Each builder builds it once (``design_builds``),
warning-free, and each test reads what a reader would: the tabs' labels and
panels, where a card's link goes, a badge's words, the paper page's
``<details>``; outside HTML, the same words as plain headed text.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from sphinxcontrib_coursecal.engine import load_schedule

from .conftest import Build, Builder
from .sphinx_readers import html_text, latex_text, squash
from .test_sphinx_builds import BUILDERS, HTML_LIKE, VIEWS_ROOT, man_text, texinfo_text

ABSTRACT = "A look at when go to statements make programs clearer, and how to do without them."
TAB_LABELS = ["Month", "Table", "List", "Upcoming"]
DESIGN_PAGE = """

.. course-calendar::
   :view: tabs

.. course-calendar::
   :view: cards
"""


def _design_site(target: Path) -> Path:
    shutil.copytree(VIEWS_ROOT, target)
    schedule = target / "schedule.yaml"
    text = schedule.read_text(encoding="utf-8")
    text = text.replace("    short: Knuth 1974\n", f"    short: Knuth 1974\n    abstract: {ABSTRACT}\n")
    schedule.write_text(text, encoding="utf-8")
    with (target / "index.rst").open("a", encoding="utf-8") as index:
        index.write(DESIGN_PAGE)
    return target


@pytest.fixture(scope="module")
def design_builds(tmp_path_factory: pytest.TempPathFactory, shared_build: Builder) -> Callable[[str], Build]:
    """``get(builder)``: the design site built once per builder, each in its own build directory."""
    base = tmp_path_factory.mktemp("design")
    srcdir = _design_site(base / "src")
    builds: dict[str, Build] = {}

    def get(builder: str) -> Build:
        if builder not in builds:
            # EPUB3 wants a copyright and a version; the other builders ignore them.
            overrides = {"copyright": "2025, Demo", "version": "1"}
            builds[builder] = shared_build(srcdir, base / f"build-{builder}", builder, confoverrides=overrides)
        return builds[builder]

    return get


def _html(built: Build, builder: str = "html") -> BeautifulSoup:
    return built.soup("index.xhtml" if builder == "epub" else "index.html")


def _tab_set(soup: BeautifulSoup) -> Tag:
    found = soup.select(".coursecal-view-tabs .sd-tab-set")
    assert len(found) == 1
    return found[0]


# -- HTML ----------------------------------------------------------------------------------------


def test_the_tab_set_has_one_tab_per_view_each_showing_that_view(design_builds: Callable[[str], Build]) -> None:
    tabs = _tab_set(_html(design_builds("html")))
    labels = [squash(label.get_text()) for label in tabs.find_all("label", recursive=False)]
    assert labels == TAB_LABELS
    inputs = tabs.find_all("input", recursive=False)
    assert [bool(i.has_attr("checked")) for i in inputs] == [True, False, False, False]
    panels = tabs.select(":scope > .sd-tab-content")
    assert len(panels) == 4
    month, table, agenda, upcoming = panels
    assert month.select("table.coursecal-month")
    assert not month.select("table.coursecal-table")
    assert table.select("table.coursecal-table")
    assert not table.select("table.coursecal-month")
    assert agenda.select("dl.coursecal-agenda")
    assert agenda.select(".coursecal-week-name")
    assert upcoming.select(".coursecal-upcoming")
    assert not upcoming.select(".coursecal-week-name")
    # Each panel shows the course: the first session's title in every one of them.
    for panel in panels:
        assert "Introduction" in html_text(panel)
    # Each label opens its own panel.
    for label, panel in zip(tabs.find_all("label", recursive=False), panels, strict=True):
        assert label["aria-controls"] in panel["id"].split()


def test_the_color_key_is_above_the_tabs_once(design_builds: Callable[[str], Build]) -> None:
    box = _html(design_builds("html")).select(".coursecal-view-tabs")[0]
    assert len(box.select(".coursecal-legend")) == 1
    assert box.select_one(".coursecal-legend").find_next_sibling(class_="sd-tab-set") is not None


def test_cards_link_to_each_sessions_anchor(design_builds: Callable[[str], Build]) -> None:
    soup = _html(design_builds("html"))
    schedule = load_schedule(VIEWS_ROOT / "schedule.yaml")
    cards = soup.select(".coursecal-view-cards .sd-row > .sd-col > .sd-card")
    assert [squash(c.select_one(".coursecal-card-title").get_text()) for c in cards] == [
        s.title for s in schedule.sessions
    ]
    for card, session in zip(cards, schedule.sessions, strict=True):
        link = card.select_one(".coursecal-card-title a")
        assert link is not None, session.title
        anchor = link["href"].removeprefix("#")
        target = soup.find(id=anchor)
        assert target is not None
        # The session's first place on the page: the table view above, not a card.
        assert target.find_parent(class_="coursecal-view-table") is not None
        assert session.anchor in anchor
        assert f"Class {session.number}" in card.select_one(".sd-card-header").get_text()
        assert card.get("id") is None  # cards take no reference away from the schedule


def test_badges_carry_the_kind_label_in_its_color(design_builds: Callable[[str], Build]) -> None:
    built = design_builds("html")
    soup = _html(built)
    schedule = load_schedule(VIEWS_ROOT / "schedule.yaml")
    badges = soup.select(".coursecal-view-month .coursecal-item .coursecal-kind-label")
    assert badges
    # A session's or a meeting's badge names its meeting ("Lecture", "OH (Tim)"); an event's, itself.
    labels = {m.title for m in schedule.meetings.values()} | {o.title for o in schedule.occurrences if not o.meeting}
    for badge in badges:
        assert "sd-badge" in badge["class"]
        assert badge.get_text() in labels
        # Inside its item, which carries the kind (and so the kind's color, below).
        item = badge.find_parent(class_="coursecal-item")
        assert any(name.removeprefix("coursecal-kind-") in schedule.kinds for name in item["class"])
    first = soup.select(".coursecal-view-cards .sd-card")[0]
    assert first.select_one(".sd-badge.coursecal-kind-label").get_text() == "Lecture"
    assert "coursecal-kind-lecture" in first["class"]
    # The kind's color reaches the badge: the generated stylesheet sets it on the kind's class.
    kinds_css = (built.outdir / "_static" / "coursecal-kinds.css").read_text(encoding="utf-8")
    assert re.search(r"\.coursecal-course-demo101 \.coursecal-kind-lecture \{ --coursecal-kind: #", kinds_css)
    stylesheet = (built.outdir / "_static" / "coursecal.css").read_text(encoding="utf-8")
    assert "border: 1px solid var(--coursecal-kind)" in stylesheet
    labels = [squash(label.get_text()) for label in soup.select(".coursecal-view-table .coursecal-reading-label")]
    assert labels == ["Paper 1:", "Optional:"]
    assert all(
        "sd-badge" in badge["class"] for badge in soup.select(".coursecal-view-table .coursecal-reading-label > span")
    )


def test_sphinx_design_is_set_up_for_the_site(design_builds: Callable[[str], Build]) -> None:
    soup = _html(design_builds("html"))
    assert soup.select('link[href*="sphinx-design"]')
    assert soup.select('script[src*="design-tabs"]')


def test_the_abstract_is_a_dropdown_on_the_paper_page(design_builds: Callable[[str], Build]) -> None:
    built = design_builds("html")
    page = built.soup("papers/knuth1974.html")
    details = page.select("details.sd-dropdown")
    assert len(details) == 1
    assert details[0]["id"] == "abstract"
    assert not details[0].has_attr("open")
    assert squash(details[0].select_one("summary").get_text()) == "Abstract"
    assert squash(details[0].select_one(".sd-summary-content").get_text()) == ABSTRACT
    # A paper without an abstract has no dropdown.
    assert not built.soup("papers/dijkstra1968.html").select("details")


# -- every builder ---------------------------------------------------------------------------------


def _readable(built: Build, builder: str) -> str:
    """What the builder wrote for the page, as plain words."""
    out = built.outdir
    if builder in HTML_LIKE:
        page = _html(built, builder)
        for shown_url in page.select("span.link-target"):  # epub's URLs after links: not the page's words
            shown_url.decompose()
        return squash(page.body.get_text("") if page.body else page.get_text(""))
    if builder == "latex":
        return latex_text(next(out.glob("*.tex")).read_text(encoding="utf-8"))
    if builder == "text":
        return squash((out / "index.txt").read_text(encoding="utf-8"))
    if builder == "man":
        return man_text(next(out.glob("*.1")).read_text(encoding="utf-8"))
    return texinfo_text(next(out.glob("*.texi")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_builds_the_design_views_cleanly(design_builds: Callable[[str], Build], builder: str) -> None:
    built = design_builds(builder)
    assert built.warnings == ""
    assert built.statuscode == 0
    text = _readable(built, builder)
    for label in TAB_LABELS:  # each tab's name, a heading outside HTML
        assert label in text
    assert "Paper 1: Knuth 1974" in text  # a badge reads as its words, the colon after it
    assert text.count("Introduction") >= 6  # table, month, list above; four tabs and a card below
    for raw in ("design_component", "sd_badge", "tab-item", "<container"):
        assert raw not in text


@pytest.mark.parametrize("builder", [b for b in BUILDERS if b not in HTML_LIKE])
def test_outside_html_a_tab_is_its_label_then_its_view(design_builds: Callable[[str], Build], builder: str) -> None:
    text = _readable(design_builds(builder), builder)
    keys = [match.start() for match in re.finditer("Color key", text)]
    assert len(keys) == 5  # table, month, list, the tab set, the cards
    tabs = text[keys[3] : keys[4]]
    positions = [tabs.find(f"{label} ") for label in TAB_LABELS]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert tabs.count("Introduction") == 4  # once in each tab


def test_views_chooses_and_orders_the_tabs_and_warns_of_an_unknown_one(tmp_path: Path, build: Builder) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(VIEWS_ROOT, srcdir)
    (srcdir / "index.rst").write_text(
        "Demo\n====\n\n"
        ".. course-calendar::\n   :view: tabs\n   :views: cards table mnth\n\n"
        ".. course-calendar::\n   :view: table\n   :views: month\n",
        encoding="utf-8",
    )
    built = build(srcdir, tmp_path / "build", "html")
    warnings = built.warnings.splitlines()
    assert len(warnings) == 2
    assert ":views: 'mnth' is not one of table, month, list, upcoming, cards; did you mean 'month'?" in warnings[0]
    assert ":views: works with :view: tabs only" in warnings[1]
    soup = built.soup("index.html")
    tabs = _tab_set(soup)
    assert [squash(label.get_text()) for label in tabs.find_all("label", recursive=False)] == ["Cards", "Table"]
    cards, table = tabs.select(":scope > .sd-tab-content")
    assert len(cards.select(".sd-card")) == 3
    assert table.select("table.coursecal-table")
    # One color key for both tabs: the kinds either shows. Neither shows office hours.
    key = [squash(li.get_text()) for li in soup.select(".coursecal-view-tabs .coursecal-legend-items li")]
    assert "Lecture" in key
    assert "Deadline" in key  # the table's rows
    assert "Office hours" not in key


def test_the_cards_color_key_names_the_sessions_kinds_only(design_builds: Callable[[str], Build]) -> None:
    soup = _html(design_builds("html"))
    key = [squash(li.get_text()) for li in soup.select(".coursecal-view-cards .coursecal-legend-items li")]
    assert key == ["Lecture", "Guest lecture", "Presentation"]
