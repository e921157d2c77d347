"""``coursecal init``: a course site that builds with ``sphinx-build -W`` at once.

It asks nothing it can guess. The term is the current one (or the next, between
terms) of a US academic year, by semesters or quarters, with the US holidays
that fall in it as closures; the time zone is this computer's; the course code
is the folder's name. Flags override each. The files come from the templates in
``templates/`` (package data), filled in with :class:`string.Template`.

``--into`` adds a course to an existing Sphinx project: the schedule and a page,
if missing. It edits no file it did not make, ``conf.py`` least of all: it
prints the lines to add there instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import unicodedata
import zoneinfo
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from .engine import SCHEMA_URL, load_schedule, slugify

SYSTEMS = ("semester", "quarter")
DAYS = "Tue,Thu"
TIME = "10:00-11:20"
SITE_URL = "https://{id}.readthedocs.io/en/latest/"
# Where a Sphinx project keeps conf.py, from the folder named: itself, or sphinx-quickstart's "source".
CONF_FOLDERS = (".", "source", "docs", "doc")


# -- the term -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    name: str
    start: dt.date
    end: dt.date
    how: str  # how the dates were found, for the schedule's comment


def _monday_from(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _nth(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` of a month (``n = -1``: the last)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=(following.weekday() - weekday - 1) % 7 + 1)


# name, first Monday on or after (month, day), weeks: US defaults, documented in the CLI reference.
_TERMS = {
    "semester": (("Spring", (1, 8), 16), ("Fall", (8, 25), 16)),
    "quarter": (("Winter", (1, 3), 11), ("Spring", (3, 26), 11), ("Autumn", (9, 22), 11)),
}


def guess_term(today: dt.date, system: str) -> Term:
    """The term ``today`` falls in, or the next one: US semester or quarter dates."""
    terms = []
    for year in (today.year - 1, today.year, today.year + 1):
        for name, (month, day), weeks in _TERMS[system]:
            start = _monday_from(dt.date(year, month, day))
            end = start + dt.timedelta(weeks=weeks, days=-3)  # the Friday of the last week
            terms.append(Term(f"{name} {year}", start, end, f"usual US {system} dates; change them to yours"))
    return next(term for term in sorted(terms, key=lambda term: term.end) if term.end >= today)


def closures(start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """US holidays most universities close on, and a spring semester's break, that fall in the term."""
    found = []
    for year in range(start.year, end.year + 1):
        thanksgiving = _nth(year, 11, 3, 4)
        found += [
            ("Martin Luther King Jr. Day", _nth(year, 1, 0, 3), _nth(year, 1, 0, 3)),
            ("Memorial Day", _nth(year, 5, 0, -1), _nth(year, 5, 0, -1)),
            ("Independence Day", dt.date(year, 7, 4), dt.date(year, 7, 4)),
            ("Labor Day", _nth(year, 9, 0, 1), _nth(year, 9, 0, 1)),
            ("Thanksgiving break", thanksgiving, thanksgiving + dt.timedelta(days=1)),
        ]
    if (end - start).days > 14 * 7 and start.month <= 2:  # a spring semester: a week off in its 10th week
        monday = _monday_from(start) + dt.timedelta(weeks=9)
        found.append(("Spring break", monday, monday + dt.timedelta(days=4)))
    return sorted((item for item in found if start <= item[1] and item[2] <= end), key=lambda item: item[1])


# -- the computer's time zone ----------------------------------------------------------------------


def _zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return bool(name) and name != "localtime"


