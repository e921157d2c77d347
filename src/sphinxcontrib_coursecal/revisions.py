"""Revisions: each event's SEQUENCE, DTSTAMP and LAST-MODIFIED, against the feed as published.

Pure: reads two iCalendar feeds (bytes) and compares them event by event;
imports no Sphinx and fetches nothing. What subscribers have is the feed as it
was published, so that is the state a new feed is compared with:

* an event whose time, place, status or text (what a subscriber sees:
  :data:`SEEN`) is as published keeps the published SEQUENCE, DTSTAMP and
  LAST-MODIFIED, so a rebuild that changes nothing writes the same bytes;
* a changed event gets the published SEQUENCE + 1, and DTSTAMP and
  LAST-MODIFIED of this build (RFC 5545 3.8.7.4: SEQUENCE rises with each
  revision; clients such as Google Calendar ignore an update whose SEQUENCE
  did not rise);
* a new event starts at 0, or above the SEQUENCE it had when it was last
  published, if it was published before and removed (``retired``).

Values are compared as a client reads them: instants in UTC, an all-day
event's dates, text unescaped. So a feed from another build, another version
of this extension, or an edit that only reorders the schedule file compares
equal wherever the events are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields

import icalendar

UTC = dt.UTC

# What a subscriber sees of an event: a change to any of these is a revision.
SEEN = ("start", "end", "location", "status", "summary", "description", "url")

# What a change is, from what changed; the first that applies names it.
ADDED, REMOVED = "added", "removed"
CANCELLED, REINSTATED = "cancelled", "reinstated"
MOVED, RELOCATED, RENAMED, UPDATED = "moved", "relocated", "renamed", "updated"
KINDS_OF_CHANGE = (ADDED, REMOVED, CANCELLED, REINSTATED, MOVED, RELOCATED, RENAMED, UPDATED)


@dataclass(frozen=True)
class Snapshot:
    """An event as a subscriber's calendar shows it."""

    start: str  # "2025-10-01T17:00:00Z" (UTC), or "2025-10-01" for an all-day event
    end: str  # exclusive for an all-day event; equal to start for a moment
    location: str = ""
    status: str = ""  # "CANCELLED", or ""
    summary: str = ""
    description: str = ""
    url: str = ""

    @property
    def all_day(self) -> bool:
        return "T" not in self.start

    def differences(self, other: Snapshot) -> tuple[str, ...]:
        return tuple(name for name in SEEN if getattr(self, name) != getattr(other, name))

    def to_json(self) -> dict[str, str]:
        """What a change list shows: not the description (long, and only ever compared)."""
        return {key: value for key, value in asdict(self).items() if value and key != "description"}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Snapshot:
        known = {field.name for field in fields(cls)}
        if not isinstance(data.get("start"), str) or not isinstance(data.get("end"), str):
            raise ValueError("a snapshot needs a start and an end")
        return cls(**{key: str(value) for key, value in data.items() if key in known})


@dataclass(frozen=True)
class Revision:
    """What a feed writes for one event: its SEQUENCE, DTSTAMP and LAST-MODIFIED."""

    sequence: int
    stamp: dt.datetime
    modified: dt.datetime


@dataclass(frozen=True)
class Published:
    """One event of a feed: what it shows, and its revision."""

    snapshot: Snapshot
    revision: Revision


@dataclass(frozen=True)
class Change:
    """One event that differs from the published feed, and how."""

    uid: str
    what: str  # one of KINDS_OF_CHANGE
    changed: tuple[str, ...]  # the fields of SEEN that differ (all of them for an added or removed event)
    before: Snapshot | None
    after: Snapshot | None

    @property
    def shown(self) -> Snapshot:
        """The event as it is now, or as it was if it is gone."""
        found = self.after or self.before
        assert found is not None
        return found

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"uid": self.uid, "what": self.what, "changed": list(self.changed)}
        if self.before is not None:
            data["before"] = self.before.to_json()
        if self.after is not None:
            data["after"] = self.after.to_json()
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Change:
        uid, what, changed = data.get("uid"), data.get("what"), data.get("changed", [])
        if not isinstance(uid, str) or what not in KINDS_OF_CHANGE or not isinstance(changed, list):
            raise ValueError(f"not a change: {data!r}")
        before, after = data.get("before"), data.get("after")
        return cls(
            uid,
            str(what),
            tuple(str(name) for name in changed),
            Snapshot.from_json(before) if isinstance(before, Mapping) else None,
            Snapshot.from_json(after) if isinstance(after, Mapping) else None,
        )


# -- reading a feed ----------------------------------------------------------------------


