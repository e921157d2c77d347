"""A course's many calendar files from one build, each event serialised by icalendar once.

Pure, like ``ics.py``: imports no Sphinx. A build writes every event into the
whole-course feed, its kind's and its section's feeds and its own one-event
file; serialising it (and the course's VTIMEZONE) again for each was most of a
large course's build time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, MutableMapping

import icalendar

from .engine import Occurrence, Schedule, collector_paused
from .ics import DEFAULT_REFRESH, Feed, UrlFor, calendar_head, chosen, dtstamp, restamp, sequence, uid, vevent
from .labels import Labels
from .revisions import Revision
from .timezones import vtimezone

_END = b"END:VCALENDAR\r\n"


class CalendarFiles:
    """The bytes of a course's many files (its feeds, one file per event), each event serialised once.

    A build writes every event into the whole-course feed, its kind's and its
    section's feeds and its own one-event file: icalendar serialises it (and the
    course's VTIMEZONE) once here, and each file is the bytes of its calendar's
    properties with its components' bytes inside, as ``Calendar.to_ical`` writes
    them. The keyword arguments are :func:`build_calendar`'s, the same for every file.

    ``built``: events by UID as ``build_calendar`` with these options and no
    ``revisions`` made them (to compare the course with its last publication):
    each is given its revision and written, not built again. They are taken out
    of the mapping as they are used, and changed.
    """

    def __init__(
        self,
        schedule: Schedule,
        *,
        stamp: dt.datetime | None = None,
        url_for: UrlFor | None = None,
        refresh: dt.timedelta = DEFAULT_REFRESH,
        labels: Labels | None = None,
        revisions: Mapping[str, Revision] | None = None,
        empty_slots: str = "title",
        site: str = "",
        built: MutableMapping[str, icalendar.Event] | None = None,
    ) -> None:
        self.schedule = schedule
        self.built = built if built is not None else {}
        self.stamp = stamp or dtstamp(schedule)
        self.url_for, self.refresh, self.labels = url_for, refresh, labels or Labels()
        self.revisions = revisions or {}
        self.empty_slots, self.site = empty_slots, site
        self._events: dict[int, tuple[Occurrence, bytes]] = {}  # by id(): kept alive here
        self._zone: bytes | None = None
        self._heads: dict[tuple[Feed | None, bool], bytes] = {}

    def to_ical(
        self, *, feed: Feed | None = None, occurrences: Iterable[Occurrence] | None = None, subscription: bool = True
    ) -> bytes:
        """What ``build_calendar(schedule, feed=…, occurrences=…, subscription=…, **options).to_ical()`` is."""
        schedule, course = self.schedule, self.schedule.course
        if (feed, subscription) not in self._heads:
            calendar = calendar_head(schedule, feed, subscription, self.refresh, self.site)
            self._heads[feed, subscription] = calendar.to_ical()
        head = self._heads[feed, subscription]
        if course is None:
            return head
        assert head.endswith(_END)
        if self._zone is None:
            self._zone = vtimezone(course.timezone, course.start, course.end).to_ical()
        parts = [head[: -len(_END)], self._zone]
        with collector_paused():
            for occurrence in chosen(schedule, feed, occurrences, self.empty_slots):
                parts.append(self._event_bytes(occurrence))
        parts.append(_END)
        return b"".join(parts)

    def _event_bytes(self, occurrence: Occurrence) -> bytes:
        known = self._events.get(id(occurrence))
        if known is None:  # the occurrence is kept with its bytes, so its id() is never another's
            key = uid(self.schedule, occurrence)
            revision = self.revisions.get(key) or Revision(sequence(occurrence), self.stamp, self.stamp)
            event = self.built.pop(key, None)
            if event is None:
                event = vevent(self.schedule, occurrence, self.stamp, self.url_for, self.labels, revision)
            else:
                restamp(event, revision)
            known = self._events[id(occurrence)] = (occurrence, event.to_ical())
        return known[1]


def events_by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    """A calendar's events by UID (its VTIMEZONE left out): what ``CalendarFiles`` takes as built."""
    return {str(event["UID"]): event for event in calendar.subcomponents if isinstance(event, icalendar.Event)}
