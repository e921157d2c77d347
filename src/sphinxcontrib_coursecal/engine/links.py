"""Which links a schedule may put on a page: http(s), mailto and relative ones only.

A browser reads a link's scheme after its own clean-up (WHATWG URL): it drops
leading and trailing control characters and spaces and every tab and line
break, so ``"\\x01javascript:…"`` and ``"java\\tscript:…"`` are script links to
it. The scheme is judged after the same clean-up, and a link that holds a
control character at all is refused: no page or feed needs one.
"""

from __future__ import annotations

import re

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_EDGE = "".join(chr(code) for code in range(0x21))  # C0 controls and the space


def safe_url(url: str) -> bool:
    """Only http(s), mailto and relative links may reach a page."""
    if _CONTROL.search(url):
        return False
    cleaned = re.sub(r"[\t\n\r]", "", url).strip(_EDGE)
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in SAFE_SCHEMES
