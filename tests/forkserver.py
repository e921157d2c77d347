"""Run builds that may crash, hang or eat memory, each in its own forked process.

The hostile corpus (tests/test_hostile.py) and the fuzzer (tests/test_fuzz.py)
run a hundred-odd Sphinx builds and CLI runs. Each must be isolated (a schedule
that blows up memory or never ends must not take pytest down) and measured
(wall time, CPU time and peak memory of that one run). Starting a fresh
interpreter per run costs most of a small build in imports, so a server
process imports Sphinx and the extension once and forks a child per job:

* the child sets its own limits (``RLIMIT_AS``, ``RLIMIT_CPU``), redirects its
  output to files, and runs ``sphinx-build`` (``sphinx.cmd.build.main``, what
  the ``sphinx-build`` script runs), ``coursecal`` (``cli.main``, what the
  console script runs) or a named function;
* the server waits with ``wait4``, which gives that child's own resource usage,
  and kills the child's process group when it runs past its wall time.

Protocol: one JSON job per line on stdin, one JSON result per line on stdout.
:class:`ForkServer` is the client side, used from the tests.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# Where a run is stopped unless a job says otherwise; the tests assert their own,
# tighter budgets. CPU time stops a run that computes too long; wall time stops
# one that waits (a FIFO, a lock), generously, since a machine busy with other
# work stretches the wall time of everything.
DEFAULT_TIMEOUT = 30.0
DEFAULT_CPU = 11
DEFAULT_ADDRESS_SPACE = 1 << 30  # 1 GiB; the server itself is ~70 MB of it


@dataclass
class Job:
    """One run: which program, its arguments, where it runs, where its output goes."""

    program: str  # "sphinx-build", "coursecal" or "call" (argv = ["module:function", json-args])
    argv: list[str]
    cwd: str
    stdout: str
    stderr: str
    timeout: float = DEFAULT_TIMEOUT  # wall seconds
    cpu: int = DEFAULT_CPU  # CPU seconds
    address_space: int = DEFAULT_ADDRESS_SPACE
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class Result:
    """How one run ended and what it cost."""

    returncode: int  # negative: killed by that signal (SIGXCPU: past its CPU time)
    timed_out: bool  # past its wall time
    wall: float  # seconds
    cpu: float  # seconds, user + system
    maxrss_mb: float
    stdout: str
    stderr: str


# -- server side -------------------------------------------------------------------------


def _warm() -> None:
    """Import what every run needs once, before any fork."""
    sys.path.insert(0, str(REPO))
    for name in (
        "sphinx.cmd.build",
        "sphinx.builders.html",
        "sphinx.application",
        "sphinxcontrib_coursecal",
        "sphinxcontrib_coursecal.sphinx",
        "sphinxcontrib_coursecal.cli",
        "sphinxcontrib_coursecal.ics",
        "icalendar",
        "bibtexparser",
        "babel.dates",
        "myst_parser",
        "sphinx_design",
        "tests.test_fuzz",  # the fuzzer's batches run its functions
    ):
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _child(job: dict[str, Any]) -> None:
    """In the forked child: limits, redirections, then the program. Never returns."""
    code = 1
    try:
        os.setpgid(0, 0)  # its own group, so a timeout kills whatever it started too
        resource.setrlimit(resource.RLIMIT_AS, (job["address_space"], job["address_space"]))
        resource.setrlimit(resource.RLIMIT_CPU, (job["cpu"], job["cpu"] + 1))  # SIGXCPU, then SIGKILL
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU would dump core into the site
        for fd, name in ((1, job["stdout"]), (2, job["stderr"])):
            target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(target, fd)
            os.close(target)
        os.chdir(job["cwd"])
        os.environ.update(job["env"])
        program, argv = job["program"], job["argv"]
        sys.argv = [program, *argv]
        if program == "sphinx-build":
            from sphinx.cmd.build import main as sphinx_main  # noqa: PLC0415 (imported in the parent already)

            code = sphinx_main(argv)
        elif program == "coursecal":
            from sphinxcontrib_coursecal.cli import main as cli_main  # noqa: PLC0415

            code = cli_main(argv)
        else:
            module, _, function = argv[0].partition(":")
            code = getattr(importlib.import_module(module), function)(*json.loads(argv[1]))
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BaseException:  # what the interpreter would print for an uncaught exception
        with contextlib.suppress(BaseException):
            traceback.print_exc()
        code = 1
    with contextlib.suppress(BaseException):
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code if isinstance(code, int) and 0 <= code < 256 else 1)


def _run(job: dict[str, Any]) -> dict[str, Any]:
    began = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        _child(job)
    deadline = began + job["timeout"]
    timed_out = False
    pause = 0.002
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() > deadline:
            timed_out = True
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:  # it had not made its group yet
                os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            break
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
    return {
        "returncode": os.waitstatus_to_exitcode(status),
        "timed_out": timed_out,
        "wall": time.perf_counter() - began,
        "cpu": usage.ru_utime + usage.ru_stime,
        "maxrss_mb": usage.ru_maxrss / 1024,  # Linux reports kilobytes
    }


def serve(jobs: TextIO, results: TextIO) -> None:
    _warm()
    for line in jobs:
        if not line.strip():
            continue
        results.flush()  # a forked child must not inherit unwritten output
        results.write(json.dumps(_run(json.loads(line))) + "\n")
        results.flush()


# -- client side -------------------------------------------------------------------------


class ForkServer:
    """A server process; :meth:`run` sends one job and waits for its result."""

    def __init__(self) -> None:
        env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env,
        )

    def run(self, job: Job) -> Result:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(job.__dict__) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the fork server died")
        raw = json.loads(line)
        return Result(
            **raw,
            stdout=_read(job.stdout),
            stderr=_read(job.stderr),
        )

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


def _read(path: str) -> str:
    try:
        return Path(path).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""


class ServerPool:
    """One server per worker thread, so ``ThreadPoolExecutor`` workers each fork their own runs."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._all: list[ForkServer] = []
        self._lock = threading.Lock()

    def server(self) -> ForkServer:
        server = getattr(self._local, "server", None)
        if server is None:
            server = ForkServer()
            self._local.server = server
            with self._lock:
                self._all.append(server)
        return server

    def run(self, job: Job) -> Result:
        return self.server().run(job)

    def close(self) -> None:
        for server in self._all:
            with contextlib.suppress(Exception):
                server.close()


def workers() -> int:
    """Parallel runs: the machine's cores (CI has 2), or COURSECAL_HOSTILE_JOBS."""
    wanted = os.environ.get("COURSECAL_HOSTILE_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return max(1, min(4, len(os.sched_getaffinity(0))))


if __name__ == "__main__":
    serve(sys.stdin, sys.stdout)
