"""A real Sphinx project with both seed courses, for builds in tests.

The root ``tests/roots/test-courses`` holds the pages; the schedules are
copied in from their one home (``example_course/`` and
``docs/gallery/cs599e1/``), so the test site always shows the real courses.
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ROOT = HERE / "roots" / "test-courses"
SCHEDULES = {
    "cse599o": REPO / "example_course",
    "cs599e1": REPO / "docs" / "gallery" / "cs599e1",
}


def make_site(target: Path) -> Path:
    """Copy the test site into ``target`` (which must not exist) and return its source dir."""
    shutil.copytree(ROOT, target)
    for name, folder in SCHEDULES.items():
        destination = target / name
        destination.mkdir()
        for source in folder.iterdir():
            if source.suffix in (".yaml", ".bib"):
                shutil.copyfile(source, destination / source.name)
    return target
