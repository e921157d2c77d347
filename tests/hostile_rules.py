"""The hostile corpus's machinery: reading a case's header, running it under a budget, and
the rules no site may break (see tests/hostile/README.md and tests/test_hostile.py).

Shared by the corpus (test_hostile.py) and the fuzzer (test_fuzz.py).
"""

from __future__ import annotations

import fnmatch
import html.parser
import os
import re
import shutil
import signal
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import icalendar

from sphinxcontrib_coursecal.engine import Subtype
from sphinxcontrib_coursecal.sphinx.warnings import Warn

from .forkserver import Job, Result, ServerPool, workers

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "hostile"
BASE_SITE = CORPUS / "_site"

# The budget for any site whose schedule is under 100 KB: CPU seconds
# (wall time on a shared machine says more about the neighbours) and peak memory.
SECONDS = 10.0
MEGABYTES = 500.0
# Where a run is stopped: just past the CPU budget (it has failed by then); at 30 s
# of wall time (a run that waits, on a FIFO say, uses no CPU; a busy machine
# stretches wall time, so this is generous); and an address
# space that ends a blow-up long before it hurts the machine.
STOP_CPU = int(SECONDS)  # SIGXCPU at 10 s: past the budget
STOP_WALL = 60.0
ADDRESS_SPACE = 1 << 30

BASE_PAGES = ("index.html", "notes.html", "readings.html")
# In every case's payloads: seen inside a tag, an event handler or a script, it ran.
PAYLOAD = "coursecal-pwned"
# In the files outside the project every case can reach for: it must never be published.
SECRET = "COURSECAL-SECRET-7f3a"

CLASSES = {
    "extreme-dates": "dates, ranges and week numbers far outside any term",
    "config": "coursecal_* settings a build cannot use",
    "control-chars": "newlines and control characters in single-line fields",
    "surrogates": "lone surrogates, which no file can encode",
    "paths": "papers files and pages that are no regular file inside the project",
    "links": "URLs a browser would run or that escape the allow-list",
    "markup": "raw HTML and markup errors from schedule text",
    "ics-escaping": "text that must read back from a feed as written",
    "collisions": "two items writing one page or file",
    "alias-budget": "YAML aliases fanning out",
    "merge-keys": "YAML merge keys",
    "line-numbers": "characters that shift or hide the line of a problem",
    "dst": "local times the clocks skip",
    "stale-output": "files of a previous build that no longer exist in the schedule",
    "size": "big files under 100 KB",
}
HEADER_KEYS = {
    "hostile", "class", "warn", "sphinx-warn", "nowarn", "exit", "exists", "missing", "shows",
    "titled", "absent", "conf", "setup", "rebuild", "sphinx", "cli",
}  # fmt: skip
SUBTYPES = {s.value for s in Subtype}
SPHINX_SUBTYPES = {w.value for w in Warn}


# -- the header ------------------------------------------------------------------------


def editor_lines(data: bytes) -> list[bytes]:
    """The lines an editor shows: only LF, CRLF and CR end a line (not U+2028, U+0085)."""
    return re.split(rb"\r\n|\r|\n", data)


@dataclass(frozen=True)
class Expected:
    """One warning the case must produce."""

    subtypes: frozenset[str]  # {"*"}: any type at all
    file: str | None  # relative to the site's source folder; None: no location (a setting)
    lines: frozenset[int]
    substrings: tuple[str, ...]
    forbidden: tuple[str, ...]
    sphinx_only: bool
    text: str

    def matches(self, subtype: str | None, path: Path | None, line: int | None, message: str, src: Path) -> bool:
        if "*" not in self.subtypes and subtype not in self.subtypes:
            return False
        if self.file is not None:
            if path is None or not same_file(path, src / self.file, src):
                return False
            if self.lines and line not in self.lines:
                return False
        lowered = message.lower()
        return all(s.lower() in lowered for s in self.substrings) and not any(
            f.lower() in lowered for f in self.forbidden
        )


