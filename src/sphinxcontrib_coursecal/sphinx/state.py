"""What one build knows: its builder, its schedules, and each schedule placed once.

A schedule is named by ``coursecal_schedule`` (one path, or course names to
paths) or directly by a directive's argument. Placed schedules are held per
build environment (never pickled with it), keyed by the file *and* the root
its papers files must lie in, and checked against their files' modification
times once per build phase (reading, then writing), not on every one of the
thousands of look-ups a large site makes. Forked parallel workers inherit
what the main process loaded. A new build process takes a schedule placed by
the last one (``digests.ScheduleCache``) when its files' bytes are the same.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..engine import Schedule, load_schedule
from .digests import ScheduleCache
from .names import PaperPages

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

Stamp = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class CourseRef:
    """A schedule as the project knows it: by configured name, or by its path.

    ``root`` is the directory its papers files must stay inside: the
    configuration directory for a configured schedule, the source directory
    for one a directive names.
    """

    name: str  # the configured name; "" for a single schedule or a directive's argument
    path: Path
    root: Path


def _stamp(paths: tuple[str, ...]) -> Stamp:
    stamp = []
    for name in paths:
        try:
            status = Path(name).stat()
            stamp.append((name, status.st_mtime_ns, status.st_size))
        except OSError:
            stamp.append((name, -1, -1))
    return tuple(stamp)


@dataclass
class Schedules:
    """Placed schedules by (path, root); each reloaded when one of its files changed."""

    _loaded: dict[tuple[Path, Path], tuple[Stamp, Schedule]] = field(default_factory=dict)
    _checked: set[tuple[Path, Path]] = field(default_factory=set)  # stat'ed in this phase
    cache: ScheduleCache = field(default_factory=ScheduleCache)  # the last build's, by content
    limits: tuple[int, int] | None = None  # coursecal_max_entries, coursecal_max_papers

    def limit(self, max_entries: int, max_papers: int) -> None:
        """The site's caps; schedules placed under others are placed again."""
        if (max_entries, max_papers) != self.limits:
            self._loaded.clear()
        self.limits = (max_entries, max_papers)

    def get(self, ref: CourseRef) -> Schedule:
        key = (ref.path, ref.root)
        cached = self._loaded.get(key)
        if cached is not None and (key in self._checked or cached[0] == _stamp(cached[1].dependencies)):
            self._checked.add(key)
            return cached[1]
        schedule = self.cache.schedule(ref.path, ref.root, self.limits) if cached is None else None
        if schedule is None:
            entries, papers = self.limits or (None, None)
            display = str(ref.path)
            schedule = load_schedule(ref.path, root=ref.root, display=display, max_entries=entries, max_papers=papers)
            self.cache.keep(ref.path, ref.root, self.limits, schedule)
        self._loaded[key] = (_stamp(schedule.dependencies), schedule)
        self._checked.add(key)
        return schedule

    def new_phase(self) -> None:
        """Files may have changed since the last phase: check each schedule again once."""
        self._checked.clear()


@dataclass
class BuildState:
    """One build's view of its courses; see the module docstring."""

    configured: list[CourseRef] = field(default_factory=list)
    builder: Builder | None = None
    schedules: Schedules = field(default_factory=Schedules)
    used_version: int = 0  # bumped whenever a document starts or stops using a schedule
    paper_pages: dict[tuple[str, bool], PaperPages] = field(default_factory=dict)  # by schedule path
    generated: set[str] = field(default_factory=set)  # pages html-collect-pages gives this build
    toctrees: dict[tuple[str, tuple[tuple[str, str], ...]], str] = field(default_factory=dict)
    _known: tuple[int, list[CourseRef]] | None = None

    def new_phase(self) -> None:
        """Files may have changed since the last phase (reading, writing): look again, once."""
        self.schedules.new_phase()
        self.paper_pages.clear()

    def known(self, used_in: Callable[[], tuple[set[str], Path]]) -> list[CourseRef]:
        """Configured courses first, then every schedule a directive named (``used_in()``: those
        paths, and the source folder), in a stable order."""
        if self._known is not None and self._known[0] == self.used_version:
            return self._known[1]
        used, srcdir = used_in()
        courses = list(self.configured)
        seen = {course.path for course in courses}
        for path in sorted(used):
            if Path(path) not in seen:
                courses.append(CourseRef("", Path(path), srcdir))
                seen.add(Path(path))
        self._known = (self.used_version, courses)
        return courses


_STATES: weakref.WeakKeyDictionary[BuildEnvironment, BuildState] = weakref.WeakKeyDictionary()


def build_state(env: BuildEnvironment) -> BuildState:
    state = _STATES.get(env)
    if state is None:
        state = _STATES[env] = BuildState()
    return state


def configured(config: Config, confdir: str | Path) -> list[CourseRef]:
    """The schedules named in ``coursecal_schedule``, in the order given."""
    value = config.coursecal_schedule
    if value is None:
        return []
    root = Path(confdir).resolve()
    if isinstance(value, str):
        return [CourseRef("", (root / value).resolve(), root)]
    return [CourseRef(name, (root / path).resolve(), root) for name, path in value.items()]


def load(env: BuildEnvironment, ref: CourseRef) -> Schedule:
    """The placed schedule of ``ref`` in this build."""
    return build_state(env).schedules.get(ref)


def find_course(env: BuildEnvironment, name: str | None) -> CourseRef | None:
    """A configured course by name; without a name, the first (the default course)."""
    courses = build_state(env).configured
    if name is None:
        return courses[0] if courses else None
    return next((course for course in courses if course.name == name), None)
