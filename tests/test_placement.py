"""Placement rules, each on a small schedule whose answer is worked out by hand.

Calendar used throughout (2025): Mon Sep 1 (Labor Day), Tue Sep 2, Thu Sep 4,
Mon Sep 8 …; Sep 2 is a Tuesday, Sep 30 a Tuesday, Oct 14 a Tuesday.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from zoneinfo import ZoneInfo

import yaml

from sphinxcontrib_coursecal.engine import Occurrence, Schedule, Subtype, load_schedule, load_schedule_text

from .conftest import SEED_003_SCHEDULE

D = dt.date


def build(*parts: str, course: str = "") -> Schedule:
    """A schedule from YAML parts (each dedented on its own); ``course`` adds course fields."""
    head = textwrap.dedent(
        """\
        course:
          id: demo
          timezone: America/New_York
          start: 2025-09-01
          end: 2025-10-31
        """
    )
    return load_schedule_text(head + course + "".join(textwrap.dedent(part) for part in parts))


def dates(schedule: Schedule, meeting: str | None = None) -> list[dt.date]:
    return [s.date for s in schedule.sessions if meeting is None or s.meeting == meeting]


def plan(n: int) -> str:
    return "sessions:\n" + "".join(f"  - {{id: s{i}, title: Session {i}}}\n" for i in range(1, n + 1))


LECTURE = """\
meetings:
  lecture: {days: [Tue, Thu], time: "10:00-11:15", location: Room 1}
