# Each Sphinx-layer warning of coursecal, triggered once (tests/test_sphinx_warnings.py).
project = "Warnings"
extensions = ["sphinxcontrib_coursecal"]
coursecal_schedule = {"demo": "schedule.yaml", "twin": "twin.yaml"}  # twin: coursecal.course-id
coursecal_default_view = "grid"  # not a view: coursecal.config
show_warning_types = True
exclude_patterns = ["_build"]
