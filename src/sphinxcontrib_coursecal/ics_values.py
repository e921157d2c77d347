"""The values a feed's events are written with: RFC 5545 text, RFC 7986 colors, and the
properties many events share.

A course's feed says a few things in every event: the DTSTAMP and LAST-MODIFIED (one moment
a build, without a published feed to compare with), the SEQUENCE (mostly 0), a kind's
CATEGORIES and COLOR, TRANSP and STATUS. icalendar's ``Component.add`` makes a new property
object, with its parameters, for each of them: at 10,000 events that was a third of building
the feed. icalendar never changes a property once a component holds it (writing a feed only
reads it), so one object can sit in every event that says the same thing.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import icalendar
import webcolors


class Text(icalendar.vText):
    """A TEXT value escaped as RFC 5545 (3.3.11) says, whatever it holds.

    icalendar's own vText reads ``\\N`` in the text as a line break (it lets
    callers write one so), which turned a title ``C:\\New\\Notes`` into
    "C:" and two more lines; and it writes NAME and X-WR-CALNAME, whose value
    type it does not know, unescaped, though an X- property's default type is
    TEXT (3.8.8.2). A course's text is written here as it is.
    """

    def to_ical(self) -> bytes:
        text = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
        return text.encode("utf-8")


def shared(name: str, value: str | int | dt.datetime | dt.timedelta) -> Any:
    """The property ``Component.add(name, value)`` makes, made once for each name and value.

    Only for values whose equals are written alike: text, whole numbers, durations, and the
    moments of DTSTAMP and LAST-MODIFIED, which icalendar writes in UTC. A moment is turned
    into UTC before it is looked up: two local times in one zone compare by the clock, not
    the instant (1:30 before and after a fall-back are equal, an hour apart). A local DTSTART
    is not for this: 10:00 in Los Angeles equals 13:00 in New York, written with other TZIDs.
    """
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return _made_once(name, value)


@functools.lru_cache(maxsize=4096, typed=True)
def _made_once(name: str, value: str | int | dt.datetime | dt.timedelta | tuple[Text, ...]) -> Any:
    holder = icalendar.Event()
    holder.add(name, list(value) if isinstance(value, tuple) else value)  # a tuple: a list property's items
    return holder[name]


def categories(label: str) -> Any:
    """CATEGORIES of one kind's label, escaped as course text, made once for each label."""
    return _made_once("categories", (Text(label),))


@functools.cache  # a course has a handful of colors and hundreds of events
def css_color_name(color: str) -> str | None:
    """RFC 7986 COLOR takes a CSS3 color name: the named color nearest a hex one."""
    try:
        wanted = webcolors.hex_to_rgb(color)
    except ValueError:
        try:
            webcolors.name_to_hex(color)
        except ValueError:
            return None
        return color.lower()
    names: list[str] = sorted(webcolors.names(webcolors.CSS3))

    def distance(name: str) -> int:
        rgb = webcolors.name_to_rgb(name)
        return sum((a - b) ** 2 for a, b in zip(rgb, wanted, strict=True))

    return min(names, key=distance)
