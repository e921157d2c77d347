"""The JSON Schema editors use: generated from the loader's declarations, and true to the loader.

* The copy shipped in the package is what the generator makes now (one source
  of truth: a declaration changed without regenerating fails here), and
  ``coursecal schema`` prints it.
* Every schedule in the repository validates, read as an editor's YAML 1.2
  reader reads it; so does every broken-corpus file the loader reads without
  an error: the schema never refuses what the loader accepts.
* The broken-corpus files whose mistake is one of shape (an unknown or
  missing key, a list for a mapping, a malformed date, weekday or color, an
  unknown version) fail validation: an editor marks them as the user types.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sphinxcontrib_coursecal.cli import main
from sphinxcontrib_coursecal.engine import Severity, json_schema, load_schedule
from sphinxcontrib_coursecal.engine.scalars import parse_date
from sphinxcontrib_coursecal.scaffold import add_init_arguments, guess_term, schedule_text

from .conftest import HOSTILE, LONDON, REPO

SHIPPED = REPO / "src" / "sphinxcontrib_coursecal" / "schema" / "schedule.schema.json"
BROKEN = REPO / "tests" / "broken"
SCHEDULES = sorted(
    [
        REPO / "example_course" / "schedule.yaml",
        *REPO.glob("docs/gallery/*/schedule.yaml"),
        REPO / "docs" / "tutorial" / "course" / "schedule.yaml",
        *REPO.glob("tests/roots/*/*.yaml"),
    ]
)
# The broken-corpus files an editor can flag from the schema alone.
CAUGHT = {
    "bom_unknown_key",
    "crlf_unknown_key",
    "missing_course_id",
    "missing_days_empty",
    "missing_deadline_due",
    "missing_person_name",
    "missing_session_title",
    "type_course_list",
    "type_days_mapping",
    "type_links_list",
    "type_readings_mapping",
    "type_sessions_mapping_of_scalars",
    "unknown_readngs",
    "unknown_tiem",
    "unknown_top_deadline",
    "unknown_comma_in_title",
    "value_course_id",
    "value_date_month_13",
    "value_days_number",
    "value_time_dots",
    "value_version",
    "value_weekday",
    "link_javascript",
}

# YAML 1.2's core schema, as the YAML language server reads plain scalars.
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def yaml12(node: Node) -> Any:
    """A composed node as plain data, read by YAML 1.2 rules (``10:00`` and ``2025-09-24`` are text).

    Merge keys (``<<: *base``) are resolved as the loader and the language server resolve them.
    """
    if isinstance(node, ScalarNode):
        text = node.value
        if node.style is not None:  # quoted or block: text
            return text
        if _NULL.fullmatch(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
        return text
    if isinstance(node, SequenceNode):
        return [yaml12(item) for item in node.value]
    assert isinstance(node, MappingNode)
    merged: dict[Any, Any] = {}
    own: dict[Any, Any] = {}
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.tag.endswith(":merge"):
            for source in value.value if isinstance(value, SequenceNode) else [value]:
                for name, item in yaml12(source).items():
                    merged.setdefault(name, item)
        else:
            own[yaml12(key)] = yaml12(value)
    return {**merged, **own}


def as_editor_reads(text: str) -> Any:
    return yaml12(yaml.compose(text, Loader=yaml.SafeLoader))


def invalid(instance: Any) -> list[str]:
    validator = jsonschema.Draft7Validator(json_schema())
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(instance)]


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == json_schema(), (
        "the declarations changed: regenerate with `coursecal schema > " + str(SHIPPED.relative_to(REPO)) + "`"
    )


def test_coursecal_schema_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_it_is_a_draft_7_schema_with_every_field_described() -> None:
    schema = json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    shapes = [schema, *schema["definitions"].values()]
    for shape in shapes:
        assert shape["description"]
        for name, field in shape["properties"].items():
            assert field["description"], name
    session = schema["definitions"]["session"]
    assert session["required"] == ["title"]
    assert session["additionalProperties"] is False


@pytest.mark.parametrize("path", SCHEDULES, ids=lambda path: str(path.relative_to(REPO)))
def test_every_schedule_in_the_repository_validates(path: Path) -> None:
    schedule = load_schedule(path)
    # Schedules with errors on purpose: a broken one, and one whose notes page is outside the project.
    if path.parent.name in ("test-coursecal-broken", "test-coursecal-clashes"):
        assert schedule.errors
        return
    assert schedule.errors == ()
    assert invalid(as_editor_reads(path.read_text(encoding="utf-8-sig"))) == []


@pytest.mark.parametrize("text", [HOSTILE, LONDON], ids=["hostile", "london"])
def test_the_test_schedules_validate(text: str) -> None:
    assert invalid(as_editor_reads(text)) == []


def readable(case: Path) -> Any:
    try:
        return as_editor_reads(case.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError):
        return None  # not YAML or not UTF-8: the editor says so itself, before any schema


@pytest.mark.parametrize("case", sorted(BROKEN.glob("*.yaml")), ids=lambda path: path.stem)
def test_the_broken_corpus(case: Path) -> None:
    """What the loader reads without an error validates; each mistake a schema can see is flagged."""
    schedule = load_schedule(case)
    instance = readable(case)
    errors = [d for d in schedule.diagnostics if d.severity is Severity.ERROR]
    if case.stem in CAUGHT:
        assert errors
        assert instance is not None
        assert invalid(instance), "the schema lets this mistake through"
    elif instance is not None and not errors:
        assert invalid(instance) == [], "the schema refuses a file the loader reads"


def test_a_few_spellings_the_loader_reads_are_valid() -> None:
    head = "course: {id: demo, timezone: UTC, start: 2026-01-05, end: 2026-03-27}\n"
    text = head + (
        "kinds: {lecture: , seminar: {color: teal}}\n"
        "people: {ada: Ada Lovelace}\n"
        "meetings:\n"
        "  lecture: {days: tuesday, time: 3:30-4:45 pm, location: {Tue: Hall}}\n"
        "  seminar: {kind: seminar, days: [THU.], time: {Thu: 14}, every: '2',\n"
        "            changes: {2026-01-15: {cancelled: yes}}}\n"
        "papers: [refs.bib]\n"
        "sessions:\n"
        "  lecture: [{title: One, readings: ['smith:2020'], numbered: No}]\n"
        "deadlines: [{title: HW, due: 2026-01-09T17:00, url: mailto:ta@example.org}]\n"
    )
    assert invalid(as_editor_reads(text)) == []


def test_every_iso_date_the_loader_reads_matches_the_date_pattern() -> None:
    """Each ISO 8601 spelling of each day of four years; and the usual mistakes do not match."""
    pattern = re.compile(json_schema()["definitions"]["course"]["properties"]["start"]["pattern"])
    day = dt.date(2024, 1, 1)
    while day.year < 2028:
        year, week, weekday = day.isocalendar()
        for text in (
            day.isoformat(),
            day.strftime("%Y%m%d"),
            f"{year:04d}-W{week:02d}-{weekday}",
            f"{year:04d}W{week:02d}{weekday}",
            f"{year:04d}-W{week:02d}",
        ):
            assert parse_date(text) is not None
            assert pattern.search(text), text
        day += dt.timedelta(days=1)
    for mistake in ("2025-13-01", "2025-09-32", "2025-9-24", "25-09-24", "2025/09/24", "Sep 24"):
        assert not pattern.search(mistake), mistake


@pytest.mark.parametrize("system", ["semester", "quarter"])
def test_the_schedule_coursecal_init_writes_validates(system: str) -> None:
    parser = argparse.ArgumentParser()
    add_init_arguments(parser)
    args = parser.parse_args(["--title", "Algorithms", "--location", "Hall 1"])
    args.code, args.id = "CS 101", "cs-101"
    text = schedule_text(args, guess_term(dt.date(2026, 2, 1), system), ("America/Chicago", "given"))
    assert text.startswith(f"# yaml-language-server: $schema={json_schema()['$id']}\n")
    assert invalid(as_editor_reads(text)) == []
