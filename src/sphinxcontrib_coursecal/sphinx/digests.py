"""Digests of what the extension makes things from, and the placed-schedule cache built on them.

Everything here answers "is this the same as last time?" by content, never by
modification time alone: ``inputs.py`` uses it to leave feeds and paper pages
that would come out the same, and ``ScheduleCache`` to skip placing a
schedule whose files (and the code that places them) are the last build's.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sys
import tempfile
import zoneinfo
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils
import sphinx

from .. import __version__
from ..engine import Schedule, read_bytes

if TYPE_CHECKING:
    from sphinx.config import Config


def digest(*parts: str | bytes) -> str:
    """One digest of several parts, each told apart from the next."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def stable(value: Any) -> Any:
    """A value as JSON whose text does not depend on set order or object addresses."""
    if isinstance(value, dict):
        return [[stable(key), stable(item)] for key, item in sorted(value.items(), key=lambda pair: repr(pair[0]))]
    if isinstance(value, (list, tuple)):
        return [stable(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((stable(item) for item in value), key=repr)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return repr(value)  # an object's repr with its address differs every build: a difference, safely


def settings_digest(config: Config) -> str:
    """Every setting whose change makes Sphinx read or write pages again."""
    values = sorted((item.name, stable(item.value)) for item in config.filter(frozenset({"env", "html"})))
    return digest(json.dumps(values, ensure_ascii=False))


@functools.cache
def code_digest() -> str:
    """The extension's own files as installed, and the libraries that draw its pages."""
    package = Path(__file__).resolve().parent.parent
    found = []
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".mo", ".css", ".js", ".json"}:
            status = path.stat()
            found.append((path.relative_to(package).as_posix(), status.st_mtime_ns, status.st_size))
    versions = [__version__, sphinx.__version__, docutils.__version__, metadata.version("sphinx-design")]
    return digest(json.dumps(found), *versions)


def files_digest(paths: Iterable[str]) -> str:
    parts: list[str | bytes] = []
    for name in paths:
        parts += [name, _as_read(Path(name))]
    return digest(*parts)


def _as_read(path: Path) -> str | bytes:
    """What the engine reads of a file (``engine.read_bytes``): its bytes, or why it is not read
    (a pipe, a device, a file too large, one that is missing), never waiting on it."""
    found = read_bytes(path)
    return found if isinstance(found, bytes) else f"(not read: {found})"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def zones_digest() -> str:
    """Which time-zone rules placing uses: the tzdata package, or the system's database."""
    found = [_version("tzdata")]
    for folder in zoneinfo.TZPATH:
        try:
            status = (Path(folder) / "tzdata.zi").stat()
            found.append(f"{folder}:{status.st_mtime_ns}:{status.st_size}")
        except OSError:
            continue
    return digest(*found)


class Stash:
    """Values pickled in the doctree folder beside Sphinx's own pickle, each under a key.

    A value is given back only under the key it was put with; a file that is
    missing, cut short or from another version is as good as none. The folder
    is the build's own, which Sphinx trusts with its environment pickle too.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder

    def _file(self, name: str) -> Path | None:
        return None if self.folder is None else self.folder / f"coursecal-{digest(name)[:24]}.pickle"

    def get(self, name: str, key: str) -> object | None:
        file = self._file(name)
        if file is None:
            return None
        try:
            stored_key, value = pickle.loads(file.read_bytes())
        except Exception:  # missing, truncated or from another version (pickle raises many kinds): none
            return None
        return value if stored_key == key else None

    def put(self, name: str, key: str, value: object) -> None:
        file = self._file(name)
        if file is None:
            return
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
            with tempfile.NamedTemporaryFile(dir=file.parent, prefix=file.name, delete=False) as handle:
                handle.write(data)
            os.replace(handle.name, file)
        except (OSError, pickle.PicklingError, RecursionError):
            return  # a stash that cannot be written is only slower


class ScheduleCache(Stash):
    """Placed schedules from the last build.

    A schedule is taken from here only when the bytes of every file it was read
    from, the code that places it, Python and the time-zone rules are the same as
    when it was placed; anything else places it again.
    """

    @staticmethod
    def _key(schedule_files: Iterable[str]) -> str:
        return digest(code_digest(), sys.version, zones_digest(), files_digest(schedule_files))

    def schedule(self, path: Path, root: Path, limits: tuple[int, int] | None) -> Schedule | None:
        name = f"schedule {path} {root} {limits}"
        file = self._file(name)
        if file is None:
            return None
        try:
            key, schedule = pickle.loads(file.read_bytes())
        except Exception:  # missing, truncated or from another version: place it again
            return None
        if not isinstance(schedule, Schedule) or key != self._key(schedule.dependencies):
            return None
        return schedule

    def keep(self, path: Path, root: Path, limits: tuple[int, int] | None, schedule: Schedule) -> None:
        self.put(f"schedule {path} {root} {limits}", self._key(schedule.dependencies), schedule)
