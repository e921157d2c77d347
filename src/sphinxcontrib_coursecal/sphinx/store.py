"""Finding and loading the schedules a Sphinx project uses.

A schedule is named by ``coursecal_schedule`` (one path, or course names to
paths) or directly by a directive's argument. Loaded schedules are cached per
process, keyed by the modification times of every file they read, so each
worker of a parallel build loads a schedule once and an edit is always seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..engine import Schedule, load_schedule

if TYPE_CHECKING:
    from sphinx.config import Config

_CACHE: dict[Path, tuple[tuple[tuple[str, int, int], ...], Schedule]] = {}


@dataclass(frozen=True)
class Course:
    """A schedule as the project knows it: by configured name, or by its path.

    ``root`` is the directory its papers files must stay inside: the
    configuration directory for a configured schedule, the source directory
    for one a directive names.
    """

    name: str  # the configured name ("" for a single schedule); "" for a directive's argument too
    path: Path
    root: Path

    def load(self) -> Schedule:
        return load(self.path, self.root)


def configured(config: Config, confdir: str | Path) -> list[Course]:
    """The schedules named in ``coursecal_schedule``, in the order given."""
    value = config.coursecal_schedule
    if value is None:
        return []
    root = Path(confdir).resolve()
    if isinstance(value, str):
        return [Course("", (root / value).resolve(), root)]
    return [Course(name, (root / path).resolve(), root) for name, path in value.items()]


def _stamp(paths: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    stamp = []
    for name in paths:
        try:
            status = Path(name).stat()
            stamp.append((name, status.st_mtime_ns, status.st_size))
        except OSError:
            stamp.append((name, -1, -1))
    return tuple(stamp)


def load(path: Path, root: Path) -> Schedule:
    """The placed schedule at ``path``, reloaded whenever one of its files changed."""
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == _stamp(tuple(cached[1].dependencies)):
        return cached[1]
    schedule = load_schedule(path, root=root, display=str(path))
    _CACHE[path] = (_stamp(schedule.dependencies), schedule)
    return schedule