def local_zone() -> tuple[str, str]:
    """This computer's IANA time zone and where it was found; UTC when none is (no tzlocal needed)."""
    variable = os.environ.get("TZ", "").lstrip(":")
    if _zone(variable):
        return variable, "from $TZ"
    target = os.path.realpath("/etc/localtime")
    name = (
        target.rsplit("zoneinfo/", 1)[1].removeprefix("posix/").removeprefix("right/") if "zoneinfo/" in target else ""
    )
    if not _zone(name):
        try:
            name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
        except OSError:
            name = ""
    if not _zone(name):
        return "UTC", "this computer's zone is unknown: write the course's, e.g. America/Chicago"
    if name in ("UTC", "Etc/UTC", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT"):
        return name, "this computer's zone, UTC: a server's, likely; write the course's, e.g. America/Chicago"
    return name, "this computer's zone"


# -- the files ---------------------------------------------------------------------------------------


def _template(name: str) -> Template:
    return Template(resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8"))


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _plain(word: str) -> str:
    """A weekday as written (``Tue``), quoted if it is anything else: a flag's text must not break the YAML."""
    return word if re.fullmatch(r"[A-Za-z.]+", word) else _yaml(word)


def _underline(heading: str, mark: str) -> str:
    """As wide as the heading in columns (a CJK character takes two): docutils warns when shorter."""
    return mark * sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in heading)


def _first_open(day: dt.date, closed: list[tuple[str, dt.date, dt.date]], end: dt.date) -> dt.date:
    """``day``, or the first later day no closure covers (a deadline on a holiday warns)."""
    while any(first <= day <= last for _title, first, last in closed) and day < end:
        day += dt.timedelta(days=1)
    return day


def schedule_text(args: argparse.Namespace, term: Term, zone: tuple[str, str]) -> str:
    """The commented schedule for ``term``: a few sessions, its closures, a midterm and a homework."""
    closed = closures(term.start, term.end)
    listed = [
        f"  - {{date: {first}, title: {_yaml(title)}}}"
        if first == last
        else f"  - {{from: {first}, to: {last}, title: {_yaml(title)}}}"
        for title, first, last in closed
    ]
    weeks = max(1, (term.end - term.start).days // 7)
    middle = min(term.start + dt.timedelta(weeks=weeks // 2), term.end)
    due = _first_open(min(term.start + dt.timedelta(days=11), term.end), closed, term.end)
    return _template("schedule.yaml.tmpl").substitute(
        schema_url=SCHEMA_URL,
        code=args.code,
        id=args.id,
        code_yaml=_yaml(args.code),
        title_line=f"title: {_yaml(args.title)}" if args.title else "# title: The course's title",
        term_yaml=_yaml(term.name),
        zone=zone[0],
        zone_note=zone[1],
        start=term.start,
        end=term.end,
        term_note=term.how,
        days=", ".join(_plain(day.strip()) for day in args.days.split(",") if day.strip()),
        time=_yaml(args.time),
        location_line=f"location: {_yaml(args.location)}" if args.location else "# location: Hall 101",
        closures="\n".join(listed) or "  []",
        midterm_from=middle,
        midterm_to=min(middle + dt.timedelta(days=6), term.end),
        hw_released=max(term.start, due - dt.timedelta(days=7)),
        hw_due=due,
    )


def page_text(args: argparse.Namespace, term: Term, template: str) -> str:
    heading = f"{args.code}: {args.title}" if args.title else args.code
    summary = f"{term.name}. Meets {args.days.replace(',', ', ')}, {args.time}."
    mark = "=" if template.endswith(".rst.tmpl") else ""
    return _template(template).substitute(heading=heading, underline=_underline(heading, mark), summary=summary)


def _write(folder: Path, name: str, text: str, report: list[str]) -> None:
    path = folder / name
    if path.exists():
        report.append(f"  kept  {path} (it exists)")
        return
    path.write_text(text, encoding="utf-8")
    report.append(f"  wrote {path}")


# -- the command -----------------------------------------------------------------------------------


def add_init_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", default=".", help="where the site goes (default: this folder)")
    parser.add_argument(
        "--into",
        action="store_true",
        help="add a course to the Sphinx project in FOLDER (its conf.py is in FOLDER, or FOLDER/source, "
        "FOLDER/docs): only the schedule and a page, if missing; prints what to add to conf.py",
    )
    parser.add_argument("--code", help='the course code, e.g. "CS 101" (default: the folder\'s name)')
    parser.add_argument("--title", default="", help='the course title, e.g. "Introduction to Programming"')
    parser.add_argument("--id", help="course.id, in anchors and feeds (default: from the code, e.g. cs-101)")
    parser.add_argument("--timezone", help="an IANA time zone, e.g. America/Chicago (default: this computer's)")
    parser.add_argument(
        "--system", choices=SYSTEMS, default="semester", help="the current term's usual US dates (default: semester)"
    )
    parser.add_argument("--term", help="the term's name, e.g. \"Spring 2026\" (default: the guessed term's)")
    parser.add_argument("--start", type=dt.date.fromisoformat, help="the term's first day, YYYY-MM-DD")
    parser.add_argument("--end", type=dt.date.fromisoformat, help="the term's last day, YYYY-MM-DD")
    parser.add_argument("--days", default=DAYS, help=f"the lecture's weekdays (default: {DAYS})")
    parser.add_argument("--time", default=TIME, help=f"the lecture's time (default: {TIME})")
    parser.add_argument("--location", default="", help="the lecture's room")


def _term(args: argparse.Namespace) -> Term:
    term = guess_term(dt.date.today(), args.system)
    start, end = args.start or term.start, args.end or term.end
    if args.start or args.end:
        term = Term(term.name, start, end, "as given")
    return Term(args.term or term.name, term.start, term.end, term.how)


def _conf_folder(folder: Path) -> Path | None:
    return next((folder / name for name in CONF_FOLDERS if (folder / name / "conf.py").is_file()), None)


def conf_lines(conf: str, site_url: str) -> list[str]:
    """What conf.py lacks for the course: each line only if conf.py says nothing of it yet."""
    lines = []
    if "sphinxcontrib_coursecal" not in conf:
        lines.append('extensions.append("sphinxcontrib_coursecal")')
    if "coursecal_schedule" not in conf:
        lines.append('coursecal_schedule = "schedule.yaml"')
    if "html_baseurl" not in conf:
        lines += ["import os", f'html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "{site_url}")']
    if ".venv" not in conf:
        lines.append('exclude_patterns += [".venv", "venv", "env", ".tox", ".nox"]')
    return lines


def run_init(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    args.code = args.code or folder.resolve().name.upper()
    args.id = args.id or slugify(args.code)
    zone = (args.timezone, "as given") if args.timezone else local_zone()
    if not _zone(zone[0]):
        print(f"coursecal init: {zone[0]!r} is not an IANA time zone, e.g. America/Chicago", file=sys.stderr)
        return 2
    term = _term(args)
    if term.end <= term.start:
        print(f"coursecal init: the term ends ({term.end}) before it starts ({term.start})", file=sys.stderr)
        return 2
    report: list[str] = []
    site_url = SITE_URL.format(id=args.id)
    if args.into:
        target = _conf_folder(folder)
        if target is None:
            print(
                f"coursecal init: no conf.py in {folder} (nor in its source/ or docs/); to start a new site: "
                f"coursecal init {folder}",
                file=sys.stderr,
            )
            return 1
        conf = (target / "conf.py").read_text(encoding="utf-8")
        myst = "myst_parser" in conf and not (target / "index.rst").exists()
        _write(target, "schedule.yaml", schedule_text(args, term, zone), report)
        page = "course.md" if myst else "course.rst"
        _write(target, page, page_text(args, term, f"{page}.tmpl"), report)
    else:
        if (folder / "conf.py").exists():
            print(
                f"coursecal init: {folder} has a conf.py already; to add a course to that project: "
                f"coursecal init --into {folder}",
                file=sys.stderr,
            )
            return 1
        target = folder
        target.mkdir(parents=True, exist_ok=True)
        conf_py = _template("conf.py.tmpl").substitute(code=args.code, project=repr(args.code), site_url=site_url)
        _write(target, "conf.py", conf_py, report)
        _write(target, "schedule.yaml", schedule_text(args, term, zone), report)
        _write(target, "index.rst", page_text(args, term, "index.rst.tmpl"), report)
        for name in ("readthedocs.yaml", "requirements.txt", "gitignore"):
            dotted = f".{name}" if name in ("readthedocs.yaml", "gitignore") else name
            _write(target, dotted, _template(f"{name}.tmpl").template, report)
    if any("wrote" in line for line in report):
        print(
            f"coursecal init: {args.code}, {term.name} ({term.start} to {term.end}: {term.how}), {zone[0]} ({zone[1]})"
        )
    print("\n".join(report))
    schedule = load_schedule(target / "schedule.yaml")
    for diagnostic in schedule.diagnostics:  # a flag's value the loader refuses, or a schedule that was there
        print(f"  {diagnostic}", file=sys.stderr)
    if args.into:
        missing = conf_lines((target / "conf.py").read_text(encoding="utf-8"), site_url)
        if missing:
            print(f"Add these lines at the end of {target / 'conf.py'} (coursecal init edits no file it did not make):")
            print("\n".join(f"    {line}" for line in missing))
        print("Add the page to a toctree, and sphinxcontrib-coursecal to the requirements Read the Docs installs.")
    else:
        html = target / "_build" / "html"
        print(f"Next: coursecal check {target / 'schedule.yaml'}, then python -m sphinx -W -b html {target} {html}")
    # A schedule init wrote must load: a flag's value it refuses fails init. One that was there is the user's.
    wrote = any(line.startswith("  wrote") and line.endswith("schedule.yaml") for line in report)
    return 1 if wrote and schedule.errors else 0
