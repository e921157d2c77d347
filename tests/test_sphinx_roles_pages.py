"""Roles, paper pages, the papers index, objects.inv and MyST, on the two-course test site.

What each role must show and where it must lead is read from the notes
sources (the roles a lecturer wrote) and from the seed pages and schedules;
the builds are the session's shared ones (conftest's ``site_builds``), which
test_sphinx_builds reads too.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import shutil
from dataclasses import dataclass
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from sphinx.util.inventory import InventoryFile

from sphinxcontrib_coursecal.engine import Schedule, load_schedule
from sphinxcontrib_coursecal.sphinx.courses import has_item

from .conftest import (
    COURSE_FOLDERS,
    COURSES_ROOT,
    ROOTS,
    Build,
    Builder,
    Page,
    PageRow,
    SiteBuilds,
    talks,
    tree_listing,
)
from .sphinx_readers import YEAR, cell_day, latex_text, squash

COURSES = ("cse599o", "cs599e1")  # in coursecal_schedule's order: a key without a course is looked up in this order
NOTES = {
    "notes/frameworks": COURSES_ROOT / "notes" / "frameworks.rst",
    "notes/scaling": COURSES_ROOT / "notes" / "scaling.md",
}
ROLE = re.compile(
    r"(?::(?:course:)?(paper|session|deadline|unit):|\{(?:course:)?(paper|session|deadline|unit)\})`([^`]+)`"
)


@pytest.fixture(scope="module")
def schedules() -> dict[str, Schedule]:
    return {course: load_schedule(COURSE_FOLDERS[course] / "schedule.yaml") for course in COURSES}


@dataclass(frozen=True)
class Role:
    """One role as written in a notes page, and what it names."""

    doc: str
    type: str
    course: str
    key: str
    text: str | None  # the author's own words, if any


def roles_in(doc: str, schedules: dict[str, Schedule]) -> list[Role]:
    found = []
    for match in ROLE.finditer(NOTES[doc].read_text(encoding="utf-8")):
        objtype, target = match[1] or match[2], match[3]
        text = None
        if explicit := re.fullmatch(r"(.*\S)\s*<([^>]+)>", target):
            text, target = explicit[1], explicit[2]
        prefix, _, rest = target.partition(":")
        if rest and prefix in schedules:
            course, key = prefix, rest
        else:
            course = next(name for name in COURSES if has_item(schedules[name], objtype, target))
            key = target
        found.append(Role(doc, objtype, course, key, text))
    return found


def test_the_notes_use_every_role_form(schedules: dict[str, Schedule]) -> None:
    # Guards roles_in: the notes cite papers of both courses, in reST and MyST, with and without own text.
    roles = [role for doc in NOTES for role in roles_in(doc, schedules)]
    assert {role.type for role in roles} == {"paper", "session", "deadline"}
    assert Role("notes/frameworks", "paper", "cs599e1", "vaswani2017", None) in roles
    assert Role("notes/frameworks", "paper", "cse599o", "vaswani2017", None) in roles
    assert Role("notes/frameworks", "paper", "cse599o", "pytorch", "PyTorch") in roles
    assert Role("notes/scaling", "paper", "cse599o", "pytorch-fsdp", "the FSDP paper") in roles


# -- helpers ---------------------------------------------------------------------------------


def page_file(builder: str, docname: str) -> str:
    if builder == "dirhtml":
        return f"{docname}.html" if docname == "index" or docname.endswith("/index") else f"{docname}/index.html"
    if builder == "singlehtml":
        return "index.html"
    return f"{docname}.html"


def resolve(page: str, href: str) -> tuple[str, str]:
    """An href on ``page`` as (file in the outdir, fragment)."""
    path, _, fragment = href.partition("#")
    if not path:
        return page, fragment
    if path.endswith("/") or path in (".", ".."):
        path = posixpath.join(path, "index.html")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path))), unquote(fragment)


def prose_links(soup: BeautifulSoup) -> list[Tag]:
    """Links in a page's own text: not in a calendar or reading list, not heading permalinks."""
    body = soup.select_one("div.body") or soup
    return [
        a
        for a in body.find_all("a")
        if "headerlink" not in a.get("class", []) and a.find_parent("div", class_="coursecal") is None
    ]


