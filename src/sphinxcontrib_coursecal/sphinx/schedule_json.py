"""The JSON export in a Sphinx build: each course's ``<course id>-schedule.json`` beside its feeds.

The document is ``export.py``'s, the same ``coursecal export --json`` writes;
the build adds only what it alone knows: the site's address and where the site
shows each occurrence, session, deadline, unit and paper (``href``, relative
to the site's root, as the feeds' event links and the course domain see it).
HTML, dirhtml and singlehtml write it; each build writes the same bytes for the
same schedule and pages, and removes the export of a course it no longer has.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..export import Places, dumps, export
from .courses import course_domain, course_pages, object_key, publishable_courses
from .digests import digest
from .feeds import PublishedFiles
from .inputs import course_inputs
from .names import paper_pages_enabled
from .site import base_url, export_file, page_url, path_for, publishes_site, writes_export
from .state import load

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..engine import Schedule


def places(env: BuildEnvironment, builder: Builder, schedule: Schedule) -> Places:
    """Where this build's site shows each item of the course (what it shows nowhere is left out)."""
    domain = course_domain(env)

    def shown(objtype: str, key: str) -> str | None:
        place = domain.shown_at(objtype, object_key(schedule, key))
        return page_url(builder, *place) if place else None

    def kept(found: dict[str, str | None]) -> dict[str, str]:
        return {key: value for key, value in found.items() if value is not None}

    sessions: dict[str, str | None] = {}
    for session in schedule.sessions:
        # As a :session: reference goes: where it is shown, else its notes page.
        page = session.spec.page if session.spec.page in env.all_docs else None
        sessions[session.anchor] = shown("session", session.anchor) or (page_url(builder, page, "") if page else None)
    if paper_pages_enabled(env.config, builder):
        pages = course_pages(env, schedule).pages
        papers = {key: builder.get_target_uri(pages[key]) for key in schedule.papers}
    else:
        papers = kept({key: shown("paper", key) for key in schedule.papers})
    occurrence_path = path_for(env, builder, schedule)
    return Places(
        base_url=base_url(env.config, schedule) or None,
        occurrences=kept({o.uid: occurrence_path(o) for o in schedule.occurrences}),
        sessions=kept(sessions),
        deadlines=kept({d.id: shown("deadline", d.id) for d in schedule.deadlines}),
        units=kept({unit: shown("unit", unit) for unit in schedule.units}),
        papers=papers,
    )


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: every course's JSON export at the top of the HTML output.

    With the export switched off, what an earlier build wrote is removed: a clean build would not have it.
    """
    if exception is not None or not publishes_site(app.builder):
        return
    files = PublishedFiles(app, "exports")
    chosen = publishable_courses(app.env) if writes_export(app.config, app.builder) else []
    for course in chosen:
        schedule = load(app.env, course)
        if schedule.course is None:
            continue
        name = export_file(app.config, schedule)
        inputs = digest(course_inputs(app.env, schedule), name)
        if files.unchanged(schedule, inputs, [name], []):  # the last build's file, still there
            continue
        if files.claim(name, schedule):  # two courses whose feeds share a name: said by checks
            document = export(schedule, places(app.env, app.builder, schedule))
            (Path(app.outdir) / name).write_bytes(dumps(document))
        files.made(schedule, inputs)
    files.finish()


def setup_schedule_json(app: Sphinx) -> None:
    app.connect("build-finished", write_exports)
