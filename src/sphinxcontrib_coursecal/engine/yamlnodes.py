"""Reading YAML as a tree of marked nodes, the way a schedule needs it.

PyYAML's constructor interprets scalars by YAML 1.1 rules (``10:00`` is 600,
``No`` is False, ``2025-09-24`` a date) and forgets where each value stood. We
only *compose* the document, with the safe loader, and read each scalar's raw
text as the field expects it, keeping the node's position for diagnostics.
Composing builds no Python objects, so no tag can run code; tags other than
YAML's standard ones are reported and the node is ignored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import scalars
from .diagnostics import Diagnostic, Location, Severity, Subtype
from .links import safe_url
from .model import Link
from .text import suggest

T = TypeVar("T")

_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value")
)
# What a required field looks like, for "needs `x`" messages.
FIELD_EXAMPLES = {
    "id": "id: cse599o",
    "timezone": "timezone: America/Los_Angeles",
    "start": "start: 2025-09-22",
    "end": "end: 2025-12-12",
    "days": "days: [Tue, Thu]",
    "title": "title: Intro and Transformers",
    "due": 'due: "2025-10-24 23:59"',
    "date": "date: 2025-11-11",
    "name": "name: Kan Zhu",
    "course": "course: {id: ..., timezone: ..., start: ..., end: ...}",
}
# libyaml's composer (PyYAML's C loader) gives the same nodes and marks four times as
# fast as the pure-Python one; PyYAML built without libyaml falls back to that.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(path: Path, display: str) -> tuple[str | None, list[Diagnostic]]:
    """A file's text; a wrong encoding is reported at the line of its first bad byte."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [
            Diagnostic(Subtype.PATH, f"cannot read the file: {error.strerror or error}", Location(display, 1, 1))
        ]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = (
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} here); "
            'save it with UTF-8 encoding (any editor\'s "Save with encoding")'
        )
        return None, [Diagnostic(Subtype.YAML, message, Location(display, line, column))]


def _character_at(text: str, mark: yaml.Mark | None) -> str:
    """The character a YAML error points at (libyaml names no character, PyYAML does)."""
    if mark is None:
        return ""
    lines = text.splitlines()
    if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def compose(text: str, path: str) -> tuple[Node | None, list[Diagnostic]]:
    """Compose one YAML document into nodes; syntax errors become diagnostics."""
    try:
        return yaml.compose(text, Loader=_LOADER), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and "end of stream" in (error.problem or ""):
            mark = error.context_mark  # an unclosed quote or bracket: point at where it opened
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(p for p in (error.context, error.problem) if p)
        if "'\\t'" in problem or _character_at(text, mark) == "\t":
            hint = "YAML indents with spaces, not tabs: replace the tab with spaces"
        elif mark is error.context_mark and "quoted scalar" in problem:
            hint = "the quote that opens here is never closed"
        else:
            hint = "check indentation, colons and quotes"
        message = f"this is not valid YAML: {problem}; {hint}"
        if _character_at(text, mark) == "?":  # "What is NLP?" in {…}, or a title "?" (to be announced)
            message = (
                f"a '?' inside {'[…]' if 'sequence' in problem else '{…}'} is YAML syntax, not text: quote the "
                f'title, e.g. {{title: "What is NLP?"}} ({problem})'
                if "flow" in problem
                else f"a value that starts with '?' is YAML syntax, not text: quote it, e.g. title: \"?\" ({problem})"
            )
        return None, [Diagnostic(Subtype.YAML, message, Location(path, line, column))]
    except RecursionError:  # PyYAML's composer recurses: a few hundred nested brackets
        message = "this YAML nests too deeply to read; a schedule needs only a few levels"
        return None, [Diagnostic(Subtype.YAML, message, Location(path, 1, 1))]
    except yaml.YAMLError as error:  # e.g. a reader error on a control character
        return None, [Diagnostic(Subtype.YAML, f"this is not valid YAML: {error}", Location(path, 1, 1))]


@dataclass
class Fields:
    """The keys of one mapping node, checked against the keys a place knows."""

    node: MappingNode
    values: dict[str, Node]
    keys: dict[str, ScalarNode]

    def get(self, key: str) -> Node | None:
        return self.values.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self.values


