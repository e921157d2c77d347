"""Speed and memory of coursecal against its plain-Sphinx twin, side by side: ``make bench``.

For each size (bench/generate.py writes the course twice: a coursecal site and
the same visible content as hand-written reST), in one run of this script:

* clean HTML builds, serial and ``-j 2``: CPU (user + sys of the build and
  every process it waited for, from ``os.wait4``), wall time and peak RSS;
* incremental builds after three edits, made the same way in both sites:
  one notes page gets a paragraph; one session is renamed (coursecal: one
  line of schedule.yaml; the twin: every page that shows the title); a snow
  day closes a Wednesday (coursecal: one line; the twin: every page whose
  dates move) — each with the documents Sphinx re-read;
* sizes of ``environment.pickle``, of all doctrees and of the HTML output.

Each measure is taken ``--runs`` times, the two sites alternating which goes
first; the table gives the median and the range (min to max) and the ratio of
the medians. Then the engine alone (load + place + the full ICS feed, each
run in a fresh process) at about 1k, 10k and 100k calendar entries, against
the floor of its own libraries on the same input: PyYAML's C composer over
the schedule and papers files, and icalendar's ``to_ical()`` of the same
calendar.

Not a test: timings depend on the machine, so nothing passes or fails. The
Markdown table is printed and written into docs/reference/performance.md
between its markers; raw numbers go to bench/_build/results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generate import SIZES, Edit, Size, compare, course_data, generate, papers_yaml, parse_size, schedule_yaml, sync

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "bench" / "_build"  # ignored by git (_build/)
DOCS_PAGE = REPO / "docs" / "reference" / "performance.md"
BEGIN = "<!-- bench:begin: written by `make bench` (bench/run.py); edit the prose outside the markers -->"
END = "<!-- bench:end -->"
SITES = ("coursecal", "twin")
MIB = 2**20
# Fixed so feeds and pages carry the same dates in every build (sizes then compare exactly).
SOURCE_DATE_EPOCH = "1767225600"

# The edits of the incremental builds, cumulative, so each build sees one change more.
NOTES_PAGE = 1
RENAMED = 13  # a session cited on notes page 1, with two papers
NOTES_EDIT = Edit(notes=(NOTES_PAGE, "A paragraph added for the benchmark: one notes page edited."))
RENAME_EDIT = Edit(notes=NOTES_EDIT.notes, rename=(RENAMED, "Renamed for the benchmark (part 14)"))
SNOW_EDIT = Edit(notes=NOTES_EDIT.notes, rename=RENAME_EDIT.rename, snow_day=True)
INCREMENTAL = (("notes", NOTES_EDIT), ("rename", RENAME_EDIT), ("snow", SNOW_EDIT))
STEPS = ("clean", "j2", "notes", "rename", "snow")
STEP_NAMES = {"j2": "`-j 2`", "notes": "the notes edit", "rename": "the rename", "snow": "the snow day"}

# Engine sizes: sessions for about 1k, 10k and 100k calendar entries (two papers a session).
ENGINE_SIZES = {"1k": 800, "10k": 8_000, "100k": 80_000}

TARGETS = {
    "clean": "≤ 1.10x",
    "notes": "≤ 1.2x",
    "rss": "≤ 1.2x",
    "html": "≤ 1.2x",
}


# -- one build ----------------------------------------------------------------------------------


@dataclass
class Build:
    """One sphinx-build process: its cost, and what it read and wrote."""

    cpu: float  # user + sys seconds, of the build and the workers it waited for (-j)
    wall: float
    rss_mib: float  # the largest peak resident set of the build or one of its workers
    read: list[str]  # documents re-read ("reading sources... [ 50%] name")
    written: int  # documents written
    warnings: list[str]
    edited: list[str] = field(default_factory=list)  # source files the edit changed


def sphinx_build(source: Path, out: Path, jobs: int = 1) -> Build:
    """``sphinx-build -b html`` in a child process, measured by ``os.wait4``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    log, errors = out.with_name(out.name + ".log"), out.with_name(out.name + ".err")
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-N", "-j", str(jobs), str(source), str(out)]
    environment = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    with log.open("w") as stdout, errors.open("w") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=environment)
        try:
            # wait4, not Popen.wait: its rusage is this build's alone, including the -j workers
            # it reaped, whatever else this script has run before.
            _pid, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # stopped (Ctrl-C): leave no build running behind
            process.kill()
            process.wait()
            raise
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{errors.read_text()[-3000:]}")
    lines = log.read_text().splitlines()
    return Build(
        cpu=usage.ru_utime + usage.ru_stime,
        wall=wall,
        rss_mib=usage.ru_maxrss * 1024 / MIB,  # Linux gives KiB
        read=[line.split("] ", 1)[1] for line in lines if line.startswith("reading sources... [")],
        written=sum(line.startswith("writing output... [") for line in lines),
        warnings=[line for line in errors.read_text().splitlines() if "WARNING" in line or "ERROR" in line],
    )


