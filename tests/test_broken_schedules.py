"""Broken schedules, one mistake each, and the diagnostics course staff should get.

Every ``tests/broken/*.yaml`` starts with a header that states what a person
fixing the file should be told::

    # expect: SUBTYPE [PAPERS-FILE] line N[|M] [warning|error] "substring" ...

``SUBTYPE`` is a :class:`Subtype` value, ``N`` the 1-based line of the offending
node (in ``PAPERS-FILE``, relative to the schedule, when the mistake is in a
papers file). ``N|M`` is used only where the format leaves two neighbouring lines
equally right: a block collection under a key starts on the line after the key,
and a person reads the problem at either line. Every quoted substring must
occur in the message (case aside). The expectations come from ``schedule-format.md`` and from
what the course's staff would need to fix the file, not from the engine's output.

Files under ``tests/broken/papers/`` are papers libraries the cases refer to.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sphinxcontrib_coursecal.engine import Schedule, Severity, Subtype, load_schedule, load_schedule_text

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(BROKEN.glob("*.yaml"))
LA = ZoneInfo("America/Los_Angeles")
MARKER = Path("/tmp/coursecal-unsafe-marker")

HEADER = re.compile(
    r"^# expect: (?P<subtype>[a-z-]+)"
    r"(?: (?P<path>(?!line )\S+))?"
    r" line (?P<lines>\d+(?:\|\d+)*)"
    r"(?: (?P<severity>warning|error))?"
    r'(?P<subs>(?: "[^"]*")*)\s*$'
)


@dataclass(frozen=True)
class Expectation:
    subtype: Subtype
    path: Path
    lines: tuple[int, ...]
    severity: Severity | None
    substrings: tuple[str, ...]


def expectation(case: Path) -> Expectation:
    # Some cases are deliberately CRLF, BOM-prefixed or not UTF-8; the header is ASCII.
    first = case.read_bytes().decode("utf-8-sig", errors="replace").splitlines()[0]
    match = HEADER.match(first)
    assert match, f"{case.name}: first line is not an `# expect:` header: {first!r}"
    severity = match["severity"]
    return Expectation(
        subtype=next(s for s in Subtype if s.value == match["subtype"]),
        path=(case.parent / match["path"]).resolve() if match["path"] else case.resolve(),
        lines=tuple(int(n) for n in match["lines"].split("|")),
        severity=Severity(severity) if severity else None,
        substrings=tuple(re.findall(r'"([^"]*)"', match["subs"])),
    )


def same_file(shown: str, expected: Path, schedule: Path) -> bool:
    """A diagnostic may show a path absolute or relative to the schedule's folder."""
    shown_path = Path(shown)
    candidates = [shown_path] if shown_path.is_absolute() else [Path.cwd() / shown_path, schedule.parent / shown_path]
    return any(candidate.resolve() == expected for candidate in candidates)


def load(case: Path) -> Schedule:
    return load_schedule(case.resolve())


def describe(schedule: Schedule) -> str:
    return "\n".join(str(d) for d in schedule.diagnostics) or "(no diagnostics)"


def dates(schedule: Schedule, meeting: str = "lecture") -> list[dt.date]:
    return [s.date for s in schedule.sessions if s.meeting == meeting]


def titles(schedule: Schedule) -> list[str]:
    return [s.title for s in schedule.sessions]


# Dates of the Tue/Thu lectures from the start of the term (Mon 2025-09-22).
TUE_THU = [dt.date(2025, 9, 23), dt.date(2025, 9, 25), dt.date(2025, 9, 30), dt.date(2025, 10, 2)]


# ----------------------------------------------------------------------------- corpus


# Subtypes a schedule file alone cannot show: whether a notes page exists is a question about the
# project (test_sphinx_warnings and test_cli ask it).
NEEDS_THE_PROJECT = {Subtype.NOTES_PAGE}


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 35
    subtypes = {expectation(case).subtype for case in CASES}
    assert subtypes == set(Subtype) - NEEDS_THE_PROJECT, f"no case for {set(Subtype) - subtypes}"


def corpus_params() -> list[Any]:
    return [pytest.param(case, id=case.stem) for case in CASES]


