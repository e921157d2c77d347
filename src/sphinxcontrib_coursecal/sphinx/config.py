"""Every ``coursecal_*`` setting, declared once.

The declaration registers the values with Sphinx, validates them at
``config-inited`` (a bad value warns and falls back to its default), and is
what the documentation's configuration table is generated from.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from babel.dates import format_date, format_time, parse_pattern

from ..combinations import DEFAULT_GROUPS
from ..ics import EMPTY_SLOTS
from .views import VIEWS as VIEW_RENDERERS
from .views.table import HEADERS
from .warnings import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TABLE_COLUMNS = tuple(HEADERS)
VIEWS = (*VIEW_RENDERERS, "tabs")  # "tabs": several views, one tab each (``:views:``)
TAB_VIEWS = ("month", "table", "list", "upcoming")  # the tabs ``:view: tabs`` shows without ``:views:``


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


_PLAIN = re.compile(r"[^\x00-\x1f\x7f]+")  # no control character: these become file names and URLs


def _schedule(value: Any) -> str | None:
    paths = [value] if isinstance(value, str) else list(value.values()) if isinstance(value, dict) else []
    names = list(value) if isinstance(value, dict) else []
    if value is not None and not paths:
        return "must be a path (a string) or a mapping of course names to paths"
    if not all(isinstance(item, str) and _PLAIN.fullmatch(item) for item in [*paths, *names]):
        return "must be a path (a string) or a mapping of course names to paths, without control characters"
    return None


def _columns(value: Any) -> str | None:
    if isinstance(value, list | tuple) and value and all(column in TABLE_COLUMNS for column in value):
        return None
    return f"must be a list of columns out of {', '.join(TABLE_COLUMNS)}"


def _view(value: Any) -> str | None:
    return None if value in VIEWS else f"must be one of {', '.join(VIEWS)}"


def _directory(value: Any) -> str | None:
    """A folder of the output of its own: "." would put paper pages over the home page."""
    parts = value.strip("/").split("/") if isinstance(value, str) else []
    if parts and all(re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", part) for part in parts):
        return None
    return "must be a relative directory name such as 'papers' (not '.', '..' or an absolute path)"


def _pattern_for(sample: dt.date | dt.time) -> Callable[[Any], str | None]:
    """A check that the Babel pattern parses and can write ``sample`` (a date pattern with a
    time zone field, or a time pattern with a day, fails only when it is used)."""

    def check(value: Any) -> str | None:
        if value is None:  # the language's own
            return None
        try:
            parse_pattern(value)
            if isinstance(sample, dt.date):
                format_date(sample, value, locale="en")
            else:
                format_time(sample, value, locale="en")
        except Exception as error:
            what = "date" if isinstance(sample, dt.date) else "time"
            return f"is not a Babel pattern that can write a {what} ({type(error).__name__}: {error})"
        return None

    return check


def _filename(value: Any) -> str | None:
    """A file name with ``{course}`` and no other field (a ``{term}`` would fail at every build)."""
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_.{}-]+\.ics", value):
        return "must be a file name ending in .ics that holds {course}, such as '{course}.ics'"
    try:
        fields = {name for _text, name, _spec, _conversion in string.Formatter().parse(value) if name is not None}
    except ValueError as error:
        return f"is not a file name pattern ({error}); write it like '{{course}}.ics'"
    if fields != {"course"}:
        return "may hold {course} and nothing else in braces, such as '{course}-feed.ics'"
    return None


def _feeds(value: Any) -> str | None:
    """Feed names become file names beside the course's own (``<course>-<name>.ics``)."""
    if isinstance(value, dict) and all(
        isinstance(name, str)
        and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]{0,40}", name)
        and isinstance(kinds, list | tuple)
        and kinds
        for name, kinds in value.items()
    ):
        taken = [name for name in value if name == "all" or name.startswith("section-")]
        if not taken:
            return None
        return f"may not name a feed {taken[0]!r}: 'all' and 'section-…' are the course's own feeds"
    return "must map feed names (letters, digits, '-') to lists of kinds"


def _previous(value: Any) -> str | None:
    if isinstance(value, bool) or (isinstance(value, str) and value.strip()):
        return None
    return "must be 'auto', False, an http(s) address or a folder"


def _empty_slots(value: Any) -> str | None:
    return None if value in EMPTY_SLOTS else f"must be one of {', '.join(map(repr, EMPTY_SLOTS))}"


def _combinations(value: Any) -> str | None:
    if value == "all":
        return None
    if isinstance(value, list | tuple) and all(
        isinstance(combo, list | tuple) and combo and all(isinstance(name, str) for name in combo) for combo in value
    ):
        return None
    return "must be 'all' or a list of lists of group names (keys of coursecal_ics_groups)"