def day_of(element: Tag) -> dt.date | None:
    """The date of the calendar cell, table row or agenda day an element stands in."""
    for parent in [element, *element.parents]:
        for name in parent.get("class", []):
            if name.startswith("coursecal-date-"):
                return dt.date.fromisoformat(name.removeprefix("coursecal-date-"))
        if parent.name == "dd":  # the list view: the day is the term before
            term = parent.find_previous_sibling("dt")
            return cell_day(squash(term.get_text(""))) if term is not None else None
    return None


def page_lecture(day: dt.date, seed_000_page: Page) -> str:
    """The title the seed 000 page shows for the lecture on ``day``."""
    return next(lecture.title for lecture in seed_000_page.lectures if lecture.day == day)


def page_deadline(title: str, seed_000_page: Page) -> tuple[dt.date, str]:
    """The day and time the seed 000 page shows for a deadline."""
    return next((day, time) for day, time, name, _note in seed_000_page.deadlines if name == title)


def short_date(day: dt.date) -> str:
    return f"{day:%a %b} {day.day}"  # the default coursecal_date_format, "EEE MMM d"


# -- 7. roles in html and dirhtml ----------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("doc", sorted(NOTES))
def test_roles_link_where_the_item_is(
    site_builds: SiteBuilds, schedules: dict[str, Schedule], seed_000_page: Page, builder: str, doc: str
) -> None:
    built = site_builds.get(builder)
    page = page_file(builder, doc)
    links = prose_links(built.soup(page))
    roles = roles_in(doc, schedules)
    assert len(links) == len(roles), [a.get_text() for a in links]
    for link, role in zip(links, roles, strict=True):
        schedule = schedules[role.course]
        text = squash(link.get_text(""))
        target, fragment = resolve(page, str(link["href"]))
        assert (built.outdir / target).is_file(), (role, link["href"])
        if role.type == "paper":
            paper = schedule.papers[role.key]
            assert text == (role.text or paper.label), role
            assert target == page_file(builder, f"papers/{role.course}/{role.key}"), role
            heading = built.soup(target).find("h1")
            assert heading is not None
            assert squash(heading.get_text("")).removesuffix("¶") == paper.title
            continue
        goal = built.soup(target).find(id=fragment)
        assert isinstance(goal, Tag), (role, link["href"])
        assert target == page_file(builder, role.course), role  # the course's own page shows it
        if role.type == "session":
            session = schedule.session(role.key)
            assert session is not None
            assert text == f"{page_lecture(session.date, seed_000_page)} ({short_date(session.date)})"
            assert day_of(goal) == session.date  # the anchor is in that day's cell or row
        else:
            deadline = schedule.deadline(role.key)
            assert deadline is not None
            day, time = page_deadline(deadline.title, seed_000_page)
            assert text.startswith(deadline.title), text
            assert short_date(day) in text
            assert time in text
            assert day_of(goal) == day


def test_own_text_reads_like_the_default_text(site_builds: SiteBuilds) -> None:
    soup = site_builds.get("html").soup("notes/frameworks.html")
    own = next(a for a in prose_links(soup) if squash(a.get_text("")) == "PyTorch")
    assert own.find("code") is None


def test_no_page_repeats_an_id(site_builds: SiteBuilds) -> None:
    # One id, one place: notes/frameworks cites vaswani2017 of both courses, the
    # course pages show each session in several views.
    built = site_builds.get("html")
    for path in sorted(built.outdir.rglob("*.html")):
        ids = [tag["id"] for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all(id=True)]
        assert len(ids) == len(set(ids)), (path.name, sorted({i for i in ids if ids.count(i) > 1}))


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub"])
def test_every_internal_link_lands(site_builds: SiteBuilds, builder: str) -> None:
    # Calendars, reading lists, roles, paper pages and indexes: each link to a page
    # of the site reaches an existing page, and an existing id in it.
    built = site_builds.get(builder)
    suffix = "xhtml" if builder == "epub" else "html"
    soups = {
        p.relative_to(built.outdir).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in built.outdir.rglob(f"*.{suffix}")
    }
    ids = {name: {str(tag["id"]) for tag in soup.find_all(id=True)} for name, soup in soups.items()}
    checked = 0
    for name, soup in soups.items():
        for link in soup.find_all("a", href=True):
            href = str(link["href"])
            if re.match(r"[a-z]+:", href) or href.startswith("_"):
                continue  # other sites, and Sphinx's own static files
            target, fragment = resolve(name, href)
            if target not in soups:
                assert (built.outdir / target).is_file(), (name, href)  # a download, such as a feed
                continue
            assert not fragment or fragment in ids[target], (name, href)
            checked += 1
    assert checked > 150  # the calendars and reading lists alone hold more


