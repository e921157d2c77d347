"""Paper pages cost only when they change, and an incremental build leaves what a clean build leaves.

The example course (furo, MyST and reST notes, 37 papers) is built, edited as
an instructor edits it, and built again; the result is compared byte for byte
with a clean build of the edited sources, and the paper pages' files tell
whether they were written again.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_coursecal.sphinx import generated

from .conftest import REPO

EXAMPLE = REPO / "example_course"


def copy_example(target: Path) -> Path:
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("_build"))
    return target


def build(srcdir: Path, outdir: Path, **overrides: object) -> None:
    app = SphinxTestApp("html", srcdir=srcdir, builddir=outdir, confoverrides=dict(overrides))
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 0


def html_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.html"))}


def stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.glob("*.html"))}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    later = time.time() + 2
    os.utime(path, (later, later))


def assert_same_as_clean(srcdir: Path, outdir: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    build(srcdir, clean)
    ours, theirs = html_files(outdir / "html"), html_files(clean / "html")
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_editing_a_notes_page_writes_no_paper_page(tmp_path: Path) -> None:
    srcdir = copy_example(tmp_path / "src")
    out = tmp_path / "out"
    build(srcdir, out)
    papers = out / "html" / "papers"
    before = stamps(papers)
    assert len(before) == 38  # 37 papers and the index
    edit(srcdir / "notes" / "frameworks.rst", "builds a dataflow graph first", "builds a dataflow graph up front")
    build(srcdir, out)
    after = stamps(papers)
    rewritten = sorted(name for name in after if after[name] != before[name])
    assert rewritten == ["index.html"]  # the index is written every build; it carries the navigation
    assert_same_as_clean(srcdir, out, tmp_path)


def test_a_new_citation_rewrites_that_paper_page_only(tmp_path: Path) -> None:
    srcdir = copy_example(tmp_path / "src")
    out = tmp_path / "out"
    build(srcdir, out)
    papers = out / "html" / "papers"
    before = stamps(papers)
    assert "Cited in" not in (papers / "gpipe.html").read_text(encoding="utf-8")
    edit(srcdir / "notes" / "frameworks.rst", "builds a dataflow graph first", "builds a graph (see :paper:`gpipe`)")
    build(srcdir, out)
    after = stamps(papers)
    assert sorted(name for name in after if after[name] != before[name]) == ["gpipe.html", "index.html"]
    assert "Cited in" in (papers / "gpipe.html").read_text(encoding="utf-8")
    assert_same_as_clean(srcdir, out, tmp_path)


def test_generated_pages_take_no_section_number_from_a_numbered_toctree(tmp_path: Path) -> None:
    """Sphinx numbers the titles of the document it writes; a generated page is in no toctree,
    so whichever document was written before it, its title has no number, clean or not."""
    srcdir = copy_example(tmp_path / "src")
    edit(srcdir / "index.rst", ":maxdepth: 1", ":maxdepth: 1\n   :numbered:")
    out = tmp_path / "out"
    build(srcdir, out)
    edit(srcdir / "notes" / "frameworks.rst", "builds a dataflow graph first", "builds a graph (see :paper:`gpipe`)")
    build(srcdir, out)
    papers = out / "html" / "papers"
    for page in (papers / "index.html", papers / "gpipe.html"):
        assert "section-number" not in page.read_text(encoding="utf-8"), page.name
    assert "section-number" in (out / "html" / "calendar.html").read_text(encoding="utf-8")  # numbered
    assert_same_as_clean(srcdir, out, tmp_path)


def test_a_removed_paper_loses_its_page(tmp_path: Path) -> None:
    srcdir = copy_example(tmp_path / "src")
    out = tmp_path / "out"
    library = srcdir / "papers.yaml"
    papers = library.read_text(encoding="utf-8")
    library.write_text(papers + "\nextra2026: {title: A paper nobody assigns, year: 2026}\n", encoding="utf-8")
    build(srcdir, out)
    assert (out / "html" / "papers" / "extra2026.html").is_file()
    edit(library, "\nextra2026: {title: A paper nobody assigns, year: 2026}\n", "")
    build(srcdir, out)
    assert not (out / "html" / "papers" / "extra2026.html").exists()
    assert_same_as_clean(srcdir, out, tmp_path)


def feed_files(html: Path) -> dict[str, tuple[int, bytes]]:
    """The feeds, change history and event files a build wrote: when, and what."""
    found = [*html.glob("*.ics"), *html.glob("*-changes.*"), *(html / "_ics").rglob("*.ics")]
    return {p.relative_to(html).as_posix(): (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(found)}


def test_a_notes_edit_leaves_feeds_and_paper_pages_as_they_are(tmp_path: Path) -> None:
    """Nothing a course's feeds or paper pages are made from changed: none is written again, and
    what is there is what a clean build writes (subscribers' calendars see an unchanged file)."""
    srcdir = copy_example(tmp_path / "src")
    out = tmp_path / "out"
    build(srcdir, out)
    html = out / "html"
    feeds = feed_files(html)
    assert "cse599o.ics" in feeds
    assert "cse599o-changes.json" in feeds
    assert any(name.startswith("_ics/") for name in feeds)  # "Add to calendar" files
    edit(srcdir / "notes" / "memory.md", "#", "# ")  # a heading's spacing: the same page for Sphinx's reader
    edit(srcdir / "notes" / "frameworks.rst", "builds a dataflow graph first", "builds a dataflow graph up front")
    build(srcdir, out)
    assert feed_files(html) == feeds
    clean = tmp_path / "clean"
    build(srcdir, clean)
    assert {name: data for name, (_, data) in feed_files(clean / "html").items()} == {
        name: data for name, (_, data) in feeds.items()
    }
    assert_same_as_clean(srcdir, out, tmp_path / "again")


def test_a_feed_removed_from_the_output_is_written_again(tmp_path: Path) -> None:
    srcdir = copy_example(tmp_path / "src")
    out = tmp_path / "out"
    build(srcdir, out)
    html = out / "html"
    written = (html / "cse599o.ics").read_bytes()
    event = next((html / "_ics").rglob("*.ics"))
    (html / "cse599o.ics").unlink()
    event.unlink()
    (html / "papers" / "gpipe.html").unlink()
    # A page edited too: with nothing out of date, Sphinx before 8 ends the build before any
    # page is written (generated ones included), though it still says the build finished.
    edit(srcdir / "notes" / "frameworks.rst", "builds a dataflow graph first", "builds a dataflow graph up front")
    build(srcdir, out)
    assert (html / "cse599o.ics").read_bytes() == written
    assert event.is_file()
    assert (html / "papers" / "gpipe.html").is_file()


def test_a_citing_page_retitled_updates_the_paper_pages_it_cites(tmp_path: Path) -> None:
    """A paper page lists the titles of the pages that cite it: a new title is a new input."""
    srcdir = copy_example(tmp_path / "src")
    out = tmp_path / "out"
    build(srcdir, out)
    papers = out / "html" / "papers"
    notes = srcdir / "notes" / "frameworks.rst"
    edit(
        notes,
        "Lecture notes: ML frameworks\n============================",
        "Frameworks, in notes\n====================",
    )
    build(srcdir, out)
    cited = (papers / "tensorflow.html").read_text(encoding="utf-8").split('id="cited"')[1]
    assert "Frameworks, in notes" in cited
    # The paper pages are a clean build's. (Pages Sphinx did not write again, such as the
    # schedule linking the notes by their title, keep the old title, as in any Sphinx site.)
    clean = tmp_path / "clean"
    build(srcdir, clean)
    assert html_files(papers) == html_files(clean / "html" / "papers")


def test_a_touched_schedule_stamps_the_feeds_as_a_clean_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without SOURCE_DATE_EPOCH a feed's DTSTAMP is the schedule's newest file time: same bytes,
    a newer time, and the feeds are written again with it, as a clean build would write them."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    srcdir = copy_example(tmp_path / "src")
    out = tmp_path / "out"
    build(srcdir, out)
    before = (out / "html" / "cse599o.ics").read_bytes()
    later = time.time() + 3 * 86400
    os.utime(srcdir / "schedule.yaml", (later, later))
    build(srcdir, out)
    clean = tmp_path / "clean"
    build(srcdir, clean)
    after = (out / "html" / "cse599o.ics").read_bytes()
    assert after == (clean / "html" / "cse599o.ics").read_bytes()
    assert after != before  # the newer DTSTAMP


def test_a_schedule_edit_writes_the_feeds_again(tmp_path: Path) -> None:
    srcdir = copy_example(tmp_path / "src")
    out = tmp_path / "out"
    build(srcdir, out)
    html = out / "html"
    before = (html / "cse599o.ics").read_bytes()
    edit(srcdir / "schedule.yaml", "Intro and Transformers", "Introduction and Transformers")
    build(srcdir, out)
    after = (html / "cse599o.ics").read_bytes()
    assert b"SUMMARY:CSE 599o Lecture: Introduction and Transformers" in after.replace(b"\r\n ", b"")
    assert after != before


@pytest.mark.parametrize("theme", ["alabaster", "furo", "pydata_sphinx_theme"])
def test_shared_navigation_is_the_navigation_sphinx_renders(
    theme: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paper pages render the theme's toctree once per folder: byte for byte what Sphinx renders per page."""
    srcdir = copy_example(tmp_path / "src")
    build(srcdir, tmp_path / "shared", html_theme=theme)
    monkeypatch.setattr(generated, "SHARE_TOCTREE", False)
    build(srcdir, tmp_path / "own", html_theme=theme)
    shared = html_files(tmp_path / "shared" / "html" / "papers")
    own = html_files(tmp_path / "own" / "html" / "papers")
    assert len(shared) == 38
    assert shared == own