@dataclass(frozen=True)
class Case:
    name: str
    path: Path  # the .yaml file or the case's directory
    schedule: Path
    summary: str
    klass: str
    expected: tuple[Expected, ...]
    nowarn: frozenset[str]
    build_exit: int
    check_exit: int
    exists: tuple[str, ...]
    missing: tuple[str, ...]
    shows: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (files or globs, texts)
    titled: tuple[tuple[str, tuple[str, ...]], ...]  # (glob, h1 titles)
    absent: tuple[str, ...]
    conf: tuple[str, ...]
    setup: tuple[str, ...]
    rebuild: str | None
    xfail_sphinx: str | None
    xfail_cli: str | None


QUOTED = re.compile(r'(!?)"((?:[^"\\]|\\.)*)"')
ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)")


def unescape(body: str) -> str:
    """``\\n``, ``\\r``, ``\\t``, ``\\xHH`` and ``\\uHHHH`` as in Python; any other ``\\c`` is ``c``."""

    def one(match: re.Match[str]) -> str:
        code = match[1]
        if code[0] in "xu" and len(code) > 1:
            return chr(int(code[1:], 16))
        return {"n": "\n", "r": "\r", "t": "\t"}.get(code, code)

    return ESCAPE.sub(one, body)


def quoted(text: str) -> tuple[list[str], list[str], str]:
    """Quoted strings ("…" wanted, !"…" forbidden, with escapes) and what is left."""
    wanted, forbidden = [], []
    for bang, body in QUOTED.findall(text):
        (forbidden if bang else wanted).append(unescape(body))
    return wanted, forbidden, QUOTED.sub("", text).strip()


def parse_lines(spec: str) -> frozenset[int]:
    """``12``, ``12|13`` or ``20-40``."""
    found: set[int] = set()
    for part in spec.split("|"):
        first, _, last = part.partition("-")
        found.update(range(int(first), int(last or first) + 1))
    return frozenset(found)


def parse_expected(value: str, *, sphinx_only: bool) -> Expected:
    wanted, forbidden, rest = quoted(value)
    subtypes, _, where = rest.partition(" ")
    where = where.strip()
    if where in ("", "-"):
        file, lines = None, frozenset[int]()
    else:
        file, _, line_spec = where.partition(":")
        lines = parse_lines(line_spec) if line_spec else frozenset()
    return Expected(frozenset(subtypes.split("|")), file, lines, tuple(wanted), tuple(forbidden), sphinx_only, value)


def read_header(schedule: Path) -> dict[str, list[str]]:
    header: dict[str, list[str]] = {}
    text = schedule.read_bytes().decode("utf-8-sig", errors="replace")
    for line in re.split(r"\r\n|\r|\n", text):
        if not line.startswith("# ") or ":" not in line:
            break
        key, _, value = line[2:].partition(":")
        if key not in HEADER_KEYS:
            break  # a comment of the schedule itself
        header.setdefault(key, []).append(value.strip())
    return header


