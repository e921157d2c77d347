"""The readings library: papers from inline mappings, YAML files and BibTeX files."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock
from yaml.nodes import MappingNode, Node

from . import schema
from .diagnostics import Diagnostic, Location, Subtype
from .links import safe_url
from .loader import Loader
from .model import Link, Paper
from .paths import project_file
from .text import text_problem
from .workload import amount
from .yamlfile import compose, plain_data, plain_text, read_text
from .yamlnodes import Reader

_UNESCAPED_AMPERSAND = re.compile(r"(?<!\\)&")
# BibTeX keys are the tools' own (DBLP's hold '/' and ':'): any printable text, bounded.
_BIBTEX_KEY = re.compile(r"[^\x00-\x20\x7f-\x9f\u2028\u2029\ud800-\udfff]{1,200}")
KEY_RULE = "a paper key may hold only letters, digits and _ : . + - (at most 100 of them)"
_ENTRY_KEY = re.compile(r"\s*@\s*\w+\s*[{(]\s*([^,\s]+)")
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:.+-]{0,99}")  # it names a page: a file name of bounded length
# The most papers one course may have unless the site allows more: each gets a page. A course
# reads a few hundred at most; a research group's shared BibTeX file may hold thousands.
MAX_PAPERS = 1_000

# BibTeX entry types onto our paper types; anything else is a "paper".
_BIBTEX_TYPES = {
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "article": "article",
    "online": "blog",
    "software": "code",
    "video": "video",
    "unpublished": "notes",
}
# Fields that name where a work appeared, most specific first.
_VENUE_FIELDS = ("booktitle", "journal", "journaltitle", "publisher", "howpublished", "institution", "school")


def read_papers(loader: Loader, node: Node | None) -> None:
    """The `papers` section: an inline mapping, or papers files inside the project."""
    reader = loader.reader
    if not reader.present(node):
        return
    assert node is not None
    if isinstance(node, MappingNode):
        read_paper_entries(reader, node, loader.spec.papers)
        return
    for item, name in reader.texts(node, "`papers`"):
        target = project_file(reader, item, name, loader.path.parent, loader.root, loader.spec.dependencies)
        if target is None:
            continue
        display = str(Path(reader.path).parent / name)
        read = read_bibtex_file if target.suffix.lower() == ".bib" else read_yaml_file
        reader.diagnostics.extend(read(target, display, loader.spec.papers))


def within_paper_cap(loader: Loader) -> None:
    """The first ``max_papers`` papers, in the order they are given; the first past it is reported."""
    papers = loader.spec.papers
    cap = MAX_PAPERS if loader.max_papers is None else loader.max_papers
    if len(papers) <= cap:
        return
    keys = list(papers)
    first = papers[keys[cap]]
    loader.reader.diagnostics.append(
        Diagnostic(
            Subtype.RANGE,
            f"the paper {first.key!r} takes the course past {cap:,} papers, the most a course may have (each "
            "gets a page; a course reads a few hundred); it and the papers after it are not read: keep the "
            "course's own papers, or, for a large shared library, allow more with coursecal_max_papers in "
            "conf.py (coursecal --max-papers)",
            first.source or Location(loader.reader.path, 1, 1),
        )
    )
    for key in keys[cap:]:
        del papers[key]


def read_paper_entries(reader: Reader, node: Node, into: dict[str, Paper]) -> None:
    """A mapping of key → paper entry, inline or from a YAML papers file."""
    for key, (key_node, value) in (reader.mapping(node, "`papers`") or {}).items():
        what = f"the paper {key!r}"
        if not _KEY.fullmatch(key):
            reader.report(key_node, Subtype.VALUE, f"{what}: {KEY_RULE}")
            continue
        if key in into:
            reader.report(
                key_node, Subtype.DUPLICATE, f"{what} is defined twice (also at {into[key].source}); keep one"
            )
            continue
        fields = reader.fields(value, what, schema.PAPER.fields, required=schema.PAPER.required)
        if fields is None:
            continue
        kind = reader.text(fields.get("type"), f"`type` of {what}") or "paper"
        if kind not in schema.PAPER_TYPES:
            reader.report(
                fields.get("type"), Subtype.VALUE, f"`type` of {what} must be one of {', '.join(schema.PAPER_TYPES)}"
            )
            kind = "paper"
        doi = reader.text(fields.get("doi"), f"`doi` of {what}") or ""
        eprint = reader.text(fields.get("eprint"), f"`eprint` of {what}") or ""
        into[key] = Paper(
            key=key,
            title=reader.text(fields.get("title"), f"`title` of {what}") or key,
            authors=tuple(name for _, name in reader.texts(fields.get("authors"), f"`authors` of {what}")),
            year=reader.integer(fields.get("year"), f"`year` of {what}"),
            venue=reader.text(fields.get("venue"), f"`venue` of {what}") or "",
            url=reader.url(fields.get("url"), f"`url` of {what}") or default_url(doi, eprint),
            doi=doi,
            eprint=eprint,
            short=reader.text(fields.get("short"), f"`short` of {what}") or "",
            type=kind,
            tags=tuple(tag for _, tag in reader.texts(fields.get("tags"), f"`tags` of {what}")),
            abstract=reader.text(fields.get("abstract"), f"`abstract` of {what}") or "",
            links=reader.links(fields.get("links"), f"`links` of {what}"),
            source=reader.location(key_node),
            page_count=_whole(amount(reader, fields.get("pages"), f"`pages` of {what}", "pages")),
            minutes=_whole(amount(reader, fields.get("minutes"), f"`minutes` of {what}", "minutes")),
        )


def read_yaml_file(path: Path, display: str, into: dict[str, Paper]) -> list[Diagnostic]:
    reader = Reader(display)
    text, problems = read_text(path, display)
    if text is None:
        return problems
    reader.plain = plain_text(text)
    root, diagnostics = compose(text, display)
    reader.diagnostics.extend(diagnostics)
    if root is not None and (plain_data(text) or reader.screen(root)):
        read_paper_entries(reader, root, into)
    return reader.diagnostics


def read_bibtex_file(path: Path, display: str, into: dict[str, Paper]) -> list[Diagnostic]:
    text, diagnostics = read_text(path, display)
    if text is None:
        return diagnostics
    # bibtexparser logs each failed block itself; we report them as diagnostics instead.
    parser_logger = logging.getLogger("bibtexparser")
    previous = parser_logger.level
    parser_logger.setLevel(logging.CRITICAL)
    try:
        library = parse_string(
            # A bare "&" means nothing to BibTeX but is an alignment tab to the LaTeX
            # decoder, which drops it; people write "Muon & Scion" and mean "&".
            _UNESCAPED_AMPERSAND.sub(r"\\&", text),
            append_middleware=[
                middlewares.LatexDecodingMiddleware(),
                middlewares.SeparateCoAuthors(),
                middlewares.SplitNameParts(),
            ],
        )
    finally:
        parser_logger.setLevel(previous)
    for block in library.failed_blocks:
        where = Location(display, (block.start_line or 0) + 1, 1)
        if isinstance(block, DuplicateBlockKeyBlock):
            message = f"the BibTeX key {block.key!r} is used twice; keep one entry"
            diagnostics.append(Diagnostic(Subtype.DUPLICATE, message, where))
        elif isinstance(block, ParsingFailedBlock):
            key = _ENTRY_KEY.match(block.raw or "")
            name = f"the BibTeX entry {key.group(1)!r}" if key else "this BibTeX entry"
            message = f"{name} cannot be parsed; check its braces, commas and quotes"
            diagnostics.append(Diagnostic(Subtype.BIBTEX, message, where))
    for entry in library.entries:
        where = Location(display, (entry.start_line or 0) + 1, 1)
        if not _BIBTEX_KEY.fullmatch(entry.key):
            message = f"the BibTeX key {entry.key!r} holds a control character or is longer than 200 characters"
            diagnostics.append(Diagnostic(Subtype.VALUE, message, where))
            continue
        if entry.key in into:
            message = f"the paper {entry.key!r} is defined twice (also at {into[entry.key].source}); keep one"
            diagnostics.append(Diagnostic(Subtype.DUPLICATE, message, where))
            continue
        into[entry.key] = bibtex_paper(entry, where, diagnostics)
    return diagnostics


def bibtex_paper(entry: Entry, where: Location, diagnostics: list[Diagnostic]) -> Paper:
    fields = {name.lower(): value for name, value in entry.fields_dict.items()}
    values = {name: field.value for name, field in fields.items()}

    def text(name: str) -> str:
        value = values.get(name, "")
        if not isinstance(value, str):
            return ""
        value = " ".join(value.split())
        problem = text_problem(value, lines=False)
        if problem:  # shown on pages and in feeds: the character goes, with a word
            diagnostics.append(
                Diagnostic(Subtype.VALUE, f"`{name}` of the BibTeX entry {entry.key!r} {problem}", where)
            )
            value = _UNSHOWABLE.sub("", value)
            values[name] = value
        return value

    title = text("title")
    if not title:
        # Kept under its key, so sessions that read it still resolve.
        message = f"the BibTeX entry {entry.key!r} has no title; add `title = {{...}}`"
        diagnostics.append(Diagnostic(Subtype.BIBTEX, message, where))
        title = entry.key
    year_text = re.match(r"\d{4}", text("year"))
    url = text("url")
    if url and not safe_url(url):
        diagnostics.append(
            Diagnostic(
                Subtype.LINK, f"the url of {entry.key!r} is not an http, https or relative link; it is dropped", where
            )
        )
        url = ""
    doi, eprint = text("doi"), text("eprint")
    people = [
        (_UNSHOWABLE.sub("", name), _UNSHOWABLE.sub("", family))
        for name, family in bibtex_people(values.get("author") or values.get("editor"))
    ]
    return Paper(
        key=entry.key,
        title=title,
        authors=tuple(name for name, _family in people),
        families=tuple(family for _name, family in people),
        year=int(year_text.group()) if year_text else None,
        venue=next((text(name) for name in _VENUE_FIELDS if text(name)), ""),
        url=url or default_url(doi, eprint),
        doi=doi,
        eprint=eprint,
        short=text("shorthand") or text("short"),
        type=_BIBTEX_TYPES.get(entry.entry_type.lower(), "paper"),
        tags=tuple(tag.strip() for tag in text("keywords").split(",") if tag.strip()),
        abstract=text("abstract"),
        links=tuple(Link("Code", code) for code in [_code_link(entry.key, text("code"), where, diagnostics)] if code),
        source=where,
    )


def _code_link(key: str, url: str, where: Location, diagnostics: list[Diagnostic]) -> str:
    """A BibTeX ``code`` field as a link; one that is no http(s) link is dropped, with a word."""
    if url and not safe_url(url):
        message = f"the code link of {key!r} is not an http, https or relative link; it is dropped"
        diagnostics.append(Diagnostic(Subtype.LINK, message, where))
        return ""
    return url


def bibtex_people(value: object) -> list[tuple[str, str]]:
    """Each author as people write the name ("Ana de la Cruz"), with the family name
    BibTeX's name parts give ("de la Cruz"; "García Márquez" from "García Márquez, Ana")."""
    if not isinstance(value, list):
        return []
    people = []
    for person in value:
        if isinstance(person, middlewares.NameParts):
            name = " ".join([*person.first, *person.von, *person.last])
            name += ", " + " ".join(person.jr) if person.jr else ""
            people.append((name.strip(), " ".join([*person.von, *person.last]).strip()))
        elif isinstance(person, str):
            people.append((person, ""))
    return [(name, family) for name, family in people if name]


