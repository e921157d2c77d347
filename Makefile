# Two commands on a fresh clone: `make example` and `make test`.
# Each creates .venv with the interpreter below and installs what it needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: example test lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the dependencies change.
$(VENV)/.installed-%: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[$*]"
	touch $@

$(VENV)/.installed-base: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

example: $(VENV)/.installed-base
	$(BIN)/coursecal check example_course/schedule.yaml
	$(BIN)/coursecal ics example_course/schedule.yaml -o example_course/_build/cse599o.ics
	@echo "Calendar feed: $(CURDIR)/example_course/_build/cse599o.ics"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

test: $(VENV)/.installed-test lint
	$(BIN)/python -m pytest

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix src tests
	$(BIN)/ruff format src tests

clean:
	rm -rf $(VENV) example_course/_build .pytest_cache .mypy_cache .ruff_cache .hypothesis
