"""The schedule engine: pure Python, no Sphinx.

``load_schedule(path)`` reads a schedule file (format 1), places everything on
the calendar and returns a :class:`Schedule` that carries its diagnostics. It
never raises on bad input.

This module is the engine's whole public API: the CLI, the ICS writer and the
Sphinx layer import from here, never from the engine's modules (a lint
contract in ``pyproject.toml`` enforces it).
"""

from __future__ import annotations

from pathlib import Path

from .calendar import Assignment, Schedule, occurrence_order, occurrences_by_day
from .diagnostics import Diagnostic, Documented, Location, Severity, Subtype
from .links import safe_url
from .lint import dead_notes_pages
from .load import collector_paused, read_spec, read_spec_text
from .model import (
    Closure,
    Course,
    Deadline,
    EventSpec,
    Kind,
    Link,
    MeetingSpec,
    Occurrence,
    Paper,
    Person,
    Reading,
    Role,
    ScheduleSpec,
    Session,
    SessionSpec,
    Unit,
    day_of,
    split_moment,
    week_begin,
    week_number,
)
from .papers import reading_links
from .place import place
from .schema_json import SCHEMA_URL, json_schema
from .text import citation_label, slugify, suggest
from .workload import LIMITS, MEASURES, Week, page_count, reading_minutes, reading_pages
from .yamlfile import read_bytes

__all__ = [
    "LIMITS", "MEASURES", "SCHEMA_URL", "Assignment", "Closure", "Course", "Deadline", "Diagnostic", "Documented",
    "EventSpec", "Kind", "Link", "Location", "MeetingSpec", "Occurrence", "Paper", "Person", "Reading", "Role",
    "Schedule", "ScheduleSpec", "Session", "SessionSpec", "Severity", "Subtype", "Unit", "Week", "citation_label",
    "collector_paused", "day_of", "dead_notes_pages", "json_schema", "load_schedule", "load_schedule_text",
    "occurrence_order", "occurrences_by_day", "page_count", "read_bytes", "reading_links", "reading_minutes",
    "reading_pages", "safe_url", "slugify", "split_moment", "suggest", "week_begin", "week_number",
]  # fmt: skip


def load_schedule(
    path: str | Path,
    *,
    root: str | Path | None = None,
    display: str | None = None,
    max_entries: int | None = None,
    max_papers: int | None = None,
) -> Schedule:
    """Load and place a schedule file.

    ``root`` is the project directory that papers files must lie in (default:
    the schedule's own folder); ``display`` is the path diagnostics show;
    ``max_entries`` the most calendar entries the course may make (default
    2,500: a course has a few hundred; a department's term about 10,000);
    ``max_papers`` the most papers it may have (default 1,000: each gets a page).
    """
    with collector_paused():
        spec, diagnostics = read_spec(path, root=root, display=display, max_papers=max_papers)
        return place(spec, diagnostics, max_entries)


def load_schedule_text(
    text: str,
    path: str = "schedule.yaml",
    *,
    root: str | Path | None = None,
    max_entries: int | None = None,
    max_papers: int | None = None,
) -> Schedule:
    """Load and place a schedule given as text; ``path`` names it in diagnostics."""
    with collector_paused():
        spec, diagnostics = read_spec_text(text, path, root=root, max_papers=max_papers)
        return place(spec, diagnostics, max_entries)
