"""Warnings: every one is ``type="coursecal"`` with a documented subtype.

Problems in a schedule file keep the engine's subtypes (see
:class:`~sphinxcontrib_coursecal.engine.Subtype`); problems in the Sphinx
project itself (a bad setting, an unknown ``:paper:`` key) have their own,
below. Either can be silenced with ``suppress_warnings = ["coursecal.<subtype>"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from ..engine import Diagnostic, Documented, Location, Subtype

if TYPE_CHECKING:
    from docutils.nodes import Node

logger = logging.getLogger("sphinxcontrib_coursecal")


class Warn(Documented):
    """Warning subtypes raised by the Sphinx layer, with what each means."""

    CONFIG = ("config", "A ``coursecal_*`` setting has a bad value; its default is used instead.")
    NO_SCHEDULE = (
        "no-schedule",
        "A directive or role needs a schedule, but none is configured or named, or the named course is unknown.",
    )
    OPTION = ("option", "A directive option has a value that cannot be used; it is ignored.")
    VIEW_LIMIT = (
        "view-limit",
        "A ``course-calendar`` view has more entries than ``coursecal_view_limit``: it draws the first "
        "ones and says so on the page. Show parts of the term in several views (``:from:``/``:to:``), "
        "or raise the setting.",
    )
    XREF = ("xref", "A ``:paper:``, ``:session:``, ``:deadline:`` or ``:unit:`` role names no such item.")
    NO_URL = (
        "no-url",
        "A feed link needs the site's address; set ``html_baseurl`` or ``course.url`` (on Read the Docs, "
        "its canonical URL is used).",
    )
    PREVIOUS = (
        "previous",
        "The feeds as published could not be read back (``coursecal_ics_previous_required`` is on), so "
        "SEQUENCE could not be compared with what subscribers have and the change history restarts.",
    )
    PAGE_CLASH = (
        "page-clash",
        "A paper's page would take the name of another page: another paper whose key differs only in "
        "punctuation, the papers index, or a document of the project. It is written under another name.",
    )
    COURSE_ID = (
        "course-id",
        "Two schedules of one site have the same ``course.id``: the second's feeds and paper pages "
        "would replace the first's, so they are not written.",
    )
    FEED_CLASH = (
        "feed-clash",
        "Two feeds would write one file: two courses whose feed names meet, or two sections (or a "
        "section and a feed of coursecal_ics_feeds) whose names make one file name. The later is not written.",
    )


def warn(subtype: Warn, message: str, location: Node | str | tuple[str, int] | None = None) -> None:
    logger.warning(message, type="coursecal", subtype=subtype.value, location=location)


def warn_at(subtype: Warn | Subtype, message: str, where: Location | None) -> None:
    """A warning about something a schedule file says, at ``path:line:column`` of the file."""
    # Sphinx uses a location with a colon verbatim, so the schedule file is named as it is.
    location = f"{where.path}:{where.line}:{where.column}" if where is not None else None
    logger.warning(message, type="coursecal", subtype=subtype.value, location=location)


def emit_diagnostic(diagnostic: Diagnostic) -> None:
    """An engine diagnostic as a Sphinx warning at the schedule's line."""
    warn_at(diagnostic.subtype, diagnostic.message, diagnostic.location)
