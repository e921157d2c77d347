"""Reading the text of dates, times, weekdays and moments as people write them.

Every function takes the raw text of a YAML scalar (never PyYAML's own
interpretation, which turns ``10:00`` into 600) and raises :class:`ValueError`
with a message that says what form would be right. Spellings copied from real
course pages are accepted when they can mean one thing only ("2:55 PM--4:15 PM",
"3 to 4:15pm", "17:00:00"); a spelling read one way of two is accepted with a
doubt (:func:`afternoon_end`, :func:`early_doubt`) the reader reports as a warning.
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS: dict[str, int] = {}
for _number, (_short, _full) in enumerate(zip(WEEKDAY_NAMES, _FULL_NAMES, strict=True)):
    _WEEKDAYS[_short.lower()] = _number
    _WEEKDAYS[_full] = _number
# Common abbreviations beyond the three-letter ones.
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
WEEKDAY_SPELLINGS = tuple(_WEEKDAYS)  # every spelling read, lower-case (the JSON Schema lists them)

# 24-hour "14:30" (seconds allowed: "17:00:00"), or 12-hour "2pm", "2:30 pm", "2:30 P.M.".
_TIME = re.compile(
    r"^\s*(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?\s*(?P<meridiem>[ap]\.?\s*m\.?)?\s*$",
    re.IGNORECASE,
)
_MERIDIEM = re.compile(r"\d\s*[ap]\.?\s*m\b\.?", re.IGNORECASE)
# A span's separator: one or two hyphens ("2:55 PM--4:15 PM" is LaTeX's en dash), an en
# dash, an em dash, a minus sign or "to", with optional spaces.
_SPAN_SEPARATOR = re.compile(r"\s*(?:-{1,2}|\u2013|\u2014|\u2212|\bto\b)\s*", re.IGNORECASE)
# A moment's time with a UTC offset ("17:00:00Z", "17:00-07:00"): the course's zone decides instead.
_OFFSET = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)$", re.IGNORECASE)
# An afternoon reading of "12:30-1:50" is taken only when it makes a class-length span.
_LONGEST_AFTERNOON = dt.timedelta(hours=6)

TIME_FORMS = '"14:30", "2:30 pm" or "2pm"'
SPAN_FORMS = '"10:00-11:20" (or "10am-11:20am")'
DATE_FORM = "YYYY-MM-DD, e.g. 2025-09-24"
MOMENT_FORMS = '"YYYY-MM-DD HH:MM", e.g. "2025-10-24 23:59" (or a date for the whole day)'


def parse_weekday(text: str) -> int:
    """Return Monday=0 … Sunday=6 for ``Mon``, ``monday``, ``THU`` and the like."""
    try:
        return _WEEKDAYS[text.strip().lower().rstrip(".")]
    except KeyError:
        raise ValueError(
            f"{text!r} is not a weekday; write Mon, Tue, Wed, Thu, Fri, Sat or Sun (or the full name)"
        ) from None


def _meridiem(text: str | None) -> str | None:
    if text is None:
        return None
    return "am" if text.lower().startswith("a") else "pm"


def _not_a_time(text: str) -> ValueError:
    """What is wrong with a time, as exactly as the text shows it."""
    stripped = text.strip()
    if re.fullmatch(r"\d{1,2}\.\d{2}", stripped):
        hour, minute = stripped.split(".")
        return ValueError(f"{text!r} is not a time; write {hour}:{minute} (a colon between hours and minutes)")
    if _SPAN_SEPARATOR.search(stripped.lstrip("-\u2013\u2014")):
        return ValueError(f"{text!r} is a span of time; write one time, e.g. {TIME_FORMS}")
    return ValueError(f"{text!r} is not a time; write {TIME_FORMS}")


def _time_parts(text: str) -> tuple[int, int, int, str | None]:
    match = _TIME.match(text)
    if not match:
        raise _not_a_time(text)
    return int(match["hour"]), int(match["minute"] or 0), int(match["second"] or 0), _meridiem(match["meridiem"])


def _to_time(hour: int, minute: int, second: int, meridiem: str | None, text: str) -> dt.time:
    if meridiem is not None:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r}: with am/pm the hour must be 1-12")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"{text!r} is not a time of day; write {TIME_FORMS}")
    return dt.time(hour, minute, second)


def parse_time(text: str) -> dt.time:
    """Read ``14:30``, ``17:00:00``, ``2:30 pm``, ``2pm`` or ``10:00 PM``."""
    hour, minute, second, meridiem = _time_parts(text)
    return _to_time(hour, minute, second, meridiem, text)


def parse_span(text: str) -> tuple[dt.time, dt.time | None]:
    """Read a span ``10:00-11:20`` (or a lone start time, with no end).

    A side without am/pm takes the other side's when that keeps the start
    first, as people mean it: ``3:30-4:30 pm`` starts at 15:30, ``3pm-4:15``
    ends at 16:15. An end before the start is returned as read: the reader
    reports it (see :func:`afternoon_end`).
    """
    parts = _SPAN_SEPARATOR.split(text.strip(), maxsplit=1)
    if len(parts) == 1:
        return parse_time(parts[0]), None
    start_text, end_text = parts
    if not start_text or not end_text:
        raise ValueError(f"{text!r} is not a span of time; write {SPAN_FORMS}")
    if _SPAN_SEPARATOR.search(end_text):
        raise ValueError(f"{text!r} is not a span of time: it has two separators; write {SPAN_FORMS}")
    try:
        start_hour, start_minute, start_second, start_meridiem = _time_parts(start_text)
        end_hour, end_minute, end_second, end_meridiem = _time_parts(end_text)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a span of time: {error}") from None
    end = _to_time(end_hour, end_minute, end_second, end_meridiem, end_text)
    if start_meridiem is None and end_meridiem is not None and start_hour <= 12:
        borrowed = _to_time(start_hour, start_minute, start_second, end_meridiem, start_text)
        # "11-1pm" means 11am to 1pm: borrow only when it keeps start before end.
        start_meridiem = end_meridiem if borrowed < end else "am"
    start = _to_time(start_hour, start_minute, start_second, start_meridiem, start_text)
    if end_meridiem is None and start_meridiem is not None and 1 <= end_hour <= 12:
        # "3pm-4:15" ends at 16:15, "10am-2" at 14:00: the first reading after the start.
        later = [
            reading
            for meridiem in ("am", "pm")
            if (reading := _to_time(end_hour, end_minute, end_second, meridiem, end_text)) > start
        ]
        end = min(later, default=end)
    return start, end


def afternoon_end(text: str, start: dt.time, end: dt.time) -> dt.time | None:
    """The end of ``12:30-1:50`` read in the afternoon (13:50), if that is the one sensible reading.

    Only a span with no am/pm anywhere, whose 24-hour end is before its start
    and whose afternoon end makes it at most a few hours long, is read so.
    """
    if end > start or _MERIDIEM.search(text) or not 1 <= end.hour <= 11:
        return None
    later = end.replace(hour=end.hour + 12)
    day = dt.date(2000, 1, 1)
    length = dt.datetime.combine(day, later) - dt.datetime.combine(day, start)
    return later if dt.timedelta(0) < length <= _LONGEST_AFTERNOON else None


def reversed_span(start: dt.time, end: dt.time) -> str:
    """What to say of a span that ends before it starts, with the likely fix."""
    afternoon = dt.time(end.hour + 12, end.minute) if end.hour < 12 else None
    hint = (
        f'; if you mean {end.hour}:{end.minute:02d} pm, write "{start:%H:%M}-{afternoon:%H:%M}"'
        if afternoon is not None and afternoon > start
        else ""
    )
    return f"the end {end:%H:%M} is before the start {start:%H:%M}{hint}"


def early_doubt(text: str, start: dt.time) -> str:
    """A doubt about a bare early hour: ``3-4`` is 03:00-04:00 in 24-hour time, rarely what is meant."""
    first = _SPAN_SEPARATOR.split(text.strip(), maxsplit=1)[0]
    if _MERIDIEM.search(text) or not 1 <= start.hour <= 6 or not re.match(r"[1-6](?!\d)", first):
        return ""
    return (
        f"{text!r} starts at {start:%H:%M} (24-hour time: early in the morning); if you mean the afternoon, "
        f'add pm ("{text.strip()} pm") or write 24-hour times ("{start.hour + 12}:{start.minute:02d}")'
    )


def parse_date(text: str) -> dt.date:
    """Read an ISO date ``2025-09-24``."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write {DATE_FORM}") from None