# -- 7. roles where there are no paper pages ----------------------------------------------


def reading_list_entry(element: Tag) -> Tag | None:
    box = element.find_parent("div", class_="coursecal-reading-list")
    return element.find_parent("li") if box is not None else None


def test_singlehtml_papers_link_to_their_reading_list_entry(
    site_builds: SiteBuilds, schedules: dict[str, Schedule]
) -> None:
    built = site_builds.get("singlehtml")
    soup = built.soup("index.html")
    for doc in NOTES:
        start = soup.find(id=f"document-{doc}")
        assert isinstance(start, Tag)
        section = start.find_next_sibling("section")  # singlehtml: <span id="document-…"> then the document
        assert isinstance(section, Tag)
        links = prose_links(BeautifulSoup(str(section), "html.parser"))
        linked_roles = [r for r in roles_in(doc, schedules) if not (r.course == "cs599e1" and r.key == "vaswani2017")]
        assert len(links) == len(linked_roles)
        for link, role in zip(links, linked_roles, strict=True):
            target, fragment = resolve("index.html", str(link["href"]))
            assert target == "index.html"
            goal = soup.find(id=fragment)
            assert isinstance(goal, Tag), (role, link["href"])
            if role.type == "paper":
                entry = reading_list_entry(goal)
                assert entry is not None, role
                box = entry.find_parent("div", class_="coursecal-reading-list")
                assert box is not None
                assert f"coursecal-course-{role.course}" in box["class"]
                assert schedules[role.course].papers[role.key].title in squash(entry.get_text(""))
            else:
                assert day_of(goal) is not None, role


def test_a_paper_no_list_shows_stays_plain_text(site_builds: SiteBuilds) -> None:
    # CS 599 E1's reading list shows only the presentations: its vaswani2017 has
    # no entry to link to in singlehtml, so the label stands unlinked, without a warning.
    built = site_builds.get("singlehtml")
    start = built.soup("index.html").find(id="document-notes/frameworks")
    assert isinstance(start, Tag)
    section = start.find_next_sibling("section")
    assert isinstance(section, Tag)
    paragraph = section.find("p")
    assert isinstance(paragraph, Tag)
    assert "as Vaswani+ 2017." in squash(paragraph.get_text(""))
    assert all("Vaswani+ 2017" not in a.get_text("") for a in paragraph.find_all("a"))
    assert built.warnings == ""


def test_latex_references_land_on_labels(site_builds: SiteBuilds, schedules: dict[str, Schedule]) -> None:
    tex = site_builds.get("latex").read("twocourses.tex")
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    targets = re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex)
    assert targets
    assert set(targets) <= labels
    # The frameworks notes: each reference in order; a paper's lands on its reading-list entry.
    chapter = tex.split("\\chapter{ML frameworks}", 1)[1].split("\\chapter{", 1)[0]
    own_text = chapter.split("\\begin{sphinxuseclass}", 1)[0]  # before the page's reading list
    refs = re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]\{\\sphinxcrossref\{(.*?)\}\}\}", own_text)
    linked = [r for r in roles_in("notes/frameworks", schedules) if (r.course, r.key) != ("cs599e1", "vaswani2017")]
    assert len(refs) == len(linked)
    for (label, body), role in zip(refs, linked, strict=True):
        if role.type != "paper":
            continue
        paper = schedules[role.course].papers[role.key]
        assert latex_text(body) == (role.text or paper.label)
        entry = tex.split(f"\\label{{\\detokenize{{{label}}}}}", 1)[1].split("\\item", 1)[0]
        assert paper.title in latex_text(entry), role
    # CS 599 E1's vaswani2017 is in no reading list: its label stands as plain text.
    assert "as Vaswani+ 2017." in latex_text(own_text)


