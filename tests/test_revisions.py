"""Revisions over a term: SEQUENCE only goes up, and rises exactly for the events a subscriber sees change.

Each of the ten edits of ``term_edits`` is built as a publishing build builds
it: its feed compared with the one published before (``ics.revise``), then
written with those revisions. Expectations come from the engine's
occurrences (``term_edits.expected_changes``), not from the revision code.
Also here: reading feeds and histories that are not ours, and the history's
JSON round trip.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sphinxcontrib_coursecal import ics, revisions
from sphinxcontrib_coursecal.cli import main
from sphinxcontrib_coursecal.engine import Schedule, load_schedule_text
from sphinxcontrib_coursecal.history import History, next_publication

from .conftest import SEED_000_SCHEDULE
from .ics_readers import events_by_uid, props, stable_id, value
from .term_edits import EDITS, expected_changes, texts

UTC = dt.UTC
FIRST = dt.datetime(2025, 9, 1, 12, 0, tzinfo=UTC)


def when(step: int) -> dt.datetime:
    """The build time of each publication: a week apart."""
    return FIRST + dt.timedelta(days=7 * step)


def stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def schedule_of(text: str) -> Schedule:
    # The papers file is read from the example's folder, as the example itself reads it.
    return load_schedule_text(text, str(SEED_000_SCHEDULE), root=SEED_000_SCHEDULE.parent)


class Term:
    """The term's publications: each feed as published, the history, what each build reported."""

    def __init__(self) -> None:
        self.schedules = [schedule_of(text) for text in texts()]
        first = self.schedules[0]
        self.feeds = [ics.build_calendar(first, stamp=when(0)).to_ical()]  # the first publication: stateless
        self.histories = [History("cse599o", since=when(0))]
        self.changes: list[tuple[revisions.Change, ...]] = [()]
        for step, schedule in enumerate(self.schedules[1:], start=1):
            revised = ics.revise(schedule, self.feeds[-1], self.histories[-1], when(step))
            assert revised.compared
            self.feeds.append(ics.build_calendar(schedule, stamp=when(0), revisions=revised.revisions).to_ical())
            self.histories.append(revised.history)
            self.changes.append(revised.changes)


@pytest.fixture(scope="module")
def term() -> Term:
    return Term()


STEPS = [pytest.param(step, id=edit.name) for step, edit in enumerate(EDITS, start=1)]


@pytest.mark.parametrize("step", STEPS)
def test_sequence_rises_exactly_for_what_changed(term: Term, step: int) -> None:
    before, after = events_by_uid(term.feeds[step - 1]), events_by_uid(term.feeds[step])
    expected = expected_changes(term.schedules[step - 1], term.schedules[step])
    by_id = {stable_id(uid): uid for uid in before.keys() | after.keys()}
    assert {stable_id(uid) for uid in after} == {o.uid for o in term.schedules[step].occurrences}
    for stable, uid in by_id.items():
        if uid not in after:
            assert expected.get(stable) == "removed", stable
            continue
        new = after[uid]
        if uid not in before:
            assert expected.get(stable) == "added", stable
            assert value(new, "SEQUENCE") == "0"
            assert value(new, "DTSTAMP") == value(new, "LAST-MODIFIED") == stamp(when(step))
            continue
        old = before[uid]
        if stable in expected:
            assert int(value(new, "SEQUENCE")) == int(value(old, "SEQUENCE")) + 1, stable
            assert value(new, "DTSTAMP") == value(new, "LAST-MODIFIED") == stamp(when(step)), stable
        else:
            assert new == old, stable  # as published, byte for byte: SEQUENCE, DTSTAMP, LAST-MODIFIED too


@pytest.mark.parametrize("step", STEPS)
def test_the_build_reports_exactly_what_changed(term: Term, step: int) -> None:
    expected = expected_changes(term.schedules[step - 1], term.schedules[step])
    reported = {stable_id(change.uid): change.what for change in term.changes[step]}
    assert set(reported) == set(expected)
    for stable, kind in expected.items():
        if kind in ("added", "removed"):
            assert reported[stable] == kind, stable
        else:
            assert reported[stable] not in ("added", "removed"), stable


