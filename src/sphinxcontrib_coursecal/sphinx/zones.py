"""Times in the reader's zone: what HTML pages carry for it, and what other outputs keep.

Views write each clock time and deadline as a :class:`~.nodes.zoned` node:
the text the course's zone gives ("23:59"), with the instants it stands for.
An HTML page writes it as ``<time datetime="…Z">``, and the page's first
calendar with times gets a :class:`~.nodes.zone_choice` before it: an empty,
hidden ``<div>`` holding the choice's words in the site's language. The
script (``static/coursecal-zones.js``) shows the choice only to a reader whose
browser is in another zone, and converts the times with the browser's Intl.
Without the script, and in every other output (EPUB, LaTeX, text, man…),
the page says exactly what the course's zone says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .formats import formats_for
from .i18n import _
from .nodes import zone_choice, zoned
from .state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator


def converts(builder: Builder | None) -> bool:
    """HTML pages a browser shows (not EPUB, whose readers run no script of ours)."""
    return builder is not None and builder.format == "html" and not builder.name.startswith("epub")


class ZonedAsText(SphinxPostTransform):
    """Outside HTML pages a zoned time is its text again, so those outputs stay as they were."""

    default_priority = 190

    def is_supported(self) -> bool:
        return not converts(build_state(self.env).builder)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(zoned)):
            node.replace_self(node.children)


class ZoneChoice(SphinxPostTransform):
    """HTML pages: the place of the zone choice, once, before the first calendar that shows a time."""

    default_priority = 190

    def is_supported(self) -> bool:
        return converts(build_state(self.env).builder)

    def run(self, **kwargs: Any) -> None:
        for box in self.document.findall(nodes.container):
            if "coursecal" not in box["classes"]:
                continue
            first = next(iter(box.findall(zoned)), None)
            if first is None:
                continue
            formats = formats_for(self.config)
            zone = first["zone"]
            choice = zone_choice(classes=["coursecal-zones"])
            choice["zone"] = zone
            choice["hours"] = formats.hour_cycle()
            choice["label"] = _("Times:")
            choice["course"] = _("course zone ({zone})")
            choice["reader"] = _("your zone ({zone})")
            box.parent.insert(box.parent.index(box), choice)
            return


def visit_zoned(translator: HTML5Translator, node: zoned) -> None:
    attributes = {"datetime": node["start"], "data-coursecal-zone": node["zone"], "data-coursecal-day": node["day"]}
    if "end" in node:
        attributes["data-coursecal-end"] = node["end"]
    if node.get("dated"):
        attributes["data-coursecal-dated"] = "true"
    translator.body.append(translator.starttag(node, "time", "", CLASS="coursecal-zoned", **attributes))


def depart_zoned(translator: HTML5Translator, node: zoned) -> None:
    translator.body.append("</time>")


def visit_zone_choice(translator: HTML5Translator, node: zone_choice) -> None:
    words = {f"data-coursecal-{name}": node[name] for name in ("zone", "hours", "label", "course", "reader")}
    translator.body.append(translator.starttag(node, "div", "", hidden="hidden", **words))


def depart_zone_choice(translator: HTML5Translator, node: zone_choice) -> None:
    translator.body.append("</div>\n")


def setup_zones(app: Sphinx) -> None:
    app.add_node(zoned, html=(visit_zoned, depart_zoned))
    app.add_node(zone_choice, html=(visit_zone_choice, depart_zone_choice))
    app.add_post_transform(ZonedAsText)
    app.add_post_transform(ZoneChoice)
