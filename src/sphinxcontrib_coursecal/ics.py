"""The course as iCalendar feeds, written with icalendar.

Pure: reads a :class:`~sphinxcontrib_coursecal.engine.Schedule`, imports no
Sphinx. What real clients need, and why:

* UIDs come from ids (session, meeting + date, deadline) and the course id,
  never from position, so a snow day moves events in subscribers' calendars
  instead of duplicating them.
* SEQUENCE, DTSTAMP and LAST-MODIFIED come from comparing the feed with
  the one published before (``revisions.py``; the Sphinx layer fetches it),
  given here as ``revisions``. Without them, the stateless rule: SEQUENCE
  counts the documented changes from the original plan (slots a closure or
  swap moved a session, an explicit change, a moved due date, a
  cancellation), and DTSTAMP and LAST-MODIFIED come from SOURCE_DATE_EPOCH or
  the schedule's modification time, so two builds of one schedule are
  byte-identical.
* The VTIMEZONE (``timezones.py``) is written with yearly RRULEs derived from
  zoneinfo's actual transitions.
* A meeting slot without a session is titled once ("BIO 210 Lecture", not
  "BIO 210 Lecture: Lecture"), or left out (``empty_slots="omit"``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import icalendar

from . import __version__
from .engine import Occurrence, Role, Schedule, collector_paused, slugify
from .history import History, Revised, next_publication
from .ics_values import Text, categories, css_color_name, shared
from .labels import GUEST_LECTURE, LINK_TBA, MATERIALS, OPTIONAL, PRESENTED_BY, READINGS, TBA, Labels
from .revisions import Revision
from .timezones import vtimezone

PRODID = f"-//sphinxcontrib-coursecal//{__version__}//EN"
DEFAULT_REFRESH = dt.timedelta(hours=12)

UrlFor = Callable[[Occurrence], str | None]
EMPTY_SLOTS = ("title", "omit")  # what a feed does with a meeting slot no session took


@dataclass(frozen=True)
class Feed:
    """One .ics file: the whole course, some kinds of it, or one section."""

    filename: str
    title: str
    kinds: frozenset[str] | None = None
    section: str | None = None

    def keeps(self, occurrence: Occurrence) -> bool:
        if self.kinds is not None and occurrence.kind not in self.kinds:
            return False
        return self.section is None or occurrence.section in ("", self.section)


def course_name(schedule: Schedule) -> str:
    return schedule.course.name if schedule.course is not None else "Course"


def feeds(
    schedule: Schedule,
    *,
    kind_feeds: dict[str, list[str]] | None = None,
    sections: bool = True,
    filename: str = "{course}.ics",
    labels: Labels | None = None,
) -> list[Feed]:
    """The course's feeds: everything; one per named group of kinds; one per section (titled in ``labels``)."""
    labels = labels or Labels()
    course = schedule.course
    if course is None:
        return []
    base = filename.format(course=course.id)
    stem = base.removesuffix(".ics")
    name = course_name(schedule)
    result = [Feed(base, name)]
    for feed_name, kinds in (kind_feeds or {}).items():
        if any(o.kind in kinds for o in schedule.occurrences):
            title = labels.feed(feed_name)  # "office-hours" -> "Office hours"
            result.append(Feed(f"{stem}-{feed_name}.ics", f"{name}: {title}", kinds=frozenset(kinds)))
    if sections:
        for section in sorted({m.section for m in schedule.meetings.values() if m.section}):
            # "Mon/Wed" or "Tue Thu" must become a file name and a URL: a slug.
            title = labels.section_feed(name, section)
            result.append(Feed(f"{stem}-section-{slugify(section)}.ics", title, section=section))
    return result


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH (reproducible builds), when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC) if epoch.isdigit() else None


def build_time() -> dt.datetime:
    """When a change is published: SOURCE_DATE_EPOCH when set, else now (UTC, whole seconds)."""
    return source_date_epoch() or dt.datetime.now(dt.UTC).replace(microsecond=0)


