"""The extension's own doctree nodes.

Views make standard docutils nodes wherever they can; these few stand for
what only the builder can decide (a feed link needs the output's URLs) or
what only HTML can show (a collapsible block). Each is replaced by a
post-transform before a writer sees it, or has an HTML visitor and is made
only in HTML builds.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from docutils import nodes


class feed_links(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A course's feed links (Subscribe, Download, Google), made once the builder is known."""


class event_ics(nodes.General, nodes.Element):  # noqa: N801
    """One event's "Add to calendar" link (HTML only)."""


class details(nodes.General, nodes.Element):  # noqa: N801
    """A collapsible block: <details open> in HTML. Only HTML builds ever hold one."""


class summary(nodes.General, nodes.TextElement):  # noqa: N801
    """The always-visible line of a :class:`details`."""


class zoned(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A clock time or deadline as the course's zone writes it, at its real instants.

    HTML pages (not EPUB) write it as ``<time>`` for the reader's-zone script;
    everywhere else it becomes its text again (``zones.py``).
    """


class zone_choice(nodes.General, nodes.Element):  # noqa: N801
    """The place of the page's "Times: course zone / your zone" choice (HTML pages only)."""


def utc(moment: dt.datetime) -> str:
    """An instant as HTML's ``datetime`` wants it: "2025-10-25T06:59:00Z"."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def zoned_time(
    text: str, zone: str, start: dt.datetime, end: dt.datetime | None = None, *, dated: bool = False
) -> zoned:
    """``text`` (a time, a range, or with ``dated`` a date and time) at ``start`` (to ``end``) in ``zone``.

    The node keeps the course's zone and the date the page shows the time
    under, so a converted time that falls on another day can say which.
    """
    node = zoned(text, text)
    node["start"] = utc(start)
    if end is not None and end != start:
        node["end"] = utc(end)
    node["zone"] = zone
    node["day"] = start.astimezone(ZoneInfo(zone)).date().isoformat()
    if dated:
        node["dated"] = True
    return node
