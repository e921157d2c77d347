"""The previous publication: the feed and change history subscribers have now, read back.

Every build compares its feeds with the ones published before
(``revisions.py``), so SEQUENCE rises exactly for the events that changed.
Read the Docs builds a fresh clone every time, with nothing left from the
last build, so the published site itself is the state: the build reads the
files back from their stable addresses (the site's URL + the file's name).

``coursecal_ics_previous`` says where: ``"auto"`` (the site's address, as
feed links use it), an ``http(s)`` address to read them from instead, a
folder (relative to the configuration directory) holding copies, or False.
Only http and https are fetched, with a bounded timeout and size; addresses
under the names reserved for examples (RFC 2606: example.org, .test,
.invalid…) are never asked, as nothing is published there.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from .. import __version__

if TYPE_CHECKING:
    from sphinx.config import Config

TIMEOUT_SECONDS = 10
MAX_BYTES = 16 * 1024 * 1024  # a term's feed is well under 1 MB; a larger answer is not ours
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_TLDS = ("example", "invalid", "test")


@dataclass(frozen=True)
class Source:
    """Where the previous publication is read from: a site (``base`` URL) or a local folder."""

    base: str  # "https://cs101.readthedocs.io/en/latest/", or a folder's path
    local: bool = False

    def where(self, name: str) -> str:
        return str(Path(self.base) / name) if self.local else urljoin(self.base, name)


@dataclass(frozen=True)
class Read:
    """One file of the previous publication: its bytes, or why there are none."""

    data: bytes | None
    missing: bool = False  # nothing is published under that name (404, or no such file)
    problem: str = ""  # why it could not be read, when it is neither there nor missing


def reserved(url: str) -> bool:
    """An address under a name reserved for examples (RFC 2606): never a published site."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host.rsplit(".", 1)[-1] in RESERVED_TLDS:
        return True
    return any(host == domain or host.endswith(f".{domain}") for domain in RESERVED_DOMAINS)


def source(config: Config, confdir: str | Path, site: str) -> tuple[Source | None, str]:
    """Where to read the previous publication from, or None and why not (for the log)."""
    setting: Any = config.coursecal_ics_previous
    if setting is False or setting == "":
        return None, "coursecal_ics_previous is off"
    if setting is True or setting == "auto":
        if not site:
            return None, "the site's address is unknown (set html_baseurl)"
        if reserved(site):
            return None, f"{site} is an example address, where nothing is published"
        return Source(site), ""
    text = str(setting)
    if urlsplit(text).scheme in ("http", "https"):
        return Source(text if text.endswith("/") else text + "/"), ""
    return Source(str((Path(confdir) / text).resolve()), local=True), ""


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed to http(s) addresses only."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.URLError(f"a redirect to {newurl!r}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_BYTES) -> Read:
    """One published file over http(s)."""
    if urlsplit(url).scheme not in ("http", "https"):
        return Read(None, problem=f"{url} is not an http(s) address")
    request = urllib.request.Request(  # the scheme is checked above: http(s) only
        url,
        headers={
            "User-Agent": f"sphinxcontrib-coursecal/{__version__} (reading its previous publication)",
            "Cache-Control": "no-cache",  # the copy subscribers get now, not a cache's older one
        },
    )
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        if error.code in (404, 410):
            return Read(None, missing=True)
        return Read(None, problem=f"HTTP {error.code} {error.reason}")
    except (urllib.error.URLError, OSError, ValueError) as error:  # DNS, refused, timed out, TLS
        reason = getattr(error, "reason", error)
        return Read(None, problem=str(reason) or type(error).__name__)
    if len(data) > limit:
        return Read(None, problem=f"larger than {limit // (1024 * 1024)} MB")
    return Read(data)


def read(where: Source, name: str) -> Read:
    """The previous publication's file ``name`` (a feed, its history), from the site or a folder."""
    if not where.local:
        return fetch(where.where(name))
    path = Path(where.where(name))
    if not path.is_file():
        return Read(None, missing=True)
    try:
        if path.stat().st_size > MAX_BYTES:
            return Read(None, problem=f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        return Read(path.read_bytes())
    except OSError as error:
        return Read(None, problem=str(error))
