"""Shared paths: the two seed transcriptions and the seed pages they came from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sphinxcontrib_coursecal.engine import Schedule, load_schedule

pytest_plugins = ("sphinx.testing.fixtures",)

# Tests read Sphinx's plain output (status lines, warnings). Sphinx 9 colours it
# whenever CI=true, as CI sets; NO_COLOR switches that off here and in the
# sphinx-build subprocesses the tests start.
os.environ["NO_COLOR"] = "1"

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
SEEDS = Path(__file__).resolve().parent / "seeds"
SEED_000_SCHEDULE = REPO / "example_course" / "schedule.yaml"
SEED_003_SCHEDULE = REPO / "docs" / "gallery" / "cs599e1" / "schedule.yaml"


@pytest.fixture(scope="session")
def seed_000() -> Schedule:
    return load_schedule(SEED_000_SCHEDULE)


@pytest.fixture(scope="session")
def seed_003() -> Schedule:
    return load_schedule(SEED_003_SCHEDULE)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot="x")`` finds ``tests/roots/test-x`` (sphinx.testing)."""
    return ROOTS


# -- The browser: one Chromium, and one build of the test site per theme, for the session --
# (tests/chromium.py: Debian's Chromium with text in pinned fonts; tests/browser_site.py:
# the themed builds and their server.) Every test that opens a page uses these, so a
# README screenshot and a layout test measure the same text. The block stands alone
# (its imports here), so it moves as one piece.

from collections.abc import Iterator  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

from .browser_site import build_sites, serve  # noqa: E402
from .chromium import MissingBrowserError, launch_chromium  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    try:
        with launch_chromium(tmp_path_factory.mktemp("chromium")) as browser:
            yield browser
    except MissingBrowserError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def themed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test site in every supported theme, served on 127.0.0.1; yields the base URL."""
    root = tmp_path_factory.mktemp("browser-site")
    build_sites(root)
    yield from serve(root)
