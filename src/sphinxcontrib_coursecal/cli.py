"""coursecal: start a course site, check a schedule file, write its calendar feed or JSON export, print a JSON
Schema."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .engine import Diagnostic, Schedule, Severity, Subtype, dead_notes_pages, json_schema, load_schedule, suggest
from .export import dumps, export
from .export_schema import export_schema
from .ics import Feed, build_calendar, calendar_bytes, course_name, revise
from .scaffold import add_init_arguments, run_init
from .sources import conf_setting, project_folder, read_project

DEFAULT_SCHEDULE = "schedule.yaml"


def _problems(args: argparse.Namespace, schedule: Schedule) -> list[Diagnostic]:
    """The schedule's diagnostics; with a project, also its dead notes pages, less papers its pages cite."""
    found = list(schedule.diagnostics)
    folder = project_folder(Path(args.schedule), getattr(args, "project", None))
    if folder is not None:
        project = read_project(folder)
        found = [d for d in found if not (d.subtype is Subtype.UNUSED_PAPER and project.cites(d.subject))]
        found += dead_notes_pages(schedule.sessions, project.has_document)
    return [d for d in found if d.subtype.value not in args.suppress]


def _limit(args: argparse.Namespace, name: str) -> int | None:
    """``--max-entries`` (``--max-papers``), else the project's ``coursecal_max_entries``
    (``coursecal_max_papers``), a number in its conf.py, as a build has it."""
    given = getattr(args, name)
    if given is not None:
        return int(given)
    folders = [project_folder(Path(args.schedule), getattr(args, "project", None))]
    folders += [Path(args.root)] if args.root else []
    for folder in folders:
        if folder is not None:
            value = conf_setting(folder, f"coursecal_{name}")
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                return value
    return None


def _load(args: argparse.Namespace) -> tuple[Schedule, list[Diagnostic]] | None:
    if args.schedule == DEFAULT_SCHEDULE and not Path(args.schedule).exists():
        print(
            f"coursecal: there is no {DEFAULT_SCHEDULE} here; name the schedule file "
            f"(coursecal {args.command} path/to/schedule.yaml), or make one with `coursecal init`",
            file=sys.stderr,
        )
        return None
    entries, papers = _limit(args, "max_entries"), _limit(args, "max_papers")
    schedule = load_schedule(args.schedule, root=args.root, max_entries=entries, max_papers=papers)
    problems = _problems(args, schedule)
    for diagnostic in problems:
        print(diagnostic, file=sys.stderr)
    return schedule, problems


