"""A week's workload: the pages and minutes of its required readings, the hours of its deadlines.

Readers call :func:`amount` for a count a schedule gives (``pages: 14`` on a
paper, ``minutes: 25``, ``hours: 6``): a count that is no number, negative or
absurd is reported at its line (a ``value`` problem, as an unreadable ``year``
is) and is left out; the rest of the course is read as usual. A reading's
page range (``pages: 12-30``) counts its pages (:func:`page_count`); a reading
of a whole paper counts the paper's ``pages``.

:func:`weekly` sums a placed course by the course's week numbers: each session
of the lecture plan once (sections that share a plan read it once), cancelled
sessions and optional readings left out; a deadline's hours in the week it is
due. :func:`over_ceiling` is the lint that names a week over ``course.workload``,
at the line of the reading (or deadline) that takes the week over.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from yaml.nodes import Node

from .diagnostics import Diagnostic, Location, Severity, Subtype
from .model import Course, Deadline, Paper, Reading, Session, day_of, week_number
from .yamlnodes import Reader

MEASURES = ("pages", "minutes", "hours")
# The most one item (or a week's ceiling) may say: more is a slip (a year, a page number), not work.
LIMITS = {"pages": 5000, "minutes": 6000, "hours": 500}
EXAMPLES = {"pages": "pages: 14", "minutes": "minutes: 25", "hours": "hours: 6"}
_NUMBER = re.compile(r"[+-]?[0-9][0-9_]*(\.[0-9]+)?")
_RANGE = re.compile(r"([0-9]+)\s*(?:-{1,2}|\u2013|\u2014)\s*([0-9]+)")


def amount(reader: Reader, node: Node | None, what: str, measure: str) -> float | None:
    """A count of ``measure`` as written (whole pages and minutes; hours may be 1.5), or None."""
    text = reader.text(node, what)
    if text is None:
        return None
    found = _NUMBER.fullmatch(text.strip())
    whole = measure != "hours"
    limit = LIMITS[measure]
    if found is None or (whole and found[1]):
        kind = "a whole number" if whole else "a number"
        reader.report(
            node,
            Subtype.VALUE,
            f"{what} is {text!r}, not {kind} of {measure}; write e.g. `{EXAMPLES[measure]}` "
            "(it is left out of the week's workload)",
        )
        return None
    value = float(found[0].replace("_", ""))
    if not 0 <= value <= limit:
        reader.report(
            node,
            Subtype.VALUE,
            f"{what} is {found[0]}; it must lie from 0 to {limit} {measure} (it is left out of the week's "
            "workload): check for a typo",
        )
        return None
    return int(value) if whole else value


def page_count(pages: str) -> int | None:
    """The pages a reading's ``pages`` text names: "12-30" is 19, "7" one, "1-5, 9-10" seven; else None."""
    total = 0
    for written in pages.split(","):
        part = written.strip()
        if re.fullmatch(r"[0-9]+", part):
            total += 1
            continue
        found = _RANGE.fullmatch(part)
        if found is None or int(found[2]) < int(found[1]):
            return None
        total += int(found[2]) - int(found[1]) + 1
    return total or None


def check_pages(reader: Reader, node: Node | None, pages: str, what: str) -> None:
    """A page range that ends before it starts, or names more pages than a week could hold, is a warning."""
    for part in pages.split(","):
        found = _RANGE.fullmatch(part.strip())
        if found is None:
            continue
        first, last = int(found[1]), int(found[2])
        if last < first:
            problem = (
                f"ends before it starts ({part.strip()!r}); write the first page first, e.g. `pages: {last}-{first}`"
            )
        elif last - first + 1 > LIMITS["pages"]:
            problem = f"names {last - first + 1} pages ({part.strip()!r}); check for a typo"
        else:
            continue
        reader.report(node, Subtype.VALUE, f"{what} {problem} (no pages are counted)", Severity.WARNING)
        return


def reading_pages(reading: Reading, papers: Mapping[str, Paper]) -> int | None:
    """The pages a reading asks: its own range, or (none given) the whole paper's ``pages``."""
    if reading.pages:
        count = page_count(reading.pages)
        return count if count is None or count <= LIMITS["pages"] else None
    paper = papers.get(reading.paper) if reading.paper else None
    return paper.page_count if paper is not None else None


def reading_minutes(reading: Reading, papers: Mapping[str, Paper]) -> int | None:
    if reading.minutes is not None:
        return reading.minutes
    paper = papers.get(reading.paper) if reading.paper else None
    return paper.minutes if paper is not None else None


@dataclass(frozen=True)
class Share:
    """What one reading or deadline adds to its week, and where the schedule says so."""

    week: int
    measure: str
    amount: float
    what: str  # "the reading 'vaswani2017' of the session 'intro'"
    where: Location | None


@dataclass(frozen=True)
class Week:
    """One week's totals, and the deadlines due in it."""

    number: int
    pages: int = 0
    minutes: int = 0
    hours: float = 0
    due: tuple[Deadline, ...] = ()

    def total(self, measure: str) -> float:
        return float(getattr(self, measure))