@dataclass
class Reader:
    """Reads nodes of one file, collecting diagnostics instead of raising."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _unsafe: set[int] = field(default_factory=set)

    # -- reporting ---------------------------------------------------------

    def location(self, node: Node | None) -> Location:
        if node is None:
            return Location(self.path, 1, 1)
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def report(
        self,
        node: Node | None,
        subtype: Subtype,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.report_at(self.location(node), subtype, message, severity)

    def report_at(
        self,
        location: Location,
        subtype: Subtype,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.diagnostics.append(Diagnostic(subtype, message, location, severity))

    # -- safety --------------------------------------------------------------

    def screen(self, root: Node) -> None:
        """Report every non-standard tag once; such nodes then read as absent.

        Aliases share node objects, so a visited set keeps a "billion laughs"
        document linear in its size.
        """
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if node.tag not in _STANDARD_TAGS:
                self._unsafe.add(id(node))
                self.report(
                    node,
                    Subtype.UNSAFE,
                    f"the tag {node.tag!r} is not allowed: a schedule holds plain data only; remove the tag",
                )
                continue
            if isinstance(node, SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, MappingNode):
                for key, value in node.value:
                    stack.extend((key, value))

    def present(self, node: Node | None) -> bool:
        """True for a node that holds a value: not absent, null or unsafe."""
        return node is not None and id(node) not in self._unsafe and not is_null(node)

    # -- shapes ----------------------------------------------------------------

    def mapping(self, node: Node | None, what: str) -> dict[str, tuple[ScalarNode, Node]] | None:
        """The pairs of a mapping node by key text; reports wrong shapes and duplicates."""
        if not self.present(node):
            return None
        assert node is not None
        if not isinstance(node, MappingNode):
            self.report(node, Subtype.TYPE, f"{what} must be a mapping of `key: value` lines, not {_shape(node)}")
            return None
        pairs: dict[str, tuple[ScalarNode, Node]] = {}
        for key, value in self._pairs(node):
            if not isinstance(key, ScalarNode) or id(key) in self._unsafe:
                self.report(key, Subtype.TYPE, f"a key in {what} must be plain text")
                continue
            if key.value in pairs:
                self.report(key, Subtype.DUPLICATE, f"{what} has the key {key.value!r} twice; keep one")
            pairs[key.value] = (key, value)
        return pairs

    def _pairs(self, node: MappingNode) -> Iterator[tuple[Node, Node]]:
        # YAML merge keys (`<<: *defaults`) give lower-priority pairs.
        own: list[tuple[Node, Node]] = []
        merged: list[tuple[Node, Node]] = []
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.tag.endswith(":merge"):
                sources = value.value if isinstance(value, SequenceNode) else [value]
                for source in sources:
                    if isinstance(source, MappingNode):
                        merged.extend(source.value)
                    else:
                        self.report(source, Subtype.TYPE, "`<<` merges only mappings (an anchor `*name` of a mapping)")
            else:
                own.append((key, value))
        own_keys = {k.value for k, _ in own if isinstance(k, ScalarNode)}
        yield from (pair for pair in merged if not (isinstance(pair[0], ScalarNode) and pair[0].value in own_keys))
        yield from own

    def fields(
        self,
        node: Node | None,
        what: str,
        known: Collection[str],
        required: Collection[str] = (),
    ) -> Fields | None:
        """A mapping whose keys must be among ``known``; the ``required`` ones must be there."""
        pairs = self.mapping(node, what)
        if pairs is None:
            if node is not None and not self.present(node) and id(node) not in self._unsafe:
                self.report(node, Subtype.TYPE, f"{what} is empty; it must be a mapping")
            return None
        assert isinstance(node, MappingNode)
        values: dict[str, Node] = {}
        keys: dict[str, ScalarNode] = {}
        for name, (key, value) in pairs.items():
            if name not in known:
                hint = suggest(name, known)
                if node.flow_style and is_null(value) and "did you mean" not in hint:  # {title: Regression, Part 2}
                    hint += f"; a ',' inside {{…}} ends a value: if {name!r} belongs to the text before it, quote that"
                self.report(key, Subtype.UNKNOWN_KEY, f"{what} has no field {name!r}{hint}")
                continue
            values[name] = value
            keys[name] = key
        for name in required:
            if not self.present(values.get(name)):
                where = keys.get(name) or node
                example = f", e.g. `{FIELD_EXAMPLES[name]}`" if name in FIELD_EXAMPLES else ""
                self.report(where, Subtype.MISSING, f"{what} needs `{name}`{example}")
        return Fields(node, values, keys)

    def sequence(self, node: Node | None, what: str, *, single: bool = True) -> list[Node]:
        """Items of a list; a lone scalar is a list of one when ``single`` allows it."""
        if not self.present(node):
            return []
        assert node is not None
        if isinstance(node, SequenceNode):
            return [item for item in node.value if id(item) not in self._unsafe]
        if single and isinstance(node, ScalarNode):
            return [node]
        self.report(node, Subtype.TYPE, f"{what} must be a list, not {_shape(node)}")
        return []

    # -- scalars ---------------------------------------------------------------

    def text(self, node: Node | None, what: str) -> str | None:
        """The raw text of a scalar, exactly as written (``No`` stays "No")."""
        if not self.present(node):
            return None
        assert node is not None
        if not isinstance(node, ScalarNode):
            self.report(node, Subtype.TYPE, f"{what} must be text, not {_shape(node)}")
            return None
        text: str = node.value
        return text.strip() if node.style is None else text

    def parsed(self, node: Node | None, what: str, parse: Callable[[str], T]) -> T | None:
        """A scalar read by ``parse``; its ValueError message becomes the diagnostic."""
        text = self.text(node, what)
        if text is None:
            return None
        try:
            return parse(text)
        except ValueError as error:
            self.report(node, Subtype.VALUE, f"{what}: {error}")
            return None

    def date(self, node: Node | None, what: str) -> dt.date | None:
        return self.parsed(node, what, scalars.parse_date)

    def moment(self, node: Node | None, what: str) -> tuple[dt.date, dt.time | None] | None:
        return self.parsed(node, what, scalars.parse_moment)

    def span(self, node: Node | None, what: str) -> tuple[dt.time, dt.time | None] | None:
        span = self.parsed(node, what, scalars.parse_span)
        if span is None:
            return None
        assert isinstance(node, ScalarNode)
        text, (start, end) = node.value, span
        if end is not None and end <= start:
            later = scalars.afternoon_end(text, start, end)
            if later is None:
                self.report(node, Subtype.RANGE, f"{what}: {scalars.reversed_span(start, end)}")
                return None
            self.report(
                node,
                Subtype.RANGE,
                f"{what}: {text!r} ends before it starts in 24-hour time; it is read as "
                f'{start:%H:%M}-{later:%H:%M}: write "{start:%H:%M}-{later:%H:%M}" to say so',
                Severity.WARNING,
            )
            return start, later
        doubt = scalars.early_doubt(text, start)
        if doubt:
            self.report(node, Subtype.VALUE, f"{what}: {doubt}", Severity.WARNING)
        return span

    def weekday(self, node: Node | None, what: str) -> int | None:
        return self.parsed(node, what, scalars.parse_weekday)

    def boolean(self, node: Node | None, what: str) -> bool | None:
        return self.parsed(node, what, scalars.parse_bool)

    def integer(self, node: Node | None, what: str, minimum: int | None = None) -> int | None:
        number = self.parsed(node, what, scalars.parse_integer)
        if number is not None and minimum is not None and number < minimum:
            self.report(node, Subtype.VALUE, f"{what} must be at least {minimum}, not {number}")
            return None
        return number

    def url(self, node: Node | None, what: str) -> str:
        """A link target; anything but http(s), mailto or relative is dropped."""
        value = self.text(node, what)
        if value is None:
            return ""
        if not safe_url(value):
            self.report(
                node,
                Subtype.LINK,
                f"{what}: {value!r} is not an http, https, mailto or relative link; it is dropped",
            )
            return ""
        return value

    def links(self, node: Node | None, what: str) -> tuple[Link, ...]:
        """``label: url`` pairs; a null URL is a link announced but not yet there."""
        pairs = self.mapping(node, what)
        return tuple(link for label, (_key, value) in (pairs or {}).items() if (link := self.link(label, value, what)))

    def link(self, label: str, value: Node, what: str, section: str = "") -> Link | None:
        """One ``label: url`` pair of ``what``; ``None`` when its URL is dropped."""
        if not self.present(value):
            return Link(label, None, section)
        url = self.url(value, f"the link {label!r} of {what}")
        return Link(label, url, section) if url else None

    def texts(self, node: Node | None, what: str) -> list[tuple[Node, str]]:
        """A list of texts (or one text), each with its node."""
        found: list[tuple[Node, str]] = []
        for item in self.sequence(node, what):
            text = self.text(item, f"an entry of {what}")
            if text is not None:
                found.append((item, text))
        return found


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")


def _shape(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the text {node.value!r}"
