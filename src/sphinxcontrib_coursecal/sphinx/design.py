"""sphinx-design's components, as the views and pages use them: badges, tab sets, card grids, dropdowns.

The extension sets sphinx-design up when the project has not (``setup_design``),
so its stylesheet, script and HTML transforms are there. Everything here is
made with sphinx-design's own machinery: ``create_component`` containers of
the shape its directives make (a ``tab-set`` of ``tab-item``\\ s, each a rubric
and a ``tab-content``; a ``dropdown`` with a rubric title), which its
post-transforms turn into tabs and ``<details>`` in HTML, and which every other
builder renders as what they are: headed blocks of ordinary nodes. Badges are
its badge node, with its classes, and pass their text through outside HTML.
The classes a card grid carries are the ones its ``grid`` and
``grid-item-card`` directives give by default, from its own option parsers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import new_document
from sphinx_design import badges_buttons
from sphinx_design.dropdown import DropdownHtmlTransform
from sphinx_design.grids import gutter_option, row_columns_option
from sphinx_design.shared import create_component, is_component

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# sphinx-design 0.7 made badges a node of their own; before, they were inlines with its classes.
_BADGE: type[nodes.inline] = getattr(badges_buttons, "sd_badge", nodes.inline)

GRID_COLUMNS = "1 2 2 3"  # cards per row on phones, small, medium and large screens
GRID_GUTTER = "2"


def badge(text: str, *names: str, color: str | None = None, outline: bool = False) -> nodes.inline:
    """A sphinx-design badge holding ``text``, with the extension's classes ``names`` too.

    Without ``color`` it is a plain badge, which the stylesheet draws in a kind's color.
    """
    node = _BADGE(text, text, classes=[*names, *badges_buttons.create_bdg_classes(color, outline)])
    return node


def tab_set(tabs: Sequence[tuple[str, list[nodes.Node], list[str]]], *names: str) -> nodes.container:
    """A tab set, one tab per ``(label, content, content's classes)``, the first selected.

    Outside HTML each tab is its label as a rubric, then its content.
    """
    tab_set = create_component("tab-set", classes=["sd-tab-set", *names])
    for index, (label, content, content_names) in enumerate(tabs):
        item = create_component("tab-item", classes=["sd-tab-item"], selected=index == 0)
        item += nodes.rubric(label, label, classes=["sd-tab-label"])
        item += create_component("tab-content", classes=["sd-tab-content", *content_names], children=content)
        tab_set += item
    return tab_set


def grid(items: Sequence[nodes.Element], *names: str) -> nodes.container:
    """A responsive grid (sphinx-design's ``grid`` directive's defaults), one item per element."""
    container = create_component("grid-container", classes=["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"])
    row = create_component(
        "grid-row",
        classes=["sd-row", *row_columns_option(GRID_COLUMNS), *gutter_option(GRID_GUTTER), *names],
    )
    for element in items:
        row += create_component("grid-item", classes=["sd-col", "sd-d-flex-row"], children=[element])
    container += row
    return container


def card(header: list[nodes.Node], body: list[nodes.Node], *names: str) -> nodes.container:
    """A card as ``grid-item-card`` makes it: full width in its grid cell, a header, a body."""
    card = create_component("card", classes=["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", *names])
    if header:
        card += create_component("card-header", classes=["sd-card-header"], children=header)
    content = create_component("card-body", classes=["sd-card-body"], children=body)
    for child in content.children:  # as sphinx-design's cards mark their direct paragraphs
        if isinstance(child, nodes.paragraph):
            child["classes"].append("sd-card-text")
    card += content
    return card


def dropdown(
    title: str, content: list[nodes.Node], *names: str, title_id: str = "", opened: bool = False
) -> nodes.container:
    """A collapsible block (the ``dropdown`` directive's node); outside HTML, its title and content.

    ``title_id`` names the block: sphinx-design gives its ``<details>`` the title's ids.
    """
    node = create_component(
        "dropdown",
        opened=opened,
        type="dropdown",
        has_title=True,
        icon=None,
        chevron=None,
        container_classes=["sd-mb-3", *names],
        title_classes=[],
        body_classes=[],
    )
    node += nodes.rubric(title, title, ids=[title_id] if title_id else [])
    node.extend(content)
    return node


def html_dropdowns(body: nodes.Element) -> nodes.Element:
    """A generated page's dropdowns made HTML, as sphinx-design's post-transform makes a document's.

    Generated pages are rendered apart (``builder.render_partial``), where no
    post-transform runs: the body goes through sphinx-design's own transform here.
    """
    if not any(True for _ in body.findall(lambda node: is_component(node, "dropdown"))):
        return body
    document = new_document("<coursecal>")
    document += body
    DropdownHtmlTransform(document).run()
    result = document.children[0]
    document.remove(result)
    assert isinstance(result, nodes.Element)
    return result


def setup_design(app: Sphinx) -> None:
    """sphinx-design, set up unless the project lists it already (then this does nothing)."""
    app.setup_extension("sphinx_design")
