"""Files a schedule names, confined to the project: nothing outside it is ever read."""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import Node

from .diagnostics import Subtype
from .yamlnodes import Reader

PAPERS_SUFFIXES = (".yaml", ".yml", ".bib")


def project_file(reader: Reader, node: Node, name: str, base: Path, root: Path, dependencies: list[str]) -> Path | None:
    """A papers file named relative to ``base``, read only from inside ``root``.

    Every file looked for joins ``dependencies``, found or not: creating a
    missing one later must reload the schedule.
    """
    candidate = Path(name)
    if candidate.is_absolute():
        reader.report(
            node, Subtype.PATH, f"papers file {name!r} is an absolute path; give a path relative to the schedule file"
        )
        return None
    try:
        target = (base / candidate).resolve()
        bound = root.resolve()
    except (OSError, RuntimeError, ValueError) as error:  # a NUL, a symbolic link loop, a name too long
        reason = getattr(error, "strerror", None) or str(error)
        reader.report(node, Subtype.PATH, f"papers file {name!r} cannot be found: {reason}; give a plain file name")
        return None
    if not target.is_relative_to(bound):
        reader.report(
            node, Subtype.PATH, f"papers file {name!r} lies outside the project ({bound}); move it into the project"
        )
        return None
    if target.suffix.lower() not in PAPERS_SUFFIXES:
        reader.report(node, Subtype.PATH, f"papers file {name!r} must end in .yaml, .yml or .bib")
        return None
    dependencies.append(str(target))
    try:
        exists, folder, regular = target.exists(), target.is_dir(), target.is_file()
    except OSError as error:
        reader.report(node, Subtype.PATH, f"papers file {name!r} cannot be read: {error.strerror or error}")
        return None
    if not exists:
        reader.report(node, Subtype.PATH, f"papers file {name!r} does not exist (looked for {target})")
    elif folder:
        reader.report(node, Subtype.PATH, f"papers file {name!r} is a folder; name a file in it")
    elif not regular:
        reader.report(node, Subtype.PATH, f"papers file {name!r} is not a regular file (a pipe or a device?)")
    return target if regular else None
