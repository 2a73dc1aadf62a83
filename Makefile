# The README's two commands: `make run` and `make test`. Everything they need installs from here.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PG_URL ?= postgresql://postgres@127.0.0.1:5432/jalon
TEST_HOME := $(CURDIR)/var/test
PYTEST_ENGINES := tests/engines
# Test processes keep their bytecode (__pycache__, ignored by git) even where PYTHONDONTWRITEBYTECODE is set:
# otherwise each xdist worker compiles src/jalon and rewrites the asserts of every test module again, every
# run: 16 s of CPU to collect the tests instead of 6.5 s (`pytest --collect-only`, measured with `time`); the
# browser tests' modules, which the two other groups leave out, 4.9 s instead of 3.7 s a process.
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/pytest
export JALON_HOME ?= $(CURDIR)/var

.PHONY: run install system-deps test test-sqlite test-postgres test-e2e screenshots lint format messages bench bench-full bench-load assets clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests need: Chromium for the browser tests, gettext for `make messages`, pg_dump for
# `jalon backup` on PostgreSQL; Pango for WeasyPrint's PDF reports, poppler (pdftotext, pdftoppm) and
# LibreOffice Impress to open the documents in the tests; Symbola for the emoji and signs DejaVu lacks
# (✅ 🚀 ★ pasted into a title), which the PDF embeds rather than drawing boxes.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v xgettext >/dev/null 2>&1 || missing="$$missing gettext"; \
	command -v pg_dump >/dev/null 2>&1 || missing="$$missing postgresql-client"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	fc-list 2>/dev/null | grep -qi symbola || missing="$$missing fonts-symbola"; \
	ldconfig -p 2>/dev/null | grep -q libpango-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-impress"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

run: install
	$(BIN)/jalon migrate
	$(BIN)/jalon demo
	$(BIN)/jalon serve --host 127.0.0.1 --port 8000

lint: install
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy src/jalon tests

format: install
	$(BIN)/ruff format src tests bench tools
	$(BIN)/ruff check --fix src tests bench tools

test: install system-deps lint test-sqlite test-postgres test-e2e

test-sqlite: install
	rm -rf $(TEST_HOME) && mkdir -p $(TEST_HOME)
	JALON_HOME=$(TEST_HOME) $(PYTEST) -q -n 2 --dist loadgroup -m "not e2e" --ignore=tests/e2e

test-postgres: install
	@pg_isready -q -h 127.0.0.1 -p 5432 || (echo "PostgreSQL is not answering on 127.0.0.1:5432" && exit 1)
	rm -rf $(TEST_HOME)-pg && mkdir -p $(TEST_HOME)-pg
	JALON_HOME=$(TEST_HOME)-pg JALON_DATABASE_URL=$(PG_URL) $(PYTEST) -q -n 2 --dist loadgroup -m "not e2e" \
	  --ignore=tests/e2e --ignore=$(PYTEST_ENGINES) --create-db

test-e2e: install system-deps
	rm -rf $(TEST_HOME)-e2e && mkdir -p $(TEST_HOME)-e2e test-artifacts
	JALON_HOME=$(TEST_HOME)-e2e $(PYTEST) -q -n 2 --dist loadgroup -m e2e tests/e2e

# The browser tests again, drawing the screenshots of the pages they check (and the printed PDFs' pages) into
# test-artifacts/, for the people who review the look; `make test` draws none. Some of them:
# `make screenshots E2E=tests/e2e/test_e2e_look.py`.
E2E ?= tests/e2e
screenshots: install system-deps
	rm -rf $(TEST_HOME)-e2e && mkdir -p $(TEST_HOME)-e2e test-artifacts
	JALON_SCREENSHOTS=1 JALON_HOME=$(TEST_HOME)-e2e $(PYTEST) -q -n 2 --dist loadgroup -m e2e $(E2E)

messages: install system-deps
	cd src/jalon && ../../$(BIN)/python manage.py makemessages -l fr --no-obsolete --add-location file -i "engines/*"
	$(BIN)/python tools/french_typography.py

bench: install
	$(BIN)/python bench/smart.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/journal.py
	$(BIN)/python bench/portfolio.py --sample 54
	$(BIN)/python bench/scheduling.py
	$(BIN)/python bench/framing.py
	$(BIN)/python bench/advisor.py
	$(BIN)/python bench/forecast.py
	$(BIN)/python bench/imports.py
	$(BIN)/python bench/documents.py
	$(BIN)/python bench/pdf_edges.py
	$(BIN)/python bench/cli_start.py
	$(BIN)/python bench/large_uploads.py --mb 10
	$(BIN)/python bench/kpi_pages.py
	$(BIN)/python bench/kpi_sources.py
	$(BIN)/python bench/all_pages.py --repeat 5 --documents

bench-full: install
	$(BIN)/python bench/smart.py
	$(BIN)/python bench/pages.py --repeat 100
	$(BIN)/python bench/portfolio.py
	$(BIN)/python bench/scheduling.py --full
	$(BIN)/python bench/framing.py --loop-customers 100000
	$(BIN)/python bench/advisor.py --repeat 100
	$(BIN)/python bench/forecast_calibrate.py --check
	$(BIN)/python bench/forecast.py

# 50 simulated users for 5 minutes against `jalon serve`, on SQLite then on PostgreSQL (a disposable
# database: it is emptied first). Short runs: .venv/bin/python bench/load.py --users 10 --duration 30
LOAD_PG_URL ?= postgresql://postgres@127.0.0.1:5432/jalon_load
bench-load: install
	$(BIN)/python bench/load.py
	@psql "$(dir $(LOAD_PG_URL))postgres" -qc 'CREATE DATABASE $(notdir $(LOAD_PG_URL))' 2>/dev/null || true
	$(BIN)/python bench/load.py --database-url $(LOAD_PG_URL)

# Refresh the vendored front-end files from package.json (they are committed; `make run` needs no npm).
assets:
	npm install --no-audit --no-fund
	cp node_modules/htmx.org/dist/htmx.min.js src/jalon/static/vendor/htmx.min.js

clean:
	rm -rf var test-artifacts
