"""One lecture plan on its meeting's slots: free slots in order, pins, shared slots, numbers.

Each session without a date takes the next free slot after the session before
it; a pinned session sets where the plan continues; a session ``with:
previous`` shares the slot of the one before it, as a second item of one
class. Slots that a closure cancels or an event replaces are not free.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .diagnostics import Severity, Subtype
from .model import Closure, MeetingSpec, SessionSpec
from .slots import Slot, covering, pattern_days

Report = Callable[[SessionSpec, Subtype, str, Severity], None]
Where = tuple[dt.date, Slot | None]
_DROPPED: Where = (dt.date.min, None)  # a pinned session that conflicts with another is left out


@dataclass(frozen=True)
class Placement:
    """Where one session of a plan goes, with its number and how far the schedule moved it."""

    spec: SessionSpec
    date: dt.date
    slot: Slot | None  # None: pinned to a day that is no free slot
    number: int | None
    # Slots of the weekly pattern between where the plan put it and where it is: closures,
    # replacing events and pins push it later (> 0), a swap day gained pulls it earlier (< 0).
    moved: int
    joins: SessionSpec | None = None  # with ``with: previous``: the session whose slot it shares


@dataclass
class PlanPlacer:
    """Places the plans of one meeting; problems go to ``report``."""

    meeting: MeetingSpec
    slots: list[Slot]
    closures: list[Closure]
    week_start: int
    report: Report
    replaced: Mapping[int, str]  # slots an event takes: index to the event's title

    def place(self, plan: list[SessionSpec], taken: set[int]) -> list[Placement]:
        """Put each session on the next free slot after the one before it; ``taken`` gets their slots."""
        slots = self.slots
        free = [index for index, slot in enumerate(slots) if not slot.cancelled and index not in self.replaced]
        free_dates = [slots[index].date for index in free]
        by_date: dict[dt.date, list[int]] = {}
        for index in free:
            by_date.setdefault(slots[index].date, []).append(index)
        placed: list[tuple[SessionSpec, dt.date, Slot | None, SessionSpec | None]] = []
        occupant: dict[int | dt.date, SessionSpec] = {}  # a slot's index, or an extra day
        cursor = -1  # position in ``slots`` of the latest placed session
        cursor_date: dt.date | None = None
        unplaced: list[SessionSpec] = []
        # The session before the one being placed, and where it went (None: it did not fit).
        before: tuple[SessionSpec, Where | None] | None = None
        for session in plan:
            if session.with_previous and before is not None:
                host, where = before
                if where is None:
                    unplaced.append(session)  # its slot did not fit, nor does it
                elif where is not _DROPPED:
                    placed.append((session, where[0], where[1], host))
                continue
            before = (session, None)
            if session.date is not None:
                on_day = by_date.get(session.date, [])
                candidates = [i for i in on_day if i not in taken]
                place: int | dt.date = candidates[0] if candidates else (on_day[0] if on_day else session.date)
                if place in occupant:
                    self.report(
                        session,
                        Subtype.CONFLICT,
                        f"the session {session.id!r} is pinned to {session.date.isoformat()}, where "
                        f"{occupant[place].id!r} already is; move one of them, or remove `date` "
                        "to let it follow the plan",
                        Severity.ERROR,
                    )
                    before = (session, _DROPPED)  # what shares its slot goes with it
                    continue
                occupant[place] = session
                if isinstance(place, int):
                    taken.add(place)
                    cursor = place
                else:
                    self.warn_if_taken_away(session)
                slot = slots[place] if isinstance(place, int) else None
                placed.append((session, session.date, slot, None))
                before = (session, (session.date, slot))
                cursor_date = session.date
                continue
            # The next free slot after the cursor and not before the last pinned day (slots are in
            # date order, so both bounds are a bisection), skipping slots pins already took.
            position = bisect.bisect_right(free, cursor)
            if cursor_date is not None:
                position = max(position, bisect.bisect_left(free_dates, cursor_date))
            while position < len(free) and free[position] in taken:
                position += 1
            if position == len(free):
                unplaced.append(session)
                continue
            index = free[position]
            taken.add(index)
            occupant[index] = session
            cursor = index
            cursor_date = slots[index].date
            placed.append((session, slots[index].date, slots[index], None))
            before = (session, (slots[index].date, slots[index]))
        if unplaced and self.meeting.days:  # without days, "needs `days`" already says why
            self.report_overfull(plan, unplaced)
        return self.numbered(plan, placed)

    def numbered(
        self, plan: list[SessionSpec], placed: list[tuple[SessionSpec, dt.date, Slot | None, SessionSpec | None]]
    ) -> list[Placement]:
        """Numbers in date order, and how far each session moved from where the plan put it."""
        # A session's place in the plan counts slots: one that shares a slot counts none.
        position: dict[str, int] = {}
        count = -1
        for spec in plan:
            count += not spec.with_previous
            position[spec.id] = max(count, 0)
        placed.sort(key=lambda item: item[1])  # stable: a shared slot's sessions keep plan order
        pattern = pattern_days(self.meeting, self.week_start)
        found = []
        number = 0
        for spec, day, slot, host in placed:
            numbered = spec.numbered and not spec.cancelled
            number += numbered
            # A session's position in its plan is fixed; its position in the weekly pattern grows
            # by one for each closure, skip or pin that pushes it later: the difference is how
            # far the schedule has moved it.
            moved = bisect.bisect_left(pattern, day) - position[spec.id]
            found.append(Placement(spec, day, slot, number if numbered else None, moved, host))
        return found

    def warn_if_taken_away(self, session: SessionSpec) -> None:
        """A session pinned to a day a closure cancels or an event takes is placed there anyway, with a warning."""
        assert session.date is not None
        for closure in covering(self.closures, session.date):
            if closure.affects(self.meeting) and closure.follows is None:
                self.report(
                    session,
                    Subtype.CONFLICT,
                    f"the session {session.id!r} is pinned to {session.date.isoformat()}, which the closure "
                    f"{closure.title!r} cancels; it is placed there anyway",
                    Severity.WARNING,
                )
        for index, title in self.replaced.items():
            if self.slots[index].date == session.date:
                self.report(
                    session,
                    Subtype.CONFLICT,
                    f"the session {session.id!r} is pinned to {session.date.isoformat()}, whose "
                    f"{self.meeting.id!r} slot the event {title!r} takes; it is placed there anyway",
                    Severity.WARNING,
                )

    def report_overfull(self, plan: list[SessionSpec], unplaced: list[SessionSpec]) -> None:
        usable = [slot for index, slot in enumerate(self.slots) if not slot.cancelled and index not in self.replaced]
        last = f", the last on {usable[-1].date.isoformat()}" if usable else ""
        self.report(
            unplaced[0],
            Subtype.OVERFULL,
            f"the session {unplaced[0].id!r} does not fit: the meeting {self.meeting.id!r} has {len(usable)} "
            f"free slots{last}, and the plan has {len(plan)} sessions, so {len(unplaced)} "
            f"{'is' if len(unplaced) == 1 else 'are'} left over; extend the meeting's `until`, "
            "add meeting days, or remove sessions",
            Severity.ERROR,
        )