@pytest.mark.parametrize("case", corpus_params())
def test_broken_schedule(case: Path) -> None:
    expected = expectation(case)
    schedule = load(case)  # must not raise
    at_line = [
        d
        for d in schedule.diagnostics
        if d.subtype is expected.subtype
        and same_file(d.location.path, expected.path, case)
        and d.location.line in expected.lines
    ]
    assert at_line, (
        f"expected a {expected.subtype.value!r} diagnostic at {expected.path.name}:"
        f"{'|'.join(map(str, expected.lines))}; got:\n{describe(schedule)}"
    )
    matching = [d for d in at_line if all(s.lower() in d.message.lower() for s in expected.substrings)]
    assert matching, f"message should contain {expected.substrings}; got:\n{describe(schedule)}"
    if expected.severity is not None:
        assert any(d.severity is expected.severity for d in matching), describe(schedule)
    for diagnostic in schedule.diagnostics:
        assert diagnostic.location.line >= 1
        assert diagnostic.location.column >= 1
        assert diagnostic.message.strip()


# ------------------------------------------------------- the rest still loads (targeted)


def test_bad_reading_leaves_every_session_placed() -> None:
    schedule = load(BROKEN / "ref_paper.yaml")
    assert [s.id for s in schedule.sessions] == ["intro", "transformers", "processes", "threads"]
    assert dates(schedule) == TUE_THU
    assert "vaswani2017" in schedule.papers
    assert [a.session.id for a in schedule.assignments("lamport1978")] == ["intro"]


def test_bad_session_id_duplicate_keeps_both_sessions() -> None:
    schedule = load(BROKEN / "dup_session_id.yaml")
    assert titles(schedule) == ["Introduction", "Threads", "Locks"]
    assert dates(schedule) == TUE_THU[:3]


def test_unsafe_tag_does_not_run_and_the_other_sessions_stay() -> None:
    MARKER.unlink(missing_ok=True)
    schedule = load(BROKEN / "unsafe_python_object.yaml")
    assert not MARKER.exists(), "loading a schedule ran a shell command"
    placed = titles(schedule)
    for title in ("Introduction", "Processes", "Threads and concurrency"):
        assert title in placed
    assert not any("python" in t or "echo" in t for t in placed)


def test_javascript_link_is_dropped_and_the_good_link_kept() -> None:
    schedule = load(BROKEN / "link_javascript.yaml")
    intro = schedule.sessions[0]
    assert [(link.label, link.url) for link in intro.spec.links] == [
        ("Slides", "https://cse451.example.org/slides/01.pdf")
    ]
    assert dates(schedule) == TUE_THU[:2]


def test_malformed_bibtex_entry_leaves_the_others() -> None:
    schedule = load(BROKEN / "bibtex_malformed.yaml")
    assert {"lamport1978", "mckusick1984"} <= set(schedule.papers)
    assert schedule.papers["mckusick1984"].title == "A Fast File System for UNIX"
    assert dates(schedule) == TUE_THU[:2]


def test_overfull_plan_fills_every_free_slot_in_order() -> None:
    schedule = load(BROKEN / "overfull.yaml")
    # Tue/Thu from Sep 23 to Oct 30; Oct 16 is closed: 11 free slots.
    free = [
        dt.date(2025, 9, 23), dt.date(2025, 9, 25), dt.date(2025, 9, 30), dt.date(2025, 10, 2),
        dt.date(2025, 10, 7), dt.date(2025, 10, 9), dt.date(2025, 10, 14), dt.date(2025, 10, 21),
        dt.date(2025, 10, 23), dt.date(2025, 10, 28), dt.date(2025, 10, 30),
    ]  # fmt: skip
    placed = {s.title: s.date for s in schedule.sessions}
    assert [placed.get(f"Topic {n}") for n in range(1, 12)] == free
    assert not {"Topic 12", "Topic 13"} & set(placed), "sessions beyond the term were placed"


def test_conflicting_pins_leave_the_rest_of_the_plan() -> None:
    schedule = load(BROKEN / "conflict_pinned.yaml")
    placed = {s.title: s.date for s in schedule.sessions}
    assert placed["Introduction"] == dt.date(2025, 9, 23)
    assert placed["Processes"] == dt.date(2025, 9, 25)
    assert placed["Midterm review"] == dt.date(2025, 10, 7)
    assert placed["Threads and concurrency"] == dt.date(2025, 10, 9)


def test_bad_weekday_keeps_the_good_one() -> None:
    schedule = load(BROKEN / "value_weekday.yaml")
    assert dates(schedule) == [dt.date(2025, 9, 25), dt.date(2025, 10, 2), dt.date(2025, 10, 9)]


