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
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import scalars, schema
from .aliases import MAX_MERGED, MAX_REPEATED, Expansion
from .diagnostics import Diagnostic, Location, Severity, Subtype
from .links import safe_url
from .model import Link
from .text import direction_override, suggest, text_problem
from .yamlfile import restore

T = TypeVar("T")

_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value")
)


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
    # The dates a schedule may name: years around now until the term is known, then the term
    # and a year either side. Nothing outside it is placed (year 9999 would overflow, and a
    # meeting until then would place two million slots).
    window: tuple[dt.date, dt.date, str] = (dt.date(1900, 1, 1), dt.date(2199, 12, 31), "")
    # The file's text holds no character a value is refused or changed for (yamlfile.plain_text):
    # its values are then read as written, without the checks each would otherwise take.
    plain: bool = False
    _unsafe: set[int] = field(default_factory=set)
    _merged: dict[int, list[tuple[Node, Node]]] = field(default_factory=dict)

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

    def screen(self, root: Node) -> bool:
        """Report every non-standard tag once (such nodes then read as absent), and apply the
        file's merges and its aliases within a budget (``aliases.Expansion``): past it, an
        alias reads as absent, and the first such is reported. Always True: what is left is read.
        """
        seen: set[int] = set()
        tree = True  # no node met twice (no alias), every node's children walked
        merges = False  # a `<<` key, which an inline mapping may hold without an alias
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                tree = False
                continue
            seen.add(id(node))
            if node.tag not in _STANDARD_TAGS:
                tree = False  # its children are not walked below
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
                    merges = merges or key.tag.endswith(":merge")
                    stack.extend((key, value))
        if tree and not merges:  # a tree without merges is read as written
            return True
        expansion = Expansion(root)
        self._merged.update(expansion.pairs)
        for key in expansion.bad_merges:
            self.report(key, Subtype.TYPE, "`<<` merges only mappings (an anchor `*name` of a mapping)")
        if expansion.cut:
            at = expansion.cut[0]
            more = f" and {len(expansion.cut) - 1:,} more after it" if len(expansion.cut) > 1 else ""
            self.report_at(
                Location(self.path, at.line + 1, at.column + 1),
                Subtype.YAML,
                f"this file's aliases (*name) repeat more than {MAX_REPEATED:,} values, or its merges (<<) copy "
                f"more than {MAX_MERGED:,} keys: what this one{more} would repeat is not read; write the "
                "repeated parts out, or repeat less",
            )
        return True

    def present(self, node: Node | None) -> bool:
        """True for a node that holds a value: not absent, null or unsafe."""
        return (
            node is not None
            and id(node) not in self._unsafe
            and not (isinstance(node, ScalarNode) and node.tag.endswith(":null"))
        )

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
            name = key.value if self.plain else restore(key.value)
            problem = text_problem(name, lines=False) if not self.plain or _breaks(name) else ""
            if problem:  # a key is an id (a person's, a paper's): it names files and anchors
                self.report(key, Subtype.VALUE, f"a key in {what} {problem}")
                continue
            if name in pairs:
                self.report(key, Subtype.DUPLICATE, f"{what} has the key {name!r} twice; keep one")
            pairs[name] = (key, value)
        return pairs

    def _pairs(self, node: MappingNode) -> list[tuple[Node, Node]]:
        """The mapping's pairs, merges applied (``aliases.Expansion``, worked out by ``screen``);
        a mapping it did not work out is in a file without aliases or merges, read as written."""
        pairs = self._merged.get(id(node))
        return node.value if pairs is None else pairs

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
                example = f", e.g. `{schema.FIELD_EXAMPLES[name]}`" if name in schema.FIELD_EXAMPLES else ""
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

    def raw(self, node: Node | None, what: str) -> str | None:
        """The text of a scalar as written, unchecked (``url`` judges its own)."""
        if not self.present(node):
            return None
        assert node is not None
        if not isinstance(node, ScalarNode):
            self.report(node, Subtype.TYPE, f"{what} must be text, not {_shape(node)}")
            return None
        text = restore(node.value)
        return text.strip() if node.style is None else text

    def text(self, node: Node | None, what: str, *, lines: bool = False) -> str | None:
        """The raw text of a scalar, exactly as written (``No`` stays "No").

        A text is one line unless ``lines`` allows several (a description); no
        text holds control characters or lone surrogates, which break feeds and
        file names and hide from readers: such a value is reported and left out.
        """
        if node is None:
            return None
        if self.plain and type(node) is ScalarNode and id(node) not in self._unsafe and not node.tag.endswith(":null"):
            value: str = node.value  # the common case, read as ``raw`` reads it, with nothing to check
            value = value.strip() if node.style is None else value
            if lines or not _breaks(value):
                return value
        text = self.raw(node, what)
        if text is None:
            return None
        problem = text_problem(text, lines)
        if problem:
            self.report(node, Subtype.VALUE, f"{what} {problem}")
            return None
        override = direction_override(text)
        if override:
            self.report(
                node,
                Subtype.VALUE,
                f"{what} holds a text direction override ({override}), which makes it read otherwise "
                "than it is written; remove it unless you mean it",
                Severity.WARNING,
            )
        return text

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
        day = self.parsed(node, what, scalars.parse_date)
        return day if day is None or self.in_window(node, day, what) else None

    def moment(self, node: Node | None, what: str) -> tuple[dt.date, dt.time | None] | None:
        value = self.parsed(node, what, scalars.parse_moment)
        return value if value is None or self.in_window(node, value[0], what) else None

    def in_window(self, node: Node | None, day: dt.date, what: str) -> bool:
        first, last, term = self.window
        if first <= day <= last:
            return True
        scope = f"within a year of the term ({term})" if term else f"between {first.year} and {last.year}"
        self.report(
            node,
            Subtype.RANGE,
            f"{what} {day.isoformat()} is too far from the term: a date must lie {scope}, from "
            f"{first.isoformat()} to {last.isoformat()}; check the year",
        )
        return False

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

    def integer(
        self, node: Node | None, what: str, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        number = self.parsed(node, what, scalars.parse_integer)
        if number is not None and minimum is not None and number < minimum:
            self.report(node, Subtype.VALUE, f"{what} must be at least {minimum}, not {number}")
            return None
        if number is not None and maximum is not None and number > maximum:
            self.report(node, Subtype.VALUE, f"{what} must be at most {maximum}, not {number}")
            return None
        return number

    def url(self, node: Node | None, what: str) -> str:
        """A link target; anything but http(s), mailto or relative is dropped."""
        value = self.raw(node, what)
        if value is None:
            return ""
        if not safe_url(value):
            problem = text_problem(value, lines=False)
            reason = problem or "is not an http, https, mailto or relative link"
            self.report(node, Subtype.LINK, f"{what}: {value!r} {reason}; it is dropped")
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


def _breaks(text: str) -> bool:
    return "\n" in text or "\r" in text


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")


def _shape(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the text {node.value!r}"
