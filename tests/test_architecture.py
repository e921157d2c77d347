"""The house keeps its shape: small modules, a true architecture page, explicit roles, one cache key.

Import rules (the engine's one door, no cycles) are import-linter contracts in
pyproject.toml, checked by ``make lint``; these tests check what a contract cannot.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_coursecal.engine import Role, load_schedule, load_schedule_text, slugify
from sphinxcontrib_coursecal.sphinx.state import CourseRef, Schedules

from .conftest import REPO

PACKAGE = REPO / "src" / "sphinxcontrib_coursecal"
ARCHITECTURE = REPO / "docs" / "contributing" / "architecture.md"
MAX_LINES = 400


def modules() -> list[str]:
    return sorted(path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py"))


def test_no_module_is_a_house_of_its_own() -> None:
    """Each module holds one concept; none grows past ~400 lines."""
    sizes = {name: len((PACKAGE / name).read_text(encoding="utf-8").splitlines()) for name in modules()}
    assert {name: size for name, size in sizes.items() if size > MAX_LINES} == {}


def test_the_architecture_page_names_every_module_and_only_real_ones() -> None:
    named = set(
        re.findall(r"`((?:engine/|sphinx/(?:views/)?)?[a-z0-9_]+\.py)`", ARCHITECTURE.read_text(encoding="utf-8"))
    )
    real = {name for name in modules() if name not in ("__init__.py", "__main__.py")}
    assert named - real == set(), "the page names modules that do not exist"
    assert real - named == set(), "modules the page does not name"


# -- occurrences say what they are, whatever their kind ------------------------------------

RELEASE_KIND = """\
course: {id: demo, timezone: UTC, start: 2026-01-05, end: 2026-03-27}
deadlines:
  - {id: starter, title: Starter code, due: "2026-01-09 12:00", kind: release}
  - {id: hw1, title: HW1, due: "2026-01-16 23:59", released: 2026-01-09}
"""


def test_a_deadline_of_kind_release_is_still_due() -> None:
    schedule = load_schedule_text(RELEASE_KIND)
    roles = {o.uid: (o.role, o.kind) for o in schedule.occurrences}
    assert roles == {
        "deadline-starter": (Role.DUE, "release"),
        "deadline-hw1": (Role.DUE, "deadline"),
        "release-hw1": (Role.RELEASE, "release"),
    }


@pytest.mark.sphinx("html", testroot="coursecal-release")
def test_a_deadline_of_kind_release_links(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in page.select("p a.reference.internal")}
    assert links == {
        "Starter code (due Fri Jan 9, 12:00)": "#coursecal-demo-starter-deadline",
        "HW1 (due Fri Jan 16, 23:59)": "#coursecal-demo-hw1-deadline",
    }
    for href in links.values():
        assert page.find(id=href[1:]) is not None, href
    # In the month cell it reads as due, not "released".
    starter = page.find(id="coursecal-demo-starter-deadline").parent
    assert "Starter code due 12:00" in starter.get_text(" ", strip=True)


# -- ids and names from any script -------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Día de los Muertos", "dia-de-los-muertos"), ("第一讲 导论", "diyijiang-daolun"), ("Ελληνικά", "ellinika")],
)
def test_slugs_transliterate(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_deadlines_with_titles_in_other_scripts_get_ids_of_their_own() -> None:
    """Made-up ids must not depend on the order of the list ("item", "item-2")."""
    head = "course: {id: demo, timezone: UTC, start: 2026-01-05, end: 2026-03-27}\ndeadlines:\n"
    first = '  - {title: 作业一, due: "2026-01-09"}\n'
    second = '  - {title: 作业二, due: "2026-01-16"}\n'
    one = {d.title: d.id for d in load_schedule_text(head + first + second).deadlines}
    other = {d.title: d.id for d in load_schedule_text(head + second + first).deadlines}
    assert one == other == {"作业一": "zuoyeyi", "作业二": "zuoyeer"}


def test_bibtex_family_names_keep_their_particles_and_compounds(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(
        textwrap.dedent(
            """\
            @article{cruz, author = {de la Cruz, Ana and Pérez, Luis}, title = {One}, year = 2020}
            @book{garcia, author = {García Márquez, Gabriel}, title = {Cien años de soledad}, year = 1967}
            @article{knuth, author = {Donald E. Knuth}, title = {Three}, year = 1984}
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "schedule.yaml").write_text(
        "course: {id: demo, timezone: UTC, start: 2026-01-05, end: 2026-03-27}\npapers: refs.bib\n", encoding="utf-8"
    )
    papers = load_schedule(tmp_path / "schedule.yaml").papers
    assert papers["cruz"].authors == ("Ana de la Cruz", "Luis Pérez")
    assert [papers[key].label for key in ("cruz", "garcia", "knuth")] == [
        "de la Cruz and Pérez 2020",
        "García Márquez 1967",
        "Knuth 1984",
    ]


# -- one build's cache ---------------------------------------------------------------------


def test_a_schedule_is_cached_per_root(tmp_path: Path) -> None:
    """The root decides which papers files may be read: two roots, two answers."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "papers.yaml").write_text("p1: {title: One}\n", encoding="utf-8")
    schedule = project / "docs" / "schedule.yaml"
    schedule.write_text(
        "course: {id: demo, timezone: UTC, start: 2026-01-05, end: 2026-03-27}\npapers: ../papers.yaml\n",
        encoding="utf-8",
    )
    cache = Schedules()
    narrow = cache.get(CourseRef("", schedule, project / "docs"))
    wide = cache.get(CourseRef("", schedule, project))
    assert (list(narrow.papers), list(wide.papers)) == ([], ["p1"])
    assert [d.subtype.value for d in narrow.diagnostics] == ["path"]
    # Asked again in the same phase, each root gets its own answer without reloading.
    assert cache.get(CourseRef("", schedule, project / "docs")) is narrow
    assert cache.get(CourseRef("", schedule, project)) is wide
