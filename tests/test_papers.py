"""The readings library: inline, YAML files and BibTeX files, and citation labels."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sphinxcontrib_coursecal.engine import Subtype, load_schedule
from sphinxcontrib_coursecal.engine.model import citation_label

COURSE = "course: {id: demo, timezone: UTC, start: 2025-09-01, end: 2025-12-01}\n"


@pytest.mark.parametrize(
    ("authors", "year", "label"),
    [
        (("Yoshua Bengio",), 2003, "Bengio 2003"),
        (("Tri Dao", "Albert Gu"), 2024, "Dao and Gu 2024"),
        (("Ashish Vaswani", "Noam Shazeer", "Niki Parmar"), 2017, "Vaswani+ 2017"),
        (("Vaswani, Ashish", "others"), 2017, "Vaswani+ 2017"),  # "and others" still means several
        (("Ludwig van Beethoven",), None, "Beethoven"),
        ((), 2020, "2020"),
    ],
)
def test_default_citation_label(authors: tuple[str, ...], year: int | None, label: str) -> None:
    assert citation_label(authors, year) == label


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_inline_yaml_and_bibtex_papers_together(tmp_path: Path) -> None:
    write(
        tmp_path,
        "refs/papers.yaml",
        """\
        vaswani2017:
          title: Attention Is All You Need
          authors: [Ashish Vaswani, Noam Shazeer, Niki Parmar]
          year: 2017
          venue: NeurIPS
          url: https://arxiv.org/abs/1706.03762
          tags: [transformers]
          links: {Code: https://github.com/tensorflow/tensor2tensor}
        """,
    )
    write(
        tmp_path,
        "refs/more.bib",
        r"""
        % A comment line, as .bib files have.
        @inproceedings{dao2022,
          author = {Dao, Tri and Fu, Daniel Y. and Ermon, Stefano and Rudra, Atri and R{\'e}, Christopher},
          title = {{FlashAttention}: Fast and Memory-Efficient Exact Attention with {IO}-Awareness},
          booktitle = {Advances in Neural Information Processing Systems},
          year = {2022},
          eprint = {2205.14135},
          archivePrefix = {arXiv},
        }
        @book{goodfellow2016,
          author = {Goodfellow, Ian and Bengio, Yoshua and Courville, Aaron},
          title = {Deep Learning},
          publisher = {MIT Press},
          year = 2016,
          shorthand = {DL book},
          doi = {10.5555/3086952},
          keywords = {textbook, foundations},
        }
        """,
    )
    schedule = write(
        tmp_path,
        "schedule.yaml",
        COURSE
        + textwrap.dedent(
            """\
        papers: [refs/papers.yaml, refs/more.bib]
        meetings:
          lecture: {days: [Mon]}
        sessions:
          - title: One
            readings: [vaswani2017, {paper: dao2022, label: Paper 1, note: sections 1-3}]
          - title: Two
            readings: [{paper: vaswani2017, optional: true}, goodfellow2016]
        """
        ),
    )
    loaded = load_schedule(schedule)
    assert [str(d) for d in loaded.diagnostics] == []
    dao = loaded.papers["dao2022"]
    assert dao.title == "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness"
    assert dao.authors[-1] == "Christopher Ré"
    assert dao.url == "https://arxiv.org/abs/2205.14135"
    assert dao.venue == "Advances in Neural Information Processing Systems"
    assert dao.label == "Dao+ 2022"
    book = loaded.papers["goodfellow2016"]
    assert (book.type, book.label, book.venue, book.year) == ("book", "DL book", "MIT Press", 2016)
    assert book.url == "https://doi.org/10.5555/3086952"
    assert book.tags == ("textbook", "foundations")
    assert book.source is not None
    assert book.source.line == 11  # "@book{" in more.bib, counting its blank first line
    vaswani = loaded.papers["vaswani2017"]
    assert vaswani.links[0].label == "Code"
    assert vaswani.label == "Vaswani+ 2017"
    # The assignments index knows both sessions that assign Vaswani, with how.
    assignments = loaded.assignments("vaswani2017")
    assert [(a.session.title, a.reading.optional) for a in assignments] == [("One", False), ("Two", True)]
    assert loaded.assignments("dao2022")[0].reading.note == "sections 1-3"
    # Papers files are dependencies: editing one must rebuild the pages that use them.
    assert {Path(p).name for p in loaded.dependencies} == {"schedule.yaml", "papers.yaml", "more.bib"}


def test_inline_papers_and_ad_hoc_readings(tmp_path: Path) -> None:
    schedule = write(
        tmp_path,
        "schedule.yaml",
        COURSE
        + textwrap.dedent(
            """\
        papers:
          adam: {title: "Adam: A Method for Stochastic Optimization", authors: [Diederik P. Kingma, Jimmy Ba],
                 year: 2015, short: Adam}
        meetings:
          lecture: {days: [Mon]}
        sessions:
          - title: Optimizers
            readings:
              - adam
              - {title: "Semianalysis: H100 vs GB200", url: null, optional: true}
              - {title: Backprop notes, url: notes/backprop.pdf, note: ch7.4}
        """
        ),
    )
    loaded = load_schedule(schedule)
    assert loaded.diagnostics == ()
    assert loaded.papers["adam"].label == "Adam"
    tba, notes = loaded.sessions[0].spec.readings[1:]
    assert (tba.paper, tba.url, tba.optional) == (None, None, True)
    assert (notes.url, notes.note) == ("notes/backprop.pdf", "ch7.4")


def test_a_paper_defined_in_two_files_is_reported_once_where_it_repeats(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "x2020: {title: X}\n")
    write(tmp_path, "b.bib", "@misc{x2020,\n  title = {X again},\n}\n")
    schedule = write(tmp_path, "schedule.yaml", COURSE + "papers: [a.yaml, b.bib]\n")
    loaded = load_schedule(schedule)
    duplicates = [d for d in loaded.diagnostics if d.subtype is Subtype.DUPLICATE]
    assert len(duplicates) == 1
    assert duplicates[0].location.path.endswith("b.bib")
    assert duplicates[0].location.line == 1
    assert "a.yaml:1" in duplicates[0].message  # where the first one is
    assert loaded.papers["x2020"].title == "X"