def test_what_each_edit_did(term: Term) -> None:
    reported = [{stable_id(c.uid): c.what for c in changes} for changes in term.changes]
    # 1. The snow day: a closure added; the 14 sessions from Oct 15 on moved (test_ics_feeds.MOVED_BY_SNOW).
    assert reported[1].pop("closure-2025-10-15-snow-day") == revisions.ADDED
    assert set(reported[1].values()) == {revisions.MOVED}
    assert len(reported[1]) == 14
    # 2. Wed Oct 29's lecture in CSE2 G10: since the snow day that is "moe"; 3. HW2 two days later.
    assert reported[2] == {"session-moe": revisions.RELOCATED}
    assert reported[3] == {"deadline-hw2": revisions.MOVED}
    # 4. Data loading cancelled; the classes after it are numbered one less (their descriptions say so).
    assert reported[4].pop("session-data-loading") == revisions.CANCELLED
    assert set(reported[4]) == {"session-deployment", "session-multimodal", "session-final-presentations"}
    assert set(reported[4].values()) == {revisions.UPDATED}
    # 5. Two sessions swap; 6. the snow day removed: it goes, the later sessions move back, a lecture slot
    # of finals week is left without a session.
    assert reported[5] == {"session-moe": revisions.MOVED, "session-model-parallelism": revisions.MOVED}
    assert reported[6].pop("closure-2025-10-15-snow-day") == revisions.REMOVED
    assert reported[6].pop("lecture-2025-12-10") == revisions.ADDED
    assert set(reported[6].values()) == {revisions.MOVED}
    # 7. Data loading is back; 8. an office hour moved; 9. a title and a note; 10. nothing visible.
    assert reported[7].pop("session-data-loading") == revisions.REINSTATED
    assert set(reported[7].values()) == {revisions.UPDATED}
    assert reported[8] == {"oh-frank-2025-11-14": revisions.MOVED}
    assert reported[9] == {"session-autodiff": revisions.RENAMED, "session-distributed-frameworks": revisions.UPDATED}
    assert reported[10] == {}


def test_sequence_never_goes_down_over_the_term(term: Term) -> None:
    seen: dict[str, int] = {}
    for feed in term.feeds:
        for uid, event in events_by_uid(feed).items():
            sequence = int(value(event, "SEQUENCE"))
            assert sequence >= seen.get(uid, 0), uid
            seen[uid] = sequence
    # The session moved by the snow day and moved back by its removal rose twice, never fell.
    gpu_comm = [int(value(events_by_uid(f)["session-gpu-comm@cse599o.coursecal"], "SEQUENCE")) for f in term.feeds]
    assert gpu_comm == sorted(gpu_comm)
    assert gpu_comm[6] == gpu_comm[0] + 2


def test_a_rebuild_that_changes_nothing_publishes_the_same_bytes(term: Term) -> None:
    assert term.feeds[10] == term.feeds[9]
    assert term.histories[10] == term.histories[9]


def test_the_history_keeps_every_publication(term: Term) -> None:
    history = term.histories[-1]
    assert [p.at for p in history.publications] == [when(step) for step in range(1, 10)]
    assert [len(p.changes) for p in history.publications] == [len(c) for c in term.changes[1:10]]
    assert history.newest_first()[0].at == when(9)
    # The snow day's closure was published with SEQUENCE 0 (steps 1-5), then removed.
    assert history.retired == {"closure-2025-10-15-snow-day@cse599o.coursecal": 0}
    again = History.from_json(history.to_json(), "cse599o")
    assert again.to_json() == history.to_json()
    assert [[c.uid for c in p.changes] for p in again.publications] == [
        [c.uid for c in p.changes] for p in history.publications
    ]


