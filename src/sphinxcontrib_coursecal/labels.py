"""The words feeds and pages write around the schedule's own text, in the site's language.

Pure: the ICS writer and the CLI use English; the Sphinx layer passes its
translation function, so a site with ``language = "de"`` gets German feeds
and pages from the same code. Messages are marked with :func:`N_` where they
are defined and translated where they are used; Babel's extractor finds
``N_`` and ``_`` (``make catalogs``).

A schedule's own text (titles, rooms, a kind's ``label``) is shown as written,
with one exception: where a schedule says nothing, the engine supplies a word
("Lecture" for a meeting of kind ``lecture``, "No class" for a closure), and
those words are translated like the extension's own (:meth:`Labels.said`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Translate = Callable[[str], str]


def N_(message: str) -> str:  # noqa: N802 (the gettext convention for "mark, translate later")
    """Marks ``message`` for the message catalog; it is translated where it is shown."""
    return message


def _english(message: str) -> str:
    return message


CLASS_NUMBER = N_("Class {number}")
PAGES = N_("pp. {pages}")
PAGE = N_("p. {page}")
SECTION_FEED = N_("{feed}, section {section}")
_PAGE_RANGE = re.compile(r"(\d+)\s*(?:-{1,2}|\u2013|\u2014)\s*(\d+)")

# What a feed's descriptions say around the schedule's text (ics.py).
GUEST_LECTURE = N_("Guest lecture")
READINGS = N_("Readings")
OPTIONAL = N_("Optional")
PRESENTED_BY = N_("presented by")
LINK_TBA = N_("link TBA")
MATERIALS = N_("Materials")
TBA = N_("TBA")

# The engine's words where a schedule says nothing else: the default kinds' labels
# (engine/model.py's DEFAULT_KINDS, which a meeting without a title is also called)
# and a closure's title. tests/test_i18n.py keeps this list and the engine's the same.
ENGINE_WORDS = frozenset(
    {
        N_("Lecture"),
        N_("Section"),
        N_("Lab"),
        N_("Office hours"),
        N_("Exam"),
        N_("Deadline"),
        N_("Release"),
        N_("Holiday"),
        N_("Event"),
        N_("Presentation"),
        N_("Guest lecture"),
        N_("No class"),
    }
)

# The default feeds' and picker groups' names as titles ("office-hours" is "Office hours"):
# coursecal_ics_feeds and coursecal_ics_groups. Other names are shown as configured.
FEED_WORDS = (N_("Lectures"), N_("Office hours"), N_("Deadlines"), N_("Exams"))

# A paper's type, as its page names it (engine/schema.py's PAPER_TYPES; "paper" is not shown).
PAPER_TYPES = (N_("book"), N_("chapter"), N_("article"), N_("blog"), N_("code"), N_("video"), N_("notes"))


def feed_word(name: str) -> str:
    """ "office-hours" -> "Office hours": how a feed or group name is written as a title."""
    return name.replace("-", " ").capitalize()


@dataclass(frozen=True)
class Labels:
    """Translated words: ``labels("Readings")``, ``labels.class_number(5)``."""

    translate: Translate = _english

    def __call__(self, message: str) -> str:
        return str(self.translate(message))

    def said(self, text: str) -> str:
        """The schedule's text as written; one of the engine's own words (:data:`ENGINE_WORDS`) translated."""
        return self(text) if text in ENGINE_WORDS else text

    def class_number(self, number: int) -> str:
        """ "Class 5": a numbered session, in tables, headings, paper pages and feeds."""
        return self(CLASS_NUMBER).format(number=number)

    def feed(self, name: str) -> str:
        """A feed's or group's name as a title, translated when it is one of the defaults."""
        return self(feed_word(name))

    def section_feed(self, feed: str, section: str) -> str:
        """ "CSE 101 Autumn 2025, section A": a section's feed."""
        return self(SECTION_FEED).format(feed=feed, section=section)

    def pages(self, pages: str) -> str:
        """ "pp. 12-30" (an en dash) for a reading's ``pages: 12-30``, "p. 7" for ``7``; other text as written."""
        if pages.isdigit():
            return self(PAGE).format(page=pages)
        found = _PAGE_RANGE.fullmatch(pages)
        return self(PAGES).format(pages=f"{found[1]}\u2013{found[2]}") if found else pages
