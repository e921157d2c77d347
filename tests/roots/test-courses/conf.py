# Two real courses in one site: CSE 599o (seed 000) and CS 599 E1 (seed 003).
# The schedules are copied in by tests/conftest.py (courses_site) from example_course/ and
# docs/gallery/cs599e1/, so the test site and the examples never drift apart.
project = "Two courses"
copyright = "2025, coursecal tests"
author = "coursecal tests"
version = release = "1.0"
extensions = ["sphinxcontrib_coursecal", "myst_parser"]
coursecal_schedule = {
    "cse599o": "cse599o/schedule.yaml",
    "cs599e1": "cs599e1/schedule.yaml",
}
html_baseurl = "https://courses.example.org/"
exclude_patterns = ["_build"]
# The schedules name notes pages of their own sites (example_course/notes/memory.md);
# this site has other notes, so those links are left out without a word.
suppress_warnings = ["coursecal.notes-page"]
