"""A term of edits to a real schedule (example_course/), as an instructor makes them, for the revision tests.

Each edit is text replaced in the schedule file, applied to the one before
it, so the ten make one term's history. What subscribers should see change
is worked out here from the engine's occurrences alone (``visible``): when
an event is, where, its status, and the fields its title and description
are made of; never from the feeds or the revision code under test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sphinxcontrib_coursecal.engine import Occurrence, Schedule

from .conftest import SEED_000_SCHEDULE

EXAMPLE_TEXT = SEED_000_SCHEDULE.read_text(encoding="utf-8")
UTC = dt.UTC

MODEL_PARALLELISM = EXAMPLE_TEXT[EXAMPLE_TEXT.index("  - id: model-parallelism ") : EXAMPLE_TEXT.index("  - id: moe ")]
DATA_LOADING = '    title: "Scaling II: Data loading"\n'
DATA_LOADING_READINGS = (
    "    readings:\n      - {paper: tfdata, label: Paper 1}\n      - {paper: ray-data, label: Paper 2}\n"
)
DEPLOYMENT = '    title: "Scaling II: Deployment"\n    readings:\n'
DATA_LOADING_MOVED = "      - {paper: tfdata, label: Paper 3}\n      - {paper: ray-data, label: Paper 4}\n"
MOE = EXAMPLE_TEXT[EXAMPLE_TEXT.index("  - id: moe ") : EXAMPLE_TEXT.index("  # Two sessions share this title, so")]


@dataclass(frozen=True)
class Edit:
    """One change to the schedule file: each (old, new) must occur exactly once in the text before it."""

    name: str
    replacements: tuple[tuple[str, str], ...]

    def apply(self, text: str) -> str:
        for old, new in self.replacements:
            assert text.count(old) == 1, (self.name, old)
            text = text.replace(old, new)
        return text


EDITS = (
    # A snow day on Wed Oct 15: every later lecture moves one slot; the last needs a day of finals week.
    Edit(
        "snow day",
        (
            ("closures:\n", "closures:\n  - {date: 2025-10-15, title: Snow day}\n"),
            ("until: 2025-12-05        # last lecture", "until: 2025-12-10        # last lecture"),
        ),
    ),
    # One lecture in another room.
    Edit(
        "room change",
        (
            (
                "until: 2025-12-10        # last lecture: final project presentations\n",
                "until: 2025-12-10        # last lecture: final project presentations\n"
                "    changes:\n      2025-10-29: {location: CSE2 G10}\n",
            ),
        ),
    ),
    # HW2 gets two more days.
    Edit(
        "deadline extended",
        (
            (
                '{id: hw2, title: HW2, due: "2025-11-10 23:59", hours: 12}',
                '{id: hw2, title: HW2, due: "2025-11-12 23:59", was: "2025-11-10 23:59", hours: 12}',
            ),
        ),
    ),
    # A session is cancelled: it stays, struck through; later classes are numbered one less.
    # Its readings move to the next class (a cancelled session that assigns readings is a lint warning).
    Edit(
        "session cancelled",
        (
            (f"{DATA_LOADING}{DATA_LOADING_READINGS}", f"{DATA_LOADING}    cancelled: true\n"),
            (DEPLOYMENT, DEPLOYMENT + DATA_LOADING_MOVED),
        ),
    ),
    # Two sessions swap places in the plan.
    Edit("plan reordered", ((MODEL_PARALLELISM + MOE, MOE + MODEL_PARALLELISM),)),
    # The snow day is called off: every lecture after it moves back, earlier (SEQUENCE must still rise).
    Edit("closure removed", (("  - {date: 2025-10-15, title: Snow day}\n", ""),)),
    # The cancelled session is back on.
    Edit(
        "session un-cancelled",
        (
            (f"{DATA_LOADING}    cancelled: true\n", f"{DATA_LOADING}{DATA_LOADING_READINGS}"),
            (DEPLOYMENT + DATA_LOADING_MOVED, DEPLOYMENT),
        ),
    ),
    # One office hour an hour later.
    Edit(
        "office hour moved",
        (
            (
                '      2025-10-31: {time: "12:30-13:30"}   # moved one hour later for this week only\n',
                '      2025-10-31: {time: "12:30-13:30"}   # moved one hour later for this week only\n'
                '      2025-11-14: {time: "13:30-14:30"}\n',
            ),
        ),
    ),
    # A title corrected, and a note added to another session (text only).
    Edit(
        "text corrected",
        (
            ("    title: Autodifferentation          # sic", "    title: Autodifferentiation         # sic"),
            (
                '    title: "Scaling II: Distributed frameworks"\n',
                '    title: "Scaling II: Distributed frameworks"\n    notes: Bring a laptop\n',
            ),
        ),
    ),
    # The deadlines listed in another order: the file changes, the calendar does not.
    Edit(
        "deadlines reordered",
        (
            (
                '  - {id: hw0, title: HW0, due: "2025-09-26 23:59"}\n',
                "",
            ),
            (
                '  - {id: all-assignments, title: All assignments, due: "2025-12-10 23:59", notes: no grace period}\n',
                '  - {id: all-assignments, title: All assignments, due: "2025-12-10 23:59", notes: no grace period}\n'
                '  - {id: hw0, title: HW0, due: "2025-09-26 23:59"}\n',
            ),
        ),
    ),
)
assert len(EDITS) == 10


def texts() -> list[str]:
    """The schedule before the term's edits, then after each."""
    result = [EXAMPLE_TEXT]
    for edit in EDITS:
        result.append(edit.apply(result[-1]))
    return result


# -- what a subscriber sees, from the engine ----------------------------------------------------------


def _instant(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _seen(schedule: Schedule, occurrence: Occurrence) -> tuple[object, ...]:
    if occurrence.start is None:
        when: tuple[str, ...] = (occurrence.date.isoformat(), occurrence.last.isoformat())
    else:
        when = (_instant(occurrence.start), _instant(occurrence.end or occurrence.start))
    words: tuple[object, ...] = (
        schedule.kind(occurrence.kind).label,
        occurrence.title,
        occurrence.notes,
        occurrence.location,
        occurrence.cancelled,
    )
    session = occurrence.session
    if session is not None:
        spec = session.spec
        # Where a reading is written in the file is not what anyone sees.
        readings = tuple(dataclasses.replace(reading, source=None) for reading in spec.readings)
        words += (session.number, spec.description, readings, spec.links, schedule.names(spec.guests))
    if occurrence.deadline is not None:
        words += (occurrence.deadline.url,)
    return when, words


def visible(schedule: Schedule) -> dict[str, tuple[object, ...]]:
    """Every event by its stable id, as what a subscriber's calendar shows of it."""
    assert not schedule.errors, [str(d) for d in schedule.errors]
    return {occurrence.uid: _seen(schedule, occurrence) for occurrence in schedule.occurrences}


def expected_changes(before: Schedule, after: Schedule) -> dict[str, str]:
    """Stable id: "added", "removed" or "changed", for every event a subscriber sees change."""
    old, new = visible(before), visible(after)
    result = dict.fromkeys(new.keys() - old.keys(), "added")
    result |= dict.fromkeys(old.keys() - new.keys(), "removed")
    result |= {uid: "changed" for uid in old.keys() & new.keys() if old[uid] != new[uid]}
    return result
