"""Which links a schedule may put on a page: http(s), mailto and relative ones only."""

from __future__ import annotations

import re

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def safe_url(url: str) -> bool:
    """Only http(s), mailto and relative links may reach a page."""
    match = _SCHEME.match(url.strip())
    return match is None or match.group(1).lower() in SAFE_SCHEMES
