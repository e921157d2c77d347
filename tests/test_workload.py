"""A week's workload (issue #15): counts in the schedule, each week's totals on pages, the ceiling's lint.

The course is shaped like a real one: a ten-week graduate seminar on Wednesdays
(Mon 2026-01-05 to Fri 2026-03-13, week 1 holds Jan 5), two or three papers a
session with their real-ish lengths, a book chapter by page range, one video,
homeworks with expected hours, a reading day that pushes the plan a week.

The totals below are worked out by hand from the schedule, week by week
(session dates: Jan 7, 14, 21, 28, Feb 4, 11, [Feb 18 closed], 25, Mar 4, 11):

====  ====================================  =====  =======  =====  ======================
week  readings (required)                   pages  minutes  hours  due
====  ====================================  =====  =======  =====  ======================
1     dlbook pp. 1-26 (26), karpathy video  26     25       0
2     vaswani 15 + devlin 16                31     0        0      Reading response 1
3     gpt3 40 + kaplan 30 (chinchilla opt.) 70     0        6      HW1
4     lora 26 + qlora 20                    46     0        0
5     megatron 13 + zero 24                 37     0        8      HW2
6     flash 34 + paged 16 + switch 39       89     0        4      Project proposal
7     (reading day: nothing)
8     gshard 35 + mixtral 12                47     0        0
9     instructgpt 38 + dpo 27               65     0        0
10    (project presentations)               0      0        20     Final project
====  ====================================  =====  =======  =====  ======================

``course.workload`` is ``{pages: 80, hours: 15}``: week 6 goes over at its third
paper (34 + 16 = 50, + 39 = 89 > 80), week 10 at the final project (20 > 15).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinxcontrib_coursecal.engine import Severity, Subtype, load_schedule_text, page_count
from sphinxcontrib_coursecal.export import dumps, export

from .conftest import Build, Builder

SCHEDULE = """\
version: 1.1
course:
  id: sem
  code: CS 8803
  title: Large Language Model Systems
  term: Winter 2026
  timezone: America/New_York
  start: 2026-01-05
  end: 2026-03-13
  workload: {pages: 80, hours: 15}
meetings:
  seminar: {kind: lecture, days: [Wed], time: "14:00-15:30", location: KLAUS 1447}
closures:
  - {date: 2026-02-18, title: Reading day}
papers:
  dlbook: {title: Deep Learning, authors: [Ian Goodfellow], year: 2016, type: book}
  karpathy: {title: "Let's build GPT", authors: [Andrej Karpathy], year: 2023, type: video, minutes: 25}
  vaswani: {title: Attention Is All You Need, authors: [Ashish Vaswani], year: 2017, pages: 15}
  devlin: {title: BERT, authors: [Jacob Devlin], year: 2019, pages: 16}
  gpt3: {title: Language Models are Few-Shot Learners, authors: [Tom Brown], year: 2020, pages: 40}
  kaplan: {title: Scaling Laws for Neural Language Models, authors: [Jared Kaplan], year: 2020, pages: 30}
  chinchilla: {title: Training Compute-Optimal LLMs, authors: [Jordan Hoffmann], year: 2022, pages: 36}
  lora: {title: LoRA, authors: [Edward Hu], year: 2021, pages: 26}
  qlora: {title: QLoRA, authors: [Tim Dettmers], year: 2023, pages: 20}
  megatron: {title: Megatron-LM, authors: [Mohammad Shoeybi], year: 2019, pages: 13}
  zero: {title: ZeRO, authors: [Samyam Rajbhandari], year: 2020, pages: 24}
  flash: {title: FlashAttention, authors: [Tri Dao], year: 2022, pages: 34}
  paged: {title: PagedAttention, authors: [Woosuk Kwon], year: 2023, pages: 16}
  switch: {title: Switch Transformers, authors: [William Fedus], year: 2022, pages: 39}
  gshard: {title: GShard, authors: [Dmitry Lepikhin], year: 2020, pages: 35}
  mixtral: {title: Mixtral of Experts, authors: [Albert Jiang], year: 2024, pages: 12}
  instructgpt: {title: Training LMs to follow instructions, authors: [Long Ouyang], year: 2022, pages: 38}
  dpo: {title: Direct Preference Optimization, authors: [Rafael Rafailov], year: 2023, pages: 27}
