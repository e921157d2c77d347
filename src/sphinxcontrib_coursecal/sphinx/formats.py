"""Dates and times written the way a site's language and settings want them.

Every date and time comes from Babel's locale data. A language other than
English writes them in its own order, from CLDR skeletons (``MMMEd`` is
"Mo., 12. Jan." in German, "lun. 12 janv." in French), with its own 12- or
24-hour clock, and ranges from CLDR's interval formats ("10:00\u201310:50 Uhr",
"12.\u201316. Jan."). English sites keep the patterns the extension has always
written ("Fri Oct 24", "10:00-11:20"). ``coursecal_date_format`` and
``coursecal_time_format``, when set, are Babel patterns that win in every
language; a range of them is joined as the locale joins any two dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton, format_time

from ..engine import Occurrence, split_moment

if TYPE_CHECKING:
    from sphinx.config import Config


@cache
def locale_for(language: str | None) -> Locale:
    """The Babel locale of the site's ``language`` (English when unknown)."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@dataclass(frozen=True)
class Way:
    """How one thing is written: a Babel pattern, or a CLDR skeleton the locale orders."""

    text: str
    skeleton: bool = False


@dataclass(frozen=True)
class Ways:
    """What a site writes: a date, a time, a day with its month, a month's name, a date with its year."""

    date: Way
    time: Way
    day_month: Way
    month: Way
    dated: Way  # with the year: "Fri Oct 24, 2025"


# English, as the extension has always written it: "Fri Oct 24", 24-hour "23:59".
ENGLISH = Ways(Way("EEE MMM d"), Way("HH:mm"), Way("MMM d"), Way("LLLL y"), Way("EEE MMM d, y"))


def hour_cycle(locale: Locale) -> str:
    """ "H" where the locale's clock runs to 24 (its short time pattern says so), "h" where to 12."""
    pattern = locale.time_formats["short"].pattern
    return "H" if "H" in pattern or "k" in pattern else "h"


def ways_for(locale: Locale, date_pattern: str | None, time_pattern: str | None) -> Ways:
    """The locale's own order (English's patterns for English), with the settings' patterns over it."""
    if locale.language == "en":
        ways = ENGLISH
    else:
        ways = Ways(
            Way("MMMEd", skeleton=True),
            Way(f"{hour_cycle(locale)}m", skeleton=True),
            Way("MMMd", skeleton=True),
            Way("yMMMM", skeleton=True),
            Way("yMMMEd", skeleton=True),
        )
    return Ways(
        Way(date_pattern) if date_pattern else ways.date,
        Way(time_pattern) if time_pattern else ways.time,
        ways.day_month,
        ways.month,
        ways.dated,
    )


class Formats:
    """Dates, times and ranges in the site's locale (``coursecal_date_format``, ``coursecal_time_format``)."""

    def __init__(self, language: str | None, date_pattern: str | None = None, time_pattern: str | None = None) -> None:
        self.locale = locale_for(language)
        self.english = self.locale.language == "en"
        self.ways = ways_for(self.locale, date_pattern, time_pattern)

    def write(self, value: dt.date | dt.time, way: Way) -> str:
        if way.skeleton:
            return format_skeleton(way.text, value, locale=self.locale)
        if isinstance(value, dt.date):
            return format_date(value, way.text, locale=self.locale)
        return format_time(value, way.text, locale=self.locale)

    def date(self, day: dt.date) -> str:
        """A day as tables and lists write it: "Fri Oct 24", "Fr., 24. Okt."."""
        return self.write(day, self.ways.date)

    def dated(self, day: dt.date) -> str:
        """A day with its year: "Fri Oct 24, 2025", "Fr., 24. Okt. 2025"."""
        return self.write(day, self.ways.dated)

    def day_month(self, day: dt.date) -> str:
        """A day of a month grid that names its month: "Oct 1", "1. Okt."."""
        return self.write(day, self.ways.day_month)

    def month(self, day: dt.date) -> str:
        """A month grid's heading: "October 2025", "Oktober 2025"."""
        return self.write(day, self.ways.month)

    def weekday(self, day: dt.date, *, wide: bool = False) -> str:
        """ "Fri" ("Friday" when ``wide``), "Fr." ("Freitag")."""
        return format_date(day, "EEEE" if wide else "EEE", locale=self.locale)

    def day_number(self, day: dt.date) -> str:
        """The day of the month, two digits: "01"."""
        return format_date(day, "dd", locale=self.locale)

    def time(self, moment: dt.datetime | dt.time) -> str:
        value = moment.time() if isinstance(moment, dt.datetime) else moment
        return self.write(value, self.ways.time)

    def hour_cycle(self) -> str:
        """ "h23" where times are written on a 24-hour clock, "h12" on a 12-hour one (as Intl names them)."""
        way = self.ways.time
        if way.skeleton:
            return "h23" if way.text.startswith("H") else "h12"
        return "h12" if ("h" in way.text or "K" in way.text) and "H" not in way.text else "h23"

    def moment(self, value: dt.datetime | dt.date, separator: str = " ") -> str:
        """A deadline's moment ("Fri Oct 24 23:59"), or its day when it has no time."""
        day, moment = split_moment(value)
        return self.date(day) + (f"{separator}{self.time(moment)}" if moment is not None else "")

    def _between(self, first: str, last: str) -> str:
        """Two written ends, joined as the locale joins a range it has no pattern for ("{0} \u2013 {1}")."""
        fallback = self.locale.interval_formats.get(None) or "{0} \u2013 {1}"
        return str(fallback).replace("{0}", first).replace("{1}", last)

    def times(self, start: dt.datetime | dt.time, end: dt.datetime | dt.time) -> str:
        """ "10:00-11:20" in English; the locale's interval otherwise ("10:00\u201311:20 Uhr")."""
        way = self.ways.time
        if self.english and not way.skeleton:
            return f"{self.time(start)}-{self.time(end)}"
        first = start.time() if isinstance(start, dt.datetime) else start
        last = end.time() if isinstance(end, dt.datetime) else end
        if way.skeleton:
            return format_interval(first, last, way.text, locale=self.locale)
        return self._between(self.time(first), self.time(last))

    def span(self, occurrence: Occurrence) -> str:
        """ "10:00-11:20", "23:59" for a moment, "" for a whole day."""
        if occurrence.start is None:
            return ""
        if occurrence.end is None or occurrence.end == occurrence.start:
            return self.time(occurrence.start)
        return self.times(occurrence.start, occurrence.end)

    def day_parts(self, first: dt.date, last: dt.date) -> tuple[str, ...]:
        """A range of days in pieces, each a date that never breaks inside, with what joins them between.

        English: ("Mon Jan 12", " \u2013 ", "Fri Jan 16"); a locale's interval is one
        piece ("Mo., 12. \u2013 Fr., 16. Jan."), which may break at its spaces.
        """
        if first == last:
            return (self.date(first),)
        way = self.ways.date
        if way.skeleton:
            return (format_interval(first, last, way.text, locale=self.locale),)
        if self.english:
            return (self.date(first), " \u2013 ", self.date(last))
        return (self._between(self.date(first), self.date(last)),)

    def days(self, first: dt.date, last: dt.date) -> str:
        return "".join(self.day_parts(first, last))


def formats_for(config: Config) -> Formats:
    """The site's formats, from its ``language`` and settings."""
    return Formats(config.language, config.coursecal_date_format, config.coursecal_time_format)
