"""Docs-only Sphinx extension: reference pages generated from the code.

* ``.. coursecal-settings::`` renders every ``coursecal_*`` setting from
  :data:`sphinxcontrib_coursecal.sphinx.config.SETTINGS` as a table (setting,
  default, types, help) and makes each one a ``:confval:`` target.
* ``.. coursecal-warnings:: schedule|sphinx`` renders the warning subtypes of
  the engine (:class:`~sphinxcontrib_coursecal.engine.Subtype`) or of the Sphinx
  layer (``Warn``) as a table, each a ``:coursecal-warning:`` target.
* ``.. coursecal-help:: [subcommand]`` shows what ``coursecal [subcommand] --help``
  prints, by running the real argument parser.
* ``.. coursecal-export-fields::`` renders every object of the JSON export's
  schema (:func:`sphinxcontrib_coursecal.export_schema.export_schema`) as a
  section with a table of its fields: name, type, meaning.

At the end of reading, the extension checks that the hand-written reference
keeps up with the code: every option of the directives and every role
must be described with ``rst:directive:option`` / ``rst:role``. A missing one
is a warning, so ``-W`` fails the docs build when the code grows an option the
docs do not describe.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinxcontrib_coursecal import cli
from sphinxcontrib_coursecal.engine import Documented, Subtype
from sphinxcontrib_coursecal.export_schema import export_schema
from sphinxcontrib_coursecal.sphinx.calendar import CourseCalendar
from sphinxcontrib_coursecal.sphinx.changes import CourseChanges
from sphinxcontrib_coursecal.sphinx.config import SETTINGS
from sphinxcontrib_coursecal.sphinx.courses import OBJECT_TYPES
from sphinxcontrib_coursecal.sphinx.picker import CourseIcsPicker
from sphinxcontrib_coursecal.sphinx.subscribe import CourseIcs
from sphinxcontrib_coursecal.sphinx.readinglist import ReadingList
from sphinxcontrib_coursecal.sphinx.warnings import Warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

WARNING_ROLE = "coursecal-warning"
DIRECTIVES = {
    "course-calendar": CourseCalendar,
    "reading-list": ReadingList,
    "course-ics": CourseIcs,
    "course-ics-picker": CourseIcsPicker,
    "course-changes": CourseChanges,
}


def _table(headers: list[str], widths: list[int], rows: Iterable[list[list[nodes.Node]]]) -> nodes.table:
    """A plain docutils table; ``longtable`` so LaTeX may break it across pages."""
    table = nodes.table(classes=["longtable", "colwidths-given", "coursecal-docs-table"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    row = nodes.row()
    for header in headers:
        row += nodes.entry("", nodes.paragraph(text=header))
    head += row
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            entry.extend(content)
            row += entry
        body += row
    group += body
    return table


def _type_name(kind: type) -> str:
    return "None" if kind is type(None) else kind.__name__


class SettingsTable(SphinxDirective):
    """Every ``coursecal_*`` setting: key, default, accepted types and help."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        std = self.env.get_domain("std")
        rows = []
        messages: list[nodes.Node] = []
        for setting in SETTINGS:
            anchor = f"confval-{setting.key}"
            key = nodes.paragraph()
            key += nodes.target("", "", ids=[anchor])
            key += nodes.literal(setting.key, setting.key)
            std.note_object("confval", setting.key, anchor, location=self.get_location())
            default = nodes.paragraph("", "", nodes.literal(repr(setting.default), repr(setting.default)))
            types = nodes.paragraph(text=", ".join(_type_name(kind) for kind in setting.types))
            help_text, problems = self.state.inline_text(setting.help, self.lineno)
            messages.extend(problems)
            rows.append([[key], [default], [types], [nodes.paragraph("", "", *help_text)]])
        return [_table(["Setting", "Default", "Types", "What it does"], [22, 18, 10, 50], rows), *messages]


class WarningsTable(SphinxDirective):
    """The warning subtypes of the engine (``schedule``) or of the Sphinx layer (``sphinx``)."""

    required_arguments = 1
    SOURCES: ClassVar[dict[str, type[Documented]]] = {"schedule": Subtype, "sphinx": Warn}

    def run(self) -> list[nodes.Node]:
        source = directives.choice(self.arguments[0], tuple(self.SOURCES))
        std = self.env.get_domain("std")
        rows = []
        messages: list[nodes.Node] = []
        for member in self.SOURCES[source]:
            name = f"coursecal.{member.value}"
            anchor = f"warning-{member.value}"
            cell = nodes.paragraph()
            cell += nodes.target("", "", ids=[anchor])
            cell += nodes.literal(name, name)
            std.note_object(WARNING_ROLE, name, anchor, location=self.get_location())
            doc, problems = self.state.inline_text(member.doc, self.lineno)
            messages.extend(problems)
            rows.append([[cell], [nodes.paragraph("", "", *doc)]])
        return [_table(["Warning", "Meaning"], [28, 72], rows), *messages]


