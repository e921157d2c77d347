"""The schedule engine: pure Python, no Sphinx.

``load_schedule(path)`` reads a schedule file (format 1), places everything on
the calendar and returns a :class:`Schedule` that carries its diagnostics. It
never raises on bad input.
"""

from __future__ import annotations

from pathlib import Path

from .calendar import Assignment, Schedule
from .diagnostics import Diagnostic, Location, Severity, Subtype
from .load import read_spec, read_spec_text
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
    Session,
    SessionSpec,
    Unit,
    week_number,
)
from .place import place

__all__ = [
    "Assignment", "Closure", "Course", "Deadline", "Diagnostic", "EventSpec", "Kind", "Link",
    "Location", "MeetingSpec", "Occurrence", "Paper", "Person", "Reading", "Schedule", "Session",
    "SessionSpec", "Severity", "Subtype", "Unit", "load_schedule", "load_schedule_text", "week_number",
]  # fmt: skip


def load_schedule(path: str | Path, *, root: str | Path | None = None, display: str | None = None) -> Schedule:
    """Load and place a schedule file.

    ``root`` is the project directory that papers files must lie in (default:
    the schedule's own folder); ``display`` is the path diagnostics show.
    """
    spec, diagnostics = read_spec(path, root=root, display=display)
    return place(spec, diagnostics)


def load_schedule_text(text: str, path: str = "schedule.yaml", *, root: str | Path | None = None) -> Schedule:
    """Load and place a schedule given as text; ``path`` names it in diagnostics."""
    spec, diagnostics = read_spec_text(text, path, root=root)
    return place(spec, diagnostics)
