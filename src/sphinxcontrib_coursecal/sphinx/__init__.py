"""The Sphinx layer: directives, the ``course`` domain, paper pages, feeds, assets.

Each part registers itself with a ``setup_<part>(app)`` in its own module;
``setup`` below calls them and wires what the build as a whole needs: which
courses it knows, its builder, and each schedule's problems as warnings.
Nothing is imported before Sphinx loads the extension.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from .assets import setup_assets
from .calendar import setup_calendar
from .changes import setup_changes
from .checks import setup_checks
from .config import setup_config
from .design import setup_design
from .digests import ScheduleCache
from .feeds import setup_feeds
from .i18n import CATALOG
from .pages import setup_pages
from .picker import setup_picker
from .publication import setup_publication
from .readinglist import setup_reading_list
from .roles import setup_roles
from .schedule_json import setup_schedule_json
from .state import build_state, configured
from .subscribe import setup_subscribe
from .transforms import setup_transforms
from .zones import setup_zones

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def start_build(app: Sphinx) -> None:
    """``builder-inited``: the configured schedules (resolved against the conf dir) and the builder."""
    state = build_state(app.env)
    state.configured = configured(app.config, app.confdir)
    state.builder = app.builder
    state.schedules.cache = ScheduleCache(Path(app.doctreedir))
    state.schedules.limit(app.config.coursecal_max_entries, app.config.coursecal_max_papers)
    state.new_phase()


def new_phase(app: Sphinx, *args: Any) -> None:
    """Between reading and writing, schedule files may have changed: check them again, once."""
    build_state(app.env).new_phase()


def setup(app: Sphinx) -> dict[str, Any]:
    # Registering the catalog (even before any translation exists) makes _() give str.
    app.add_message_catalog(CATALOG, str(Path(__file__).parent.parent / "locale"))
    setup_design(app)  # sphinx-design, unless the project set it up already
    setup_config(app)
    setup_roles(app)
    setup_calendar(app)
    setup_reading_list(app)
    setup_subscribe(app)
    setup_picker(app)
    setup_changes(app)
    setup_publication(app)
    setup_feeds(app)
    setup_schedule_json(app)
    setup_pages(app)
    setup_assets(app)
    setup_transforms(app)
    setup_zones(app)
    app.connect("builder-inited", start_build, priority=100)
    app.connect("env-before-read-docs", new_phase)
    app.connect("env-updated", new_phase, priority=100)
    setup_checks(app)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
