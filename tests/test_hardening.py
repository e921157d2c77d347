"""What a code review found a schedule could do to a build, and must not.

Each test reproduces one finding: a schedule is data, so it may not publish
files from the build machine, write outside the output, or crash the build.
"""

from __future__ import annotations

import datetime as dt
import importlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_coursecal.engine import Subtype, load_schedule, load_schedule_text, read_spec, yamlfile

from .conftest import REPO

COURSE = "course: {id: c1, timezone: UTC, start: 2025-09-29, end: 2025-10-31}\n"


def build(src: Path, out: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def site(tmp_path: Path, schedule: str, page: str, extra: dict[str, str] | None = None) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinxcontrib_coursecal"]\ncoursecal_schedule = "schedule.yaml"\n', encoding="utf-8"
    )
    (src / "schedule.yaml").write_text(textwrap.dedent(schedule), encoding="utf-8")
    (src / "index.rst").write_text("Home\n====\n\n" + textwrap.dedent(page), encoding="utf-8")
    for name, text in (extra or {}).items():
        (src / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return src


def test_a_description_cannot_publish_a_file_or_a_script_link(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not publish", encoding="utf-8")
    src = site(
        tmp_path,
        COURSE
        + "meetings:\n  lecture: {days: [Mon]}\nsessions:\n"
        + "  - title: A\n"
        + f"    description: 'see :download:`this <{secret}>` and `x <javascript:alert(1)>`_ and *emphasis*'\n",
        ".. course-calendar::\n",
    )
    out = tmp_path / "out"
    result = build(src, out)
    assert result.returncode == 0, result.stderr
    html = (out / "index.html").read_text(encoding="utf-8")
    assert not list(out.rglob("secret.txt"))  # nothing pulled from the build machine
    assert "javascript:" not in html
    assert "<em>emphasis</em>" in html  # inline markup still works


def test_a_bibtex_key_cannot_write_outside_the_output(tmp_path: Path) -> None:
    src = site(
        tmp_path,
        COURSE + "papers: refs.bib\n",
        ".. reading-list::\n",
        {"refs.bib": "@article{../../../escape/pwned, title = {X}, author = {A, B}, year = 2020}\n"},
    )
    out = tmp_path / "out"
    result = build(src, out)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "escape").exists()
    pages = list(tmp_path.rglob("*pwned*.html"))
    assert pages  # the paper still gets its page…
    assert all(page.is_relative_to(out / "papers") for page in pages)  # …inside the output's papers folder


def test_a_relative_course_url_does_not_break_the_feed_links(tmp_path: Path) -> None:
    src = site(
        tmp_path,
        "course: {id: c1, timezone: UTC, start: 2025-09-29, end: 2025-10-31, url: /courses/c1/}\n"
        "deadlines:\n  - {id: hw1, title: HW1, due: '2025-10-10 23:59'}\n",
        ".. course-ics::\n",
    )
    out = tmp_path / "out"
    result = build(src, out)
    assert result.returncode == 0, result.stderr
    assert "coursecal.no-url" in result.stderr or "set html_baseurl" in result.stderr  # download only
    assert 'href="c1.ics"' in (out / "index.html").read_text(encoding="utf-8")


def test_deadlines_of_one_title_need_no_ids() -> None:
    schedule = load_schedule_text(
        COURSE
        + "deadlines:\n"
        + "".join(f"  - {{title: Reading response, due: 2025-10-{day:02d}}}\n" for day in (3, 10, 17))
    )
    assert schedule.diagnostics == ()
    assert [d.due for d in schedule.deadlines] == [dt.date(2025, 10, d) for d in (3, 10, 17)]
    assert len({d.id for d in schedule.deadlines}) == 3


def test_a_unit_given_as_text_is_selectable_by_its_id() -> None:
    schedule = load_schedule_text(
        COURSE + "meetings:\n  lecture: {days: [Mon]}\nsessions:\n  - {title: A, unit: Systems for LLMs}\n"
    )
    assert schedule.sessions[0].spec.unit == "systems-for-llms"
    assert schedule.units["systems-for-llms"].title == "Systems for LLMs"
    assert len(schedule.select(units=["systems-for-llms"])) == 1


def test_a_session_of_unknown_kind_keeps_its_meetings_kind() -> None:
    schedule = load_schedule_text(
        COURSE + "meetings:\n  sec: {kind: section, days: [Mon], sessions: secs}\n"
        "sessions:\n  secs:\n    - {title: A, kind: sectoin}\n"
    )
    assert [d.subtype for d in schedule.diagnostics] == [Subtype.REFERENCE]
    assert schedule.sessions[0].kind == "section"


def test_deep_nesting_is_a_diagnostic_not_a_crash() -> None:
    schedule = load_schedule_text(COURSE + "x: " + "[" * 2000 + "]" * 2000 + "\n")
    assert [d.subtype for d in schedule.diagnostics] == [Subtype.YAML]


@pytest.mark.parametrize(
    ("nested", "deep"),
    [
        ("x: " + "[" * 64 + "]" * 64, False),
        ("x: " + "[{" * 32 + "}]" * 32, False),
        ("x: " + "[" * 65 + "]" * 65, True),
        ("x: " + "{" * 40 + "\n" + "[" * 25 + "]" * 25 + "}" * 40, True),  # across lines
        ("x: " + "[" * 65, True),  # never closed
        ("x: [" + "'[" * 70 + "]", False),  # inside quotes, which end at the line's end
        ('x: ["' + "[" * 70 + '"]', False),
        ('x: ["\\"' + "[" * 70 + '"]', False),  # an escaped quote does not close
        ("x: [] # " + "[" * 70, False),  # in a comment
        ("x: a#" + "[\n" * 65 + "]" * 65, True),  # a # inside a word starts no comment
        ("x: " + "]" * 10 + "[" * 64 + "]" * 64, False),  # a closer too many is not a level below
        ("x:\n" + "- " * 65 + "a", True),
        ("x:\n" + "- " * 64 + "a", False),
        ("x:\n" + " " * 129 + "a", True),
        ("x:\r\n" + " " * 128 + "a", False),
        ("x: " + "[\n" * 64 + "'\x85[", True),  # a line end only YAML 1.1 and splitlines know ends the quote
        ("x: " + "[\n" * 64 + "'\r[", True),  # so does a lone carriage return
        # Each below hides a closer, or shows an opener, that decides the verdict at the limit
        # (none holds a run of openers, which the check sends to the scan at once).
        ("x: " + "[\n" * 64 + "\t# ]\n[", True),  # a comment after a tab
        ("x: " + "[\n" * 64 + 'a "\\"]"\n[', True),  # an escaped quote does not close: the ] is quoted
        ("x: " + "[\n" * 64 + "a '\\']'\n[", True),
        ("x: ]\n" + "[\n" * 65, True),  # a closer too many does not take the depth below 0
        ("x: " + "{\n[\n" * 32 + "{", True),
    ],
)
def test_nesting_past_the_limit_is_found_wherever_it_is(nested: str, deep: bool) -> None:
    schedule = load_schedule_text(COURSE + nested + "\n")
    found = [d for d in schedule.diagnostics if "levels deep" in d.message]
    assert bool(found) is deep, schedule.diagnostics


def test_plain_files_read_as_the_checks_would_read_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file with nothing a value could be refused for skips the per-value checks: what it reads,
    and what it reports, are those of the checked path."""
    files = sorted({*REPO.glob("example_course/**/*.yaml"), *REPO.glob("tests/**/*.yaml")})
    schedules = [path for path in files if "papers" not in path.name]
    plain = [path for path in schedules if yamlfile.plain_text(path.read_text(encoding="utf-8", errors="replace"))]
    assert len(plain) > 100  # most files are plain: the fast path is what they take
    read = [read_spec(path) for path in schedules]
    for module in ("load", "papers"):
        monkeypatch.setattr(importlib.import_module(f"sphinxcontrib_coursecal.engine.{module}"), "plain_text", _never)
    for path, (spec, diagnostics) in zip(schedules, read, strict=True):
        checked_spec, checked_diagnostics = read_spec(path)
        assert spec == checked_spec, path
        assert [str(d) for d in diagnostics] == [str(d) for d in checked_diagnostics], path


def _never(_text: str) -> bool:
    return False


# What the texts near the nesting limit are made of; the last four end a line as neither \n nor
# \r\n do, which sends a file to the scan.
NESTING_PARTS = [
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "#",
    " #",
    "\t#",
    "\\",
    '\\"',
    "\\'",
    " ",
    "\t",
    "\n",
    "\r\n",
    "- ",
    "a",
    "é",
    "\r",
    "\x85",
    "\u2028",
    "\x0c",
]


@settings(max_examples=5000, deadline=None)
@given(
    st.integers(50, 64),
    st.sampled_from(["[\n", "{\n", "["]),
    st.lists(
        st.sampled_from(NESTING_PARTS),
        max_size=60,
    ),
    st.integers(0, 15),
)
def test_the_quick_nesting_check_never_misses_what_the_scan_finds(
    before: int, opener: str, parts: list[str], after: int
) -> None:
    """The scan visits every bracket in Python; the check before it takes a file in C-speed passes
    and may send a file to the scan too often, never too rarely. Near the limit, one bracket the
    check took for quoted (or the other way round) changes the verdict."""
    text = opener * before + "".join(parts) + "\n" + "[\n" * after
    if yamlfile._scan_deepest(text):
        assert yamlfile._may_nest_deeply(text)


def test_a_papers_file_created_later_is_watched(tmp_path: Path) -> None:
    schedule_file = tmp_path / "schedule.yaml"
    schedule_file.write_text(COURSE + "papers: later.bib\n", encoding="utf-8")
    schedule = load_schedule(schedule_file)
    assert [d.subtype for d in schedule.diagnostics] == [Subtype.PATH]
    assert str(tmp_path / "later.bib") in schedule.dependencies


def test_kind_ids_are_css_class_names() -> None:
    schedule = load_schedule_text(COURSE + "kinds:\n  exam.final: {label: Final}\n")
    assert [d.subtype for d in schedule.diagnostics] == [Subtype.VALUE]


SECTIONS_BY_KEY = {
    "people": "people:\n  KEY: {name: Ann}\n",
    "papers": "papers:\n  KEY: {title: A paper}\n",
    "kinds": "kinds:\n  KEY: {label: Studio}\n",
    "meetings": "meetings:\n  KEY: {days: [Mon]}\n",
}


@pytest.mark.parametrize("section", sorted(SECTIONS_BY_KEY))
@pytest.mark.parametrize("key", ['"a\\0b"', '"a\\x1bb"', '"a\\u2028b"', '"\\ud800"'])
def test_a_key_is_text_without_control_characters(section: str, key: str) -> None:
    # A key is an id: it names anchors, files and UIDs. YAML's escapes can put any character in it.
    text = "version: 1\n" + COURSE + SECTIONS_BY_KEY[section].replace("KEY", key)
    schedule = load_schedule_text(text, "schedule.yaml")
    found = [d for d in schedule.diagnostics if d.location.line == 4]
    assert [d.subtype for d in found] == [Subtype.VALUE], schedule.diagnostics
    assert f"a key in `{section}`" in found[0].message


def test_an_alias_inside_what_it_names_is_cut_and_the_rest_is_read() -> None:
    # PyYAML composes these as cycles; a reader that followed one would never stop.
    text = (
        "version: 1\n" + COURSE + "meetings:\n  lecture: {days: [Mon]}\n"
        "  lab: &lab\n    <<: *lab\n    days: [Fri]\n"
        "sessions: &plan\n  - {title: First}\n  - *plan\n"
    )
    schedule = load_schedule_text(text, "schedule.yaml")
    cycles = [d.location.line for d in schedule.diagnostics if "holds it" in d.message]
    assert cycles == [6, 8]
    assert {o.meeting for o in schedule.occurrences} >= {"lecture", "lab"}
    assert [s.title for s in schedule.sessions][:1] == ["First"]


def test_merges_of_merges_are_read_once_and_keep_every_field() -> None:
    # Eight deep, eight wide: 8**8 merged mappings to a reader that flattens each merge again.
    levels = ["  m1: &m1 {kind: lab, days: [Fri], location: Deep Room}\n"]
    for n in range(2, 10):
        sources = ", ".join([f"*m{n - 1}"] * 8)
        levels.append(f"  m{n}: &m{n} {{<<: [{sources}], title: Level {n}}}\n")
    text = "version: 1\n" + COURSE + "meetings:\n" + "".join(levels)
    schedule = load_schedule_text(text, "schedule.yaml")
    assert schedule.diagnostics == ()
    deepest = [o for o in schedule.occurrences if o.meeting == "m9"]
    assert deepest
    assert {(o.title, o.location) for o in deepest} == {("Level 9", "Deep Room")}


def test_a_year_of_sessions_merging_their_defaults_keeps_every_field() -> None:
    """Merges have their own budget: 250 sessions each merging four defaults (one a list of
    guests) are read whole, where one budget for aliases and merges cut the last ones."""
    sessions = "".join(f"  - {{<<: *d, id: s{n}, title: Topic {n}}}\n" for n in range(250))
    text = (
        "version: 1\ncourse: {id: c1, timezone: UTC, start: 2025-09-01, end: 2026-08-31}\n"
        "meetings:\n  lecture: {days: [Mon, Tue, Wed, Thu, Fri]}\n"
        "defaults: &d {location: Room 101, kind: lecture, guests: [Ada, Grace], notes: Bring a laptop}\n"
        f"sessions:\n{sessions}"
    )
    schedule = load_schedule_text(text, "schedule.yaml")
    assert [str(d) for d in schedule.diagnostics if d.subtype is Subtype.YAML] == []
    assert len(schedule.sessions) == 250
    assert {(s.spec.location, s.spec.guests) for s in schedule.sessions} == {("Room 101", ("Ada", "Grace"))}


def test_aliases_past_the_budget_are_left_out_where_they_stand() -> None:
    # 100 sessions repeating a 200-paper reading list: 20,000 readings from a 3 KB file.
    papers = "".join(f"  p{n}: {{title: Paper {n}}}\n" for n in range(200))
    listed = ", ".join(f"p{n}" for n in range(200))
    sessions = f"  - {{title: First, readings: &r [{listed}]}}\n" + "".join(
        f"  - {{title: Topic {n}, readings: *r}}\n" for n in range(2, 101)
    )
    text = (
        "version: 1\ncourse: {id: c1, timezone: UTC, start: 2025-09-01, end: 2026-08-31}\n"
        "meetings:\n  lecture: {days: [Mon, Tue, Wed, Thu, Fri]}\n"
        f"papers:\n{papers}sessions:\n{sessions}"
    )
    schedule = load_schedule_text(text, "schedule.yaml")
    budget = [d for d in schedule.diagnostics if d.subtype is Subtype.YAML]
    assert len(budget) == 1
    # Each repeat stands for 201 values (the list and its 200 items): 4 fit in 1,000, so the
    # 5th repeat (Topic 6) is where it is said, and from there on *r reads as absent.
    first_cut = text.splitlines().index(next(line for line in text.splitlines() if "Topic 6," in line)) + 1
    assert budget[0].location.line == first_cut
    readings = [len(s.spec.readings) for s in schedule.sessions]
    assert readings[:5] == [200] * 5
    assert set(readings[5:]) == {0}
    assert len(schedule.sessions) == 100
