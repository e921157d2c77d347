"""Parallel and incremental builds give the pages a clean serial build gives.

Each test works on its own copy of the two-course site (conftest's ``courses_site``). The documents an
incremental build re-reads come from its status output ("reading sources...
[ 33%] cse599o"); which documents use which course is read from the sources.
"""

from __future__ import annotations

import filecmp
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOTS, Build, Builder

DOCS = ("index", "about", "cse599o", "cs599e1", "notes/frameworks", "notes/scaling")
SNOW_DAY = "  - {date: 2025-10-15, title: Snow day}\n"


def source(srcdir: Path, doc: str) -> str:
    path = srcdir / f"{doc}.rst"
    return (path if path.exists() else srcdir / f"{doc}.md").read_text(encoding="utf-8")


def uses(srcdir: Path, course: str) -> set[str]:
    """Documents that show something of ``course``: a directive for it, or a role that names its items.

    A role without a course prefix names the first course of coursecal_schedule
    that has the key; in this site every one of them is a CSE 599o key.
    """
    found = set()
    for doc in DOCS:
        text = source(srcdir, doc)
        if re.search(rf"^\s*:course: {course}\s*$", text, re.MULTILINE):
            found.add(doc)
        roles = re.findall(
            r"(?::(?:course:)?(?:paper|session|deadline|unit):|\{(?:course:)?(?:paper|session|deadline|unit)\})`([^`]+)`",
            text,
        )
        for target in roles:
            key = target.rpartition("<")[2].rstrip(">")
            named = key.partition(":")[0] if ":" in key else "cse599o"
            if named == course:
                found.add(doc)
    return found


