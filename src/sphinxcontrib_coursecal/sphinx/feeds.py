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
import json
from pathlib import Path
from typing import TYPE_CHECKING

from .. import ics
from ..engine import Schedule
from ..ics_files import CalendarFiles
from .changes import atom_feed
from .courses import course_domain, publishable_courses
from .digests import digest
from .inputs import course_inputs
from .names import EVENTS_FOLDER, event_filename
from .picker import PICKER, picker_choices
from .publication import feed_options, publication
from .site import course_feeds, history_files, writes_feeds
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
    files = PublishedFiles(app)
    for course in publishable_courses(app.env):
        schedule = load(app.env, course)
        result = publication(app.env, schedule)
        if schedule.course is None or result is None or result.revised is None:
            continue
        feeds = list(course_feeds(app.config, schedule).values())
        if pickers.get(schedule.path):  # a page offers a picker: write the combinations it links
            known = {feed.filename for feed in feeds}
            feeds += [c.feed for c in picker_choices(app.config, schedule) if c.feed.filename not in known]
        history = result.history.to_json()
        history_name, atom_name = history_files(app.config, schedule)
        events = [name for name in (event_filename(schedule, o.uid) for o in schedule.occurrences) if name in linked]
        names = [feed.filename for feed in feeds] + [history_name, atom_name]
        revisions = repr(sorted(result.revised.revisions.items()))
        inputs = digest(course_inputs(app.env, schedule), revisions, history, *names, *events)
        if files.unchanged(schedule, inputs, names, events):  # the last build's files, still there
            written.update(events)
            result.events.clear()
            continue
        calendars = CalendarFiles(
            schedule,
            **feed_options(app, schedule, result.site),  # type: ignore[arg-type]
            refresh=dt.timedelta(hours=app.config.coursecal_ics_refresh_hours),
            stamp=ics.dtstamp(schedule),
            revisions=result.revised.revisions,
            built=result.events,
        )
        for feed in feeds:
            if files.claim(feed.filename, schedule):
                (outdir / feed.filename).write_bytes(calendars.to_ical(feed=feed))
        if files.claim(history_name, schedule):
            (outdir / history_name).write_bytes(history)
        if files.claim(atom_name, schedule):
            (outdir / atom_name).write_bytes(atom_feed(app, schedule, result))
        # One small file per event a page links ("Add to calendar" in the list view).
        for occurrence in schedule.occurrences:
            name = event_filename(schedule, occurrence.uid)
            if name not in linked:
                continue
            target = outdir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(calendars.to_ical(occurrences=[occurrence], subscription=False))
            written.add(name)
        files.made(schedule, inputs)
        result.events.clear()  # what no file took (an empty slot a feed omits) is not kept either
    files.finish()
    remove_stale_event_files(outdir, written)


class PublishedFiles:
    """The files at the top of the output the feeds write: one name one file, none left stale.

    Two courses (or two sections of one course whose names make one file name) may
    not write the same file: the later is not written (``checks`` says so). What
    the last build wrote and this one does not (a removed section's feed, a
    combination no picker offers) is removed, as a clean build would not have it.
    """

    def __init__(self, app: Sphinx, what: str = "feeds") -> None:
        self.outdir = Path(app.outdir)
        self.record = Path(app.doctreedir) / f"coursecal-{what}-{app.builder.name}.json"
        self.claimed: dict[str, str] = {}  # file name: the schedule that writes it
        self.before, self.inputs_before = self._read_record()
        self.inputs: dict[str, str] = {}  # schedule path: the inputs its files were made from

    def _read_record(self) -> tuple[set[str], dict[str, str]]:
        try:
            data = json.loads(self.record.read_text(encoding="utf-8"))
            return set(data["files"]), {str(path): str(key) for path, key in data["inputs"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return set(), {}

    def unchanged(self, schedule: Schedule, inputs: str, names: list[str], events: list[str]) -> bool:
        """Whether the files ``schedule`` writes were made from ``inputs`` by the last build and are
        all still there (``inputs.py``); if so they are claimed and left as they are."""
        if self.inputs_before.get(schedule.path) != inputs or any(name in self.claimed for name in names):
            return False
        if not all((self.outdir / name).is_file() for name in [*names, *events]):
            return False
        for name in names:
            self.claim(name, schedule)
        self.made(schedule, inputs)
        return True

    def made(self, schedule: Schedule, inputs: str) -> None:
        """``schedule``'s files are made from ``inputs``."""
        self.inputs[schedule.path] = inputs

    def claim(self, name: str, schedule: Schedule) -> bool:
        """Whether ``schedule`` may write ``name``: no feed of this build has it yet (a clash is
        said once, by ``checks.feed_clashes``)."""
        if name in self.claimed:
            return False
        self.claimed[name] = schedule.path
        return True

    def finish(self) -> None:
        for name in sorted(self.before - set(self.claimed)):
            if "/" not in name and name.endswith((".ics", ".json", ".atom")):  # only files of ours
                (self.outdir / name).unlink(missing_ok=True)
        self.record.parent.mkdir(parents=True, exist_ok=True)
        data = {"files": sorted(self.claimed), "inputs": dict(sorted(self.inputs.items()))}
        self.record.write_text(json.dumps(data, indent=0), encoding="utf-8")


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
