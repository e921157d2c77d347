"""Calendar feeds in a Sphinx build: each course's .ics files at the top of the HTML output.

HTML builds write ``cse599o.ics``, ``cse599o-deadlines.ics`` … at one stable
URL per feed, the same every build, so a subscription keeps working; the
feeds a subscribe picker offers; one small file per event under ``_ics/``
for "Add to calendar" links; and the change history beside the feeds
(``cse599o-changes.json``, which the next build reads back, and its Atom
feed). Every file carries the revisions ``publication.py`` worked out for
this build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .. import ics
from .changes import atom_feed
from .courses import course_domain, publishable_courses
from .names import EVENTS_FOLDER, event_filename
from .picker import PICKER, picker_choices
from .publication import feed_options, publication
from .site import course_feeds, feed_stem, history_files, writes_feeds
from .state import load

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def write_all_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: every course's feeds at the top of the HTML output."""
    if exception is not None or not writes_feeds(app.config, app.builder):
        return
    domain = course_domain(app.env)
    linked = domain.event_files()
    pickers = domain.feature_pages(PICKER)
    outdir = Path(app.outdir)
    written: set[str] = set()
    for course in publishable_courses(app.env):
        schedule = load(app.env, course)
        result = publication(app.env, schedule)
        if schedule.course is None or result is None or result.revised is None:
            continue
        feeds = list(course_feeds(app.config, schedule).values())
        if pickers.get(schedule.path):  # a page offers a picker: write the combinations it links
            known = {feed.filename for feed in feeds}
            feeds += [c.feed for c in picker_choices(app.config, schedule) if c.feed.filename not in known]
        remove_stale_picks(outdir, feed_stem(app.config, schedule), {feed.filename for feed in feeds})
        common = {
            **feed_options(app, schedule, result.site),
            "refresh": dt.timedelta(hours=app.config.coursecal_ics_refresh_hours),
            "stamp": ics.dtstamp(schedule),
            "revisions": result.revised.revisions,
        }
        for feed in feeds:
            calendar = ics.build_calendar(schedule, feed=feed, **common)  # type: ignore[arg-type]
            (outdir / feed.filename).write_bytes(calendar.to_ical())
        history_name, atom_name = history_files(app.config, schedule)
        (outdir / history_name).write_bytes(result.history.to_json())
        (outdir / atom_name).write_bytes(atom_feed(app, schedule, result))
        # One small file per event a page links ("Add to calendar" in the list view).
        for occurrence in schedule.occurrences:
            name = event_filename(schedule, occurrence.uid)
            if name not in linked:
                continue
            target = outdir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            single = ics.build_calendar(schedule, occurrences=[occurrence], **common)  # type: ignore[arg-type]
            target.write_bytes(single.to_ical())
            written.add(name)
    remove_stale_event_files(outdir, written)


def remove_stale_picks(outdir: Path, stem: str, keep: set[str]) -> None:
    """Combination feeds no picker offers any more (an incremental build would leave them)."""
    for path in sorted(outdir.glob(f"{stem}-pick-*.ics")):
        if path.name not in keep:
            path.unlink()


def remove_stale_event_files(outdir: Path, written: set[str]) -> None:
    """One-event files of events that are gone, or that no page links any more: a clean build
    would not have them, and a subscriber must not download a slot that no longer exists."""
    folder = outdir / EVENTS_FOLDER
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*.ics")):
        if path.relative_to(outdir).as_posix() not in written:
            path.unlink()
    for directory in [*sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True), folder]:
        if not any(directory.iterdir()):
            directory.rmdir()


def setup_feeds(app: Sphinx) -> None:
    app.connect("build-finished", write_all_feeds)
