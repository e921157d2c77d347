"""The Sphinx layer: directives, the ``course`` domain, paper pages, assets.

Each part registers itself here; nothing is imported before Sphinx loads the
extension.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .. import __version__
from .assets import (
    LegendAsDetails,
    UnspanCells,
    add_assets,
    depart_details,
    depart_summary,
    details,
    month_grid_as_list,
    summary,
    visit_details,
    visit_summary,
    write_kind_styles,
)
from .calendar import CourseCalendar
from .config import setup_config
from .courses import domain_data, known_courses, set_courses
from .domain import OBJECT_TYPES, CourseDomain, CourseRole
from .feeds import (
    CourseIcs,
    event_ics,
    feed_links,
    report_missing_urls,
    resolve_event_links,
    resolve_feed_links,
    write_all_feeds,
)
from .pages import collect_paper_pages, paper_pages_enabled
from .readinglist import ReadingList
from .store import configured
from .warnings import emit_diagnostic

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class BareCourseRole(CourseRole):
    """``:paper:`` as well as ``:course:paper:``: the short roles belong to the course domain."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if ":" not in self.name:
            self.name = f"course:{self.name}"
        return super().run()


def remember_courses(app: Sphinx) -> None:
    """``builder-inited``: resolve configured schedules against the conf dir once.

    Also whether this builder writes paper pages, for objects.inv (singlehtml does not).
    """
    set_courses(app.env, configured(app.config, app.confdir))
    app.env.coursecal_paper_pages = paper_pages_enabled(app.config, app.builder)  # type: ignore[attr-defined]


def report_schedules(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: each schedule's problems, once per build, in file order."""
    for course in known_courses(env):
        for diagnostic in course.load().diagnostics:
            emit_diagnostic(diagnostic)


def outdated_waiting_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: re-read pages whose roles waited for a schedule that changed since.

    A role read before any schedule was known (no configuration; a later page's
    directive names the file) could note no dependency then.
    """
    waiting = domain_data(env).get("waiting", {})
    if not waiting:
        return []
    newest = 0
    for course in known_courses(env):
        for path in course.load().dependencies:
            with contextlib.suppress(OSError):
                newest = max(newest, Path(path).stat().st_mtime_ns // 1_000)  # microseconds, as all_docs
    return sorted(docname for docname in waiting if docname in env.all_docs and env.all_docs[docname] < newest)


def setup(app: Sphinx) -> dict[str, Any]:
    # Registering the catalog (even before any translation exists) makes _() give str.
    app.add_message_catalog("sphinxcontrib_coursecal", str(Path(__file__).parent.parent / "locale"))
    setup_config(app)
    app.add_domain(CourseDomain)
    for name in OBJECT_TYPES:
        app.add_role(name, BareCourseRole())
    app.add_directive("course-calendar", CourseCalendar)
    app.add_directive("reading-list", ReadingList)
    app.add_directive("course-ics", CourseIcs)
    app.add_node(feed_links)  # replaced at doctree-resolved, before any builder sees it
    app.connect("doctree-resolved", resolve_feed_links)
    app.add_node(event_ics)  # likewise
    app.connect("doctree-resolved", resolve_event_links)
    app.add_node(details, html=(visit_details, depart_details))
    app.add_node(summary, html=(visit_summary, depart_summary))
    app.add_post_transform(LegendAsDetails)
    app.connect("doctree-resolved", month_grid_as_list)
    app.add_post_transform(UnspanCells)
    app.connect("builder-inited", remember_courses)
    app.connect("builder-inited", add_assets)
    app.connect("env-check-consistency", report_schedules)
    app.connect("env-check-consistency", report_missing_urls)
    app.connect("build-finished", write_all_feeds)
    app.connect("env-get-outdated", outdated_waiting_pages)
    app.connect("env-updated", write_kind_styles)
    app.connect("html-collect-pages", collect_paper_pages)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
