"""The JSON Schema of the schedule format, made from the declarations the loader reads.

Editors with the YAML language server (VS Code's YAML extension, and others)
read it for completion, hover text and inline errors. It is generated, never
written by hand: every key, required field, choice and nested shape comes from
``schema.py``, whose shapes give the loader its known and required keys, and
the forms' patterns from the readers' own rules.

Draft-07, which the YAML language server supports best. The schema is strict
where the loader reports an error (an unknown key, a missing required one, a
malformed date) and permissive where the loader is: a file the loader reads
without an error must never be refused (times have many spellings, so they are
only required to start with a digit). Editors read YAML 1.2, where ``10:00``
and ``2025-09-24`` are text, as the loader reads them.
"""

from __future__ import annotations

import re
from typing import Any

from .links import SAFE_SCHEMES
from .model import DEFAULT_KINDS
from .scalars import WEEKDAY_NAMES, WEEKDAY_SPELLINGS
from .schema import SHAPES, TOP, Field, Form, Shape

Schema = dict[str, Any]

SCHEMA_URL = "https://sphinxcontrib-coursecal.readthedocs.io/en/latest/schedule.schema.json"
DRAFT = "http://json-schema.org/draft-07/schema#"


def _any_case(word: str) -> str:
    """``mon`` as ``[Mm][Oo][Nn]``: JSON Schema patterns (ECMA 262) take no flags."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


# The loader's rules as patterns (ASCII digits: ECMA's \d is ASCII, Python's is not).
# The ISO 8601 dates date.fromisoformat reads: 2025-09-24, 20250924, 2025-W39-3, 2025W393, 2025-W39
# (a day past a month's end passes; Python 3.11 also takes some malformed strings, which this refuses).
_MONTH, _DAY, _WEEK = "(?:0[1-9]|1[0-2])", "(?:0[1-9]|[12][0-9]|3[01])", "(?:0[1-9]|[1-4][0-9]|5[0-3])"
_DATE = f"[0-9]{{4}}(?:-{_MONTH}-{_DAY}|{_MONTH}{_DAY}|-W{_WEEK}(?:-[1-7])?|W{_WEEK}[1-7]?)"
DATE = rf"^\s*{_DATE}\s*$"
MOMENT = rf"^\s*{_DATE}(?:[T ].*)?$"
# A time or a span: many spellings, each starting with its hour; none has a dot between digits ("10.15").
CLOCK = r"^\s*[0-9](?!.*[0-9]\.[0-9])"
ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
COURSE_ID = r"^[a-z0-9][a-z0-9-]*$"
KEY = r"^[A-Za-z0-9][A-Za-z0-9_:.+-]*$"
COLOR = r"^(?:#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})|[a-zA-Z]+)$"
WEEKDAY = r"^\s*(?:" + "|".join(_any_case(name) for name in WEEKDAY_SPELLINGS) + r")\.*\s*$"
BOOLEAN = "^(?:" + "|".join(_any_case(word) for word in ("true", "false", "yes", "no", "on", "off")) + ")$"
INTEGER = r"^\s*[+-]?[0-9][0-9_]*\s*$"
NUMBER = r"^\s*[+-]?[0-9][0-9_]*(?:\.[0-9]+)?\s*$"
# Relative (no scheme), or a scheme the loader lets through.
URL = r"^\s*(?:(?![A-Za-z][A-Za-z0-9+.-]*:)|(?:" + "|".join(_any_case(s) for s in SAFE_SCHEMES) + "):)"

SCALAR = ["string", "number", "boolean"]  # the loader reads any scalar's text


def _form(form: Form, field: Field) -> Schema:
    """The schema of one form; ``field`` gives the nested shape and the form of keys."""
    ref = {"$ref": f"#/definitions/{field.shape}"}
    simple: dict[Form, Schema] = {
        Form.TEXT: {"type": SCALAR},
        Form.ID: {"type": ["string", "number"], "pattern": ID},
        Form.COURSE_ID: {"type": ["string", "integer"], "pattern": COURSE_ID},
        Form.KEY: {"type": ["string", "number"], "pattern": KEY},
        # Built-in kinds for completion; a course's own kinds are ids.
        Form.KIND: {"anyOf": [{"enum": list(DEFAULT_KINDS)}, {"type": "string", "pattern": ID}]},
        Form.DATE: {"type": "string", "pattern": DATE},
        Form.MOMENT: {"type": "string", "pattern": MOMENT},
        Form.TIME: {"type": ["string", "integer"], "pattern": CLOCK},
        Form.SPAN: {"type": ["string", "integer"], "pattern": CLOCK},
        Form.WEEKDAY: {"anyOf": [{"enum": list(WEEKDAY_NAMES)}, {"type": "string", "pattern": WEEKDAY}]},
        Form.INTEGER: {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": INTEGER}]},
        Form.NUMBER: {"anyOf": [{"type": "number"}, {"type": "string", "pattern": NUMBER}]},
        Form.BOOLEAN: {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": BOOLEAN}]},
        Form.URL: {"type": ["string", "number"], "pattern": URL},
        Form.COLOR: {"type": "string", "pattern": COLOR},
        Form.NULL: {"type": "null"},
    }
    if form in simple:
        return simple[form]
    if form is Form.WEEKDAYS:
        return {
            "anyOf": [_form(Form.WEEKDAY, field), {"type": "array", "items": _form(Form.WEEKDAY, field), "minItems": 1}]
        }
    if form in (Form.TEXTS, Form.DATES):
        one = _form(Form.TEXT if form is Form.TEXTS else Form.DATE, field)
        return {"anyOf": [one, {"type": "array", "items": one}]}
    if form in (Form.DAILY_SPAN, Form.DAILY_TEXT):
        one = _form(Form.SPAN if form is Form.DAILY_SPAN else Form.TEXT, field)
        by_day = {
            "type": "object",
            "propertyNames": {"pattern": WEEKDAY},
            "additionalProperties": _nullable(one),
        }
        return {"anyOf": [one, by_day]}
    if form is Form.LINKS:
        return {"type": "object", "additionalProperties": _nullable(_form(Form.URL, field))}
    if form is Form.SECTION_LINKS:
        url = _nullable(_form(Form.URL, field))
        return {
            "type": "object",
            "additionalProperties": {"anyOf": [url, {"type": "object", "additionalProperties": url}]},
        }
    entry = _either([ref, *(_form(other, field) for other in field.entry_forms)])
    if form is Form.SHAPE:
        return ref
    if form is Form.SHAPES:
        return {"type": "array", "items": entry}
    if form is Form.KEYED:
        return {"type": "object", **_keys(field.key), "additionalProperties": entry}
    if form is Form.PLANS:
        return {"type": "object", "additionalProperties": {"type": "array", "items": entry}}
    raise AssertionError(f"no JSON Schema for the form {form}")  # pragma: no cover (a new Form)


def _keys(form: Form) -> Schema:
    """What a mapping's keys must look like: the pattern of their form, or anything."""
    patterns = {Form.DATE: DATE, Form.ID: ID, Form.KEY: KEY}
    return {"propertyNames": {"pattern": patterns[form]}} if form in patterns else {}


