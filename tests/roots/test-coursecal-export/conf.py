# A small course with text that JSON must carry exactly (quotes, backslashes, "</script>",
# direction marks), shown on two pages, for the JSON export (tests/test_export.py).
project = "Export"
extensions = ["sphinxcontrib_coursecal"]
coursecal_schedule = "schedule.yaml"
coursecal_ics_previous = False  # nothing published before: no address to read it back from
html_baseurl = "https://export.example.org/course/"
exclude_patterns = ["_build"]
