# A small course rendered in every view, for the doctree regression test
# (tests/test_sphinx_roles_pages.py; expected output in tests/regressions/).
project = "Views"
extensions = ["sphinxcontrib_coursecal"]
coursecal_schedule = "schedule.yaml"
exclude_patterns = ["_build"]
