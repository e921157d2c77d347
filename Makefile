# Two commands on a fresh clone: `make example` and `make test`.
# Each creates .venv with the interpreter below and installs what it needs;
# `make test` first installs, with apt, what the suite needs outside Python.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

# The oldest Sphinx we support; `make test` runs the suite against it too.
OLDEST_SPHINX := 7.4.7
OLD := .venv-sphinx-oldest

.PHONY: example test test-deps test-oldest lint format bench clean catalogs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The message catalogs: each language's .po, compiled to .mo when the package is installed (setup.py).
LOCALE := src/sphinxcontrib_coursecal/locale
CATALOGS := $(wildcard $(LOCALE)/*/LC_MESSAGES/*.po)

# Reinstall when the dependencies or a catalog change.
$(VENV)/.installed-%: pyproject.toml setup.py $(CATALOGS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[$*]"
	touch $@

$(VENV)/.installed-base: pyproject.toml setup.py $(CATALOGS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The example course site; warnings are errors, so the example is always clean.
example: $(VENV)/.installed-example
	$(BIN)/coursecal check example_course/schedule.yaml
	$(BIN)/python -m sphinx -W --keep-going -q -b html example_course example_course/_build/html
	@echo "The example course: $(CURDIR)/example_course/_build/html/index.html"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench setup.py
	$(BIN)/ruff format --check src tests bench setup.py
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Chromium, TeX, node and npm, and the fonts the browser tests measure with: apt
# installs what is missing (as root, or through sudo), and nothing when all is there.
test-deps:
	bash .ci/install-test-deps

# In this order even under -j: the system packages before the venv and the tests.
test: test-deps
	$(MAKE) lint
	$(BIN)/python -m pytest
	$(MAKE) test-oldest

# Same suite on the oldest supported Sphinx (the browser tests, about themes, run once above).
$(OLD)/.installed: pyproject.toml setup.py $(CATALOGS)
	$(PYTHON) -m venv $(OLD)
	$(OLD)/bin/python -m pip install --quiet --upgrade pip
	$(OLD)/bin/python -m pip install --quiet -e ".[test]" "sphinx==$(OLDEST_SPHINX)"
	touch $@

test-oldest: $(OLD)/.installed
	$(OLD)/bin/python -m pytest --ignore-glob="tests/test_*browser*.py" -p no:cacheprovider -q

# Speed and memory against the same site as plain Sphinx pages, side by side; writes the
# tables of docs/reference/performance.md. Not a test. Options: make bench BENCH="--quick"
# (a few minutes), BENCH="--sizes 1k,5k:1" (and 5k, one run); bench/run.py --help lists them.
BENCH ?=
bench: $(VENV)/.installed-example
	$(BIN)/python bench/run.py $(BENCH)

# After changing a message: the words marked with _() and N_() extracted into the template,
# each language's .po brought up to date with it (docs/howto/translating.md).
catalogs: $(VENV)/.installed-test
	$(BIN)/pybabel extract --sort-output --add-location=file --no-wrap --project=sphinxcontrib-coursecal \
		--copyright-holder="sphinxcontrib-coursecal developers" -o $(LOCALE)/sphinxcontrib_coursecal.pot src
	$(BIN)/pybabel update --no-wrap --no-fuzzy-matching --ignore-obsolete -D sphinxcontrib_coursecal \
		-i $(LOCALE)/sphinxcontrib_coursecal.pot -d $(LOCALE)

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix src tests bench setup.py
	$(BIN)/ruff format src tests bench setup.py

clean:
	rm -rf $(VENV) $(OLD) example_course/_build .pytest_cache .mypy_cache .ruff_cache .hypothesis
