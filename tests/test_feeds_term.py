"""A term on Read the Docs: ten edits, each built from a fresh clone, against the site as published.

The example course's schedule goes through the ten edits of ``term_edits``.
Each step is built as Read the Docs builds it: a fresh source folder (new
files, new modification times) and output folder, ``READTHEDOCS_CANONICAL_URL``
in the environment and no ``html_baseurl``, ``python -m sphinx -W``. The site
"as published" is a local http.server on 127.0.0.1 serving the previous
step's output at that canonical address, so each build reads its previous
publication back over HTTP. After each step:

* per UID, SEQUENCE never goes down and rises by one exactly for the events
  whose visible fields changed (worked out from the engine's occurrences,
  ``term_edits.expected_changes``), DTSTAMP and LAST-MODIFIED are this build's
  for them and as published for the others, and every file (kind feeds,
  picker feeds, one-event files) agrees with the whole feed;
* five consumers read the whole feed as the engine placed the course:
  recurring-ical-events, vobject, Home Assistant's ``ical``, ical.js, and
  Radicale, whose calendar is updated with the new feed (PUT each event,
  DELETE removed ones) and whose stored copy changes exactly where the
  schedule did;
* the "what changed" page and the Atom feed list exactly this step's changes
  (and keep the earlier ones), and every link of the subscribe picker is a
  feed the build wrote.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from docutils.nodes import make_id

from sphinxcontrib_coursecal.engine import Schedule, load_schedule

from .conftest import SEED_000_SCHEDULE, Server, client
from .ics_readers import (
    Event,
    by_stable_id,
    engine_events,
    install_icaljs,
    read_ha_ical,
    read_icaljs,
    read_recurring,
    read_vobject,
    resources,
    unfold,
)
from .term_edits import EDITS, expected_changes, texts

UTC = dt.UTC
SITE_PATH = "/en/latest/"
COURSE = "cse599o"
FIRST_BUILD = dt.datetime(2025, 9, 1, 16, 0, tzinfo=UTC)
CONF = """\
project = "CSE 599o"
extensions = ["sphinxcontrib_coursecal"]
coursecal_schedule = "schedule.yaml"
coursecal_paper_pages = False  # not what this test is about; the build stays quick
suppress_warnings = ["coursecal.notes-page"]  # the example's notes pages are not in this site
"""
PAGES = {
    "index.rst": "CSE 599o\n========\n\n.. toctree::\n\n   calendar\n   changes\n   subscribe\n",
    "calendar.rst": "Calendar\n========\n\n.. course-calendar::\n   :view: month\n\n"
    ".. course-calendar::\n   :view: list\n   :kinds: deadline\n   :add-to-calendar:\n",
    "changes.rst": "What changed\n============\n\n.. course-changes::\n   :details:\n",
    "subscribe.rst": "Subscribe\n=========\n\n.. course-ics-picker::\n\n.. course-ics::\n",
}


def build_time(step: int) -> dt.datetime:
    """Each step is published a week after the one before."""
    return FIRST_BUILD + dt.timedelta(days=7 * step)


def stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def without_course_url(text: str) -> str:
    """Read the Docs gives the address; a schedule should not name another (docs/howto/read-the-docs.md)."""
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("  url: ")]
    assert len(lines) == len(text.splitlines()) - 1
    return "".join(lines)


class Published(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Step:
    srcdir: Path
    outdir: Path
    schedule: Schedule
    log: str
    stored: dict[str, str]  # Radicale's copy after this step: stable id -> the stored resource


@dataclass
class Term:
    url: str  # the canonical address of the site, on 127.0.0.1
    steps: list[Step]

    def feed(self, step: int, name: str = f"{COURSE}.ics") -> bytes:
        return (self.steps[step].outdir / name).read_bytes()


def vevents(raw: bytes) -> dict[str, str]:
    """Each VEVENT's unfolded text by UID."""
    text = unfold(raw.decode("utf-8"))
    found = {}
    for event in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT\r\n", text, re.DOTALL):
        (uid,) = re.findall(r"^UID:(.*)$", event, re.MULTILINE)
        found[uid.strip()] = event
    return found


def prop(event: str, name: str) -> str:
    (found,) = re.findall(rf"^{name}(?:;[^:\r\n]*)?:(.*?)\r?$", event, re.MULTILINE)
    return str(found)


def stable(uid: str) -> str:
    return uid.split("@", 1)[0]