class CommandHelp(SphinxDirective):
    """What ``coursecal [ARGS] --help`` prints, from the real parser."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        argv = [*self.arguments[0].split(), "--help"] if self.arguments else ["--help"]
        output = io.StringIO()
        previous = os.environ.get("COLUMNS")
        os.environ["COLUMNS"] = "80"  # argparse wraps to the terminal; the page is not one
        try:
            with contextlib.redirect_stdout(output), contextlib.suppress(SystemExit):
                cli.main(argv)
        finally:
            if previous is None:
                del os.environ["COLUMNS"]
            else:
                os.environ["COLUMNS"] = previous
        text = output.getvalue().rstrip()
        block = nodes.literal_block(text, text, language="text")
        self.set_source_info(block)
        return [block]


def _json_type(schema: dict[str, Any]) -> str:
    """A field's type in words: ``string or null``, ``moment``, ``list of session``, ``"a" or "b"``."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[1]
    if "anyOf" in schema:
        return " or ".join(_json_type(option) for option in schema["anyOf"])
    if "const" in schema:
        return f'"{schema["const"]}"'
    if "enum" in schema:
        return " or ".join("null" if value is None else f'"{value}"' for value in schema["enum"])
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    if "array" in kinds:
        return f"list of {_json_type(schema['items']) if 'items' in schema else 'any'}"
    if "object" in kinds and isinstance(schema.get("additionalProperties"), dict):
        return f"object of {_json_type(schema['additionalProperties'])}"
    return " or ".join(kinds)


def _literals(text: str) -> str:
    """The schema's Markdown-style `code` as reStructuredText literals."""
    return re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", text)


class ExportFields(SphinxDirective):
    """Every object of the JSON export: a section each (``document`` first), its fields in a table."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        schema = export_schema()
        result: list[nodes.Node] = []
        messages: list[nodes.Node] = []
        for name, shape in [("document", schema), *schema["$defs"].items()]:
            section = nodes.section(ids=[f"export-{name}"], names=[f"export-{name}"])
            section += nodes.title(text=name)
            text, problems = self.state.inline_text(_literals(shape["description"]), self.lineno)
            messages.extend(problems)
            section += nodes.paragraph("", "", *text)
            rows = []
            for field, declared in shape["properties"].items():
                meaning, problems = self.state.inline_text(_literals(declared["description"]), self.lineno)
                messages.extend(problems)
                kind = _json_type(declared)
                rows.append(
                    [
                        [nodes.paragraph("", "", nodes.literal(field, field))],
                        [nodes.paragraph(text=kind)],
                        [nodes.paragraph("", "", *meaning)],
                    ]
                )
            section += _table(["Field", "Type", "Meaning"], [18, 20, 62], rows)
            result.append(section)
        return [*result, *messages]


def check_reference(app: Sphinx, env: BuildEnvironment) -> None:
    """Every directive option and role of the extension is described in the reference."""
    described = set(env.get_domain("rst").objects)  # type: ignore[attr-defined]
    for directive, cls in DIRECTIVES.items():
        if ("directive", directive) not in described:
            logger.warning("the reference describes no directive %r", directive, type="coursecal-docs")
        for option in cls.option_spec:
            if ("directive:option", f"{directive}:{option}") not in described:
                logger.warning(
                    "the reference does not describe the option :%s: of %s", option, directive, type="coursecal-docs"
                )
    for role in OBJECT_TYPES:
        if ("role", role) not in described:
            logger.warning("the reference describes no role :%s:", role, type="coursecal-docs")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_crossref_type(WARNING_ROLE, WARNING_ROLE)
    app.add_directive("coursecal-settings", SettingsTable)
    app.add_directive("coursecal-warnings", WarningsTable)
    app.add_directive("coursecal-help", CommandHelp)
    app.add_directive("coursecal-export-fields", ExportFields)
    app.connect("env-check-consistency", check_reference)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
