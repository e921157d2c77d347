"""What each output format needs of the views' neutral nodes: the one place for such rewrites.

Views make standard docutils nodes; these post-transforms adapt them where a
format can do better (a collapsible color key in HTML) or cannot cope (a
month grid outside HTML, spanning cells in man and texinfo).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .i18n import _
from .nodes import details, summary
from .state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class LegendAsDetails(SphinxPostTransform):
    """In HTML the color key can be folded away, like the seed calendar's "Show color key"."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for box in list(self.document.findall(nodes.container)):
            if "coursecal-legend" not in box["classes"]:
                continue
            title = next(iter(box.findall(nodes.rubric)), None)
            text = title.astext() if title is not None else _("Color key")
            folded = details(classes=box["classes"])
            folded += summary(text, text)
            folded.extend(child for child in box.children if child is not title)
            box.replace_self(folded)


class MonthGridAsList(SphinxPostTransform):
    """Outside HTML a month grid reads badly: it becomes its days, in order."""

    default_priority = 200

    def is_supported(self) -> bool:
        builder = build_state(self.env).builder
        return builder is not None and builder.format != "html"

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            if "coursecal-month" not in table["classes"]:
                continue
            days = nodes.definition_list(classes=["coursecal-month-list"])
            for entry in table.findall(nodes.entry):
                items = [child for child in entry.children if isinstance(child, nodes.container)]
                if not items or "coursecal_day" not in entry:
                    continue
                day = nodes.definition_list_item()
                day += nodes.term(entry["coursecal_day"], entry["coursecal_day"])
                definition = nodes.definition()
                definition.extend(items)
                day += definition
                days += day
            table.replace_self(days)


class UnspanCells(SphinxPostTransform):
    """man and texinfo cannot span table cells: a spanning cell becomes its cells, the first filled."""

    default_priority = 200
    formats = ("man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            if not any(name.startswith("coursecal-") for name in table["classes"]):
                continue
            for entry in list(table.findall(nodes.entry)):
                extra = entry.attributes.pop("morecols", 0)
                parent = entry.parent
                for offset in range(extra):
                    parent.insert(parent.index(entry) + 1 + offset, nodes.entry("", nodes.paragraph()))


def visit_details(translator: HTML5Translator, node: details) -> None:
    translator.body.append(translator.starttag(node, "details", "", open="open"))


def depart_details(translator: HTML5Translator, node: details) -> None:
    translator.body.append("</details>\n")


def visit_summary(translator: HTML5Translator, node: summary) -> None:
    translator.body.append(translator.starttag(node, "summary", ""))


def depart_summary(translator: HTML5Translator, node: summary) -> None:
    translator.body.append("</summary>\n")


def setup_transforms(app: Sphinx) -> None:
    app.add_node(details, html=(visit_details, depart_details))
    app.add_node(summary, html=(visit_summary, depart_summary))
    app.add_post_transform(LegendAsDetails)
    app.add_post_transform(MonthGridAsList)
    app.add_post_transform(UnspanCells)
