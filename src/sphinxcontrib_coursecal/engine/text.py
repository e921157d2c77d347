"""Ids made from text: slugs that survive any script, and ids kept unique."""

from __future__ import annotations

import re

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
