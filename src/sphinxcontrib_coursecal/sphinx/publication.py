"""What this build publishes for each course: revisions against the previous publication, and the history.

Once reading is done (``env-updated``, in the main process, before any page
is written), each course's whole feed is compared with the one published
before (``previous.py`` reads it back, ``revisions.py`` compares), once per
build; every feed, the "what changed" pages and the history files then use
that one result. Parallel writers are forked after it and inherit it.

The build log says, once per course and as information, what the feeds were
compared with, or why with nothing (a first publication, the site offline):
then SEQUENCE follows the schedule alone (``ics.sequence``), and a history
that could not be read starts again. ``coursecal_ics_previous_required``
makes "could not read" a warning instead, so a ``-W`` build fails and the
site keeps its last good publication.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import icalendar
from sphinx.util import logging

from .. import ics
from ..engine import Schedule
from ..history import History, Revised
from ..ics_files import events_by_uid
from . import previous
from .courses import course_domain, publishable_courses
from .digests import Stash, digest
from .i18n import LABELS
from .inputs import course_inputs
from .site import base_url, course_feeds, history_files, url_for, writes_feeds
from .state import load
from .warnings import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger("sphinxcontrib_coursecal")
CHANGES = "changes"  # the domain's name for pages with a ``course-changes`` list


@dataclass(frozen=True)
class CoursePublication:
    """One course in this build: its revisions (HTML builds), and the history its pages show."""

    revised: Revised | None  # None: this builder writes no feeds, and shows the history as published
    history: History
    site: str
    # The events as built to compare, by UID: the feeds give each its revision rather than build it again.
    events: dict[str, icalendar.Event] = field(default_factory=dict, compare=False, repr=False)


_RESULTS: weakref.WeakKeyDictionary[BuildEnvironment, dict[str, CoursePublication]] = weakref.WeakKeyDictionary()


def publication(env: BuildEnvironment, schedule: Schedule) -> CoursePublication | None:
    """This build's result for the course of ``schedule`` (None before reading is done)."""
    return _RESULTS.get(env, {}).get(schedule.path)


def feed_options(app: Sphinx, schedule: Schedule, site: str) -> dict[str, object]:
    """What shapes an event's text in this build: every feed of the course is written with these."""
    return {
        "url_for": url_for(app.env, app.builder, schedule),
        "labels": LABELS,
        "empty_slots": app.config.coursecal_ics_empty_slots,
        "site": site,
    }


def prepare(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: each course compared with its previous publication; change pages rewritten."""
    results: dict[str, CoursePublication] = {}
    for course in publishable_courses(env):
        schedule = load(env, course)
        if schedule.course is not None:
            results[schedule.path] = prepare_course(app, schedule)
    _RESULTS[env] = results
    # A page listing changes shows this build's: write it again, even if its source did not change.
    return sorted({doc for docs in course_domain(env).feature_pages(CHANGES).values() for doc in docs})


def prepare_course(app: Sphinx, schedule: Schedule) -> CoursePublication:
    assert schedule.course is not None
    course = schedule.course.id
    site = base_url(app.config, schedule)
    feeds = writes_feeds(app.config, app.builder)
    where, why_not = previous.source(app.config, app.confdir, site)
    feed_name = course_feeds(app.config, schedule)["all"].filename
    history_name = history_files(app.config, schedule)[0]
    published: bytes | None = None
    history: History | None = None
    notes: list[str] = []
    unreadable = ""
    if where is None:
        notes.append(f"not compared with a previous publication: {why_not}")
    else:
        found = previous.read(where, feed_name) if feeds else previous.Read(None, missing=True)
        if found.problem:
            unreadable = f"could not read {where.where(feed_name)} ({found.problem})"
        elif found.data is not None:
            published = found.data
        elif feeds:
            notes.append(f"no feed is published at {where.where(feed_name)} yet: a first publication")
        if not found.problem:
            history, problem = read_history(where, history_name, course)
            if problem:
                notes.append(problem)
    now = ics.build_time()
    if not feeds:
        shown = history or History(course, since=ics.dtstamp(schedule))
        return CoursePublication(None, shown, site)
    options = feed_options(app, schedule, site)
    events: dict[str, icalendar.Event] = {}
    try:
        revised = revise(app, schedule, published, history, now, options, events)
    except ValueError as error:  # the published bytes are not this course's feed
        unreadable = f"could not use {where.where(feed_name) if where else feed_name} ({error})"
        published = history = None
        revised = ics.revise(schedule, None, None, now, **options)  # type: ignore[arg-type]
    if published is None and history is None:
        # Nothing to compare with: the history starts with this publication, at a reproducible time.
        revised = Revised(revised.revisions, (), History(course, since=ics.dtstamp(schedule)), compared=False)
    report(course, revised, where.where(feed_name) if where and published else "", notes, unreadable, app)
    return CoursePublication(revised, revised.history, site, events)


def revise(
    app: Sphinx,
    schedule: Schedule,
    published: bytes | None,
    history: History | None,
    now: dt.datetime,
    options: dict[str, object],
    events: dict[str, icalendar.Event],
) -> Revised:
    """``ics.revise``, or the last build's result when it compared the same course (``inputs.py``)
    with the same publication and found nothing changed: the build time then plays no part.
    The events built to compare go into ``events``."""
    stash = Stash(Path(app.doctreedir))
    name = f"revised {app.builder.name} {schedule.path}"
    key = digest(
        course_inputs(app.env, schedule),
        str(options["site"]),
        published if published is not None else "(none)",
        history.to_json() if history is not None else "(none)",
    )
    found = stash.get(name, key)
    if isinstance(found, Revised):
        return found
    current = ics.build_calendar(schedule, **options)  # type: ignore[arg-type]
    revised = ics.revise(schedule, published, history, now, current=current, **options)
    events.update(events_by_uid(current))
    if not revised.changes and (history is not None or published is None):
        stash.put(name, key, revised)
    return revised


def read_history(where: previous.Source, name: str, course: str) -> tuple[History | None, str]:
    """The published change history, or None and what the log should say."""
    found = previous.read(where, name)
    if found.data is None:
        reason = found.problem or "none is published yet"
        return None, f"the change history starts with this build ({where.where(name)}: {reason})"
    try:
        return History.from_json(found.data, course), ""
    except ValueError as error:
        return None, f"the change history at {where.where(name)} cannot be read ({error}); it starts again"


def report(course: str, revised: Revised, compared: str, notes: list[str], unreadable: str, app: Sphinx) -> None:
    """One line per course in the build log: what the feeds were compared with, and what changed."""
    if unreadable:
        message = (
            f"coursecal: {course}: {unreadable}; SEQUENCE follows the schedule alone this time "
            "(an event moved earlier may not update in subscribers' calendars), and the change "
            "history published with this build starts again"
        )
        if app.config.coursecal_ics_previous_required:
            warn(Warn.PREVIOUS, message)
            return
        notes.insert(0, message.removeprefix(f"coursecal: {course}: "))
    elif compared:
        count = len(revised.changes)
        what = f"{count} event{'s' if count != 1 else ''} changed" if count else "nothing changed"
        notes.insert(0, f"compared with the feed published at {compared}: {what}")
    else:
        notes.append("SEQUENCE follows the schedule alone this time")
    logger.info(f"coursecal: {course}: " + "; ".join(notes))


def setup_publication(app: Sphinx) -> None:
    app.connect("env-updated", prepare)
