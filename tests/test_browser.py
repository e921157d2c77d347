"""The built site in a real browser: Debian's Chromium, driven by Playwright.

One module-scoped fixture builds the two-course test site once per theme
(alabaster, furo, pydata-sphinx-theme, in parallel) and serves the three builds
from a local http.server on 127.0.0.1; one Chromium serves every test. Playwright
never downloads a browser here: ``make test`` installs ``chromium`` with apt
(``.ci/install-test-deps``), and a missing one is a failure, not a skip.

Layout tests measure text, so the fonts are pinned: Chromium runs with a
fontconfig of this module's own that sees only the DejaVu files the install
script provides, whatever else the machine has (see ``PINNED_FONTS``).

Screenshots go to ``$COURSECAL_SCREENSHOTS`` when it is set (the README uses
them), else to a temporary directory.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from sphinxcontrib_coursecal.engine import Schedule, load_schedule

from .conftest import CHROMIUM, CHROMIUM_ARGS, MISSING_CHROMIUM, SEED_000_SCHEDULE, SEED_003_SCHEDULE

# The fonts every browser test measures with, and the only ones Chromium sees: a
# layout test that passed with whatever fonts a machine had by chance failed on one
# with other fonts (alabaster's Georgia fell back to Liberation Serif on one machine,
# DejaVu Serif on another, 34 px wider). DejaVu because Debian's images all start
# with it, so the pinned fonts are what a fresh machine reads these pages in, and
# because it is wider than the fonts the themes ask for first (Georgia, Segoe UI,
# San Francisco, Arial): a table that fits in DejaVu fits in those. Upright, bold and
# italic, so the browser never fakes a face with other widths. .ci/install-test-deps
# installs the same twelve files (fonts-dejavu-core and -extra; -mono on Debian 13).
PINNED_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PINNED_FONTS = {
    "DejaVu Serif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
    "DejaVu Sans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    "DejaVu Sans Mono": (
        "DejaVuSansMono",
        "DejaVuSansMono-Bold",
        "DejaVuSansMono-Oblique",
        "DejaVuSansMono-BoldOblique",
    ),
}
# CSS generic families, as Chromium asks fontconfig for them (system-ui included:
# pydata-sphinx-theme's text is set in it).
GENERIC_FONTS = {
    "serif": "DejaVu Serif",
    "sans-serif": "DejaVu Sans",
    "sans": "DejaVu Sans",
    "system-ui": "DejaVu Sans",
    "monospace": "DejaVu Sans Mono",
    "mono": "DejaVu Sans Mono",
}
# No <include> of the system's configuration: its fonts, aliases (Georgia or Times to
# whatever is installed) and rendering settings all stay out. Hinting changes glyph
# advances, so the settings Debian ships (slight hinting, grey antialiasing) are
# written here too.
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
{aliases}
  <match target="font">
    <edit name="antialias" mode="assign"><bool>true</bool></edit>
    <edit name="hinting" mode="assign"><bool>true</bool></edit>
    <edit name="hintstyle" mode="assign"><const>hintslight</const></edit>
    <edit name="autohint" mode="assign"><bool>false</bool></edit>
    <edit name="rgba" mode="assign"><const>none</const></edit>
    <edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit>
  </match>
</fontconfig>
"""
MISSING_FONTS = (
    "the browser tests measure text in DejaVu, and these font files are missing: {missing}. "
    "`make test` installs them (.ci/install-test-deps), or: "
    "`sudo apt-get install fonts-dejavu-core fonts-dejavu-extra` (add fonts-dejavu-mono on Debian 13)."
)

# pydata-sphinx-theme's own header is the theme's layout, not ours: with the long
# default title it overflows a 375 px phone (even on about.html), and with two long
# page titles in the navbar it wraps to 102 px at 1280 px while the theme scrolls
# anchors to 80 px, under it. Its build gets a short title and one navbar link.
THEMES: dict[str, list[str]] = {
    "alabaster": [],
    "furo": [],
    "pydata_sphinx_theme": ["-D", "html_title=Courses", "-D", "html_theme_options.header_links_before_dropdown=1"],
}
ALL_THEMES = list(THEMES)

