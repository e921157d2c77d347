"""coursecal: check a schedule file, write its calendar feed, or print the JSON Schema of the format."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .engine import Schedule, json_schema, load_schedule
from .ics import write_calendar


def _load(args: argparse.Namespace) -> Schedule:
    schedule = load_schedule(args.schedule, root=args.root)
    for diagnostic in schedule.diagnostics:
        print(diagnostic, file=sys.stderr)
    return schedule


def _count(number: int, noun: str) -> str:
    """ "1 session", "2 sessions", "3 calendar entries"."""
    if number == 1:
        return f"1 {noun}"
    return f"{number} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _check(args: argparse.Namespace) -> int:
    schedule = _load(args)
    errors, total = len(schedule.errors), len(schedule.diagnostics)
    if total:
        print(f"{args.schedule}: {errors} error(s), {total - errors} warning(s)", file=sys.stderr)
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


def _ics(args: argparse.Namespace) -> int:
    schedule = _load(args)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_calendar(schedule, output)
    print(f"wrote {output} ({_count(len(schedule.occurrences), 'event')})")
    return 1 if schedule.errors else 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coursecal", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("schedule", help="the schedule file (YAML, format 1)")
        sub.add_argument(
            "--root",
            default=None,
            help="project directory that papers files must lie in (default: the schedule's folder)",
        )
        return sub

    check = command("check", "Report every problem as path:line:col: message; exit 1 on errors.")
    check.set_defaults(run=_check)
    ics = command("ics", "Write the course calendar as an ICS file.")
    ics.add_argument("-o", "--output", required=True, help="where to write the .ics file")
    ics.set_defaults(run=_ics)
    schema = commands.add_parser(
        "schema",
        help="Print the JSON Schema of the schedule format, for editors.",
        description="Print the JSON Schema of the schedule format (draft-07), for editors with the YAML "
        "language server: completion, hover text and inline errors.",
    )
    schema.set_defaults(run=_schema)
    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
