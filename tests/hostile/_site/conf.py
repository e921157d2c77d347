# The small site every hostile case is built as (tests/test_hostile.py); a case's
# `# conf:` lines are appended below.
project = "Hostile course"
extensions = ["sphinxcontrib_coursecal"]
coursecal_schedule = "schedule.yaml"
show_warning_types = True  # warnings end in [coursecal.<subtype>]
html_baseurl = "https://hostile.example.org/c1/"  # feeds get absolute URLs and webcal links
exclude_patterns = ["_build"]
