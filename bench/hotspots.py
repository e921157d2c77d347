"""cProfile listings of the three costs the benchmark found, for whoever makes them smaller.

``python bench/hotspots.py`` writes, under bench/profiles/, the top 40 functions
by cumulative and by own time ("tottime") of:

* ``clean-1k``: a clean HTML build of the 1k coursecal site (1000 papers, 500 sessions);
* ``notes-1k``: the incremental build after one notes page is edited;
* ``engine-10k``: the engine alone, load + place + ICS, at about 10,000 calendar entries.

cProfile slows Python code by a factor of several, unevenly: read the shares, not
the seconds. When py-spy is installed (``pip install py-spy``) the two builds are also
sampled with it, which barely slows them, into ``*.py-spy.txt``: each function's share
of the samples with it on the stack (inclusive) and at the top (self). Paths are written
relative to site-packages and the repository so the listings read the same on every
machine.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import shutil
import subprocess
import sys
import sysconfig
from collections import Counter
from pathlib import Path

from generate import SIZES, Edit, Size, course_data, generate, papers_yaml, schedule_yaml, sync
from run import ENGINE_SIZES, NOTES_EDIT, WORK, lift_limits

REPO = Path(__file__).resolve().parent.parent
PROFILES = REPO / "bench" / "profiles"
TOP = 40


def listing(stats_file: Path, name: str, title: str) -> None:
    """Two text files: the top functions by cumulative time and by own time."""
    site_packages = sysconfig.get_paths()["purelib"]
    for order in ("cumulative", "tottime"):
        buffer = io.StringIO()
        stats = pstats.Stats(str(stats_file), stream=buffer)
        stats.sort_stats(order).print_stats(TOP)
        text = buffer.getvalue()
        # Machine-neutral paths; the header's file name and date say nothing useful.
        text = text.replace(site_packages + "/", "").replace(str(REPO) + "/", "")
        text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(str(stats_file)))
        (PROFILES / f"{name}.{order}.txt").write_text(f"# {title}, sorted by {order}\n{text.strip()}\n")


def profile_build(source: Path, out: Path, stats_file: Path) -> None:
    """sphinx-build under cProfile, in a child process (as the benchmark runs it)."""
    command = [sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "sphinx", "-q", "-b", "html"]
    subprocess.run([*command, str(source), str(out)], check=True)


def py_spy() -> str | None:
    found = Path(sys.executable).with_name("py-spy")
    return str(found) if found.exists() else shutil.which("py-spy")


def sample_build(source: Path, out: Path, name: str, title: str) -> None:
    """sphinx-build sampled by py-spy: the shares of a build that runs at nearly full speed."""
    spy = py_spy()
    if spy is None:
        return
    raw = out.with_name(f"{name}.raw")
    command = [spy, "record", "--rate", "100", "--function", "--format", "raw", "--output", str(raw), "--"]
    subprocess.run([*command, sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(out)], check=True)
    summarize(raw, name, title)


def summarize(raw: Path, name: str, title: str) -> None:
    """Shares of the samples per function, from py-spy's raw (collapsed stacks) output."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _sep, count = line.rpartition(" ")
        frames = [re.sub(r"\(/\S*?/(site-packages|src)/", "(", frame) for frame in stack.split(";")]
        total += int(count)
        for frame in set(frames):  # a recursive function counts once per sample
            inclusive[frame] += int(count)
        own[frames[-1]] += int(count)
    lines = [f"# {title}: py-spy, {total} samples at 100 Hz", ""]
    # The extension's own functions do not reach the top 40 of a build Sphinx dominates.
    ours = Counter({frame: n for frame, n in inclusive.items() if "sphinxcontrib_coursecal" in frame})
    for heading, counter in (
        ("inclusive (on the stack)", inclusive),
        ("self (at the top)", own),
        ("sphinxcontrib_coursecal's functions, inclusive", ours),
    ):
        lines += [f"## {heading}", ""]
        lines += [f"{100 * n / total:5.1f}%  {frame}" for frame, n in counter.most_common(TOP)]
        lines.append("")
    (PROFILES / f"{name}.py-spy.txt").write_text("\n".join(lines))


def profile_engine(sessions: int, folder: Path, stats_file: Path) -> None:
    from sphinxcontrib_coursecal.engine import load_schedule  # noqa: PLC0415 (profiled, not imported at start)
    from sphinxcontrib_coursecal.ics import build_calendar  # noqa: PLC0415

    lift_limits()
    course = course_data(Size(2 * sessions, sessions), Edit())
    sync(folder, {"schedule.yaml": schedule_yaml(course, Edit()), "papers.yaml": papers_yaml(course)})
    profiler = cProfile.Profile()
    profiler.enable()
    build_calendar(load_schedule(folder / "schedule.yaml")).to_ical()
    profiler.disable()
    profiler.dump_stats(str(stats_file))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", choices=("clean", "notes", "engine"), help="one profile only")
    parser.add_argument(
        "--sampler", choices=("cprofile", "py-spy", "both"), default="both", help="which profiler (default both)"
    )
    parser.add_argument("--summarize", nargs=3, metavar=("RAW", "NAME", "TITLE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    PROFILES.mkdir(exist_ok=True)
    if args.summarize:  # the listing again from a saved recording
        summarize(Path(args.summarize[0]), args.summarize[1], args.summarize[2])
        return
    work = WORK / "profile"
    work.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "clean", "notes"):
        size = SIZES["1k"]
        site = work / "coursecal"
        out = work / "out"
        shutil.rmtree(out, ignore_errors=True)
        clean_title = f"a clean HTML build of the coursecal site, {size}"
        notes_title = f"the build after editing one notes page, {size}"
        base, edited = generate(size).coursecal, generate(size, NOTES_EDIT).coursecal
        if args.sampler in ("cprofile", "both"):
            sync(site, base)
            shutil.rmtree(out, ignore_errors=True)
            profile_build(site, out, work / "clean.prof")
            listing(work / "clean.prof", "clean-1k", clean_title)
            if args.only in (None, "notes"):
                sync(site, edited)
                profile_build(site, out, work / "notes.prof")
                listing(work / "notes.prof", "notes-1k", notes_title)
        if args.sampler in ("py-spy", "both"):
            sync(site, base)
            shutil.rmtree(out, ignore_errors=True)
            sample_build(site, out, "clean-1k", clean_title)
            if args.only in (None, "notes"):
                sync(site, edited)
                sample_build(site, out, "notes-1k", notes_title)
    if args.only in (None, "engine") and args.sampler in ("cprofile", "both"):
        sessions = ENGINE_SIZES["10k"]
        profile_engine(sessions, work / "engine", work / "engine.prof")
        listing(work / "engine.prof", "engine-10k", f"load + place + ICS, {sessions} sessions, {2 * sessions} papers")


if __name__ == "__main__":
    main()