def folder_size(path: Path, keep: Callable[[Path], bool] = lambda _path: True) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and keep(f))


DATA_FILES = ("-changes.json", "-changes.atom", "-schedule.json")


def output_sizes(out: Path) -> dict[str, float]:
    """MiB of Sphinx's pickled environment, of all doctrees, and of the HTML output."""
    doctrees = out / ".doctrees"
    return {
        "pickle": (doctrees / "environment.pickle").stat().st_size / MIB,
        "doctrees": folder_size(doctrees) / MIB,
        "html": folder_size(out, lambda f: ".doctrees" not in f.relative_to(out).parts) / MIB,
        "ics": folder_size(out, lambda f: f.suffix == ".ics") / MIB,
        # Feeds, their change history and the JSON export: data beside the pages, not pages.
        "data": folder_size(out, lambda f: f.suffix == ".ics" or f.name.endswith(DATA_FILES)) / MIB,
        "sources": folder_size(out / "_sources") / MIB,
    }


# -- one size -----------------------------------------------------------------------------------


@dataclass
class SizeResult:
    name: str
    size: Size
    runs: int
    entries: int  # calendar entries of the course
    builds: dict[str, dict[str, list[Build]]]  # step -> site -> one Build per run
    sizes: dict[str, dict[str, float]]  # site -> output_sizes
    source_files: dict[str, int]
    equivalence: list[str]  # pages whose text or links differ (empty: none)
    skipped: list[str] = field(default_factory=list)  # steps not measured at this size


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def bench_size(plan: Plan, work: Path) -> SizeResult:
    name, size, runs, skip = plan.name, plan.size, plan.runs, plan.skip
    log(f"{name}: generating {size}")
    versions = {edit: generate(size, edit) for edit in (Edit(), *(e for step, e in INCREMENTAL if step not in skip))}
    base = versions[Edit()]
    root = work / name
    builds: dict[str, dict[str, list[Build]]] = {step: {site: [] for site in SITES} for step in STEPS}
    sizes: dict[str, dict[str, float]] = {}
    equivalence: list[str] = []
    for run in range(runs):
        order = SITES if run % 2 == 0 else SITES[::-1]  # neither site always goes first
        for site in SITES:
            sync(root / site, getattr(base, site))
        steps: list[tuple[str, int]] = [("clean", 1)] + ([] if "j2" in skip else [("j2", 2)])
        for step, jobs in steps:
            for site in order:
                out = root / f"{site}-{step}"
                shutil.rmtree(out, ignore_errors=True)
                build = sphinx_build(root / site, out, jobs)
                builds[step][site].append(build)
                log(f"{name} run {run + 1}: {site} {step}: {build.cpu:.1f} s CPU, {build.wall:.1f} s wall")
        if run == 0:
            sizes = {site: output_sizes(root / f"{site}-clean") for site in SITES}
            if "verify" not in skip:
                equivalence = compare(root / "coursecal-clean", root / "twin-clean")
                log(f"{name}: the twin differs from coursecal on {len(equivalence)} pages")
        for step, edit in INCREMENTAL:
            if step in skip:
                continue
            # Edit both, then build both: the edit is not timed.
            edited = {site: sync(root / site, getattr(versions[edit], site)) for site in SITES}
            for site in order:
                build = sphinx_build(root / site, root / f"{site}-clean")
                build.edited = edited[site]
                builds[step][site].append(build)
                log(
                    f"{name} run {run + 1}: {site} {step}: {build.cpu:.1f} s CPU, {build.wall:.1f} s wall, "
                    f"{len(build.read)} read, {len(build.edited)} edited"
                )
    return SizeResult(
        name=name,
        size=size,
        runs=runs,
        entries=len(base.schedule.occurrences),
        builds={step: sites for step, sites in builds.items() if sites["coursecal"]},
        sizes=sizes,
        source_files={site: len(getattr(base, site)) for site in SITES},
        equivalence=equivalence,
        skipped=sorted(skip & {"j2", "notes", "rename", "snow"}, key=STEPS.index),
    )


