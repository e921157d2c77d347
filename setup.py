"""The message catalogs are compiled when the package is built, so no ``.mo`` file is committed.

Everything else about the package is in ``pyproject.toml``. This file adds one
step to setuptools' ``build_py``: each ``locale/<lang>/LC_MESSAGES/*.po``
becomes the ``.mo`` beside it, compiled with Babel (a build requirement), fuzzy
entries left out as gettext's ``msgfmt`` leaves them out. A wheel gets the
``.mo`` files in its build folder; an editable install (``pip install -e .``,
which ``make`` uses for the tests and the example) gets them in the source tree,
where the package is imported from (``.gitignore`` keeps them out of git).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py

PACKAGE = "sphinxcontrib_coursecal"


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    """Every ``.po`` under ``source/locale`` compiled to the same place under ``target/locale``."""
    written = []
    for po in sorted((source / "locale").glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as stream:
            catalog = read_po(stream, locale=po.parent.parent.name, domain=po.stem)
        mo = target / po.relative_to(source).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as stream:
            write_mo(stream, catalog, use_fuzzy=False)
        written.append(mo)
    return written


class BuildWithCatalogs(build_py):  # type: ignore[misc]
    """``build_py``, then the catalogs: into the build folder, or the source tree when editable."""

    def run(self) -> None:
        super().run()
        source = Path(self.get_package_dir(PACKAGE))
        target = source if self.editable_mode else Path(self.build_lib) / PACKAGE
        for mo in compile_catalogs(source, target):
            self.announce(f"compiled {mo}", level=2)


setup(cmdclass={"build_py": BuildWithCatalogs})