TIMEZONE = ZoneInfo("America/Los_Angeles")  # CSE 599o's
TODAY = dt.datetime(2025, 10, 15, 10, 0, tzinfo=TIMEZONE)
BEFORE_TERM = dt.datetime(2025, 8, 1, 10, 0, tzinfo=TIMEZONE)  # no day is "today"
DESKTOP = (1280, 800)
MOBILE = (375, 800)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# -- the site, the server, the browser -------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, courses_site: Callable[[Path], Path]) -> Iterator[str]:
    """Every theme's build under one local server; yields its base URL."""
    root = tmp_path_factory.mktemp("browser-site")
    builds = {}
    for theme, options in THEMES.items():
        source = courses_site(root / f"src-{theme}")
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-D", f"html_theme={theme}", *options]
        builds[theme] = subprocess.Popen(
            [*command, str(source), str(root / theme)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    for theme, build in builds.items():
        out, err = build.communicate(timeout=120)
        assert build.returncode == 0, f"the {theme} build failed:\n{out}\n{err}"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def fontconfig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fonts.conf that admits the pinned font files and nothing else.

    fontconfig reads whole directories, and the DejaVu one may hold more than the
    pinned faces (fonts-dejavu-extra's condensed and light ones), so the pinned files
    are linked into a directory of their own.
    """
    files = [PINNED_FONT_DIR / f"{name}.ttf" for faces in PINNED_FONTS.values() for name in faces]
    missing = [str(file) for file in files if not file.is_file()]
    if missing:
        pytest.fail(MISSING_FONTS.format(missing=", ".join(missing)))
    root = tmp_path_factory.mktemp("fontconfig")
    fonts = root / "fonts"
    fonts.mkdir()
    for file in files:
        (fonts / file.name).symlink_to(file)
    aliases = "\n".join(
        f'  <alias binding="same"><family>{generic}</family><prefer><family>{family}</family></prefer></alias>'
        for generic, family in GENERIC_FONTS.items()
    )
    conf = root / "fonts.conf"
    conf.write_text(FONTS_CONF.format(fonts=escape(str(fonts)), cache=escape(str(root / "cache")), aliases=aliases))
    return conf


@pytest.fixture(scope="module")
def chromium(fontconfig: Path) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(MISSING_CHROMIUM)
    # FONTCONFIG_FILE replaces the system's configuration for Chromium and its
    # renderers; the other FONTCONFIG_* variables would point elsewhere again.
    env = {name: value for name, value in os.environ.items() if not name.startswith("FONTCONFIG_")}
    env["FONTCONFIG_FILE"] = str(fontconfig)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, env=env)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("COURSECAL_SCREENSHOTS")
    if folder:
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")


OpenPage = Callable[..., Page]
Contexts = dict[tuple[Any, ...], BrowserContext]


@pytest.fixture(scope="module")
def contexts(chromium: Browser) -> Iterator[Contexts]:
    """One browser context per setting (viewport, JavaScript, color mode, clock), shared by the module."""
    made: Contexts = {}
    yield made
    for context in made.values():
        context.close()


def load(
    site: str,
    chromium: Browser,
    contexts: Contexts,
    theme: str,
    path: str,
    *,
    size: tuple[int, int] = DESKTOP,
    js: bool = True,
    mode: str = "light",
    now: dt.datetime = BEFORE_TERM,
) -> Page:
    """``path`` of ``theme``'s build, loaded in the context for these settings."""
    key = (size, js, mode, now)
    if key not in contexts:
        context = chromium.new_context(
            viewport={"width": size[0], "height": size[1]},
            java_script_enabled=js,
            timezone_id=str(TIMEZONE),
            locale="en-US",
            color_scheme="light",
        )
        context.set_default_timeout(10_000)
        # furo reads localStorage.theme; pydata-sphinx-theme reads mode and theme.
        context.add_init_script(f"localStorage.setItem('theme', '{mode}'); localStorage.setItem('mode', '{mode}');")
        context.clock.set_fixed_time(now)
        contexts[key] = context
    page = contexts[key].new_page()
    page.goto(f"{site}/{theme}/{path}")
    page.wait_for_load_state("load")
    if js and mode == "dark":
        assert page.evaluate(DARK_ACTIVE), f"{theme} did not switch to dark mode"
    return page


@pytest.fixture
def open_page(site: str, chromium: Browser, contexts: Contexts) -> Iterator[OpenPage]:
    """``open_page(theme, path, size=..., js=..., mode=..., now=...)``: a fresh page, to click and scroll."""
    pages: list[Page] = []

    def opener(theme: str, path: str, **settings: Any) -> Page:
        pages.append(load(site, chromium, contexts, theme, path, **settings))
        return pages[-1]

    yield opener
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def view_page(site: str, chromium: Browser, contexts: Contexts) -> Iterator[OpenPage]:
    """Like ``open_page``, but loaded once per module and shared: only to read, never to change."""
    pages: dict[tuple[Any, ...], Page] = {}

    def viewer(theme: str, path: str, **settings: Any) -> Page:
        key = (theme, path, *sorted(settings.items()))
        if key not in pages:
            pages[key] = load(site, chromium, contexts, theme, path, **settings)
        return pages[key]

    yield viewer
    for page in pages.values():
        page.close()


DARK_ACTIVE = """() => document.body.dataset.theme === 'dark' || document.documentElement.dataset.theme === 'dark'"""


def test_chromium_is_installed() -> None:
    """Not a skip: `make test` installs Chromium, so a missing one is an error to fix."""
    assert CHROMIUM.exists(), MISSING_CHROMIUM


def test_chromium_sees_only_the_pinned_fonts(site: str, chromium: Browser) -> None:
    """Every local font Chromium can use is a pinned face, and every pinned face is there."""
    context = chromium.new_context()
    try:
        context.grant_permissions(["local-fonts"])
        page = context.new_page()
        page.goto(f"{site}/alabaster/about.html")  # queryLocalFonts wants a secure context: http://127.0.0.1 is one
        seen = page.evaluate("async () => (await window.queryLocalFonts()).map(f => f.postscriptName)")
    finally:
        context.close()
    assert sorted(seen) == sorted(name for faces in PINNED_FONTS.values() for name in faces)


# Per element with text of its own: whether all its text is its own (CSS.getPlatformFontsForNode
# reports the fonts of the whole subtree), and its computed style.
TEXT_ELEMENTS_JS = """
() => {
  const hasText = (el) => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  return [...document.querySelectorAll('body *')].map(el => {
    if (!hasText(el) || el.getClientRects().length === 0) return null;
    const style = getComputedStyle(el);
    return {
      name: [el.tagName.toLowerCase(), ...el.classList].join('.'),
      text: el.textContent.trim().slice(0, 30),
      alone: ![...el.querySelectorAll('*')].some(hasText),
      italic: style.fontStyle !== 'normal',
      bold: Number(style.fontWeight) >= 600,
    };
  });
}
"""
# The family a theme's own text is set in, once its font stack reaches the pinned fonts.
THEME_FAMILIES = {"alabaster": "DejaVu Serif", "furo": "DejaVu Sans", "pydata_sphinx_theme": "DejaVu Sans"}


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_text_is_set_in_the_pinned_fonts(view_page: OpenPage, theme: str) -> None:
    """What the page is drawn with, as Chromium reports it: pinned faces only, none faked.

    A font stack that fontconfig answered from the machine's own fonts, or a face
    the browser had to synthesize (a missing italic), shows up here by name.
    """
    page = view_page(theme, "cse599o.html")
    pinned = {name: family for family, faces in PINNED_FONTS.items() for name in faces}
    problems: list[str] = []
    families: dict[str, int] = {}
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "body *"})["nodeIds"]
        elements = page.evaluate(TEXT_ELEMENTS_JS)
        assert len(nodes) == len(elements)
        for node, element in zip(nodes, elements, strict=True):
            if element is None:
                continue
            used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            # Web fonts the theme ships (pydata's icons) are the site's files, not the machine's.
            used = [font for font in used if not font["isCustomFont"]]
            where = f"<{element['name']}> {element['text']!r}"
            unpinned = sorted({font["familyName"] for font in used if font["postScriptName"] not in pinned})
            if unpinned:
                problems.append(f"{where}: drawn in {unpinned}")
            if unpinned or not used or not element["alone"]:
                continue
            face = max(used, key=lambda font: font["glyphCount"])["postScriptName"]
            families[pinned[face]] = families.get(pinned[face], 0) + 1
            if ("Italic" in face or "Oblique" in face) != element["italic"] or ("Bold" in face) != element["bold"]:
                problems.append(f"{where}: {'italic' if element['italic'] else 'upright'}, drawn in {face}")
    finally:
        cdp.detach()
    assert not problems, f"{len(problems)} texts not in their pinned face:\n" + "\n".join(problems[:12])
    assert max(families, key=families.__getitem__) == THEME_FAMILIES[theme], families


# -- in-page helpers ---------------------------------------------------------------------

# Colors through a 1x1 canvas, so any CSS color syntax comes back as sRGB bytes;
# the background is the first opaque one up the ancestors, with translucent ones
# composited over it.
COLOR_JS = """
window.__cc = (() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const seen = new Map();
  const rgba = (css) => {
    if (!seen.has(css)) {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const d = ctx.getImageData(0, 0, 1, 1).data;
      seen.set(css, [d[0], d[1], d[2], d[3] / 255]);
    }
    return seen.get(css);
  };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg === 'transparent' || bg === 'rgba(0, 0, 0, 0)') continue;
      const c = rgba(bg);
      if (c[3] === 0) continue;
      layers.push(c);
      if (c[3] === 1) break;
    }
    return layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255, 1]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return {rgba, over, background, ratio, shown};
})();
"""

# Every element with text of its own inside the roots: its text color against its
# effective background. Returns {selector: count} and the ones below the minimum.
TEXT_CONTRAST_JS = """
([selectors, minimum]) => {
  const cc = window.__cc;
  const counts = {}, low = [];
  for (const selector of selectors) {
    counts[selector] = 0;
    for (const root of document.querySelectorAll(selector)) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        const text = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!text || !cc.shown(el)) continue;
        const bg = cc.background(el);
        const fg = cc.over(cc.rgba(getComputedStyle(el).color), bg);
        const ratio = cc.ratio(fg, bg);
        counts[selector] += 1;
        if (ratio < minimum) {
          low.push(`${ratio.toFixed(2)}: <${el.tagName.toLowerCase()} class="${el.className}"> ` +
                   `${JSON.stringify(el.textContent.trim().slice(0, 40))} fg=${fg.slice(0, 3).map(Math.round)} ` +
                   `bg=${bg.slice(0, 3).map(Math.round)}`);
        }
      }
    }
  }
  return [counts, low];
}
"""


def rgb(hex_color: str) -> str:
    """``#4b2e83`` as the browser computes it: ``rgb(75, 46, 131)``."""
    value = hex_color.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({red}, {green}, {blue})"


# Themes scroll smoothly (furo sets scroll-behavior: smooth): wait until the page stands still.
SETTLE_JS = """
() => new Promise(resolve => {
  let last = -1, still = 0, frames = 0;
  const tick = () => {
    frames += 1;
    if (scrollY === last) still += 1; else { still = 0; last = scrollY; }
    if (still >= 6 || frames > 150) resolve(scrollY); else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})
"""


def settle(page: Page) -> None:
    page.wait_for_load_state("load")
    page.evaluate(SETTLE_JS)


def in_viewport(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate(
            """(selector) => {
              const r = document.querySelector(selector).getBoundingClientRect();
              // 1px of slack: a scrolled-to target may sit at -0.05px after sub-pixel layout.
              return r.height > 0 && r.top >= -1 && r.bottom <= innerHeight + 1
                     && r.left >= -1 && r.right <= innerWidth + 1;
            }""",
            selector,
        )
    )


@functools.cache
def schedule(course: str) -> Schedule:
    return load_schedule({"cse599o": SEED_000_SCHEDULE, "cs599e1": SEED_003_SCHEDULE}[course])


def busy_days(course: str) -> set[dt.date]:
    """Every date the month view fills: each occurrence, over all its days."""
    days = set()
    for occurrence in schedule(course).select():
        day = occurrence.date
        while day <= occurrence.last:
            days.add(day)
            day += dt.timedelta(days=1)
    return days


# -- 1. the month view on a phone ----------------------------------------------------------

MONTH_DAYS_JS = """
() => [...document.querySelectorAll('.coursecal-view-month td.coursecal-day')].map(td => {
  const r = td.getBoundingClientRect();
  const label = td.querySelector('.coursecal-day-number');
  const weekday = td.querySelector('.coursecal-weekday');
  const lr = label.getBoundingClientRect();
  return {
    date: /coursecal-date-(\\S+)/.exec(td.className)[1],
    empty: td.classList.contains('coursecal-empty'),
    display: getComputedStyle(td).display,
    box: [r.left, r.right, r.width, r.height],
    label: label.innerText.trim(),
    labelBox: [lr.left, lr.right, lr.width, lr.height],
    weekdayShown: getComputedStyle(weekday).display !== 'none' && weekday.getClientRects().length > 0,
  };
})
"""


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_month_view_on_a_phone(view_page: OpenPage, theme: str) -> None:
    page = view_page(theme, "cse599o.html", size=MOBILE)
    width = page.evaluate("innerWidth")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width + 1, "the page scrolls sideways"

    cells = page.evaluate(MONTH_DAYS_JS)
    shown = {dt.date.fromisoformat(c["date"]) for c in cells if not c["empty"]}
    assert shown == busy_days("cse599o"), "the non-empty days are not the schedule's days"
    for cell in cells:
        day = dt.date.fromisoformat(cell["date"])
        if cell["empty"]:
            assert cell["display"] == "none", f"empty day {day} is shown"
            continue
        left, right, box_width, height = cell["box"]
        assert cell["display"] == "block", f"{day} is not a block: {cell['display']}"
        assert box_width > 0, f"{day} has no width"
        assert height > 0, f"{day} has no height"
        assert left >= -1, f"{day} starts off screen: {cell['box']}"
        assert right <= width + 1, f"{day} runs off screen: {cell['box']}"
        assert cell["weekdayShown"], f"{day}: the weekday is hidden"
        # "Wed 24"; a 1st (and a day under another month's heading) names its month: "Wed Oct 1".
        plain = f"{WEEKDAYS[day.weekday()]} {day.day:02d}"
        named = f"{WEEKDAYS[day.weekday()]} {MONTHS[day.month - 1][:3]} {day.day}"
        assert cell["label"] in ((named,) if day.day == 1 else (plain, named)), f"{day}: label {cell['label']!r}"
        label_left, label_right, label_width, _ = cell["labelBox"]
        assert label_width > 0, f"{day}: the label has no width"
        assert label_left >= 0, f"{day}: the label starts off screen"
        assert label_right <= width, f"{day}: the label runs off screen"

    titles = page.evaluate(
        """() => [...document.querySelectorAll('.coursecal-view-month .coursecal-kind-lecture .coursecal-title')]
              .map(t => { const r = t.getBoundingClientRect();
                          return [t.innerText, r.left, r.right, t.scrollWidth, t.clientWidth]; })"""
    )
    lectures = [o for o in schedule("cse599o").select(kinds=["lecture"]) if o.session is not None]
    assert len(titles) == len(lectures) > 10
    for text, left, right, scroll_width, client_width in titles:
        assert left >= 0, f"lecture title {text!r} starts off screen: {left}"
        assert right <= width, f"lecture title {text!r} runs off screen: {right}"
        assert scroll_width <= client_width + 1, f"lecture title {text!r} is clipped"


@pytest.mark.parametrize("path", ["cs599e1.html", "papers/cse599o/tensorflow.html", "notes/frameworks.html"])
@pytest.mark.parametrize("theme", ALL_THEMES)
def test_other_pages_do_not_scroll_sideways_on_a_phone(view_page: OpenPage, theme: str, path: str) -> None:
    """The table may scroll inside its box; the page itself must not."""
    page = view_page(theme, path, size=MOBILE)
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth + 1"), "the page scrolls sideways"


MONTH_HEADINGS_JS = """
() => {
  const result = [];
  let heading = null;
  for (const el of document.querySelectorAll('.coursecal-view-month .coursecal-month-name, '
                                             + '.coursecal-view-month td.coursecal-day:not(.coursecal-empty)')) {
    if (el.classList.contains('coursecal-month-name')) heading = el.innerText.trim();
    else result.push([/coursecal-date-(\\S+)/.exec(el.className)[1], heading, el.innerText.split('\\n')[0].trim()]);
  }
  return result;
}
"""


def test_phone_days_sit_under_their_own_month(view_page: OpenPage) -> None:
    page = view_page("alabaster", "cse599o.html", size=MOBILE)
    wrong = []
    for date, heading, label in page.evaluate(MONTH_HEADINGS_JS):
        day = dt.date.fromisoformat(date)
        month = MONTHS[day.month - 1]
        if heading != f"{month} {day.year}" and month[:3] not in label:
            wrong.append(f"{label} ({date}) under {heading!r}")
    assert not wrong, "days under another month's heading, without a month in their label: " + "; ".join(wrong)


PYDATA_NARROW = (
    "pydata's content column at a 1280px window is narrower than the six-column "
    "table's shortest layout, so the table scrolls sideways inside its own box there"
)


@pytest.mark.parametrize(
    "theme",
    [
        pytest.param(theme, marks=pytest.mark.xfail(strict=True, reason=PYDATA_NARROW))
        if theme == "pydata_sphinx_theme"
        else theme
        for theme in ALL_THEMES
    ],
)
def test_desktop_table_fits_the_content_column(view_page: OpenPage, theme: str) -> None:
    """No wider than the month grid on the same page, which fills the column (furo shifts both by 3px)."""
    page = view_page(theme, "cse599o.html")
    spill = page.evaluate(
        """() => { const right = (s) => document.querySelector(s).getBoundingClientRect().right;
                   return right('.coursecal-view-table table')
                          - Math.max(right('.coursecal-view-table'), right('.coursecal-view-month table')); }"""
    )
    assert spill <= 1, f"the table is {spill:.0f}px wider than its column"


# -- 2. contrast, light and dark ------------------------------------------------------------

CONTRAST_PAGES = {
    "cse599o.html": [
        ".coursecal-view-month table td",
        ".coursecal-view-month .coursecal-item",
        ".coursecal-view-table table th",
        ".coursecal-view-table table td",
        ".coursecal-view-list",
        ".coursecal-reading-list",
        "details.coursecal-legend",
    ],
    "cs599e1.html": [".coursecal-view-table table th", ".coursecal-view-table table td", "details.coursecal-legend"],
    "papers/cse599o/tensorflow.html": [".coursecal-paper-page"],
}
MODES = [
    ("alabaster", "light"),
    ("furo", "light"),
    ("furo", "dark"),
    ("pydata_sphinx_theme", "light"),
    ("pydata_sphinx_theme", "dark"),
]


def contrast_problems(page: Page, selectors: list[str], minimum: float) -> list[str]:
    page.evaluate(COLOR_JS)
    counts, low = page.evaluate(TEXT_CONTRAST_JS, [selectors, minimum])
    for selector, count in counts.items():
        assert count > 0, f"nothing to check under {selector}"
    return list(low)


@pytest.mark.parametrize(("theme", "mode"), MODES)
def test_text_contrast(view_page: OpenPage, theme: str, mode: str) -> None:
    """WCAG AA for text (4.5:1) in table cells, month items, the legend and a paper page."""
    problems = []
    for path, selectors in CONTRAST_PAGES.items():
        page = view_page(theme, path, mode=mode)
        problems += [f"{path}: {problem}" for problem in contrast_problems(page, selectors, 4.5)]
    assert not problems, f"{len(problems)} texts below 4.5:1:\n" + "\n".join(problems[:12])


@pytest.mark.parametrize(
    ("theme", "mode"),
    [pytest.param(theme, mode) for theme, mode in MODES],
)
def test_text_contrast_on_today(view_page: OpenPage, theme: str, mode: str) -> None:
    page = view_page(theme, "cse599o.html", mode=mode, now=TODAY)
    today = ".coursecal-today"
    assert page.locator(today).count() >= 2
    problems = contrast_problems(page, [today], 4.5)
    assert not problems, f"{len(problems)} texts below 4.5:1 on today's cells:\n" + "\n".join(problems[:12])


@pytest.mark.parametrize(
    ("theme", "mode"),
    [pytest.param(theme, mode) for theme, mode in MODES],
)
def test_kind_accents_stand_out(view_page: OpenPage, theme: str, mode: str) -> None:
    """The swatches (and so the borders of the same colors) need 3:1 against the page."""
    page = view_page(theme, "cse599o.html", mode=mode)
    page.evaluate(COLOR_JS)
    ratios = page.evaluate(
        """() => [...document.querySelectorAll('.coursecal-view-month .coursecal-legend .coursecal-swatch')].map(s => {
             const cc = window.__cc;
             const color = cc.rgba(getComputedStyle(s).backgroundColor);
             return [s.className, cc.ratio(color, cc.background(s.parentElement))];
           })"""
    )
    assert ratios
    low = [f"{name}: {ratio:.2f}" for name, ratio in ratios if ratio < 3]
    assert not low, "kind colors below 3:1 against the page: " + ", ".join(low)


# -- 3. the color key ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("theme", "js"),
    [("alabaster", True), ("furo", True), ("pydata_sphinx_theme", True), ("alabaster", False)],
    ids=["alabaster", "furo", "pydata", "no-js"],
)
def test_color_key_is_open(view_page: OpenPage, theme: str, js: bool) -> None:
    """A <details open> in the HTML itself: open before, and without, any script."""
    page = view_page(theme, "cse599o.html", js=js)
    legends = page.locator("details.coursecal-legend")
    assert legends.count() == 3  # month, table and list views
    for index in range(legends.count()):
        legend = legends.nth(index)
        assert legend.evaluate("d => d.open")
        assert legend.locator("ul.coursecal-legend-items").is_visible()
        assert legend.locator(".coursecal-swatch").first.is_visible()


