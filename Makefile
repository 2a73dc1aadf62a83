# The README's two commands: `make run` and `make test`. Everything they need installs from here.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export JALON_HOME ?= $(CURDIR)/var

.PHONY: run install test test-sqlite test-postgres test-e2e lint format messages bench bench-full clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/jalon migrate
	$(BIN)/jalon demo
	$(BIN)/jalon serve --host 127.0.0.1 --port 8000

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src/jalon

format: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench
