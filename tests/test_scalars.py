"""Times, dates and weekdays as people write them."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinxcontrib_coursecal.engine import load_schedule_text
from sphinxcontrib_coursecal.engine.scalars import parse_date, parse_moment, parse_span, parse_time, parse_weekday

T = dt.time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:00", T(10)),
        ("9:05", T(9, 5)),
        ("23:59", T(23, 59)),
        ("10pm", T(22)),
        ("10 PM", T(22)),
        ("3:30 pm", T(15, 30)),
        ("10:00 PM", T(22)),
        ("12am", T(0)),
        ("12pm", T(12)),
        ("12:30 a.m.", T(0, 30)),
        ("7:15AM", T(7, 15)),
    ],
)
def test_times(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "10:60", "13pm", "0am", "noon", "10.30", "", "10:0"])
def test_bad_times_say_what_is_right(text: str) -> None:
    with pytest.raises(ValueError, match=r"14:30|am/pm|time"):
        parse_time(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:00-11:20", (T(10), T(11, 20))),
        ("10:00 - 11:20", (T(10), T(11, 20))),
        ("10:00\u201311:20", (T(10), T(11, 20))),  # en dash, as pasted from a web page
        ("3:30 pm-4:50 pm", (T(15, 30), T(16, 50))),
        ("3:30-4:30 pm", (T(15, 30), T(16, 30))),  # the start borrows "pm"
        ("11-1pm", (T(11), T(13))),  # …unless that would put it after the end
        ("10am to 12pm", (T(10), T(12))),
        ("14:00", (T(14), None)),
    ],
)
def test_spans(text: str, expected: tuple[dt.time, dt.time | None]) -> None:
    assert parse_span(text) == expected


@pytest.mark.parametrize(("text", "number"), [("Mon", 0), ("monday", 0), ("THU", 3), ("Thurs", 3), ("Sunday", 6)])
def test_weekdays(text: str, number: int) -> None:
    assert parse_weekday(text) == number


def test_bad_weekday() -> None:
    with pytest.raises(ValueError, match="Mon, Tue"):
        parse_weekday("Tues day")


def test_dates_and_moments() -> None:
    assert parse_date("2025-09-24") == dt.date(2025, 9, 24)
    assert parse_moment("2025-10-24 23:59") == (dt.date(2025, 10, 24), T(23, 59))
    assert parse_moment("2025-10-24 11:59 pm") == (dt.date(2025, 10, 24), T(23, 59))
    assert parse_moment("2025-10-24") == (dt.date(2025, 10, 24), None)
    for bad in ("2025-13-01", "24/10/2025", "2025-10-24 25:00"):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            parse_moment(bad)


# -- format 1.1: spellings copied from real course pages ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2:55 PM--4:15 PM", (T(14, 55), T(16, 15))),  # LaTeX's "--" en dash, as typed
        ("2:55 PM\u20134:15 PM", (T(14, 55), T(16, 15))),  # en dash, no spaces
        ("2:55 PM \u2013 4:15 PM", (T(14, 55), T(16, 15))),
        ("2:55 PM \u2014 4:15 PM", (T(14, 55), T(16, 15))),  # em dash
        ("14:55\u221216:15", (T(14, 55), T(16, 15))),  # minus sign
        ("10:00 -- 11:20", (T(10), T(11, 20))),
        ("3 to 4:15pm", (T(15), T(16, 15))),
        ("3pm-4:15", (T(15), T(16, 15))),  # the end borrows "pm"
        ("10am-2", (T(10), T(14))),  # …the first reading after the start
        ("9am-13:00", (T(9), T(13))),  # a 24-hour end stays as written
        ("10am-11:20", (T(10), T(11, 20))),
        ("17:00:00-18:30:00", (T(17), T(18, 30))),  # seconds
        ("9\u201310:30 a.m.", (T(9), T(10, 30))),
    ],
)
def test_spans_from_real_pages(text: str, expected: tuple[dt.time, dt.time | None]) -> None:
    assert parse_span(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("10.30", "write 10:30"),  # a European page's dot
        ("23:00-23:59", "is a span of time; write one time"),
        ("noon", "is not a time"),
    ],
)
def test_a_bad_time_says_exactly_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_time(text)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2:55 PM-4:15 PMx", "'2:55 PM-4:15 PMx' is not a span of time: '4:15 PMx' is not a time"),
        ("10.15-11.45", "write 10:15"),
        ("10:00-11:20-12:00", "two separators"),
        ("-11:20", "is not a span of time"),
    ],
)
def test_a_bad_span_names_the_whole_span_and_the_wrong_part(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_span(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-27 17:00:00", (dt.date(2026, 3, 27), T(17))),  # YAML's own timestamp spelling
        ("2026-03-27T17:00", (dt.date(2026, 3, 27), T(17))),  # ISO 8601
        ("2026-03-27T17:00:00", (dt.date(2026, 3, 27), T(17))),
        ("2026-03-27 23:59:59", (dt.date(2026, 3, 27), T(23, 59, 59))),
        ("2026-03-27 5pm", (dt.date(2026, 3, 27), T(17))),
        ("2026-03-27", (dt.date(2026, 3, 27), None)),
    ],
)
def test_moments_from_real_pages(text: str, expected: tuple[dt.date, dt.time | None]) -> None:
    assert parse_moment(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2026-03-27T17:00:00Z", "UTC offset .Z.; every moment is in the course's `timezone`"),
        ("2026-03-27 17:00-07:00", "UTC offset .-07:00."),
        ("2026-03-27 17:00:61", "YYYY-MM-DD HH:MM"),
    ],
)
def test_a_bad_moment_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_moment(text)


def span_read(time: str) -> tuple[tuple[dt.time | None, dt.time | None], list[str]]:
    """A meeting's time as the loader reads it, with what it says about the spelling."""
    schedule = load_schedule_text(
        "course: {id: demo, timezone: UTC, start: 2026-01-05, end: 2026-01-09}\n"
        f"meetings:\n  lecture: {{days: [Tue], time: {time!r}}}\n"
    )
    meeting = schedule.meetings["lecture"]
    return (meeting.start_time, meeting.end_time), [f"{d.severity.value} {d.message}" for d in schedule.diagnostics]