def _instant(value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:  # floating: the same wall-clock time everywhere
            return value.strftime("%Y-%m-%dT%H:%M:%S")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _text(event: icalendar.cal.Component, name: str) -> str:
    value = event.get(name)
    if value is None:
        return ""
    if isinstance(value, list):  # a property given twice: read as the client's first
        value = value[0]
    return str(value).replace("\r\n", "\n").strip()


def _moment(event: icalendar.cal.Component, name: str) -> dt.datetime | None:
    try:
        value = event.decoded(name)
    except KeyError:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return None


def snapshot(event: icalendar.cal.Component) -> Snapshot:
    """An event as a client reads it (RFC 5545 3.6.1: the end from DTEND, DURATION or the start)."""
    start = event.decoded("dtstart")
    if "DTEND" in event:
        end = event.decoded("dtend")
    elif "DURATION" in event:
        end = start + event.decoded("duration")
    elif isinstance(start, dt.datetime):
        end = start
    else:
        end = start + dt.timedelta(days=1)
    return Snapshot(
        start=_instant(start),
        end=_instant(end),
        location=_text(event, "LOCATION"),
        status=_text(event, "STATUS").upper(),
        summary=_text(event, "SUMMARY"),
        description=_text(event, "DESCRIPTION"),
        url=_text(event, "URL"),
    )


def read_feed(raw: bytes, domain: str | None = None) -> dict[str, Published]:
    """Every event of a feed by UID; with ``domain``, only UIDs ending ``@<domain>``.

    Raises ValueError when the bytes are not an iCalendar feed.
    """
    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except Exception as error:  # icalendar raises ValueError, and worse on garbage
        raise ValueError(f"not an iCalendar feed ({error})") from error
    if not isinstance(calendar, icalendar.Calendar):
        raise ValueError("not an iCalendar feed")
    return read_calendar(calendar, domain)


def read_calendar(calendar: icalendar.Calendar, domain: str | None = None) -> dict[str, Published]:
    """Every event of a calendar (parsed, or as built: both read alike) by UID."""
    found: dict[str, Published] = {}
    for event in calendar.walk("VEVENT"):
        uid = _text(event, "UID")
        if not uid or (domain is not None and not uid.endswith(f"@{domain}")):
            continue
        try:
            shown = snapshot(event)
            sequence = int(event.get("SEQUENCE", 0))
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"the event {uid} cannot be read ({error})") from error
        stamp = _moment(event, "DTSTAMP") or dt.datetime(1970, 1, 1, tzinfo=UTC)
        modified = _moment(event, "LAST-MODIFIED") or stamp
        found[uid] = Published(shown, Revision(sequence, stamp, modified))
    return found


# -- comparing ---------------------------------------------------------------------------------


def what_changed(changed: tuple[str, ...], after: Snapshot) -> str:
    if "status" in changed:
        return CANCELLED if after.status == "CANCELLED" else REINSTATED
    if "start" in changed or "end" in changed:
        return MOVED
    if "location" in changed:
        return RELOCATED
    if "summary" in changed:
        return RENAMED
    return UPDATED


def revise(
    previous: Mapping[str, Published] | None,
    current: Mapping[str, Published],
    now: dt.datetime,
    retired: Mapping[str, int] | None = None,
) -> tuple[dict[str, Revision], list[Change]]:
    """Each current event's revision, and what changed since ``previous``.

    ``current`` is the new feed as written without history (its revisions are
    the stateless rule's). Without ``previous`` (a first publication, or the
    published feed could not be read) those revisions stand, raised above
    any ``retired`` SEQUENCE, and nothing is reported as changed.
    ``retired``: the last published SEQUENCE of events since removed.
    """
    retired = retired or {}
    revisions: dict[str, Revision] = {}
    changes: list[Change] = []
    if previous is None:
        for uid, event in current.items():
            floor = retired.get(uid, -1) + 1
            revision = event.revision
            revisions[uid] = Revision(max(revision.sequence, floor), revision.stamp, revision.modified)
        return revisions, changes
    for uid, event in current.items():
        before = previous.get(uid)
        if before is None:
            revisions[uid] = Revision(retired.get(uid, -1) + 1, now, now)
            changes.append(Change(uid, ADDED, SEEN, None, event.snapshot))
            continue
        changed = before.snapshot.differences(event.snapshot)
        if not changed:
            revisions[uid] = before.revision
            continue
        revisions[uid] = Revision(before.revision.sequence + 1, now, now)
        changes.append(Change(uid, what_changed(changed, event.snapshot), changed, before.snapshot, event.snapshot))
    for uid, before in previous.items():
        if uid not in current:
            changes.append(Change(uid, REMOVED, SEEN, before.snapshot, None))
    changes.sort(key=lambda change: (change.shown.start, change.uid))
    return revisions, changes


def retire(
    previous: Mapping[str, Published] | None, current: Mapping[str, object], retired: Mapping[str, int]
) -> dict[str, int]:
    """The SEQUENCE of each event no longer in the feed, so one that comes back never goes below it."""
    result = {uid: sequence for uid, sequence in retired.items() if uid not in current}
    for uid, event in (previous or {}).items():
        if uid not in current:
            result[uid] = max(result.get(uid, -1), event.revision.sequence)
    return dict(sorted(result.items()))
