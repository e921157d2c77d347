"""``.. course-ics-picker::``: a student ticks what they want and gets the feed for it.

Checkboxes for groups of kinds (``coursecal_ics_groups``: lectures, office
hours, deadlines, exams) and a section select; the Subscribe, Download and
Google links follow the choice. Every choice is a static feed the build
writes (``combinations.py``, ``coursecal_ics_combinations``), so the links
are plain files. The form is progressive enhancement: without JavaScript
the page shows the list of every feed offered, with the same three links
each, and other builders show that list alone.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..combinations import Choice, choices, sections
from ..engine import Schedule
from .courses import course_domain
from .directive import CourseDirective
from .i18n import LABELS, _
from .nodes import details, summary
from .render import classes
from .site import course_feeds, writes_feeds
from .state import CourseRef, build_state, load
from .subscribe import feed_line, feed_targets

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

PICKER = "picker"  # the domain's name for pages with a picker
SCRIPT = "coursecal-picker.js"
FORM_CLASS = "coursecal-picker-form"


def picker_choices(config: Config, schedule: Schedule) -> list[Choice]:
    """The combinations a picker of this course offers, each with the feed that holds it."""
    return choices(
        schedule,
        config.coursecal_ics_groups,
        config.coursecal_ics_combinations,
        with_sections=config.coursecal_ics_sections,
        filename=config.coursecal_ics_filename,
        named={feed.filename: feed for feed in course_feeds(config, schedule).values()},
        labels=LABELS,
    )


class ics_picker(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A subscribe picker, made once the builder (and so the links) is known."""


class CourseIcsPicker(CourseDirective):
    """``.. course-ics-picker::``: choose kinds and a section, get the feed's links."""

    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "course": directives.unchanged_required,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        schedule = self.schedule()
        if schedule is None:
            return []
        assert schedule.course is not None
        node = ics_picker(classes=self.box_classes(schedule, "picker"))
        node["schedule"] = schedule.path
        node["root"] = str(self.current_course.root if self.current_course else self.env.srcdir)
        self.set_source_info(node)
        domain = course_domain(self.env)
        domain.note_feature(PICKER, schedule.path, self.env.docname)
        domain.note_subscriber(schedule.path, self.env.docname, self.lineno)  # it needs the site's address too
        return [node]


class PickerLinks(SphinxPostTransform):
    """The placeholder becomes the form and its list (HTML), or the list alone."""

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        builder = build_state(self.env).builder
        for node in list(self.document.findall(ics_picker)):
            node.replace_self(self.picker(builder, node))

    def picker(self, builder: Builder | None, node: ics_picker) -> nodes.Element:
        schedule = load(self.env, CourseRef("", Path(node["schedule"]), Path(node["root"])))
        offered = picker_choices(self.config, schedule)
        box = nodes.container(classes=node["classes"])
        listing = nodes.bullet_list(classes=classes("feeds", "picker-list"))
        for choice in offered:
            listing += nodes.list_item("", feed_line(self.env, builder, schedule, choice.feed))
        if builder is None or not writes_feeds(self.config, builder) or not offered:
            box += listing
            return box
        box += nodes.raw("", self.form(builder, schedule, offered), format="html")
        title = _("Every feed offered")
        folded = details(classes=classes("picker-all"))
        folded += summary(title, title)
        folded += listing
        box += folded
        return box

    def form(self, builder: Builder, schedule: Schedule, offered: list[Choice]) -> str:
        """The checkboxes, the section select and the links, with every choice's links as data."""
        data = {
            choice.key: {"title": choice.feed.title, "links": feed_targets(self.env, builder, schedule, choice.feed)}
            for choice in offered
        }
        groups = list(dict.fromkeys(group for choice in offered for group in choice.groups))
        everything = data.get(",".join(groups) + "|") or next(iter(data.values()))
        boxes = "".join(
            f'<label class="coursecal-picker-group"><input type="checkbox" name="group" '
            f'value="{html.escape(group)}" checked> {html.escape(LABELS.feed(group))}</label>\n'
            for group in groups
        )
        include = html.escape(_("Include"))
        parts = [
            f'<form class="{FORM_CLASS}" data-coursecal-choices="{html.escape(json.dumps(data))}" hidden>',
            f'<fieldset class="coursecal-picker-groups"><legend>{include}</legend>\n{boxes}</fieldset>',
        ]
        order = sections(schedule)
        offered_sections = sorted({choice.section for choice in offered if choice.section}, key=order.index)
        if offered_sections:
            options = "".join(
                f'<option value="{html.escape(name)}">{html.escape(name)}</option>' for name in offered_sections
            )
            section, every = html.escape(_("Section")), html.escape(_("All sections"))
            parts.append(
                f'<p class="coursecal-picker-section"><label>{section} <select name="section">'
                f'<option value="" selected>{every}</option>{options}</select></label></p>'
            )
        links = " \u00b7 ".join(
            f'<a class="reference external coursecal-feed-link" href="{html.escape(href)}">{html.escape(label)}</a>'
            for label, href in everything["links"]
        )
        parts.append(
            f'<p class="coursecal-picker-result"><strong class="coursecal-picker-title">'
            f'{html.escape(str(everything["title"]))}</strong>: <span class="coursecal-picker-links">{links}</span></p>'
        )
        none = _("No feed is offered for this choice; tick at least one box, or see every feed offered below.")
        parts.append(f'<p class="coursecal-picker-none" hidden>{html.escape(none)}</p>')
        parts.append("</form>")
        return "\n".join(parts) + "\n"


def add_script(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: the picker's script, on the pages that have a picker only."""
    if FORM_CLASS in str(context.get("body", "")):
        app.add_js_file(SCRIPT, defer="defer")


def setup_picker(app: Sphinx) -> None:
    app.add_directive("course-ics-picker", CourseIcsPicker)
    app.add_node(ics_picker)  # replaced by PickerLinks before any writer sees it
    app.add_post_transform(PickerLinks)
    app.connect("html-page-context", add_script)
