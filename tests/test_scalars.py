"""Times, dates and weekdays as people write them."""

from __future__ import annotations

import datetime as dt

import pytest

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
