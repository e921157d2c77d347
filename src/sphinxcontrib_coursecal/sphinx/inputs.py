"""What a course's generated files are made from, as one digest: unchanged inputs, nothing made again.

An edit-loop build that changes no course (a paragraph added to a notes page)
used to make every paper page's body and every feed again only to find them
the same. A course's *inputs* digest covers all they are made from:

* the package's version and files (so a development install's edit counts),
  the versions of Sphinx, docutils and sphinx-design, and every setting that can change a page or a feed
  (those Sphinx rereads or rewrites for);
* the bytes of each file the schedule was read from (the schedule, its papers
  and BibTeX files);
* the course domain's data: where each item is shown, which pages cite which
  paper, which pages link which event files and offer which features;
* the titles of the pages that cite a paper (a paper page lists them).

A file whose inputs, and whatever else its writer adds (the navigation of
a generated page, a feed's revisions), are the last build's is left as it is
when it is still there. Any doubt is a difference: a setting whose value
has no stable text (a function defined in ``conf.py``) changes the digest on
every build, so those builds make everything, as before.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils
import sphinx

from .. import __version__
from ..engine import Schedule
from .courses import course_domain

if TYPE_CHECKING:
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def digest(*parts: str | bytes) -> str:
    """One digest of several parts, each told apart from the next."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _stable(value: Any) -> Any:
    """A value as JSON whose text does not depend on set order or object addresses."""
    if isinstance(value, dict):
        return [[_stable(key), _stable(item)] for key, item in sorted(value.items(), key=lambda pair: repr(pair[0]))]
    if isinstance(value, (list, tuple)):
        return [_stable(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_stable(item) for item in value), key=repr)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return repr(value)  # an object's repr with its address differs every build: a difference, safely


def settings_digest(config: Config) -> str:
    """Every setting whose change makes Sphinx read or write pages again."""
    values = sorted((item.name, _stable(item.value)) for item in config.filter(frozenset({"env", "html"})))
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
        try:
            parts += [name, Path(name).read_bytes()]
        except OSError:
            parts += [name, "(unreadable)"]
    return digest(*parts)


def course_inputs(env: BuildEnvironment, schedule: Schedule) -> str:
    """The digest of what this course's generated pages and feeds are made from (module docstring)."""
    domain = course_domain(env)
    citing = sorted({docname for places in domain.data["cited"].values() for docname in places})
    titles = [(docname, env.titles[docname].astext() if docname in env.titles else "") for docname in citing]
    data = {name: value for name, value in domain.data.items() if name != "version"}
    return digest(
        code_digest(),
        settings_digest(env.config),
        files_digest(schedule.dependencies),
        json.dumps(_stable(data), ensure_ascii=False),
        json.dumps(titles, ensure_ascii=False),
    )
