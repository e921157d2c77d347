"""What each output format needs of the views' neutral nodes: the one place for such rewrites.

Views make standard docutils nodes; these post-transforms adapt them where a
format can do better (a collapsible color key, each month's name as its table's
caption, the table's empty cells marked for phones, the upcoming view's
messages, all in HTML) or cannot cope (a month grid outside HTML, spanning
cells in man and texinfo).
"""

from __future__ import annotations

import re
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
            found: list[nodes.Node] = [days]
            for entry in table.findall(nodes.entry):
                if entry.get("coursecal_workload"):  # a week's workload: a line after its days
                    found.extend(list(entry.children))
                    days = nodes.definition_list(classes=["coursecal-month-list"])
                    found.append(days)
                    continue
                items = [child for child in entry.children if isinstance(child, nodes.container)]
                if not items or "coursecal_day" not in entry:
                    continue
                day = nodes.definition_list_item()
                day += nodes.term(entry["coursecal_day"], entry["coursecal_day"])
                definition = nodes.definition()
                definition.extend(items)
                day += definition
                days += day
            kept = [node for node in found if not isinstance(node, nodes.definition_list) or node.children]
            table.replace_self(kept or [days])


class MonthCaption(SphinxPostTransform):
    """In HTML a month's name becomes its table's <caption>, so a screen reader names each grid.

    Other builders keep the name as the heading above the month (a caption in
    LaTeX would be numbered like a float, and the grid becomes a list anyway).
    """

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for rubric in list(self.document.findall(nodes.rubric)):
            table = rubric.next_node(descend=False, siblings=True)
            if "coursecal-month-name" not in rubric["classes"] or not isinstance(table, nodes.table):
                continue
            caption = nodes.title(rubric.rawsource, "", *rubric.children, classes=rubric["classes"])
            table.insert(0, caption)
            rubric.parent.remove(rubric)


class TableEmptyCells(SphinxPostTransform):
    """HTML only: the table's empty cells are marked, so a phone's block per class leaves them out.

    Each other cell is named by its column on a phone; the names are CSS strings
    in the generated stylesheet (``assets.label_styles``), shown by the
    stylesheet, so the page's own text stays the table's.
    """

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            if "coursecal-table" not in table["classes"]:
                continue
            bodies = [body for group in table.children for body in group.children if isinstance(body, nodes.tbody)]
            for body in bodies:  # table > tgroup > tbody > row > entry: children, no walk below them
                for row in body.children:
                    for entry in row.children:
                        if isinstance(entry, nodes.entry) and not entry.astext().strip():
                            entry["classes"].append("coursecal-empty-cell")


class UpcomingMessages(SphinxPostTransform):
    """HTML only: the lines the upcoming view's script shows; other builders show the whole term.

    Written here, translated, and hidden until the script picks the one that
    applies (see ``views/upcoming.py``).
    """

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for box in self.document.findall(nodes.container):
            if "coursecal-upcoming" not in box["classes"]:
                continue
            found = [match for name in box["classes"] if (match := re.fullmatch(r"coursecal-days-(\d+)", name))]
            days = int(found[0].group(1)) if found else 14
            messages = nodes.container(classes=["coursecal-upcoming-messages"])
            for name, text in (
                ("none", _("Nothing in the next {days} days.")),
                ("before", _("The term has not begun. Its first {days} days:")),
                ("after", _("The term has ended. Its last {days} days:")),
            ):
                line = text.format(days=days)
                messages += nodes.paragraph(line, line, classes=[f"coursecal-upcoming-{name}"])
            toggle = nodes.paragraph(classes=["coursecal-upcoming-toggle"])
            for name, text in (("all", _("Show the whole term")), ("window", _("Show the next {days} days"))):
                line = text.format(days=days)
                toggle += nodes.inline(line, line, classes=[f"coursecal-upcoming-show-{name}"])
            messages += toggle
            box.insert(0, messages)


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
    app.add_post_transform(MonthCaption)
    app.add_post_transform(TableEmptyCells)
    app.add_post_transform(UpcomingMessages)