def test_an_event_that_comes_back_goes_above_its_last_sequence(term: Term) -> None:
    # The snow day's closure, removed at step 6 with SEQUENCE 0 (test above), is declared again: a client
    # that still holds the old one (or remembers its UID) must take the new one as a revision.
    snow_day = EDITS[0].replacements[0]
    schedule = schedule_of(texts()[-1].replace(*snow_day))
    revised = ics.revise(schedule, term.feeds[-1], term.histories[-1], when(11))
    assert revised.revisions["closure-2025-10-15-snow-day@cse599o.coursecal"].sequence == 1
    assert "closure-2025-10-15-snow-day@cse599o.coursecal" not in revised.history.retired


# -- what cannot be compared ----------------------------------------------------------------------


def test_without_a_previous_feed_the_stateless_rule_stands(seed_000: Schedule) -> None:
    stateless = ics.build_calendar(seed_000, stamp=FIRST).to_ical()
    revised = next_publication(stateless, None, None, when(1), "cse599o")
    assert not revised.compared
    assert revised.changes == ()
    written = ics.build_calendar(seed_000, stamp=FIRST, revisions=revised.revisions).to_ical()
    assert written == stateless


def test_another_courses_feed_is_not_compared(seed_000: Schedule, tmp_path: Path) -> None:
    other = load_schedule_text("course: {id: other, timezone: UTC, start: 2025-09-01, end: 2025-09-05}\n")
    with pytest.raises(ValueError, match="no event of the course 'cse599o'"):
        ics.revise(seed_000, ics.build_calendar(other).to_ical(), now=FIRST)
    with pytest.raises(ValueError, match="not an iCalendar feed"):
        ics.revise(seed_000, b"<html>Not found</html>", now=FIRST)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"{}", "not a change history"),
        (b"not json", "not JSON"),
        (b'{"format": "sphinxcontrib-coursecal changes", "version": 99}', "version 99"),
        (b'{"format": "sphinxcontrib-coursecal changes", "version": 1, "course": "x"}', "the course 'x'"),
    ],
)
def test_a_history_that_cannot_be_read_is_refused(raw: bytes, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        History.from_json(raw, "cse599o")


def test_the_first_publication_carries_last_modified(seed_000: Schedule) -> None:
    for event in events_by_uid(ics.build_calendar(seed_000, stamp=FIRST).to_ical()).values():
        assert props(event, "LAST-MODIFIED") == props(event, "DTSTAMP")


# -- coursecal ics --previous -------------------------------------------------------------------------


def test_the_command_revises_against_a_previous_feed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "papers.yaml").write_bytes((SEED_000_SCHEDULE.parent / "papers.yaml").read_bytes())
    schedule = folder / "schedule.yaml"
    schedule.write_text(texts()[0], encoding="utf-8")
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    assert main(["ics", str(schedule), "-o", str(first)]) == 0
    schedule.write_text(texts()[3], encoding="utf-8")  # after the snow day, a room change and HW2's extension
    capsys.readouterr()
    assert main(["ics", str(schedule), "-o", str(second), "--previous", str(first)]) == 0
    out = capsys.readouterr().out.splitlines()
    # 14 sessions moved (one of them, moe, to CSE2 G10 as well), the closure added, HW2 moved.
    assert out[1] == f"compared with {first}: 16 changes"
    assert "  moved: CSE 599o Deadline: HW2 (2025-11-13T07:59:00Z)" in out
    before, after = events_by_uid(first.read_bytes()), events_by_uid(second.read_bytes())
    hw2 = "deadline-hw2@cse599o.coursecal"
    assert int(value(after[hw2], "SEQUENCE")) == int(value(before[hw2], "SEQUENCE")) + 1
    hw1 = "deadline-hw1@cse599o.coursecal"
    assert after[hw1] == before[hw1]
    # A file that is not this course's feed is refused, and nothing is written.
    capsys.readouterr()
    assert main(["ics", str(schedule), "-o", str(tmp_path / "third.ics"), "--previous", str(schedule)]) == 1
    assert "not an iCalendar feed" in capsys.readouterr().err
    assert not (tmp_path / "third.ics").exists()