def load_case(path: Path) -> Case:
    schedule = path / "schedule.yaml" if path.is_dir() else path
    header = read_header(schedule)
    name = path.stem
    for required in ("hostile", "class", "exit", "sphinx", "cli"):
        assert required in header, f"{name}: the header has no `# {required}:` line"

    def one(key: str) -> str | None:
        values = header.get(key, [])
        assert len(values) <= 1, f"{name}: `# {key}:` is given {len(values)} times"
        return values[0] if values else None

    exits = dict(re.findall(r"(build|check)\s+(\d+)", one("exit") or ""))
    assert set(exits) == {"build", "check"}, f"{name}: `# exit:` needs `build N, check N`"
    klass = one("class") or ""
    assert klass in CLASSES, f"{name}: unknown class {klass!r}; known: {', '.join(CLASSES)}"
    expected = [parse_expected(v, sphinx_only=False) for v in header.get("warn", [])]
    expected += [parse_expected(v, sphinx_only=True) for v in header.get("sphinx-warn", [])]
    for item in expected:
        unknown = item.subtypes - SUBTYPES - SPHINX_SUBTYPES - {"*"}
        assert not unknown, f"{name}: unknown subtype(s) {unknown} in `{item.text}`"
        if not item.sphinx_only:
            assert item.subtypes <= SUBTYPES | {"*"}, f"{name}: {item.text}: a Sphinx-layer subtype needs sphinx-warn"
    shows = []
    for value in header.get("shows", []):
        texts, _, rest = quoted(value)
        shows.append((tuple(rest.split()), tuple(texts)))
    titled = []
    for value in header.get("titled", []):
        texts, _, rest = quoted(value)
        titled.append((rest, tuple(texts)))
    absent: list[str] = []
    for value in header.get("absent", []):
        absent.extend(quoted(value)[0])
    return Case(
        name=name,
        path=path,
        schedule=schedule,
        summary=one("hostile") or "",
        klass=klass,
        expected=tuple(expected),
        nowarn=frozenset(" ".join(header.get("nowarn", [])).split()),
        build_exit=int(exits["build"]),
        check_exit=int(exits["check"]),
        exists=tuple(" ".join(header.get("exists", [])).split()),
        missing=tuple(" ".join(header.get("missing", [])).split()),
        shows=tuple(shows),
        titled=tuple(titled),
        absent=tuple(absent),
        conf=tuple(header.get("conf", [])),
        setup=tuple(header.get("setup", [])),
        rebuild=one("rebuild"),
        xfail_sphinx=today(name, one("sphinx")),
        xfail_cli=today(name, one("cli")),
    )


def today(name: str, value: str | None) -> str | None:
    """``pass``, ``xfail <class>: <what happens today>`` (the reason of a strict xfail), or
    ``edge <class>: …`` for a run at the very edge of its budget, which passes on one machine
    and not on the next (a non-strict xfail; its reason keeps the word ``edge``)."""
    if value == "pass":
        return None
    assert value, f"{name}: the header needs `# sphinx:` and `# cli:` lines"
    assert value.startswith(("xfail ", "edge ")), f"{name}: `# sphinx:`/`# cli:` is `pass`, `xfail …` or `edge …`"
    reason = value.removeprefix("xfail ")
    assert reason.removeprefix("edge ").split(":")[0] in CLASSES, (
        f"{name}: the reason starts with its class: {reason!r}"
    )
    return reason


def corpus() -> list[Case]:
    paths = [p for p in sorted(CORPUS.iterdir()) if not p.name.startswith(("_", ".")) and p.name != "README.md"]
    return [load_case(p) for p in paths]


CASES = corpus()
BY_NAME = {case.name: case for case in CASES}


# -- a site for a case -------------------------------------------------------------------


def same_file(shown: Path, expected: Path, src: Path) -> bool:
    candidates = [shown] if shown.is_absolute() else [src / shown, Path.cwd() / shown]
    try:
        wanted = expected.resolve()
        return any(candidate.resolve() == wanted for candidate in candidates)
    except (OSError, RuntimeError, ValueError):
        return False


def listing(root: Path, skip: Iterable[str] = ()) -> dict[str, tuple[int, int]]:
    """Every entry under ``root`` with its size and mtime: what a run must leave alone.

    Never reads a file (a case may hold a FIFO, or a 2 GB sparse file).
    """
    skipped = set(skip)
    found = {}
    for folder, dirs, files in os.walk(root):
        relative = Path(folder).relative_to(root)
        dirs[:] = [d for d in dirs if (relative / d).as_posix() not in skipped]
        for name in files + dirs:
            path = Path(folder) / name
            status = path.lstat()
            found[(relative / name).as_posix()] = (status.st_size, status.st_mtime_ns)
    return found


