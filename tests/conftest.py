"""What the test modules share: paths, the seed courses and their pages, Sphinx builds, Chromium.

The rule: a test module never imports another test module. What two or more of
them need lives

* here, when it is set-up: fixtures a test asks for by name (the seed courses,
  the seed pages read back, the two-course site and its shared builds, the
  ``build`` fixture), and the plain values and functions set-up is made of, which
  a module may import: paths, schedule texts and time zones several modules feed
  to the engine (also in ``parametrize``, which runs before any fixture), the
  hand-worked instants that go with them, and the types of what the fixtures
  return (for annotations);
* in a reader module, when it is a pure function that reads an output the way a
  reader of it would: ``sphinx_readers.py`` (pages), ``ics_readers.py`` (feeds).
  Readers set nothing up and import nothing from here.

Sphinx builds go through sphinx.testing, as Sphinx intends:

* a root of tests/roots built as it is: ``@pytest.mark.sphinx(builder,
  testroot=..., srcdir=...)`` and ``app`` (or ``app_build``, the same app built);
  ``rootdir`` below is where sphinx.testing finds the roots;
* a source a test prepares itself (a root copied and edited, the two-course
  site): the ``build`` fixture, on sphinx.testing's ``make_app``;
* builds shared by a module or the session (``shared_build``, ``site_builds``):
  ``make_app`` is function-scoped, so these make their ``SphinxTestApp`` themselves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import caldav
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from sphinxcontrib_coursecal.engine import Schedule, load_schedule

from .sphinx_readers import YEAR, squash

pytest_plugins = ("sphinx.testing.fixtures",)

# Tests read Sphinx's plain output (status lines, warnings). Sphinx 9 colours it
# whenever CI=true, as CI sets; NO_COLOR switches that off here and in the
# sphinx-build subprocesses the tests start.
os.environ["NO_COLOR"] = "1"

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
SEEDS = Path(__file__).resolve().parent / "seeds"
SEED_000_SCHEDULE = REPO / "example_course" / "schedule.yaml"
SEED_003_SCHEDULE = REPO / "docs" / "gallery" / "cs599e1" / "schedule.yaml"


# -- the seed courses ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def seed_000() -> Schedule:
    return load_schedule(SEED_000_SCHEDULE)


@pytest.fixture(scope="session")
def seed_003() -> Schedule:
    return load_schedule(SEED_003_SCHEDULE)


# -- seed 000's page (CSE 599o, a month calendar), read back -----------------------------------

SEED_000_PAGE = SEEDS / "000_9f5a48c2157e0207.txt"
SEED_000_MONTHS = {"September": 9, "October": 10, "November": 11, "December": 12}
DAY_LINE = re.compile(r"^\d{2}( \d{2})*$")
TIMED = re.compile(r"^(\d{2}:\d{2})-(\d{2}:\d{2}) (.+)$")
DUE = re.compile(r"^(\d{2}:\d{2}) (.+?) due(?: \((.+)\))?$")  # "23:59 HW1 due (note)"


@dataclass
class PageLecture:
    day: dt.date
    time: str
    location: str = ""
    title: str = ""
    guests: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # readings and links


@dataclass
class Page:
    lectures: list[PageLecture] = field(default_factory=list)
    office_hours: set[tuple[dt.date, str, str, str]] = field(default_factory=set)  # day, time, title, room
    deadlines: list[tuple[dt.date, str, str, str]] = field(default_factory=list)  # day, time, title, note
    closures: list[tuple[dt.date, str]] = field(default_factory=list)


def read_seed_000_page(text: str) -> Page:
    """A week row "22 23 24" is followed by the items of its last day (Sep 24)."""
    page = Page()
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index("September")
    month, previous, day = 9, 0, None
    guests: list[str] = []
    current: PageLecture | None = None
    pending: list[str] = []  # what follows a timed line: room, then title
    for line in lines[start:]:
        if not line or line.startswith("Monday"):
            continue
        if line in SEED_000_MONTHS:
            month, previous = SEED_000_MONTHS[line], 0
            continue
        if DAY_LINE.match(line):
            for number in map(int, line.split()):
                if number < previous:  # "29 30 01": the grid rolled into the next month
                    month += 1
                previous = number
            day, current, guests, pending = dt.date(2025, month, previous), None, [], []
            continue
        assert day is not None
        if line.startswith("Guest lecture: "):
            guests.extend(name.strip() for name in line.removeprefix("Guest lecture: ").split(","))
        elif match := DUE.match(line):
            page.deadlines.append((day, match[1], match[2], match[3] or ""))
            current, pending = None, []
        elif match := TIMED.match(line):
            time, title = f"{match[1]}-{match[2]}", match[3]
            if title == "Lecture":
                current = PageLecture(day, time, guests=guests)
                page.lectures.append(current)
                pending = ["location", "title"]
            else:
                current = None
                pending = [f"oh|{time}|{title}"]
        elif pending:
            what = pending.pop(0)
            if what.startswith("oh|"):
                _, time, title = what.split("|")
                page.office_hours.add((day, time, title, line))
            elif current is not None:
                setattr(current, what, line)
        elif current is not None:
            current.lines.append(line)
        else:
            page.closures.append((day, line))
    return page


@pytest.fixture(scope="session")
def seed_000_page() -> Page:
    """Every item the seed 000 page shows, by its own layout rules (test_seed_000 guards the reading)."""
    return read_seed_000_page(SEED_000_PAGE.read_text(encoding="utf-8"))


# -- seed 003's page (CS 599 E1, a schedule table), read back -----------------------------------

SEED_003_PAGE = SEEDS / "003_41922687dd825aa4.txt"
SEED_003_MONTHS = {"Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}
CLASS_LINE = re.compile(r"^Class (\d+) \((\w{3}) (\d+)\) (.*)$")
CLOSURE_LINE = re.compile(r"^(\w{3}) (\d+) (No class.*)$")
PRESENTER = re.compile(r"(?:^|,?\s+)([A-Z]{2}(?:, [A-Z]{2})*): ")  # "CG, OO: " after a start, comma or break


@dataclass(frozen=True)
class PageRow:
    kind: str  # "class", "closure" or "unit" (a heading row)
    text: str  # class: topic, notes and readings as the page runs them together; else the title
    number: int | None = None
    day: dt.date | None = None
    presentations: bool = False  # under the "Paper presentations" heading: talks, not readings


def read_seed_003_page(text: str) -> list[PageRow]:
    """The page's table, row by row, in order."""
    lines = [squash(line) for line in text.splitlines()]
    start = next(index for index, line in enumerate(lines) if line.startswith("Date Topic Notes"))
    rows: list[PageRow] = []
    under_heading = False
    for raw in lines[start + 1 :]:
        if not raw:
            continue
        line = re.sub(r"\s+,", ",", raw)  # the page has "Attention , LG:"
        if match := CLASS_LINE.match(line):
            day = dt.date(YEAR, SEED_003_MONTHS[match[2]], int(match[3]))
            rows.append(PageRow("class", match[4], int(match[1]), day, under_heading))
        elif match := CLOSURE_LINE.match(line):
            rows.append(PageRow("closure", match[3], None, dt.date(YEAR, SEED_003_MONTHS[match[1]], int(match[2]))))
        else:
            rows.append(PageRow("unit", line))
            under_heading = True
    return rows


