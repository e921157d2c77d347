"""What a site lets one schedule cost: entries a course may make, entries a view may draw.

A schedule is data an author (or a pull request) writes; conf.py is the site's
own. The two limits live in conf.py, so a mistaken or hostile schedule cannot
lift them: ``coursecal_max_entries`` (every entry is in the feeds) and
``coursecal_view_limit`` (every entry a view draws is on the page).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sphinxcontrib_coursecal.engine import Subtype, load_schedule_text

from .conftest import Builder

# A daily 10:00 meeting for 40 days (2025-09-01 to 2025-10-10): 40 entries.
SCHEDULE = """\
version: 1
course: {id: c1, code: C 1, title: Course, timezone: UTC, start: 2025-09-01, end: 2025-10-10}
meetings:
  lab: {kind: lab, days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], time: "10:00-11:00"}
"""

CONF = 'extensions = ["sphinxcontrib_coursecal"]\ncoursecal_schedule = "schedule.yaml"\n'


def site(tmp_path: Path, page: str, conf: str = "") -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF + conf, encoding="utf-8")
    (src / "schedule.yaml").write_text(SCHEDULE, encoding="utf-8")
    (src / "index.rst").write_text("Home\n====\n\n" + page, encoding="utf-8")
    return src


def test_a_view_draws_at_most_the_view_limit_and_says_so(tmp_path: Path, build: Builder) -> None:
    src = site(
        tmp_path,
        ".. course-calendar::\n   :view: list\n\n"  # line 4: 40 entries, over the limit
        ".. course-calendar::\n   :view: list\n   :from: 2025-10-01\n",  # line 7: 10 entries
    )
    built = build(src, tmp_path / "out", confoverrides={"coursecal_view_limit": 12})
    warnings = [line for line in built.warnings.splitlines() if "WARNING" in line]
    assert warnings == [
        f"{src / 'index.rst'}:4: WARNING: course-calendar: the list view has 40 entries, more than "
        "coursecal_view_limit (12); it draws the first 12, to 2025-09-12, and the entries after them are "
        "only in the feeds: show the term in parts with :from: and "
        ":to: (several views, one each), narrow it with :kinds: or :section:, or raise "
        "coursecal_view_limit in conf.py [coursecal.view-limit]"
    ]
    soup = built.soup("index.html")
    views = soup.select("div.coursecal-view-list")
    assert len(views) == 2
    first, second = (view.get_text(" ", strip=True) for view in views)
    assert first.count("10:00-11:00") == 12  # one a day, Sep 1 to 12
    assert "Fri Sep 12" in first
    assert "Sat Sep 13" not in first
    assert second.count("10:00-11:00") == 10  # Oct 1 to 10
    notes = [p.get_text(" ", strip=True) for p in views[0].select("p.coursecal-view-limited")]
    assert notes == ["This view shows the first 12 of 40 entries; the course’s calendar feed has them all."]
    assert not views[1].select("p.coursecal-view-limited")  # under the limit: drawn whole, no note
    assert "Fri Oct 10" in second
    # The feed still carries every entry.
    assert built.read("c1.ics").count("BEGIN:VEVENT") == 40


def test_each_tab_counts_alone_in_whole_days_and_the_month_ends_with_them(tmp_path: Path, build: Builder) -> None:
    """Two entries a day: a limit of 25 draws 12 whole days (24 entries), never half a day."""
    src = site(tmp_path, ".. course-calendar::\n   :view: tabs\n   :views: list, month, upcoming\n")
    schedule = src / "schedule.yaml"
    schedule.write_text(
        schedule.read_text(encoding="utf-8") + "  oh: {kind: office-hours, days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], "
        'time: "15:00-16:00"}\n',
        encoding="utf-8",
    )
    built = build(src, tmp_path / "out", confoverrides={"coursecal_view_limit": 25})
    said = [line for line in built.warnings.splitlines() if "[coursecal.view-limit]" in line]
    assert len(said) == 2  # the list and the month; the upcoming view is not cut
    assert "the list view has 80 entries" in said[0]
    assert "the month view has 80 entries" in said[1]
    assert all("it draws the first 24, to 2025-09-12" in line for line in said)
    soup = built.soup("index.html")
    listed = soup.select_one("div.coursecal-tab-list").get_text(" ", strip=True)
    assert listed.count("10:00-11:00") == listed.count("15:00-16:00") == 12
    month = soup.select_one("div.coursecal-tab-month")
    assert month.select("td.coursecal-date-2025-09-12")  # the grid ends with the week of the last day drawn,
    assert not month.select("td.coursecal-date-2025-09-22")  # not at the term's end (October 10)
    upcoming = soup.select_one("div.coursecal-tab-upcoming")
    assert upcoming.get_text(" ", strip=True).count("15:00-16:00") == 40  # the whole term: the browser narrows it
    assert not upcoming.select("p.coursecal-view-limited")
    notes = [p.get_text(" ", strip=True) for p in soup.select("p.coursecal-view-limited")]
    assert notes == ["This view shows the first 24 of 80 entries; the course’s calendar feed has them all."] * 2


def test_the_note_is_in_the_site_language_with_its_numbers(tmp_path: Path, build: Builder) -> None:
    src = site(tmp_path, ".. course-calendar::\n   :view: list\n   :no-legend:\n", 'language = "de"\n')
    two_years = SCHEDULE.replace("start: 2025-09-01, end: 2025-10-10", "start: 2025-01-01, end: 2026-12-31")
    (src / "schedule.yaml").write_text(
        two_years + '  oh: {kind: office-hours, days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], time: "15:00-16:00"}\n',
        encoding="utf-8",
    )
    built = build(src, tmp_path / "out", confoverrides={"coursecal_view_limit": 1000})
    notes = [p.get_text(" ", strip=True) for p in built.soup("index.html").select("p.coursecal-view-limited")]
    assert notes == [
        "Diese Ansicht zeigt die ersten 1.000 von 1.460 Terminen; der Kalender-Feed des Kurses enthält alle."
    ]


def test_a_bad_view_limit_warns_and_uses_the_default(tmp_path: Path, build: Builder) -> None:
    src = site(tmp_path, ".. course-calendar::\n   :view: list\n")
    built = build(src, tmp_path / "out", confoverrides={"coursecal_view_limit": 0, "coursecal_max_entries": -5})
    assert "coursecal_view_limit = 0 must be at least 1; using the default 500" in built.warnings
    assert "coursecal_max_entries = -5 must be at least 1; using the default 2500" in built.warnings
    assert "view-limit" not in built.warnings  # 40 entries, under the default
    assert built.read("c1.ics").count("BEGIN:VEVENT") == 40


# -- entries a course may make -------------------------------------------------------------------

# Five daily meetings over two years: 3,650 entries, past the default 2,500.
BIG = """\
version: 1
course: {id: c1, code: C 1, title: Course, timezone: UTC, start: 2025-01-01, end: 2026-12-31}
meetings:
""" + "".join(
    f"  m{n}: {{kind: lab, days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], time: '1{n}:00-1{n}:30'}}\n" for n in range(5)
)


def test_a_course_makes_at_most_max_entries() -> None:
    schedule = load_schedule_text(BIG)
    assert len(schedule.occurrences) == 3 * 730  # m0..m2 fit in 2,500; m3 would pass it
    [said] = [d for d in schedule.diagnostics if d.subtype is Subtype.RANGE]
    assert said.location.line == 7  # the meeting m3
    assert "the meeting 'm3' takes the course past 2,500 calendar entries" in said.message
    assert "coursecal_max_entries" in said.message
    allowed = load_schedule_text(BIG, max_entries=4_000)
    assert len(allowed.occurrences) == 5 * 730
    assert not [d for d in allowed.diagnostics if d.subtype is Subtype.RANGE]


def test_closures_deadlines_and_events_count_against_max_entries() -> None:
    closures = "".join(f"  - {{date: 2025-09-{day:02d}, title: Closed {day}}}\n" for day in range(1, 31))
    text = SCHEDULE + "closures:\n" + closures + "deadlines:\n  - {id: hw, title: HW, due: 2025-09-15}\n"
    schedule = load_schedule_text(text, max_entries=20)
    assert [o.title for o in schedule.occurrences] == [f"Closed {day}" for day in range(1, 21)]
    said, meeting = [d for d in schedule.diagnostics if "calendar entries" in d.message]
    assert "the meeting 'lab' takes the course past 20" in meeting.message  # no room is left for it
    assert said.location.line == 5 + 20 + 1  # the 21st closure
    assert said.message.startswith("this closure takes the course past 20 calendar entries")
    assert "it and the closures, deadlines and events after it are not placed" in said.message
    whole = load_schedule_text(text, max_entries=100)
    assert len(whole.occurrences) == 30 + 1 + 40 - 30  # every closure, the deadline, the lab on open days
    assert not [d for d in whole.diagnostics if "calendar entries" in d.message]


def test_the_site_and_the_command_set_max_entries(tmp_path: Path, build: Builder) -> None:
    src = site(tmp_path, ".. course-calendar::\n   :view: list\n", "coursecal_max_entries = 25\n")
    built = build(src, tmp_path / "out")
    assert f"{src / 'schedule.yaml'}:4:" in built.warnings
    assert "takes the course past 25 calendar entries" in built.warnings
    assert built.read("c1.ics").count("BEGIN:VEVENT") == 0  # the one meeting would pass 25: not placed
    command = [sys.executable, "-m", "sphinxcontrib_coursecal", "ics", str(src / "schedule.yaml"), "-o", "-"]
    # The command reads the project's setting from its conf.py (beside the schedule), as the build does.
    from_conf = subprocess.run(command, capture_output=True, text=True, check=False)
    assert "takes the course past 25 calendar entries" in from_conf.stderr
    assert from_conf.stdout.count("BEGIN:VEVENT") == 0
    # --max-entries says it instead.
    allowed = subprocess.run([*command, "--max-entries", "40"], capture_output=True, text=True, check=False)
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.count("BEGIN:VEVENT") == 40
    # conf.py is not run: a value it computes is not seen, and the default (2,500) holds.
    (src / "conf.py").write_text(CONF + "coursecal_max_entries: int = int('25')\n", encoding="utf-8")
    computed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert computed.stdout.count("BEGIN:VEVENT") == 40
    capped = subprocess.run([*command, "--max-entries", "25"], capture_output=True, text=True, check=False)
    assert "takes the course past 25 calendar entries" in capped.stderr
    refused = subprocess.run([*command, "--max-entries", "0"], capture_output=True, text=True, check=False)
    assert refused.returncode == 2
    assert "'0' is not a whole number, at least 1" in refused.stderr


# -- papers a course may have ---------------------------------------------------------------------


def papers_schedule(count: int) -> str:
    return SCHEDULE + "papers:\n" + "".join(f"  k{n}: {{title: Paper {n}}}\n" for n in range(count))


def test_a_course_has_at_most_max_papers() -> None:
    schedule = load_schedule_text(papers_schedule(1_005))
    assert list(schedule.papers) == [f"k{n}" for n in range(1_000)]
    [said] = [d for d in schedule.diagnostics if "papers" in d.message and d.subtype is Subtype.RANGE]
    assert said.location.line == 5 + 1_000 + 1  # the 1,001st paper, k1000
    assert said.message.startswith("the paper 'k1000' takes the course past 1,000 papers")
    assert "coursecal_max_papers" in said.message
    assert len(load_schedule_text(papers_schedule(1_005), max_papers=2_000).papers) == 1_005


def test_a_session_reading_a_paper_past_the_cap_is_told_so(tmp_path: Path, build: Builder) -> None:
    src = site(tmp_path, ".. reading-list::\n", "coursecal_max_papers = 3\n")
    (src / "schedule.yaml").write_text(
        papers_schedule(5) + "sessions:\n  - {title: Intro, readings: [k0, k4]}\n", encoding="utf-8"
    )
    built = build(src, tmp_path / "out")
    assert f"{src / 'schedule.yaml'}:9:" in built.warnings  # k3, the first past the cap
    assert "the paper 'k3' takes the course past 3 papers" in built.warnings
    assert "k4" in built.warnings.split("takes the course past 3 papers", 1)[1]  # the reading of k4: unknown
    assert (built.outdir / "papers" / "k2.html").is_file()
    assert not (built.outdir / "papers" / "k3.html").exists()
    command = [sys.executable, "-m", "sphinxcontrib_coursecal", "check", str(src / "schedule.yaml")]
    from_conf = subprocess.run(command, capture_output=True, text=True, check=False)
    assert "the paper 'k3' takes the course past 3 papers" in from_conf.stderr
    allowed = subprocess.run([*command, "--max-papers", "5"], capture_output=True, text=True, check=False)
    assert "takes the course past" not in allowed.stderr
    assert "'k4'" not in allowed.stderr  # read, and read by the session
