# devzone — two commands: `make run` and `make test`. Everything else is here for them.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# --durations=40: every pass names its slowest tests, so a slow fixture shows up in the log of the run that added it
PYTEST := $(BIN)/pytest -p no:cacheprovider --durations=40
# Python keeps the bytecode of each module it imports, as it does by default, even where the environment
# says not to (PYTHONDONTWRITEBYTECODE, set on this project's runners): otherwise each pass and each of the
# ~50 `devzone` processes the engines pass starts compiles every module it loads again (~0.35 s each).
# So pip installs without compiling (--no-compile: it would compile all 10,000-odd modules of the lock,
# ~27 s on one core before any test starts), and the first process to import a module writes its .pyc.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test setup system-deps lint unit sqlite engines postgres browser bench quality lock clean

# Installs exactly what requirements.lock pins (hash-checked), then devzone itself without resolving again.
$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "devzone needs $(PYTHON) (Debian: apt-get install python3.11 python3.11-venv)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-compile --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

setup: $(STAMP)
	$(BIN)/devzone setup

## make run: set-up, the demo province on embedded SQLite, and the server on http://$(HOST):$(PORT)
run: setup
	$(BIN)/devzone demo
	$(BIN)/devzone serve --host $(HOST) --port $(PORT)

## system packages the suite needs (Debian): Chromium for browser tests, PostgreSQL, CJK fonts, Java for Spark
system-deps:
	@bash scripts/system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy  # --strict, on the engine modules listed in pyproject.toml [tool.mypy] files
	DEVZONE_VAR_DIR=$$(mktemp -d) $(BIN)/django-admin makemigrations --check --dry-run --settings=devzone.settings >/dev/null

## make unit: every test but the PostgreSQL and browser ones, in two passes split by one rule (conftest.py):
## the tests that touch the database, on SQLite, and the rest — engines, doctests, commands run in their own
## processes, Spark
unit: sqlite engines

sqlite: $(STAMP)
	DEVZONE_VAR_DIR=$$(mktemp -d) $(PYTEST) -m "not postgres and not browser" --db-only

engines: $(STAMP)
	DEVZONE_VAR_DIR=$$(mktemp -d) $(PYTEST) -m "not postgres and not browser" --no-db --doctest-modules

postgres: $(STAMP)
	DEVZONE_VAR_DIR=$$(mktemp -d) bash scripts/with-postgres.sh $(PYTEST) -m "not browser" --db-only

browser: $(STAMP)
	$(PYTEST) -m browser

## make test: set-up and the whole suite — four passes (the database tests on PostgreSQL and on SQLite, the
## engines pass, the browser) and lint, two at a time: one per core, the longest first, each with its own
## var dir for uploads and keys; --output-sync keeps each pass's report whole. Lint goes last: it then runs
## beside the end of the engines pass on the core the PostgreSQL and browser passes leave free (between
## SQLite and engines it lengthened the longer core's run by its own time, ~40 s)
test: $(STAMP) system-deps
	$(MAKE) --no-print-directory -j2 --output-sync=target postgres sqlite engines browser lint
	@echo "make test: all suites passed"

## make bench: every benchmark under benchmarks/, figures also in var/bench.json
bench: $(STAMP)
	$(BIN)/python -m benchmarks

## make quality: the plan reader scored on every gold folder, the blind set of real documents included
quality: $(STAMP)
	$(BIN)/python -m devzone.plans.tests.quality --blind --json var/quality.json

## make lock: re-pin requirements.lock from pyproject.toml (the dev and spark extras, and setuptools to
## build devzone offline), one universal resolution with the hashes of every wheel, x86_64 and aarch64 alike
lock:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet 'uv>=0.9'
	printf 'setuptools>=77\nwheel\n' | $(BIN)/uv pip compile --quiet pyproject.toml - --extra dev --extra spark \
	  --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock" -o requirements.lock

clean:
	rm -rf $(VENV) var/static
