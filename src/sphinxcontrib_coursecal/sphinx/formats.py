"""Dates and times written the way a site's language and settings want them."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time

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


class Formats:
    """Babel patterns in the site's locale: ``coursecal_date_format`` and ``coursecal_time_format``."""

    def __init__(self, language: str | None, date_pattern: str, time_pattern: str) -> None:
        self.locale = locale_for(language)
        self.date_pattern = date_pattern
        self.time_pattern = time_pattern

    def date(self, day: dt.date, pattern: str | None = None) -> str:
        return format_date(day, pattern or self.date_pattern, locale=self.locale)

    def time(self, moment: dt.datetime | dt.time) -> str:
        value = moment.time() if isinstance(moment, dt.datetime) else moment
        return format_time(value, self.time_pattern, locale=self.locale)

    def moment(self, value: dt.datetime | dt.date, separator: str = " ") -> str:
        """A deadline's moment ("Fri Oct 24 23:59"), or its day when it has no time."""
        day, moment = split_moment(value)
        return self.date(day) + (f"{separator}{self.time(moment)}" if moment is not None else "")

    def span(self, occurrence: Occurrence) -> str:
        """ "10:00-11:20", "23:59" for a moment, "" for a whole day."""
        if occurrence.start is None:
            return ""
        if occurrence.end is None or occurrence.end == occurrence.start:
            return self.time(occurrence.start)
        return f"{self.time(occurrence.start)}-{self.time(occurrence.end)}"

    def days(self, first: dt.date, last: dt.date) -> str:
        if first == last:
            return self.date(first)
        return f"{self.date(first)} \u2013 {self.date(last)}"


def formats_for(config: Config) -> Formats:
    """The site's formats, from its ``language`` and settings."""
    return Formats(config.language, config.coursecal_date_format, config.coursecal_time_format)
