"""Feeds a student picks: some groups of kinds ("lectures", "deadlines"…), and a section.

Pure. A subscribe picker offers checkboxes for groups of kinds and a
section select; each choice it offers is a static feed the build writes, so
a student subscribes to exactly what they ticked without knowing file names.
Kinds in no group (closures, course-wide events) are in every choice: a
holiday explains a missing lecture whatever one subscribed to. Ticking every
group is the whole feed, or the section's feed: no copy is written for those.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .engine import Schedule, slugify
from .ics import Feed, course_name

DEFAULT_GROUPS: dict[str, list[str]] = {
    "lectures": ["lecture", "guest-lecture", "section", "lab", "presentation"],
    "office-hours": ["office-hours"],
    "deadlines": ["deadline", "release"],
    "exams": ["exam"],
}


@dataclass(frozen=True)
class Choice:
    """One combination a picker offers: the groups ticked, the section chosen, and its feed."""

    groups: tuple[str, ...]  # in the configured order
    section: str  # "" for every section
    feed: Feed

    @property
    def key(self) -> str:
        """How the picker's script names it: ``lectures,deadlines|A``."""
        return ",".join(self.groups) + "|" + self.section


def group_title(name: str) -> str:
    """ "office-hours" -> "Office hours" (feed names are written this way)."""
    return name.replace("-", " ").capitalize()


def present_groups(schedule: Schedule, groups: Mapping[str, Sequence[str]]) -> dict[str, frozenset[str]]:
    """The groups the course has something of, in the configured order."""
    kinds = {occurrence.kind for occurrence in schedule.occurrences}
    return {name: frozenset(members) for name, members in groups.items() if kinds & set(members)}


def sections(schedule: Schedule) -> list[str]:
    return sorted({meeting.section for meeting in schedule.meetings.values() if meeting.section})


def choices(
    schedule: Schedule,
    groups: Mapping[str, Sequence[str]],
    offered: str | Sequence[Sequence[str]] = "all",
    *,
    with_sections: bool = True,
    filename: str = "{course}.ics",
    named: Mapping[str, Feed] | None = None,
) -> list[Choice]:
    """Every combination offered: ``"all"`` non-empty sets of the course's groups, or the sets listed.

    ``named``: the course's own feeds by file name; a choice that holds every
    kind (for every section, or one) is that feed instead of a copy.
    """
    course = schedule.course
    if course is None:
        return []
    present = present_groups(schedule, groups)
    order = list(present)
    if offered == "all":
        wanted = [combo for size in range(1, len(order) + 1) for combo in itertools.combinations(order, size)]
    else:
        wanted = []
        for combo in offered:
            if combo and all(name in present for name in combo):
                ordered = tuple(sorted(set(combo), key=order.index))
                if ordered not in wanted:
                    wanted.append(ordered)
    grouped = frozenset().union(*(set(members) for members in groups.values()))
    kinds_here = {occurrence.kind for occurrence in schedule.occurrences}
    always = frozenset(kinds_here - grouped)
    stem = filename.format(course=course.id).removesuffix(".ics")
    known = dict(named or {})
    name = course_name(schedule)
    result = []
    for combo in wanted:
        kinds = always.union(*(present[group] for group in combo))
        for section in ["", *(sections(schedule) if with_sections else [])]:
            suffix = f"-section-{slugify(section)}" if section else ""
            whole = f"{stem}{suffix}.ics"
            if kinds >= kinds_here and whole in known:
                feed = known[whole]
            else:
                title = f"{name}: " + ", ".join(group_title(group) for group in combo)
                title += f", section {section}" if section else ""
                feed = Feed(f"{stem}-pick-{'_'.join(combo)}{suffix}.ics", title, kinds=kinds, section=section or None)
            result.append(Choice(combo, section, feed))
    return result
