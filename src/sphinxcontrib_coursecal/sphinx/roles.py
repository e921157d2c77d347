"""The roles ``:paper:``, ``:session:``, ``:deadline:`` and ``:unit:`` (also ``:course:paper:``…)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.roles import XRefRole

from .courses import OBJECT_TYPES, course_domain, known_courses, lookup, object_key
from .domain import CourseDomain
from .render import DOMAIN
from .state import load

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def note_schedule_use(env: BuildEnvironment, schedule_path: str, dependencies: tuple[str, ...]) -> None:
    """The document being read depends on the schedule and its papers files: edits re-read it."""
    for dependency in dependencies:
        env.note_dependency(dependency)
    course_domain(env).note_used(env.docname, schedule_path)


class CourseRole(XRefRole):
    """``:paper:`key```, ``:session:`id```, ``:deadline:`id```, ``:unit:`id```.

    The text is filled in at resolution, so it follows edits to the schedule;
    an unknown key warns then too (when every schedule the build uses is
    known), at the role's line, with the nearest known key.
    """

    innernodeclass = nodes.inline  # own text reads like the default text, not like code

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if ":" not in self.name:  # the short roles belong to the course domain
            self.name = f"{DOMAIN}:{self.name}"
        return super().run()

    def result_nodes(
        self,
        document: nodes.document,
        env: BuildEnvironment,
        node: nodes.Element,
        is_ref: bool,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain = course_domain(env)
        node["coursecal_raw"] = self.rawtext
        found = lookup(env, self.reftype, node["reftarget"])
        if found is None:
            # Checked again at resolution, when every schedule the build uses is known. Until
            # then the page depends on every schedule: fixing one must re-read it.
            for course in known_courses(env):
                schedule = load(env, course)
                note_schedule_use(env, schedule.path, schedule.dependencies)
            domain.note_waiting(env.docname)
            return [node], []
        schedule, key = found
        note_schedule_use(env, schedule.path, schedule.dependencies)
        node["coursecal_key"] = object_key(schedule, key)
        if self.reftype == "paper":
            # The citing place gets an id, so the paper's page can link back to it.
            anchor = domain.note_citation(node["coursecal_key"], env.docname)
            return [nodes.inline("", "", ids=[anchor]), node], []
        return [node], []


def depend_on_all(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: a page whose roles were read before any schedule was known (a later
    page's directive names the file) now depends on every schedule, so editing one re-reads it."""
    for docname in course_domain(env).waiting():
        for course in known_courses(env):
            # No document is being read now: note_dependency() would need the docname= of
            # Sphinx 8.1+, so add to the same public map it writes (absolute paths).
            paths = (env.srcdir / dependency for dependency in load(env, course).dependencies)
            env.dependencies.setdefault(docname, set()).update(paths)
    return []


def setup_roles(app: Sphinx) -> None:
    app.add_domain(CourseDomain)
    for name in OBJECT_TYPES:
        app.add_role_to_domain(DOMAIN, name, CourseRole())
        app.add_role(name, CourseRole())
    app.connect("env-updated", depend_on_all)
