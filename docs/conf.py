"""Sphinx configuration of the sphinxcontrib-coursecal documentation.

The site is built with the extension it documents: the gallery pages, the
tutorial's result and the examples in the how-to guides are real directives
over real schedules.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import sys
from pathlib import Path

from sphinxcontrib_coursecal import __version__

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

# -- Project -------------------------------------------------------------------------

project = "sphinxcontrib-coursecal"
author = "sphinxcontrib-coursecal developers"
copyright = "2025, sphinxcontrib-coursecal developers"  # noqa: A001 (Sphinx's name)
release = __version__
version = ".".join(__version__.split(".")[:2])

extensions = [
    "sphinxcontrib_coursecal",
    "myst_parser",
    "coursecal_docs",  # docs/_ext: reference tables generated from the code
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = [
    "_build",
    "_generated",  # schedule copies (see setup() below); data, not pages
    "schedule-format.md",  # included by reference/schedule-format.md, so it has one copy
    "tutorial/course",  # the tutorial's files, shown with literalinclude
    "Thumbs.db",
    ".DS_Store",
]
nitpicky = True
# The gallery shows schedules of other sites, whose sessions name notes pages that
# live there (example_course/notes/…), not here.
suppress_warnings = ["coursecal.notes-page"]
myst_enable_extensions = ["deflist"]
myst_heading_anchors = 3

# -- The courses shown ---------------------------------------------------------------
#
# Papers files must lie inside the project (the configuration directory), so the
# example course in ../example_course cannot be named from here: its papers.yaml
# would be refused. setup() below copies it into _generated/ before each build.

coursecal_schedule = {
    "cs599e1": "gallery/cs599e1/schedule.yaml",
    "cse599o": "_generated/cse599o/schedule.yaml",
    "dsa120": "gallery/dsa120/schedule.yaml",
}

# Feed links need the published address. Read the Docs sets this variable for
# every build (each version has its own); a local build links to "latest".
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://sphinxcontrib-coursecal.readthedocs.io/en/latest/"
)

# -- Output --------------------------------------------------------------------------

html_theme = "furo"
html_title = f"sphinxcontrib-coursecal {release}"
html_static_path = ["_static"]
# The JSON Schema at the site's top, where schedules' `# yaml-language-server: $schema=` line points
# (howto/editor.md): the file the package ships, generated from the format's declarations.
html_extra_path = ["../src/sphinxcontrib_coursecal/schema"]
html_css_files = ["docs.css"]

latex_documents = [
    ("index", "sphinxcontrib-coursecal.tex", "sphinxcontrib-coursecal", author, "manual"),
]
# Chapters are numbered; sections are not (the tutorial's headings carry step numbers).
latex_elements = {"preamble": r"\setcounter{secnumdepth}{0}"}
epub_show_urls = "no"
epub_exclude_files = ["schedule.schema.json"]  # for editors on the web site, not for readers


def copy_example_course(app: object, config: object) -> None:
    """``config-inited``: copy the example course into ``_generated/cse599o/``.

    A file is copied only when it differs, with its modification time, so
    builds stay incremental and the feeds' DTSTAMP (the schedule's mtime) is
    the original's.
    """
    target = DOCS / "_generated" / "cse599o"
    target.mkdir(parents=True, exist_ok=True)
    ignore = DOCS / "_generated" / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Copies made by docs/conf.py at each build.\n*\n", encoding="utf-8")
    for name in ("schedule.yaml", "papers.yaml"):
        source, copy = REPO / "example_course" / name, target / name
        if not copy.exists() or not filecmp.cmp(source, copy, shallow=False):
            shutil.copy2(source, copy)


def setup(app: object) -> None:
    app.connect("config-inited", copy_example_course, priority=100)  # type: ignore[attr-defined]
