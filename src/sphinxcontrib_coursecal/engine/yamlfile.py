"""A YAML file as text, and the text as a tree of marked nodes, every problem at its real line.

Lines are what a person sees in an editor: only ``\\n``, ``\\r\\n`` and ``\\r``
end one. YAML 1.1 (PyYAML, libyaml) also breaks lines at U+0085, U+2028 and
U+2029, so a pasted line separator shifted every later line number, or split
a comment into an error; those three are held as private-use stand-ins while
composing (``LINE_LIKE``) and given back by ``restore``. Files are read only
when they are regular files of a bounded size, and nesting too deep to compose
is reported at the line where it happens.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, Location, Subtype

MAX_FILE_BYTES = 4 * 1024 * 1024  # a schedule or a papers file; a course's is a few KB
MAX_DEPTH = 64  # nesting a schedule needs: a handful of levels
# libyaml's composer (PyYAML's C loader) gives the same nodes and marks four times as
# fast as the pure-Python one; PyYAML built without libyaml falls back to that.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Stand-ins from plane 15's private-use area: a schedule never holds these.
LINE_LIKE: dict[str, str | int | None] = {"\x85": "\U000f0085", "\u2028": "\U000f2028", "\u2029": "\U000f2029"}
_RESTORE = {str(stand_in): original for original, stand_in in LINE_LIKE.items()}
_STAND_INS = re.compile("|".join(_RESTORE))
_SURROGATE = re.compile("[\ud800-\udfff]")
# Controls (but tab and line breaks), surrogates, line and paragraph separators, direction
# overrides, the stand-ins and a backslash: what plain_text looks for.
_UNPLAIN = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\u202a-\u202e\u2066-\u2069\\\U000f0085\U000f2028\U000f2029]"
)
_COMPACT = re.compile(r"(?:- +)+")
_SYNTAX = re.compile(r"[\"'#\[\]{}]")  # the characters _deepest looks at
# _may_nest_deeply's passes. A run of list dashes (65 dashes with spaces between: a list in a
# list… on one line has at least that); three control characters as marks: a quote after a
# backslash (double, single) and a # that starts a comment; the characters kept for the
# brackets' pass: those marks, brackets, quotes and line ends; a line end str.splitlines
# knows other than \n and \r\n; and the tokens: a quoted run to its closing quote or the
# line's end (an escaped quote opens one but closes none), a comment, a bracket.
_DASHES = re.compile(rf"-(?: +-){{{MAX_DEPTH}}}")
_MARKERS = ("\x00", "\x01", "\x02")
_KEEP = {code: None for code in range(128) if chr(code) not in "[]{}\"'\n\x0b\x0c\x1c\x1d\x1e" + "".join(_MARKERS)}
_OTHER_LINE_END = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_BRACKET_TOKENS = re.compile(r"""["\x00][^"\n]*"?|['\x01][^'\n]*'?|\x02[^\n]*|([\[\]{}])""")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def restore(text: str) -> str:
    """Text of a node as the file has it (the line-like characters back in place)."""
    if text.isascii():  # the stand-ins are not ASCII; most texts are
        return text
    return _STAND_INS.sub(lambda match: _RESTORE[match.group()], text)


