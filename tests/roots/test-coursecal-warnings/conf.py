# Each Sphinx-layer warning of coursecal, triggered once (tests/test_sphinx_warnings.py).
project = "Warnings"
extensions = ["sphinxcontrib_coursecal"]
coursecal_schedule = {"demo": "schedule.yaml", "twin": "twin.yaml"}  # twin: coursecal.course-id
coursecal_default_view = "grid"  # not a view: coursecal.config
coursecal_view_limit = 10  # the course has 13 entries: a view of all of them warns (coursecal.view-limit)
# Nothing listens on port 9 here: the previous publication cannot be read, and must be (coursecal.previous).
coursecal_ics_previous = "http://127.0.0.1:9/"
coursecal_ics_previous_required = True
show_warning_types = True
exclude_patterns = ["_build"]