def prepare(case: Case, root: Path) -> Path:
    """``root/src`` (the site), ``root/outside`` (secrets a case may reach for), ``root/tmp``."""
    if root.exists():
        shutil.rmtree(root)
    src = root / "src"
    shutil.copytree(BASE_SITE, src)
    (root / "tmp").mkdir()
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (outside / "secret.bib").write_text(
        f"@misc{{secret2020, title = {{{SECRET} paper}}, note = {{{SECRET}}}}}\n", encoding="utf-8"
    )
    (outside / "secret.yaml").write_text(f"secret2020: {{title: {SECRET} paper}}\n", encoding="utf-8")
    if case.path.is_dir():
        for item in sorted(case.path.rglob("*")):
            relative = item.relative_to(case.path)
            target = src / relative
            if item.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if item.suffix in (".rst", ".md"):  # a page replaces the base page of its name
                for other in target.parent.glob(f"{target.stem}.*"):
                    if other.suffix in (".rst", ".md"):
                        other.unlink()
            shutil.copyfile(item, target)
    else:
        shutil.copyfile(case.schedule, src / "schedule.yaml")
    if case.conf:
        with (src / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write("\n# from the case's header\n" + "\n".join(case.conf) + "\n")
    for action in case.setup:
        do_setup(action, src)
    return src


def do_setup(action: str, src: Path) -> None:
    """What git cannot hold: ``fifo NAME``, ``dir NAME``, ``symlink NAME -> TARGET``, ``sparse NAME BYTES``."""
    verb, _, rest = action.partition(" ")
    if verb == "symlink":
        name, _, target = (part.strip() for part in rest.partition("->"))
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).symlink_to(target)
    elif verb == "fifo":
        os.mkfifo(src / rest.strip())
    elif verb == "dir":
        (src / rest.strip()).mkdir(parents=True)
    elif verb == "sparse":
        name, size = rest.split()
        with (src / name).open("wb") as sparse:
            sparse.truncate(int(size))
    else:
        raise AssertionError(f"unknown setup {action!r}")


# -- reading what a run wrote ------------------------------------------------------------

WARNING = re.compile(
    r"^(?:(?P<where>.+?): )?(?P<level>WARNING|ERROR|CRITICAL|SEVERE): (?P<message>.*?)(?: \[(?P<type>[\w.-]+)\])?$"
)
DIAGNOSTIC = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.*) "
    r"\[coursecal\.(?P<subtype>[\w-]+)\]$"
)
SUMMARY = re.compile(r"^.+: \d+ error\(s\), \d+ warning\(s\)$")
CRASH = re.compile(r"Traceback \(most recent call last\)|Exception occurred|Extension error|MemoryError")


@dataclass(frozen=True)
class Shown:
    """A warning as a build or ``coursecal check`` printed it."""

    type: str | None  # "coursecal.range", "docutils", ... (None: no type shown)
    path: Path | None
    line: int | None
    message: str
    raw: str

    @property
    def subtype(self) -> str | None:
        if self.type and self.type.startswith("coursecal."):
            return self.type.removeprefix("coursecal.")
        return self.type

    def matches(self, expected: Expected, src: Path) -> bool:
        return expected.matches(self.subtype, self.path, self.line, self.message, src)


def split_location(where: str | None) -> tuple[Path | None, int | None]:
    if not where:
        return None, None
    for pattern in (r"^(.*):(\d+):(\d+)$", r"^(.*):(\d+)$"):
        match = re.match(pattern, where)
        if match:
            return Path(match[1]), int(match[2])
    return Path(where), None


def sphinx_warnings(stderr: str) -> tuple[list[Shown], list[str]]:
    """The warnings of a build, and the problems of the stream itself (a warning over two lines)."""
    found: list[Shown] = []
    problems = []
    previous_coursecal = False
    for line in stderr.splitlines():
        match = WARNING.match(line)
        if match is None:
            if previous_coursecal and line.strip():
                problems.append(f"a coursecal warning runs over several lines: {line!r}")
            continue
        path, number = split_location(match["where"])
        warning = Shown(match["type"], path, number, match["message"], line)
        found.append(warning)
        previous_coursecal = bool(warning.type and warning.type.startswith("coursecal"))
    return found, problems


