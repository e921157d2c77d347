# A schedule with two problems of different kinds, used by two pages
# (tests/test_sphinx_warnings.py): each is reported once, at its line.
project = "Broken"
extensions = ["sphinxcontrib_coursecal"]
coursecal_schedule = "schedule.yaml"
show_warning_types = True
exclude_patterns = ["_build"]
