"""``coursecal init``: from an empty folder to a site that builds with ``-W``, and into an existing project.

The builds run as a user runs them: the command in a fresh process, then
``python -m sphinx -W``. The folder holds a virtual environment whose
packages ship reST and Markdown files that would fail a build, as a ``.venv``
inside the project does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinxcontrib_coursecal.engine import load_schedule_text
from sphinxcontrib_coursecal.scaffold import add_init_arguments, closures, guess_term, local_zone, schedule_text

BROKEN_RST = "Broken\n======\n\n.. no-such-directive::\n\n:no-such-role:`x` and `unclosed\n"
BROKEN_MD = "# Broken\n\n```{no-such-directive}\n```\n"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False, cwd=cwd)


def add_venv(folder: Path) -> None:
    """A virtual environment inside the project, as the tutorial makes one, with files Sphinx must not read."""
    for name in (".venv", "venv"):
        package = folder / name / "lib" / "python3.11" / "site-packages" / "somepackage"
        package.mkdir(parents=True)
        (package / "README.rst").write_text(BROKEN_RST, encoding="utf-8")
        (package / "notes.md").write_text(BROKEN_MD, encoding="utf-8")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the term and the schedule ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "system", "name", "start", "end"),
    [
        (dt.date(2026, 1, 2), "semester", "Spring 2026", dt.date(2026, 1, 12), dt.date(2026, 5, 1)),
        (dt.date(2026, 3, 1), "semester", "Spring 2026", dt.date(2026, 1, 12), dt.date(2026, 5, 1)),
        (dt.date(2026, 6, 15), "semester", "Fall 2026", dt.date(2026, 8, 31), dt.date(2026, 12, 18)),
        (dt.date(2026, 12, 20), "semester", "Spring 2027", dt.date(2027, 1, 11), dt.date(2027, 4, 30)),
        (dt.date(2026, 1, 2), "quarter", "Winter 2026", dt.date(2026, 1, 5), dt.date(2026, 3, 20)),
        (dt.date(2026, 4, 10), "quarter", "Spring 2026", dt.date(2026, 3, 30), dt.date(2026, 6, 12)),
        (dt.date(2026, 7, 4), "quarter", "Autumn 2026", dt.date(2026, 9, 28), dt.date(2026, 12, 11)),
    ],
)
def test_the_current_or_next_term(today: dt.date, system: str, name: str, start: dt.date, end: dt.date) -> None:
    term = guess_term(today, system)
    assert (term.name, term.start, term.end) == (name, start, end)
    assert term.start.weekday() == 0
    assert term.end.weekday() == 4


def test_the_holidays_of_a_spring_semester() -> None:
    assert closures(dt.date(2026, 1, 12), dt.date(2026, 5, 1)) == [
        ("Martin Luther King Jr. Day", dt.date(2026, 1, 19), dt.date(2026, 1, 19)),
        ("Spring break", dt.date(2026, 3, 16), dt.date(2026, 3, 20)),
    ]
    assert closures(dt.date(2025, 8, 25), dt.date(2025, 12, 12)) == [
        ("Labor Day", dt.date(2025, 9, 1), dt.date(2025, 9, 1)),
        ("Thanksgiving break", dt.date(2025, 11, 27), dt.date(2025, 11, 28)),
    ]


def init_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_init_arguments(parser)
    args = parser.parse_args(argv)
    args.code, args.id = "CS 101", "cs-101"
    return args


@pytest.mark.parametrize("system", ["semester", "quarter"])
@pytest.mark.parametrize("days", ["Tue,Thu", "Mon,Wed,Fri", "Sat"])
def test_the_schedule_is_clean_whatever_the_day_it_is_made(system: str, days: str) -> None:
    """Every week of two years: its term, closures, midterm and homework give no diagnostic, lint included."""
    args = init_args("--days", days)
    day = dt.date(2025, 1, 1)
    while day < dt.date(2027, 1, 1):
        text = schedule_text(args, guess_term(day, system), ("America/Chicago", "given"))
        schedule = load_schedule_text(text)
        assert schedule.diagnostics == (), f"{day}:\n" + "\n".join(map(str, schedule.diagnostics))
        assert [s.id for s in schedule.sessions] == ["welcome", "foundations", "core-1", "core-2"]
        assert {o.kind for o in schedule.occurrences} >= {"lecture", "exam", "deadline"}
        day += dt.timedelta(weeks=1)


def test_the_time_zone_comes_from_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    assert local_zone() == ("Asia/Kolkata", "from $TZ")
    monkeypatch.setenv("TZ", "Not/AZone")
    assert local_zone()[0] != "Not/AZone"


# -- from an empty folder ----------------------------------------------------------------------


def test_from_an_empty_folder_to_a_site_that_builds_with_w(tmp_path: Path) -> None:
    site = tmp_path / "cs101"
    made = run("-m", "sphinxcontrib_coursecal", "init", str(site), "--code", "CS 101", "--timezone", "America/Chicago")
    assert made.returncode == 0, made.stderr
    for name in ("conf.py", "schedule.yaml", "index.rst", ".readthedocs.yaml", "requirements.txt", ".gitignore"):
        assert (site / name).is_file(), name
    assert (site / "schedule.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=https://")
    add_venv(site)
    # `coursecal check` with no argument checks ./schedule.yaml.
    checked = run("-m", "sphinxcontrib_coursecal", "check", cwd=site)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("schedule.yaml: ok — 4 sessions")
    assert checked.stderr == ""
    built = run("-m", "sphinx", "-W", "--keep-going", "-b", "html", str(site), str(tmp_path / "html"))
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    page = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("h1").get_text().startswith("CS 101")
    rows = [row.get_text(" ", strip=True) for row in page.select("div.coursecal-view-table tbody tr")]
    assert any("Welcome and overview" in row for row in rows)
    assert any("Midterm" in row for row in rows)
    assert page.select("ul.coursecal-feeds a")  # the subscribe links
    assert "How to Read a Paper" in page.select_one("div.coursecal-reading-list").get_text()
    assert (tmp_path / "html" / "cs-101.ics").is_file()


def test_init_overwrites_nothing_and_refuses_a_sphinx_project(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "schedule.yaml").write_text("# my own\n", encoding="utf-8")
    made = run("-m", "sphinxcontrib_coursecal", "init", str(site))
    assert made.returncode == 0
    assert (site / "schedule.yaml").read_text(encoding="utf-8") == "# my own\n"
    assert f"kept  {site / 'schedule.yaml'} (it exists)" in made.stdout
    again = run("-m", "sphinxcontrib_coursecal", "init", str(site))
    assert again.returncode == 1
    assert "coursecal init --into" in again.stderr


# -- into a sphinx-quickstart project ------------------------------------------------------------


def test_into_a_quickstart_project(tmp_path: Path) -> None:
    project = tmp_path / "physics"
    quickstart = run(
        "-m", "sphinx.cmd.quickstart", "-q", "-p", "Physics 101", "-a", "Ada", "--no-makefile", "--no-batchfile",
        str(project),
    )  # fmt: skip
    assert quickstart.returncode == 0, quickstart.stderr
    before = {name: digest(project / name) for name in ("conf.py", "index.rst")}
    made = run("-m", "sphinxcontrib_coursecal", "init", "--into", str(project), "--code", "PHYS 101")
    assert made.returncode == 0, made.stderr
    assert {name: digest(project / name) for name in before} == before, "init edited a file it did not make"
    assert sorted(path.name for path in project.iterdir()) == [
        "_build", "_static", "_templates", "conf.py", "course.rst", "index.rst", "schedule.yaml",
    ]  # fmt: skip
    # The user adds the lines init printed to conf.py; a .venv lives in the project.
    lines = [line.removeprefix("    ") for line in made.stdout.splitlines() if line.startswith("    ")]
    assert lines[0] == 'extensions.append("sphinxcontrib_coursecal")'
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("\n" + "\n".join(lines) + "\n")
    add_venv(project)
    built = run("-m", "sphinx", "-W", "--keep-going", "-b", "html", str(project), str(tmp_path / "html"))
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup((tmp_path / "html" / "course.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select("div.coursecal-view-table")
    # Run again, nothing is missing: nothing to add, nothing to print for conf.py.
    again = run("-m", "sphinxcontrib_coursecal", "init", "--into", str(project))
    assert again.returncode == 0
    assert "wrote" not in again.stdout
    assert "conf.py" not in again.stdout
