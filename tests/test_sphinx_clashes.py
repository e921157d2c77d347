"""Nothing a schedule says may replace a page or a feed: each clash is a warning at its line.

The root tests/roots/test-coursecal-clashes has paper keys that want one file
name (a-b, a.b, a:b), a paper keyed ``index``, a paper named like a
hand-written document (papers/p1.rst), and sessions whose notes pages do not
exist; a small site made here has two schedules with one course id.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

ROOT = Path(__file__).resolve().parent / "roots" / "test-coursecal-clashes"


def line_of(name: str, text: str) -> int:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """One build shared by the module (make_app is function-scoped, so SphinxTestApp itself)."""
    srcdir = tmp_path_factory.mktemp("clashes") / "src"
    shutil.copytree(ROOT, srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, confoverrides={"show_warning_types": True})
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def warnings(app: SphinxTestApp) -> list[str]:
    return [line for line in strip_escape_sequences(app.warning.getvalue()).splitlines() if "WARNING" in line]


def test_each_paper_gets_a_page_of_its_own(built: SphinxTestApp) -> None:
    out = Path(built.outdir)
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in index.select("p a.reference.internal")}
    expected = {
        "a-b": "papers/a-b.html",
        "a.b": "papers/a-b-2.html",
        "a:b": "papers/a-b-3.html",
        "index": "papers/index-2.html",
        "p1": "papers/p1-2.html",
    }
    titles = {"a-b": "Dash", "a.b": "Dot", "a:b": "Colon", "index": "A paper keyed index", "p1": "A paper named"}
    for key, page in expected.items():
        label = next(text for text in links if links[text] == page)
        assert label, key
        assert titles[key] in (out / page).read_text(encoding="utf-8"), key
    # The papers index and the hand-written page are still what they were.
    assert "A paper keyed index" in (out / "papers" / "index.html").read_text(encoding="utf-8")
    assert "Staff wrote this page" in (out / "papers" / "p1.html").read_text(encoding="utf-8")


def test_each_clash_is_a_warning_at_the_schedule_line(built: SphinxTestApp) -> None:
    found = warnings(built)
    schedule = "schedule.yaml"
    expected = [
        (f"{schedule}:{line_of('schedule.yaml', 'a.b: {')}", "coursecal.page-clash", "papers/a-b-2"),
        (f"{schedule}:{line_of('schedule.yaml', 'a:b: {')}", "coursecal.page-clash", "papers/a-b-3"),
        (f"{schedule}:{line_of('schedule.yaml', 'index: {')}", "coursecal.page-clash", "papers/index-2"),
        (f"{schedule}:{line_of('schedule.yaml', 'p1: {')}", "coursecal.page-clash", "the document papers/p1"),
        (f"{schedule}:{line_of('schedule.yaml', 'notes/missing')}", "coursecal.notes-page", "check its spelling"),
        (
            f"{schedule}:{line_of('schedule.yaml', 'etc/passwd')}",
            "coursecal.path",
            "must name a document of the project",
        ),
    ]
    for where, subtype, text in expected:
        matches = [w for w in found if f"{where}:" in w and subtype in w and text in w]
        assert len(matches) == 1, (where, subtype, text, found)
    assert len(found) == len(expected), found


def test_a_second_course_with_the_same_id_replaces_nothing(make_app: type[SphinxTestApp], tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinxcontrib_coursecal"]\n'
        'coursecal_schedule = {"first": "first.yaml", "second": "second.yaml"}\n',
        encoding="utf-8",
    )
    for name, code in (("first", "CL 1"), ("second", "CL 2")):
        (tmp_path / f"{name}.yaml").write_text(
            f"course:\n  id: clash\n  code: {code}\n  timezone: UTC\n  start: 2026-01-05\n  end: 2026-03-27\n"
            f"papers:\n  p1: {{title: Paper of {code}}}\n",
            encoding="utf-8",
        )
    (tmp_path / "index.rst").write_text(
        "Two\n===\n\n.. course-calendar::\n   :course: first\n\n.. course-calendar::\n   :course: second\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=tmp_path, confoverrides={"show_warning_types": True})
    app.build()
    assert [w for w in warnings(app) if "coursecal.course-id" in w and "second.yaml:2:" in w]
    out = Path(app.outdir)
    feed = (out / "clash.ics").read_text(encoding="utf-8")
    assert "CL 1" in feed
    assert "CL 2" not in feed
    assert "Paper of CL 1" in (out / "papers" / "clash" / "p1.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "value", "default"),
    [
        ("coursecal_paper_dir", ".", "papers"),
        ("coursecal_paper_dir", "../up", "papers"),
        ("coursecal_ics_filename", "{course}-{term}.ics", "{course}.ics"),
        ("coursecal_ics_filename", "{course}{0}.ics", "{course}.ics"),
    ],
)
def test_settings_that_would_overwrite_or_fail_fall_back(
    name: str, value: str, default: str, make_app: type[SphinxTestApp], tmp_path: Path
) -> None:
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinxcontrib_coursecal"]\ncoursecal_schedule = "schedule.yaml"\n', encoding="utf-8"
    )
    (tmp_path / "schedule.yaml").write_text(
        "course: {id: demo, timezone: UTC, start: 2026-01-05, end: 2026-03-27}\n"
        "papers: {index: {title: Keyed index}}\n",
        encoding="utf-8",
    )
    (tmp_path / "index.rst").write_text("Home\n====\n\nThe home page.\n\n.. course-ics::\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path, confoverrides={name: value, "show_warning_types": True})
    app.build()
    config_warnings = [w for w in warnings(app) if "coursecal.config" in w]
    assert len(config_warnings) == 1
    assert re.search(rf"{name} = .* using the default {re.escape(repr(default))}", config_warnings[0])
    out = Path(app.outdir)
    assert "The home page." in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "demo.ics").is_file()
