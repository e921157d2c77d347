import os

project = "CS 101"
extensions = ["sphinxcontrib_coursecal"]
coursecal_schedule = "schedule.yaml"

# The published address, for the calendar links of step 7. Read the Docs
# sets READTHEDOCS_CANONICAL_URL; a build on your computer uses the second one.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://cs101.readthedocs.io/en/latest/"
)

html_theme = "furo"
exclude_patterns = ["_build", ".venv"]
