"""The ``coursecal`` command as a user runs it: check and ics (init: test_init.py; schema: test_schema_json.py)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from sphinxcontrib_coursecal.cli import main
from sphinxcontrib_coursecal.engine import load_schedule

from .conftest import REPO, SEED_000_SCHEDULE, SEED_003_SCHEDULE
from .ics_readers import unescape


@pytest.mark.parametrize("schedule", [SEED_000_SCHEDULE, SEED_003_SCHEDULE])
def test_check_passes_on_both_seeds(schedule: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(schedule)]) == 0
    out, err = capsys.readouterr()
    assert "ok" in out
    assert err == ""


def test_check_reports_path_line_col_and_exits_1(tmp_path: Path) -> None:
    schedule = tmp_path / "schedule.yaml"
    schedule.write_text(
        "course:\n  id: x\n  timezone: Mars/Olympus\n  start: 2025-09-01\n  end: 2025-12-01\n"
        "meetings:\n  lecture: {days: [Tue], tiem: '10:00-11:00'}\n",
        encoding="utf-8",
    )
    # As installed: python -m, in a fresh process.
    result = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_coursecal", "check", str(schedule)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert f"{schedule}:3:13: error: 'Mars/Olympus' is not an IANA time zone" in lines[0]
    assert lines[1].startswith(
        f"{schedule}:7:26: error: the meeting 'lecture' has no field 'tiem'; did you mean 'time'?"
    )
    assert "Traceback" not in result.stderr


def test_check_exits_0_with_only_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schedule = tmp_path / "schedule.yaml"
    schedule.write_text(
        "course: {id: x, timezone: UTC, start: 2025-09-01, end: 2025-12-01}\n"
        "deadlines:\n  - {title: Early bird, due: 2025-08-20}\n",
        encoding="utf-8",
    )
    assert main(["check", str(schedule)]) == 0
    assert "warning: `due` of the deadline 'early-bird' 2025-08-20 is outside the term" in capsys.readouterr().err


def test_ics_has_every_occurrence_at_the_right_instant(tmp_path: Path) -> None:
    output = tmp_path / "feed" / "cse599o.ics"
    assert main(["ics", str(SEED_000_SCHEDULE), "-o", str(output)]) == 0
    schedule = load_schedule(SEED_000_SCHEDULE)
    calendar = icalendar.Calendar.from_ical(output.read_bytes())
    # recurring-ical-events is an independent reader of the feed.
    events = recurring_ical_events.of(calendar).between(dt.date(2025, 9, 1), dt.date(2026, 1, 1))
    assert len(events) == len(schedule.occurrences) == 51
    by_uid = {str(event["UID"]): event for event in events}
    for occurrence in schedule.occurrences:
        event = by_uid[f"{occurrence.uid}@cse599o.coursecal"]
        start = event.decoded("DTSTART")
        if occurrence.start is None:
            assert start == occurrence.date
        else:
            assert start.astimezone(dt.UTC) == occurrence.start.astimezone(dt.UTC)
    frameworks = by_uid["session-frameworks@cse599o.coursecal"]
    assert str(frameworks["SUMMARY"]) == "CSE 599o Lecture: ML frameworks"
    assert frameworks.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2025, 10, 1, 17, tzinfo=dt.UTC)
    # A deadline is a moment: DURATION:P0D in the feed itself (readers expand it to DTEND).
    raw = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert raw["deadline-hw1@cse599o.coursecal"].decoded("DURATION") == dt.timedelta(0)
    assert "DTEND" not in raw["deadline-hw1@cse599o.coursecal"]


def test_ics_output_is_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760000000")
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert main(["ics", str(SEED_003_SCHEDULE), "-o", str(first)]) == 0
    assert main(["ics", str(SEED_003_SCHEDULE), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert b"DTSTAMP:20251009T085320Z" in first.read_bytes()


# -- defaults, standard output, filters ---------------------------------------------------------


def test_check_defaults_to_the_schedule_in_this_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert "there is no schedule.yaml here" in capsys.readouterr().err
    shutil.copyfile(SEED_003_SCHEDULE, tmp_path / "schedule.yaml")
    shutil.copyfile(SEED_003_SCHEDULE.parent / "papers.bib", tmp_path / "papers.bib")
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("schedule.yaml: ok — 27 sessions")


def test_ics_writes_to_standard_output(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["ics", str(SEED_000_SCHEDULE), "-o", "-"]) == 0
    out, err = capsysbinary.readouterr()
    calendar = icalendar.Calendar.from_ical(out)
    assert len(calendar.walk("VEVENT")) == 51
    assert err.decode() == "wrote 51 events to standard output\n"


def test_ics_keeps_the_kinds_and_the_section_asked_for(tmp_path: Path) -> None:
    dsa = REPO / "docs" / "gallery" / "dsa120" / "schedule.yaml"
    output = tmp_path / "exams.ics"
    assert main(["ics", str(dsa), "-o", str(output), "--kind", "exam,deadline", "--section", "aa"]) == 0
    calendar = icalendar.Calendar.from_ical(output.read_bytes())
    # icalendar leaves an X- property's TEXT escaped ("\\,"), as written by RFC 5545 3.3.11.
    assert unescape(str(calendar["X-WR-CALNAME"])) == "DSA 120 Winter 2026: Exam, Deadline, section AA"
    uids = {str(event["UID"]).removesuffix("@dsa120.coursecal") for event in calendar.walk("VEVENT")}
    # Section AA's quizzes (each section's midterm is in a lecture section, none AA), the final, the deadlines.
    assert uids == {
        "event-quiz-1-quiz-aa", "event-quiz-2-quiz-aa", "event-quiz-3-quiz-aa", "event-final",
        "deadline-a1", "deadline-a2", "deadline-a3", "deadline-a4", "deadline-a5",
    }  # fmt: skip


def test_ics_names_an_unknown_kind_with_the_nearest(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["ics", str(SEED_000_SCHEDULE), "-o", str(tmp_path / "x.ics"), "--kind", "exams"]) == 2
    assert "--kind: the course has no kind 'exams'; did you mean 'exam'?" in capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()


# -- what only the project's pages can tell ---------------------------------------------------------


def project(tmp_path: Path) -> Path:
    """The lint_unused_paper schedule in a Sphinx project: one page cites lamport1978, one session has notes."""
    source = (REPO / "tests" / "broken" / "lint_unused_paper.yaml").read_text(encoding="utf-8")
    (tmp_path / "conf.py").write_text('extensions = ["sphinxcontrib_coursecal"]\n', encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "rpc.md").write_text("# RPC\n\nSee {paper}`the clocks paper <lamport1978>`.\n")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "cited.rst").write_text(":paper:`birrell1984`\n")  # not a page of the project
    schedule = tmp_path / "schedule.yaml"
    text = source.replace("  - {id: rpc, title: Remote procedure calls}", "  - {id: rpc, title: RPC, page: notes/rpc}")
    schedule.write_text(text.replace("  - {id: intro,", "  - {id: intro, page: notes/intro,"), encoding="utf-8")
    return schedule


def test_check_looks_at_the_pages_of_the_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schedule = project(tmp_path)
    # conf.py is beside the schedule: the project is its folder.
    assert main(["check", str(schedule)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line.rsplit("[", 1)[1] for line in err[:-1]] == ["coursecal.unused-paper]", "coursecal.notes-page]"]
    assert "'birrell1984' is in the library, but no session reads it" in err[0]
    assert err[1].startswith(f"{schedule}:13:5: warning: the session 'intro' names the notes page 'notes/intro'")
    assert err[2] == f"{schedule}: 0 error(s), 2 warning(s)"


def test_check_suppresses_a_subtype(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schedule = project(tmp_path)
    assert main(["check", str(schedule), "--suppress", "coursecal.notes-page", "--suppress", "unused-paper"]) == 0
    assert capsys.readouterr().out.startswith(f"{schedule}: ok")
