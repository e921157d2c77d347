"""Local times in a course's zone, read as RFC 5545 reads them.

A wall-clock time the clocks skip (02:30 on the night daylight saving begins)
does not exist. RFC 5545 (3.3.5) says a reader must move it forward by the
gap: 03:30. Readers that are not told so disagree (one read 07:30Z-07:30Z,
another 06:30Z-07:30Z), so the engine moves such a time itself, says so, and
feeds only ever hold times that exist. A time the clocks pass twice (the
night daylight saving ends) is the first of the two, as RFC 5545 says too.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo


def local_moment(day: dt.date, time: dt.time, zone: zoneinfo.ZoneInfo) -> tuple[dt.datetime, bool]:
    """``day`` at ``time`` in ``zone``, and whether the clocks skip that time (it was moved forward)."""
    wall = dt.datetime.combine(day, time)
    moment = wall.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone)  # fold 0: the earlier offset
    return moment, moment.replace(tzinfo=None) != wall


def skipped_note(day: dt.date, time: dt.time, moved: dt.datetime, zone: str) -> str:
    """What to say about a time the clocks skip."""
    return (
        f"on {day.isoformat()} the clocks in {zone} skip {time:%H:%M} (daylight saving begins); "
        f"it is read as {moved:%H:%M}, as calendar apps must read it (RFC 5545): write that time, "
        "or give that date a `changes` entry with another"
    )