def test_color_key_folds(open_page: OpenPage) -> None:
    page = open_page("furo", "cse599o.html")
    legend = page.locator(".coursecal-view-month details.coursecal-legend")
    items = legend.locator("ul.coursecal-legend-items")
    assert items.is_visible()
    legend.locator("summary").click()
    assert items.is_hidden()
    assert not legend.evaluate("d => d.open")
    legend.locator("summary").click()
    assert items.is_visible()


@pytest.mark.parametrize("course", ["cse599o", "cs599e1"])
@pytest.mark.parametrize("theme", ALL_THEMES)
def test_colors_are_the_schedules(view_page: OpenPage, theme: str, course: str) -> None:
    """Each swatch, month item and table row shows its kind's color from the schedule."""
    page = view_page(theme, f"{course}.html")
    if course == "cse599o":
        assert rgb(schedule(course).kind("lecture").color) == "rgb(75, 46, 131)"  # #4b2e83, UW purple

    def color(classes: str) -> str:
        """The color the schedule gives the kind named in these classes."""
        kind = re.search(r"coursecal-kind-(\S+)", classes)
        assert kind is not None, f"no kind in {classes!r}"
        return rgb(schedule(course).kind(kind.group(1)).color)

    swatches = page.evaluate(
        """() => [...document.querySelectorAll('.coursecal-legend .coursecal-swatch')]
              .map(s => [s.className, getComputedStyle(s).backgroundColor])"""
    )
    assert swatches
    for classes, shown in swatches:
        assert shown == color(classes), f"swatch {classes}: {shown}"

    # Month and list items carry the kind as a left border; table rows as a 4px inset shadow
    # on the first cell (drawn inside, so rows keep the table's edge).
    borders = page.evaluate(
        """() => [...document.querySelectorAll('.coursecal-item')]
              .map(e => [e.className, getComputedStyle(e).borderLeftColor, getComputedStyle(e).borderLeftWidth])"""
    )
    accents = page.evaluate(
        """() => [...document.querySelectorAll('.coursecal-view-table tr.coursecal-row > td:first-child')]
              .map(cell => [cell.parentElement.className, getComputedStyle(cell).boxShadow])"""
    )
    assert len(borders) + len(accents) > 20
    for classes, shown, border_width in borders:
        assert shown == color(classes), f"{classes}: left border {shown}"
        assert float(border_width.removesuffix("px")) >= 3, f"{classes}: left border only {border_width}"
    for classes, shadow in accents:
        match = re.fullmatch(r"(rgba?\([^)]*\)) (\d+(?:\.\d+)?)px 0px 0px 0px inset", shadow)
        assert match, f"{classes}: no inset accent ({shadow!r})"
        assert match.group(1) == color(classes), f"{classes}: accent {match.group(1)}"
        assert float(match.group(2)) >= 3, f"{classes}: accent only {match.group(2)}px"


