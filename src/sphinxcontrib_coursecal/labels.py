"""The words feeds and pages write around the schedule's own text, in the site's language.

Pure: the ICS writer and the CLI use English; the Sphinx layer passes its
translation function, so a site with ``language = "de"`` gets German feeds
and pages from the same code. Messages are marked with :func:`N_` where they
are defined and translated where they are used.
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
_PAGE_RANGE = re.compile(r"(\d+)\s*(?:-{1,2}|\u2013|\u2014)\s*(\d+)")


@dataclass(frozen=True)
class Labels:
    """Translated words: ``labels("Readings")``, ``labels.class_number(5)``."""

    translate: Translate = _english

    def __call__(self, message: str) -> str:
        return str(self.translate(message))

    def class_number(self, number: int) -> str:
        """ "Class 5": a numbered session, in tables, headings, paper pages and feeds."""
        return self(CLASS_NUMBER).format(number=number)

    def pages(self, pages: str) -> str:
        """ "pp. 12-30" (an en dash) for a reading's ``pages: 12-30``, "p. 7" for ``7``; other text as written."""
        if pages.isdigit():
            return self(PAGE).format(page=pages)
        found = _PAGE_RANGE.fullmatch(pages)
        return self(PAGES).format(pages=f"{found[1]}\u2013{found[2]}") if found else pages