"""


def test_sessions_take_free_slots_in_order() -> None:
    schedule = build(LECTURE, plan(4))
    assert dates(schedule) == [D(2025, 9, 2), D(2025, 9, 4), D(2025, 9, 9), D(2025, 9, 11)]
    assert [s.number for s in schedule.sessions] == [1, 2, 3, 4]
    assert [s.week for s in schedule.sessions] == [1, 1, 2, 2]
    # The rest of the term's slots stay on the calendar as plain meetings.
    assert sum(o.session is None for o in schedule.occurrences if o.meeting == "lecture") == 18 - 4


def seed_003_with(extra_closures: list[dict[str, str]], end: str | None = None) -> Schedule:
    data = yaml.safe_load(SEED_003_SCHEDULE.read_text(encoding="utf-8"))
    data["closures"] = data["closures"] + extra_closures
    if end:
        data["course"]["end"] = end
    return load_schedule_text(yaml.safe_dump(data, sort_keys=False), str(SEED_003_SCHEDULE))


def test_a_snow_day_moves_every_later_session_by_one_slot_and_nothing_earlier() -> None:
    # The term is widened to Dec 12 so that Thu Dec 11 is a spare slot.
    before = seed_003_with([], end="2025-12-12")
    after = seed_003_with([{"date": "2025-09-30", "title": "Snow day"}], end="2025-12-12")
    assert [str(d) for d in after.diagnostics] == []
    slots = [*dates(before), D(2025, 12, 11)]
    moved = dict(zip((s.id for s in before.sessions), slots[1:], strict=False))
    for old, new in zip(before.sessions, after.sessions, strict=True):
        assert old.id == new.id
        if old.date < D(2025, 9, 30):
            assert new.date == old.date
        else:
            assert new.date == moved[old.id]  # the next slot of the old calendar
    assert D(2025, 9, 30) not in dates(after)
    assert after.sessions[-1].date == D(2025, 12, 11)


def test_a_snow_day_in_a_full_plan_is_reported_with_the_slot_count() -> None:
    schedule = seed_003_with([{"date": "2025-09-30", "title": "Snow day"}])
    overfull = [d for d in schedule.diagnostics if d.subtype is Subtype.OVERFULL]
    assert len(overfull) == 1
    # 27 Tue/Thu slots to Dec 9 minus Oct 14, Nov 27 and the snow day: 26, the last Dec 9.
    assert "26 free slots" in overfull[0].message
    assert "2025-12-09" in overfull[0].message
    assert "1 is left over" in overfull[0].message
    assert len(schedule.sessions) == 26  # everything that fits is still placed


def test_pinned_session_sets_where_the_plan_continues() -> None:
    schedule = build(
        LECTURE,
        """\
        sessions:
          - {id: a, title: A}
          - {id: b, title: B, date: 2025-09-16}
          - {id: c, title: C}
        """,
    )
    assert dates(schedule) == [D(2025, 9, 2), D(2025, 9, 16), D(2025, 9, 18)]
    # Free slots skipped by the pin remain as plain meetings (Sep 4, 9, 11).
    plain = {o.date for o in schedule.occurrences if o.meeting == "lecture" and o.session is None}
    assert {D(2025, 9, 4), D(2025, 9, 9), D(2025, 9, 11)} <= plain


def test_pinned_date_that_is_no_slot_adds_an_occurrence() -> None:
    schedule = build(
        LECTURE,
        """\
        sessions:
          - {id: a, title: A}
          - {id: makeup, title: Make-up, date: 2025-09-06}
          - {id: c, title: C, date: 2025-09-13, time: "13:00-14:00"}
          - {id: d, title: D}
        """,
    )
    makeup, special = schedule.session("makeup"), schedule.session("c")
    assert makeup is not None
    assert special is not None
    assert makeup.date == D(2025, 9, 6)  # a Saturday
    assert makeup.start is not None
    assert makeup.start.time() == dt.time(10, 0)
    assert special.start is not None
    assert special.end is not None
    assert (special.start.time(), special.end.time()) == (dt.time(13), dt.time(14))
    assert dates(schedule)[-1] == D(2025, 9, 16)  # D continues after Sat Sep 13


def test_two_sessions_pinned_on_one_slot_conflict() -> None:
    schedule = build(
        LECTURE,
        """\
        sessions:
          - {id: a, title: A, date: 2025-09-09}
          - {id: b, title: B, date: 2025-09-09}
        """,
    )
    conflict = [d for d in schedule.diagnostics if d.subtype is Subtype.CONFLICT]
    assert len(conflict) == 1
    assert "'b'" in conflict[0].message
    assert "'a'" in conflict[0].message
    assert conflict[0].location.line == 10  # the line of session b


def test_monday_schedule_swap() -> None:
    schedule = build(
        """\
        meetings:
          lecture: {days: [Tue, Thu], time: "10:00-11:15"}
          lab: {kind: lab, days: [Mon], time: "14:00-16:00"}
        closures:
          - {date: 2025-10-14, title: "Monday schedule", follows: Mon}
        """
    )
    on_swap = {o.meeting for o in schedule.on(D(2025, 10, 14)) if o.meeting}
    assert on_swap == {"lab"}  # Tuesday runs Monday's lab, not its own lecture
    lab_days = [o.date for o in schedule.occurrences if o.meeting == "lab"]
    assert D(2025, 10, 14) in lab_days
    assert D(2025, 10, 13) in lab_days  # the real Monday still has its lab


def test_closure_cancels_by_meeting_id_and_kind() -> None:
    schedule = build(
        """\
        meetings:
          lecture: {days: [Tue], time: "10:00-11:00"}
          oh-ta: {kind: office-hours, days: [Tue], time: "15:00-16:00"}
          oh-prof: {kind: office-hours, days: [Tue], time: "16:00-17:00"}
        closures:
          - {from: 2025-09-09, to: 2025-09-10, title: Project days, cancels: [lecture]}
          - {date: 2025-09-16, title: TA away, cancels: [oh-ta]}
          - {date: 2025-09-23, title: No office hours, cancels: [office-hours]}
          - {date: 2025-09-30, title: Holiday}
        """
    )

    def meetings_on(day: dt.date) -> set[str]:
        return {o.meeting for o in schedule.on(day) if o.meeting}

    assert meetings_on(D(2025, 9, 2)) == {"lecture", "oh-ta", "oh-prof"}
    assert meetings_on(D(2025, 9, 9)) == {"oh-ta", "oh-prof"}
    assert meetings_on(D(2025, 9, 16)) == {"lecture", "oh-prof"}
    assert meetings_on(D(2025, 9, 23)) == {"lecture"}
    assert meetings_on(D(2025, 9, 30)) == set()
    assert [o.title for o in schedule.on(D(2025, 9, 30))] == ["Holiday"]


def test_every_skip_and_changes() -> None:
    schedule = build(
        """\
        meetings:
          reading-group:
            kind: event
            title: Reading group
            days: [Wed]
            time: "12:00-13:00"
            every: 2
            skip: [2025-09-17]
            changes:
              2025-10-01: {time: "16:30-17:30", location: CSE2 150}
              2025-10-15: {date: 2025-10-16}
              2025-10-29: {cancelled: true}
        """
    )
    group = [o for o in schedule.occurrences if o.meeting == "reading-group"]
    # Wednesdays every other week from Sep 3: Sep 3, 17 (skipped), Oct 1, 15 (moved to 16), 29 (cancelled).
    assert [o.date for o in group] == [D(2025, 9, 3), D(2025, 10, 1), D(2025, 10, 16), D(2025, 10, 29)]
    moved_time = group[1]
    assert moved_time.start is not None
    assert (moved_time.start.time(), moved_time.location) == (dt.time(16, 30), "CSE2 150")
    assert moved_time.changed
    assert group[2].uid == "reading-group-2025-10-15"  # moved, same identity
    assert group[3].cancelled


def test_a_change_to_a_sessions_slot_marks_the_session_changed() -> None:
    schedule = build(
        """\
        meetings:
          lecture:
            days: [Tue, Thu]
            time: "10:00-11:15"
            changes:
              2025-09-04: {time: "13:00-14:15", location: Auditorium}
        """,
        plan(2),
    )
    first, second = (o for o in schedule.occurrences if o.session is not None)
    assert not first.changed
    assert second.changed  # calendar feeds raise its SEQUENCE
    assert second.start is not None
    assert (second.start.time(), second.location) == (dt.time(13), "Auditorium")


def test_change_on_a_day_without_a_meeting_is_reported() -> None:
    schedule = build(
        """\
        meetings:
          lecture:
            days: [Tue]
            changes:
              2025-09-03: {location: Elsewhere}
        """
    )
    assert any(d.subtype is Subtype.VALUE and "2025-09-03" in d.message for d in schedule.diagnostics)


def test_two_sections_each_place_the_whole_plan() -> None:
    schedule = build(
        """\
        meetings:
          lecture-a: {kind: lecture, section: A, days: [Mon, Wed], time: "09:00-10:00"}
          lecture-b: {kind: lecture, section: B, days: [Tue, Thu], time: "13:00-14:00"}
        closures:
          - {date: 2025-09-01, title: Labor Day}
        sessions:
          - {id: intro, title: Intro}
          - {id: second, title: Second}
        """
    )
    assert dates(schedule, "lecture-a") == [D(2025, 9, 3), D(2025, 9, 8)]
    assert dates(schedule, "lecture-b") == [D(2025, 9, 2), D(2025, 9, 4)]
    intro = schedule.sessions_by_id("intro")
    assert {s.anchor for s in intro} == {"lecture-a-intro", "lecture-b-intro"}
    assert {s.section for s in intro} == {"A", "B"}
    section_a = schedule.select(section="A", kinds=["lecture"])
    assert {o.meeting for o in section_a} == {"lecture-a"}


def test_named_plans() -> None:
    schedule = build(
        """\
        meetings:
          lecture: {days: [Mon], time: "09:00-10:00", sessions: talks}
          lab: {kind: lab, days: [Fri], time: "14:00-16:00", sessions: labs}
        sessions:
          talks:
            - {id: t1, title: Talk 1}
          labs:
            - {id: l1, title: Lab 1}
            - {id: l2, title: Lab 2}
        """
    )
    assert [(s.id, s.date, s.kind) for s in schedule.sessions] == [
        ("t1", D(2025, 9, 1), "lecture"),
        ("l1", D(2025, 9, 5), "lab"),
        ("l2", D(2025, 9, 12), "lab"),
    ]


def test_numbering_skips_unnumbered_and_cancelled_sessions() -> None:
    schedule = build(
        LECTURE,
        """\
        sessions:
          - {id: a, title: Overview, numbered: false}
          - {id: b, title: B}
          - {id: c, title: C, cancelled: true}
          - {id: d, title: D}
        """,
    )
    assert [(s.id, s.number) for s in schedule.sessions] == [("a", None), ("b", 1), ("c", None), ("d", 2)]
    cancelled = next(o for o in schedule.occurrences if o.session and o.session.id == "c")
    assert cancelled.cancelled  # it keeps its slot, shown struck through
    assert cancelled.date == D(2025, 9, 9)


def test_week_numbers_from_week_start_and_first_week() -> None:
    sunday_weeks = build(
        "meetings:\n  lecture: {days: [Sun, Mon]}\n" + plan(3),
        course="  week_start: Sun\n  first_week: 0\n",
    )
    # The term starts Mon Sep 1; weeks begin on Sunday: Aug 31 is week 0, Sep 7 week 1.
    assert [(s.date, s.week) for s in sunday_weeks.sessions] == [
        (D(2025, 9, 1), 0),
        (D(2025, 9, 7), 1),
        (D(2025, 9, 8), 1),
    ]


def test_meeting_without_time_gives_day_sessions() -> None:
    schedule = build("meetings:\n  lecture: {days: [Tue]}\n", plan(1))
    session = schedule.sessions[0]
    assert session.start is None
    assert session.end is None
    occurrence = next(o for o in schedule.occurrences if o.session)
    assert occurrence.all_day


def test_deadlines_releases_and_events() -> None:
    schedule = build(
        """\
        deadlines:
          - {id: hw1, title: HW1, due: "2025-10-24 23:59", released: 2025-10-06, was: "2025-10-22 23:59"}
          - {id: proposal, title: Proposal, due: 2025-10-30}
        events:
          - {title: Midterm, date: 2025-10-15, time: "6pm-7:30pm", location: KNE 120, kind: exam}
          - {title: Retreat, date: 2025-10-17, to: 2025-10-18}
        """
    )
    by_uid = {o.uid: o for o in schedule.occurrences}
    due = by_uid["deadline-hw1"]
    assert due.start == dt.datetime(2025, 10, 24, 23, 59, tzinfo=ZoneInfo("America/New_York"))
    assert due.start is not None
    assert due.start.utcoffset() == dt.timedelta(hours=-4)  # EDT
    assert due.end == due.start
    assert by_uid["release-hw1"].date == D(2025, 10, 6)
    assert by_uid["release-hw1"].kind == "release"
    assert by_uid["deadline-proposal"].all_day
    deadline = schedule.deadline("hw1")
    assert deadline is not None
    assert deadline.was == dt.datetime(2025, 10, 22, 23, 59, tzinfo=ZoneInfo("America/New_York"))
    exam = by_uid["event-midterm-2025-10-15"]
    assert exam.start is not None
    assert exam.end is not None
    assert (exam.start.time(), exam.end.time(), exam.kind) == (dt.time(18), dt.time(19, 30), "exam")
    retreat = by_uid["event-retreat-2025-10-17"]
    assert (retreat.date, retreat.last, retreat.all_day) == (D(2025, 10, 17), D(2025, 10, 18), True)
    assert retreat in schedule.on(D(2025, 10, 18))


def test_times_are_right_across_a_dst_change_in_europe() -> None:
    schedule = load_schedule_text(
        textwrap.dedent(
            """\
            course: {id: uk, timezone: Europe/London, start: 2025-10-20, end: 2025-11-07}
            meetings:
              lecture: {days: [Fri], time: "10:00-11:00"}
            """
        )
        + plan(2)
    )
    first, second = schedule.sessions
    assert first.start is not None
    assert second.start is not None
    # Oct 24 is BST (UTC+1), Oct 31 is GMT: clocks went back on Oct 26.
    assert first.start.astimezone(dt.UTC).time() == dt.time(9)
    assert second.start.astimezone(dt.UTC).time() == dt.time(10)


def test_daylight_saving_gap_and_overlap_follow_rfc_5545() -> None:
    # London 2025: clocks jump 01:00 -> 02:00 on Sun Mar 30 and fall back 02:00 -> 01:00 on Sun Oct 26.
    schedule = load_schedule_text(
        textwrap.dedent(
            """\
            course: {id: uk, timezone: Europe/London, start: 2025-03-01, end: 2025-11-01}
            meetings:
              crossing: {kind: event, days: [Sun], time: "00:30-01:30", from: 2025-03-30, until: 2025-03-30}
              inside: {kind: event, days: [Sun], time: "01:15-01:45", from: 2025-03-30, until: 2025-03-30}
              reversed: {kind: event, days: [Sun], time: "01:30-02:00", from: 2025-03-30, until: 2025-03-30}
              twice: {kind: event, days: [Sun], time: "01:30-01:45", from: 2025-10-26, until: 2025-10-26}
            """
        )
    )
    by_meeting = {o.meeting: o for o in schedule.occurrences}

    def utc(occurrence: Occurrence) -> tuple[dt.datetime, dt.datetime]:
        assert occurrence.start is not None
        assert occurrence.end is not None
        return occurrence.start.astimezone(dt.UTC), occurrence.end.astimezone(dt.UTC)

    # A skipped 01:30 takes the offset before the gap (RFC 5545 3.3.5): 01:30Z, an hour after 00:30Z.
    assert utc(by_meeting["crossing"]) == (
        dt.datetime(2025, 3, 30, 0, 30, tzinfo=dt.UTC),
        dt.datetime(2025, 3, 30, 1, 30, tzinfo=dt.UTC),
    )
    # Wholly inside the gap: both ends take the offset before it, so it keeps its half hour.
    assert utc(by_meeting["inside"]) == (
        dt.datetime(2025, 3, 30, 1, 15, tzinfo=dt.UTC),
        dt.datetime(2025, 3, 30, 1, 45, tzinfo=dt.UTC),
    )
    # Skipped start, real end: 01:30 reads as 01:30Z but 02:00 BST is 01:00Z. It would end
    # before it starts, so it becomes a moment, with a warning at the meeting's line.
    start, end = utc(by_meeting["reversed"])
    assert start == end == dt.datetime(2025, 3, 30, 1, 30, tzinfo=dt.UTC)
    # Every skipped time is said at its meeting's line, with the time a calendar app shows instead;
    # the reversed one also says it has no real duration.
    gap = [(d.location.line, d.message) for d in schedule.diagnostics if d.subtype is Subtype.RANGE]
    assert [line for line, _ in gap] == [3, 4, 4, 5, 5]
    assert "skip 01:30 (daylight saving begins); it is read as 02:30" in gap[0][1]
    assert "skip 01:15 (daylight saving begins); it is read as 02:15" in gap[1][1]
    assert "skip 01:45 (daylight saving begins); it is read as 02:45" in gap[2][1]
    assert "skip the time 01:30-02:00 (daylight saving begins), so this item has no real duration" in gap[4][1]
    # A repeated 01:30 is its first occurrence (BST, UTC+1).
    assert utc(by_meeting["twice"])[0] == dt.datetime(2025, 10, 26, 0, 30, tzinfo=dt.UTC)


def test_queries() -> None:
    schedule = load_schedule(SEED_003_SCHEDULE)
    # korthikanti2022 is assigned in Class 10 and presented in Class 24.
    assignments = schedule.assignments("korthikanti2022")
    assert [a.session.number for a in assignments] == [10, 24]
    assert assignments[1].reading.presenters == ("SB",)
    assert schedule.assignments("no-such-paper") == ()
    october = schedule.select(first=D(2025, 10, 1), last=D(2025, 10, 31), kinds=["lecture"])
    assert [o.date.day for o in october] == [2, 7, 9, 16, 21, 23, 28, 30]
    assert schedule.week_of(D(2025, 9, 2)) == 1
    session = schedule.session("kde")
    assert session is not None
    assert session.number == 12
    assert schedule.select(units=["presentations"])[0].date == D(2025, 11, 11)
