"""Warnings: each Sphinx-layer subtype once, at its place; schedule problems at the schedule's line.

Two small roots: tests/roots/test-coursecal-warnings (a bad setting, an
unknown course, a bad option value and an unknown paper, one each) and
tests/roots/test-coursecal-broken (a schedule with two problems of different
kinds, used by two pages; built as it is, with ``@pytest.mark.sphinx``).
Expected places are found in those sources.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sphinxcontrib_coursecal.engine import Subtype
from sphinxcontrib_coursecal.sphinx.warnings import Warn

from .conftest import ROOTS, Build, Builder
from .sphinx_readers import html_text

WARNING = re.compile(r"^(?:(?P<where>\S.*?): )?WARNING: (?P<message>.*) \[(?P<type>[\w.-]+)\]$")


def warning_lines(built: Build) -> list[tuple[str, str, str]]:
    """Each warning as (location, message, type); every line of the stream must be one."""
    found = []
    for line in built.warnings.splitlines():
        match = WARNING.match(line)
        assert match is not None, line
        found.append((match["where"] or "", match["message"], match["type"]))
    return found


def copy_root(tmp_path: Path, name: str) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / name, srcdir)
    return srcdir


def line_of(path: Path, text: str, after: str = "") -> int:
    """The 1-based line of the first line containing ``text`` (after a line containing ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


# -- the Sphinx layer's own subtypes -----------------------------------------------------


@pytest.fixture(scope="module")
def warned(tmp_path_factory: pytest.TempPathFactory, shared_build: Builder) -> Build:
    srcdir = copy_root(tmp_path_factory.mktemp("warnings"), "test-coursecal-warnings")
    return shared_build(srcdir, srcdir.parent / "build")


def expected_warnings(srcdir: Path) -> dict[str, tuple[str, str]]:
    """subtype -> (location, message), each found in the root's sources."""
    bad = srcdir / "bad.rst"
    # The directive is the place of a directive's problem: the line of its ``.. course-calendar::``.
    unknown_course = line_of(bad, ":course: nosuch") - 1
    bad_option = line_of(bad, ".. course-calendar::", after=":course: nosuch")
    return {
        # A setting has no line to point at: like Sphinx's own config warnings, it has no location.
        "config": (
            "",
            "coursecal_default_view = 'grid' must be one of table, month, list, upcoming, cards, tabs; "
            "using the default 'table'",
        ),
        "no-schedule": (f"{bad}:{unknown_course}", "course-calendar: no course 'nosuch' in coursecal_schedule"),
        "option": (f"{bad}:{bad_option}", "course-calendar: :kinds: 'seminar' is not one of "),
        "xref": (
            f"{bad}:{line_of(bad, ':paper:`knuth1947`')}",
            ":paper:`knuth1947`: no paper 'knuth1947' in the schedule; did you mean 'knuth1974'?",
        ),
        "page-clash": (
            f"{srcdir / 'schedule.yaml'}:{line_of(srcdir / 'schedule.yaml', 'index:')}:3",
            "the page of the paper 'index' would be papers/demo101/index, which is the papers index; "
            "it is written as papers/demo101/index-2 instead (rename the key, or set coursecal_paper_dir)",
        ),
        "course-id": (
            f"{srcdir / 'twin.yaml'}:{line_of(srcdir / 'twin.yaml', 'id: demo101')}:3",
            f"course.id 'demo101' is also the id of {srcdir / 'schedule.yaml'}: its feeds and paper pages "
            "would replace that course's, so they are not written; give each course its own id",
        ),
        "feed-clash": (
            f"{srcdir / 'schedule.yaml'}:{line_of(srcdir / 'schedule.yaml', 'id: demo101')}:3",
            "the feed file demo101-section-a.ics is also another feed of this course; it is written "
            "once, for the first: rename a section, a feed in coursecal_ics_feeds, or the course id",
        ),
        "notes-page": (
            f"{srcdir / 'schedule.yaml'}:{line_of(srcdir / 'schedule.yaml', 'id: guest')}:5",
            "the session 'guest' names the notes page 'notes/gone', which is no document of this project; "
            "check its spelling, or add the document",
        ),
        # The root sets no html_baseurl and its schedule no course.url: feed links can only download.
        "no-url": (
            f"{bad}:{line_of(bad, '.. course-ics::')}",
            "the feed links of schedule.yaml can only offer downloads: set html_baseurl in conf.py "
            "(or course.url in the schedule) to the published site's address so students can subscribe",
        ),
        # The root reads its previous publication from a port nothing listens on, and requires it: a build
        # warning, without a place (the setting's), naming the address; the rest says what it costs.
        "previous": ("", "coursecal: demo101: could not read http://127.0.0.1:9/demo101.ics ("),
        # The root allows 10 entries a view; the list of the whole course has 13.
        "view-limit": (
            f"{bad}:{line_of(bad, ':view: list') - 2}",
            "course-calendar: the list view has 13 entries, more than coursecal_view_limit (10); "
            "it draws the first 10, to ",
        ),
    }


def test_every_subtype_is_covered_here() -> None:
    # A new Warn member must get a case in expected_warnings (the parametrization below takes every member).
    assert {member.value for member in Warn} == {
        "config",
        "no-schedule",
        "option",
        "xref",
        "no-url",
        "page-clash",
        "course-id",
        "previous",
        "feed-clash",
        "view-limit",
    }


# notes-page is a schedule subtype (coursecal check --project reports it too) that only a build can check.
@pytest.mark.parametrize("subtype", [*(member.value for member in Warn), Subtype.NOTES_PAGE.value])
def test_each_subtype_once_with_message_and_place(warned: Build, subtype: str) -> None:
    where, message = expected_warnings(warned.srcdir)[subtype]
    found = [(w, m) for w, m, t in warning_lines(warned) if t == f"coursecal.{subtype}"]
    assert len(found) == 1, found
    assert found[0][0] == where
    if subtype == "option":
        assert found[0][1].startswith(message)
        assert "lecture" in found[0][1]  # the kinds it could have been
    elif subtype == "view-limit":
        assert found[0][1].startswith(message)
        assert found[0][1].endswith("or raise coursecal_view_limit in conf.py")
    elif subtype == "previous":
        assert found[0][1].startswith(message)
        assert found[0][1].endswith(
            "SEQUENCE follows the schedule alone this time (an event moved earlier may "
            "not update in subscribers' calendars), and the change history published "
            "with this build starts again"
        )
    else:
        assert found[0][1] == message


def test_nothing_else_warns_and_the_site_builds(warned: Build) -> None:
    assert sorted(t for _w, _m, t in warning_lines(warned)) == [
        "coursecal.config",
        "coursecal.course-id",
        "coursecal.feed-clash",
        "coursecal.no-schedule",
        "coursecal.no-url",
        "coursecal.notes-page",
        "coursecal.option",
        "coursecal.page-clash",
        "coursecal.previous",
        "coursecal.view-limit",
        "coursecal.xref",
    ]
    assert warned.statuscode == 0
    page = warned.soup("bad.html")
    # The bad setting fell back to the table view; the unknown kind is ignored, the known one kept.
    tables = page.select("div.coursecal-view-table table")
    assert len(tables) == 1
    assert "Introduction" in html_text(tables[0])
    # The unknown paper stays as its text.
    assert "The first reading is knuth1947." in html_text(page.select_one("div.body"))
    # Without the site's address the feed links offer the download only, which works.
    feed_links = [(a.get_text(""), a["href"]) for a in page.select("ul.coursecal-feeds a")]
    assert feed_links
    assert all(text == "Download .ics" for text, _href in feed_links)
    assert all((warned.outdir / str(href)).is_file() for _text, href in feed_links)


def test_no_schedule_configured(tmp_path: Path, build: Builder) -> None:
    # No coursecal_schedule at all: a directive without a file, and a role, say what to do.
    srcdir = copy_root(tmp_path, "test-coursecal-views")
    (srcdir / "index.rst").write_text(
        "Demo\n====\n\n.. course-calendar::\n\nRead :paper:`knuth1974`.\n", encoding="utf-8"
    )
    built = build(srcdir, tmp_path / "build", confoverrides={"coursecal_schedule": None})
    index = srcdir / "index.rst"
    assert warning_lines(built) == [
        (
            f"{index}:4",
            "course-calendar: no schedule; set coursecal_schedule in conf.py or name the file: "
            ".. course-calendar:: schedule.yaml",
            "coursecal.no-schedule",
        ),
        (
            f"{index}:6",
            ":paper:`knuth1974`: no schedule is configured; set coursecal_schedule",
            "coursecal.no-schedule",
        ),
    ]
    assert built.statuscode == 0


def test_myst_role_warns_at_its_line(tmp_path: Path, build: Builder) -> None:
    srcdir = copy_root(tmp_path, "test-coursecal-views")
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text(encoding="utf-8") + 'extensions.append("myst_parser")\n', encoding="utf-8"
    )
    (srcdir / "notes.md").write_text("---\norphan: true\n---\n# Notes\n\nSee {session}`intor`.\n", encoding="utf-8")
    built = build(srcdir, tmp_path / "build")
    notes = srcdir / "notes.md"
    [(where, message, subtype)] = warning_lines(built)
    assert where == f"{notes}:6"
    assert "no session 'intor' in the schedule; did you mean 'intro'?" in message
    assert subtype == "coursecal.xref"