def test_misspelled_plan_leaves_the_lecture_plan() -> None:
    schedule = load(BROKEN / "ref_plan.yaml")
    lectures = [(s.title, s.date) for s in schedule.sessions if s.meeting == "lecture"]
    assert lectures == [("Introduction", TUE_THU[0]), ("Processes", TUE_THU[1])]


def test_reversed_closure_leaves_other_closures_and_sessions() -> None:
    schedule = load(BROKEN / "range_closure_reversed.yaml")
    assert any(c.title == "Veterans Day" and c.first == dt.date(2025, 11, 11) for c in schedule.closures)
    assert dates(schedule) == TUE_THU[:3]


def test_unknown_key_leaves_the_session() -> None:
    schedule = load(BROKEN / "unknown_readngs.yaml")
    assert titles(schedule) == ["Introduction", "Clocks", "Threads and concurrency"]


def test_duplicate_paper_across_files_keeps_one() -> None:
    schedule = load(BROKEN / "dup_paper_two_files.yaml")
    assert schedule.papers["vaswani2017"].title == "Attention Is All You Need"
    assert "lamport1978" in schedule.papers
    assert len(schedule.sessions) == 2


def test_absolute_papers_path_is_not_read() -> None:
    schedule = load(BROKEN / "path_absolute.yaml")
    assert schedule.papers == {}
    assert not any("passwd" in d.location.path for d in schedule.diagnostics)
    assert dates(schedule) == TUE_THU[:3]


# ------------------------------------------------------------------ built at test time

PAPER = "outsider2020:\n  title: A Paper Outside the Project\n  year: 2020\n"


def project_with_papers(tmp_path: Path, papers: str) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    schedule = project / "schedule.yaml"
    schedule.write_text(
        textwrap.dedent(
            f"""\
            version: 1
            course:
              id: cse451
              timezone: America/Los_Angeles
              start: 2025-09-22
              end: 2025-12-12
            meetings:
              lecture: {{days: [Tue, Thu], time: "10:00-11:20"}}
            papers: {papers}
            sessions:
              - {{title: Introduction, readings: [outsider2020]}}
              - title: Processes
            """
        )
    )
    return schedule


def path_diagnostics_at(schedule: Schedule, line: int) -> list[str]:
    return [d.message for d in schedule.diagnostics if d.subtype is Subtype.PATH and d.location.line == line]


