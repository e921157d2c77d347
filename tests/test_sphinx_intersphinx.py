"""Two real Sphinx projects: one course exports objects.inv, another links into it with intersphinx.

Project A is the views test course. Project B loads the extension too (it
defines the ``course`` domain) but has no schedule of its own: every one of
its course roles, ``:external+a:course:…:``, ``:course:…:`` and the short
``:paper:``, must resolve through A's inventory to A's pages, with no warning
even under ``nitpicky``; a key A does not have warns once, at its role.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import ROOTS, Builder

A_URL = "https://a.example.org/"

B_INDEX = """\
Other course
============

External, explicit: :external+a:course:paper:`knuth1974`.

Plain: :course:paper:`dijkstra1968`, :course:session:`intro`,
:course:deadline:`hw1` and :course:unit:`basics`.

Short: :session:`guest` and :paper:`knuth1974`; :external+a:course:unit:`talks`.

Unknown: :course:session:`nosuch`.
"""


def test_a_second_project_links_into_the_course_with_intersphinx(tmp_path: Path, build: Builder) -> None:
    source_a = tmp_path / "a"
    shutil.copytree(ROOTS / "test-coursecal-views", source_a)
    built_a = build(source_a, tmp_path / "build-a")
    assert built_a.warnings == ""
    inventory = built_a.outdir / "objects.inv"

    source_b = tmp_path / "b"
    source_b.mkdir()
    (source_b / "conf.py").write_text(
        'project = "B"\n'
        'extensions = ["sphinx.ext.intersphinx", "sphinxcontrib_coursecal"]\n'
        f"intersphinx_mapping = {{'a': ({A_URL!r}, {str(inventory)!r})}}\n"
        "nitpicky = True\n",
        encoding="utf-8",
    )
    (source_b / "index.rst").write_text(B_INDEX, encoding="utf-8")
    built_b = build(source_b, tmp_path / "build-b")

    links = {a.get_text(): a["href"] for a in built_b.soup("index.html").select("div.body a.reference.external")}
    assert links == {
        "Knuth 1974": f"{A_URL}papers/knuth1974.html",
        "Dijkstra 1968": f"{A_URL}papers/dijkstra1968.html",
        "intro": f"{A_URL}index.html#coursecal-demo101-intro-session",
        "hw1": f"{A_URL}index.html#coursecal-demo101-hw1-deadline",
        "basics": f"{A_URL}index.html#coursecal-demo101-basics-unit",
        "guest": f"{A_URL}index.html#coursecal-demo101-guest-session",
        "talks": f"{A_URL}index.html#coursecal-demo101-talks-unit",
    }
    # ":paper:`knuth1974`" links twice (explicit and short): both to A's page.
    papers = [a["href"] for a in built_b.soup("index.html").select("a.reference.external") if "Knuth" in a.get_text()]
    assert papers == [f"{A_URL}papers/knuth1974.html"] * 2
    # The one unknown key: one warning, at its own line, naming where it looked.
    assert built_b.warnings.splitlines() == [
        f"{source_b / 'index.rst'}:11: WARNING: :course:session:`nosuch`: no session 'nosuch' in the "
        "intersphinx inventories (a), and this project configures no schedule [coursecal.xref]"
    ]
