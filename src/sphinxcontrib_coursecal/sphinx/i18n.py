"""The extension's message catalog: ``_()`` for the Sphinx layer, ``LABELS`` for shared words."""

from __future__ import annotations

from sphinx.locale import get_translation

from ..labels import Labels

CATALOG = "sphinxcontrib_coursecal"

_ = get_translation(CATALOG)
LABELS = Labels(_)
