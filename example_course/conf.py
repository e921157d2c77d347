# The example course: CSE 599o, Systems for Machine Learning (Autumn 2025),
# the month calendar of the page the project was created from, rebuilt from
# one schedule file. `make example` builds it into _build/html/.
project = "CSE 599o: Systems for Machine Learning"
author = "CSE 599o course staff"
copyright = "2025, CSE 599o course staff"  # noqa: A001 (Sphinx's name)
extensions = ["sphinxcontrib_coursecal", "myst_parser"]

# The whole calendar comes from this file (and the papers file it names).
coursecal_schedule = "schedule.yaml"

# Where the site is published: feed links become webcal:// subscriptions and
# each event in the feeds links back to its place on the site. (A placeholder.)
html_baseurl = "https://cse599o.example.org/"

html_theme = "furo"
html_title = "CSE 599o · Autumn 2025"
exclude_patterns = ["_build"]