# -- 7. paper pages ----------------------------------------------------------------------


def assignment_items(built: Build, course: str, key: str) -> list[tuple[str, Tag]]:
    builder = built.app.builder.name
    page = page_file(builder, f"papers/{course}/{key}")
    soup = built.soup(page)
    section = soup.find(id="assigned")
    assert isinstance(section, Tag), page
    return [(squash(li.get_text("")), li) for li in section.find_all("li")]


def page_talk_classes(names: set[str], seed_003_rows: list[PageRow]) -> list[tuple[int, dt.date, str]]:
    """Seed 003 rows naming a paper (by any of ``names``): (class, date, presenters or "")."""
    found = []
    for row in seed_003_rows:
        if row.kind != "class" or row.number is None or row.day is None:
            continue
        if row.presentations:
            for who, what in talks(row.text):
                if what in names:
                    found.append((row.number, row.day, who))
        elif any(re.search(rf"(?<![\w.]){re.escape(name)}(?![\w.])", row.text) for name in names):
            found.append((row.number, row.day, ""))
    return found


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("key", ["korthikanti2022", "deepseekv3"])
def test_paper_page_lists_every_session_that_assigns_it(
    site_builds: SiteBuilds, schedules: dict[str, Schedule], seed_003_rows: list[PageRow], builder: str, key: str
) -> None:
    built = site_builds.get(builder)
    schedule = schedules["cs599e1"]
    paper = schedule.papers[key]
    names = {
        paper.label,
        paper.title,
        *(r.text for s in schedule.sessions for r in s.spec.readings if r.paper == key and r.text),
    }
    expected = page_talk_classes({n for n in names if n}, seed_003_rows)
    assert len(expected) == 2  # assigned once, presented once
    items = assignment_items(built, "cs599e1", key)
    assert len(items) == len(expected)
    page = page_file(builder, f"papers/cs599e1/{key}")
    for (text, li), (number, day, presenters) in zip(items, expected, strict=True):
        assert f"Class {number}" in text
        assert short_date(day) in text
        if presenters:
            assert f"presented by {presenters}" in text
        else:
            assert "required" in text
        link = li.find("a")
        assert isinstance(link, Tag)
        target, fragment = resolve(page, str(link["href"]))
        goal = built.soup(target).find(id=fragment)
        assert isinstance(goal, Tag)
        assert day_of(goal) == day  # the session's row in the schedule table


@pytest.mark.parametrize(
    ("key", "facts"),
    [
        ("palm", ["Paper 1", "required", "sections 1-5"]),  # "Paper 1: PaLM, sections 1-5" on Oct 29
        ("pytorch", ["optional"]),  # "Optional: PyTorch" on Oct 1
    ],
)
def test_paper_page_says_how_a_session_assigns_it(
    site_builds: SiteBuilds, schedules: dict[str, Schedule], key: str, facts: list[str], seed_000_page: Page
) -> None:
    label = schedules["cse599o"].papers[key].label
    days = [
        lecture.day
        for lecture in seed_000_page.lectures
        if any(
            re.match(rf"(Paper(?: \d+)?|Optional)( \([^)]*\))?: {re.escape(label)}(,|$)", line)
            for line in lecture.lines
        )
    ]
    assert len(days) == 1
    items = assignment_items(site_builds.get("html"), "cse599o", key)
    assert len(items) == 1
    text = items[0][0]
    assert short_date(days[0]) in text
    for fact in facts:
        assert fact in text


