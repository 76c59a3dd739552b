# ClaimCheck: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 5000
export FLASK_APP := wsgi
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: help run test lint format bench db-upgrade db-revision clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required (see README.md)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP) ## Install, migrate, load the demo and serve on http://127.0.0.1:$(PORT)
	$(PY) -m flask db upgrade
	$(PY) -m flask demo load
	@echo
	@echo "ClaimCheck is starting on http://127.0.0.1:$(PORT)"
	@echo "Sign in with a demo account above (factchecker@, editor@ or lead@example.org)."
	@echo "Press Ctrl+C to stop."
	$(PY) -m flask run --host 127.0.0.1 --port $(PORT)

test: $(STAMP) ## Lint, then the whole suite on SQLite and again on PostgreSQL
	$(MAKE) --no-print-directory lint
	@[ -x /usr/bin/chromium ] || command -v chromium >/dev/null || \
		echo "Chromium not found: the browser tests will be skipped (apt-get install chromium)"
	CLAIMCHECK_TEST_BACKEND=sqlite $(PY) -m pytest
	@if CLAIMCHECK_TEST_DATABASE_URL='$(PG_URL)' $(PY) -m tests.support.databases; then \
		CLAIMCHECK_TEST_BACKEND=postgresql CLAIMCHECK_TEST_DATABASE_URL='$(PG_URL)' $(PY) -m pytest; \
	elif [ "$$CI" = "true" ]; then \
		echo "CI=true: PostgreSQL is required for the test run"; exit 1; \
	else \
		echo "Skipping the PostgreSQL pass: no database at $(PG_URL) (set CLAIMCHECK_TEST_DATABASE_URL)"; \
	fi

lint: $(STAMP) ## ruff check and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP) ## Apply ruff's formatting and safe fixes
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: $(STAMP) ## Print the speed and quality figures (needs ../shared for quality, PostgreSQL for web)
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) bench/extraction.py
	$(PY) bench/web.py
	$(PY) bench/export.py

db-upgrade: $(STAMP) ## Apply migrations to the configured database
	$(PY) -m flask db upgrade

db-revision: $(STAMP) ## Generate a migration: make db-revision m="what changed"
	@test -n "$(m)" || { echo 'usage: make db-revision m="what changed"'; exit 1; }
	$(PY) -m flask db migrate -m "$(m)"

clean: ## Remove the virtual environment and caches (keeps instance/)
	rm -rf $(VENV) .pytest_cache .ruff_cache
