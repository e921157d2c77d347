"""A schedule's own markup (a session's ``description``): reST inline markup, and nothing more.

A schedule is data, not a document. Its descriptions are parsed as
reStructuredText inline markup whatever the page's language (so one text
reads the same on a reST and a MyST page), in a document of their own whose
problems are reported at the schedule's line, not the page's; and only what
inline text needs survives: emphasis, literals, links to http(s), mailto or
relative targets, and cross-references (``:paper:``, ``:ref:``…). Raw HTML
(a MyST page's or a site's ``raw`` role), substitutions, images, targets and
downloads become their plain text, so a schedule can never emit markup or
pull a file into the site.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import languages as rst_languages
from docutils.parsers.rst.states import Inliner
from sphinx import addnodes
from sphinx.util.docutils import LoggingReporter

from ..engine import Location, safe_url

if TYPE_CHECKING:
    from sphinx.util.docutils import SphinxDirective

# What a description may hold once parsed; anything else becomes its text.
_INLINE = (
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.inline,
    nodes.title_reference,
    nodes.abbreviation,
    nodes.subscript,
    nodes.superscript,
    nodes.reference,
    addnodes.pending_xref,
    addnodes.literal_emphasis,
    addnodes.literal_strong,
)


class _Reporter(LoggingReporter):
    """Sphinx's logging reporter, saying every problem at the description's place in the schedule."""

    def __init__(self, source: str, line: int) -> None:
        super().__init__(source)
        self.line = line

    def get_source_and_line(self, lineno: int | None = None) -> tuple[str, int]:
        # Roles ask the reporter where they stand; docutils' state machine lends it this method.
        return self.source, self.line


def allowed(node: nodes.Element) -> bool:
    if isinstance(node, addnodes.download_reference | nodes.raw | nodes.image | nodes.target):
        return False
    if isinstance(node, addnodes.pending_xref):
        return bool(node.get("reftype") != "download")
    if isinstance(node, nodes.reference):
        return "refuri" not in node or safe_url(str(node["refuri"]))
    return isinstance(node, _INLINE)


def schedule_markup(directive: SphinxDirective, text: str, where: Location | None) -> list[nodes.Node]:
    """``text`` as inline nodes; its markup errors are reported at ``where`` in the schedule."""
    document = directive.state.document
    source, line = (where.path, where.line) if where is not None else (document["source"], directive.lineno)
    reporter = _Reporter(source, line)
    sandbox = nodes.document(document.settings, reporter, source=source)
    inliner = Inliner()
    inliner.init_customizations(document.settings)
    memo = SimpleNamespace(  # what docutils' inliner reads of a state machine's memo
        document=sandbox,
        reporter=reporter,
        language=rst_languages.get_language(document.settings.language_code, reporter),
        title_styles=[],
        section_level=0,
        section_bubble_up_kludge=False,
        inliner=inliner,
    )
    parent = nodes.paragraph()
    content, _messages = inliner.parse(text, line, memo, parent)  # the messages are logged already
    parent.extend(content)
    for node in list(parent.findall(nodes.Element)):
        if node is not parent and node.parent is not None and not allowed(node):
            node.parent.replace(node, nodes.Text(node.astext()))  # its ids go too: nothing may link to it
    return list(parent.children)