def dtstamp(schedule: Schedule) -> dt.datetime:
    """The stateless DTSTAMP: SOURCE_DATE_EPOCH when set, else the newest of the schedule's files."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    times = []
    for path in schedule.dependencies:
        with contextlib.suppress(OSError):  # a schedule given as text has no file
            times.append(Path(path).stat().st_mtime)
    seconds = int(max(times, default=0))
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


# -- events ------------------------------------------------------------------------------


def sequence(occurrence: Occurrence) -> int:
    """How many documented changes separate this event from the original plan."""
    changes = int(occurrence.changed) + int(occurrence.cancelled)
    if occurrence.session is not None:
        changes += abs(occurrence.session.moved)  # later (closures) or earlier (a swap day gained)
    if occurrence.role is Role.DUE and occurrence.deadline is not None and occurrence.deadline.was is not None:
        changes += 1
    return changes


def description(schedule: Schedule, occurrence: Occurrence, url: str | None, labels: Labels) -> str:
    """Topic, people, readings with links, materials and notes, as plain text."""
    lines: list[str] = []
    session = occurrence.session
    if session is not None:
        spec = session.spec
        if session.number is not None:
            lines.append(f"{labels.class_number(session.number)}: {spec.title}")
        else:
            lines.append(spec.title)
        names = schedule.names(spec.guests)
        if names:
            lines.append(f"{labels(GUEST_LECTURE)}: " + ", ".join(names))
        if spec.description:
            lines.append(spec.description)
        if spec.readings:
            lines.append(f"{labels(READINGS)}:")
            for reading in spec.readings:
                paper = schedule.papers.get(reading.paper or "")
                label = reading.label or (labels(OPTIONAL) if reading.optional else "")
                name = reading.text or (paper.label if paper else reading.title)
                if reading.section:
                    name += f" {reading.section}"  # "CIT 9.5"
                text = f"{label}: {name}" if label else name
                if paper is not None and paper.title != name:
                    text += f" \u2014 {paper.title}"
                if reading.pages:
                    text += f", {labels.pages(reading.pages)}"
                if reading.note:
                    text += f" ({reading.note})"
                if reading.presenters:
                    who = schedule.names(reading.presenters)
                    text += f" \u2014 {labels(PRESENTED_BY)} " + ", ".join(who)
                link = reading.url or (paper.url if paper is not None else None)  # a deep link first
                tba = f" ({labels(LINK_TBA)})" if not link and paper is None else ""
                lines.append(f"- {text}" + (f" <{link}>" if link else tba))
        if session.links:  # its own section's, with those for every section
            lines.append(f"{labels(MATERIALS)}:")
            lines.extend(f"- {item.label}: {item.url or labels(TBA)}" for item in session.links)
    if occurrence.notes:
        lines.append(occurrence.notes)
    if occurrence.deadline is not None and occurrence.deadline.url:
        lines.append(occurrence.deadline.url)
    closure = occurrence.closure
    if closure is not None:
        lines.extend(text for text in (closure.description, closure.url) if text)
    if url:
        lines.append(url)
    return "\n".join(lines)


def summary(schedule: Schedule, occurrence: Occurrence, labels: Labels | None = None) -> str:
    """ "CSE 599o Lecture: ML frameworks"; "BIO 210 Lecture" for an item titled as its kind."""
    labels = labels or Labels()
    course = schedule.course
    label = schedule.kind(occurrence.kind).label
    prefix = " ".join(part for part in ((course.code if course else ""), labels.said(label)) if part)
    # A lecture slot the plan did not fill is titled "Lecture", its kind's label: said once.
    if occurrence.title.strip().casefold() in ("", label.casefold()):
        return prefix
    return f"{prefix}: {labels.said(occurrence.title)}"


def empty_slot(schedule: Schedule, occurrence: Occurrence) -> bool:
    """A slot of a meeting that takes a lecture plan, but no session: the plan ran out, or skipped it."""
    if occurrence.role is not Role.MEETING:
        return False
    meeting = schedule.meetings.get(occurrence.meeting)
    return meeting is not None and meeting.plan is not None


def calendar_description(schedule: Schedule, site: str = "") -> str:
    """X-WR-CALDESC: the course in words, and where its site is."""
    course = schedule.course
    if course is None:
        return ""
    words = course.name + (f": {course.title}" if course.title else "")
    if course.institution:
        words += f", {course.institution}"
    return f"{words}. {site}" if site else words


def uid(schedule: Schedule, occurrence: Occurrence) -> str:
    """The event's UID: the engine's stable id, qualified by the course."""
    assert schedule.course is not None
    return f"{occurrence.uid}@{schedule.course.id}.coursecal"


def vevent(
    schedule: Schedule,
    occurrence: Occurrence,
    stamp: dt.datetime,
    url_for: UrlFor | None,
    labels: Labels,
    revision: Revision | None = None,
) -> icalendar.Event:
    """One event; ``revision`` (from comparing with the published feed) or the stateless rule.

    Each property is made as ``Component.add`` makes it for its name and value (a UID is
    TEXT, a URL a URI, a date or moment vDDDTypes, VALUE=DATE for a date), and set
    directly: ``add`` works the type out again for each of 50,000 properties of a large
    course's feed.
    """
    event = icalendar.Event()
    event["uid"] = icalendar.vText(uid(schedule, occurrence))
    restamp(event, revision or Revision(sequence(occurrence), stamp, stamp))
    event["summary"] = Text(summary(schedule, occurrence, labels))
    if occurrence.start is None:
        event["dtstart"] = icalendar.vDDDTypes(occurrence.date)
        event["dtend"] = icalendar.vDDDTypes(occurrence.last + dt.timedelta(days=1))  # a DATE end is exclusive
        event["transp"] = shared("transp", "TRANSPARENT")
    elif occurrence.end is None or occurrence.end == occurrence.start:
        event["dtstart"] = icalendar.vDDDTypes(occurrence.start)
        event["duration"] = shared("duration", dt.timedelta(0))  # a moment: khal shows DTEND == DTSTART as an hour
    else:
        event["dtstart"] = icalendar.vDDDTypes(occurrence.start)
        event["dtend"] = icalendar.vDDDTypes(occurrence.end)
    if occurrence.location:
        event["location"] = shared("location", Text(occurrence.location))
    url = url_for(occurrence) if url_for is not None else None
    text = description(schedule, occurrence, url, labels)
    if text:
        event["description"] = Text(text)
    if url:
        event["url"] = icalendar.vUri(url)
    kind = schedule.kind(occurrence.kind)
    event["categories"] = categories(labels.said(kind.label))
    color = css_color_name(kind.color)
    if color:
        event["color"] = shared("color", color)
    if occurrence.cancelled:
        event["status"] = shared("status", "CANCELLED")
    return event


def restamp(event: icalendar.Event, revision: Revision) -> None:
    """``event`` with ``revision``'s DTSTAMP, LAST-MODIFIED and SEQUENCE instead of any it had
    (icalendar writes properties in one order, whatever the order they were set in)."""
    stamps: dict[str, dt.datetime | int] = {
        "dtstamp": revision.stamp,
        "last-modified": revision.modified,
        "sequence": revision.sequence,
    }
    for name, value in stamps.items():
        event[name] = shared(name, value)  # replaces any it had


def build_calendar(
    schedule: Schedule,
    *,
    feed: Feed | None = None,
    stamp: dt.datetime | None = None,
    url_for: UrlFor | None = None,
    refresh: dt.timedelta = DEFAULT_REFRESH,
    occurrences: Iterable[Occurrence] | None = None,
    subscription: bool = True,
    labels: Labels | None = None,
    revisions: Mapping[str, Revision] | None = None,
    empty_slots: str = "title",
    site: str = "",
) -> icalendar.Calendar:
    """One feed of the course; by default every occurrence.

    ``subscription=False`` is a one-off file (one event to add), without the
    calendar name and refresh hints a subscribed feed carries. ``revisions``
    by UID (``history.next_publication``); events without one follow the
    stateless rule. ``site``: the published site's address, for X-WR-CALDESC.
    """
    calendar = calendar_head(schedule, feed, subscription, refresh, site)
    course = schedule.course
    if course is None:
        return calendar
    calendar.add_component(vtimezone(course.timezone, course.start, course.end))
    moment = stamp or dtstamp(schedule)
    known = revisions or {}
    with collector_paused():
        for occurrence in chosen(schedule, feed, occurrences, empty_slots):
            revision = known.get(uid(schedule, occurrence))
            calendar.add_component(vevent(schedule, occurrence, moment, url_for, labels or Labels(), revision))
    return calendar


def calendar_bytes(calendar: icalendar.Calendar) -> bytes:
    """``calendar.to_ical()``, with the cycle collector paused while its content lines are made."""
    with collector_paused():
        data: bytes = calendar.to_ical()
    return data


def calendar_head(
    schedule: Schedule, feed: Feed | None, subscription: bool, refresh: dt.timedelta, site: str
) -> icalendar.Calendar:
    """The VCALENDAR's own properties, without its components."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    course = schedule.course
    if course is not None and subscription:
        name = feed.title if feed is not None else course_name(schedule)
        calendar.add("name", Text(name))
        calendar.add("x-wr-calname", Text(name))
        calendar.add("x-wr-caldesc", Text(calendar_description(schedule, site)))
        calendar.add("x-wr-timezone", course.timezone)
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        # icalendar does not know X-PUBLISHED-TTL, so its type must be said: a DURATION.
        calendar.add("x-published-ttl", icalendar.vDuration(refresh))
    return calendar


