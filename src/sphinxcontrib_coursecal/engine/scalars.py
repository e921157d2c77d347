"""Reading the text of dates, times, weekdays and moments as people write them.

Every function takes the raw text of a YAML scalar (never PyYAML's own
interpretation, which turns ``10:00`` into 600) and raises :class:`ValueError`
with a message that says what form would be right.
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

# 24-hour "14:30", or 12-hour "2pm", "2:30 pm", "2:30 P.M.".
_TIME = re.compile(
    r"^\s*(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<meridiem>[ap]\.?\s*m\.?)?\s*$",
    re.IGNORECASE,
)
# A span's separator: a hyphen, en dash or "to", with optional spaces.
_SPAN_SEPARATOR = re.compile(r"\s*(?:-|\u2013|\u2014|\bto\b)\s*", re.IGNORECASE)

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


def _time_parts(text: str) -> tuple[int, int, str | None]:
    match = _TIME.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a time; write {TIME_FORMS}")
    return int(match["hour"]), int(match["minute"] or 0), _meridiem(match["meridiem"])


def _to_time(hour: int, minute: int, meridiem: str | None, text: str) -> dt.time:
    if meridiem is not None:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r}: with am/pm the hour must be 1-12")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"{text!r} is not a time of day; write {TIME_FORMS}")
    return dt.time(hour, minute)


def parse_time(text: str) -> dt.time:
    """Read ``14:30``, ``2:30 pm``, ``2pm`` or ``10:00 PM``."""
    hour, minute, meridiem = _time_parts(text)
    return _to_time(hour, minute, meridiem, text)


def parse_span(text: str) -> tuple[dt.time, dt.time | None]:
    """Read a span ``10:00-11:20`` (or a lone start time, with no end).

    In ``3:30-4:30 pm`` the start borrows the end's am/pm, as people mean it.
    """
    parts = _SPAN_SEPARATOR.split(text.strip(), maxsplit=1)
    if len(parts) == 1:
        return parse_time(parts[0]), None
    start_text, end_text = parts
    if not start_text or not end_text:
        raise ValueError(f"{text!r} is not a span of time; write {SPAN_FORMS}")
    start_hour, start_minute, start_meridiem = _time_parts(start_text)
    end_hour, end_minute, end_meridiem = _time_parts(end_text)
    end = _to_time(end_hour, end_minute, end_meridiem, end_text)
    if start_meridiem is None and end_meridiem is not None and start_hour <= 12:
        borrowed = _to_time(start_hour, start_minute, end_meridiem, start_text)
        # "11-1pm" means 11am to 1pm: borrow only when it keeps start before end.
        start_meridiem = end_meridiem if borrowed < end else "am"
    start = _to_time(start_hour, start_minute, start_meridiem, start_text)
    return start, end


def parse_date(text: str) -> dt.date:
    """Read an ISO date ``2025-09-24``."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write {DATE_FORM}") from None


def parse_moment(text: str) -> tuple[dt.date, dt.time | None]:
    """Read ``2025-10-24 23:59`` (a date and a time) or ``2025-10-24`` (a day)."""
    stripped = text.strip()
    head, _, tail = stripped.replace("T", " ", 1).partition(" ")
    try:
        day = dt.date.fromisoformat(head)
    except ValueError:
        raise ValueError(f"{text!r} is not a moment; write {MOMENT_FORMS}") from None
    if not tail.strip():
        return day, None
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


def parse_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None