# What text_problem reports, taken out of BibTeX text (a papers file is not ours to reject whole).
_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_ARXIV_ID = re.compile(r"\d{4}\.\d{4,5}(v\d+)?|[a-z-]+(\.[A-Z]{2})?/\d{7}")


def doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}" if doi else ""


def arxiv_url(eprint: str) -> str:
    """The arXiv page of an eprint id ("1706.03762", "hep-th/9711200"); "" for other ids."""
    return f"https://arxiv.org/abs/{eprint}" if _ARXIV_ID.fullmatch(eprint) else ""


def default_url(doi: str, eprint: str) -> str:
    """Where to read a paper that gives a DOI or an arXiv id but no URL."""
    return doi_url(doi) or arxiv_url(eprint)


def reading_links(paper: Paper) -> tuple[Link, ...]:
    """Where to read a paper, each address once: its URL, its DOI, its arXiv page, its own links.

    The paper's own URL has the label "arXiv" or "DOI" when it is one of those,
    else the empty label, which a page shows as its word for "Paper".
    """
    found: list[Link] = []
    if paper.url:
        found.append(Link("arXiv" if "arxiv.org" in paper.url else "DOI" if "doi.org" in paper.url else "", paper.url))
    for label, url in (("DOI", doi_url(paper.doi)), ("arXiv", arxiv_url(paper.eprint))):
        if url and all(url != link.url and label != link.label for link in found):
            found.append(Link(label, url))
    found.extend(link for link in paper.links if link.url)
    return tuple(found)


def _whole(value: float | None) -> int | None:
    return None if value is None else int(value)