def chosen(
    schedule: Schedule, feed: Feed | None, occurrences: Iterable[Occurrence] | None, empty_slots: str
) -> list[Occurrence]:
    """The occurrences a calendar holds: those given (by default all), those ``feed`` keeps, and
    no empty slot when ``empty_slots`` says to omit them."""
    found = list(occurrences if occurrences is not None else schedule.occurrences)
    if feed is not None:
        found = [o for o in found if feed.keeps(o)]
    if empty_slots == "omit":
        found = [o for o in found if not empty_slot(schedule, o)]
    return found


def revise(
    schedule: Schedule,
    previous: bytes | None,
    history: History | None = None,
    now: dt.datetime | None = None,
    *,
    current: icalendar.Calendar | None = None,
    **options: object,
) -> Revised:
    """The course's revisions against ``previous``, the whole feed as published (None: unknown).

    ``options`` are those of :func:`build_calendar` that shape what an event
    shows (``url_for``, ``labels``, ``empty_slots``, ``site``): the same the
    feeds are then written with. ``current`` is ``build_calendar(schedule,
    **options)`` when the caller has built it (to keep its events). Raises
    ValueError when ``previous`` is not this course's feed.
    """
    assert schedule.course is not None
    if current is None:
        current = build_calendar(schedule, **options)  # type: ignore[arg-type]
    return next_publication(current, previous, history, now or build_time(), schedule.course.id)
