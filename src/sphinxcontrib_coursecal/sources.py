"""A Sphinx project's pages as ``coursecal check --project`` sees them, without running Sphinx.

Two questions a schedule alone cannot answer: does a session's notes page
exist, and does a page cite a paper no session assigns? A build answers them
from its environment; the command answers them from the files: a document is
a source file (``.rst``, ``.md``, ``.txt``, ``.ipynb``) by its name without
the suffix, and a citation is a ``:paper:`` role (``{paper}`` in MyST)
written in one. Folders no build reads (``_build``, virtual environments,
hidden ones) are left out; ``exclude_patterns`` is not read, since that would
mean running ``conf.py``.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".rst", ".md", ".txt", ".ipynb")
SKIPPED = frozenset({"_build", "build", "venv", "env", "node_modules", "__pycache__", "site-packages"})
# :paper:`key`, :course:paper:`text <key>`, {paper}`key`: the key (maybe "course:key").
_CITATION = re.compile(r"[:{](?:course:)?paper[:}]`(?:[^`<]*<([^`>]+)>|([^`]+))`")


@dataclass
class Project:
    """The documents of a Sphinx project and the paper keys its pages cite."""

    root: Path
    documents: set[str] = field(default_factory=set)
    cited: set[str] = field(default_factory=set)

    def has_document(self, name: str) -> bool:
        return name in self.documents

    def cites(self, key: str) -> bool:
        """Whether a page cites the paper, by its key or course-qualified (``cs101:key``)."""
        return key in self.cited or any(cited.partition(":")[2] == key for cited in self.cited)


def read_project(root: Path) -> Project:
    """Every document under ``root`` and every paper its pages cite."""
    project = Project(root)
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(".") and name not in SKIPPED)
        for name in files:
            path = Path(folder, name)
            if path.suffix not in SUFFIXES:
                continue
            project.documents.add(path.relative_to(root).with_suffix("").as_posix())
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            for match in _CITATION.finditer(text):
                project.cited.add((match[1] or match[2]).strip())
    return project


def project_folder(schedule: Path, given: str | None) -> Path | None:
    """The project ``--project`` names, else the schedule's folder if it holds a ``conf.py``."""
    if given is not None:
        return Path(given)
    folder = schedule.resolve().parent
    return folder if (folder / "conf.py").is_file() else None


def conf_setting(folder: Path, name: str) -> object:
    """The value ``folder/conf.py`` gives ``name`` as a plain literal at its top level, else None.

    ``conf.py`` is not run: a value computed there is not seen (``--max-entries`` says it then).
    """
    try:
        tree = ast.parse((folder / "conf.py").read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return None
    found: object = None
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        else:
            continue
        if any(isinstance(target, ast.Name) and target.id == name for target in targets):
            try:  # the last assignment wins, as when conf.py runs
                found = ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                found = None
    return found
