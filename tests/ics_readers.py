"""Independent readers of .ics feeds, for the ICS tests.

Each reader turns a feed into the same plain :class:`Event` records, so the
tests compare what different consumers make of one file: recurring-ical-events
(on icalendar), vobject (with ``validate=True``), Home Assistant's ``ical``,
and npm ``ical.js`` (Thunderbird's parser) run under node.

Instants are text: ``"2025-10-31T17:00:00Z"`` for a timed value (converted
to UTC by the reader itself) and ``"2025-11-11"`` for an all-day one (its end
exclusive, as in the file). A reader that hands back a time without a zone
(a floating time: it lost the event's TZID) fails the test instead of being
read in the machine's local zone.

``zone_only`` renames the course's TZID to a name no zone database knows and
drops X-WR-TIMEZONE, so a reader can only get offsets from the feed's own
VTIMEZONE: recurring-ical-events and vobject otherwise look an IANA name up in
their own zone data and would never read the VTIMEZONE we write.

``engine_events`` is what the readers are compared with: the engine's own
placements, in the same form.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

import icalendar
import recurring_ical_events
import vobject
from vobject.icalendar import registerTzid

from sphinxcontrib_coursecal.engine import Schedule

NODE_DIR = Path(__file__).resolve().parent / "node"
READ_ICS = NODE_DIR / "read_ics.mjs"
# Far from UTC and from every course zone here: ical.js falling back to the
# machine's zone anywhere would show at once.
NODE_TZ = "Pacific/Kiritimati"
UTC = dt.UTC


class Event(NamedTuple):
    uid: str
    summary: str
    location: str
    status: str
    start: str
    end: str

    @property
    def all_day(self) -> bool:
        return "T" not in self.start


def instant(value: dt.datetime | dt.date) -> str:
    """A reader's start or end as text: UTC for a time, ISO for a date."""
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, f"the reader gave a floating time {value}: it lost the zone"
        assert value.utcoffset() is not None, f"the reader gave a time whose zone has no offset: {value!r}"
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def parse_instant(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def engine_events(schedule: Schedule) -> dict[str, tuple[str, str]]:
    """What the engine placed: UTC start and end, or the dates of an all-day item (its end exclusive)."""
    expected = {}
    for occurrence in schedule.occurrences:
        if occurrence.start is None:
            expected[occurrence.uid] = (
                occurrence.date.isoformat(),
                (occurrence.last + dt.timedelta(days=1)).isoformat(),
            )
        else:
            expected[occurrence.uid] = (instant(occurrence.start), instant(occurrence.end or occurrence.start))
    return expected


def unfold(text: str) -> str:
    """RFC 5545 3.1: a CRLF followed by one space or tab is removed."""
    return re.sub(r"\r\n[ \t]", "", text)


def zone_only(text: str, tzid: str, alias: str) -> str:
    """The feed with ``tzid`` renamed to ``alias`` everywhere and X-WR-TIMEZONE left out (unfolded)."""
    lines = unfold(text).replace(tzid, alias).split("\r\n")
    return "\r\n".join(line for line in lines if not line.upper().startswith("X-WR-TIMEZONE"))


def _text(value: object) -> str:
    return "" if value is None else str(value)


# -- the Python consumers ----------------------------------------------------------------


def read_recurring(text: str) -> list[Event]:
    """recurring-ical-events over icalendar: every event (and instance) between 1900 and 2200."""
    calendar = icalendar.Calendar.from_ical(text)
    events = []
    for event in recurring_ical_events.of(calendar).between(dt.date(1900, 1, 1), dt.date(2200, 1, 1)):
        start, end = event.DTSTART, event.end
        events.append(
            Event(
                _text(event.get("UID")),
                _text(event.get("SUMMARY")),
                _text(event.get("LOCATION")),
                _text(event.get("STATUS")),
                instant(start),
                instant(end),
            )
        )
    return events


def read_vobject(text: str, register: str | None = None) -> list[Event]:
    """vobject with validation; ``register``: make vobject use the feed's VTIMEZONE for this TZID.

    vobject registers a VTIMEZONE only if it differs from UTC in 2000-2020
    (a heuristic), so a VTIMEZONE that starts later, like ours, can be
    ignored; registering it by hand makes vobject read it with its own
    VTIMEZONE parser (dateutil's tzical).
    """
    calendar = vobject.readOne(text, validate=True)
    if register is not None:
        zones = [zone for zone in calendar.vtimezone_list if zone.tzid.value == register]
        assert len(zones) == 1, f"no single VTIMEZONE {register!r} in the feed"
        registerTzid(register, zones[0].gettzinfo())
        calendar = vobject.readOne(text, validate=True)
    events = []
    for event in getattr(calendar, "vevent_list", []):
        start = event.dtstart.value
        if hasattr(event, "dtend"):
            end = event.dtend.value
        elif hasattr(event, "duration"):
            end = start + event.duration.value
        else:
            end = start
        events.append(
            Event(
                event.uid.value,
                event.summary.value if hasattr(event, "summary") else "",
                event.location.value if hasattr(event, "location") else "",
                event.status.value if hasattr(event, "status") else "",
                instant(start),
                instant(end),
            )
        )
    return events


def read_ha_ical(text: str) -> list[Event]:
    """Home Assistant's ``ical`` package."""
    from ical.calendar_stream import IcsCalendarStream  # noqa: PLC0415 (pydantic: slow to import)

    calendar = IcsCalendarStream.calendar_from_ics(text)
    events = []
    for event in calendar.events:
        status = event.status.value if event.status is not None else ""
        events.append(
            Event(
                _text(event.uid),
                _text(event.summary),
                _text(event.location),
                _text(status),
                instant(event.dtstart),
                instant(event.end),
            )
        )
    return events


# -- ical.js under node --------------------------------------------------------------------


class NodeMissingError(RuntimeError):
    """node or npm is not installed: the ical.js tests cannot run (CI has both)."""


def install_icaljs() -> Path:
    """tests/node/node_modules with ical.js from the committed lockfile (``npm ci``) when missing."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        raise NodeMissingError(
            "node and npm are needed to test the feeds with ical.js (Thunderbird's parser); "
            "install Node.js (e.g. `apt-get install nodejs npm`) and run the tests again"
        )
    if not (NODE_DIR / "node_modules" / "ical.js" / "package.json").is_file():
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=NODE_DIR,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            raise NodeMissingError(f"`npm ci` in {NODE_DIR} failed:\n{result.stdout}\n{result.stderr}")
    return Path(node)


def read_icaljs(node: Path, paths: Iterable[Path]) -> dict[Path, list[Event]]:
    """Every file read by ical.js in one node process."""
    chosen = [Path(path).resolve() for path in paths]
    result = subprocess.run(
        [str(node), str(READ_ICS), *map(str, chosen)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "TZ": NODE_TZ},
    )
    assert result.returncode == 0, f"ical.js could not read the feed:\n{result.stderr}"
    found = json.loads(result.stdout)
    return {
        path: [
            Event(
                item["uid"],
                _text(item["summary"]),
                _text(item["location"]),
                _text(item["status"]),
                item["start"],
                item["end"],
            )
            for item in found[str(path)]
        ]
        for path in chosen
    }


# -- the raw lines, for tests that read a feed's properties themselves ----------------------

CONTENT_LINE = re.compile(r"^(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[^:]*)?):(?P<value>.*)$", re.DOTALL)


def content_lines(raw: bytes) -> list[str]:
    """The file's content lines, unfolded; the file must end with CRLF."""
    text = raw.decode("utf-8")
    assert text.endswith("\r\n")
    return unfold(text).split("\r\n")[:-1]


def components(raw: bytes, name: str) -> list[list[str]]:
    """The content lines of each component ``name`` (nested components' lines included)."""
    found: list[list[str]] = []
    current: list[str] | None = None
    for line in content_lines(raw):
        if line == f"BEGIN:{name}":
            current = []
        elif line == f"END:{name}":
            assert current is not None
            found.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return found


def props(lines: list[str], name: str) -> list[tuple[str, str]]:
    """(parameters, value) of each property ``name``: ``(";TZID=America/Los_Angeles", "20251001T100000")``."""
    found = []
    for line in lines:
        match = CONTENT_LINE.match(line)
        assert match is not None, line
        if match["name"].upper() == name:
            found.append((match["params"], match["value"]))
    return found


def one(lines: list[str], name: str) -> tuple[str, str]:
    found = props(lines, name)
    assert len(found) == 1, (name, found)
    return found[0]


def value(lines: list[str], name: str) -> str:
    return one(lines, name)[1]


def unescape(escaped: str) -> str:
    r"""RFC 5545 3.3.11 TEXT: ``\\`` ``\;`` ``\,`` ``\n`` back to what they stand for."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], escaped)


def text(lines: list[str], name: str) -> str:
    return unescape(value(lines, name))


def calendar_lines(raw: bytes) -> list[str]:
    """The VCALENDAR's own properties (outside every sub-component)."""
    result, depth = [], 0
    for line in content_lines(raw):
        if line.startswith("BEGIN:"):
            depth += 1
        elif line.startswith("END:"):
            depth -= 1
        elif depth == 1:
            result.append(line)
    return result


def events_by_uid(raw: bytes) -> dict[str, list[str]]:
    events = {value(event, "UID"): event for event in components(raw, "VEVENT")}
    assert len(events) == len(components(raw, "VEVENT")), "UIDs must be unique"
    return events


def stable_id(uid: str) -> str:
    """The part of a UID before "@": the engine's stable id of the occurrence."""
    return uid.split("@", 1)[0]


def by_title(raw: bytes, title: str) -> list[list[str]]:
    return [event for event in components(raw, "VEVENT") if text(event, "SUMMARY").endswith(f": {title}")]


def by_stable_id(events: list[Event], schedule: Schedule) -> dict[str, Event]:
    """Events by the part of the UID before "@" (the engine's stable id); the rest names the course."""
    assert schedule.course is not None
    found: dict[str, Event] = {}
    for event in events:
        stable, _, domain = event.uid.partition("@")
        assert schedule.course.id in domain, event.uid
        assert stable not in found, f"two events with UID {event.uid}"
        found[stable] = event
    return found


def resources(raw: bytes, keep: Callable[[str], bool] = lambda uid: True) -> list[str]:
    """One VCALENDAR per VEVENT of the feed, each with the feed's VTIMEZONE (folded lines kept as they are)."""
    text = raw.decode("utf-8")
    (zone,) = re.findall(r"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", text, re.DOTALL)
    head = text[: text.index("BEGIN:VTIMEZONE")]
    events = re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text, re.DOTALL)
    chosen = [event for event in events if keep(re.search(r"\r\nUID:([^@]*)@", unfold(event))[1])]  # type: ignore[index]
    return [f"{head}{zone}{event}END:VCALENDAR\r\n" for event in chosen]
