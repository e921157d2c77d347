"""Which courses a build knows, and the course domain's raw data.

Shared by the domain, the directives and the page generator, so none of them
has to import another for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..engine import Schedule
from . import store
from .render import DOMAIN

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

_COURSES_ATTRIBUTE = "coursecal_courses"


def set_courses(env: BuildEnvironment, courses: list[store.Course]) -> None:
    """Remember the configured courses (resolved against the conf dir at builder-inited)."""
    setattr(env, _COURSES_ATTRIBUTE, courses)


def configured_courses(env: BuildEnvironment) -> list[store.Course]:
    return cast("list[store.Course]", getattr(env, _COURSES_ATTRIBUTE, []))


def find_course(env: BuildEnvironment, name: str | None) -> store.Course | None:
    """A configured course by name; without a name, the first (the default course)."""
    courses = configured_courses(env)
    if name is None:
        return courses[0] if courses else None
    return next((course for course in courses if course.name == name), None)


def known_courses(env: BuildEnvironment) -> list[store.Course]:
    """Configured courses first, then every schedule a directive named, in a stable order."""
    courses = list(configured_courses(env))
    seen = {course.path for course in courses}
    used = sorted({path for paths in domain_data(env)["used"].values() for path in paths})
    root = Path(env.srcdir).resolve()
    for path in used:
        if Path(path) not in seen:
            courses.append(store.Course("", Path(path), root))
            seen.add(Path(path))
    return courses


def domain_data(env: BuildEnvironment) -> dict[str, Any]:
    return env.domaindata[DOMAIN]


def note_schedule(env: BuildEnvironment, docname: str, schedule: Schedule) -> None:
    """The document depends on the schedule and its papers files: edits re-read it."""
    for dependency in schedule.dependencies:
        env.note_dependency(dependency)
    used = domain_data(env)["used"].setdefault(docname, [])
    if schedule.path not in used:
        used.append(schedule.path)


def note_shown(env: BuildEnvironment, objtype: str, key: str, docname: str, anchor: str) -> None:
    shown = domain_data(env)["shown"].setdefault(objtype, {}).setdefault(key, {})
    shown.setdefault(docname, anchor)


def object_key(schedule: Schedule, item_id: str) -> str:
    """Domain keys carry the course id, so two courses may reuse an id."""
    course_id = schedule.course.id if schedule.course else Path(schedule.path).stem
    return f"{course_id}:{item_id}"