# -- the engine ---------------------------------------------------------------------------------


def lift_limits() -> None:
    """Lift, in this process only, the guards against hostile input that the engine courses exceed.

    The product refuses a file over 4 MiB and, by default, a course past 2,500 calendar entries or
    1,000 papers (no real course comes near them; a site allows more with coursecal_max_entries and
    coursecal_max_papers); the engine courses at 10k and 100k are larger on purpose, to measure growth.
    """
    import importlib  # noqa: PLC0415

    # The modules themselves: the package's name ``place`` is the function engine/__init__ exports.
    yamlfile = importlib.import_module("sphinxcontrib_coursecal.engine.yamlfile")
    place = importlib.import_module("sphinxcontrib_coursecal.engine.place")
    papers = importlib.import_module("sphinxcontrib_coursecal.engine.papers")
    yamlfile.MAX_FILE_BYTES = 2**30
    place.MAX_OCCURRENCES = 10**7
    papers.MAX_PAPERS = 10**7


def engine_child(folder: Path) -> None:
    """In a fresh process: load + place + ICS, then the floor on the same input; prints JSON."""
    import resource  # noqa: PLC0415 (only the child needs these)

    import yaml  # noqa: PLC0415

    from sphinxcontrib_coursecal.engine import collector_paused, load_schedule  # noqa: PLC0415
    from sphinxcontrib_coursecal.ics import build_calendar, calendar_bytes  # noqa: PLC0415

    lift_limits()

    def clock() -> tuple[float, float]:
        return time.process_time(), time.perf_counter()

    def kernel() -> float:  # of the CPU time, what the kernel spent for the process (page faults, mostly)
        return resource.getrusage(resource.RUSAGE_SELF).ru_stime

    schedule_path, papers_path = folder / "schedule.yaml", folder / "papers.yaml"
    gc.collect()
    k0 = kernel()
    t0 = clock()
    schedule = load_schedule(schedule_path)
    t1 = clock()
    calendar = build_calendar(schedule)
    calendar_bytes(calendar)  # as `coursecal ics` writes it
    t2 = clock()
    k2 = kernel()
    texts = [schedule_path.read_text(encoding="utf-8"), papers_path.read_text(encoding="utf-8")]
    t3 = clock()
    # With the cycle collector paused, as the engine loads and writes (engine.collector_paused):
    # the floor is the libraries' own work, not the collector's passes over their objects.
    with collector_paused():
        for text in texts:
            yaml.compose(text, Loader=yaml.CSafeLoader)
    t4 = clock()
    with collector_paused():
        calendar.to_ical()
    t5 = clock()
    result = {
        "entries": len(schedule.occurrences),
        "input_bytes": sum(len(text.encode("utf-8")) for text in texts),
        "sessions": len(schedule.sessions),
        "papers": len(schedule.papers),
        "diagnostics": sum(d.severity.value == "error" for d in schedule.diagnostics),
        "warnings": sorted({str(d) for d in schedule.diagnostics if d.severity.value != "error"})[:5],
        "load_cpu": t1[0] - t0[0],
        "ics_cpu": t2[0] - t1[0],
        "compose_cpu": t4[0] - t3[0],
        "to_ical_cpu": t5[0] - t4[0],
        "engine_wall": t2[1] - t0[1],
        "engine_sys": k2 - k0,
        "floor_wall": t5[1] - t3[1],
        "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MIB,
    }
    print(json.dumps(result))


@dataclass
class EngineResult:
    name: str
    sessions: int
    runs: list[dict[str, float]]