def upload(dav: Any, calendar_url: str, raw: bytes, before: dict[str, str]) -> dict[str, str]:
    """The feed's events PUT one resource each (as a client syncing it stores them), removed ones DELETEd;
    returns what the server then holds, by stable id."""
    current = {}
    for resource in resources(raw):
        (uid,) = re.findall(r"^UID:([^@\r\n]*)@", unfold(resource), re.MULTILINE)
        current[uid] = resource
        response = dav.put(f"{calendar_url}{quote(uid)}.ics", resource, {"Content-Type": "text/calendar"})
        assert response.status in (201, 204), (uid, response.status)
    for uid in before.keys() - current.keys():
        assert dav.delete(f"{calendar_url}{quote(uid)}.ics").status in (200, 204), uid
    stored = {}
    for item in dav.calendar(url=calendar_url).events():
        (uid,) = re.findall(r"^UID:([^@\r\n]*)@", item.data, re.MULTILINE)
        stored[uid] = item.data
    return stored


@pytest.fixture(scope="module")
def term(tmp_path_factory: pytest.TempPathFactory, radicale: Server) -> Iterator[Term]:
    root = tmp_path_factory.mktemp("term")
    published = root / "published"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Published, directory=str(published)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH}"
    dav = client(radicale)
    calendar = dav.principal().make_calendar(name="cse599o-term", cal_id="cse599o-term")
    calendar_url = str(calendar.url)
    steps: list[Step] = []
    stored: dict[str, str] = {}
    try:
        for step, text in enumerate(texts()):
            # A fresh clone: every file new, with this moment's modification time.
            srcdir, outdir = root / f"clone-{step}", root / f"build-{step}"
            srcdir.mkdir()
            (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
            for name, page in PAGES.items():
                (srcdir / name).write_text(page, encoding="utf-8")
            (srcdir / "schedule.yaml").write_text(without_course_url(text), encoding="utf-8")
            shutil.copyfile(SEED_000_SCHEDULE.parent / "papers.yaml", srcdir / "papers.yaml")
            env = {**os.environ, "READTHEDOCS": "True", "READTHEDOCS_CANONICAL_URL": url}
            env["SOURCE_DATE_EPOCH"] = str(int(build_time(step).timestamp()))
            result = subprocess.run(
                [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", str(srcdir), str(outdir)],
                capture_output=True,
                text=True,
                env=env,
                timeout=300,
                check=False,
            )
            assert result.returncode == 0, f"step {step} failed:\n{result.stdout}\n{result.stderr}"
            stored = upload(dav, calendar_url, (outdir / f"{COURSE}.ics").read_bytes(), stored)
            steps.append(Step(srcdir, outdir, load_schedule(srcdir / "schedule.yaml"), result.stdout, stored))
            # Publish: the site now serves this build.
            shutil.rmtree(published, ignore_errors=True)
            shutil.copytree(outdir, published / SITE_PATH.strip("/"))
        yield Term(url, steps)
    finally:
        server.shutdown()
        server.server_close()


STEPS = [pytest.param(step, id=edit.name) for step, edit in enumerate(EDITS, start=1)]
ALL_STEPS = [pytest.param(0, id="first publication"), *STEPS]


# -- SEQUENCE, DTSTAMP, LAST-MODIFIED ---------------------------------------------------------------


def test_the_first_publication_says_so_and_follows_the_schedule(term: Term) -> None:
    first = term.steps[0]
    assert f"coursecal: {COURSE}: no feed is published at {term.url}{COURSE}.ics yet: a first publication" in (
        first.log
    )
    # Without a previous feed, the stateless rule, and DTSTAMP/LAST-MODIFIED from SOURCE_DATE_EPOCH.
    for event in vevents(term.feed(0)).values():
        assert prop(event, "DTSTAMP") == prop(event, "LAST-MODIFIED") == stamp(build_time(0))


@pytest.mark.parametrize("step", STEPS)
def test_sequence_rises_exactly_where_the_schedule_changed(term: Term, step: int) -> None:
    before, after = vevents(term.feed(step - 1)), vevents(term.feed(step))
    expected = expected_changes(term.steps[step - 1].schedule, term.steps[step].schedule)
    assert {stable(uid) for uid in after} == {o.uid for o in term.steps[step].schedule.occurrences}
    changed = set()
    for uid, event in after.items():
        if uid not in before:
            assert expected[stable(uid)] == "added"
            assert prop(event, "SEQUENCE") == "0"
        elif event != before[uid]:
            assert int(prop(event, "SEQUENCE")) == int(prop(before[uid], "SEQUENCE")) + 1, uid
        else:
            continue
        assert prop(event, "DTSTAMP") == prop(event, "LAST-MODIFIED") == stamp(build_time(step)), uid
        changed.add(stable(uid))
    removed = {stable(uid) for uid in before.keys() - after.keys()}
    assert changed | removed == set(expected)
    assert {uid for uid in expected if expected[uid] == "removed"} == removed
    count = len(expected)
    said = f"{count} event{'s' if count != 1 else ''} changed" if count else "nothing changed"
    assert f"coursecal: {COURSE}: compared with the feed published at {term.url}{COURSE}.ics: {said}" in (
        term.steps[step].log
    )


def test_sequence_never_goes_down(term: Term) -> None:
    highest: dict[str, int] = {}
    for step in range(len(term.steps)):
        for uid, event in vevents(term.feed(step)).items():
            assert int(prop(event, "SEQUENCE")) >= highest.get(uid, 0), (step, uid)
            highest[uid] = int(prop(event, "SEQUENCE"))


@pytest.mark.parametrize("step", ALL_STEPS)
def test_every_file_carries_the_same_revision(term: Term, step: int) -> None:
    outdir = term.steps[step].outdir
    whole = vevents(term.feed(step))
    files = [p for p in outdir.glob("*.ics") if p.name != f"{COURSE}.ics"] + sorted(outdir.glob("_ics/**/*.ics"))
    assert len(files) > 10  # kind feeds, the picker's, and the deadlines' "Add to calendar" files
    for path in files:
        for uid, event in vevents(path.read_bytes()).items():
            assert {name: prop(event, name) for name in ("SEQUENCE", "DTSTAMP", "LAST-MODIFIED")} == {
                name: prop(whole[uid], name) for name in ("SEQUENCE", "DTSTAMP", "LAST-MODIFIED")
            }, (path.name, uid)


def test_an_edit_nobody_can_see_publishes_the_same_files(term: Term) -> None:
    last, before = term.steps[-1].outdir, term.steps[-2].outdir
    names = sorted(p.name for p in last.glob(f"{COURSE}*"))
    assert names == sorted(p.name for p in before.glob(f"{COURSE}*"))
    for name in names:
        assert (last / name).read_bytes() == (before / name).read_bytes(), name


# -- five consumers ----------------------------------------------------------------------------------


def expected_reading(schedule: Schedule) -> dict[str, tuple[str, str, str]]:
    """Each event's instants (as the engine placed it) and status, by stable id."""
    status = {o.uid: "CANCELLED" if o.cancelled else "" for o in schedule.occurrences}
    return {uid: (*span, status[uid]) for uid, span in engine_events(schedule).items()}


def reading(events: list[Event], schedule: Schedule) -> dict[str, tuple[str, str, str]]:
    """What a consumer read, in the same terms; every title names the course."""
    code = schedule.course.code if schedule.course else ""
    assert all(event.summary.startswith(f"{code} ") for event in events)
    return {uid: (e.start, e.end, e.status.upper()) for uid, e in by_stable_id(events, schedule).items()}


PYTHON_CONSUMERS = {"recurring-ical-events": read_recurring, "vobject": read_vobject, "ical": read_ha_ical}


@pytest.mark.parametrize("consumer", list(PYTHON_CONSUMERS))
@pytest.mark.parametrize("step", ALL_STEPS)
def test_python_consumers_read_what_the_engine_placed(term: Term, step: int, consumer: str) -> None:
    schedule = term.steps[step].schedule
    events = PYTHON_CONSUMERS[consumer](term.feed(step).decode("utf-8"))
    assert reading(events, schedule) == expected_reading(schedule)


def test_icaljs_reads_what_the_engine_placed_after_every_step(term: Term) -> None:
    try:
        node = install_icaljs()
    except RuntimeError as error:
        pytest.fail(str(error))
    paths = [step.outdir / f"{COURSE}.ics" for step in term.steps]
    found = read_icaljs(node, paths)
    for step, path in zip(term.steps, paths, strict=True):
        assert reading(found[path.resolve()], step.schedule) == expected_reading(step.schedule), path


@pytest.mark.parametrize("step", STEPS)
def test_radicale_holds_the_change_exactly_where_the_schedule_changed(term: Term, step: int) -> None:
    before, after = term.steps[step - 1].stored, term.steps[step].stored
    differ = {uid for uid in before.keys() | after.keys() if before.get(uid) != after.get(uid)}
    assert differ == set(expected_changes(term.steps[step - 1].schedule, term.steps[step].schedule))
    # What the server holds is the feed's events, at the engine's instants.
    events = [event for data in after.values() for event in read_vobject(data)]
    assert reading(events, term.steps[step].schedule) == expected_reading(term.steps[step].schedule)


# -- what changed, in the page and the Atom feed ------------------------------------------------------


def publications(term: Term, step: int) -> list[int]:
    """The steps up to ``step`` that changed something a subscriber sees, newest first."""
    return [s for s in range(step, 0, -1) if expected_changes(term.steps[s - 1].schedule, term.steps[s].schedule)]


@pytest.mark.parametrize("step", ALL_STEPS)
def test_the_changes_page_lists_exactly_the_edits(term: Term, step: int) -> None:
    page = BeautifulSoup((term.steps[step].outdir / "changes.html").read_text(encoding="utf-8"), "html.parser")
    blocks = page.select("div.coursecal-changes-publication")
    assert [block["id"] for block in blocks] == [
        f"coursecal-changes-{COURSE}-{stamp(build_time(s))}" for s in publications(term, step)
    ]
    for block, s in zip(blocks, publications(term, step), strict=True):
        expected = expected_changes(term.steps[s - 1].schedule, term.steps[s].schedule)
        prefix = f"coursecal-change-{stamp(build_time(s))}-"
        assert {item["id"].removeprefix(prefix) for item in block.select("li")} == {make_id(u) for u in expected}
        for moved in block.select("li.coursecal-change-moved"):
            # The old time struck through, then the new one: "... : Wed Oct 15, 10:00-11:20 → Fri Oct 17, ...".
            was, now = moved.select_one(".coursecal-was"), moved.select_one(".coursecal-now")
            assert was is not None
            assert now is not None
            assert was.get_text() != now.get_text()
    if not publications(term, step):
        assert "No changes since" in page.select_one("div.coursecal-changes").get_text()


@pytest.mark.parametrize("step", ALL_STEPS)
def test_the_atom_feed_has_an_entry_per_publication(term: Term, step: int) -> None:
    atom = ElementTree.fromstring((term.steps[step].outdir / f"{COURSE}-changes.atom").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = atom.findall("a:entry", ns)
    assert [entry.findtext("a:updated", namespaces=ns) for entry in entries] == [
        build_time(s).strftime("%Y-%m-%dT%H:%M:%SZ") for s in publications(term, step)
    ]
    for entry, s in zip(entries, publications(term, step), strict=True):
        lines = (entry.findtext("a:content", namespaces=ns) or "").splitlines()
        assert len(lines) == len(expected_changes(term.steps[s - 1].schedule, term.steps[s].schedule))
    (link,) = [link for link in atom.findall("a:link", ns) if link.get("rel") == "self"]
    assert link.get("href") == f"{term.url}{COURSE}-changes.atom"


# -- the subscribe picker's links --------------------------------------------------------------------


def picker_links(page: BeautifulSoup) -> list[tuple[str, str]]:
    """(label, href) of every link the picker offers: each choice's, and the list's without JavaScript."""
    form = page.select_one("form.coursecal-picker-form")
    assert form is not None
    choices = json.loads(str(form["data-coursecal-choices"]))
    found = [(label, href) for choice in choices.values() for label, href in choice["links"]]
    found += [(a.get_text(), str(a["href"])) for a in page.select(".coursecal-picker-list a")]
    return found


@pytest.mark.parametrize("step", [0, len(EDITS)])
def test_the_pickers_links_are_the_feeds_the_build_wrote(term: Term, step: int) -> None:
    outdir = term.steps[step].outdir
    page = BeautifulSoup((outdir / "subscribe.html").read_text(encoding="utf-8"), "html.parser")
    links = picker_links(page)
    files = set()
    for label, href in links:
        if label == "Download .ics":
            files.add(href)
        elif label == "Subscribe":
            assert href.startswith("webcal://127.0.0.1:")
            files.add(href.removeprefix("webcal://").split(SITE_PATH, 1)[1])
        else:
            assert label == "Add to Google Calendar"
            (cid,) = [value for key, value in [urlsplit(href).query.split("=", 1)] if key == "cid"]
            files.add(unquote(cid).split(SITE_PATH, 1)[1])
    assert all((outdir / name).is_file() for name in files), files
    # Every combination feed the build wrote is offered (none is written for nothing).
    assert {p.name for p in outdir.glob(f"{COURSE}-pick-*.ics")} <= files
    # Lectures, office hours, deadlines (this course has no exams): 7 combinations; all three is the whole feed.
    assert len(files) == 7
    assert f"{COURSE}.ics" in files