# Roles on lines 3, 6 and 7 of one paragraph (and one in a list item, wrapped): each is reported at
# its own line, not at the paragraph's first. The known key in between warns about nothing.
ROLES_REST = """\
:orphan:

Line three :paper:`knuth19` and
more text here
and line five
line six :session:`intor` and :paper:`knuth1974`
line seven :deadline:`hw2` end.

* item :unit:`basic`
  item line two :paper:`the
  paper <dijkstra>`
"""
ROLES_MYST = """\
# Notes

Line three {paper}`knuth19` and
more text here, and ``{paper}`knuth19` `` in a literal
and line five
line six {session}`intor` and {paper}`knuth1974`
line seven {deadline}`hw2` end.
"""


def test_roles_warn_at_their_own_lines(tmp_path: Path, build: Builder) -> None:
    srcdir = copy_root(tmp_path, "test-coursecal-views")
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text(encoding="utf-8") + 'extensions.append("myst_parser")\n', encoding="utf-8"
    )
    (srcdir / "roles.rst").write_text(ROLES_REST, encoding="utf-8")
    (srcdir / "notes.md").write_text("---\norphan: true\n---\n" + ROLES_MYST, encoding="utf-8")
    built = build(srcdir, tmp_path / "build")
    rest, myst = srcdir / "roles.rst", srcdir / "notes.md"
    found = {(where, message.split(":")[1]) for where, message, subtype in warning_lines(built)}
    assert {subtype for _w, _m, subtype in warning_lines(built)} == {"coursecal.xref"}
    assert len(warning_lines(built)) == 8
    assert found == {
        (f"{rest}:3", "paper"),
        (f"{rest}:6", "session"),
        (f"{rest}:7", "deadline"),
        (f"{rest}:9", "unit"),
        (f"{rest}:10", "paper"),  # wrapped over lines 10 and 11: where it starts
        # MyST: the front matter's three lines come before the text
        (f"{myst}:6", "paper"),
        (f"{myst}:9", "session"),
        (f"{myst}:10", "deadline"),
    }


