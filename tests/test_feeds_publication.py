"""Publishing feeds with a Sphinx build: the site's address, the previous publication, the pages that say what changed.

Each test builds a small real site (the example course's schedule, a few
pages) with SphinxTestApp. The previous publication is read from a folder
(``coursecal_ics_previous``), or from an address where nothing listens; the
full path over HTTP, as on Read the Docs, is tests/test_feeds_term.py.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sphinxcontrib_coursecal import ics
from sphinxcontrib_coursecal.engine import load_schedule_text

from .conftest import SEED_000_SCHEDULE, Build, Builder
from .ics_readers import unescape, unfold
from .term_edits import EDITS, texts

CANONICAL = "https://cse599o.readthedocs.example/en/latest/"  # reserved (RFC 2606): never fetched
CONF = """\
project = "CSE 599o"
extensions = ["sphinxcontrib_coursecal"]
coursecal_schedule = "schedule.yaml"
coursecal_paper_pages = False
suppress_warnings = ["coursecal.notes-page"]  # the example's notes pages are not in this site
"""
PAGES = {
    "index.rst": "CSE 599o\n========\n\n.. toctree::\n\n   changes\n   subscribe\n\n.. course-calendar::\n",
    "changes.rst": "What changed\n============\n\n.. course-changes::\n",
    "subscribe.rst": "Subscribe\n=========\n\n.. course-ics-picker::\n\n.. course-ics::\n",
}


def without_course_url(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("  url: "))


SITE = 'html_baseurl = "https://cse599o.example.org/"\n'  # reserved: never fetched


def site(folder: Path, text: str, conf: str = SITE, pages: dict[str, str] | None = None) -> Path:
    """A small site of the example course (its ``course.url`` left out, as on Read the Docs)."""
    folder.mkdir(parents=True)
    (folder / "conf.py").write_text(CONF + conf, encoding="utf-8")
    for name, page in (pages or PAGES).items():
        (folder / name).write_text(page, encoding="utf-8")
    (folder / "schedule.yaml").write_text(without_course_url(text), encoding="utf-8")
    shutil.copyfile(SEED_000_SCHEDULE.parent / "papers.yaml", folder / "papers.yaml")
    return folder


@pytest.fixture
def built(build: Builder) -> Callable[..., Build]:
    """``built(srcdir, outdir, builder="html", **overrides)``: a build that must pass without a warning."""

    def run(srcdir: Path, outdir: Path, builder: str = "html", **overrides: Any) -> Build:
        result = build(srcdir, outdir, builder, confoverrides=overrides)
        assert result.statuscode == 0
        assert result.warnings == "", result.warnings
        return result

    return run


def vevents(raw: bytes) -> dict[str, str]:
    text = unfold(raw.decode("utf-8"))
    events = re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT\r\n", text, re.DOTALL)
    return {re.findall(r"^UID:(.*?)\r?$", event, re.MULTILINE)[0]: event for event in events}


def prop(text: str, name: str) -> str:
    return str(re.findall(rf"^{name}(?:;[^:\r\n]*)?:(.*?)\r?$", text, re.MULTILINE)[0])


# -- Read the Docs: the address without configuration ----------------------------------------------


def test_read_the_docs_gives_the_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: Callable[..., Build]
) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", CANONICAL)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1758240000")
    result = built(site(tmp_path / "src", texts()[0], conf=""), tmp_path / "out")  # no html_baseurl, no warning
    page = result.soup("subscribe.html")
    hrefs = [str(a["href"]) for a in page.select("ul.coursecal-feeds a")]
    assert "webcal://cse599o.readthedocs.example/en/latest/cse599o.ics" in hrefs
    feed = (result.outdir / "cse599o.ics").read_bytes()
    assert all(prop(event, "URL").startswith(CANONICAL) for event in vevents(feed).values())
    # An X- property's value is TEXT unless it says otherwise (RFC 5545 3.8.8.2): escaped, read back so.
    assert unescape(prop(unfold(feed.decode()), "X-WR-CALDESC")) == (
        f"CSE 599o Autumn 2025: Systems for Machine Learning, University of Washington. {CANONICAL}"
    )
    # An example address is never fetched; the log says why nothing was compared.
    assert "coursecal: cse599o: not compared with a previous publication: " in result.status
    assert f"{CANONICAL} is an example address, where nothing is published" in result.status


def test_html_baseurl_comes_before_read_the_docs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: Callable[..., Build]
) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", CANONICAL)
    result = built(
        site(tmp_path / "src", texts()[0], conf=""),
        tmp_path / "out",
        html_baseurl="https://courses.example.org/cse599o/",
    )
    hrefs = [str(a["href"]) for a in result.soup("subscribe.html").select("ul.coursecal-feeds a")]
    assert "webcal://courses.example.org/cse599o/cse599o.ics" in hrefs


# -- the previous publication ----------------------------------------------------------------------


def test_an_unreachable_site_is_a_note_not_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: Callable[..., Build]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1758240000")
    srcdir = site(tmp_path / "src", texts()[1])
    # Nothing listens on port 9: the build goes on (a -W build passes), says so once, and follows the schedule.
    offline = built(srcdir, tmp_path / "offline", coursecal_ics_previous="http://127.0.0.1:9/")
    notes = [line for line in offline.status.splitlines() if line.startswith("coursecal: cse599o:")]
    assert len(notes) == 1
    assert notes[0].startswith("coursecal: cse599o: could not read http://127.0.0.1:9/cse599o.ics (")
    assert "SEQUENCE follows the schedule alone this time" in notes[0]
    assert "the change history published with this build starts again" in notes[0]
    alone = built(srcdir, tmp_path / "alone", coursecal_ics_previous=False)
    assert (offline.outdir / "cse599o.ics").read_bytes() == (alone.outdir / "cse599o.ics").read_bytes()
    schedule = load_schedule_text(without_course_url(texts()[1]), str(srcdir / "schedule.yaml"), root=srcdir)
    events = vevents((offline.outdir / "cse599o.ics").read_bytes())
    for occurrence in schedule.occurrences:  # the stateless rule: documented changes from the plan
        assert prop(events[f"{occurrence.uid}@cse599o.coursecal"], "SEQUENCE") == str(ics.sequence(occurrence))


def test_a_folder_of_copies_and_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: Callable[..., Build]
) -> None:
    """The previous publication from a folder next to conf.py; the pages and Atom feed list the changes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1758240000")
    first = built(site(tmp_path / "v1", texts()[0]), tmp_path / "out1", coursecal_ics_previous="published")
    srcdir = site(tmp_path / "v2", texts()[3])  # the snow day, a room change, HW2 extended
    shutil.copytree(first.outdir, srcdir / "published", ignore=shutil.ignore_patterns("_*", "*.html"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760000000")  # 2025-10-09 08:53:20 UTC
    second = built(srcdir, tmp_path / "out2", coursecal_ics_previous="published")
    assert f"compared with the feed published at {srcdir / 'published' / 'cse599o.ics'}: 16 events" in second.status
    before = vevents((first.outdir / "cse599o.ics").read_bytes())
    after = vevents((second.outdir / "cse599o.ics").read_bytes())
    hw2 = "deadline-hw2@cse599o.coursecal"
    assert int(prop(after[hw2], "SEQUENCE")) == int(prop(before[hw2], "SEQUENCE")) + 1
    assert prop(after[hw2], "LAST-MODIFIED") == "20251009T085320Z"
    # The page: one publication, in the course's time (Pacific), the moved deadline struck through.
    page = second.soup("changes.html")
    (block,) = page.select("div.coursecal-changes-publication")
    assert block.select_one("p.coursecal-changes-date").get_text() == "Thu Oct 9, 2025, 01:53"
    items = {li["id"].removeprefix("coursecal-change-"): " ".join(li.get_text().split()) for li in block.select("li")}
    assert items["20251009T085320Z-deadline-hw2"] == "Moved: Deadline: HW2: Mon Nov 10, 23:59 → Wed Nov 12, 23:59"
    assert items["20251009T085320Z-session-moe"].startswith("Moved: Lecture: Scaling I: Mixture-of-experts: ")
    assert items["20251009T085320Z-closure-2025-10-15-snow-day"] == "Added: Holiday / no class: Snow day, Wed Oct 15"
    assert len(items) == 16
    was = block.select_one("li.coursecal-change-moved .coursecal-was")
    assert was is not None
    assert was.find_parent(class_="coursecal") is not None  # inside the stylesheet's scope: struck through
    # Its times carry their instants (HW2 was due 23:59 Pacific, 07:59 UTC the next day), dated, so
    # a reader elsewhere can read them in their own zone; the zone choice stands before the list.
    (hw2_item,) = block.select("li#coursecal-change-20251009T085320Z-deadline-hw2")
    times = hw2_item.select("time.coursecal-zoned")
    assert [(t["datetime"], t.get("data-coursecal-dated"), t.get_text()) for t in times] == [
        ("2025-11-11T07:59:00Z", "true", "Mon Nov 10, 23:59"),
        ("2025-11-13T07:59:00Z", "true", "Wed Nov 12, 23:59"),
    ]
    choice = page.select_one("div.coursecal-zones")
    assert choice is not None
    assert choice.find_next_sibling(class_="coursecal-changes") is not None
    # The history the next build reads back, and the Atom feed.
    history = (second.outdir / "cse599o-changes.json").read_text(encoding="utf-8")
    assert '"at": "2025-10-09T08:53:20Z"' in history
    assert (second.outdir / "cse599o-changes.atom").read_bytes().count(b"<entry>") == 1


def test_other_builders_show_the_history_as_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: Callable[..., Build]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1758240000")
    first = built(site(tmp_path / "v1", texts()[1]), tmp_path / "out1", coursecal_ics_previous="published")
    srcdir = site(tmp_path / "v2", texts()[2])  # after the snow day, one lecture in another room
    shutil.copytree(first.outdir, srcdir / "published", ignore=shutil.ignore_patterns("_*", "*.html"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760000000")
    html = built(srcdir, tmp_path / "html", coursecal_ics_previous="published")
    # The PDF or text build of the same site reads what the HTML build published.
    published = srcdir / "published"
    shutil.rmtree(published)
    shutil.copytree(html.outdir, published, ignore=shutil.ignore_patterns("_*", "*.html"))
    text = built(srcdir, tmp_path / "text", "text", coursecal_ics_previous="published")
    changes = " ".join((text.outdir / "changes.txt").read_text(encoding="utf-8").split())  # unwrapped
    assert "Room changed: Lecture: Scaling I: Mixture-of-experts, Wed Oct 29, 10:00-11:20: MGH 295 → CSE2 G10" in (
        changes
    )
    assert "Times:" not in changes  # the zone choice is HTML's alone
    assert not list(text.outdir.glob("*.ics"))


def test_text_only_changes_are_listed_with_details(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: Callable[..., Build]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1758240000")
    first = built(site(tmp_path / "v1", texts()[8]), tmp_path / "out1", coursecal_ics_previous="published")
    pages = {**PAGES, "changes.rst": "Changes\n=======\n\n.. course-changes::\n\n.. course-changes::\n   :details:\n"}
    srcdir = site(tmp_path / "v2", texts()[9], pages=pages)  # a title corrected, a note added
    shutil.copytree(first.outdir, srcdir / "published", ignore=shutil.ignore_patterns("_*", "*.html"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760000000")
    second = built(srcdir, tmp_path / "out2", coursecal_ics_previous="published")
    plain, detailed = second.soup("changes.html").select("div.coursecal-changes")
    assert [li.get_text(" ", strip=True) for li in plain.select("li")] == [
        "Renamed: Fri Sep 26, 10:00-11:20 : Lecture: Autodifferentation → Lecture: Autodifferentiation"
    ]
    assert len(detailed.select("li")) == 2
    assert "Details updated: Lecture: Scaling II: Distributed frameworks" in detailed.get_text(" ", strip=True)


# -- the picker's feeds, and what an incremental build leaves -----------------------------------------


def test_picker_feeds_follow_the_pages(tmp_path: Path, built: Callable[..., Build]) -> None:
    srcdir = site(tmp_path / "src", texts()[0])
    out = tmp_path / "out"
    first = built(srcdir, out)
    picks = sorted(p.name for p in first.outdir.glob("cse599o-pick-*.ics"))
    assert len(picks) == 6  # 7 combinations of lectures, office hours, deadlines; all three is cse599o.ics
    # Lectures alone: every lecture and guest lecture, and the closures (in every choice); nothing else.
    lectures = vevents((first.outdir / "cse599o-pick-lectures.ics").read_bytes())
    kinds = {prop(event, "CATEGORIES") for event in lectures.values()}
    assert kinds == {"Lecture", "Guest lecture", "Holiday / no class"}
    # The picker goes: an incremental build removes its feeds, as a clean build would not have them.
    (srcdir / "subscribe.rst").write_text("Subscribe\n=========\n\n.. course-ics::\n", encoding="utf-8")
    again = built(srcdir, out)
    assert sorted(again.outdir.glob("cse599o-pick-*.ics")) == []
    assert (again.outdir / "cse599o.ics").is_file()


@pytest.mark.parametrize(("setting", "expected"), [("title", ["X 1 Lecture"] * 2), ("omit", [])])
def test_empty_lecture_slots(tmp_path: Path, setting: str, expected: list[str], built: Callable[..., Build]) -> None:
    schedule = """\
course: {id: x1, code: X 1, timezone: UTC, start: 2025-09-01, end: 2025-09-19}
meetings:
  lecture: {days: [Mon], time: "09:00-10:00"}
  lab: {kind: lab, days: [Fri], time: "14:00-15:00", until: 2025-09-05}
sessions:
  - {id: one, title: One}
"""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinxcontrib_coursecal"]\ncoursecal_schedule = "schedule.yaml"\n', encoding="utf-8"
    )
    (srcdir / "index.rst").write_text("X\n=\n\n.. course-calendar::\n", encoding="utf-8")
    (srcdir / "schedule.yaml").write_text(schedule, encoding="utf-8")
    result = built(srcdir, tmp_path / "out", coursecal_ics_empty_slots=setting)
    events = vevents((result.outdir / "x1.ics").read_bytes())
    # Mondays Sep 1 (session One), 8 and 15 (the plan ran out); a lab on Fri Sep 5, its own title kept.
    summaries = {uid.split("@")[0]: prop(event, "SUMMARY") for uid, event in events.items()}
    assert [summaries[uid] for uid in ("lecture-2025-09-08", "lecture-2025-09-15") if uid in summaries] == expected
    assert summaries["session-one"] == "X 1 Lecture: One"
    assert summaries["lab-2025-09-05"] == "X 1 Lab"  # a meeting titled as its kind: said once


def test_bad_settings_fall_back(tmp_path: Path, build: Builder) -> None:
    srcdir = site(tmp_path / "src", texts()[0])
    result = build(
        srcdir,
        tmp_path / "out",
        confoverrides={
            "coursecal_ics_empty_slots": "hide",
            "coursecal_ics_combinations": [["lectures"], "deadlines"],
            "coursecal_ics_previous": "",
        },
    )
    warnings = sorted(line.split("WARNING: ", 1)[1] for line in result.warnings.splitlines())
    assert warnings == [
        "coursecal_ics_combinations = [['lectures'], 'deadlines'] must be 'all' or a list of lists of group names "
        "(keys of coursecal_ics_groups); using the default 'all' [coursecal.config]",
        "coursecal_ics_empty_slots = 'hide' must be one of 'title', 'omit'; using the default 'title' "
        "[coursecal.config]",
        "coursecal_ics_previous = '' must be 'auto', False, an http(s) address or a folder; using the default "
        "'auto' [coursecal.config]",
    ]


def test_the_edits_used_here_are_the_terms() -> None:
    # texts()[3] is the schedule after the snow day, a room change and HW2 extended (see term_edits).
    assert [edit.name for edit in EDITS[:3]] == ["snow day", "room change", "deadline extended"]