def reread(built: Build) -> set[str]:
    """The documents the build read, from its status output."""
    return set(re.findall(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)$", built.status, re.MULTILINE))


def pages(outdir: Path, pattern: str = "**/*.html") -> dict[str, bytes]:
    return {path.relative_to(outdir).as_posix(): path.read_bytes() for path in sorted(outdir.glob(pattern))}


def assert_same_pages(left: Path, right: Path) -> None:
    ours, theirs = pages(left), pages(right)
    assert sorted(ours) == sorted(theirs)
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert differ == []


def edit(path: Path, old: str, new: str) -> None:
    """Change a file as a person would: later than the last build, and by more than a touch."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    later = time.time() + 2
    os.utime(path, (later, later))


def test_the_site_uses_courses_as_this_module_thinks(tmp_path: Path, courses_site: Callable[[Path], Path]) -> None:
    # Guards ``uses``: the notes use CSE 599o, CS 599 E1 is cited from the frameworks notes.
    srcdir = courses_site(tmp_path / "src")
    assert uses(srcdir, "cse599o") == {"cse599o", "notes/frameworks", "notes/scaling"}
    assert uses(srcdir, "cs599e1") == {"cs599e1", "notes/frameworks"}


# -- 5. parallel reading ----------------------------------------------------------------------


def test_parallel_build_writes_the_same_site_as_a_serial_one(
    tmp_path: Path, courses_site: Callable[[Path], Path]
) -> None:
    # Both in fresh processes (the schedule cache is per process), at the same time.
    srcdir = courses_site(tmp_path / "src")
    runs = {}
    for name, jobs in (("serial", []), ("parallel", ["-j", "2"])):
        command = [sys.executable, "-m", "sphinx", *jobs, "-b", "html", "-d", str(tmp_path / f"{name}-doctrees")]
        command += [str(srcdir), str(tmp_path / name)]
        runs[name] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = {name: process.communicate() for name, process in runs.items()}
    for name, process in runs.items():
        assert process.returncode == 0, results[name][1]
        assert results[name][1] == ""  # no warnings
    # Sphinx read in chunks ("reading sources... [ 50%] about .. cse599o"): the parallel path really ran.
    assert re.search(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+", results["parallel"][0])
    # Every page, paper page and index, and the search index too, byte for byte.
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert_same_pages(serial, parallel)
    for name in ("searchindex.js", "objects.inv", "_static/coursecal-kinds.css"):
        assert filecmp.cmp(serial / name, parallel / name, shallow=False), name
    feeds = pages(serial, "*.ics")
    assert {"cse599o.ics", "cs599e1.ics"} <= set(feeds)
    assert feeds == pages(parallel, "*.ics")
    domains = []
    for name in ("serial", "parallel"):
        with (tmp_path / f"{name}-doctrees" / "environment.pickle").open("rb") as stream:
            domains.append(pickle.load(stream).domaindata["course"])  # our own build's pickle
    assert domains[0] == domains[1]
    assert domains[0]["shown"]["paper"]  # not two empty dicts


# -- 6. incremental builds ----------------------------------------------------------------------


def test_a_snow_day_rereads_exactly_the_pages_of_that_course(
    tmp_path: Path, courses_site: Callable[[Path], Path], build: Builder
) -> None:
    srcdir = courses_site(tmp_path / "src")
    first = build(srcdir, tmp_path / "build")
    assert reread(first) == set(DOCS)
    edit(srcdir / "cse599o" / "schedule.yaml", "closures:\n", "closures:\n" + SNOW_DAY)
    again = build(srcdir, tmp_path / "build")
    assert reread(again) == uses(srcdir, "cse599o")
    assert "about" not in reread(again)
    # The plan no longer fits (the course's plan fills every slot): said once, at the schedule.
    assert again.warnings.count("[coursecal.overfull]") == 1
    assert again.warnings.startswith(f"{(srcdir / 'cse599o' / 'schedule.yaml').resolve()}:")
    clean = build(srcdir, tmp_path / "clean")
    assert clean.warnings == again.warnings
    assert_same_pages(again.outdir, clean.outdir)
    assert pages(again.outdir, "*.ics") == pages(clean.outdir, "*.ics")  # the calendar feeds too
    # And the snow day is there: the Oct 15 cell says so.
    assert "Snow day" in (again.outdir / "cse599o.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("course", "papers", "old", "new"),
    [
        (
            "cs599e1",
            "papers.bib",
            "Reducing Activation Recomputation in Large Transformer Models",
            "Reducing Activation Recomputation in Large Transformers",
        ),
        ("cse599o", "papers.yaml", "short: TensorFlow", "short: TensorFlow (OSDI)"),
    ],
)
def test_a_papers_edit_rereads_the_pages_that_show_its_papers(
    tmp_path: Path, course: str, papers: str, old: str, new: str, courses_site: Callable[[Path], Path], build: Builder
) -> None:
    srcdir = courses_site(tmp_path / "src")
    build(srcdir, tmp_path / "build")
    edit(srcdir / course / papers, old, new)
    again = build(srcdir, tmp_path / "build")
    assert reread(again) == uses(srcdir, course)
    assert again.warnings == ""
    clean = build(srcdir, tmp_path / "clean")
    assert_same_pages(again.outdir, clean.outdir)
    shown = new.removeprefix("short: ")
    assert shown in (again.outdir / f"{course}.html").read_text(encoding="utf-8")


def test_touching_a_schedule_changes_no_page(
    tmp_path: Path, courses_site: Callable[[Path], Path], build: Builder
) -> None:
    srcdir = courses_site(tmp_path / "src")
    first = build(srcdir, tmp_path / "build")
    before = pages(first.outdir)
    later = time.time() + 2
    for name in ("cse599o/schedule.yaml", "cse599o/papers.yaml", "cs599e1/schedule.yaml", "cs599e1/papers.bib"):
        os.utime(srcdir / name, (later, later))
    again = build(srcdir, tmp_path / "build")
    assert "about" not in reread(again)
    assert again.warnings == ""
    assert pages(again.outdir) == before


def test_an_unchanged_site_rebuilds_nothing(
    tmp_path: Path, courses_site: Callable[[Path], Path], build: Builder
) -> None:
    srcdir = courses_site(tmp_path / "src")
    first = build(srcdir, tmp_path / "build")
    before = pages(first.outdir)
    again = build(srcdir, tmp_path / "build")
    assert reread(again) == set()
    assert again.statuscode == 0
    assert pages(again.outdir) == before


def test_dropping_a_citation_updates_the_paper_page(
    tmp_path: Path, courses_site: Callable[[Path], Path], build: Builder
) -> None:
    srcdir = courses_site(tmp_path / "src")
    first = build(srcdir, tmp_path / "build")
    assert "Cited in" in (first.outdir / "papers" / "cse599o" / "tensorflow.html").read_text(encoding="utf-8")
    edit(srcdir / "notes" / "frameworks.rst", ":paper:`tensorflow`", "TensorFlow")
    again = build(srcdir, tmp_path / "build")
    assert reread(again) == {"notes/frameworks"}
    assert "Cited in" not in (again.outdir / "papers" / "cse599o" / "tensorflow.html").read_text(encoding="utf-8")
    assert_same_pages(again.outdir, build(srcdir, tmp_path / "clean").outdir)


def test_removing_a_citing_page_updates_the_paper_pages(
    tmp_path: Path, courses_site: Callable[[Path], Path], build: Builder
) -> None:
    srcdir = courses_site(tmp_path / "src")
    build(srcdir, tmp_path / "build")
    (srcdir / "notes" / "scaling.md").unlink()
    edit(srcdir / "index.rst", "   notes/scaling\n", "")
    again = build(srcdir, tmp_path / "build")
    clean = build(srcdir, tmp_path / "clean")
    # Sphinx itself leaves a removed page's old output and its neighbours' prev/next links;
    # the paper pages (their "Cited in") are coursecal's, and must be current.
    papers = pages(again.outdir, "papers/**/*.html")
    assert papers == pages(clean.outdir, "papers/**/*.html")
    assert "Scaling notes" not in papers["papers/cse599o/zero.html"].decode()


def test_adding_a_missing_paper_fixes_the_page_that_named_it(tmp_path: Path, build: Builder) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-coursecal-views", srcdir)
    (srcdir / "notes.rst").write_text(":orphan:\n\nNotes\n=====\n\nSee :paper:`turing1950`.\n", encoding="utf-8")
    first = build(srcdir, tmp_path / "build")
    assert "[coursecal.xref]" in first.warnings
    edit(
        srcdir / "schedule.yaml",
        "papers:\n",
        "papers:\n  turing1950: {title: Computing Machinery and Intelligence, authors: [Alan Turing], year: 1950}\n",
    )
    again = build(srcdir, tmp_path / "build")
    assert "notes" in reread(again)
    assert 'href="papers/turing1950.html"' in (again.outdir / "notes.html").read_text(encoding="utf-8")


def test_a_role_only_page_follows_a_schedule_named_by_a_directive(tmp_path: Path, build: Builder) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-coursecal-views", srcdir)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinxcontrib_coursecal"]\n', encoding="utf-8"
    )  # no coursecal_schedule
    (srcdir / "index.rst").write_text(
        "Demo\n====\n\n.. toctree::\n\n   a-notes\n\n.. course-calendar:: schedule.yaml\n", encoding="utf-8"
    )
    (srcdir / "a-notes.rst").write_text("Notes\n=====\n\nSee :session:`intro`.\n", encoding="utf-8")  # read first
    first = build(srcdir, tmp_path / "build")
    assert first.warnings == ""
    assert "Introduction (Mon Sep 29)" in (first.outdir / "a-notes.html").read_text(encoding="utf-8")
    edit(srcdir / "schedule.yaml", "title: Introduction", "title: Opening")
    again = build(srcdir, tmp_path / "build")
    assert "Opening (Mon Sep 29)" in (again.outdir / "a-notes.html").read_text(encoding="utf-8")