OPTION_VALUES = """\
Options
=======

.. course-calendar::
   :kinds: deadline exams

.. course-calendar::
   :meetings: lecture oh-tom
   :units: basic

.. course-calendar::
   :columns: number topic reading

.. reading-list::
   :session: intor

.. reading-list::
   :unit: talk
"""


def test_option_values_suggest_the_nearest(tmp_path: Path, build: Builder) -> None:
    """As schedule errors do: `:kinds: deadline exams` says "did you mean 'exam'?", at the directive."""
    srcdir = copy_root(tmp_path, "test-coursecal-views")
    (srcdir / "index.rst").write_text(OPTION_VALUES, encoding="utf-8")
    built = build(srcdir, tmp_path / "build")
    index = srcdir / "index.rst"
    assert {subtype for _w, _m, subtype in warning_lines(built)} == {"coursecal.option"}
    hints = [(where, message.rsplit("; ", 1)[1]) for where, message, _subtype in warning_lines(built)]
    assert hints == [
        (f"{index}:4", "did you mean 'exam'?"),
        (f"{index}:7", "did you mean 'oh-tim'?"),
        (f"{index}:7", "did you mean 'basics'?"),
        (f"{index}:11", "did you mean 'readings'?"),
        (f"{index}:14", "did you mean 'intro'?"),
        (f"{index}:17", "did you mean 'talks'?"),
    ]