def cli_diagnostics(stderr: str) -> tuple[list[Shown], list[str]]:
    found, problems = [], []
    for line in stderr.splitlines():
        if CRASH.search(line):
            break  # the traceback is reported as a crash; its lines are no diagnostics
        match = DIAGNOSTIC.match(line)
        if match:
            found.append(
                Shown(f"coursecal.{match['subtype']}", Path(match["path"]), int(match["line"]), match["message"], line)
            )
        elif not SUMMARY.match(line):
            problems.append(f"`coursecal check` wrote a line that is no diagnostic: {line[:200]!r}")
    return found, problems


class PageScan(html.parser.HTMLParser):
    """One pass over a page: its text, its <h1>s, and anything that would run in a browser."""

    URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background"})
    RUNNING = frozenset({"script", "style", "iframe", "object", "embed"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.h1: list[list[str]] = []
        self.problems: list[str] = []
        self._in_h1 = 0
        self._running: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, given in attrs:
            value = given or ""
            if name in self.URL_ATTRIBUTES and dangerous_url(value):
                self.problems.append(f"<{tag} {name}={value[:80]!r}> is a live script link")
            if (name.startswith("on") or name == "style" or PAYLOAD in name) and PAYLOAD in value + name:
                self.problems.append(f"<{tag} {name}={value[:80]!r}> carries the payload into an attribute")
        if tag in self.RUNNING:
            self._running.append(tag)
        if tag == "h1":
            self._in_h1 += 1
            self.h1.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.RUNNING and self._running:
            self._running.pop()
        if tag == "h1" and self._in_h1:
            self._in_h1 -= 1

    def handle_data(self, data: str) -> None:
        if self._running and PAYLOAD in data:
            self.problems.append(f"the payload runs inside <{self._running[-1]}>: {data[:80]!r}")
        self.text.append(data)
        if self._in_h1:
            self.h1[-1].append(data)


def dangerous_url(value: str) -> bool:
    """What a browser would run: after stripping C0 controls and spaces at the ends and
    removing tabs and newlines anywhere (the URL standard), a javascript:, vbscript: or data: URL."""
    url = value.strip("".join(chr(c) for c in range(0x21)))
    url = re.sub(r"[\t\n\r]", "", url).lower()
    return url.startswith(("javascript:", "vbscript:", "data:"))


def normalized(text: str) -> str:
    return " ".join(text.split())


ICS_TEXT = {"SUMMARY", "DESCRIPTION", "LOCATION", "NAME", "X-WR-CALNAME", "CATEGORIES", "COMMENT", "URL"}
CONTENT_LINE = re.compile(r'^(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)'
                          r'(?:,(?:"[^"]*"|[^";:,]*))*)*):(?P<value>.*)$')  # fmt: skip


def ics_unescape(value: str) -> list[str]:
    """RFC 5545 TEXT, decoded independently of icalendar; a list splits on unescaped commas."""
    items, current, index = [], [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            following = value[index + 1]
            current.append("\n" if following in "nN" else following)
            index += 2
            continue
        if char == ",":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    items.append("".join(current))
    return items


def ics_scan(data: bytes, name: str) -> tuple[list[str], list[str]]:
    """The decoded TEXT values of a feed, and what makes it no valid iCalendar file."""
    problems: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [], [f"{name} is not UTF-8: {error}"]
    if text and not text.endswith("\r\n"):
        problems.append(f"{name} does not end with CRLF")
    logical: list[str] = []
    for raw in text.split("\r\n")[:-1] if text.endswith("\r\n") else text.split("\r\n"):
        if "\r" in raw or "\n" in raw:
            problems.append(f"{name}: a bare line break inside a content line: {raw[:120]!r}")
        if raw[:1] in (" ", "\t") and logical:
            logical[-1] += raw[1:]
        else:
            logical.append(raw)
    values: list[str] = []
    depth: list[str] = []
    for line in logical:
        match = CONTENT_LINE.match(line)
        if match is None:
            problems.append(f"{name}: not a content line: {line[:120]!r}")
            continue
        value = match["value"]
        if re.search(r"[\x00-\x08\x0a-\x1f\x7f]", value):
            problems.append(f"{name}: a control character in {match['name']}: {value[:120]!r}")
        prop = match["name"].upper()
        if prop == "BEGIN":
            depth.append(value)
        elif prop == "END":
            if not depth or depth.pop() != value:
                problems.append(f"{name}: END:{value} without its BEGIN")
        elif prop in ICS_TEXT:
            values.extend(ics_unescape(value) if prop != "URL" else [value])
    if depth:
        problems.append(f"{name}: {depth} never ended")
    return values, problems


@dataclass
class Output:
    """What a build wrote: page texts, <h1>s, feed values, files."""

    root: Path
    files: list[Path] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    titles: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def matching(self, pattern: str) -> list[str]:
        return [name for name in self.texts if fnmatch.fnmatchcase(name, pattern)]


def scan_output(root: Path, absent: Iterable[str]) -> Output:
    output = Output(root)
    if not root.is_dir():
        return output
    needles = [(text, text.encode("utf-8", "surrogatepass")) for text in absent]
    for path in sorted(root.rglob("*")):
        if not path.is_file() or ".doctrees" in path.parts:
            continue
        output.files.append(path)
        name = output.relative(path)
        if path.stat().st_size > 50_000_000:
            output.problems.append(f"{name} is {path.stat().st_size} bytes")
            continue
        data = path.read_bytes()
        if SECRET.encode() in data:
            output.problems.append(f"{name} publishes a file from outside the project")
        if path.suffix not in (".html", ".ics"):
            continue
        for text, needle in needles:
            if needle in data:
                output.problems.append(f"{name} holds {text!r}")
        if path.suffix == ".html":
            scan = PageScan()
            scan.feed(data.decode("utf-8", errors="replace"))
            scan.close()
            output.problems.extend(f"{name}: {problem}" for problem in scan.problems)
            output.texts[name] = normalized("".join(scan.text))
            output.titles[name] = [normalized("".join(parts).replace("\u00b6", "")) for parts in scan.h1]
        else:
            values, problems = ics_scan(data, name)
            output.problems.extend(problems)
            output.texts[name] = "\n".join(values)
            if "/" not in name:  # the course feeds, at the top: icalendar must read them too
                try:
                    icalendar.Calendar.from_ical(data)
                except Exception as error:  # any failure to read is the finding
                    output.problems.append(f"icalendar cannot read {name}: {error}")
    return output


# -- running a case ------------------------------------------------------------------------


@dataclass
class Run:
    """One program run of a case, with what it cost."""

    what: str
    result: Result

    def budget_problems(self) -> list[str]:
        result, problems = self.result, []
        if result.timed_out:
            problems.append(f"{self.what}: stopped after {result.wall:.0f} s of wall time ({result.cpu:.1f} s CPU)")
        elif result.returncode == -signal.SIGXCPU or result.cpu > SECONDS:
            problems.append(f"{self.what}: {result.cpu:.1f} s of CPU time (budget {SECONDS:.0f} s)")
        elif result.returncode < 0:
            problems.append(f"{self.what}: killed by signal {-result.returncode}")
        if result.maxrss_mb > MEGABYTES:
            problems.append(f"{self.what}: peak memory {result.maxrss_mb:.0f} MB (budget {MEGABYTES:.0f} MB)")
        for stream in (result.stdout, result.stderr):
            crash = CRASH.search(stream)
            if crash:
                problems.append(f"{self.what}: {crash.group(0)}: {last_error(stream)}")
        return problems

    def stats(self) -> str:
        result = self.result
        return (
            f"{self.what}: exit {result.returncode}, {result.cpu:.1f} s CPU, {result.wall:.1f} s wall, "
            f"{result.maxrss_mb:.0f} MB"
        )


def last_error(stream: str) -> str:
    """The line that names the exception, and the frame of ours it came from."""
    lines = [line for line in stream.splitlines() if line.strip()]
    frames = [line.strip() for line in lines if "sphinxcontrib_coursecal" in line and line.strip().startswith("File")]
    errors = [line.strip() for line in lines if re.match(r"^\s*[\w.]+(Error|Exception|Exit)\b", line.strip())]
    where = frames[-1].replace(str(HERE.parent / "src") + "/", "") if frames else ""
    return f"{(errors or lines or [''])[-1][:200]} ({where})" if where else (errors or lines or [""])[-1][:200]


def job(program: str, argv: list[str], cwd: Path, logs: Path, label: str) -> Job:
    return Job(
        program=program,
        argv=argv,
        cwd=str(cwd),
        stdout=str(logs / f"{label}.out"),
        stderr=str(logs / f"{label}.err"),
        timeout=STOP_WALL,
        cpu=STOP_CPU,
        address_space=ADDRESS_SPACE,
        env={"NO_COLOR": "1", "TMPDIR": str(logs)},
    )


def expected_problems(case: Case, warnings: list[Shown], src: Path, *, sphinx: bool) -> list[str]:
    """The case's own expectations: the warnings it must give, and the subtypes it must not."""
    problems = []
    for expected in case.expected:
        if expected.sphinx_only and not sphinx:
            continue
        if not any(w.matches(expected, src) for w in warnings):
            problems.append(f"no warning `{expected.text}`")
    for warning in warnings:
        if warning.subtype in case.nowarn:
            problems.append(f"an unwanted {warning.subtype} warning: {warning.raw[:300]}")
    return problems


def located_problems(warnings: list[Shown], src: Path) -> list[str]:
    """What no warning may do, whatever the input: a coursecal warning with no place (a
    setting has none), or a place its file does not have (a person must find the line)."""
    problems = []
    for warning in warnings:
        coursecal = bool(warning.type and warning.type.startswith("coursecal"))
        if warning.path is None:
            if coursecal and warning.subtype != Warn.CONFIG.value:
                problems.append(f"a coursecal warning without a place: {warning.raw[:300]}")
            continue
        path = warning.path if warning.path.is_absolute() else src / warning.path
        try:
            readable = path.is_file() and path.stat().st_size < 10_000_000
        except (OSError, ValueError):
            readable = False
        if not readable:
            continue
        if warning.line is None:
            if coursecal:
                problems.append(f"a warning about {path.name} without a line: {warning.raw[:300]}")
            continue
        count = len(editor_lines(path.read_bytes()))
        if not 1 <= warning.line <= count:
            problems.append(
                f"{path.name} has {count} lines; a warning points at line {warning.line}: {warning.raw[:200]}"
            )
    return problems


def run_sphinx(case: Case, root: Path, pool: ServerPool) -> tuple[list[Run], list[str]]:
    """Build the case's site (twice with ``rebuild``) and check everything about it."""
    src = prepare(case, root)
    out = root / "out"
    logs = root / "tmp"
    before = listing(root, skip=("out", "tmp"))
    argv = ["-q", "-T", "-b", "html", str(src), str(out)]
    runs = [Run("sphinx-build", pool.run(job("sphinx-build", argv, src, logs, "build")))]
    if case.rebuild:
        schedule = src / "schedule.yaml"
        shutil.copyfile(case.path / case.rebuild, schedule)
        later = time.time() + 5  # the edit must look newer than the first build to every check
        os.utime(schedule, (later, later))
        before = listing(root, skip=("out", "tmp"))
        runs.append(Run("sphinx-build (again)", pool.run(job("sphinx-build", argv, src, logs, "rebuild"))))
    problems = [problem for run in runs for problem in run.budget_problems()]
    final = runs[-1].result
    if final.returncode != case.build_exit:
        problems.append(f"sphinx-build exited {final.returncode}, not {case.build_exit}")
    after = listing(root, skip=("out", "tmp"))
    if after != before:
        changed = sorted(set(after.items()) ^ set(before.items()))
        problems.append(f"the build wrote outside its output: {changed[:5]}")
    warnings, stream_problems = sphinx_warnings(final.stderr)
    problems += stream_problems
    problems += expected_problems(case, warnings, src, sphinx=True) + located_problems(warnings, src)
    output = scan_output(out, case.absent)
    problems += output.problems
    for name in (*BASE_PAGES, *case.exists):
        if not (out / name).is_file():
            problems.append(f"{name} was not built")
    for name in case.missing:
        if (out / name).exists():
            problems.append(f"{name} is still there")
    problems += content_problems(case, output, cli=False)
    return runs, problems


def content_problems(case: Case, output: Output, *, cli: bool) -> list[str]:
    problems = []
    for files, texts in case.shows:
        for text in texts:
            wanted = normalized(text) if not any(f.endswith(".ics") for f in files) else text
            names = [
                name
                for pattern in files
                if not cli or pattern.endswith(".ics")
                for name in (output.matching("cli.ics") if cli else output.matching(pattern))
            ]
            if cli and not names:
                continue
            if not any(wanted in output.texts.get(name, "") for name in names):
                problems.append(f"{text!r} is not shown in {' '.join(files)}")
    if not cli:
        for pattern, titles in case.titled:
            pages = {name: output.titles.get(name, []) for name in output.matching(pattern)}
            for title in titles:
                if not any(normalized(title) in found for found in pages.values()):
                    problems.append(f"no page {pattern} is titled {title!r}")
    return problems


def run_cli(case: Case, root: Path, pool: ServerPool) -> tuple[list[Run], list[str]]:
    """``coursecal check`` and ``coursecal ics`` on the case's schedule."""
    src = prepare(case, root)
    logs = root / "tmp"
    cli = root / "cli"
    cli.mkdir()
    schedule = src / "schedule.yaml"
    before = listing(root, skip=("tmp", "cli"))
    check = Run("coursecal check", pool.run(job("coursecal", ["check", str(schedule)], src, logs, "check")))
    runs = [check]
    problems = check.budget_problems()
    if check.result.returncode != case.check_exit:
        problems.append(f"coursecal check exited {check.result.returncode}, not {case.check_exit}")
    diagnostics, stream_problems = cli_diagnostics(check.result.stderr)
    problems += stream_problems
    problems += expected_problems(case, diagnostics, src, sphinx=False) + located_problems(diagnostics, src)
    if not check.result.timed_out:  # a check past its budget has failed; the same load again would too
        target = cli / "cli.ics"
        ics = Run(
            "coursecal ics", pool.run(job("coursecal", ["ics", str(schedule), "-o", str(target)], src, logs, "ics"))
        )
        runs.append(ics)
        problems += ics.budget_problems()
        if ics.result.returncode != case.check_exit:
            problems.append(f"coursecal ics exited {ics.result.returncode}, not {case.check_exit}")
        if not ics.result.timed_out and not target.is_file():
            problems.append("coursecal ics wrote no file")
        output = scan_output(cli, case.absent)
        problems += output.problems
        problems += content_problems(case, output, cli=True)
    if listing(root, skip=("tmp", "cli")) != before:
        problems.append("coursecal wrote outside its output")
    return runs, problems


@dataclass
class Outcome:
    runs: list[Run]
    problems: list[str]

    def report(self) -> str:
        lines = [*self.problems, "", *(run.stats() for run in self.runs)]
        tail = self.runs[-1].result.stderr.strip().splitlines()[-12:] if self.runs else []
        return "\n".join([*lines, "--- stderr (end) ---", *tail])


PARTS = {"sphinx": run_sphinx, "cli": run_cli}


def run_all(wanted: Iterable[tuple[str, str]], base: Path) -> dict[tuple[str, str], Outcome]:
    """Every (case, part) wanted, on as many fork servers as the machine has cores."""
    pool = ServerPool()

    def one(item: tuple[str, str]) -> tuple[tuple[str, str], Outcome]:
        name, part = item
        runs, problems = PARTS[part](BY_NAME[name], base / f"{name}-{part}", pool)
        return item, Outcome(runs, problems)

    # The slow cases first, so the two queues end together.
    order = sorted(set(wanted), key=lambda item: (BY_NAME[item[0]].klass not in SLOW_CLASSES, item))
    try:
        with ThreadPoolExecutor(workers()) as executor:
            return dict(executor.map(one, order))
    finally:
        pool.close()


SLOW_CLASSES = {"extreme-dates", "alias-budget", "size"}