def talks(text: str) -> list[tuple[str, str]]:
    """ "CG, OO: DeepSeek-v3, YT: Shampoo" as (presenters, paper) pairs."""
    parts = PRESENTER.split(text)
    return [(who, what.strip().rstrip(",").strip()) for who, what in zip(parts[1::2], parts[2::2], strict=True)]


@pytest.fixture(scope="session")
def seed_003_rows() -> list[PageRow]:
    """The seed 003 page's table rows (test_sphinx_builds guards the reading)."""
    return read_seed_003_page(SEED_003_PAGE.read_text(encoding="utf-8"))


# -- schedules written for a test, and what the feeds of some must say -------------------------


def write_schedule(folder: Path, text: str) -> Path:
    """A schedule file (with the seed's papers beside it, for schedules derived from the seed)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED_000_SCHEDULE.parent / "papers.yaml", folder / "papers.yaml")
    path = folder / "schedule.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# Backslashes, semicolons, commas and newlines in titles, notes and the room (RFC 5545 escapes them), and a
# title long enough to fold: test_ics_feeds reads the bytes, test_ics_consumers what readers make of them.
HOSTILE = r"""
course: {id: demo, code: "DEMO 101", timezone: Europe/London, start: 2025-09-22, end: 2025-10-17,
         location: "Room 1; Annex, 2nd floor"}