def _count(number: int, noun: str) -> str:
    """ "1 session", "2 sessions", "3 calendar entries"."""
    if number == 1:
        return f"1 {noun}"
    return f"{number} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _check(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if loaded is None:
        return 1
    schedule, problems = loaded
    errors = sum(d.severity is Severity.ERROR for d in problems)
    if problems:
        print(f"{args.schedule}: {errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    else:
        course = schedule.course
        assert course is not None  # no diagnostics means the course was read
        counts = ", ".join(
            _count(number, noun)
            for number, noun in (
                (len(schedule.sessions), "session"),
                (len(schedule.occurrences), "calendar entry"),
                (len(schedule.papers), "paper"),
            )
        )
        print(f"{args.schedule}: ok — {counts}, {course.start} to {course.end} ({course.timezone})")
    return 1 if errors else 0


def _feed(args: argparse.Namespace, schedule: Schedule) -> Feed | str | None:
    """The part of the course ``--kind`` and ``--section`` ask for (None: all of it), or what is wrong."""
    kinds = [kind for value in args.kind or [] for kind in value.replace(",", " ").split()]
    for kind in kinds:
        if kind not in schedule.kinds:
            return f"--kind: the course has no kind {kind!r}{suggest(kind, schedule.kinds)}"
    section = None
    if args.section is not None:
        sections = sorted({m.section for m in schedule.meetings.values() if m.section})
        section = next((name for name in sections if name.lower() == args.section.strip().lower()), None)
        if section is None:
            return f"--section: the course has no section {args.section!r} (sections: {', '.join(sections) or 'none'})"
    if not kinds and section is None:
        return None
    title = course_name(schedule)
    if kinds:
        title += ": " + ", ".join(schedule.kind(kind).label for kind in kinds)
    if section is not None:
        title += f", section {section}"
    return Feed(args.output, title, kinds=frozenset(kinds) if kinds else None, section=section)


def _ics(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if loaded is None:
        return 1
    schedule, problems = loaded
    feed = _feed(args, schedule)
    if isinstance(feed, str):
        print(f"coursecal ics: {feed}", file=sys.stderr)
        return 2
    try:
        previous = Path(args.previous).read_bytes() if args.previous else None
        revised = revise(schedule, previous) if previous is not None else None
    except (OSError, ValueError) as error:  # unreadable, or not this course's feed
        print(f"coursecal ics: {args.previous}: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
        return 2
    data = calendar_bytes(build_calendar(schedule, feed=feed, revisions=revised.revisions if revised else None))
    events = data.count(b"BEGIN:VEVENT")
    report = _write(data, args.output, _count(events, "event"))
    if revised is not None:
        # What changed since the previous feed, one event a line: what subscribers will see move.
        print(f"compared with {args.previous}: {_count(len(revised.changes), 'change')}", file=report)
        for change in revised.changes:
            print(f"  {change.what}: {change.shown.summary} ({change.shown.start})", file=report)
    return 1 if any(d.severity is Severity.ERROR for d in problems) else 0


def _write(data: bytes, output: str, count: str) -> TextIO:
    """``data`` to the file ``output``, or to standard output for "-"; returns where to report.

    Standard output then holds the data alone: what is said about it goes to standard error.
    """
    report = sys.stderr if output == "-" else sys.stdout
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        print(f"wrote {count} to standard output", file=report)
    else:
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path} ({count})", file=report)
    return report


def _export(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if loaded is None:
        return 1
    schedule, problems = loaded
    if schedule.course is None:
        print(f"coursecal export: {args.schedule}: no usable `course`, so nothing is placed to export", file=sys.stderr)
        return 1
    data = dumps(export(schedule))
    _write(data, args.output, _count(len(schedule.occurrences), "calendar entry"))
    return 1 if any(d.severity is Severity.ERROR for d in problems) else 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(export_schema() if args.export else json_schema(), indent=2, ensure_ascii=False))
    return 0


def _at_least_one(value: str) -> int:
    """--max-entries, --max-papers: a whole number, at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number, at least 1")
    return int(value)


def _subtype(value: str) -> str:
    """A ``--suppress`` value: ``coursecal.<subtype>`` or ``<subtype>``."""
    name = value.removeprefix("coursecal.")
    known = [member.value for member in Subtype]
    if name not in known:
        raise argparse.ArgumentTypeError(f"no warning subtype {value!r}{suggest(name, known)}")
    return name


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coursecal", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    init = commands.add_parser(
        "init",
        help="Start a course site: conf.py, a schedule for the current term, a page, publishing files.",
        description="Start a course site that builds with `sphinx-build -W` at once, or add a course to an "
        "existing Sphinx project (--into). Nothing that exists is overwritten.",
    )
    add_init_arguments(init)
    init.set_defaults(run=run_init)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "schedule", nargs="?", default=DEFAULT_SCHEDULE, help=f"the schedule file (default: ./{DEFAULT_SCHEDULE})"
        )
        sub.add_argument(
            "--root",
            default=None,
            help="project directory that papers files must lie in (default: the schedule's folder)",
        )
        sub.add_argument(
            "--max-entries",
            type=_at_least_one,
            default=None,
            metavar="N",
            help="the most calendar entries the course may make (default: the project's coursecal_max_entries, "
            "written as a number in its conf.py, else 2500)",
        )
        sub.add_argument(
            "--max-papers",
            type=_at_least_one,
            default=None,
            metavar="N",
            help="the most papers the course may have (default: the project's coursecal_max_papers, else 1000)",
        )
        sub.add_argument(
            "--suppress",
            action="append",
            default=[],
            type=_subtype,
            metavar="SUBTYPE",
            help="leave out problems of this subtype, e.g. coursecal.unused-paper (as Sphinx's suppress_warnings)",
        )
        return sub

    check = command("check", "Report every problem as path:line:col: message; exit 1 on errors.")
    check.add_argument(
        "--project",
        default=None,
        metavar="DIR",
        help="the Sphinx source folder: check that notes pages exist, and count :paper: citations in its "
        "pages as uses (default: the schedule's folder, if it holds conf.py)",
    )
    check.set_defaults(run=_check)
    ics = command("ics", "Write the course calendar as an ICS file.")
    ics.add_argument("-o", "--output", required=True, help="where to write the .ics file; - for standard output")
    ics.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        help="only these kinds (repeat, or separate with commas), e.g. --kind exam,deadline",
    )
    ics.add_argument("--section", metavar="SECTION", help="only this section's meetings, and what is for everyone")
    ics.add_argument(
        "--previous",
        metavar="FILE",
        help="the feed as published before: SEQUENCE rises exactly for the events that changed since",
    )
    ics.set_defaults(run=_ics)
    exported = command("export", "Write the placed schedule as JSON, for scripts (coursecal-schedule/1).")
    exported.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        default="json",
        help="the JSON document an HTML build writes beside the feeds, without its links into the site "
        "(the only format, and the default)",
    )
    exported.add_argument("-o", "--output", default="-", help="where to write it; - (the default) for standard output")
    exported.set_defaults(run=_export)
    schema = commands.add_parser(
        "schema",
        help="Print the JSON Schema of the schedule format, for editors (or of the JSON export).",
        description="Print the JSON Schema of the schedule format (draft-07), for editors with the YAML "
        "language server: completion, hover text and inline errors. With --export, the JSON Schema "
        "(draft 2020-12) of what `coursecal export --json` and HTML builds write.",
    )
    schema.add_argument(
        "--export", action="store_true", help="the schema of the JSON export (coursecal-schedule/1) instead"
    )
    schema.set_defaults(run=_schema)
    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