# -- problems in the schedule file ---------------------------------------------------------


def schedule_warnings(schedule: Path) -> list[tuple[str, str, str]]:
    """The two problems the broken schedule has, at their line and column."""
    text = schedule.read_text(encoding="utf-8").splitlines()
    tiem = line_of(schedule, "tiem:")
    paper = line_of(schedule, "readings: [knuth1974]")
    return [
        (
            f"{schedule.resolve()}:{tiem}:{text[tiem - 1].index('tiem') + 1}",
            "the meeting 'lecture' has no field 'tiem'; did you mean 'time'?",
            "coursecal.unknown-key",
        ),
        (
            f"{schedule.resolve()}:{paper}:{text[paper - 1].index('knuth1974') + 1}",
            "the session 'lecture-1' reads 'knuth1974', which is not in `papers`",
            "coursecal.reference",
        ),
    ]


@pytest.mark.sphinx("html", testroot="coursecal-broken", srcdir="coursecal-broken-problems")
def test_schedule_problems_once_per_build_at_their_line(app_build: Build) -> None:
    built = app_build
    # Two pages use the schedule; each problem is still reported once, in file order.
    assert warning_lines(built) == schedule_warnings(built.srcdir / "schedule.yaml")
    assert built.statuscode == 0
    # The rest of the schedule still builds: both sessions, on both pages.
    assert "Introduction" in html_text(built.soup("index.html").select_one("div.coursecal"))
    assert "Wrap-up" in html_text(built.soup("other.html").select_one("div.coursecal"))


@pytest.mark.sphinx(
    "html",
    testroot="coursecal-broken",
    srcdir="coursecal-broken-suppressed",
    confoverrides={"suppress_warnings": ["coursecal.unknown-key"]},
)
def test_suppress_warnings_silences_exactly_one_subtype(app_build: Build) -> None:
    built = app_build
    assert warning_lines(built) == schedule_warnings(built.srcdir / "schedule.yaml")[1:]


def test_warnings_as_errors_fail_the_build(tmp_path: Path) -> None:
    # sphinx-build -W --keep-going: the build runs to its end, reports each problem once, and fails.
    # (Sphinx 8.1+ keeps going under -W by itself; 7.4 stops at the first warning without the flag.)
    broken_src = copy_root(tmp_path, "test-coursecal-broken")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(broken_src),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0  # 1 on Sphinx 9, 2 on Sphinx 7.4
    reported = [line for line in result.stderr.splitlines() if "[coursecal." in line]
    assert reported == [f"{w}: WARNING: {m} [{t}]" for w, m, t in schedule_warnings(broken_src / "schedule.yaml")]


def test_the_upcoming_window_is_a_day_to_a_year(tmp_path: Path, build: Builder) -> None:
    """``:days:`` and coursecal_upcoming_days past a year (the script's dates would overflow) are refused."""
    srcdir = copy_root(tmp_path, "test-coursecal-release")
    index = srcdir / "index.rst"
    index.write_text("Demo\n====\n\n.. course-calendar::\n   :view: upcoming\n   :days: 400\n", encoding="utf-8")
    built = build(srcdir, tmp_path / "build", confoverrides={"coursecal_upcoming_days": 9999})
    assert "coursecal_upcoming_days = 9999 must be a whole number of days from 1 to 366; using the default 14" in (
        built.warnings
    )
    assert f'{index}:4: ERROR: Error in "course-calendar" directive:' in built.warnings
    assert "400 is not a whole number of days from 1 to 366" in built.warnings
    (srcdir / "index.rst").write_text(
        "Demo\n====\n\n.. course-calendar::\n   :view: upcoming\n   :days: 366\n", encoding="utf-8"
    )
    again = build(srcdir, tmp_path / "again")
    assert again.warnings == ""
    assert "coursecal-days-366" in again.read("index.html")
