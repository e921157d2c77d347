"""Where generated things live in the output: paper pages, the papers index, event files.

One home for these names, so the page generator, the domain (which links to
the pages and exports them to objects.inv) and the feeds agree.
"""

from __future__ import annotations

import re
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


def paper_page_name(config: Config, schedule: Schedule, key: str, several: bool) -> str:
    return f"{_folder(config, schedule, several)}/{page_key(key)}"


def index_page_name(config: Config, schedule: Schedule, several: bool) -> str:
    return f"{_folder(config, schedule, several)}/index"


def event_filename(schedule: Schedule, uid: str) -> str:
    """Where one event's .ics lives: ``_ics/<course id>/<uid>.ics``."""
    course_id = schedule.course.id if schedule.course else "course"
    return f"{EVENTS_FOLDER}/{course_id}/{uid}.ics"