def bench_engine(name: str, sessions: int, runs: int, work: Path) -> EngineResult:
    folder = work / f"engine-{name}"
    course = course_data(Size(2 * sessions, sessions), Edit())
    sync(folder, {"schedule.yaml": schedule_yaml(course, Edit()), "papers.yaml": papers_yaml(course)})
    results = []
    for run in range(runs):
        output = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--engine-child", str(folder)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(output)
        if result["diagnostics"]:
            raise RuntimeError(f"the engine course {name} has {result['diagnostics']} errors")
        for warning in result.pop("warnings"):  # measured all the same: a warning is a few lines of work
            log(f"engine {name}: {warning}")
        results.append(result)
        engine = result["load_cpu"] + result["ics_cpu"]
        floor = result["compose_cpu"] + result["to_ical_cpu"]
        kernel = result.get("engine_sys", 0.0)
        log(
            f"engine {name} run {run + 1}: {result['entries']} entries, {engine:.2f} s CPU "
            f"({kernel:.2f} s of it in the kernel), floor {floor:.2f} s"
        )
    return EngineResult(name, sessions, results)


# -- the report ---------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    with Path("/proc/cpuinfo").open() as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total = int(meminfo.read_text().split()[1])  # "MemTotal: N kB" comes first
        memory = f", {total / 2**20:.0f} GiB RAM"
    import docutils  # noqa: PLC0415 (versions for the report only)
    import icalendar  # noqa: PLC0415
    import sphinx  # noqa: PLC0415
    import yaml  # noqa: PLC0415

    import sphinxcontrib_coursecal  # noqa: PLC0415

    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Sphinx {sphinx.__version__}, docutils {docutils.__version__}, "
        f"PyYAML {yaml.__version__}{' (LibYAML)' if yaml.__with_libyaml__ else ''}, "
        f"icalendar {icalendar.__version__}; sphinxcontrib-coursecal {sphinxcontrib_coursecal.__version__}"
        f"{f' (commit {commit})' if commit else ''}"
    )


def spread(values: list[float], unit: str = "s", digits: int = 1) -> str:
    """The median and, over several runs, the range in brackets, min to max."""
    median = statistics.median(values)
    text = f"{median:.{digits}f} {unit}"
    if len(values) > 1:
        text += f" ({min(values):.{digits}f}–{max(values):.{digits}f})"
    return text


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "—"


