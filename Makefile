# Maharat — the two commands: `make run` (the app with demo content) and `make test` (the whole suite).
# Everything below is installed by these targets on a fresh machine with Python 3.11 and the registries.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
HOST   ?= 127.0.0.1
PORT   ?= 5000
PYTEST_ARGS ?=

.PHONY: run test test-under-load lint translations extract-messages system-deps sandbox verifier install clean bench

## make run: install, migrate, load the demo, and serve on http://127.0.0.1:5000
run: install translations sandbox
	$(FLASK) db upgrade
	$(FLASK) demo load
	$(FLASK) courses sync
	$(FLASK) demo activity
	@echo ""
	@echo "  Maharat is starting on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	@echo ""
	MAHARAT_PUBLIC_URL=$${MAHARAT_PUBLIC_URL:-http://$(HOST):$(PORT)} $(FLASK) run --host $(HOST) --port $(PORT)

## make test: install everything the suite needs (Python and Debian packages), lint, and run every test:
## the whole suite on SQLite (tests/postgres always on PostgreSQL + Redis), then again on PostgreSQL.
## MAHARAT_REQUIRE_SERVICES=1 turns a PostgreSQL or Redis that cannot start into a failure, not a skip.
test: system-deps install translations sandbox verifier lint
	MAHARAT_REQUIRE_SERVICES=1 $(BIN)/python -m pytest -n auto $(PYTEST_ARGS)
	MAHARAT_REQUIRE_SERVICES=1 $(BIN)/python -m pytest -n auto --database postgresql \
		--ignore=tests/browser --ignore=tests/sandbox --ignore=tests/postgres $(PYTEST_ARGS)

## make test-under-load: `make test`'s two passes while stress-ng keeps two cores busy, as on a shared CI
## machine; a test that fails only here has a wait or a deadline to fix (docs/testing.md). The hog is
## stopped whatever happens.
test-under-load: system-deps install translations sandbox verifier lint
	@stress-ng --cpu 2 --quiet & hog=$$!; \
	trap 'kill $$hog 2>/dev/null; wait $$hog 2>/dev/null' EXIT INT TERM; \
	MAHARAT_REQUIRE_SERVICES=1 $(BIN)/python -m pytest -n auto $(PYTEST_ARGS) && \
	MAHARAT_REQUIRE_SERVICES=1 $(BIN)/python -m pytest -n auto --database postgresql \
		--ignore=tests/browser --ignore=tests/sandbox --ignore=tests/postgres $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check lms tests bench tools plugins wsgi.py
	$(BIN)/ruff format --check lms tests bench tools plugins wsgi.py

# The virtualenv is rebuilt when the pinned requirements change.
install: $(VENV)/.installed
$(VENV)/.installed: setup.cfg pyproject.toml plugins/maharat-example-type/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# The example exercise type, a distribution of its own (docs/exercise-types.md): the suite drives it.
	$(BIN)/python -m pip install --quiet --no-deps -e ./plugins/maharat-example-type
	touch $@

system-deps:
	bash tools/install-system-deps.sh

## The grading sandbox: bubblewrap, the grading virtualenv (.venv-sandbox), slot users (docs/sandbox.md).
sandbox: install
	bash tools/setup-sandbox.sh

## The independent Verifiable Credentials verifier used by the certificate tests (pinned by package-lock.json).
verifier: tools/vc-verify/node_modules/.installed
tools/vc-verify/node_modules/.installed: tools/vc-verify/package-lock.json
	cd tools/vc-verify && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Benchmarks (python -m bench NAME for one): each prints its figures next to a baseline of the same run.
bench: system-deps install sandbox
	$(BIN)/python -m bench web
	$(BIN)/python -m bench sandbox
	$(BIN)/python -m bench certificates
	$(BIN)/python -m bench reports

## Compile the message catalogues (.po → .mo); run by `make run` and `make test`.
translations: install
	$(BIN)/pybabel compile -d lms/translations -D messages
	$(BIN)/pybabel compile -d plugins/maharat-example-type/maharat_truefalse/translations -D messages

## For developers: extract new strings from code and templates and merge them into the catalogues.
extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o lms/translations/messages.pot --no-location --sort-output --omit-header .
	$(BIN)/pybabel update -i lms/translations/messages.pot -d lms/translations -D messages --no-fuzzy-matching --ignore-obsolete
	$(BIN)/python tools/fill_english_catalog.py

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
