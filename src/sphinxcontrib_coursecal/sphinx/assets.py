"""HTML only: the stylesheet, the today script, kind colors, and the color key as <details>."""

from __future__ import annotations

import colorsys
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import webcolors
from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from .courses import known_courses

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("sphinxcontrib_coursecal")

STATIC = Path(__file__).parent / "static"
KINDS_CSS = "coursecal-kinds.css"


class details(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A collapsible block: <details open> in HTML. Only HTML builds ever hold one."""


class summary(nodes.General, nodes.TextElement):  # noqa: N801
    """The always-visible line of a :class:`details`."""


def visit_details(translator: HTML5Translator, node: details) -> None:
    translator.body.append(translator.starttag(node, "details", "", open="open"))


def depart_details(translator: HTML5Translator, node: details) -> None:
    translator.body.append("</details>\n")


def visit_summary(translator: HTML5Translator, node: summary) -> None:
    translator.body.append(translator.starttag(node, "summary", ""))


def depart_summary(translator: HTML5Translator, node: summary) -> None:
    translator.body.append("</summary>\n")


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


def month_grid_as_list(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: outside HTML a month grid reads badly; it becomes its days, in order."""
    if app.builder.format == "html":
        return
    for table in list(doctree.findall(nodes.table)):
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


def add_assets(app: Sphinx) -> None:
    """``builder-inited``: put the stylesheet and script beside the theme's."""
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("coursecal.css", "coursecal.js"):
        shutil.copyfile(STATIC / name, target / name)
    app.add_css_file("coursecal.css")
    app.add_css_file(KINDS_CSS)
    if app.config.coursecal_highlight_today:
        app.add_js_file("coursecal.js", defer="defer")


# Page backgrounds kind colors must stand out from (WCAG 2.1: 3:1 for graphics).
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#14181e"  # pydata's dark page; furo's (#131416) is as dark
GRAPHIC_CONTRAST = 3.0
DARK_SELECTORS = ('html[data-theme="dark"]', 'body[data-theme="dark"]')


def _luminance(color: str) -> float:
    """WCAG relative luminance of a hex color."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = webcolors.hex_to_rgb(color)
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(color: str, background: str) -> str:
    """The color, lightened or darkened just enough to stand out from the background."""
    try:
        hex_color: str = webcolors.normalize_hex(color) if color.startswith("#") else webcolors.name_to_hex(color)
    except ValueError:
        return color
    hue, lightness, saturation = colorsys.rgb_to_hls(*(v / 255 for v in webcolors.hex_to_rgb(hex_color)))
    step = 0.02 if _luminance(background) < 0.5 else -0.02
    candidate = hex_color
    while contrast(candidate, background) < GRAPHIC_CONTRAST and 0 <= lightness + step <= 1:
        lightness += step
        red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
        candidate = str(webcolors.rgb_to_hex((round(red * 255), round(green * 255), round(blue * 255))))
    return candidate


def kind_styles(env: BuildEnvironment) -> str:
    """Each course's kind colors as CSS custom properties, scoped to that course.

    A color too faint on white or on a dark theme is adjusted for that mode,
    so swatches and borders stay visible in furo's and pydata's dark modes.
    """
    light_rules = ["/* Generated by sphinxcontrib-coursecal from the schedules' kinds. */"]
    dark_rules: list[str] = []
    auto_rules: list[str] = []
    for course in known_courses(env):
        schedule = course.load()
        if schedule.course is None:
            continue
        scope = f".coursecal-course-{schedule.course.id} .coursecal-kind-{{kind}}"
        for kind in schedule.kinds.values():
            selector = scope.format(kind=kind.id)
            light_rules.append(f"{selector} {{ --coursecal-kind: {readable(kind.color, LIGHT_BACKGROUND)}; }}")
            dark = readable(kind.color, DARK_BACKGROUND)
            dark_rules.append(
                f"{', '.join(f'{mode} {selector}' for mode in DARK_SELECTORS)} {{ --coursecal-kind: {dark}; }}"
            )
            auto_rules.append(f'  body[data-theme="auto"] {selector} {{ --coursecal-kind: {dark}; }}')
    rules = [*light_rules, *dark_rules]
    if auto_rules:  # furo's default follows the reader's system
        rules += ["@media (prefers-color-scheme: dark) {", *auto_rules, "}"]
    return "\n".join(rules) + "\n"


def write_kind_styles(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: every schedule is known once reading is done."""
    if app.builder.format == "html":
        target = Path(app.outdir) / "_static" / KINDS_CSS
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(kind_styles(env), encoding="utf-8")
    return []
