"""The roles ``:paper:``, ``:session:``, ``:deadline:`` and ``:unit:`` (also ``:course:paper:``…).

A role whose target no schedule of the project has is left to Sphinx's
missing-reference machinery, so intersphinx can resolve it from another
project's ``objects.inv``; only what nothing resolves is warned about, once,
at the role's own line (see :class:`RoleLines`).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.roles import XRefRole
from sphinx.transforms import SphinxTransform

from .courses import OBJECT_TYPES, course_domain, item_keys, known_courses, lookup, object_key
from .domain import CourseDomain
from .render import DOMAIN
from .state import load
from .warnings import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment

# How far below the start of its block of text a role is looked for (a long paragraph).
_BLOCK_LINES = 200


def note_schedule_use(env: BuildEnvironment, schedule_path: str, dependencies: tuple[str, ...]) -> None:
    """The document being read depends on the schedule and its papers files: edits re-read it."""
    for dependency in dependencies:
        env.note_dependency(dependency)
    course_domain(env).note_used(env.docname, schedule_path)


class CourseRole(XRefRole):
    """``:paper:`key```, ``:session:`id```, ``:deadline:`id```, ``:unit:`id```.

    The text is filled in at resolution, so it follows edits to the schedule.
    A key no schedule has is left to intersphinx; if that finds nothing either,
    ``warn_missing`` warns at the role's line, with the nearest known key.
    """

    innernodeclass = nodes.inline  # own text reads like the default text, not like code

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if ":" not in self.name:  # the short roles belong to the course domain
            self.name = f"{DOMAIN}:{self.name}"
        return super().run()

    def result_nodes(
        self,
        document: nodes.document,
        env: BuildEnvironment,
        node: nodes.Element,
        is_ref: bool,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain = course_domain(env)
        node["coursecal_raw"] = self.rawtext
        found = lookup(env, self.reftype, node["reftarget"])
        if found is None:
            # Checked again at resolution, when every schedule the build uses is known. Until
            # then the page depends on every schedule: fixing one must re-read it.
            for course in known_courses(env):
                schedule = load(env, course)
                note_schedule_use(env, schedule.path, schedule.dependencies)
            domain.note_waiting(env.docname)
            return [node], []
        schedule, key = found
        note_schedule_use(env, schedule.path, schedule.dependencies)
        node["coursecal_key"] = object_key(schedule, key)
        if self.reftype == "paper":
            # The citing place gets an id, so the paper's page can link back to it.
            anchor = domain.note_citation(node["coursecal_key"], env.docname)
            return [nodes.inline("", "", ids=[anchor]), node], []
        return [node], []


class RoleLines(SphinxTransform):
    """Each course role gets its own line, for the warning about an unknown target.

    docutils (and MyST) give an inline role the line where its block of text
    starts, so roles on lines 3, 6 and 7 of a paragraph would all be reported
    at line 3. The role's text is looked for in the source file from that line
    on, role after role in document order; where it cannot be found (text
    a ``source-read`` handler made, a docstring), the block's line stays.
    """

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        blocks: dict[tuple[str, int], list[addnodes.pending_xref]] = {}
        for node in self.document.findall(addnodes.pending_xref):
            if "coursecal_raw" in node and node.source and node.line:
                blocks.setdefault((node.source, node.line), []).append(node)
        texts: dict[str, list[str] | None] = {}
        for (source, line), refs in blocks.items():
            if source not in texts:
                texts[source] = self.source_lines(source)
            lines = texts[source]
            if lines is None:
                continue
            text = "".join(lines[line - 1 : line - 1 + _BLOCK_LINES])
            position = 0
            for node in refs:
                found = _role_pattern(node["coursecal_raw"]).search(text, position)
                if found is None:
                    continue
                node.line = line + text.count("\n", 0, found.start())
                position = found.end()

    def source_lines(self, source: str) -> list[str] | None:
        try:
            return Path(source).read_text(encoding=self.config.source_encoding).splitlines(keepends=True)
        except (OSError, UnicodeDecodeError):
            return None


def _role_pattern(raw: str) -> re.Pattern[str]:
    """A role's text as the source writes it: ``:paper:`x``` (reST) or ``{paper}`x``` (MyST).

    The backquoted text must follow a role's name (a ':' or '}'), so a literal
    ````x```` does not match; a line break in it may be any whitespace (a list
    item's indentation).
    """
    content = raw[raw.find("`") + 1 : raw.rfind("`")] if raw.count("`") >= 2 else ""
    words = content.split()
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"(?<=[:}])`" + r"\s+".join(re.escape(word) for word in words) + "`")


def warn_missing(app: Sphinx, domain: Domain | None, node: addnodes.pending_xref) -> bool | None:
    """``warn-missing-reference``: a course role nothing resolved, neither the project nor intersphinx."""
    if domain is None or domain.name != DOMAIN:
        return None
    warn_unknown(app, node["reftype"], node["reftarget"], node)
    return True


def warn_unknown(app: Sphinx, typ: str, target: str, node: addnodes.pending_xref) -> None:
    """An unknown target, at the role, with the nearest known one."""
    env = app.env
    raw = " ".join(node.get("coursecal_raw", f":{typ}:`{target}`").split())  # one line, as written
    courses = known_courses(env)
    inventories = sorted(getattr(app.config, "intersphinx_mapping", None) or {})
    if not courses and inventories:
        warn(
            Warn.XREF,
            f"{raw}: no {typ} {target!r} in the intersphinx inventories ({', '.join(inventories)}), "
            "and this project configures no schedule",
            node,
        )
        return
    if not courses:
        warn(Warn.NO_SCHEDULE, f"{raw}: no schedule is configured; set coursecal_schedule", node)
        return
    candidates = [key for course in courses for key in item_keys(load(env, course), typ)]
    close = difflib.get_close_matches(target, candidates, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    warn(Warn.XREF, f"{raw}: no {typ} {target!r} in the schedule{hint}", node)


def depend_on_all(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: a page whose roles were read before any schedule was known (a later
    page's directive names the file) now depends on every schedule, so editing one re-reads it."""
    for docname in course_domain(env).waiting():
        for course in known_courses(env):
            # No document is being read now: note_dependency() would need the docname= of
            # Sphinx 8.1+, so add to the same public map it writes (absolute paths).
            paths = (env.srcdir / dependency for dependency in load(env, course).dependencies)
            env.dependencies.setdefault(docname, set()).update(paths)
    return []


def setup_roles(app: Sphinx) -> None:
    app.add_domain(CourseDomain)
    for name in OBJECT_TYPES:
        # warn_dangling: an unresolved target goes through Sphinx's missing-reference machinery
        # (intersphinx first); what is still unresolved is warned about by ``warn_missing``, once.
        app.add_role_to_domain(DOMAIN, name, CourseRole(warn_dangling=True))
        app.add_role(name, CourseRole(warn_dangling=True))
    app.add_transform(RoleLines)
    app.connect("env-updated", depend_on_all)
    app.connect("warn-missing-reference", warn_missing)