kinds:
  holiday: {label: "Holiday, no class", color: "#5b5b5b"}
meetings:
  lecture: {days: [Mon], time: "10:00-11:00"}
closures:
  - {date: 2025-10-06, title: "Snow; day, \\ backslash"}
sessions:
  - title: "Review; Q&A, part 1; C:\\New\\Notes"
    notes: "bring: pens, paper;\nand a calculator"
  - title: "Ünïcödé — 日本語のタイトル 😀 a long title that goes on and on so that the line must be folded"
deadlines:
  - {id: hw1, title: "HW1, part \"A\"; B", due: "2025-09-30 23:59"}
"""

# The course time zones test_ics_feeds and test_ics_consumers check a year of feeds in.
ZONES = ["America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham"]
ZONES += ["America/Sao_Paulo"]

# By hand: Pacific Daylight Time (UTC-7) ends on Sunday Nov 2 2025 at 02:00; Pacific Standard Time is UTC-8.
# A 10:00-11:20 lecture is 17:00-18:20Z before and 18:00-19:20Z after; 23:59 is 06:59Z/07:59Z the next day.
AROUND_NOV_2 = {
    "session-case-studies-palm": ("2025-10-29T17:00:00Z", "2025-10-29T18:20:00Z"),  # Wed Oct 29
    "session-case-studies-llama": ("2025-10-31T17:00:00Z", "2025-10-31T18:20:00Z"),  # Fri Oct 31
    "session-post-training-intro": ("2025-11-05T18:00:00Z", "2025-11-05T19:20:00Z"),  # Wed Nov 5
    "session-rl-systems-rllib": ("2025-11-07T18:00:00Z", "2025-11-07T19:20:00Z"),  # Fri Nov 7
    "oh-frank-2025-10-31": ("2025-10-31T19:30:00Z", "2025-10-31T20:30:00Z"),  # moved to 12:30-13:30 PDT
    "oh-stephanie-2025-11-06": ("2025-11-06T23:30:00Z", "2025-11-07T00:30:00Z"),  # 15:30-16:30 PST
    "deadline-hw1": ("2025-10-25T06:59:00Z", "2025-10-25T06:59:00Z"),  # Fri Oct 24 23:59 PDT, no duration
    "deadline-hw2": ("2025-11-11T07:59:00Z", "2025-11-11T07:59:00Z"),  # Mon Nov 10 23:59 PST
    "closure-2025-11-11-veteran-s-day": ("2025-11-11", "2025-11-12"),  # all day
}

LONDON = """
course: {id: lon101, code: LON 101, timezone: Europe/London, start: 2025-10-13, end: 2025-11-07, location: Bush House}
meetings:
  lecture: {days: [Mon, Fri], time: "10:00-11:00"}
sessions:
  - {id: w1-mon, title: Week 1 Monday}
  - {id: w1-fri, title: Week 1 Friday}
  - {id: w2-mon, title: Week 2 Monday}
  - {id: before-the-change, title: The last lecture in BST}
  - {id: after-the-change, title: The first lecture in GMT}
deadlines:
  - {id: sat, title: Saturday essay, due: "2025-10-25 23:59"}
  - {id: sun, title: Sunday essay, due: "2025-10-26 23:59"}
