"""The hostile corpus: bad or malicious sites, each built for real, under a budget.

Every case in ``tests/hostile/`` is a schedule (``NAME.yaml``) or a small
directory (``NAME/schedule.yaml`` plus files that overlay the site). It is
built as the small site in ``tests/hostile/_site`` (a home page with the
table, month and list views and feed links, a reading list, a notes page with
roles) by ``sphinx-build`` and run through ``coursecal check`` and ``coursecal
ics``, each in a forked process with a memory limit and a timeout
(``tests/forkserver.py``), so a crash or a blow-up fails a test and nothing else.

The schedule starts with its expectations, one ``# key: value`` per line
(tests/hostile/README.md has the whole grammar)::

    # hostile: an event running to the end of the calendar
    # class: extreme-dates
    # warn: range schedule.yaml:27 "to"
    # exit: build 0, check 1
    # shows: index.html c1.ics "Sentinel"
    # sphinx: xfail extreme-dates: OverflowError in the month view
    # cli: pass

Line numbers are the lines a person sees in an editor (counted by hand; only
``\\n``, ``\\r\\n`` and ``\\r`` end a line). Every case is also held to what
no site may ever do, whatever its schedule: no traceback; at most 10 s of CPU
time and 500 MB of memory per run (CPU time, because wall time on a shared
machine measures the neighbours; a run that waits is stopped at 60 s of wall
time); no live ``javascript:`` link and no injected script or event handler;
nothing published from outside the project (``SECRET``) or written outside the
output; feeds that are valid iCalendar; every coursecal warning at a place
(a setting aside), and every place a line its file has
(:func:`located_problems`, :func:`scan_output`, :meth:`Run.budget_problems`).

The last two lines say how the build and the CLI fare today: ``pass``, or
``xfail <class>: <what happens>``, a strict xfail, so a fix has to turn it
into ``pass`` (in place: no line moves). Cases run in parallel, one fork
server per core (at most four), the slow classes first.
``python -m tests.test_hostile [CASE...]`` prints what each case does today.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .forkserver import ServerPool
from .hostile_rules import (
    BASE_SITE,
    BY_NAME,
    CASES,
    CLASSES,
    PARTS,
    Case,
    Outcome,
    cli_diagnostics,
    editor_lines,
    job,
    prepare,
    run_all,
    sphinx_warnings,
)

# -- the tests -------------------------------------------------------------------------------


def test_corpus_covers_every_class() -> None:
    assert len(CASES) >= 80, f"the corpus has {len(CASES)} cases"
    classes = {case.klass for case in CASES}
    assert classes == set(CLASSES), f"no case for {set(CLASSES) - classes}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_expected_lines_exist(case: Case) -> None:
    """The corpus itself: each expected line is a line of its file, with something on it."""
    for expected in case.expected:
        if expected.file is None or not expected.lines:
            continue
        source = case.path / expected.file if case.path.is_dir() else case.schedule
        if expected.file != "schedule.yaml" and not source.exists():
            source = BASE_SITE / expected.file
        lines = editor_lines(source.read_bytes())
        for number in expected.lines:
            assert 1 <= number <= len(lines), f"{expected.text}: {source.name} has {len(lines)} lines"
        assert any(lines[n - 1].strip() for n in expected.lines), f"{expected.text}: only blank lines"


def params(part: str) -> list[Any]:
    found = []
    for case in CASES:
        reason = case.xfail_sphinx if part == "sphinx" else case.xfail_cli
        marks = [pytest.mark.xfail(strict=not reason.startswith("edge "), reason=reason)] if reason else []
        found.append(pytest.param(case.name, marks=marks, id=case.name))
    return found


@pytest.fixture(scope="module")
def outcomes(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], Outcome]:
    """Every selected case and part, run once, in parallel, before the first test looks."""
    wanted = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if item.module is not None and item.module.__name__ == __name__ and callspec and "name" in callspec.params:
            part = "sphinx" if item.originalname == "test_sphinx_build" else "cli"
            wanted.append((callspec.params["name"], part))
    return run_all(wanted, tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("name", ["link_data_and_vbscript", "config_ics_filename_unknown_field"])
def test_the_fork_server_runs_what_the_commands_run(name: str, tmp_path: Path) -> None:
    """A forked run is what ``sphinx-build`` and ``coursecal`` do when run as commands:
    the same exit status and the same warnings, for a case that warns and one that crashes today."""
    case = BY_NAME[name]
    src = prepare(case, tmp_path / "real")
    schedule = str(src / "schedule.yaml")
    env = {**os.environ, "NO_COLOR": "1"}
    commands = {
        "build": [sys.executable, "-m", "sphinx", "-q", "-T", "-b", "html", str(src), str(tmp_path / "real" / "out")],
        "check": [str(Path(sys.executable).parent / "coursecal"), "check", schedule],
    }
    real = {
        what: subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        for what, argv in commands.items()
    }
    pool = ServerPool()
    try:
        forked_src = prepare(case, tmp_path / "forked")
        logs = tmp_path / "forked" / "tmp"
        build = pool.run(
            job(
                "sphinx-build",
                ["-q", "-T", "-b", "html", str(forked_src), str(tmp_path / "forked" / "out")],
                forked_src,
                logs,
                "build",
            )
        )
        check = pool.run(job("coursecal", ["check", str(forked_src / "schedule.yaml")], forked_src, logs, "check"))
    finally:
        pool.close()

    def seen(stderr: str, root: Path) -> set[tuple[str | None, int | None, str]]:
        return {(w.subtype, w.line, w.message.replace(str(root), "ROOT")) for w in sphinx_warnings(stderr)[0]}

    assert build.returncode == real["build"].returncode
    assert seen(build.stderr, forked_src) == seen(real["build"].stderr, src)
    assert check.returncode == real["check"].returncode
    assert (
        cli_diagnostics(check.stderr.replace(str(forked_src), "ROOT"))[0]
        == cli_diagnostics(real["check"].stderr.replace(str(src), "ROOT"))[0]
    )


@pytest.mark.parametrize("name", params("sphinx"))
def test_sphinx_build(name: str, outcomes: dict[tuple[str, str], Outcome]) -> None:
    outcome = outcomes[(name, "sphinx")]
    assert not outcome.problems, outcome.report()


@pytest.mark.parametrize("name", params("cli"))
def test_cli(name: str, outcomes: dict[tuple[str, str], Outcome]) -> None:
    outcome = outcomes[(name, "cli")]
    assert not outcome.problems, outcome.report()


# -- today's results, as a table ----------------------------------------------------------


def table(names: list[str], record: Path | None = None) -> Iterator[str]:
    """A Markdown table of what every case does today (and, with ``record``, the same as JSON)."""
    import json  # noqa: PLC0415 (only this report needs them)
    import tempfile  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as base:
        results = run_all([(name, part) for name in names for part in PARTS], Path(base))
    if record is not None:
        record.write_text(
            json.dumps(
                {
                    f"{name}/{part}": {
                        "problems": outcome.problems,
                        "runs": [
                            {
                                "what": r.what,
                                **{
                                    k: getattr(r.result, k)
                                    for k in ("returncode", "wall", "cpu", "maxrss_mb", "timed_out")
                                },
                            }
                            for r in outcome.runs
                        ],
                    }
                    for (name, part), outcome in results.items()
                },
                indent=1,
            )
        )
    yield "| case | class | part | today | cost |"
    yield "|---|---|---|---|---|"
    for name in names:
        case = BY_NAME[name]
        for part in PARTS:
            outcome = results[(name, part)]
            verdict = "ok" if not outcome.problems else "; ".join(outcome.problems[:2]).replace("|", "\\|")
            cost = max(outcome.runs, key=lambda run: run.result.cpu).result
            yield (
                f"| {name} | {case.klass} | {part} | {verdict[:300]} "
                f"| {cost.cpu:.1f} s CPU, {cost.wall:.1f} s wall, {cost.maxrss_mb:.0f} MB |"
            )


if __name__ == "__main__":
    arguments = sys.argv[1:]
    json_path = None
    if arguments[:1] == ["--json"]:
        json_path, arguments = Path(arguments[1]), arguments[2:]
    for row in table(arguments or [case.name for case in CASES], json_path):
        print(row, flush=True)