# -- 4. today ---------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_today_is_marked(view_page: OpenPage, theme: str) -> None:
    page = view_page(theme, "cse599o.html", now=TODAY)
    marked = page.evaluate(
        "() => [...document.querySelectorAll('.coursecal-today')].map(e => e.tagName + ' ' + e.className)"
    )
    assert any(m.startswith("TD ") and "coursecal-date-2025-10-15" in m for m in marked), marked
    assert any(m.startswith("TR ") and "coursecal-row" in m and "coursecal-date-2025-10-15" in m for m in marked)
    assert all("coursecal-date-2025-10-15" in m for m in marked), marked
    page.evaluate(COLOR_JS)
    today, other = page.evaluate(
        """() => ['td.coursecal-date-2025-10-15', 'td.coursecal-date-2025-10-17']
              .map(s => window.__cc.background(document.querySelector(s)).slice(0, 3).map(Math.round).join())"""
    )
    assert today != other, "today's cell looks like any other day"


@pytest.mark.parametrize(
    "theme",
    [
        "alabaster",
        "furo",
        "pydata_sphinx_theme",
    ],
)
def test_table_page_opens_at_this_week(open_page: OpenPage, theme: str) -> None:
    """CS 599 E1 on Wed Oct 15: Class 13 (Thu Oct 16) is the next row, brought into view."""
    page = open_page(theme, "cs599e1.html", now=TODAY)
    row = ".coursecal-view-table tr.coursecal-row.coursecal-date-2025-10-16"
    settle(page)
    assert in_viewport(page, row), "this week's row is not in view"

    page = open_page(theme, "cs599e1.html#presentations-only", now=TODAY)
    settle(page)
    assert in_viewport(page, "#presentations-only h2, #presentations-only h1")
    assert not in_viewport(page, row), "the script scrolled away from the reader's #fragment"