def _either(options: list[Schema]) -> Schema:
    return options[0] if len(options) == 1 else {"anyOf": options}


def _nullable(schema: Schema) -> Schema:
    """An optional field may be left empty (``url:``): the loader reads that as absent."""
    return {"anyOf": [schema, {"type": "null"}]}


def _choices(field: Field) -> Schema:
    """A closed set of values, each as text and, when it reads as one, as a number (``version: 1.1``)."""
    values: list[Any] = list(field.choices)
    for choice in field.choices:
        if re.fullmatch(r"[0-9]+", choice):
            values.append(int(choice))
        elif re.fullmatch(r"[0-9]+\.[0-9]+", choice) and float(choice) != int(float(choice)):
            values.append(float(choice))
    return {"enum": list(dict.fromkeys(values))}


def _property(field: Field) -> Schema:
    value = _choices(field) if field.choices else _form(field.form, field)
    value = _either([value, *(_form(other, field) for other in field.or_forms)])
    if not field.required:
        value = _nullable(value)
    if "$ref" in value:  # draft-07 ignores a $ref's siblings: the field's own description must stay
        value = {"allOf": [value]}
    return {"description": field.doc, **value}


def _shape(shape: Shape) -> Schema:
    found: Schema = {
        "title": shape.name,
        "description": shape.doc,
        "type": "object",
        "properties": {name: _property(field) for name, field in shape.fields.items()},
        "additionalProperties": False,  # the loader reports an unknown key, with the nearest known one
    }
    if shape.required:
        found["required"] = list(shape.required)
    return found


def json_schema() -> Schema:
    """The JSON Schema (draft-07) of a schedule file, format 1.1."""
    top = _shape(TOP)
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_URL,
        **top,
        "title": "coursecal schedule",
        "definitions": {name: _shape(shape) for name, shape in SHAPES.items() if shape is not TOP},
    }
