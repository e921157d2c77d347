"""The course as an iCalendar feed, written with icalendar.

Pure: reads a :class:`~sphinxcontrib_coursecal.engine.Schedule`, imports no
Sphinx. UIDs come from the engine's stable occurrence ids and the course id,
so a closure that moves sessions changes their dates, never their UIDs.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import icalendar

from . import __version__
from .engine import Occurrence, Schedule

PRODID = f"-//sphinxcontrib-coursecal//{__version__}//EN"


def build_dtstamp(schedule: Schedule) -> dt.datetime:
    """DTSTAMP for reproducible output: SOURCE_DATE_EPOCH, else the file's mtime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        seconds = float(epoch)
    else:
        seconds = max(Path(path).stat().st_mtime for path in schedule.dependencies)
    return dt.datetime.fromtimestamp(int(seconds), tz=dt.UTC)


def summary(schedule: Schedule, occurrence: Occurrence) -> str:
    """ "CSE 599o Lecture: ML frameworks"."""
    course = schedule.course
    prefix = " ".join(part for part in ((course.code if course else ""), schedule.kind(occurrence.kind).label) if part)
    return f"{prefix}: {occurrence.title}"


def build_calendar(schedule: Schedule, *, dtstamp: dt.datetime | None = None) -> icalendar.Calendar:
    """Every placed occurrence as a VEVENT; times carry the course zone's TZID."""
    course = schedule.course
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if course is None:
        return calendar
    name = " ".join(part for part in (course.code or course.id, course.term) if part)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", course.timezone)
    stamp = dtstamp or build_dtstamp(schedule)
    for occurrence in schedule.occurrences:
        event = icalendar.Event()
        event.add("uid", f"{occurrence.uid}@{course.id}.coursecal")
        event.add("dtstamp", stamp)
        event.add("summary", summary(schedule, occurrence))
        if occurrence.start is None:
            event.add("dtstart", occurrence.date)
            event.add("dtend", occurrence.last + dt.timedelta(days=1))  # DATE end is exclusive
        elif occurrence.end is None or occurrence.end == occurrence.start:
            event.add("dtstart", occurrence.start)
            event.add("duration", dt.timedelta(0))  # a moment, not an hour
        else:
            event.add("dtstart", occurrence.start)
            event.add("dtend", occurrence.end)
        if occurrence.location:
            event.add("location", occurrence.location)
        event.add("categories", [schedule.kind(occurrence.kind).label])
        if occurrence.cancelled:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def write_calendar(schedule: Schedule, target: str | Path) -> None:
    Path(target).write_bytes(build_calendar(schedule).to_ical())