@pytest.mark.parametrize(
    ("theme", "path"),
    [
        ("alabaster", "cse599o.html"),
        ("alabaster", "cs599e1.html"),
        ("furo", "cse599o.html"),
        ("pydata_sphinx_theme", "cse599o.html"),
    ],
)
def test_without_javascript_nothing_is_missing(view_page: OpenPage, theme: str, path: str) -> None:
    """The script only adds a class and scrolls: every calendar shows the same text without it."""
    scripted = view_page(theme, path, now=TODAY)
    plain = view_page(theme, path, js=False)
    texts = "() => [...document.querySelectorAll('.coursecal')].map(e => e.innerText)"
    with_js, without_js = scripted.evaluate(texts), plain.evaluate(texts)
    assert len(without_js) == len(with_js) >= 1
    for index, (expected, got) in enumerate(zip(with_js, without_js, strict=True)):
        assert got == expected, f"{path}: calendar {index} differs without JavaScript"
    assert scripted.locator(".coursecal-today").count() >= (2 if path == "cse599o.html" else 0)
    assert plain.locator(".coursecal-today").count() == 0


# -- 5. links -----------------------------------------------------------------------------------

TARGET_JS = """
() => {
  const target = document.querySelector(':target');
  if (!target) return null;
  const host = target.closest('.coursecal-item') || target.closest('tr') || target.closest('p') || target;
  const t = target.getBoundingClientRect(), h = host.getBoundingClientRect();
  const hit = document.elementFromPoint(h.left + 6, t.top + t.height / 2);
  return {
    id: target.id,
    host: host.tagName + ' ' + host.className,
    inView: t.height > 0 && t.top >= -1 && t.bottom <= innerHeight && h.left >= 0 && h.right <= innerWidth,
    uncovered: !!hit && host.contains(hit),
    hit: hit ? hit.tagName + ' ' + hit.className : null,
    text: host.innerText,
  };
}
"""


