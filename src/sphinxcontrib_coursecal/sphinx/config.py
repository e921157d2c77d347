"""Every ``coursecal_*`` setting, declared once.

The declaration registers the values with Sphinx, validates them at
``config-inited`` (a bad value warns and falls back to its default), and is
what the documentation's configuration table is generated from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from babel.dates import parse_pattern

from .views import VIEWS as VIEW_RENDERERS
from .views.table import HEADERS
from .warnings import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TABLE_COLUMNS = tuple(HEADERS)
VIEWS = tuple(VIEW_RENDERERS)


@dataclass(frozen=True)
class Setting:
    """One ``coursecal_<name>`` value: its default, what it accepts, and what it does."""

    name: str
    default: Any
    types: tuple[type, ...]
    help: str
    check: Callable[[Any], str | None] | None = None  # returns a complaint, or None when fine
    rebuild: Literal["env", "html"] = "env"

    @property
    def key(self) -> str:
        return f"coursecal_{self.name}"


def _schedule(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return None
    if isinstance(value, dict) and value and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return None
    return "must be a path (a string) or a mapping of course names to paths"


def _columns(value: Any) -> str | None:
    if isinstance(value, list | tuple) and value and all(column in TABLE_COLUMNS for column in value):
        return None
    return f"must be a list of columns out of {', '.join(TABLE_COLUMNS)}"


def _view(value: Any) -> str | None:
    return None if value in VIEWS else f"must be one of {', '.join(VIEWS)}"


def _directory(value: Any) -> str | None:
    if isinstance(value, str) and value.strip("/") and ".." not in value.split("/"):
        return None
    return "must be a relative directory name such as 'papers'"


def _pattern(value: Any) -> str | None:
    try:
        parse_pattern(value)
    except (TypeError, ValueError) as error:
        return f"is not a Babel date pattern ({error})"
    return None


def _filename(value: Any) -> str | None:
    if isinstance(value, str) and "{course}" in value and value.endswith(".ics") and "/" not in value:
        return None
    return "must be a file name ending in .ics that holds {course}, such as '{course}.ics'"


def _feeds(value: Any) -> str | None:
    if isinstance(value, dict) and all(
        isinstance(name, str) and name.replace("-", "").isalnum() and isinstance(kinds, list | tuple) and kinds
        for name, kinds in value.items()
    ):
        return None
    return "must map feed names (letters, digits, '-') to lists of kinds"


def _positive(value: Any) -> str | None:
    return (
        None
        if isinstance(value, int) and not isinstance(value, bool) and value > 0
        else "must be a whole number above 0"
    )


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "schedule",
        None,
        (str, dict, type(None)),
        "The schedule file, relative to the configuration directory; or a mapping of course names to "
        "schedule files for a site with several courses (directives then take ``:course: NAME``).",
        _schedule,
    ),
    Setting("default_view", "table", (str,), "The view ``course-calendar`` shows without ``:view:``.", _view),
    Setting(
        "table_columns",
        list(TABLE_COLUMNS),
        (list, tuple),
        "The columns of the table view, in order, when a directive gives no ``:columns:``.",
        _columns,
    ),
    Setting(
        "paper_pages",
        True,
        (bool,),
        "Write a page for every paper in the library, with where it is assigned, and a papers index. "
        "HTML and dirhtml builds only; other builders link readings to the reading list instead.",
    ),
    Setting(
        "paper_dir",
        "papers",
        (str,),
        "The folder of the output where paper pages are written.",
        _directory,
        rebuild="html",
    ),
    Setting(
        "date_format",
        "EEE MMM d",
        (str,),
        "How the table and list views write a date: a Babel pattern in the site's ``language``.",
        _pattern,
    ),
    Setting(
        "time_format",
        "HH:mm",
        (str,),
        "How times are written: a Babel pattern (``h:mm a`` for 12-hour times).",
        _pattern,
    ),
    Setting(
        "ics",
        True,
        (bool,),
        "Write each course's calendar feeds (``<course id>.ics`` and the feeds below) at the top of "
        "HTML builds, at the same address every build, so subscriptions keep working.",
        rebuild="html",
    ),
    Setting(
        "ics_filename",
        "{course}.ics",
        (str,),
        "The name of a course's full feed; ``{course}`` is the course id. Other feeds add ``-<name>``.",
        _filename,
        rebuild="html",
    ),
    Setting(
        "ics_feeds",
        {"deadlines": ["deadline", "release"], "office-hours": ["office-hours"]},
        (dict,),
        "Extra feeds of some kinds only: a mapping of feed name to kinds. A feed is written when the "
        "course has something of its kinds.",
        _feeds,
        rebuild="html",
    ),
    Setting(
        "ics_sections",
        True,
        (bool,),
        "Write a feed per section (``<course id>-section-<name>.ics``) for courses with sections.",
        rebuild="html",
    ),
    Setting(
        "ics_refresh_hours",
        12,
        (int,),
        "How often subscribed calendars should fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL).",
        _positive,
        rebuild="html",
    ),
    Setting(
        "upcoming_days",
        14,
        (int,),
        "How many days, from the reader's today, the upcoming view shows (``:days:`` overrides it).",
        _positive,
    ),
    Setting(
        "highlight_today",
        True,
        (bool,),
        "Add a small script that marks today and the current week in the calendar, scrolls the table to "
        "the current week and narrows the upcoming view to the days ahead (in the reader's browser, so a "
        "static site never shows a stale today). Without it the upcoming view shows the whole term.",
        rebuild="html",
    ),
)


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.key, setting.default, setting.rebuild, types=setting.types, description=setting.help
        )
    app.connect("config-inited", validate_config)


def validate_config(app: Sphinx, config: Config) -> None:
    """Warn about each bad value and use its default instead, before anything reads it."""
    for setting in SETTINGS:
        value = config[setting.key]
        complaint = None
        if not isinstance(value, setting.types):
            names = " or ".join(t.__name__ for t in setting.types if t is not type(None))
            complaint = f"must be a {names}, not {type(value).__name__}"
        elif setting.check is not None:
            complaint = setting.check(value)
        if complaint:
            warn(Warn.CONFIG, f"{setting.key} = {value!r} {complaint}; using the default {setting.default!r}")
            config[setting.key] = setting.default
