"""sphinxcontrib-coursecal: a course's whole calendar from one schedule file."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0.dev0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point: ``extensions = ["sphinxcontrib_coursecal"]``."""
    from .sphinx import setup as setup_sphinx  # noqa: PLC0415 (Sphinx loads only when Sphinx loads us)

    return setup_sphinx(app)
