"""The JSON export (``<course>-schedule.json``, ``coursecal export --json``), as scripts read it.

* Real builds of the example course: the export validates against the schema
  the package ships, has exactly the feed's events at the same instants (the
  feed read with icalendar and recurring-ical-events), is byte-identical across
  a rebuild and a fresh build, and is what ``coursecal export`` writes but for
  the links into the site, each of which leads to an element that exists.
* A small course of hostile but legal text (tests/roots/test-coursecal-export)
  built with html, dirhtml and singlehtml: every string comes back exactly, and
  times across a clock change are the instants worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
from bs4 import BeautifulSoup

from sphinxcontrib_coursecal.cli import main
from sphinxcontrib_coursecal.engine import load_schedule, load_schedule_text
from sphinxcontrib_coursecal.export import FORMAT, dumps, export
from sphinxcontrib_coursecal.export_schema import export_schema

from .conftest import REPO, ROOTS, Build, Builder
from .ics_readers import by_stable_id, read_recurring

SHIPPED = REPO / "src" / "sphinxcontrib_coursecal" / "schema" / "schedule-export.schema.json"
EXAMPLE = REPO / "example_course"
EXPORT_ROOT = ROOTS / "test-coursecal-export"
NAME = "cse599o-schedule.json"
OFFLINE = {"coursecal_ics_previous": False}  # the example's address is a placeholder: read nothing back


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def without_site(document: Any) -> Any:
    """The document as ``coursecal export`` writes it: no site address, every ``href`` null."""
    if isinstance(document, dict):
        return {key: None if key in ("href", "base_url") else without_site(value) for key, value in document.items()}
    if isinstance(document, list):
        return [without_site(item) for item in document]
    return document


def strings(document: Any) -> Iterator[str]:
    if isinstance(document, dict):
        for key, value in document.items():
            yield key
            yield from strings(value)
    elif isinstance(document, list):
        for item in document:
            yield from strings(item)
    elif isinstance(document, str):
        yield document


# -- the schema --------------------------------------------------------------------------------


def test_the_shipped_schema_is_the_one_the_code_declares(capsys: pytest.CaptureFixture[str]) -> None:
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == export_schema(), (
        "regenerate with `coursecal schema --export > " + str(SHIPPED.relative_to(REPO)) + "`"
    )
    assert main(["schema", "--export"]) == 0
    assert capsys.readouterr().out == SHIPPED.read_text(encoding="utf-8")
    jsonschema.Draft202012Validator.check_schema(export_schema())


def test_every_object_of_the_schema_is_closed_and_every_field_described() -> None:
    schema = export_schema()
    for name, shape in [("document", schema), *schema["$defs"].items()]:
        assert shape["additionalProperties"] is False, name
        # Every field is required, but the workload's: those are there only when the schedule gives counts.
        optional = [field for field in shape["properties"] if field not in shape["required"]]
        assert shape["required"] == list(shape["properties"])[: len(shape["required"])], name
        for field in optional:
            assert "workload" in shape["properties"][field]["description"], f"{name}.{field}"
        for field, declared in shape["properties"].items():
            assert declared.get("description"), f"{name}.{field}"


def test_the_gallery_courses_validate_too() -> None:
    for path in sorted((REPO / "docs" / "gallery").glob("*/schedule.yaml")):
        document = json.loads(dumps(export(load_schedule(path))))
        assert list(validator().iter_errors(document)) == [], path


# -- the example course, built -----------------------------------------------------------------


class ExampleBuilds:
    def __init__(self, base: Path, shared_build: Builder) -> None:
        self.srcdir = base / "src"
        shutil.copytree(EXAMPLE, self.srcdir, ignore=shutil.ignore_patterns("_build"))
        self.first = shared_build(self.srcdir, base / "one", confoverrides=OFFLINE)
        self.again = shared_build(self.srcdir, base / "one", confoverrides=OFFLINE)  # a rebuild, same folders
        self.fresh = shared_build(self.srcdir, base / "two", confoverrides=OFFLINE)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory, shared_build: Builder) -> ExampleBuilds:
    return ExampleBuilds(tmp_path_factory.mktemp("export-example"), shared_build)


def test_the_example_course_builds_clean_and_writes_the_export(example: ExampleBuilds) -> None:
    for build in (example.first, example.again, example.fresh):
        assert build.statuscode == 0
        assert build.warnings == ""
        assert (build.outdir / NAME).is_file()


def test_the_export_validates_against_the_shipped_schema(example: ExampleBuilds) -> None:
    document = json.loads(example.first.read(NAME))
    assert document["format"] == FORMAT == "coursecal-schedule/1"
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator().iter_errors(document)]
    assert errors == []
    assert document["course"]["id"] == "cse599o"
    assert document["course"]["timezone"] == "America/Los_Angeles"
    assert document["base_url"] == "https://cse599o.example.org/"
    assert len(document["sessions"]) == 20
    assert len(document["papers"]) == 37


def test_every_event_of_the_feed_is_an_occurrence_at_the_same_instants_and_back(example: ExampleBuilds) -> None:
    schedule = load_schedule(example.srcdir / "schedule.yaml")
    feed = by_stable_id(read_recurring(example.first.read("cse599o.ics")), schedule)
    document = json.loads(example.first.read(NAME))
    exported: dict[str, tuple[str, str]] = {}
    for occurrence in document["occurrences"]:
        start, end = occurrence["start"], occurrence["end"]
        if occurrence["all_day"]:  # the last day, inclusive; DTEND is the day after
            after = dt.date.fromisoformat(end["date"]) + dt.timedelta(days=1)
            exported[occurrence["id"]] = (start["date"], after.isoformat())
        else:
            exported[occurrence["id"]] = (start["utc"], end["utc"])
    assert exported == {uid: (event.start, event.end) for uid, event in feed.items()}
    assert {o["uid"] for o in document["occurrences"]} == {event.uid for event in feed.values()}
    # The local time is the same instant, in the course's zone, with the offset in force then.
    for occurrence in document["occurrences"]:
        if not occurrence["all_day"]:
            local = dt.datetime.fromisoformat(occurrence["start"]["local"])
            assert local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") == occurrence["start"]["utc"]
            assert local.date().isoformat() == occurrence["start"]["date"]


def test_the_export_is_byte_identical_across_rebuilds(example: ExampleBuilds) -> None:
    first = (example.first.outdir / NAME).read_bytes()
    assert (example.again.outdir / NAME).read_bytes() == first
    assert (example.fresh.outdir / NAME).read_bytes() == first
    assert first.endswith(b"}\n")
    assert not first.endswith(b"\n\n")


def test_coursecal_export_writes_the_same_bytes_but_the_links(example: ExampleBuilds, tmp_path: Path) -> None:
    out = tmp_path / "out" / "export.json"
    assert main(["export", "--json", str(example.srcdir / "schedule.yaml"), "-o", str(out)]) == 0
    built = json.loads(example.first.read(NAME))
    assert out.read_bytes() == dumps(without_site(built))


def test_coursecal_export_to_standard_output(
    example: ExampleBuilds, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["export", str(example.srcdir / "schedule.yaml")]) == 0
    out, err = capsysbinary.readouterr()
    assert json.loads(out) == without_site(json.loads(example.first.read(NAME)))
    assert err.decode() == "wrote 51 calendar entries to standard output\n"


def test_every_link_into_the_site_leads_to_what_it_names(example: ExampleBuilds) -> None:
    document = json.loads(example.first.read(NAME))
    hrefs = {
        item["href"]
        for part in ("occurrences", "sessions", "deadlines", "units", "papers")
        for item in document[part]
        if item["href"] is not None
    }
    shown = sum(item["href"] is not None for item in document["sessions"] + document["deadlines"])
    assert shown == len(document["sessions"]) + len(document["deadlines"])  # the calendar shows them all
    assert all(p["href"] == f"papers/{p['key']}.html" for p in document["papers"])
    pages: dict[str, BeautifulSoup] = {}
    for href in sorted(hrefs):
        parts = urlsplit(href)
        assert (parts.scheme, parts.netloc) == ("", ""), href  # relative to the site's root
        assert not parts.path.startswith("/"), href
        if parts.path not in pages:
            pages[parts.path] = example.first.soup(parts.path)
        if parts.fragment:
            assert pages[parts.path].find(id=parts.fragment) is not None, href


def test_a_schedule_without_a_course_exports_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schedule = tmp_path / "schedule.yaml"
    schedule.write_text("meetings: {}\n", encoding="utf-8")
    out = tmp_path / "export.json"
    assert main(["export", str(schedule), "-o", str(out)]) == 1
    assert "no usable `course`" in capsys.readouterr().err
    assert not out.exists()


# -- hostile text and a clock change, in every HTML builder --------------------------------------


@pytest.fixture(scope="module")
def export_root(tmp_path_factory: pytest.TempPathFactory, shared_build: Builder) -> dict[str, Build]:
    base = tmp_path_factory.mktemp("export-root")
    srcdir = base / "src"
    shutil.copytree(EXPORT_ROOT, srcdir)
    return {builder: shared_build(srcdir, base / builder, builder) for builder in ("html", "dirhtml", "singlehtml")}


HOSTILE = {
    "code": 'EXP "101"',
    "title": "Quotes \"double\", 'single', back\\slash C:\\New\\Notes",
    "location": "Room </script><script>alert(1)</script>",
}


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_every_html_builder_writes_it_with_its_own_links(export_root: dict[str, Build], builder: str) -> None:
    build = export_root[builder]
    assert build.statuscode == 0
    raw = (build.outdir / "exp101-schedule.json").read_bytes()
    document = json.loads(raw)
    assert list(validator().iter_errors(document)) == []
    assert {key: document["course"][key] for key in HOSTILE} == HOSTILE
    assert document["base_url"] == "https://export.example.org/course/"
    page = {"html": "index.html", "dirhtml": "", "singlehtml": "index.html"}[builder]
    (intro,) = (s for s in document["sessions"] if s["id"] == "intro")
    assert intro["href"] == f"{page}#coursecal-exp101-intro-session"
    (unit,) = document["units"]
    assert unit["href"] == f"{page}#coursecal-exp101-basics-unit"
    paper = document["papers"][0]
    # Paper pages are for html and dirhtml; singlehtml links where the reading list shows the paper.
    assert (
        paper["href"]
        == {
            "html": "papers/knuth1974.html",
            "dirhtml": "papers/knuth1974/",
            "singlehtml": "index.html#coursecal-exp101-knuth1974-paper",
        }[builder]
    )
    # What a build writes is what the command writes, with the links into the site.
    srcdir = build.srcdir
    assert dumps(without_site(document)) == dumps(export(load_schedule(srcdir / "schedule.yaml")))


def test_hostile_text_comes_back_exactly(export_root: dict[str, Build]) -> None:
    schedule = load_schedule(export_root["html"].srcdir / "schedule.yaml")
    raw = (export_root["html"].outdir / "exp101-schedule.json").read_bytes()
    document = json.loads(raw)
    written = set(strings(document))
    expected = {
        *HOSTILE.values(),
        "Intro: </script><!-- -->",
        'Line one\nline two, "quoted", tab\there',
        "Notes \u061c(ALM) 日本語 😀",
        'https://example.org/a?b=1&c="2"',
        "\u0645\u0643\u062a\u0628 2 \u200f(RLM)",
        "OH \\ backslash",
        'Ada "the first" Lovelace',
        "Guest \\u0041 not an escape",
        "Snow </script> day",
        'Back "soon"',
        "Quiz </SCRIPT>",
        'Structured Programming with "go to" Statements',
        'HW1 "A"; B, C',
        "§1 \\ §2",
    }
    assert expected - written == set()
    # Every text the engine holds is in the export as it is: the session's own texts, say.
    session = schedule.session("intro")
    assert session is not None
    assert {session.title, session.spec.notes} <= written
    # Written as UTF-8 itself, not \u escapes: what a reader sees is what the file holds.
    assert "日本語 😀".encode() in raw
    assert "\u200f".encode() in raw


def test_bidi_overrides_and_separators_round_trip_through_the_command(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """A direction override is a warning, not an error: it stays in the text, and JSON carries it."""
    titles = ["\u202eevil\u202c", "a\u2066b\u2069", 'x"</script>\\y', "\u00a0nbsp\ufeffbom"]
    sessions = "".join(f"  - {{id: s{n}, title: {json.dumps(title)}}}\n" for n, title in enumerate(titles))
    text = (
        "course: {id: d, timezone: Asia/Kolkata, start: 2026-01-05, end: 2026-01-30}\n"
        'meetings:\n  lecture: {days: [Mon, Thu], time: "10:00-11:00"}\n'
        f"sessions:\n{sessions}"
    )
    schedule = load_schedule_text(text)
    assert not schedule.errors
    assert [session.title for session in schedule.sessions] == titles
    document = json.loads(dumps(export(schedule)))
    assert [session["title"] for session in document["sessions"]] == titles
    assert list(validator().iter_errors(document)) == []
    path = tmp_path / "schedule.yaml"
    path.write_text(text, encoding="utf-8")
    main(["export", str(path)])
    assert json.loads(capsysbinary.readouterr().out) == document


# By hand: British Summer Time (UTC+1) starts on Sunday March 29 2026 at 01:00 UTC; before, GMT (UTC+0).
AROUND_MARCH_29 = {
    "session-intro": ("2026-03-23T10:00:00Z", "2026-03-23T10:00:00+00:00"),  # Mon 10:00 GMT
    "session-last": ("2026-04-01T09:00:00Z", "2026-04-01T10:00:00+01:00"),  # Wed Apr 1 10:00 BST (Mon 30: snow)
    "deadline-hw1": ("2026-03-28T23:59:00Z", "2026-03-28T23:59:00+00:00"),  # Sat 23:59 GMT
    "deadline-hw2": ("2026-03-29T22:59:00Z", "2026-03-29T23:59:00+01:00"),  # Sun 23:59 BST
    "event-quiz": ("2026-04-01T08:00:00Z", "2026-04-01T09:00:00+01:00"),  # Wed 09:00 BST
}


def test_times_across_the_clock_change_are_the_instants_worked_out_by_hand(export_root: dict[str, Build]) -> None:
    document = json.loads(export_root["html"].read("exp101-schedule.json"))
    found = {o["id"]: (o["start"]["utc"], o["start"]["local"]) for o in document["occurrences"]}
    assert {key: found[key] for key in AROUND_MARCH_29} == AROUND_MARCH_29
    (snow,) = (o for o in document["occurrences"] if o["role"] == "closure")
    assert (snow["all_day"], snow["start"], snow["end"]) == (
        True,
        {"date": "2026-03-30", "local": None, "utc": None},
        {"date": "2026-03-30", "local": None, "utc": None},
    )
    (hw1,) = (d for d in document["deadlines"] if d["id"] == "hw1")
    assert hw1["released"] == {"date": "2026-03-23", "local": None, "utc": None}


def test_epub_writes_none_and_switching_it_off_removes_it(tmp_path: Path, build: Builder) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(EXPORT_ROOT, srcdir)
    assert not (build(srcdir, tmp_path / "epub", "epub").outdir / "exp101-schedule.json").exists()
    first = build(srcdir, tmp_path / "html")
    assert (first.outdir / "exp101-schedule.json").is_file()
    second = build(srcdir, tmp_path / "html", confoverrides={"coursecal_json_export": False})
    assert second.statuscode == 0
    assert not (second.outdir / "exp101-schedule.json").exists()
    assert (second.outdir / "exp101.ics").is_file()  # the feeds are another setting's
