"""What a course's generated files are made from, as one digest: unchanged inputs, nothing made again.

An edit-loop build that changes no course (a paragraph added to a notes page)
used to make every paper page's body, every feed and the JSON export again
only to find them the same. A course's *inputs* digest covers all they are
made from:

* the package's version and files (so a development install's edit counts),
  the versions of Sphinx, docutils and sphinx-design, and every setting that
  can change a page or a feed (those Sphinx rereads or rewrites for);
* the bytes of each file the schedule was read from (the schedule, its papers
  and BibTeX files), and the feeds' stateless DTSTAMP (``SOURCE_DATE_EPOCH``,
  else those files' newest modification time: a clean build would write it);
* where the site is published (``html_baseurl``, a course's ``url``, or Read
  the Docs' canonical URL from the environment);
* the course domain's data: where each item is shown, which pages cite which
  paper, which pages link which event files and offer which features;
* the titles of the pages that cite a paper (a paper page lists them), and
  the names of all the project's pages (a session links its notes page when
  there is one).

A file whose inputs, and whatever else its writer adds (the navigation of
a generated page, a feed's revisions), are the last build's is left as it is
when it is still there. Any doubt is a difference: a setting whose value
has no stable text (a function defined in ``conf.py``) changes the digest on
every build, so those builds make everything, as before.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .. import ics
from ..engine import Schedule
from .courses import course_domain
from .digests import code_digest, digest, files_digest, settings_digest
from .site import base_url

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def course_inputs(env: BuildEnvironment, schedule: Schedule) -> str:
    """The digest of what this course's generated pages and feeds are made from (module docstring)."""
    domain = course_domain(env)
    citing = sorted({docname for places in domain.data["cited"].values() for docname in places})
    titles = [(docname, env.titles[docname].astext() if docname in env.titles else "") for docname in citing]
    # The domain's data is JSON's own kinds (strings, numbers, lists, dicts): sorted keys make it stable.
    data = {name: value for name, value in domain.data.items() if name != "version"}
    return digest(
        code_digest(),
        settings_digest(env.config),
        files_digest(schedule.dependencies),
        ics.dtstamp(schedule).isoformat(),
        base_url(env.config, schedule),
        json.dumps(data, sort_keys=True, ensure_ascii=False),
        json.dumps(titles, ensure_ascii=False),
        json.dumps(sorted(env.all_docs), ensure_ascii=False),
    )
