"""Chromium for every browser test: Debian's /usr/bin/chromium, text in pinned fonts.

One launch for the whole suite (the ``chromium`` fixture in ``conftest.py``), so
every test that opens a page, layout test or README screenshot, measures the
same text: Chromium runs with a fontconfig of its own that sees only the DejaVu
files ``.ci/install-test-deps`` provides, whatever else the machine has (see
``PINNED_FONTS``). Playwright never downloads a browser here, and a missing
Chromium or font is a failure, not a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    f"Chromium is not installed at {CHROMIUM}; the browser tests need it. "
    "`make test` installs it (.ci/install-test-deps), or: `sudo apt-get install chromium`."
)

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


class MissingBrowserError(RuntimeError):
    """Chromium or a pinned font is not installed: `make test` installs them."""


def write_fontconfig(root: Path) -> Path:
    """A fonts.conf under ``root`` that admits the pinned font files and nothing else.

    fontconfig reads whole directories, and the DejaVu one may hold more than the
    pinned faces (fonts-dejavu-extra's condensed and light ones), so the pinned files
    are linked into a directory of their own.
    """
    files = [PINNED_FONT_DIR / f"{name}.ttf" for faces in PINNED_FONTS.values() for name in faces]
    missing = [str(file) for file in files if not file.is_file()]
    if missing:
        raise MissingBrowserError(MISSING_FONTS.format(missing=", ".join(missing)))
    fonts = root / "fonts"
    fonts.mkdir(parents=True)
    for file in files:
        (fonts / file.name).symlink_to(file)
    aliases = "\n".join(
        f'  <alias binding="same"><family>{generic}</family><prefer><family>{family}</family></prefer></alias>'
        for generic, family in GENERIC_FONTS.items()
    )
    conf = root / "fonts.conf"
    conf.write_text(FONTS_CONF.format(fonts=escape(str(fonts)), cache=escape(str(root / "cache")), aliases=aliases))
    return conf


@contextmanager
def launch_chromium(root: Path) -> Iterator[Browser]:
    """Chromium with the pinned fonts; ``root`` is an empty folder for its fontconfig."""
    if not CHROMIUM.exists():
        raise MissingBrowserError(MISSING_CHROMIUM)
    conf = write_fontconfig(root)
    # FONTCONFIG_FILE replaces the system's configuration for Chromium and its
    # renderers; the other FONTCONFIG_* variables would point elsewhere again.
    env = {name: value for name, value in os.environ.items() if not name.startswith("FONTCONFIG_")}
    env["FONTCONFIG_FILE"] = str(conf)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, env=env)
        try:
            yield browser
        finally:
            browser.close()
