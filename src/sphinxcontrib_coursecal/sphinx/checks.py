"""What a build checks once every document is read, and says once, at the schedule's lines.

Each schedule's own diagnostics (but no unused paper that a page cites with
``:paper:``: the schedule alone cannot know); two schedules with one course
id; paper pages that would replace another page; sessions whose notes page
does not exist. Each is a warning of type ``coursecal`` at the line of the
schedule that says it, and nothing is overwritten.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import ics
from ..engine import Schedule, Subtype, dead_notes_pages
from .courses import course_domain, course_pages, known_courses, object_key
from .names import paper_pages_enabled
from .site import history_files, writes_feeds
from .state import build_state, load
from .warnings import Warn, emit_diagnostic, warn_at

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def feed_clashes(env: BuildEnvironment, schedule: Schedule, writers: dict[str, str]) -> None:
    """Feeds of this course whose file another feed already has: the later is not written."""
    feeds = ics.feeds(
        schedule,
        kind_feeds=env.config.coursecal_ics_feeds,
        sections=env.config.coursecal_ics_sections,
        filename=env.config.coursecal_ics_filename,
    )
    for name in [feed.filename for feed in feeds] + list(history_files(env.config, schedule)):
        holder = writers.get(name)
        if holder is None:
            writers[name] = schedule.path
            continue
        what = "another feed of this course" if holder == schedule.path else f"a feed of {holder}"
        warn_at(
            Warn.FEED_CLASH,
            f"the feed file {name} is also {what}; it is written once, for the first: rename a section, "
            "a feed in coursecal_ics_feeds, or the course id",
            schedule.course.location_in_file if schedule.course else None,
        )


def check_courses(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: every course's problems, in file order, once per build."""
    builder = build_state(env).builder
    pages = paper_pages_enabled(env.config, builder)
    feeds = writes_feeds(env.config, builder)
    writers: dict[str, str] = {}
    first_of: dict[str, str] = {}
    domain = course_domain(env)
    for course in known_courses(env):
        schedule = load(env, course)
        for diagnostic in schedule.diagnostics:
            if diagnostic.subtype is Subtype.UNUSED_PAPER and domain.citations(
                object_key(schedule, diagnostic.subject)
            ):
                continue  # a page cites it: it is used
            emit_diagnostic(diagnostic)
        if schedule.course is None:
            continue
        course_id = schedule.course.id
        if course_id in first_of:
            warn_at(
                Warn.COURSE_ID,
                f"course.id {course_id!r} is also the id of {first_of[course_id]}: its feeds and paper "
                "pages would replace that course's, so they are not written; give each course its own id",
                schedule.course.location_in_file,
            )
            continue
        first_of[course_id] = schedule.path
        if feeds:
            feed_clashes(env, schedule, writers)
        if pages:
            for clash in course_pages(env, schedule).clashes:
                warn_at(
                    Warn.PAGE_CLASH,
                    f"the page of the paper {clash.key!r} would be {clash.wanted}, which is {clash.holder}; "
                    f"it is written as {clash.given} instead (rename the key, or set coursecal_paper_dir)",
                    schedule.papers[clash.key].source,
                )
        for diagnostic in dead_notes_pages(schedule.sessions, lambda page: page in env.found_docs):
            emit_diagnostic(diagnostic)


def setup_checks(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_courses)