sessions:
  - id: intro
    title: Introduction
    readings:
      - {paper: dlbook, section: "Ch. 1", pages: 1-26}
      - karpathy
  - {id: attention, title: Attention, readings: [vaswani, devlin]}
  - id: scaling
    title: Scaling
    readings:
      - gpt3
      - kaplan
      - {paper: chinchilla, optional: true}
  - {id: finetuning, title: Fine-tuning, readings: [lora, qlora]}
  - {id: parallelism, title: Parallelism, readings: [megatron, zero]}
  - id: serving
    title: Serving
    readings:
      - flash
      - paged
      - switch
  - {id: moe, title: Mixture of experts, readings: [gshard, mixtral]}
  - {id: alignment, title: Alignment, readings: [instructgpt, dpo]}
  - {id: projects, title: Project presentations}
deadlines:
  - {id: response-1, title: Reading response 1, due: "2026-01-14 13:00"}
  - {id: hw1, title: HW1, due: "2026-01-23 23:59", hours: 6}
  - {id: hw2, title: HW2, due: "2026-02-06 23:59", hours: 8}
  - {id: proposal, title: Project proposal, due: "2026-02-13 23:59", hours: 4}
  - {id: final, title: Final project, due: "2026-03-13 23:59", hours: 20}
"""

# Week: (pages, minutes, hours, deadlines due), by hand (see the module's table).
EXPECTED = {
    1: (26, 25, 0, []),
    2: (31, 0, 0, ["response-1"]),
    3: (70, 0, 6, ["hw1"]),
    4: (46, 0, 0, []),
    5: (37, 0, 8, ["hw2"]),
    6: (89, 0, 4, ["proposal"]),
    8: (47, 0, 0, []),
    9: (65, 0, 0, []),
    10: (0, 0, 20, ["final"]),
}
# The lines as the English table, month and list views write them.
LINES = {
    1: "Week 1: 26 pages \u00b7 25 minutes",
    2: "Week 2: 31 pages \u00b7 Reading response 1 due",
    3: "Week 3: 70 pages \u00b7 6 hours of work \u00b7 HW1 due",
    4: "Week 4: 46 pages",
    5: "Week 5: 37 pages \u00b7 8 hours of work \u00b7 HW2 due",
    6: "Week 6: 89 pages \u00b7 4 hours of work \u00b7 Project proposal due (over the ceiling)",
    8: "Week 8: 47 pages",
    9: "Week 9: 65 pages",
    10: "Week 10: 20 hours of work \u00b7 Final project due (over the ceiling)",
}


def line_of(text: str, written: str) -> int:
    """The 1-based line of the schedule that reads ``written`` (exactly, once)."""
    found = [number for number, line in enumerate(text.splitlines(), 1) if line == written]
    assert len(found) == 1, written
    return found[0]


# -- the engine -----------------------------------------------------------------------------------


def test_each_weeks_totals_are_the_hand_counted_ones() -> None:
    schedule = load_schedule_text(SCHEDULE)
    assert schedule.errors == ()
    found = {
        number: (week.pages, week.minutes, week.hours, [deadline.id for deadline in week.due])
        for number, week in schedule.workload.items()
    }
    assert found == EXPECTED
    assert schedule.workload_given


def test_the_ceiling_warns_at_the_reading_and_the_deadline_that_take_a_week_over() -> None:
    schedule = load_schedule_text(SCHEDULE)
    found = [(d.location.line, d.severity, d.message) for d in schedule.diagnostics if d.subtype is Subtype.WORKLOAD]
    assert [(line, severity) for line, severity, _message in found] == [
        (line_of(SCHEDULE, "      - switch"), Severity.WARNING),
        (
            line_of(SCHEDULE, '  - {id: final, title: Final project, due: "2026-03-13 23:59", hours: 20}'),
            Severity.WARNING,
        ),
    ]
    assert found[0][2].startswith("week 6 asks 89 pages, over the ceiling of 80: the reading 'switch'")
    assert found[1][2].startswith("week 10 asks 20 hours, over the ceiling of 15: the deadline 'final'")
    others = [d for d in schedule.diagnostics if d.subtype is not Subtype.WORKLOAD]
    assert others == []


@pytest.mark.parametrize(
    ("pages", "count"),
    [
        ("12-30", 19),
        ("7", 1),
        ("12--30", 19),
        ("12\u201330", 19),
        ("1-5, 9-10", 7),
        ("xi-xx", None),
        ("30-12", None),
        ("Section 3", None),
        ("", None),
    ],
)
def test_a_page_range_counts_its_pages(pages: str, count: int | None) -> None:
    assert page_count(pages) == count


def test_sections_sharing_a_plan_read_it_once_and_optional_and_cancelled_readings_count_nothing() -> None:
    schedule = load_schedule_text(
        textwrap.dedent(
            """\
            course: {id: two, timezone: Europe/Berlin, start: 2026-01-05, end: 2026-01-30}
            meetings:
              a: {kind: lecture, section: A, days: [Mon], time: "10:00-12:00", sessions: plan}
              b: {kind: lecture, section: B, days: [Thu], time: "10:00-12:00", sessions: plan}
            papers:
              p: {title: P, pages: 10}
              q: {title: Q, pages: 20}
              v: {title: V, type: video, minutes: 30}
            sessions:
              plan:
                - {id: one, title: One, readings: [p, {paper: q, optional: true}, {paper: v, minutes: 12}]}
                - {id: two, title: Two, readings: [{paper: q, pages: 3-4}]}
                - {id: three, title: Three, cancelled: true}
            """
        )
    )
    # Section A reads "one" on Mon Jan 5 (week 1), section B on Thu Jan 8: counted once, in week 1.
    assert {n: (w.pages, w.minutes) for n, w in schedule.workload.items()} == {1: (10, 12), 2: (2, 0)}


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("pages", "-3", "from 0 to 5000"),
        ("pages", "1000000000", "from 0 to 5000"),
        ("pages", "twelve", "not a whole number of pages"),
        ("pages", "12.5", "not a whole number of pages"),
        ("minutes", "[25]", "minutes"),
    ],
)
def test_a_bad_paper_count_is_a_warning_at_its_line_and_counts_nothing(field: str, value: str, words: str) -> None:
    text = textwrap.dedent(
        f"""\
        course: {{id: bad, timezone: Europe/Berlin, start: 2026-01-05, end: 2026-01-30}}
        meetings: {{lecture: {{days: [Mon], time: "10:00-12:00"}}}}
        papers:
          p:
            title: P
            {field}: {value}
        sessions: [{{title: One, readings: [p]}}]
        """
    )
    schedule = load_schedule_text(text)
    [problem] = schedule.diagnostics
    assert problem.location.line == 6
    assert words in problem.message
    assert schedule.workload == {}


def test_hours_may_be_a_decimal_and_a_bad_ceiling_is_left_out() -> None:
    schedule = load_schedule_text(
        textwrap.dedent(
            """\
            course:
              id: dec
              timezone: Europe/Berlin
              start: 2026-01-05
              end: 2026-01-30
              workload: {pages: lots, hours: 2}
            meetings: {lecture: {days: [Mon], time: "10:00-12:00"}}
            deadlines:
              - {id: hw, title: HW, due: "2026-01-09 23:59", hours: 1.5}
            """
        )
    )
    [problem] = schedule.diagnostics
    assert (problem.location.line, problem.severity) == (6, Severity.ERROR)  # as an unreadable `year` is
    assert "`course.workload.pages`" in problem.message
    assert schedule.course is not None
    assert schedule.course.workload == (("hours", 2.0),)
    assert schedule.workload[1].hours == 1.5


def test_the_export_carries_the_weeks() -> None:
    document = json.loads(dumps(export(load_schedule_text(SCHEDULE))))
    weeks = {
        week["week"]: (week["pages"], week["minutes"], week["hours"], week["due"]) for week in document["workload"]
    }
    assert weeks == EXPECTED
    assert document["course"]["workload"] == {"pages": 80, "hours": 15}
    assert document["deadlines"][1]["hours"] == 6


# -- pages ------------------------------------------------------------------------------------------

PAGES = {
    "conf.py": 'extensions = ["sphinxcontrib_coursecal"]\ncoursecal_schedule = "schedule.yaml"\n',
    "index.rst": """\
        Seminar
        =======

        .. course-calendar::

        .. toctree::

           month
           agenda
        """,
    "month.rst": "Month\n=====\n\n.. course-calendar::\n   :view: month\n",
    "agenda.rst": "Agenda\n======\n\n.. course-calendar::\n   :view: list\n",
}


def site(root: Path, schedule: str) -> Path:
    source = root / "src"
    source.mkdir(parents=True)
    (source / "schedule.yaml").write_text(schedule, encoding="utf-8")
    for name, text in PAGES.items():
        (source / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory, shared_build: Builder) -> Build:
    base = tmp_path_factory.mktemp("workload")
    return shared_build(site(base, SCHEDULE), base / "build", "html")


def lines(page: BeautifulSoup) -> dict[int, str]:
    found = {}
    for line in page.select("p.coursecal-workload"):
        text = " ".join(line.get_text().split())
        found[int(text.split(":")[0].removeprefix("Week "))] = text
    return found


def test_the_build_warns_at_the_schedules_lines(html: Build) -> None:
    warnings = html.warnings.strip().splitlines()
    switch, final = (
        line_of(SCHEDULE, "      - switch"),
        line_of(SCHEDULE, '  - {id: final, title: Final project, due: "2026-03-13 23:59", hours: 20}'),
    )
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith(f"{html.srcdir / 'schedule.yaml'}:{switch}:")
    assert "WARNING: week 6 asks 89 pages, over the ceiling of 80" in warnings[0]
    assert warnings[0].endswith("[coursecal.workload]")
    assert warnings[1].startswith(f"{html.srcdir / 'schedule.yaml'}:{final}:")
    assert "week 10 asks 20 hours, over the ceiling of 15" in warnings[1]


def test_the_table_has_a_line_before_each_weeks_first_row(html: Build) -> None:
    page = html.soup("index.html")
    assert lines(page) == LINES
    rows = page.select("table.coursecal-table tbody tr")
    week_6 = next(i for i, row in enumerate(rows) if "Week 6:" in row.get_text())
    assert "Serving" in rows[week_6 + 1].get_text()  # the week's first class follows its line
    over = page.select("p.coursecal-workload-over")
    assert len(over) == 2


def test_the_month_grid_has_a_line_under_each_week(html: Build) -> None:
    page = html.soup("month.html")
    assert lines(page) == LINES
    row = page.select_one("tr.coursecal-workload-row")
    assert row is not None
    assert "coursecal-week-1" in row.find_previous_sibling("tr")["class"]
    cell = row.select_one("td")
    assert cell is not None
    assert cell.get("colspan") == "5"


def test_the_bars_length_is_the_weeks_share_of_its_ceiling(html: Build) -> None:
    """Against the ceilings (80 pages, 15 hours), or the term's heaviest week for minutes (25): the fullest
    measure decides, in twentieths. Week 1: 26/80 pages, 25/25 minutes: full. Week 4: 46/80 = 0.575: 12."""
    page = html.soup("month.html")
    bars = {}
    for line in page.select("p.coursecal-workload"):
        number = int(line.get_text().split(":")[0].removeprefix("Week "))
        [bar] = line.select("span.coursecal-workload-bar")
        bars[number] = next(name for name in bar["class"] if name.startswith("coursecal-load-"))
    assert bars[1] == "coursecal-load-20"
    assert bars[4] == "coursecal-load-12"
    assert bars[3] == "coursecal-load-18"  # 70/80 = 0.875 over 6/15 = 0.4: 17.5, rounded to even
    assert bars[6] == "coursecal-load-20"  # over: full, and red


def test_the_list_view_says_it_under_each_weeks_heading(html: Build) -> None:
    page = html.soup("agenda.html")
    for heading in page.select("p.coursecal-week-name"):
        number = int(heading.get_text().split()[1])
        line = heading.find_next_sibling()
        if number in LINES:
            assert "coursecal-workload" in line["class"]
            assert " ".join(line.get_text().split()) == LINES[number].split(": ", 1)[1]


def test_the_text_builder_writes_the_words(tmp_path: Path, build: Builder) -> None:
    built = build(site(tmp_path, SCHEDULE), tmp_path / "build", "text")
    table = built.read("index.txt")
    for text in LINES.values():
        assert text in table
    month = built.read("month.txt")
    assert "\nWeek 4: 46 pages\n" in month
    agenda = " ".join(built.read("agenda.txt").split())
    assert "Week 5 \u00b7 Mon Feb 2 \u2013 Sun Feb 8 ]- 37 pages \u00b7 8 hours of work \u00b7 HW2 due" in agenda


def without_counts(text: str) -> str:
    """The same course with no count of its own: no paper `pages`/`minutes`, no `hours`, no ceiling."""
    for removed in (
        ", hours: 20",
        ", hours: 8",
        ", hours: 6",
        ", hours: 4",
        ", minutes: 25",
        "  workload: {pages: 80, hours: 15}\n",
    ):
        text = text.replace(removed, "")
    lines = [
        line.split(", pages: ")[0] + "}"
        if ", pages: " in line and line.startswith("  ") and "paper:" not in line
        else line
        for line in text.splitlines()
    ]
    return "\n".join(lines) + "\n"


def test_a_course_without_counts_of_its_own_shows_no_workload(tmp_path: Path, build: Builder) -> None:
    """Its page range (pp. 1-26) counts, but shows nothing unasked: the pages are as before."""
    plain = without_counts(SCHEDULE)
    schedule = load_schedule_text(plain)
    assert schedule.diagnostics == ()
    assert not schedule.workload_given
    assert {n: w.pages for n, w in schedule.workload.items()} == {1: 26, 2: 0, 3: 0, 5: 0, 6: 0, 10: 0}
    built = build(site(tmp_path, plain), tmp_path / "build", "html")
    assert built.warnings == ""
    for name in ("index.html", "month.html", "agenda.html"):
        assert "coursecal-workload" not in built.read(name), name
    assert "workload" not in json.dumps(export(schedule))


def test_workload_asks_for_the_lines_and_no_workload_drops_them(tmp_path: Path, build: Builder) -> None:
    source = site(tmp_path, without_counts(SCHEDULE))
    (source / "index.rst").write_text("Seminar\n=======\n\n.. course-calendar::\n   :workload:\n", encoding="utf-8")
    (source / "month.rst").write_text(
        "Month\n=====\n\n.. course-calendar::\n   :view: month\n   :no-workload:\n", encoding="utf-8"
    )
    built = build(source, tmp_path / "build", "html", confoverrides={"exclude_patterns": ["agenda.rst"]})
    assert lines(built.soup("index.html")) == {
        1: "Week 1: 26 pages",
        2: "Week 2: Reading response 1 due",
        3: "Week 3: HW1 due",
        5: "Week 5: HW2 due",
        6: "Week 6: Project proposal due",
        10: "Week 10: Final project due",
    }
    assert "coursecal-workload" not in built.read("month.html")


def test_a_page_range_that_ends_before_it_starts_is_a_warning_and_counts_nothing() -> None:
    schedule = load_schedule_text(
        textwrap.dedent(
            """\
            course: {id: rev, timezone: Europe/Berlin, start: 2026-01-05, end: 2026-01-30}
            meetings: {lecture: {days: [Mon], time: "10:00-12:00"}}
            papers: {book: {title: Book, pages: 300}}
            sessions:
              - title: One
                readings:
                  - {paper: book, pages: 30-12}
            """
        )
    )
    [problem] = schedule.diagnostics
    assert (problem.location.line, problem.severity) == (7, Severity.WARNING)
    assert "ends before it starts ('30-12')" in problem.message
    assert schedule.workload == {}  # not the whole book's 300 either