"""

# By hand: British Summer Time (UTC+1) ends on Sunday Oct 26 2025 at 01:00 UTC; then GMT (UTC+0).
AROUND_OCT_26 = {
    "session-before-the-change": ("2025-10-24T09:00:00Z", "2025-10-24T10:00:00Z"),  # Fri Oct 24 10:00 BST
    "session-after-the-change": ("2025-10-27T10:00:00Z", "2025-10-27T11:00:00Z"),  # Mon Oct 27 10:00 GMT
    "lecture-2025-10-31": ("2025-10-31T10:00:00Z", "2025-10-31T11:00:00Z"),  # Fri Oct 31, a free slot
    "deadline-sat": ("2025-10-25T22:59:00Z", "2025-10-25T22:59:00Z"),  # Sat 23:59 BST
    "deadline-sun": ("2025-10-26T23:59:00Z", "2025-10-26T23:59:00Z"),  # Sun 23:59 GMT
}


# -- Sphinx builds -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot="x")`` finds ``tests/roots/test-x`` (sphinx.testing)."""
    return ROOTS


@dataclass
class Build:
    """One finished build: its app (for the environment), its streams and exit status."""

    app: SphinxTestApp
    srcdir: Path
    outdir: Path
    status: str
    warnings: str
    statuscode: int

    def read(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")

    def soup(self, name: str) -> BeautifulSoup:
        return BeautifulSoup(self.read(name), "html.parser")


# build(srcdir, builddir, builder="html", confoverrides=None, **SphinxTestApp's other arguments) -> Build
Builder = Callable[..., Build]


def _finish(app: SphinxTestApp, srcdir: Path | None = None) -> Build:
    """Build ``app`` and clean it up at once, as a :class:`Build` (its streams as plain text).

    At once, not when the test ends (as ``make_app`` would): docutils' registry of
    nodes, directives and roles is global, and the next app of the same test would
    register them all again, with a warning for each.
    """
    try:
        app.build()
    finally:
        app.cleanup()
    # The streams are colored as a terminal would show them; compare the plain text.
    status, warning = (strip_escape_sequences(stream.getvalue()) for stream in (app.status, app.warning))
    return Build(app, Path(app.srcdir) if srcdir is None else srcdir, Path(app.outdir), status, warning, app.statuscode)


def _arguments(
    srcdir: Path, builddir: Path, builder: str, confoverrides: dict[str, Any] | None, kwargs: dict[str, Any]
) -> tuple[tuple[str], dict[str, Any]]:
    """SphinxTestApp's arguments: build ``srcdir`` into ``builddir`` (outside the source tree), warning types shown."""
    overrides = {"show_warning_types": True, **(confoverrides or {})}
    return (builder,), {"srcdir": srcdir, "builddir": builddir, "confoverrides": overrides, **kwargs}


def _build_apart(
    srcdir: Path, builddir: Path, builder: str = "html", confoverrides: dict[str, Any] | None = None, **kwargs: Any
) -> Build:
    args, app_kwargs = _arguments(srcdir, builddir, builder, confoverrides, kwargs)
    return _finish(SphinxTestApp(*args, **app_kwargs), srcdir)


@pytest.fixture
def build(make_app: Callable[..., SphinxTestApp]) -> Builder:
    """``build(srcdir, builddir, builder="html", confoverrides=None, **kwargs)``: one build in this test.

    The app comes from sphinx.testing's ``make_app``, so it lives as long as the test.
    """

    def run(
        srcdir: Path, builddir: Path, builder: str = "html", confoverrides: dict[str, Any] | None = None, **kwargs: Any
    ) -> Build:
        args, app_kwargs = _arguments(srcdir, builddir, builder, confoverrides, kwargs)
        return _finish(make_app(*args, **app_kwargs), srcdir)

    return run


@pytest.fixture(scope="session")
def shared_build() -> Builder:
    """``build`` for module- and session-scoped fixtures, whose builds several tests read.

    sphinx.testing's ``make_app`` is function-scoped, so a fixture of a wider scope
    cannot use it: these builds make their ``SphinxTestApp`` themselves (and clean it
    up at once, as ``build`` does).
    """
    return _build_apart


@pytest.fixture
def app_build(app: SphinxTestApp) -> Build:
    """The test's ``@pytest.mark.sphinx(...)`` app (sphinx.testing's ``app``), built."""
    return _finish(app)


# -- the two-course test site ----------------------------------------------------------------------
#
# The root tests/roots/test-courses holds the pages; the schedules are copied in
# from their one home (example_course/ and docs/gallery/cs599e1/), so the test
# site always shows the real courses.

COURSES_ROOT = ROOTS / "test-courses"
COURSE_FOLDERS = {
    "cse599o": REPO / "example_course",
    "cs599e1": REPO / "docs" / "gallery" / "cs599e1",
}


def _copy_courses_site(target: Path) -> Path:
    shutil.copytree(COURSES_ROOT, target)
    for name, folder in COURSE_FOLDERS.items():
        destination = target / name
        destination.mkdir()
        for source in folder.iterdir():
            if source.suffix in (".yaml", ".bib"):
                shutil.copyfile(source, destination / source.name)
    return target


@pytest.fixture(scope="session")
def courses_site() -> Callable[[Path], Path]:
    """``courses_site(target)``: copy the test site into ``target`` (which must not exist); its source dir."""
    return _copy_courses_site


def tree_listing(root: Path) -> dict[str, str]:
    """Every file under ``root`` with a hash of its bytes: what a build must leave alone."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@dataclass
class SiteBuilds:
    """One copy of the test site and its builds, made on first use."""

    base: Path
    srcdir: Path
    listing: dict[str, str]  # the source tree before any build
    builds: dict[str, Build] = field(default_factory=dict)

    def get(self, builder: str) -> Build:
        if builder not in self.builds:
            self.builds[builder] = _build_apart(self.srcdir, self.base / f"build-{builder}", builder)
        return self.builds[builder]


@pytest.fixture(scope="session")
def site_builds(tmp_path_factory: pytest.TempPathFactory, courses_site: Callable[[Path], Path]) -> SiteBuilds:
    """The session's one copy of the test site, built once per builder, each into its own build directory.

    No builder reuses another's environment; test_sphinx_builds and test_sphinx_roles_pages read the same builds.
    """
    base = tmp_path_factory.mktemp("coursecal-site")
    srcdir = courses_site(base / "src")
    return SiteBuilds(base, srcdir, tree_listing(srcdir))


# -- Chromium --------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    f"Chromium is not installed at {CHROMIUM}; the browser tests need it. "
    "`make test` installs it (.ci/install-test-deps), or: `sudo apt-get install chromium`."
)


# -- a CalDAV server (Radicale) on 127.0.0.1 -------------------------------------------------

RADICALE_STARTUP_SECONDS = 20


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("radicale")
    port = free_port()
    config = folder / "config"
    config.write_text(
        f"""[server]
hosts = 127.0.0.1:{port}

[auth]
type = none
# caldav's first request carries no credentials; the delay Radicale adds after a refused login is kept short.
delay = 0.01

[rights]
type = owner_only

[storage]
filesystem_folder = {folder / "collections"}

[web]
type = none

[logging]
level = warning
""",
        encoding="utf-8",
    )
    log = folder / "radicale.log"
    with log.open("wb") as output:  # a file, not a pipe: a full pipe would block the server
        process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + RADICALE_STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"Radicale exited with {process.returncode}:\n{log.read_text(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"Radicale did not listen within {RADICALE_STARTUP_SECONDS} s:\n{log.read_text()}")
                time.sleep(0.05)
        yield Server(f"http://127.0.0.1:{port}/", process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def client(server: Server) -> caldav.DAVClient:
    # Any user name will do with auth type "none"; no DNS discovery (RFC 6764): nothing leaves 127.0.0.1.
    return caldav.DAVClient(
        url=server.url, username="teacher", password="unused", timeout=10, enable_rfc6764=False, require_tls=False
    )