def parse_moment(text: str) -> tuple[dt.date, dt.time | None]:
    """Read ``2025-10-24 23:59`` (a date and a time) or ``2025-10-24`` (a day).

    Also ISO's ``2025-10-24T23:59`` and seconds, ``2026-03-27 17:00:00`` (which
    YAML itself would read as a timestamp).
    """
    stripped = text.strip()
    head, _, tail = stripped.replace("T", " ", 1).partition(" ")
    try:
        day = dt.date.fromisoformat(head)
    except ValueError:
        raise ValueError(f"{text!r} is not a moment; write {MOMENT_FORMS}") from None
    tail = tail.strip()
    if not tail:
        return day, None
    offset = _OFFSET.match(tail)
    if offset:
        raise ValueError(
            f"{text!r} gives a UTC offset ({offset['offset']}); every moment is in the course's "
            f"`timezone`, so leave it out: write {MOMENT_FORMS}"
        )
    try:
        return day, parse_time(tail)
    except ValueError:
        raise ValueError(f"{text!r} is not a moment; write {MOMENT_FORMS}") from None


def parse_bool(text: str) -> bool:
    """``true``/``false``, ``yes``/``no``, ``on``/``off``, in any case."""
    lowered = text.lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    raise ValueError(f"{text!r} is not true or false")


def parse_integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None
