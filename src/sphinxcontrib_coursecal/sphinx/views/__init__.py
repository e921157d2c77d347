"""The views of ``course-calendar``: one module each, one ``render(context, occurrences)`` each.

A view makes builder-neutral docutils nodes from a :class:`~.context.ViewContext`
and the occurrences the directive chose, and writes nothing to the
environment. A new view is a module here and a line in ``VIEWS``.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes

from ...engine import Occurrence
from . import agenda, month, table
from .context import ViewContext

View = Callable[[ViewContext, tuple[Occurrence, ...]], list[nodes.Node]]

VIEWS: dict[str, View] = {
    "table": table.render,
    "month": month.render,
    "list": agenda.render,
}
