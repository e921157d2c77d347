"""Pages the extension generates: written only when they change, sharing one navigation.

Sphinx decides which of its own documents to write; pages from
``html-collect-pages`` it renders on every build. For a course with a
thousand papers that was most of an edit-loop build (a one-line change to a
notes page re-rendered every paper page, each with the theme's whole
sidebar). So:

* each page's content is fingerprinted together with the *navigation* every
  page shows (theme, sidebar, configuration, stylesheets), and a page is
  written only when its fingerprint differs from the last build's, or its file
  is gone. The navigation is read off the one page written every build (a
  course's papers index): its HTML minus its own body and title;
* pages of one output folder share one rendering of the theme's toctree
  (``html-page-context``): it depends on the folder, never on the page, since
  no toctree links a generated page.

Pages of a paper that no longer exists are removed, so an incremental build
leaves what a clean build leaves.
"""

from __future__ import annotations

import inspect
import json
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder

from .. import __version__
from .design import html_dropdowns
from .digests import Stash, digest
from .state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

RECORD = "coursecal-pages-{builder}.json"  # in the doctree folder, beside environment.pickle
TEMPLATE = "page.html"
SHARE_TOCTREE = True  # tests turn it off to compare with Sphinx's own rendering

CollectedPage = tuple[str, dict[str, Any], str]


@dataclass(frozen=True)
class Page:
    """A page to generate: its name, title and body (a tree, or its HTML when kept from the last build)."""

    name: str
    title: str
    body: nodes.Element | str  # a tree, or its HTML already rendered

    def context(self, builder: StandaloneHTMLBuilder) -> dict[str, Any]:
        return {"title": self.title, "body": fragment(builder, self.body), "display_toc": False}


def fragment(builder: StandaloneHTMLBuilder, body: nodes.Element | str) -> str:
    """A page body's HTML, the same whichever document Sphinx wrote last."""
    if isinstance(body, str):
        return body
    # Sphinx sets the section and figure numbers of the document it writes (write_doc), and
    # the HTML writer numbers any title from them: a generated page is in no toctree, so none
    # of them is its own (a page written after a numbered one came out as "5. Readings").
    saved = getattr(builder, "secnumbers", {}), getattr(builder, "fignumbers", {})
    builder.secnumbers, builder.fignumbers = {}, {}
    try:
        return str(builder.render_partial(html_dropdowns(body))["fragment"])
    finally:
        builder.secnumbers, builder.fignumbers = saved


def writer_identity(builder: StandaloneHTMLBuilder) -> str:
    """The HTML writer a page body is rendered with: a theme may bring its own (pydata's does), and
    an upgrade of it changes its file, so a body kept from the last build is not used then."""
    translator = builder.get_translator_class()
    try:
        status = Path(inspect.getfile(translator)).stat()
        where = f"{status.st_size} {status.st_mtime_ns}"
    except (TypeError, OSError):
        where = ""
    return f"{translator.__module__}.{translator.__qualname__} {where}"


class GeneratedPages:
    """One build's generated pages: which to write, and what the last build wrote."""

    def __init__(self, app: Sphinx, builder: StandaloneHTMLBuilder) -> None:
        self.builder = builder
        self.doctrees = Path(app.doctreedir)
        self.record = self.doctrees / RECORD.format(builder=builder.name)
        self.previous, self.inputs_before = self._read_record()
        self.current: dict[str, str] = {}
        self.inputs: dict[str, str] = {}  # a course's papers index: the inputs of its pages (inputs.py)
        self.navigation = ""
        state = build_state(app.env)
        self.generated = state.generated
        self.generated.clear()
        state.toctrees.clear()

    def _read_record(self) -> tuple[dict[str, str], dict[str, str]]:
        try:
            data = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}, {}
        if not isinstance(data, dict) or data.get("version") != __version__:
            return {}, {}
        pages, inputs = data.get("pages"), data.get("inputs")
        return pages if isinstance(pages, dict) else {}, inputs if isinstance(inputs, dict) else {}

    def rendered(self, name: str, inputs: str, make: Callable[[], nodes.Element]) -> str:
        """The HTML of page ``name``'s body, made from ``inputs`` (``inputs.py``): the last build's
        when they are the same, so a page written every build is not made again to write it."""
        stash = Stash(self.doctrees)
        key = digest(inputs, self.builder.name, name, writer_identity(self.builder))
        found = stash.get(f"body {self.builder.name} {name}", key)
        if isinstance(found, str):
            return found
        html = fragment(self.builder, make())
        stash.put(f"body {self.builder.name} {name}", key, html)
        return html

    def always(self, page: Page) -> Iterator[CollectedPage]:
        """A page written every build; what it shows around its body becomes the navigation."""
        context = page.context(self.builder)
        self.generated.add(page.name)
        yield page.name, context, TEMPLATE
        # Sphinx writes each collected page before asking the generator for the next.
        try:
            written = Path(self.builder.get_outfilename(page.name)).read_text(encoding="utf-8")
        except OSError:
            written = ""
        self.navigation = digest(written.replace(context["body"], ""))
        self.current[page.name] = self.navigation

    def when_changed(self, page: Page) -> Iterator[CollectedPage]:
        """A page written only when it would differ from the last build's."""
        fingerprint = digest(self.navigation, page.name, page.title, str(page.body))
        self.current[page.name] = fingerprint
        self.generated.add(page.name)
        if self.previous.get(page.name) == fingerprint and Path(self.builder.get_outfilename(page.name)).is_file():
            return
        yield page.name, page.context(self.builder), TEMPLATE

    def unchanged(self, index: str, inputs: str, names: list[str]) -> bool:
        """Whether the pages ``names`` (after their course's ``index``, written by ``always``) are
        made from the last build's inputs and navigation, and all still there: then they are
        left as they are, and no body is made to find that out."""
        key = digest(self.navigation, inputs)
        self.inputs[index] = key
        if self.inputs_before.get(index) != key or any(name not in self.previous for name in names):
            return False
        if not all(Path(self.builder.get_outfilename(name)).is_file() for name in names):
            return False
        for name in names:
            self.current[name] = self.previous[name]
            self.generated.add(name)
        return True

    def finish(self) -> None:
        """Remove pages the last build wrote that this one does not; remember this build's."""
        for name in set(self.previous) - set(self.current):
            Path(self.builder.get_outfilename(name)).unlink(missing_ok=True)
        self.record.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "version": __version__,
            "pages": dict(sorted(self.current.items())),
            "inputs": dict(sorted(self.inputs.items())),
        }
        self.record.write_text(json.dumps(data, indent=0), encoding="utf-8")


def share_navigation(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: generated pages of one folder render the theme's toctree once."""
    state = build_state(app.env)
    original = context.get("toctree")
    if not SHARE_TOCTREE or pagename not in state.generated or not callable(original):
        return
    folder = posixpath.dirname(app.builder.get_target_uri(pagename).rstrip("/"))
    cache = state.toctrees

    def toctree(**kwargs: Any) -> str:
        key = (folder, tuple(sorted((name, repr(value)) for name, value in kwargs.items())))
        if key not in cache:
            cache[key] = original(**kwargs)
        return cache[key]

    context["toctree"] = toctree


def setup_generated(app: Sphinx) -> None:
    # Before themes' own handlers (furo builds its navigation from toctree()).
    app.connect("html-page-context", share_navigation, priority=400)