def _positive(value: Any) -> str | None:
    """Hours between refreshes: at least one, at most a year (a larger one would never come)."""
    return (
        None
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 24 * 366
        else "must be a whole number of hours from 1 to 8784 (a year)"
    )


def _days(value: Any) -> str | None:
    """The upcoming view's window: a day at least, a year at most (the term is all it can show)."""
    return None if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 366 else DAYS_RANGE


DAYS_RANGE = "must be a whole number of days from 1 to 366"


def _count(value: Any) -> str | None:
    """A limit on entries: a whole number, at least 1."""
    return None if isinstance(value, int) and not isinstance(value, bool) and value > 0 else "must be at least 1"


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
        None,
        (str, type(None)),
        "How the table and list views write a date: a Babel pattern, in the site's ``language``. Unset, "
        "the language's own order (CLDR's ``MMMEd``: \"Fr., 24. Okt.\" in German); English writes "
        '``EEE MMM d`` ("Fri Oct 24").',
        _pattern_for(dt.date(2025, 10, 24)),
    ),
    Setting(
        "time_format",
        None,
        (str, type(None)),
        "How times are written: a Babel pattern (``h:mm a`` for 12-hour times, ``HH:mm`` for 24). Unset, "
        "the language's own clock (24-hour in German, Spanish and French); English writes ``HH:mm``.",
        _pattern_for(dt.time(23, 59)),
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
        "ics_previous",
        "auto",
        (str, bool),
        "Where the feeds as published are read back from, so each event's SEQUENCE rises exactly when it "
        "changes and the change history continues: ``'auto'`` (the site's address: ``course.url``, "
        "``html_baseurl`` or Read the Docs' ``READTHEDOCS_CANONICAL_URL``), another ``http(s)`` address, a "
        "folder (relative to the configuration directory) holding copies, or ``False`` (never compared).",
        _previous,
        rebuild="html",
    ),
    Setting(
        "ics_previous_required",
        False,
        (bool,),
        "Warn (instead of a note in the build log) when the previous publication cannot be read, so a "
        "``-W`` build fails and the site keeps its last publication and history. A first publication, "
        "where nothing is published yet, is never a warning.",
        rebuild="html",
    ),
    Setting(
        "ics_empty_slots",
        "title",
        (str,),
        "A slot of a meeting with a lecture plan but no session (the plan ran out): ``'title'`` puts it in "
        "the feeds titled once (\"BIO 210 Lecture\"); ``'omit'`` leaves it out of the feeds.",
        _empty_slots,
        rebuild="html",
    ),
    Setting(
        "ics_groups",
        DEFAULT_GROUPS,
        (dict,),
        "The groups of kinds a subscribe picker (``course-ics-picker``) offers as checkboxes: a mapping "
        "of group name to kinds. Kinds in no group (closures, events) are in every feed it offers.",
        _feeds,
        rebuild="html",
    ),
    Setting(
        "ics_combinations",
        "all",
        (str, list, tuple),
        "Which combinations of groups a subscribe picker offers, each a feed the build writes (for every "
        "section too, with ``coursecal_ics_sections``): ``'all'``, or a list of lists of group names.",
        _combinations,
        rebuild="html",
    ),
    Setting(
        "upcoming_days",
        14,
        (int,),
        "How many days, from the reader's today, the upcoming view shows (``:days:`` overrides it).",
        _days,
    ),
    Setting(
        "max_entries",
        2_500,
        (int,),
        "The most calendar entries one course may make: an item that would take it past this is not "
        "placed, with an error at its line. A course has a few hundred; raise it for a department's "
        "term (about 10,000) or an archive of many years (``coursecal`` reads it from ``conf.py`` when "
        "it is written as a number). It bounds what a mistaken or hostile schedule "
        "costs: every entry is in the feeds.",
        _count,
    ),
    Setting(
        "max_papers",
        1_000,
        (int,),
        "The most papers one course may have, each with its page: the papers past it (in the order the "
        "schedule and its papers files give them) are not read, with an error at the first. A course "
        "reads a few hundred; raise it for a large shared BibTeX library (``coursecal`` reads it from "
        "``conf.py`` when it is written as a number).",
        _count,
    ),
    Setting(
        "view_limit",
        500,
        (int,),
        "The most entries one ``course-calendar`` view draws (each tab counts alone). A view with more "
        "draws its first days, says so under them and warns; choose a part with ``:from:``/``:to:``, "
        "``:kinds:`` or ``:section:``, or raise this. The feeds carry every entry; the upcoming view "
        "is not cut.",
        _count,
    ),
    Setting(
        "json_export",
        True,
        (bool,),
        "Write each course's placed schedule as JSON (``<course id>-schedule.json``, format "
        "``coursecal-schedule/1``) beside its feeds in HTML builds, for scripts: :doc:`/howto/export`.",
        rebuild="html",
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
