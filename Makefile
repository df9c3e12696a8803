# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck unit bench browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/dedupe clean samples -o samples-clean --json samples-clean/report.json

lint: $(VENV)/.installed-test
	$(BIN)/ruff check dedupe tests bench cli.py
	$(BIN)/ruff format --check dedupe tests bench cli.py

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

unit: $(VENV)/.installed-test
	$(BIN)/pytest

test: lint typecheck unit

# Debian chromium and a CJK font for tests/test_report_browser.py (skipped without them).
browser-deps:
	bash .ci/browser-deps

bench: $(VENV)/.installed-test
	$(BIN)/python bench/clean_throughput.py

clean:
	rm -rf $(VENV) samples-clean .pytest_cache .mypy_cache .ruff_cache