class SourceLines:
    """Character offsets of a text's lines: an offset becomes the line and column an editor shows."""

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def starts(self) -> list[int]:  # worked out when a problem is first located: most files have none
        return [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", self.text)]

    def location(self, path: str, offset: int) -> Location:
        line = bisect.bisect_right(self.starts, offset) - 1
        return Location(path, line + 1, offset - self.starts[line] + 1)


def read_bytes(path: Path) -> bytes | str:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES``, or why it is not read.

    A pipe would block the build and a huge file fill its memory, so the file is
    opened without blocking and judged by what is open, not by its name: a file
    swapped for a pipe meanwhile is not waited on either.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except (OSError, ValueError) as error:
        return f"cannot read the file: {getattr(error, 'strerror', None) or error}"
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            return "this is a folder, not a file; name the file inside it"
        if not stat.S_ISREG(status.st_mode):
            return "this is not a regular file (a pipe or a device?); name a file"
        if status.st_size > MAX_FILE_BYTES:
            return f"the file has {status.st_size:,} bytes; files of more than {MAX_FILE_BYTES:,} bytes are not read"
        chunks, left = [], MAX_FILE_BYTES + 1
        while left > 0 and (chunk := os.read(descriptor, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as error:
        return f"cannot read the file: {error.strerror or error}"
    finally:
        os.close(descriptor)


def read_text(path: Path, display: str) -> tuple[str | None, list[Diagnostic]]:
    """A file's text; a wrong encoding is reported at the line of its first bad byte."""
    data = read_bytes(path)
    if isinstance(data, str):
        return None, [Diagnostic(Subtype.PATH, data, Location(display, 1, 1))]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        lines = SourceLines(data[: error.start].decode("utf-8", "replace"))
        at = lines.location(display, len(data[: error.start].decode("utf-8", "replace")))
        message = (
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} here); "
            'save it with UTF-8 encoding (any editor\'s "Save with encoding")'
        )
        return None, [Diagnostic(Subtype.YAML, message, at)]


def _deepest(text: str) -> int:
    """The offset where brackets or indentation first nest deeper than a schedule ever does.

    Brackets inside quotes and comments do not count ("Paper [A" is a title).
    """
    return _scan_deepest(text) if _may_nest_deeply(text) else 0


def _may_nest_deeply(text: str) -> bool:
    """False when ``_scan_deepest`` would find nothing, worked out in C-speed passes (the scan
    visits each bracket and quote in Python: a tenth of loading a large course).

    It reads the text as the scan does, for files whose lines end only in ``\\n`` or
    ``\\r\\n`` (others go to the scan). Deep indentation needs that many spaces in a
    row, a compact list ``- - -`` that many dashes. For brackets, the characters the scan
    acts on are marked where their meaning hangs on the one before (a quote after a
    backslash, which does not close a quote; a ``#`` after a line's start, a space or a tab,
    which starts a comment), every other ASCII character is dropped, and one regex pass
    over what is left takes the brackets outside quotes and comments, whose depth is then
    summed up in C.
    """
    if " " * (2 * MAX_DEPTH + 1) in text or _DASHES.search(text) or text.count("\r") != text.count("\r\n"):
        return True
    if any(marker in text for marker in _MARKERS) or "[" * MAX_DEPTH in text or "{" * MAX_DEPTH in text:
        return True  # (a run of openers: the scan finds where it goes too deep at once)
    marked = ("\n" + text).replace('\\"', _MARKERS[0]).replace("\\'", _MARKERS[1])
    for before in " \t\n":
        marked = marked.replace(before + "#", before + _MARKERS[2])
    kept = marked.translate(_KEEP)
    if _OTHER_LINE_END.search(kept):
        return True
    brackets = "".join(_BRACKET_TOKENS.findall(kept))
    if min(_depths(brackets), default=0) < 0:  # a closer too many, which the scan does not count below 0
        return True
    return max(_depths(brackets), default=0) > MAX_DEPTH


def _depths(brackets: str) -> Iterator[int]:
    return itertools.accumulate(map(_STEP.__getitem__, brackets))


def _scan_deepest(text: str) -> int:
    depth = 0
    offset = 0
    for line in text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip(" "))
        if indent > 2 * MAX_DEPTH:
            return offset + indent
        compact = _COMPACT.match(line, indent)  # "- - - -": a list in a list in a list, on one line
        if compact is not None and compact.group().count("-") > MAX_DEPTH:
            return offset + indent
        quote = ""
        for match in _SYNTAX.finditer(line):  # every other character leaves depth and quote alone
            column, character = match.start(), match.group()
            if quote:
                quote = "" if character == quote and line[column - 1] != "\\" else quote
            elif character in "\"'":
                quote = character
            elif character == "#" and (column == 0 or line[column - 1] in " \t"):
                break
            elif character in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return offset + column
            elif character in "]}":
                depth = max(0, depth - 1)
        offset += len(line)
    return 0


def plain_text(text: str) -> bool:
    """Whether no value composed from the text can hold what ``text.text_problem`` and
    ``text.direction_override`` look for, other than a line break, nor a stand-in
    ``restore`` gives back: the text holds none of those characters, and no backslash (a
    double-quoted escape, ``"\\u202e"``, makes one). Most schedule files are such text.
    """
    return not _UNPLAIN.search(text)


def plain_data(text: str) -> bool:
    """Whether the text can hold neither a tag nor an alias nor a merge, so ``Reader.screen``
    would find nothing.

    A tag is written with ``!`` and an alias needs an anchor, written with ``&``;
    without either character every node has a standard implicit tag, and the
    document is a tree. A merge key is ``<<``, also of an inline mapping without
    an anchor. (Any of them in a title only means the screen runs.)
    """
    return "!" not in text and "&" not in text and "<<" not in text


def _hint(problem: str, at_open: bool, character: str) -> str:
    if "'\\t'" in problem or character == "\t":
        return "YAML indents with spaces, not tabs: replace the tab with spaces"
    if at_open and "quoted scalar" in problem:
        return "the quote that opens here is never closed"
    return "check indentation, colons and quotes"


