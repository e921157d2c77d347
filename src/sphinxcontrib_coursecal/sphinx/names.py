"""Where generated things live in the output: paper pages, the papers index, event files.

One home for these names, so the page generator, the domain (which links to
the pages and exports them to objects.inv) and the feeds agree.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from ..engine import Schedule

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config

EVENTS_FOLDER = "_ics"


def paper_pages_enabled(config: Config, builder: Builder | None) -> bool:
    """Paper pages exist for multi-page HTML builders (html, dirhtml), not singlehtml or epub."""
    if not config.coursecal_paper_pages or not isinstance(builder, StandaloneHTMLBuilder):
        return False
    if isinstance(builder, SingleFileHTMLBuilder):
        return False
    return not builder.name.startswith("epub")


def page_key(key: str) -> str:
    """A paper key as a file name: BibTeX keys may hold '/' or '..' (DBLP), which must not
    reach the file system."""
    return re.sub(r"[^A-Za-z0-9_+-]", "-", key)


def _folder(config: Config, schedule: Schedule, several: bool) -> str:
    """``papers``; with several courses in one site, ``papers/<course>``."""
    folder = str(config.coursecal_paper_dir).strip("/")
    if several and schedule.course is not None:
        return f"{folder}/{schedule.course.id}"
    return folder


@dataclass(frozen=True)
class Clash:
    """A paper whose page could not take the name its key gives."""

    key: str
    wanted: str  # the page name the key gives
    holder: str  # what has that name already, in words
    given: str  # the name the page gets instead


@dataclass(frozen=True)
class PaperPages:
    """A course's generated pages: the papers index and a page per paper, every name its own."""

    index: str
    pages: dict[str, str]  # paper key: page name
    clashes: list[Clash] = field(default_factory=list)


def _free(wanted: str, taken: Collection[str]) -> str:
    name, number = wanted, 2
    while name in taken:
        name, number = f"{wanted}-{number}", number + 1
    return name


def paper_pages(config: Config, schedule: Schedule, several: bool, documents: Collection[str]) -> PaperPages:
    """Page names for a course's papers that replace nothing.

    Keys become file names (``page_key``), so "a.b", "a:b" and "a-b" want one
    name; a paper may be keyed ``index``; the project may hold a document of
    that name. The first paper in the library keeps the name its key gives;
    a later one (and any that meets a document or the index) gets a suffix.
    """
    folder = _folder(config, schedule, several)
    index = _free(f"{folder}/index", documents)
    holders: dict[str, str] = {index: "the papers index"}
    holders.update({name: f"the document {name}" for name in documents})
    pages: dict[str, str] = {}
    clashes: list[Clash] = []
    for key in schedule.papers:
        wanted = f"{folder}/{page_key(key)}"
        name = _free(wanted, holders)
        if name != wanted:
            clashes.append(Clash(key, wanted, holders[wanted], name))
        holders[name] = f"the paper {key!r}"
        pages[key] = name
    return PaperPages(index, pages, clashes)


def event_filename(schedule: Schedule, uid: str) -> str:
    """Where one event's .ics lives: ``_ics/<course id>/<uid>.ics``."""
    course_id = schedule.course.id if schedule.course else "course"
    return f"{EVENTS_FOLDER}/{course_id}/{uid}.ics"