def cited_expected(schedules: dict[str, Schedule]) -> dict[tuple[str, str], set[str]]:
    cited: dict[tuple[str, str], set[str]] = {}
    for doc in NOTES:
        for role in roles_in(doc, schedules):
            if role.type == "paper":
                cited.setdefault((role.course, role.key), set()).add(doc)
    return cited


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_paper_pages_list_the_notes_citing_them(
    site_builds: SiteBuilds, schedules: dict[str, Schedule], builder: str
) -> None:
    built = site_builds.get(builder)
    expected = cited_expected(schedules)
    titles = {
        doc: squash(built.soup(page_file(builder, doc)).find("h1").get_text("")).removesuffix("¶") for doc in NOTES
    }
    for course in COURSES:
        for key in schedules[course].papers:
            page = page_file(builder, f"papers/{course}/{key}")
            soup = built.soup(page)
            section = soup.find(id="cited")
            want = expected.get((course, key), set())
            if not want:
                assert section is None, (course, key)
                continue
            assert isinstance(section, Tag), (course, key)
            links = section.find_all("a", class_="reference")
            assert sorted(squash(a.get_text("")) for a in links) == sorted(titles[doc] for doc in want)
            for link in links:
                target, fragment = resolve(page, str(link["href"]))
                citing = built.soup(target)
                assert len(citing.find_all(id=fragment)) == 1, (course, key, link["href"])
                after = citing.find(id=fragment).find_next("a")  # the citation itself follows its anchor
                assert resolve(target, str(after["href"]))[0] == page, (course, key, link["href"])


def library_keys(course: str) -> set[str]:
    folder = COURSE_FOLDERS[course]
    keys: set[str] = set()
    for path in folder.iterdir():
        if path.suffix == ".yaml" and path.name != "schedule.yaml":
            keys |= set(yaml.safe_load(path.read_text(encoding="utf-8")))
        elif path.suffix == ".bib":
            keys |= set(re.findall(r"^@\w+\{([^,\s]+),", path.read_text(encoding="utf-8"), re.MULTILINE))
    return keys


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("course", COURSES)
def test_papers_index_lists_every_paper(site_builds: SiteBuilds, builder: str, course: str) -> None:
    built = site_builds.get(builder)
    page = page_file(builder, f"papers/{course}/index")
    links = built.soup(page).select("div.body a.reference.internal")
    targets = {resolve(page, str(a["href"]))[0] for a in links if not a.get("href", "").startswith("#")}
    expected = {page_file(builder, f"papers/{course}/{key}") for key in library_keys(course)}
    assert expected <= targets
    assert len(expected) >= 37
    for target in expected:
        assert (built.outdir / target).is_file()


# -- 7. objects.inv ------------------------------------------------------------------------


def inventory(built: Build) -> dict[str, dict[str, str]]:
    data = (built.outdir / "objects.inv").read_bytes()
    if hasattr(InventoryFile, "loads"):  # Sphinx 8.2+: an inventory of items with .uri
        items_by_type = InventoryFile.loads(data, uri="").data
        return {objtype: {name: item.uri for name, item in items.items()} for objtype, items in items_by_type.items()}
    # Sphinx 7.4: a dict of (project, version, uri, display name) tuples
    raw = InventoryFile.load(io.BytesIO(data), "", posixpath.join)
    return {objtype: {name: item[2] for name, item in items.items()} for objtype, items in raw.items()}


def test_objects_inv_entries_lead_to_what_they_name(site_builds: SiteBuilds, schedules: dict[str, Schedule]) -> None:
    built = site_builds.get("html")
    inv = inventory(built)
    assert inv.get("course:paper")
    assert inv.get("course:session")
    soups: dict[str, BeautifulSoup] = {}
    for objtype in ("course:paper", "course:session", "course:deadline", "course:unit"):
        for name, uri in inv.get(objtype, {}).items():
            target, fragment = resolve("index.html", uri)
            if target not in soups:
                soups[target] = built.soup(target)
            soup = soups[target]
            if objtype == "course:paper":
                assert fragment == "", (name, uri)
                heading = soup.find("h1")
                assert heading is not None
                # Two courses in one site: names are "course:key", as the roles accept them.
                course, _sep, key = name.partition(":")
                assert course in schedules, name
                assert squash(heading.get_text("")).removesuffix("¶") == schedules[course].papers[key].title
            else:
                assert soup.find(id=fragment) is not None, (name, uri)


def test_objects_inv_has_every_paper_page_and_session_of_both_courses(
    site_builds: SiteBuilds, schedules: dict[str, Schedule]
) -> None:
    inv = inventory(site_builds.get("html"))
    paper_uris = set(inv["course:paper"].values())
    session_pages = {uri.partition("#")[0] for uri in inv["course:session"].values()}
    sessions = {uri.partition("#")[2] for uri in inv["course:session"].values()}
    for course in COURSES:
        for key in schedules[course].papers:
            assert f"papers/{course}/{key}.html" in paper_uris, (course, key)
        assert f"{course}.html" in session_pages
    count = sum(len(s.sessions) for s in schedules.values())
    assert len(sessions) == count


