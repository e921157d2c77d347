"""What a file's aliases (``*name``) and merge keys (``<<: *defaults``) stand for, within a budget.

An alias repeats a node anywhere, and a merge key copies a mapping's pairs
into another, so a small file can stand for millions of values (a "billion
laughs"), and a naive reader of merges of merges does work that grows with the
product of their widths. Here each mapping's pairs, merges applied as YAML's
merge key says (its own keys win; of several merged mappings the earlier wins),
are worked out once; what each node stands for is counted once; and a walk in
the order of the file lets repeats in until ``MAX_REPEATED`` values have been
repeated (merges, on their own, until ``MAX_MERGED`` pairs have been copied):
each alias or merge past that point is read as absent, and the first one is
where the diagnostic points. The work is linear in the file's size plus the
budget, whatever its aliases would expand to.
"""

from __future__ import annotations

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .yamlfile import children, restore

# What a real schedule repeats: a reading list in a few sessions, `days: *mwf` in each of a
# term's meetings — a few hundred values. A repeated scalar (a time, a room) costs nothing; a
# repeated list or mapping costs what it holds, plus one. Past this, aliases are not read.
# Every value repeated is drawn in three views and the feed: at 2,000, the 10 KB fan-out in
# tests/hostile/alias_fanout_100_sessions.yaml took 10 s of CPU to build.
MAX_REPEATED = 1_000
# Pairs that merge keys (`<<: *defaults`) copy, counted on their own: a term's sessions each
# merging a few defaults copy about a thousand.
MAX_MERGED = 2_000

Pair = tuple[Node, Node]


def _name(node: Node) -> str | None:
    return restore(node.value) if isinstance(node, ScalarNode) else None


def _is_merge(key: Node) -> bool:
    return isinstance(key, ScalarNode) and key.tag.endswith(":merge")


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")


def _sources(value: Node) -> list[Node]:
    return list(value.value) if isinstance(value, SequenceNode) else [value]


def _null(at: Mark) -> ScalarNode:
    return ScalarNode("tag:yaml.org,2002:null", "", at, at)


class Expansion:
    """The pairs of every mapping under ``root``, merges applied, and where repeats ran out.

    ``root`` must hold no cycle (``yamlfile.cut_cycles`` cuts them when composing).
    """

    def __init__(self, root: Node, budget: int = MAX_REPEATED, merge_budget: int = MAX_MERGED) -> None:
        self.budget = budget
        self.merge_budget = merge_budget
        self.pairs: dict[int, list[Pair]] = {}
        self.bad_merges: list[Node] = []  # `<<` keys whose value is not a mapping
        self.cut: list[Mark] = []  # where a repeat was left out, the first where the budget ran out
        self._repeated = 0  # values repeated so far, in the file's order
        self._copied = 0  # pairs copied by merges
        distinct = self._distinct(root)
        for node in distinct:
            if isinstance(node, MappingNode):
                self._flatten(node)
        self._ration(root, self._sizes(root))

    def children(self, node: Node) -> list[Node]:
        if isinstance(node, MappingNode):
            return [part for pair in self.pairs[id(node)] for part in pair]
        if isinstance(node, SequenceNode):
            return list(node.value)
        return []

    @staticmethod
    def _distinct(root: Node) -> list[Node]:
        """Each node once, parents before their children."""
        seen: set[int] = {id(root)}
        order: list[Node] = []
        stack = [root]
        while stack:
            node = stack.pop()
            order.append(node)
            for part in children(node):  # as written: merges not yet applied
                if id(part) not in seen:
                    seen.add(id(part))
                    stack.append(part)
        return order

    def _flatten(self, top: MappingNode) -> None:
        """The pairs of ``top`` and of every mapping it merges, the merged ones first."""
        stack = [top]
        while stack:
            node = stack[-1]
            if id(node) in self.pairs:
                stack.pop()
                continue
            pending = [
                source
                for key, value in node.value
                if _is_merge(key)
                for source in _sources(value)
                if isinstance(source, MappingNode) and id(source) not in self.pairs
            ]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            self.pairs[id(node)] = self._merge(node)

    def _merge(self, node: MappingNode) -> list[Pair]:
        own: list[Pair] = []
        merged: list[Pair] = []
        for key, value in node.value:
            if not _is_merge(key):
                own.append((key, value))
                continue
            for source in _sources(value):
                if isinstance(source, MappingNode):
                    merged.extend(self.pairs[id(source)])
                elif not _is_null(source):  # null: nothing to merge, or a cycle cut where it stood
                    self.bad_merges.append(key)
        taken = {name for key, _ in own if (name := _name(key)) is not None}
        result: list[Pair] = []
        for pair in merged:
            name = _name(pair[0])
            if name is None or name not in taken:
                if name is not None:
                    taken.add(name)
                result.append(pair)
        self._copied += len(result)
        if self._copied > self.merge_budget and result:
            first = next(key for key, _ in node.value if _is_merge(key))
            self.cut.append(first.start_mark)
            result = []
        return result + own

    def _sizes(self, root: Node) -> dict[int, int]:
        """How many values each node stands for, its repeats expanded; each node sized once."""
        sizes: dict[int, int] = {}
        stack: list[tuple[Node, bool]] = [(root, False)]
        while stack:
            node, children_done = stack.pop()
            if id(node) in sizes:
                continue
            if children_done:
                sizes[id(node)] = 1 + sum(sizes[id(child)] for child in self.children(node))
            else:
                stack.append((node, True))
                stack.extend((child, False) for child in self.children(node) if id(child) not in sizes)
        return sizes

    def _ration(self, root: Node, sizes: dict[int, int]) -> None:
        """Walk in the file's order; a repeat that would pass the budget is left out where it stands."""
        seen: set[int] = {id(root)}
        stack: list[tuple[Node, list[Node], int]] = [(root, self.children(root), 0)]
        while stack:
            node, parts, index = stack.pop()
            if index == len(parts):
                continue
            stack.append((node, parts, index + 1))
            child = parts[index]
            if id(child) not in seen:
                seen.add(id(child))
                stack.append((child, self.children(child), 0))
                continue
            size = sizes[id(child)]
            if size == 1:  # a scalar: one value wherever it is repeated, as its alias is one in the file
                continue
            if self._repeated + size <= self.budget:
                self._repeated += size
                continue
            if isinstance(node, MappingNode):
                pairs = self.pairs[id(node)]
                key, value = pairs[index // 2]
                where = key.start_mark
                pairs[index // 2] = (_null(where), value) if index % 2 == 0 else (key, _null(where))
            else:
                where = node.start_mark
                node.value[index] = _null(where)
            self.cut.append(where)