def landed(page: Page, url_end: str) -> dict[str, Any]:
    page.wait_for_url(re.compile(re.escape(url_end) + "$"))
    settle(page)
    where = page.evaluate(TARGET_JS)
    assert where is not None, f"no element is the :target of {page.url}"
    assert page.url.endswith("#" + where["id"])
    assert where["inView"], f"{where['host']} is not scrolled into view"
    assert where["uncovered"], f"{where['host']} is hidden behind {where['hit']}"
    return dict(where)


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_links_between_notes_papers_and_calendar(open_page: OpenPage, theme: str) -> None:
    page = open_page(theme, "notes/frameworks.html")
    page.locator("section > p a[href$='papers/cse599o/tensorflow.html']").first.click()
    page.wait_for_url(re.compile(r"papers/cse599o/tensorflow\.html$"))
    assert "TensorFlow" in page.locator(".coursecal-paper-page h1").inner_text()

    page.locator("#assigned a[href*='cse599o.html#']").click()
    where = landed(page, "cse599o.html#coursecal-cse599o-frameworks-session")
    assert "ML frameworks" in where["text"]

    page.go_back()
    page.wait_for_url(re.compile(r"papers/cse599o/tensorflow\.html$"))
    page.locator("#cited ul a").click()
    where = landed(page, "notes/frameworks.html#coursecal-cite-1-cse599o-tensorflow")
    assert "We compare the dataflow graph" in where["text"], "not back at the citing paragraph"


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_link_to_a_table_row(open_page: OpenPage, theme: str) -> None:
    page = open_page(theme, "papers/cs599e1/vaswani2017.html", now=TODAY)
    page.locator("#assigned a[href*='cs599e1.html#']").first.click()
    where = landed(page, "cs599e1.html#coursecal-cs599e1-transformers-session")
    assert where["host"].startswith("TR "), f"landed in {where['host']}, not the table row"
    assert "Supervised learning" in where["text"]


