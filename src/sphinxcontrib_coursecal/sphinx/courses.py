"""Which courses a build knows, where their paper pages go, and which course holds an item.

The course domain's data say which schedules the documents use; these
functions answer the questions every part asks of that: the known courses
(configured first, then those directives name), the ones that may publish
feeds and pages, and the schedule that holds a role's target.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..engine import Schedule
from .names import PaperPages, paper_pages
from .render import DOMAIN
from .state import CourseRef, build_state, load

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .domain import CourseDomain

OBJECT_TYPES = ("paper", "session", "deadline", "unit")


def course_domain(env: BuildEnvironment) -> CourseDomain:
    return cast("CourseDomain", env.get_domain(DOMAIN))


def known_courses(env: BuildEnvironment) -> list[CourseRef]:
    """Configured courses first, then every schedule a directive named, in a stable order."""
    # Looked up thousands of times a build: what is used, and where, only when it may have changed.
    return build_state(env).known(lambda: (course_domain(env).used_paths(), Path(env.srcdir).resolve()))


def publishable_courses(env: BuildEnvironment) -> list[CourseRef]:
    """Known courses whose feeds and paper pages may be written: the first of each course id.

    A second schedule with the same id would write the same feed files and (in a
    one-course folder) the same pages; ``check_courses`` warns about it.
    """
    seen: set[str] = set()
    found = []
    for course in known_courses(env):
        schedule = load(env, course)
        course_id = schedule.course.id if schedule.course else None
        if course_id is not None and course_id in seen:
            continue
        if course_id is not None:
            seen.add(course_id)
        found.append(course)
    return found


def several_courses(env: BuildEnvironment) -> bool:
    """Whether the site shows more than one course (paper pages then go under each course's id)."""
    return len(known_courses(env)) > 1


def course_pages(env: BuildEnvironment, schedule: Schedule) -> PaperPages:
    """The names of a course's paper pages in this build (see ``names.paper_pages``)."""
    state = build_state(env)
    several = several_courses(env)
    key = (schedule.path, several)
    if key not in state.paper_pages:
        state.paper_pages[key] = paper_pages(env.config, schedule, several, env.found_docs)
    return state.paper_pages[key]


def object_key(schedule: Schedule, item_id: str) -> str:
    """Domain keys carry the course id, so two courses may reuse an id."""
    course_id = schedule.course.id if schedule.course else Path(schedule.path).stem
    return f"{course_id}:{item_id}"


def has_item(schedule: Schedule, objtype: str, key: str) -> bool:
    if objtype == "paper":
        return key in schedule.papers
    if objtype == "session":
        return schedule.session(key) is not None
    if objtype == "deadline":
        return schedule.deadline(key) is not None
    return key in schedule.units


def item_keys(schedule: Schedule, objtype: str) -> list[str]:
    """Every key a role of ``objtype`` may name in one schedule."""
    if objtype == "paper":
        return list(schedule.papers)
    if objtype == "session":
        return [session.anchor for session in schedule.sessions]
    if objtype == "deadline":
        return [deadline.id for deadline in schedule.deadlines]
    return list(schedule.units)


def lookup(env: BuildEnvironment, objtype: str, target: str) -> tuple[Schedule, str] | None:
    """The schedule that holds ``target`` as an ``objtype``: ``key``, or ``course:key``.

    The whole target is tried as a key first: BibTeX keys often hold colons.
    """
    courses = [(course, load(env, course)) for course in known_courses(env)]
    for _course, schedule in courses:
        if has_item(schedule, objtype, target):
            return schedule, target
    course_name, _sep, key = target.partition(":")
    for course, schedule in courses:
        names = (course.name, schedule.course.id if schedule.course else None)
        if key and course_name in names and has_item(schedule, objtype, key):
            return schedule, key
    return None
