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
    target = (base / candidate).resolve()
    bound = root.resolve()
    if not target.is_relative_to(bound):
        reader.report(
            node, Subtype.PATH, f"papers file {name!r} lies outside the project ({bound}); move it into the project"
        )
        return None
    if target.suffix.lower() not in PAPERS_SUFFIXES:
        reader.report(node, Subtype.PATH, f"papers file {name!r} must end in .yaml, .yml or .bib")
        return None
    dependencies.append(str(target))
    if not target.is_file():
        reader.report(node, Subtype.PATH, f"papers file {name!r} does not exist (looked for {target})")
        return None
    return target
