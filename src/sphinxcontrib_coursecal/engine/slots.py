"""A weekly meeting's slots: its pattern, minus closures and skips, plus swapped days.

A meeting's slots are the days of its weekly pattern, minus closures and
skips, plus the days a swap (``follows: Mon``) gives it, with per-date
changes applied. A changed or moved slot keeps the day its pattern gave it,
which names it in calendar feeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from .diagnostics import Diagnostic, Location, Severity, Subtype
from .model import Closure, MeetingSpec, week_begin
from .scalars import WEEKDAY_NAMES


@dataclass(frozen=True)
class Slot:
    """One occurrence of a weekly meeting."""

    meeting: MeetingSpec
    pattern_date: dt.date  # the day the weekly pattern gave; stable for UIDs
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    location: str
    title: str
    cancelled: bool = False
    changed: bool = False
    note: str = ""


def days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    for offset in range((last - first).days + 1):
        yield first + dt.timedelta(days=offset)


def covering(closures: list[Closure], day: dt.date) -> list[Closure]:
    return [closure for closure in closures if closure.first <= day <= closure.last]


def meeting_slots(
    meeting: MeetingSpec, closures: list[Closure], week_start: int, report: list[Diagnostic]
) -> list[Slot]:
    """Every occurrence of ``meeting``: its pattern, closures, swaps, skips and changes."""
    changes = dict(meeting.changes)
    skips = dict(meeting.skip)
    slots = []
    for day in days(meeting.first, meeting.last):
        weekday = day.weekday()
        cancelled = False
        for closure in covering(closures, day):
            if not closure.affects(meeting):
                continue
            if closure.follows is None:
                cancelled = True
            else:
                weekday = closure.follows  # a swap: this day runs another weekday's meetings
        if cancelled or not on_pattern(meeting, day, weekday, week_start):
            continue
        if skips.pop(day, None) is not None:
            continue
        change = changes.pop(day, None)
        (start, end), room = meeting.span_on(weekday), meeting.location_on(weekday)
        if change is None:
            slots.append(Slot(meeting, day, day, start, end, room, meeting.title))
            continue
        slots.append(
            Slot(
                meeting,
                pattern_date=day,
                date=change.date or day,
                start_time=change.start or start,
                end_time=change.end if change.start else (change.end or end),
                location=room if change.location is None else change.location,
                title=change.title or meeting.title,
                cancelled=change.cancelled,
                changed=True,
                note=change.note,
            )
        )
    names = ", ".join(WEEKDAY_NAMES[day] for day in meeting.days)
    pattern = f"{names}, {meeting.first} to {meeting.last}, closures applied"
    for day, change in changes.items():  # changes that matched no occurrence
        report.append(
            Diagnostic(
                Subtype.VALUE,
                f"the meeting {meeting.id!r} has a change on {day.isoformat()}, but it does not meet that day "
                f"({pattern}); use the date of an occurrence",
                change.source or meeting.source or Location("", 1, 1),
            )
        )
    for day, location in skips.items():  # skips that matched no occurrence
        report.append(
            Diagnostic(
                Subtype.VALUE,
                f"the meeting {meeting.id!r} skips {day.isoformat()}, but it does not meet that day ({pattern})",
                location,
                Severity.WARNING,
            )
        )
    slots.sort(key=lambda slot: (slot.date, slot.start_time or dt.time.min))
    return slots


def on_pattern(meeting: MeetingSpec, day: dt.date, weekday: int, week_start: int) -> bool:
    """Whether the weekly pattern meets on ``day`` as weekday ``weekday`` (a swap may change it)."""
    if weekday not in meeting.days:  # most days of a term, answered before the week's count
        return False
    if meeting.every == 1:
        return True
    weeks = (week_begin(day, week_start) - week_begin(meeting.first, week_start)).days // 7
    return weeks % meeting.every == 0


def pattern_days(meeting: MeetingSpec, week_start: int) -> list[dt.date]:
    """Every day of the meeting's weekly pattern, closures and changes ignored."""
    return [d for d in days(meeting.first, meeting.last) if on_pattern(meeting, d, d.weekday(), week_start)]