@pytest.mark.parametrize(
    ("time", "expected", "says"),
    [
        # No am/pm, an end before the start, and an afternoon end that makes a class: read so, and said.
        ("12-1", (T(12), T(13)), "warning `time` of the meeting 'lecture': '12-1' ends before it starts"),
        ("12:30-1:50", (T(12, 30), T(13, 50)), 'write "12:30-13:50" to say so'),
        ("11-1", (T(11), T(13)), "read as 11:00-13:00"),
        # A bare early hour is 24-hour time, but rarely meant: said, and kept.
        ("3-4", (T(3), T(4)), "warning `time` of the meeting 'lecture': '3-4' starts at 03:00"),
        ("1:30-2:45", (T(1, 30), T(2, 45)), '("13:30")'),
    ],
)
def test_a_spelling_read_one_way_of_two_is_said(time: str, expected: tuple[dt.time, dt.time], says: str) -> None:
    span, messages = span_read(time)
    assert span == expected
    assert len(messages) == 1, messages
    assert says in messages[0]


@pytest.mark.parametrize("time", ["03:00-04:00", "3-4pm", "15:00-16:00", "7:30-8:20", "10-12"])
def test_unambiguous_spellings_say_nothing(time: str) -> None:
    _, messages = span_read(time)
    assert messages == []


def test_a_long_reversed_span_is_an_error_not_a_guess() -> None:
    span, messages = span_read("10:00-9:00")
    assert span == (None, None)
    assert len(messages) == 1
    assert messages[0].startswith("error `time` of the meeting 'lecture': the end 09:00 is before the start 10:00")
