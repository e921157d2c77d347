"""The change history: what each publication of a course's feeds changed, kept across builds.

Pure. A build compares its feed with the published one (``revisions.py``);
"what changed" needs more than one step back, so the history is published
too, beside the feed (``<course>-changes.json``), and each build reads the
published copy, appends its own changes with the build's time, and publishes
it again. A build that changes nothing appends nothing.

The file is versioned (``format`` and ``version``); a build refuses a history
it cannot read rather than guess, and the Sphinx layer says so in the log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import icalendar

from .revisions import Change, Revision, read_calendar, read_feed, retire, revise

FORMAT = "sphinxcontrib-coursecal changes"
VERSION = 1
UTC = dt.UTC


def _time(value: dt.datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_time(value: object) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError(f"not a time: {value!r}")
    return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


@dataclass(frozen=True)
class Publication:
    """One build that changed the feed: when, and what."""

    at: dt.datetime
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class History:
    """A course's publications that changed something, oldest first."""

    course: str
    since: dt.datetime  # when this history began (the first publication it knows)
    publications: tuple[Publication, ...] = ()
    retired: Mapping[str, int] = field(default_factory=dict)  # removed events' last SEQUENCE

    def newest_first(self) -> list[Publication]:
        return sorted(self.publications, key=lambda publication: publication.at, reverse=True)

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "course": self.course,
            "since": _time(self.since),
            "retired": dict(sorted(self.retired.items())),
            "publications": [
                {"at": _time(publication.at), "changes": [change.to_json() for change in publication.changes]}
                for publication in self.publications
            ],
        }
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes, course: str) -> History:
        """A published history; ValueError if it is not one, is another course's, or is too new to read."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"not JSON ({error})") from error
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a change history of sphinxcontrib-coursecal")
        version = data.get("version")
        if not isinstance(version, int) or version > VERSION:
            raise ValueError(f"version {version!r} of the format; this version of the extension reads {VERSION}")
        if data.get("course") != course:
            raise ValueError(f"the history of the course {data.get('course')!r}, not {course!r}")
        retired = data.get("retired", {})
        publications = data.get("publications", [])
        if not isinstance(retired, dict) or not isinstance(publications, list):
            raise ValueError("`retired` must be a mapping and `publications` a list")
        try:
            return cls(
                course=course,
                since=_parse_time(data.get("since")),
                publications=tuple(
                    Publication(_parse_time(item["at"]), tuple(Change.from_json(change) for change in item["changes"]))
                    for item in publications
                ),
                retired={str(uid): int(sequence) for uid, sequence in retired.items()},
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"a publication cannot be read ({error})") from error


@dataclass(frozen=True)
class Revised:
    """One build's feed revisions, what it changed, and the history to publish with it."""

    revisions: dict[str, Revision]
    changes: tuple[Change, ...]
    history: History
    compared: bool  # against a published feed; False: the stateless rule (nothing to compare with)


def next_publication(
    current: icalendar.Calendar | bytes,
    previous: bytes | None,
    history: History | None,
    now: dt.datetime,
    course: str,
) -> Revised:
    """This build's revisions, compared with the feed as published (``previous``), and its history.

    ``current`` is the course's whole feed as written without history (as
    built: parsing it again would only cost time). Raises
    ValueError when ``previous`` cannot be read, or holds no event of this
    course (the address names another feed): comparing with it would be wrong.
    """
    domain = f"{course}.coursecal"
    events = read_feed(current, domain) if isinstance(current, bytes) else read_calendar(current, domain)
    published = None
    if previous is not None:
        published = read_feed(previous, domain)
        if not published:
            raise ValueError(f"it holds no event of the course {course!r}")
    known = history or History(course, since=now)
    revisions, changes = revise(published, events, now, known.retired)
    publications = known.publications
    if changes:
        publications = (*publications, Publication(now, tuple(changes)))
    return Revised(
        revisions=revisions,
        changes=tuple(changes),
        history=History(course, known.since, publications, retire(published, events, known.retired)),
        compared=published is not None,
    )
