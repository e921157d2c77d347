"""Events held in meetings' slots: a quiz in each discussion section, a midterm in a lecture's place.

An event with ``meeting`` or ``replaces`` is held in each named meeting's
first slot from its ``date`` to its ``to``: one occurrence per meeting, at
that slot's time and room, so each section gets its own. With ``replaces``
it takes the slot: the meeting's own entry gives way, and a plan on that
meeting moves on by one slot, as past a closure.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Location, Severity, Subtype
from .model import EventSpec, MeetingSpec
from .scalars import WEEKDAY_NAMES
from .slots import Slot


@dataclass(frozen=True)
class Hold:
    """One event in one meeting's slot."""

    event: EventSpec
    meeting: MeetingSpec
    slot: Slot
    index: int  # the slot's position among the meeting's slots


@dataclass
class Holds:
    """Finds each held event's slot, meeting by meeting; then says which meetings had none."""

    events: list[EventSpec]
    path: str
    diagnostics: list[Diagnostic]
    _found: dict[str, set[str]] = field(default_factory=dict)  # event id: meetings it was held in

    def __post_init__(self) -> None:
        self._for: dict[str, list[EventSpec]] = {}
        for event in self.events:
            for meeting in event.meetings:
                self._for.setdefault(meeting, []).append(event)

    def take(self, meeting: MeetingSpec, slots: list[Slot]) -> list[Hold]:
        """The slots of ``meeting`` its events are held in; two events may not replace one slot."""
        open_slots = [index for index, slot in enumerate(slots) if not slot.cancelled]
        days = [slots[index].date for index in open_slots]
        holds: list[Hold] = []
        replaced: dict[int, EventSpec] = {}
        for event in self._for.get(meeting.id, []):
            position = bisect.bisect_left(days, event.date)
            if position == len(days) or days[position] > event.last:
                continue  # reported once every meeting is seen: perhaps another section has it
            index = open_slots[position]
            self._found.setdefault(event.id, set()).add(meeting.id)
            if event.replaces and index in replaced:
                self.report(
                    event,
                    f"the event {event.id!r} replaces the {meeting.id!r} slot on {slots[index].date.isoformat()}, "
                    f"which the event {replaced[index].id!r} replaces already; give one of them another date",
                    Subtype.CONFLICT,
                )
                continue
            if event.replaces:
                replaced[index] = event
            holds.append(Hold(event, meeting, slots[index], index))
        return holds

    def report_unheld(self, meetings: dict[str, MeetingSpec]) -> None:
        """Each named meeting that had no slot in an event's days; an error if none had one."""
        for event in self.events:
            missing = [meetings[m] for m in event.meetings if m not in self._found.get(event.id, set())]
            if not missing:
                continue
            how = "replaces" if event.replaces else "is held in"
            when = event.date.isoformat() + (f" to {event.last.isoformat()}" if event.last != event.date else "")
            meets = "; ".join(
                f"{m.id} meets {', '.join(WEEKDAY_NAMES[day] for day in m.days) or 'on no day'}" for m in missing
            )
            if len(missing) == len(event.meetings):
                self.report(
                    event,
                    f"the event {event.id!r} {how} {_names(missing)} on {when}, but {_it(missing)} not meet then "
                    f"({meets}; closures applied); use a day it meets, or give `to` to take in each one's day",
                    Subtype.VALUE,
                )
                continue
            sections = [m.section for m in missing if m.section]
            who = f"section {', '.join(sections)} has" if sections else "they have"
            self.report(
                event,
                f"the event {event.id!r} {how} {_names(missing)} on {when}, but {_it(missing)} not meet then "
                f"({meets}), so {who} no {event.title!r}; give `to` to take in each one's day, or name only "
                "the meetings that hold it",
                Subtype.VALUE,
                Severity.WARNING,
            )

    def report(self, event: EventSpec, message: str, subtype: Subtype, severity: Severity = Severity.ERROR) -> None:
        location = event.source or Location(self.path, 1, 1)
        self.diagnostics.append(Diagnostic(subtype, message, location, severity))


def _names(meetings: list[MeetingSpec]) -> str:
    return ", ".join(repr(m.id) for m in meetings)


def _it(meetings: list[MeetingSpec]) -> str:
    return "it does" if len(meetings) == 1 else "they do"
