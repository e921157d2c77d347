"""Words made from text: slugs that survive any script, unique ids, near misses, citation labels."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

from anyascii import anyascii


def slugify(text: str) -> str:
    """A lower-case id of letters, digits and hyphens, transliterated from any script.

    "Día de los Muertos" becomes ``dia-de-los-muertos`` and "第一讲" ``diyijiang``:
    a title in any language gives an id of its own, so two deadlines with
    Chinese titles do not both become ``item`` and then depend on their order.
    """
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-") or "item"


def unique(candidate: str, seen: set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3``… when an earlier item has it already."""
    number, found = 2, candidate
    while found in seen:
        found, number = f"{candidate}-{number}", number + 1
    return found


def suggest(name: str, known: Collection[str]) -> str:
    """ "; did you mean 'readings'?" for a near miss, else a list of what is known."""
    close = [key for key in known if key.lower() == name.lower()]  # "1pm" for "1PM"
    close = close or difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    if 0 < len(known) <= 12:
        return "; known: " + ", ".join(sorted(known))
    return ""


def citation_label(authors: tuple[str, ...], year: int | None, families: tuple[str, ...] = ()) -> str:
    """ "Vaswani+ 2017", "Dao and Gu 2024", "Bengio 2003": the default label.

    ``families`` (one per author) are used as given; without them each family
    name is read from the written name (`surname`).
    """
    named = families if len(families) == len(authors) else tuple(surname(author) for author in authors)
    surnames = [family for author, family in zip(authors, named, strict=True) if author.strip().lower() != "others"]
    if not surnames:
        return str(year) if year else ""
    if len(surnames) == 1 and len(authors) == 1:
        names = surnames[0]
    elif len(surnames) == 2 and len(authors) == 2:
        names = f"{surnames[0]} and {surnames[1]}"
    else:
        names = f"{surnames[0]}+"
    return f"{names} {year}" if year else names


def surname(author: str) -> str:
    """The family name of "Ashish Vaswani" or "Vaswani, Ashish"."""
    author = author.strip()
    if "," in author:
        return author.split(",", 1)[0].strip()
    return author.split()[-1] if author.split() else author


# Characters no text of a schedule holds: C0 and C1 controls (tab and line breaks
# aside, where a text may span lines), DEL, and the line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_BREAK = re.compile(r"[\r\n]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Text direction overrides make a title read differently from what it holds.
_DIRECTION = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Any of the above, in one search: a schedule's texts are read by the hundred thousand, and
# almost none holds one, so most texts are cleared by this single pass.
_ANY_PROBLEM = {
    lines: re.compile("|".join(p.pattern for p in (_SURROGATE, _CONTROL) + (() if lines else (_LINE_BREAK,))))
    for lines in (False, True)
}


def text_problem(text: str, lines: bool) -> str:
    """What makes ``text`` unfit for a schedule's text (one line unless ``lines``), or ""."""
    if not _ANY_PROBLEM[lines].search(text):
        return ""
    if _SURROGATE.search(text):
        return "holds a lone surrogate (half of a UTF-16 pair, from an escape like \\ud800); remove it"
    if not lines and _LINE_BREAK.search(text):
        return (
            "must be one line; a block scalar (| or >) keeps its line breaks: write the text on one line"
            " (in quotes if it holds a colon)"
        )
    control = _CONTROL.search(text)
    if control:
        return f"holds the control character U+{ord(control.group()):04X}, which no page or feed can show; remove it"
    return ""


def direction_override(text: str) -> str:
    """The first text direction override in ``text`` ("U+202E"), or ""."""
    if text.isascii():  # overrides are not ASCII, and isascii is a flag CPython keeps
        return ""
    found = _DIRECTION.search(text)
    return f"U+{ord(found.group()):04X}" if found else ""