def test_symlinked_papers_file_pointing_outside(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.yaml").write_text(PAPER)
    schedule_file = project_with_papers(tmp_path, "papers/refs.yaml")
    (schedule_file.parent / "papers").mkdir()
    (schedule_file.parent / "papers" / "refs.yaml").symlink_to(tmp_path / "outside" / "secret.yaml")
    schedule = load_schedule(schedule_file)
    assert path_diagnostics_at(schedule, 9), describe(schedule)
    assert "outsider2020" not in schedule.papers
    assert dates(schedule) == TUE_THU[:2]


def test_symlinked_folder_pointing_outside(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "refs.yaml").write_text(PAPER)
    schedule_file = project_with_papers(tmp_path, "shared/refs.yaml")
    (schedule_file.parent / "shared").symlink_to(tmp_path / "outside", target_is_directory=True)
    schedule = load_schedule(schedule_file)
    assert path_diagnostics_at(schedule, 9), describe(schedule)
    assert "outsider2020" not in schedule.papers


def test_parent_escape_to_an_existing_file(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text(PAPER)
    schedule_file = project_with_papers(tmp_path, "../outside.yaml")
    schedule = load_schedule(schedule_file)
    messages = path_diagnostics_at(schedule, 9)
    assert any("../outside.yaml" in m for m in messages), describe(schedule)
    assert "outsider2020" not in schedule.papers


def test_root_admits_a_papers_file_above_the_schedule(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text(PAPER)
    schedule_file = project_with_papers(tmp_path, "../outside.yaml")
    schedule = load_schedule(schedule_file, root=tmp_path)
    assert schedule.diagnostics == (), describe(schedule)
    assert schedule.papers["outsider2020"].title == "A Paper Outside the Project"


def test_symlink_inside_the_project_is_fine(tmp_path: Path) -> None:
    schedule_file = project_with_papers(tmp_path, "refs.yaml")
    (schedule_file.parent / "library").mkdir()
    (schedule_file.parent / "library" / "papers.yaml").write_text(PAPER)
    (schedule_file.parent / "refs.yaml").symlink_to(schedule_file.parent / "library" / "papers.yaml")
    schedule = load_schedule(schedule_file)
    assert schedule.diagnostics == (), describe(schedule)
    assert "outsider2020" in schedule.papers


COURSE_HEAD = """\
version: 1
course:
  id: cse451
  timezone: America/Los_Angeles
  start: 2025-09-22
  end: 2025-12-12
meetings:
  lecture: {days: [Tue, Thu], time: "10:00-11:20"}
"""

SHORT = (
    COURSE_HEAD
    + """\
sessions:
  - title: Introduction
  - title: %s
  - title: Threads
"""
)


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["echo hi > /tmp/coursecal-unsafe-marker"]',
        '!!python/object/apply:subprocess.call [["touch", "/tmp/coursecal-unsafe-marker"]]',
        '!!python/object/new:os.system ["echo hi > /tmp/coursecal-unsafe-marker"]',
        "!!python/name:os.system",
        "!!python/module:os",
        '!!python/object:pathlib.PosixPath {"_raw_paths": ["/tmp/coursecal-unsafe-marker"]}',
    ],
)
def test_object_tags_never_construct(tag: str) -> None:
    MARKER.unlink(missing_ok=True)
    schedule = load_schedule_text(SHORT % tag)
    assert not MARKER.exists()
    unsafe = [d for d in schedule.diagnostics if d.subtype is Subtype.UNSAFE]
    assert [d.location.line for d in unsafe] == [11], describe(schedule)
    assert "Introduction" in titles(schedule)
    assert "Threads" in titles(schedule)


BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""

BOMBS = {
    # the anchors sit in keys the format does not know
    "unknown-keys": COURSE_HEAD + BOMB,
    # the exploded list is the lecture plan
    "sessions": COURSE_HEAD + "x-anchors:\n" + textwrap.indent(BOMB, "  ") + "sessions: *i\n",
    # one session's readings and links
    "readings": COURSE_HEAD
    + "x-anchors:\n"
    + textwrap.indent(BOMB, "  ")
    + "sessions:\n  - {title: Intro, readings: *i, links: *i, tags: *i, guests: *i}\n",
    # the title expects text and gets the bomb
    "title": COURSE_HEAD + "x-anchors:\n" + textwrap.indent(BOMB, "  ") + "sessions:\n  - title: *i\n",
}

BOMB_SCRIPT = """
import json, sys, time
from sphinxcontrib_coursecal.engine import load_schedule_text
text = sys.stdin.read()
began = time.perf_counter()
schedule = load_schedule_text(text)
print(json.dumps({"seconds": time.perf_counter() - began, "diagnostics": len(schedule.diagnostics),
                  "lines": [d.location.line for d in schedule.diagnostics]}))
"""


@pytest.mark.parametrize("where", list(BOMBS))
def test_billion_laughs_loads_quickly(where: str) -> None:
    text = BOMBS[where]
    try:
        done = subprocess.run(
            [sys.executable, "-c", BOMB_SCRIPT],
            input=text,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
    except subprocess.TimeoutExpired:
        pytest.fail("an alias bomb kept the loader busy for more than 30 s")
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result["seconds"] < 3, result
    assert result["diagnostics"] <= 30, f"error explosion: {result['diagnostics']} diagnostics"
    last = len(text.splitlines())
    assert all(1 <= line <= last for line in result["lines"]), result


# ------------------------------------------------------------- YAML traps that are fine

GOOD_HEAD = """\
version: 1
course:
  id: cse451
  title: Operating Systems
  timezone: America/Los_Angeles
  start: 2025-09-22
  end: 2025-12-12
"""
LECTURE = """\
meetings:
  lecture:
    days: [Tue, Thu]
    time: "10:00-11:20"
"""


Check = Callable[[Schedule], None]


def local(schedule: Schedule, title: str) -> tuple[dt.datetime, dt.datetime]:
    session = next(s for s in schedule.sessions if s.title == title)
    occurrence = next(o for o in schedule.occurrences if o.session is not None and o.session.title == title)
    assert occurrence.start == session.start
    assert session.start is not None
    assert session.end is not None
    return session.start.astimezone(LA), session.end.astimezone(LA)


def check_unquoted_span(schedule: Schedule) -> None:
    start, end = local(schedule, "Introduction")
    assert start == dt.datetime(2025, 9, 23, 10, 0, tzinfo=LA)
    assert end == dt.datetime(2025, 9, 23, 11, 20, tzinfo=LA)


def check_title(expected: str) -> Check:
    def check(schedule: Schedule) -> None:
        assert titles(schedule)[0] == expected
        assert isinstance(titles(schedule)[0], str)
        assert dates(schedule)[0] == dt.date(2025, 9, 23)

    return check


def check_mondays(schedule: Schedule) -> None:
    assert dates(schedule) == [dt.date(2025, 9, 22), dt.date(2025, 9, 29)]


def check_unquoted_dates(schedule: Schedule) -> None:
    assert schedule.course is not None
    assert (schedule.course.start, schedule.course.end) == (dt.date(2025, 9, 22), dt.date(2025, 12, 12))
    assert [(c.first, c.last) for c in schedule.closures] == [
        (dt.date(2025, 9, 25), dt.date(2025, 9, 25)),
        (dt.date(2025, 10, 7), dt.date(2025, 10, 9)),
    ]
    assert dates(schedule) == [dt.date(2025, 9, 23), dt.date(2025, 9, 30), dt.date(2025, 10, 2), dt.date(2025, 10, 14)]
    assert schedule.deadlines[0].due == dt.date(2025, 10, 24)


def check_pm_span(schedule: Schedule) -> None:
    start, end = local(schedule, "Introduction")
    assert (start.time(), end.time()) == (dt.time(15, 30), dt.time(16, 50))


def check_10pm(schedule: Schedule) -> None:
    party = next(o for o in schedule.occurrences if o.title == "Release party")
    assert party.start is not None
    assert party.start.astimezone(LA) == dt.datetime(2025, 10, 20, 22, 0, tzinfo=LA)
    assert party.end is None or party.end >= party.start


def check_10_oclock_event(schedule: Schedule) -> None:
    review = next(o for o in schedule.occurrences if o.title == "Review")
    assert review.start is not None
    assert review.start.astimezone(LA) == dt.datetime(2025, 10, 20, 10, 0, tzinfo=LA)


def check_sundays(schedule: Schedule) -> None:
    assert dates(schedule) == [dt.date(2025, 9, 28), dt.date(2025, 10, 5)]


def check_booleans(schedule: Schedule) -> None:
    first, second = schedule.sessions[:2]
    assert first.spec.numbered is False
    assert first.number is None
    assert second.spec.cancelled is True
    assert second.spec.notes == "no"


def check_due_moment(schedule: Schedule) -> None:
    due = next(o for o in schedule.occurrences if o.deadline is not None)
    assert due.start is not None
    assert due.start.astimezone(LA) == dt.datetime(2025, 10, 24, 23, 59, tzinfo=LA)


GOOD: dict[str, tuple[str, str, Check]] = {
    "time-unquoted": (
        GOOD_HEAD + "meetings:\n  lecture:\n    days: [Tue, Thu]\n    time: 10:00-11:20\n",
        "sessions:\n  - title: Introduction\n  - title: Processes\n",
        check_unquoted_span,
    ),
    "title-No": (GOOD_HEAD + LECTURE, "sessions:\n  - title: No\n  - title: Processes\n", check_title("No")),
    "title-yes": (GOOD_HEAD + LECTURE, "sessions:\n  - title: yes\n  - title: Processes\n", check_title("yes")),
    "title-off": (GOOD_HEAD + LECTURE, "sessions:\n  - title: off\n  - title: Processes\n", check_title("off")),
    "title-2025": (GOOD_HEAD + LECTURE, "sessions:\n  - title: 2025\n  - title: Processes\n", check_title("2025")),
    "title-2.10": (GOOD_HEAD + LECTURE, "sessions:\n  - title: 2.10\n  - title: Processes\n", check_title("2.10")),
    "days-list-Mon": (
        GOOD_HEAD + "meetings:\n  lecture:\n    days: [Mon]\n    time: '10:00-11:20'\n    until: 2025-09-29\n",
        "sessions:\n  - title: A\n  - title: B\n",
        check_mondays,
    ),
    "days-scalar-Mon": (
        GOOD_HEAD + "meetings:\n  lecture:\n    days: Mon\n    time: '10:00-11:20'\n    until: 2025-09-29\n",
        "sessions:\n  - title: A\n  - title: B\n",
        check_mondays,
    ),
    "days-lowercase-full": (
        GOOD_HEAD + "meetings:\n  lecture:\n    days: [monday]\n    time: '10:00-11:20'\n    until: 2025-09-29\n",
        "sessions:\n  - title: A\n  - title: B\n",
        check_mondays,
    ),
    "unquoted-dates": (
        GOOD_HEAD
        + LECTURE
        + "closures:\n  - {date: 2025-09-25, title: Convocation}\n"
        + "  - {from: 2025-10-07, to: 2025-10-09, title: Break}\n",
        "sessions:\n  - title: A\n  - title: B\n  - title: C\n  - title: D\n"
        "deadlines:\n  - {id: hw1, title: HW1, due: 2025-10-24}\n",
        check_unquoted_dates,
    ),
    "unquoted-due-moment": (
        GOOD_HEAD + LECTURE,
        "sessions:\n  - title: A\ndeadlines:\n  - id: hw1\n    title: HW1\n    due: 2025-10-24 23:59\n",
        check_due_moment,
    ),
    "time-am-pm-span": (
        GOOD_HEAD + "meetings:\n  lecture:\n    days: [Tue, Thu]\n    time: 3:30 pm-4:50 pm\n",
        "sessions:\n  - title: Introduction\n",
        check_pm_span,
    ),
    "time-AM-PM-caps": (
        GOOD_HEAD + "meetings:\n  lecture:\n    days: [Tue, Thu]\n    time: 3:30 PM-4:50 PM\n",
        "sessions:\n  - title: Introduction\n",
        check_pm_span,
    ),
    "time-10pm": (
        GOOD_HEAD + LECTURE,
        "sessions:\n  - title: A\nevents:\n  - {title: Release party, date: 2025-10-20, time: 10pm}\n",
        check_10pm,
    ),
    "time-unquoted-single": (
        GOOD_HEAD + LECTURE,
        "sessions:\n  - title: A\nevents:\n  - title: Review\n    date: 2025-10-20\n    time: 10:00\n",
        check_10_oclock_event,
    ),
    "days-SUNDAY": (
        GOOD_HEAD + "meetings:\n  lecture:\n    days: [SUNDAY]\n    time: '10:00-11:20'\n    until: 2025-10-05\n",
        "sessions:\n  - title: A\n  - title: B\n",
        check_sundays,
    ),
    "boolean-words": (
        GOOD_HEAD + LECTURE,
        "sessions:\n  - {title: Welcome, numbered: no}\n  - {title: Snow day, cancelled: yes, notes: no}\n",
        check_booleans,
    ),
}


@pytest.mark.parametrize("name", list(GOOD))
def test_yaml_traps_mean_what_a_person_meant(name: str) -> None:
    head, rest, check = GOOD[name]
    schedule = load_schedule_text(head + rest)
    assert schedule.diagnostics == (), describe(schedule)
    check(schedule)


def test_two_closures_on_one_day_need_no_ids() -> None:
    schedule = load_schedule_text(
        GOOD_HEAD
        + LECTURE
        + "  oh:\n    kind: office-hours\n    days: [Wed]\n    time: '15:30-16:30'\n"
        + "closures:\n"
        + "  - {from: 2025-11-26, to: 2025-11-28, title: Thanksgiving break, cancels: [lecture]}\n"
        + "  - {date: 2025-11-26, title: No office hours, cancels: [office-hours]}\n"
        + "sessions:\n  - title: A\n"
    )
    assert schedule.diagnostics == (), describe(schedule)
    assert len(schedule.closures) == 2


def test_corpus_loads_fast() -> None:
    began = time.perf_counter()
    for case in CASES:
        load(case)
    assert time.perf_counter() - began < 10


# ------------------------------------------------------------- lint on the real courses

REAL_COURSES = [
    Path(__file__).parent.parent / path
    for path in (
        "example_course/schedule.yaml",
        "docs/gallery/cs599e1/schedule.yaml",
        "docs/gallery/dsa120/schedule.yaml",
        "docs/tutorial/course/schedule.yaml",
        "tests/roots/test-coursecal-views/schedule.yaml",
    )
]


@pytest.mark.parametrize("path", REAL_COURSES, ids=lambda path: path.parent.name)
def test_the_real_courses_earn_no_warning(path: Path) -> None:
    """Lint that fires on the project's own courses (transcribed from real pages) would annoy real users."""
    schedule = load(path)
    assert schedule.diagnostics == (), describe(schedule)