def compose(text: str, path: str) -> tuple[Node | None, list[Diagnostic]]:
    """Compose one YAML document into nodes; syntax errors become diagnostics at their lines."""
    lines = SourceLines(text)
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        message = "the text holds a lone surrogate (half of a UTF-16 pair), which is no character; remove it"
        return None, [Diagnostic(Subtype.YAML, message, lines.location(path, surrogate.start()))]
    deep = _deepest(text)
    if deep:
        message = f"this YAML nests more than {MAX_DEPTH} levels deep here; a schedule needs only a few"
        return None, [Diagnostic(Subtype.YAML, message, lines.location(path, deep))]
    held = text
    if any(character in text for character in LINE_LIKE) and not _STAND_INS.search(text):
        held = text.translate(str.maketrans(LINE_LIKE))
    try:
        root = _compose(held)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and "end of stream" in (error.problem or ""):
            mark = error.context_mark  # an unclosed quote or bracket: point at where it opened
        at = lines.location(path, mark.index) if mark else Location(path, 1, 1)
        character = text[mark.index] if mark and mark.index < len(text) else ""
        problem = restore(" ".join(p for p in (error.context, error.problem) if p))
        message = f"this is not valid YAML: {problem}; {_hint(problem, mark is error.context_mark, character)}"
        if character == "?":  # "What is NLP?" in {…}, or a title "?" (to be announced)
            message = (
                f"a '?' inside {'[…]' if 'sequence' in problem else '{…}'} is YAML syntax, not text: quote the "
                f'title, e.g. {{title: "What is NLP?"}} ({problem})'
                if "flow" in problem
                else f"a value that starts with '?' is YAML syntax, not text: quote it, e.g. title: \"?\" ({problem})"
            )
        return None, [Diagnostic(Subtype.YAML, message, at)]
    except yaml.reader.ReaderError as error:  # a control character YAML does not allow in a file
        name = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        message = (
            f"the file holds the control character {name}, which YAML does not allow; "
            "remove it (it is invisible in most editors)"
        )
        return None, [Diagnostic(Subtype.YAML, message, lines.location(path, error.position))]
    except RecursionError:  # nesting _deepest did not see (aliases of aliases…)
        message = "this YAML nests too deeply to read; a schedule needs only a few levels"
        return None, [Diagnostic(Subtype.YAML, message, Location(path, 1, 1))]
    except yaml.YAMLError as error:
        message = f"this is not valid YAML: {' '.join(str(error).split())}"
        return None, [Diagnostic(Subtype.YAML, message, Location(path, 1, 1))]
    message = "this refers to the mapping or list that holds it, which would repeat forever; it is left out"
    cut = cut_cycles(root) if "&" in text else []  # no anchor, no alias: the nodes are a tree
    return root, [Diagnostic(Subtype.YAML, message, lines.location(path, at.index)) for at in cut]


def _compose(text: str) -> Node | None:
    """libyaml's nodes; what it refuses and PyYAML's own composer reads (a ``"\\ud800"`` escape) is
    read by PyYAML, so the fast path changes no verdict; an error both give is libyaml's."""
    try:
        return yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError:
        if LOADER is yaml.SafeLoader:
            raise
        try:
            return yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            pass
        raise


def cut_cycles(root: Node | None) -> list[Mark]:
    """Cut each alias to a node that holds it (``lab: &lab {<<: *lab}``, ``a: &a [*a]``).

    PyYAML composes such an alias as a cycle, which no reader of the tree could
    leave; each is replaced by a null where it stood. Returns where each stood:
    its key in a mapping, the list's start in a list.
    """
    if root is None:
        return []
    holding: set[int] = {id(root)}  # the nodes on the path from the root
    done: set[int] = set()
    cut: list[Mark] = []
    stack: list[tuple[Node, list[Node], int]] = [(root, children(root), 0)]
    while stack:
        node, parts, index = stack.pop()
        if index == len(parts):
            holding.discard(id(node))
            done.add(id(node))
            continue
        stack.append((node, parts, index + 1))
        child = parts[index]
        if id(child) in holding:
            where = node.value[index // 2][0].start_mark if isinstance(node, MappingNode) else node.start_mark
            null = ScalarNode("tag:yaml.org,2002:null", "", where, where)
            if isinstance(node, MappingNode):
                key, value = node.value[index // 2]
                node.value[index // 2] = (null, value) if index % 2 == 0 else (key, null)
            else:
                node.value[index] = null
            cut.append(where)
        elif id(child) not in done:
            holding.add(id(child))
            stack.append((child, children(child), 0))
    return cut


def children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []
