"""A VTIMEZONE for a course's zone, from zoneinfo's actual transitions.

Each observance gets a yearly RRULE where the zone's changes follow one,
bounded by UNTIL where its rules change. icalendar's own
``add_missing_timezones()`` writes RDATE lists that Thunderbird's ical.js
reads one hour off; every reader the test suite runs agrees with these.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from dataclasses import dataclass

import icalendar

# Transitions are looked for this far around the term, so every observance
# has an onset before the first event and clients never guess an offset.
_MARGIN = dt.timedelta(days=400)


@dataclass(frozen=True)
class _Transition:
    at: dt.datetime  # the instant, UTC
    local: dt.datetime  # the wall-clock time of the onset, in the offset before it
    before: dt.timedelta
    after: dt.timedelta
    daylight: bool
    name: str


def _transitions(zone: zoneinfo.ZoneInfo, first: dt.date, last: dt.date) -> list[_Transition]:
    """Every change of UTC offset between two dates, found by bisecting hourly steps."""
    found = []
    moment = dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(last, dt.time(), tzinfo=dt.UTC)
    step = dt.timedelta(days=1)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        following = moment + step
        if following.astimezone(zone).utcoffset() != offset:
            low, high = moment, following
            while high - low > dt.timedelta(seconds=1):  # onsets are whole seconds
                middle = low + dt.timedelta(seconds=(high - low).total_seconds() // 2)
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            after_local = high.astimezone(zone)
            new_offset = after_local.utcoffset()
            assert offset is not None
            assert new_offset is not None
            found.append(
                _Transition(
                    at=high,
                    local=(high + offset).replace(tzinfo=None),
                    before=offset,
                    after=new_offset,
                    daylight=bool(after_local.dst()),
                    name=after_local.tzname() or "",
                )
            )
            offset = new_offset
        moment = following
    return found


def _byday(day: dt.date) -> tuple[int, int | None]:
    """The weekday and "nth" of a date: 2 = second, -1 = last (when it is also the last)."""
    nth = (day.day - 1) // 7 + 1
    last = (day + dt.timedelta(days=7)).month != day.month
    return day.weekday(), (-1 if last and nth >= 4 else nth)


@functools.lru_cache(maxsize=16)  # a build writes many feeds of one course; never mutated once made
def vtimezone(zone_name: str, first: dt.date, last: dt.date) -> icalendar.Timezone:
    """A VTIMEZONE with one yearly RRULE per observance, covering ``first``..``last``."""
    zone = zoneinfo.ZoneInfo(zone_name)
    timezone = icalendar.Timezone()
    timezone.add("tzid", zone_name)
    transitions = _transitions(zone, first - _MARGIN, last + _MARGIN)
    if not transitions:  # no daylight saving: one observance
        start = dt.datetime.combine(first - _MARGIN, dt.time())
        offset = start.replace(tzinfo=zone).utcoffset()
        standard = icalendar.TimezoneStandard()
        standard.add("dtstart", dt.datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        standard.add("tzname", start.replace(tzinfo=zone).tzname() or zone_name)
        timezone.add_component(standard)
        return timezone
    # Whatever holds before the first change: an observance whose onset precedes the
    # term, so no client has to guess (a zone that changes only after the term).
    timezone.add_component(_initial_observance(zone, zone_name, first - _MARGIN))
    groups: dict[tuple[dt.timedelta, dt.timedelta, bool, str, int, int, dt.time], list[_Transition]] = {}
    for transition in transitions:
        weekday, nth = _byday(transition.local.date())
        key = (
            transition.before,
            transition.after,
            transition.daylight,
            transition.name,
            transition.local.month,
            weekday if nth is not None else -1,
            transition.local.time(),
        )
        groups.setdefault(key, []).append(transition)
    runs: list[list[_Transition]] = []
    for members in groups.values():
        # A yearly RRULE may only span onsets of consecutive years: between 2023 and
        # 2025 it would invent a 2024 change the zone never made (Cairo).
        run = [members[0]]
        for member in members[1:]:
            if member.local.year == run[-1].local.year + 1 and _byday(member.local.date()) == _byday(
                run[-1].local.date()
            ):
                run.append(member)
            else:
                runs.append(run)
                run = [member]
        runs.append(run)
    for run in sorted(runs, key=lambda members: members[0].at):
        onset = run[0]
        rule = _byday(onset.local.date()) if len(run) > 1 else None
        until = run[-1] if len(run) > 1 else None  # "last" is the term's end
        timezone.add_component(_observance(onset, onset.name, onset.daylight, onset.before, onset.after, until, rule))
    return timezone


def _initial_observance(zone: zoneinfo.ZoneInfo, zone_name: str, day: dt.date) -> icalendar.Component:
    moment = dt.datetime.combine(day, dt.time()).replace(tzinfo=zone)
    offset = moment.utcoffset()
    observance = icalendar.TimezoneDaylight() if moment.dst() else icalendar.TimezoneStandard()
    observance.add("dtstart", moment.replace(tzinfo=None))
    observance.add("tzoffsetfrom", offset)
    observance.add("tzoffsetto", offset)
    observance.add("tzname", moment.tzname() or zone_name)
    return observance


def _observance(
    onset: _Transition,
    name: str,
    daylight: bool,
    before: dt.timedelta,
    after: dt.timedelta,
    until: _Transition | None,
    rule: tuple[int, int | None] | None,
) -> icalendar.Component:
    observance = icalendar.TimezoneDaylight() if daylight else icalendar.TimezoneStandard()
    observance.add("dtstart", onset.local)
    observance.add("tzoffsetfrom", before)
    observance.add("tzoffsetto", after)
    if name:
        observance.add("tzname", name)
    if until is not None and rule is not None:
        weekday, nth = rule
        day = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[weekday]
        observance.add(
            "rrule",
            {"freq": "YEARLY", "bymonth": onset.local.month, "byday": f"{nth}{day}", "until": until.at},
        )
    return observance
