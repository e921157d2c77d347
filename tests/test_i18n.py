"""Translations: the example course built in German, Spanish and French says every word in that language.

* Labels come from the extension's message catalog (``locale/``): the
  table's headers, "Class N", the color key, the reading list, paper pages,
  subscribe links, and the feeds' summaries, categories and descriptions.
* Dates and times come from Babel's locale data in the locale's own order,
  with its interval formats for ranges.
* The German site shows no English word of the catalog outside the
  schedule's own text, found by scanning its HTML for every msgid.
* The catalogs are whole: the template holds exactly what Babel's extractor
  finds in ``src/``, every .po translates every message (none fuzzy, none
  empty), and the installed .mo files say what the .po files say.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import icalendar
import pytest
import yaml
from babel.dates import format_date, format_interval, format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag

import sphinxcontrib_coursecal
from sphinxcontrib_coursecal.engine.model import DEFAULT_KINDS
from sphinxcontrib_coursecal.labels import ENGINE_WORDS
from sphinxcontrib_coursecal.sphinx.formats import Formats

from .conftest import REPO, Build, Builder
from .sphinx_readers import squash

EXAMPLE = REPO / "example_course"
SOURCE = REPO / "src" / "sphinxcontrib_coursecal"
LOCALE = SOURCE / "locale"
DOMAIN = "sphinxcontrib_coursecal"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
LANGUAGES = ("de", "es", "fr")
FIRST_CLASS = dt.date(2025, 9, 24)  # the example's first lecture, a Wednesday, 10:00-11:20

# What each language calls the table's columns, the color key, a numbered class, the subscribe link.
WORDS = {
    "de": {"headers": ["Sitzung", "Datum", "Thema", "Hinweise", "Lektüre", "Materialien"],
           "key": "Farblegende", "class": "Sitzung 1", "subscribe": "Abonnieren", "assigned": "Lektüre in",
           "optional": "Ergänzend", "lecture": "Vorlesung", "readings": "Lektüre:", "materials": "Materialien:",
           "deadlines": "Abgaben", "due": "HW0 fällig 23:59", "week": "Woche 1"},
    "es": {"headers": ["Clase", "Fecha", "Tema", "Notas", "Lecturas", "Materiales"],
           "key": "Leyenda de colores", "class": "Clase 1", "subscribe": "Suscribirse", "assigned": "Asignado en",
           "optional": "Opcional", "lecture": "Clase", "readings": "Lecturas:", "materials": "Materiales:",
           "deadlines": "Entregas", "due": "Entrega de HW0 23:59", "week": "Semana 1"},
    "fr": {"headers": ["Séance", "Date", "Sujet", "Remarques", "Lectures", "Supports"],
           "key": "Légende des couleurs", "class": "Séance 1", "subscribe": "S’abonner", "assigned": "Au programme de",
           "optional": "Facultatif", "lecture": "Cours", "readings": "Lectures:", "materials": "Supports:",
           "deadlines": "Échéances", "due": "HW0 à rendre 23:59", "week": "Semaine 1"},
}  # fmt: skip


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale, domain=DOMAIN)


def msgids(catalog: Catalog) -> set[str]:
    return {str(message.id) for message in catalog if message.id}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, shared_build: Builder) -> dict[str, Build]:
    """The example course built in each language (from a copy, so the example's folder stays clean)."""
    built = {}
    for language in LANGUAGES:
        root = tmp_path_factory.mktemp(f"example-{language}")
        shutil.copytree(EXAMPLE, root / "src", ignore=shutil.ignore_patterns("_build"))
        built[language] = shared_build(root / "src", root / "build", confoverrides={"language": language})
        assert built[language].statuscode == 0, built[language].warnings
        assert "WARNING" not in built[language].warnings, built[language].warnings
    return built


def text_of(build: Build, page: str, selector: str) -> list[str]:
    """The words of each element, without Sphinx's permalink marks (a month caption has one)."""
    found = build.soup(page).select(selector)
    for element in found:
        for link in element.select("a.headerlink"):
            link.decompose()
    return [squash(element.get_text(" ")) for element in found]


# -- labels ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_example_course_speaks_the_sites_language(sites: dict[str, Build], language: str) -> None:
    site, words = sites[language], WORDS[language]
    assert text_of(site, "schedule.html", "table.coursecal-table thead th") == words["headers"]
    assert words["key"] in text_of(site, "schedule.html", ".coursecal-legend summary")
    kinds = text_of(site, "calendar.html", ".coursecal-legend-items li")
    assert words["lecture"] in kinds  # the engine's word for a lecture, translated
    assert "Holiday / no class" in kinds  # the schedule's own label, as written
    labels = text_of(site, "schedule.html", ".coursecal-reading-label .sd-badge")  # sphinx-design badges
    assert words["optional"] in labels
    assert any(words["due"] in line for line in text_of(site, "calendar.html", ".coursecal-line"))
    assert any(words["week"] in line for line in text_of(site, "schedule.html", ".coursecal-week-name"))
    assert any(line.startswith(words["class"]) for line in text_of(site, "readings.html", ".coursecal-reading-group"))
    links = text_of(site, "index.html", ".coursecal-feed-link")
    assert squash(words["subscribe"]) in links
    assert "Subscribe" not in links
    assert any(words["deadlines"] in line for line in text_of(site, "index.html", ".coursecal-feeds strong"))
    assert text_of(site, "papers/zero.html", "#assigned h2")[0].startswith(words["assigned"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feeds_speak_the_sites_language(sites: dict[str, Build], language: str) -> None:
    words = WORDS[language]
    calendar = icalendar.Calendar.from_ical(sites[language].read("cse599o.ics"))
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    first = next(event for uid, event in events.items() if uid.startswith("session-") and "intro" in uid)
    assert str(first["summary"]) == f"CSE 599o {words['lecture']}: Intro and Transformers"
    assert first["categories"].cats == [words["lecture"]]
    description = str(first["description"]).splitlines()
    assert description[0] == f"{words['class']}: Intro and Transformers"
    assert words["readings"] in description
    assert words["materials"] in description
    feed = icalendar.Calendar.from_ical(sites[language].read("cse599o-deadlines.ics"))
    assert str(feed["x-wr-calname"]) == f"CSE 599o Autumn 2025: {words['deadlines']}"


# -- dates ---------------------------------------------------------------------------------------


def test_german_dates_are_in_german_order(sites: dict[str, Build]) -> None:
    """ "Mi., 24. Sept.", not "Mi. Sept. 24"; ranges as German writes them."""
    site = sites["de"]
    dates = text_of(site, "schedule.html", "table.coursecal-table tbody td.coursecal-col-date")
    assert dates[0] == "Mi., 24. Sept."
    assert "10:00\u201311:20 Uhr" in text_of(site, "calendar.html", ".coursecal-time")
    assert text_of(site, "calendar.html", ".coursecal-month-name")[:2] == ["September 2025", "Oktober 2025"]
    weeks = text_of(site, "schedule.html", ".coursecal-week-name")
    assert any(re.fullmatch(r"Woche \d+ · \w\w\., \d+\. – \w\w\., \d+\. \w+\.?", week) for week in weeks), weeks


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_follow_the_locales_skeletons(sites: dict[str, Build], language: str) -> None:
    site = sites[language]
    start, end = dt.time(10, 0), dt.time(11, 20)
    dates = text_of(site, "schedule.html", "table.coursecal-table tbody td.coursecal-col-date")
    assert dates[0] == squash(format_skeleton("MMMEd", FIRST_CLASS, locale=language))
    month = format_date(FIRST_CLASS, "MMM", locale=language)
    assert dates[0].index("24") < dates[0].index(month)  # the day before its month, as all three write it
    times = text_of(site, "calendar.html", ".coursecal-time")
    assert squash(format_interval(start, end, "Hm", locale=language)) in times
    assert "10:00-11:20" not in site.read("calendar.html")  # English's hyphen, nowhere


def test_a_set_format_wins_over_the_locale(tmp_path: Path, build: Builder) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "src", ignore=shutil.ignore_patterns("_build"))
    site = build(
        tmp_path / "src",
        tmp_path / "build",
        confoverrides={"language": "de", "coursecal_date_format": "d.M.", "coursecal_time_format": "h:mm a"},
    )
    assert text_of(site, "schedule.html", "table.coursecal-table tbody td.coursecal-col-date")[0] == "24.9."
    assert "10:00 AM – 11:20 AM" in text_of(site, "calendar.html", ".coursecal-time")


def test_each_locale_keeps_its_own_clock() -> None:
    """24 hours where the locale counts to 24, 12 where it counts to 12; English as it always was."""
    afternoon, start = dt.time(13, 30), dt.time(10, 0)
    assert Formats("de").time(afternoon) == "13:30"
    assert Formats("es_MX").time(afternoon) == format_skeleton("hm", afternoon, locale="es_MX")
    assert Formats("es_MX").time(afternoon).endswith("p.m.")  # Mexico's clock counts to 12
    assert Formats("de", time_pattern="h:mm a").time(afternoon) == "1:30 PM"
    english = Formats("en")
    assert (english.time(afternoon), english.times(start, afternoon)) == ("13:30", "10:00-13:30")
    assert english.days(FIRST_CLASS, FIRST_CLASS + dt.timedelta(days=2)) == "Wed Sep 24 \u2013 Fri Sep 26"
    assert Formats("fr").days(FIRST_CLASS, FIRST_CLASS + dt.timedelta(days=2)) == format_interval(
        FIRST_CLASS, FIRST_CLASS + dt.timedelta(days=2), "MMMEd", locale="fr"
    )


# -- no English left ------------------------------------------------------------------------------


def schedule_texts() -> list[str]:
    """Every text the example's schedule and papers file hold, the longest first."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value.strip():
            found.add(squash(value))

    for name in ("schedule.yaml", "papers.yaml"):
        walk(yaml.safe_load((EXAMPLE / name).read_text(encoding="utf-8")))
    # The engine's words must be translated even where the schedule happens to write them ("Lecture").
    return sorted(found - ENGINE_WORDS, key=len, reverse=True)


def generated_text(soup: BeautifulSoup) -> str:
    """The text of everything the extension wrote on a page (outermost coursecal elements)."""
    parts = []
    for element in soup.select('[class*="coursecal"], [id^="coursecal"]'):
        assert isinstance(element, Tag)
        if not any("coursecal" in " ".join(parent.get("class") or []) for parent in element.parents):
            parts.append(element.get_text(" | "))
    return squash(" | ".join(parts))


def test_the_german_site_has_no_english_label(sites: dict[str, Build]) -> None:
    """Every msgid of the catalog, searched in what the extension wrote, its sources' own text taken out.

    The sources' own text: the schedule's and papers file's (English in the
    example), and the titles of the project's pages that cite a paper.
    """
    site = sites["de"]
    titles = {squash(title.astext()) for title in site.app.env.titles.values()}
    own = sorted(set(schedule_texts()) | titles, key=len, reverse=True)
    patterns = {}
    for message in msgids(read_catalog(TEMPLATE)):
        literal = "[^|]+?".join(re.escape(part) for part in re.split(r"\{\w+\}", message))
        patterns[message] = re.compile(rf"(?<![\w.]){literal}(?!\w)")
    pages = sorted(site.outdir.rglob("*.html"))
    assert len(pages) > 40  # the pages, the paper pages and their index
    found = {}
    for page in pages:
        text = generated_text(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"))
        for written in own:
            text = text.replace(written, " | ")
        hits = [message for message, pattern in patterns.items() if pattern.search(text)]
        if hits:
            found[page.relative_to(site.outdir).as_posix()] = sorted(hits)
    assert found == {}


# -- the catalogs ---------------------------------------------------------------------------------


def test_the_engine_words_are_the_engines() -> None:
    """labels.ENGINE_WORDS lists what the engine says where a schedule says nothing."""
    assert {label for label, _color in DEFAULT_KINDS.values()} | {"No class"} == set(ENGINE_WORDS)


def test_the_template_holds_what_babels_extractor_finds() -> None:
    """``make catalogs`` is up to date: nothing marked is missing from the .pot, nothing stale is in it."""
    extracted = {message for _file, _line, message, _comments, _context in extract_from_dir(SOURCE)}
    assert all(isinstance(message, str) for message in extracted)  # no plural forms
    assert {str(message) for message in extracted} == msgids(read_catalog(TEMPLATE))


def test_no_marked_word_hides_from_the_extractor() -> None:
    """Every ``_("...")`` and ``N_("...")`` literal in the source is in the template (none inside an f-string)."""
    template = msgids(read_catalog(TEMPLATE))
    marked = set()
    for path in SOURCE.rglob("*.py"):
        marked |= {text for _quote, text in re.findall(r"\bN?_\(([\"'])(.+?)\1\)", path.read_text(encoding="utf-8"))}
    assert marked - template == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    catalog = read_catalog(LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po", language)
    assert msgids(catalog) == msgids(read_catalog(TEMPLATE))
    untranslated = [message.id for message in catalog if message.id and (not message.string or message.fuzzy)]
    assert untranslated == []
    for message in catalog:
        if message.id:  # the same fields in the translation: "Class {number}" is "Sitzung {number}"
            assert set(re.findall(r"\{\w+\}", message.string)) == set(re.findall(r"\{\w+\}", str(message.id)))
    assert catalog.check() is not None
    assert [error for _message, errors in catalog.check() for error in errors] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_installed_mo_says_what_the_po_says(language: str) -> None:
    """The installed package's .mo (compiled by setup.py at install) is the .po as committed: reinstall if not."""
    package = Path(sphinxcontrib_coursecal.__file__).parent
    with (package / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as stream:
        compiled = {str(message.id): message.string for message in read_mo(stream) if message.id}
    source = read_catalog(LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po", language)
    assert compiled == {str(message.id): message.string for message in source if message.id}


def test_a_gettext_build_extracts_the_extensions_words(tmp_path: Path, build: Builder) -> None:
    """Sphinx's gettext builder (where a translated project starts) runs clean with the extension, and
    what it extracts of the extension's words is the catalog's msgid, so both name the same message."""
    shutil.copytree(EXAMPLE, tmp_path / "src", ignore=shutil.ignore_patterns("_build"))
    site = build(tmp_path / "src", tmp_path / "build", "gettext")
    assert site.statuscode == 0
    assert "WARNING" not in site.warnings, site.warnings
    extracted = set()
    for pot in site.outdir.glob("*.pot"):
        extracted |= msgids(read_catalog(pot))
    assert "Color key" in extracted
    assert "Color key" in msgids(read_catalog(TEMPLATE))
