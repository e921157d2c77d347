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