def _plan_order(sessions: Iterable[Session]) -> list[Session]:
    """Each session once (sections that share a plan read it once, in its first placement), in date order."""
    seen: set[tuple[str, str]] = set()
    found = []
    for session in sorted(sessions, key=lambda s: (s.date, s.spec.plan, s.spec.index)):
        key = (session.spec.plan, session.id)
        if key not in seen:
            seen.add(key)
            found.append(session)
    return found


def shares(
    course: Course, papers: Mapping[str, Paper], sessions: Iterable[Session], deadlines: Iterable[Deadline]
) -> Iterator[Share]:
    """Every count the course gives a week, in the order a student meets them."""
    for session in _plan_order(sessions):
        if session.cancelled:
            continue
        for reading in session.spec.readings:
            if reading.optional:
                continue
            counts = [
                (measure, count)
                for measure, count in (
                    ("pages", reading_pages(reading, papers)),
                    ("minutes", reading_minutes(reading, papers)),
                )
                if count
            ]
            if not counts:  # (most readings of most courses: their words are made only for a count)
                continue
            name = repr(reading.paper or reading.title)
            what = f"the reading {name} of the session {session.id!r} ({session.date.isoformat()})"
            where = reading.source or session.spec.source
            for measure, count in counts:
                yield Share(session.week, measure, count, what, where)
    for deadline in sorted(deadlines, key=lambda d: day_of(d.due)):
        if deadline.hours:
            week = week_number(course, day_of(deadline.due))
            what = f"the deadline {deadline.id!r} (due {day_of(deadline.due).isoformat()})"
            yield Share(week, "hours", deadline.hours, what, deadline.source)


def weekly(
    course: Course, papers: Mapping[str, Paper], sessions: Iterable[Session], deadlines: Iterable[Deadline]
) -> dict[int, Week]:
    """Each week's totals, by week number; empty when the course gives no count at all."""
    sums: dict[int, dict[str, float]] = {}
    deadlines = tuple(deadlines)
    for share in shares(course, papers, sessions, deadlines):
        totals = sums.setdefault(share.week, dict.fromkeys(MEASURES, 0.0))
        totals[share.measure] += share.amount
    if not sums:
        return {}
    due: dict[int, list[Deadline]] = {}
    for deadline in sorted(deadlines, key=lambda d: day_of(d.due)):
        due.setdefault(week_number(course, day_of(deadline.due)), []).append(deadline)
    return {
        number: Week(
            number,
            pages=int(sums.get(number, {}).get("pages", 0)),
            minutes=int(sums.get(number, {}).get("minutes", 0)),
            hours=round(sums.get(number, {}).get("hours", 0.0), 2),
            due=tuple(due.get(number, ())),
        )
        for number in sorted({*sums, *due})
    }


def given(papers: Mapping[str, Paper], sessions: Iterable[Session], deadlines: Iterable[Deadline]) -> bool:
    """Whether the schedule gives a workload count of its own (a page range alone does not: views
    show the totals automatically only then, so a course that never asked renders as before)."""
    return (
        any(paper.page_count is not None or paper.minutes is not None for paper in papers.values())
        or any(reading.minutes is not None for session in sessions for reading in session.spec.readings)
        or any(deadline.hours is not None for deadline in deadlines)
    )


def _number(value: float) -> str:
    return f"{value:g}"


def over_ceiling(
    course: Course, papers: Mapping[str, Paper], sessions: Iterable[Session], deadlines: Iterable[Deadline], path: str
) -> Iterator[Diagnostic]:
    """A week over a ceiling of ``course.workload``: a warning at what takes it over, once per week and measure."""
    ceilings = dict(course.workload)
    if not ceilings:
        return
    all_shares = list(shares(course, papers, sessions, deadlines))
    totals: dict[tuple[int, str], float] = {}
    for share in all_shares:
        totals[share.week, share.measure] = totals.get((share.week, share.measure), 0) + share.amount
    running: dict[tuple[int, str], float] = {}
    reported: set[tuple[int, str]] = set()
    for share in all_shares:
        key = (share.week, share.measure)
        ceiling = ceilings.get(share.measure)
        running[key] = running.get(key, 0) + share.amount
        if ceiling is None or key in reported or running[key] <= ceiling:
            continue
        reported.add(key)
        fix = (
            "give a deadline more time, or raise `course.workload.hours`"
            if share.measure == "hours"
            else "move a reading to another week, mark one `optional: true`, or raise "
            f"`course.workload.{share.measure}`"
        )
        yield Diagnostic(
            Subtype.WORKLOAD,
            f"week {share.week} asks {_number(totals[key])} {share.measure}, over the ceiling of "
            f"{_number(ceiling)}: {share.what} takes it over; {fix}",
            share.where or Location(path, 1, 1),
            Severity.WARNING,
        )