# -- 7. the source tree stays as it was ----------------------------------------------------


def test_no_build_writes_into_the_source_tree(site_builds: SiteBuilds) -> None:
    for builder in ("html", "dirhtml", "singlehtml", "latex", "text", "epub", "man", "texinfo"):
        site_builds.get(builder)
    assert tree_listing(site_builds.srcdir) == site_builds.listing


# -- 4. MyST ---------------------------------------------------------------------------------


def test_myst_page_renders_its_reading_list(
    site_builds: SiteBuilds, schedules: dict[str, Schedule], seed_000_page: Page
) -> None:
    # {reading-list} with :session: zero-memory: the readings the page shows on Oct 17.
    soup = site_builds.get("html").soup("notes/scaling.html")
    box = soup.select_one("div.coursecal-reading-list")
    assert box is not None
    session = schedules["cse599o"].session("zero-memory")
    assert session is not None
    lecture = next(lec for lec in seed_000_page.lectures if lec.day == session.date)
    expected = [line for line in lecture.lines if re.match(r"(Paper(?: \d+)?|Optional)\b", line)]
    entries = [squash(li.find("p").get_text("")) for li in box.select("li")]
    assert len(entries) == len(expected) == 4
    for entry, line in zip(entries, expected, strict=True):
        assert entry.startswith(line), (entry, line)


def test_myst_page_renders_its_calendar(site_builds: SiteBuilds, seed_000_page: Page) -> None:
    # {course-calendar} :view: list :kinds: deadline: every deadline of the page, on its day, nothing else.
    soup = site_builds.get("html").soup("notes/scaling.html")
    box = soup.select_one("div.coursecal-view-list")
    assert box is not None
    items = box.select("div.coursecal-item")
    shown = [(day_of(item), squash(item.get_text(""))) for item in items]
    assert len(shown) == len(seed_000_page.deadlines)
    for (day, text), (page_day, time, title, note) in zip(shown, seed_000_page.deadlines, strict=True):
        assert day == page_day
        assert f"{title} due" in text
        assert time in text
        assert note in text


# -- :unit:, :any: and a single-course site ------------------------------------------------

ROLES_PAGE = """\
:orphan:

Roles
=====

The talks are :unit:`talks`; the first reading is :any:`knuth1974`, due before
:course:deadline:`hw1`; see :course:session:`intro` and :paper:`Dijkstra's letter <dijkstra1968>`.
"""


@pytest.fixture(scope="module")
def single_course(tmp_path_factory: pytest.TempPathFactory, shared_build: Builder) -> Build:
    base = tmp_path_factory.mktemp("single")
    shutil.copytree(ROOTS / "test-coursecal-views", base / "src")
    (base / "src" / "roles.rst").write_text(ROLES_PAGE, encoding="utf-8")
    return shared_build(base / "src", base / "build", "html")


def test_single_course_roles(single_course: Build) -> None:
    assert single_course.warnings == ""
    links = prose_links(single_course.soup("roles.html"))
    found = [(squash(a.get_text("")), resolve("roles.html", str(a["href"]))) for a in links]
    assert [text for text, _ in found] == [
        "Student talks",
        "Knuth 1974",
        "HW1 (due Wed Oct 8, 23:59)",
        "Introduction (Mon Sep 29)",
        "Dijkstra's letter",
    ]
    # One course: paper pages are papers/<key>.html.
    assert found[1][1] == ("papers/knuth1974.html", "")
    assert found[4][1] == ("papers/dijkstra1968.html", "")
    index = single_course.soup("index.html")
    for _text, (target, fragment) in (found[0], found[2], found[3]):
        assert target == "index.html"
        assert index.find(id=fragment) is not None
    unit_row = index.find(id=found[0][1][1]).find_parent("tr")
    assert unit_row is not None
    assert squash(unit_row.get_text("")) == "Student talks"
    assert day_of(index.find(id=found[2][1][1])) == dt.date(YEAR, 10, 8)
    assert day_of(index.find(id=found[3][1][1])) == dt.date(YEAR, 9, 29)
