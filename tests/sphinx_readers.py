"""Readers of Sphinx's outputs, for the tests: a page's text as a reader sees it.

Pure functions, shared by several test modules (not a test module: nothing here
is collected, and nothing here sets anything up; see conftest.py for the rule).
Readers used by one module only stay in that module.
"""

from __future__ import annotations

import datetime as dt
import re

from bs4 import BeautifulSoup, Tag

YEAR = 2025  # the test sites' courses run in autumn 2025; their pages write dates without a year


def squash(text: str) -> str:
    """Text as a reader compares it: whitespace collapsed, typographic apostrophes plain.

    Sphinx's smartquotes (on by default) write "Veteran's Day" with a curly
    apostrophe; a reader sees the same word.
    """
    return " ".join(text.replace("\u2019", "'").split())


def html_text(element: Tag) -> str:
    """An element's text; paragraphs separated by a space, inline pieces joined as rendered.

    epub writes a link's URL after its text (``epub_show_urls = "inline"``): not the page's words.
    """
    element = BeautifulSoup(str(element), "html.parser")
    for shown_url in element.select("span.link-target"):
        shown_url.decompose()
    paragraphs = element.find_all("p")
    if not paragraphs:
        return squash(element.get_text(""))
    return squash(" ".join(p.get_text("") for p in paragraphs))


def html_tables(soup: BeautifulSoup) -> list[list[list[str]]]:
    """Every table as rows of cell texts, the header row first."""
    return [
        [[html_text(cell) for cell in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]
        for table in soup.find_all("table")
    ]


def latex_text(text: str) -> str:
    """Rough LaTeX to text: enough to read what a table cell or a list item says."""
    text = text.replace("\\sphinxhyphen{}", "-").replace("\\&", "&").replace("\\_", "_").replace("\\%", "%")
    text = text.replace("\\textquotesingle{}", "'")
    text = re.sub(r"\\begin\{varwidth\}\[t\]\{\\sphinxcolwidth\{\d+\}\{\d+\}\}", " ", text)
    text = re.sub(r"\\(?:begin|end)\{sphinxuseclass\}\{[^}]*\}", " ", text)
    text = re.sub(r"\\sphinxstartmulticolumn\{\d+\}", " ", text)
    # Sphinx 7.4 ends a multi-column cell with a strut: layout, not text.
    text = text.replace("\\vskip-\\baselineskip\\vbox{\\hbox{\\strut}}", " ")
    text = re.sub(r"\\label\{\\detokenize\{[^}]*\}\}", " ", text)
    text = re.sub(r"\\hyperref\[\\detokenize\{[^}]*\}\]", " ", text)
    text = re.sub(r"\\(?:sphinxhref|DUrole|begin|end)\{[^}]*\}", " ", text)
    text = re.sub(r"\\[a-zA-Z]+\*?", " ", text)
    text = re.sub(r"%$", "", text, flags=re.MULTILINE)
    return squash(text.replace("{", "").replace("}", ""))


def cell_day(text: str) -> dt.date:
    """ "Tue Sep 2" (the default date format) as a date; the weekday must agree."""
    return dt.datetime.strptime(f"{text} {YEAR}", "%a %b %d %Y").date()
