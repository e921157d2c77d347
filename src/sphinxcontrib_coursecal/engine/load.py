"""Loading a schedule file (format 1) into a spec, with line-accurate diagnostics.

The loader reads every section it can, reports every problem it sees in one
pass, and hands what it could read to placement. It never raises on bad input.
Sections are read in the order their references need: kinds and people before
the meetings that name them, papers before the sessions that read them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import schema
from .diagnostics import Diagnostic, Subtype
from .loader import Loader
from .model import ScheduleSpec
from .papers import read_papers, within_paper_cap
from .read_course import read_course, read_kinds, read_people, read_units
from .read_dated import read_deadlines, read_events
from .read_meetings import read_closures, read_meetings
from .read_sessions import read_sessions
from .yamlfile import compose, plain_data, plain_text, read_text
from .yamlnodes import Reader


def read(loader: Loader, text: str) -> None:
    """Every section of the file, in order."""
    reader = loader.reader
    reader.plain = plain_text(text)
    root, diagnostics = compose(text, reader.path)
    reader.diagnostics.extend(diagnostics)
    if root is None:
        if not diagnostics:
            reader.report(None, Subtype.MISSING, "the schedule file is empty; it needs at least `course`")
        return
    if not plain_data(text) and not reader.screen(root):
        return
    top = loader.fields(root, "the schedule", schema.TOP)
    if top is None:
        return
    version = reader.text(top.get("version"), "`version`")
    if version is not None and version not in schema.VERSIONS:
        reader.report(
            top.get("version"),
            Subtype.VALUE,
            f"this reads format 1 and 1.1; `version: {version}` is not supported (write 1 or 1.1, or leave it out)",
        )
    read_course(loader, top.get("course"))
    read_kinds(loader, top.get("kinds"))
    read_people(loader, top.get("people"))
    read_units(loader, top.get("units"))
    read_papers(loader, top.get("papers"))
    within_paper_cap(loader)
    read_meetings(loader, top.get("meetings"))
    read_closures(loader, top.get("closures"))
    read_sessions(loader, top.get("sessions"))
    read_deadlines(loader, top.get("deadlines"))
    read_events(loader, top.get("events"))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a schedule is read and placed, or its feed built and
    written; as it was again after.

    Composing a file makes a node and two marks per value, all alive until the
    file is read, and none in a reference cycle: each of the collector's passes
    over that growing heap finds nothing, and at 10,000 entries they took a
    third of the load. A feed's events and their content lines are the same: at
    10,000 entries the passes were 60% of building the feed and a third of
    writing it. Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _loader(file: Path, display: str, root: str | Path | None, max_papers: int | None) -> Loader:
    return Loader(
        path=file,
        root=Path(root) if root is not None else file.parent,
        reader=Reader(display),
        spec=ScheduleSpec(path=display, dependencies=[str(file)]),
        max_papers=max_papers,
    )


def read_spec(
    path: str | Path, *, root: str | Path | None = None, display: str | None = None, max_papers: int | None = None
) -> tuple[ScheduleSpec, list[Diagnostic]]:
    """Read a schedule file; ``root`` bounds where papers files may be read from."""
    file = Path(path)
    loader = _loader(file, display or str(path), root, max_papers)
    text, problems = read_text(file, loader.reader.path)
    if text is None:
        loader.reader.diagnostics.extend(problems)
    else:
        read(loader, text)
    return loader.spec, loader.reader.diagnostics


def read_spec_text(
    text: str, path: str = "schedule.yaml", *, root: str | Path | None = None, max_papers: int | None = None
) -> tuple[ScheduleSpec, list[Diagnostic]]:
    """Read a schedule from text (tests, previews); papers files resolve from ``path``'s folder."""
    loader = _loader(Path(path), path, root, max_papers)
    read(loader, text)
    return loader.spec, loader.reader.diagnostics