def size_table(result: SizeResult) -> list[str]:
    runs = f"{result.runs} run{'s' if result.runs > 1 else ''}"
    lines = [
        f"### {result.size.papers:,} papers, {result.size.sessions:,} sessions ({runs})",
        "",
        f"{result.size.tracks} lecture tracks, {result.entries:,} calendar entries; "
        f"{result.source_files['coursecal']} source files for coursecal, {result.source_files['twin']:,} for "
        f"the twin. "
        + (
            "The twin's pages show the same text as coursecal's, with links to the same pages."
            if not result.equivalence
            else f"The twin differs from coursecal on {len(result.equivalence)} pages (see results.json)."
        ),
        "",
        *(
            [f"Not measured at this size: {', '.join(STEP_NAMES[step] for step in result.skipped)}.", ""]
            if result.skipped
            else []
        ),
        "| measure | coursecal | plain twin | ratio | target |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]

    def row(label: str, step: str, key: str, target: str = "", unit: str = "s", digits: int = 1) -> None:
        if step not in result.builds:
            return
        values = {site: [float(getattr(b, key)) for b in result.builds[step][site]] for site in SITES}
        # Each run's two builds ran back to back and shared the machine's load: the ratio is the
        # median of the runs' ratios, which other work on the machine disturbs less than the times.
        ratios = [a / b for a, b in zip(values["coursecal"], values["twin"], strict=True) if b]
        lines.append(
            f"| {label} | {spread(values['coursecal'], unit, digits)} | {spread(values['twin'], unit, digits)} "
            f"| {spread(ratios, 'x', 2).replace(' x', 'x')} | {target} |"
        )

    def documents(label: str, step: str) -> None:
        if step not in result.builds:
            return
        cells = []
        for site in SITES:
            build = result.builds[step][site][-1]
            text = f"{len(build.read)} re-read, {build.written} written"
            if step in ("rename", "snow"):
                text += f" ({len(build.edited)} file{'s' if len(build.edited) != 1 else ''} edited)"
            cells.append(text)
        lines.append(f"| {label} | {cells[0]} | {cells[1]} | | |")

    row("clean build: CPU", "clean", "cpu", TARGETS["clean"])
    row("clean build: wall", "clean", "wall")
    row("clean build `-j 2`: CPU", "j2", "cpu")
    row("clean build `-j 2`: wall", "j2", "wall")
    row("one notes page edited: CPU", "notes", "cpu", TARGETS["notes"])
    row("one notes page edited: wall", "notes", "wall")
    documents("one notes page edited: documents", "notes")
    row("one session renamed: CPU", "rename", "cpu")
    row("one session renamed: wall", "rename", "wall")
    documents("one session renamed: documents", "rename")
    row("snow day (later sessions move): CPU", "snow", "cpu")
    row("snow day (later sessions move): wall", "snow", "wall")
    documents("snow day: documents", "snow")
    row("peak RSS, clean build", "clean", "rss_mib", TARGETS["rss"], "MiB", 0)
    row("peak RSS, clean build `-j 2`", "j2", "rss_mib", "", "MiB", 0)
    sizes = result.sizes

    def size_row(label: str, key: str, target: str = "") -> None:
        a, b = sizes["coursecal"][key], sizes["twin"][key]
        lines.append(f"| {label} | {a:.1f} MiB | {b:.1f} MiB | {ratio(a, b)} | {target} |")

    if sizes:
        size_row("`environment.pickle`", "pickle")
        size_row("doctrees, all (with the pickle)", "doctrees")
        size_row("HTML output", "html", TARGETS["html"])
        # Results saved before the JSON export was counted apart have only the .ics files.
        data = {site: sizes[site].get("data", sizes[site]["ics"]) for site in SITES}
        pages = {site: sizes[site]["html"] - data[site] for site in SITES}
        lines.append(
            f"| HTML output without feeds and `schedule.json` | {pages['coursecal']:.1f} MiB "
            f"| {pages['twin']:.1f} MiB | {ratio(pages['coursecal'], pages['twin'])} | |"
        )
    warnings = {site: sum(len(b.warnings) for step in result.builds.values() for b in step[site]) for site in SITES}
    lines.append(f"| warnings, all builds | {warnings['coursecal']} | {warnings['twin']} | | |")
    return lines


def engine_table(results: list[EngineResult]) -> list[str]:
    lines = [
        "### The engine alone: load + place + ICS",
        "",
        "CPU seconds, each run in a fresh process. The floor is PyYAML's C composer over the same "
        "schedule and papers text plus icalendar's `to_ical()` of the calendar the engine built.",
        "",
        "| calendar entries (sessions, papers) | runs | load + place | ICS feed | engine total "
        "| floor (composer + `to_ical`) | engine / floor | peak RSS | input × | entries × | time × |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    previous: tuple[float, float, float] | None = None
    for result in results:
        first = result.runs[0]
        load = [r["load_cpu"] for r in result.runs]
        feed = [r["ics_cpu"] for r in result.runs]
        total = [r["load_cpu"] + r["ics_cpu"] for r in result.runs]
        floor = [r["compose_cpu"] + r["to_ical_cpu"] for r in result.runs]
        compose = statistics.median(r["compose_cpu"] for r in result.runs)
        to_ical = statistics.median(r["to_ical_cpu"] for r in result.runs)
        rss = max(r["rss_mib"] for r in result.runs)
        # As for the sites: the median of each run's own ratio (the engine and its floor share the run's
        # machine), with their range; the medians' ratio moved with whatever else the machine was doing.
        ratios = [engine / low for engine, low in zip(total, floor, strict=True)]
        paired = f"{statistics.median(ratios):.2f}x" + (
            f" ({min(ratios):.2f}–{max(ratios):.2f})" if len(ratios) > 1 else ""
        )
        entries, median = first["entries"], statistics.median(total)
        size = first["input_bytes"]
        growth = (
            ("—", "—", "—")
            if previous is None
            else (f"{size / previous[0]:.1f}x", f"{entries / previous[1]:.1f}x", f"{median / previous[2]:.1f}x")
        )
        lines.append(
            f"| {entries:,} ({int(first['sessions']):,}, {int(first['papers']):,}) | {len(result.runs)} "
            f"| {spread(load, 's', 2)} | {spread(feed, 's', 2)} | {spread(total, 's', 2)} "
            f"| {statistics.median(floor):.2f} s ({compose:.2f} + {to_ical:.2f}) "
            f"| {paired} | {rss:,.0f} MiB | {growth[0]} | {growth[1]} | {growth[2]} |"
        )
        previous = (size, entries, median)
    lines += [
        "",
        "Targets: engine / floor ≤ 1.5x at 10,000 entries; time × ≤ 11x for each 10x of entries.",
    ]
    return lines


@dataclass
class Meta:
    """Where and how the numbers were taken, fixed when the run starts."""

    command: str
    started: str  # ISO date and time
    machine: str
    load_start: float
    load_end: float = 0.0


def report(sizes: list[SizeResult], engine: list[EngineResult], meta: Meta) -> str:
    lines = [
        f"Measured {meta.started[:10]} with `{meta.command}` on: {meta.machine}.",
        "",
        f"Load average (1 min) when the run started and ended: {meta.load_start:.1f} and {meta.load_end:.1f}. "
        "Other work may have shared the machine: wall times can be noisy; CPU times are the figure to trust.",
        "",
    ]
    for result in sizes:
        lines += [*size_table(result), ""]
    if engine:
        lines += [*engine_table(engine), ""]
    return "\n".join(lines).rstrip() + "\n"


def load_results(path: Path) -> tuple[list[SizeResult], list[EngineResult], Meta]:
    """The results a run saved, to write the tables again without measuring."""
    data = json.loads(path.read_text())
    sizes = [
        SizeResult(
            **{
                **item,
                "size": Size(**item["size"]),
                "builds": {
                    step: {site: [Build(**build) for build in builds] for site, builds in by_site.items()}
                    for step, by_site in item["builds"].items()
                },
            }
        )
        for item in data["sizes"]
    ]
    engine = [EngineResult(**item) for item in data["engine"]]
    return sizes, engine, Meta(**data["meta"])


def write_docs(table: str, page: Path = DOCS_PAGE) -> None:
    text = page.read_text(encoding="utf-8")
    head, found, rest = text.partition(BEGIN)
    _old, found_end, tail = rest.partition(END)
    if not found or not found_end:
        raise SystemExit(f"{page} lacks the markers {BEGIN!r} and {END!r}")
    page.write_text(f"{head}{BEGIN}\n\n{table}\n{END}{tail}", encoding="utf-8")


# -- command line -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """One size to measure: how many runs, and which steps to leave out."""

    name: str
    size: Size
    runs: int
    skip: frozenset[str]


def closed(skip: set[str]) -> frozenset[str]:
    """The edits are cumulative (each build sees one change more): without one, none after it."""
    if "notes" in skip:
        skip = skip | {"rename", "snow"}
    if "rename" in skip:
        skip = skip | {"snow"}
    return frozenset(skip)


def parse_sizes(text: str, runs: int, skip: set[str]) -> list[Plan]:
    """``1k,5k:1:clean+notes``: sizes, each optionally with its runs and its steps after colons."""
    chosen = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, *rest = item.split(":")
        own = set(skip)
        if len(rest) > 1:
            steps = set(rest[1].split("+"))
            if steps - set(STEPS):
                raise SystemExit(f"unknown steps in {item!r}; known: {', '.join(STEPS)}")
            own |= set(STEPS) - steps - {"clean"}
        count = int(rest[0]) if rest and rest[0] else runs
        chosen.append(Plan(name.replace("/", "-"), parse_size(name), count, closed(own)))
    return chosen


def parse_engine_sizes(text: str, runs: int) -> list[tuple[str, int]]:
    """``1k,10k,100k:1``: engine sizes, each optionally with its own number of runs."""
    chosen = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _sep, count = item.partition(":")
        if name not in ENGINE_SIZES:
            raise SystemExit(f"unknown engine size {name!r}; known: {', '.join(ENGINE_SIZES)}")
        chosen.append((name, int(count) if count else runs))
    return chosen


def as_installed() -> None:
    """Compile the extension's bytecode, as ``pip install`` does for the libraries it is compared with.

    An editable checkout has none, and with ``PYTHONDONTWRITEBYTECODE`` set (as on some CI
    machines) every build would compile the extension from source again: a third of a second of
    each build that no installed copy spends.
    """
    import compileall  # noqa: PLC0415

    import sphinxcontrib_coursecal  # noqa: PLC0415

    compileall.compile_dir(Path(sphinxcontrib_coursecal.__file__).parent, quiet=1)


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--sizes",
        default="1k",
        help=f"comma-separated sizes ({', '.join(SIZES)} or PAPERS/SESSIONS), each optionally :RUNS "
        f"and :STEPS, '+'-separated out of {', '.join(STEPS)} (default: 1k; a 5k build takes about "
        "20 minutes: try 1k,5k:1:clean+notes); 'none' to skip",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each measure (default 3)")
    parser.add_argument(
        "--engine-sizes",
        default="1k,10k,100k",
        help=f"out of {', '.join(ENGINE_SIZES)}, each optionally :RUNS; 'none' to skip",
    )
    parser.add_argument("--engine-runs", type=int, default=3, help="runs of the engine (default 3)")
    parser.add_argument(
        "--skip", default="", help="steps to leave out: j2, notes, rename, snow (and the ones after it), verify"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a few minutes: the tiny size and the engine at 1k and 10k, one run each, docs not written",
    )
    parser.add_argument("--work", type=Path, default=WORK, help=f"where sites are built (default {WORK})")
    parser.add_argument("--no-docs", action="store_true", help=f"print the table only; leave {DOCS_PAGE.name} alone")
    parser.add_argument("--keep", action="store_true", help="keep the sites and their builds")
    parser.add_argument(
        "--report-only",
        type=Path,
        metavar="RESULTS",
        help="measure nothing: write the tables again from a results.json a run saved",
    )
    parser.add_argument("--engine-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(None if argv is None else list(argv))
    if args.engine_child:
        engine_child(args.engine_child)
        return
    if args.report_only:
        sizes, engine, meta = load_results(args.report_only)
        table = report(sizes, engine, meta)
        if not args.no_docs:
            write_docs(table)
        print(table)
        return
    if args.quick:
        args.sizes, args.runs, args.engine_sizes, args.engine_runs, args.no_docs = "tiny", 1, "1k,10k", 1, True
    skip = {step.strip() for step in args.skip.split(",") if step.strip()}
    as_installed()
    command = "make bench" + (f' BENCH="{" ".join(sys.argv[1:])}"' if sys.argv[1:] else "")
    meta = Meta(command, f"{dt.datetime.now():%Y-%m-%d %H:%M}", machine(), os.getloadavg()[0])
    plans = [] if args.sizes == "none" else parse_sizes(args.sizes, args.runs, skip)
    engine_sizes = [] if args.engine_sizes == "none" else parse_engine_sizes(args.engine_sizes, args.engine_runs)
    args.work.mkdir(parents=True, exist_ok=True)
    size_results: list[SizeResult] = []
    engine_results: list[EngineResult] = []

    def publish() -> str:
        """The tables of what is measured so far: a long run stopped early still leaves them."""
        meta.load_end = os.getloadavg()[0]
        table = report(size_results, engine_results, meta)
        results = {
            "meta": asdict(meta),
            "sizes": [asdict(r) for r in size_results],
            "engine": [asdict(r) for r in engine_results],
        }
        (args.work / "results.json").write_text(json.dumps(results, indent=1, default=str))
        if not args.no_docs:
            write_docs(table)
            log(f"wrote {DOCS_PAGE.relative_to(REPO)}")
        return table

    # The engine first, then the sizes from small to large: the largest take hours.
    table = ""
    for name, runs in engine_sizes:
        engine_results.append(bench_engine(name, ENGINE_SIZES[name], runs, args.work))
        table = publish()  # the 100k course takes long: what came before it stays published
    for plan in sorted(plans, key=lambda plan: plan.size.papers):
        size_results.append(bench_size(plan, args.work))
        table = publish()
    print(table or publish())
    if not args.keep:
        for plan in plans:
            shutil.rmtree(args.work / plan.name, ignore_errors=True)
        for name, _runs in engine_sizes:
            shutil.rmtree(args.work / f"engine-{name}", ignore_errors=True)


if __name__ == "__main__":
    main()
