"""The extension's own doctree nodes.

Views make standard docutils nodes wherever they can; these few stand for
what only the builder can decide (a feed link needs the output's URLs) or
what only HTML can show (a collapsible block). Each is replaced by a
post-transform before a writer sees it, or has an HTML visitor and is made
only in HTML builds.
"""

from __future__ import annotations

from docutils import nodes


class feed_links(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A course's feed links (Subscribe, Download, Google), made once the builder is known."""


class event_ics(nodes.General, nodes.Element):  # noqa: N801
    """One event's "Add to calendar" link (HTML only)."""


class details(nodes.General, nodes.Element):  # noqa: N801
    """A collapsible block: <details open> in HTML. Only HTML builds ever hold one."""


class summary(nodes.General, nodes.TextElement):  # noqa: N801
    """The always-visible line of a :class:`details`."""