# -- 6. screenshots -------------------------------------------------------------------------------


SHOT_DAY = dt.datetime(2025, 10, 1, 10, 0, tzinfo=TIMEZONE)  # Wed Oct 1: today sits in the first month shown
SHOTS = [
    # name, theme, page, viewport, mode, what (a selector; None: the whole page), the most height to keep
    ("month-alabaster-1280.png", "alabaster", "cse599o.html", DESKTOP, "light", ".coursecal-view-month", 1250),
    ("month-furo-1280.png", "furo", "cse599o.html", DESKTOP, "light", ".coursecal-view-month", 1250),
    ("month-furo-dark-1280.png", "furo", "cse599o.html", DESKTOP, "dark", ".coursecal-view-month", 1250),
    ("month-pydata-1280.png", "pydata_sphinx_theme", "cse599o.html", DESKTOP, "light", ".coursecal-view-month", 1250),
    ("month-alabaster-375.png", "alabaster", "cse599o.html", MOBILE, "light", ".coursecal-view-month", 1400),
    ("month-furo-375.png", "furo", "cse599o.html", MOBILE, "light", ".coursecal-view-month", 1400),
    ("paper-alabaster-1280.png", "alabaster", "papers/cse599o/tensorflow.html", DESKTOP, "light", None, 800),
    ("paper-furo-dark-1280.png", "furo", "papers/cse599o/tensorflow.html", DESKTOP, "dark", None, 800),
    ("table-cs599e1-alabaster-1280.png", "alabaster", "cs599e1.html", DESKTOP, "light", ".coursecal", 1300),
    ("table-cs599e1-pydata-1280.png", "pydata_sphinx_theme", "cs599e1.html", DESKTOP, "light", ".coursecal", 1300),
]


def test_screenshots(open_page: OpenPage, screenshots: Path) -> None:
    """For the README and for a person to look at: each view from its top, a margin around it."""
    for name, theme, path, size, mode, selector, most in SHOTS:
        page = open_page(theme, path, size=size, mode=mode, now=SHOT_DAY)
        page.evaluate("scrollTo({top: 0, behavior: 'instant'})")  # the today script may have scrolled
        target = screenshots / name
        if selector is None:
            page.screenshot(path=str(target), full_page=True, clip={"x": 0, "y": 0, "width": size[0], "height": most})
        else:
            box = page.evaluate(
                """(selector) => { const r = document.querySelector(selector).getBoundingClientRect();
                                   return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }""",
                selector,
            )
            margin = 16
            left, top = max(box[0] - margin, 0), max(box[1] - margin, 0)
            width = min(box[2] + 2 * margin, size[0] - left)
            height = min(box[3] + 2 * margin, most)
            page.screenshot(
                path=str(target), full_page=True, clip={"x": left, "y": top, "width": width, "height": height}
            )
        assert target.stat().st_size > 10_000, f"{target} looks empty"
