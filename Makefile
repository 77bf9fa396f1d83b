# Systems Lab. Two commands for a new user: `make serve` and `make test`. Every target installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' syslab/__init__.py)
WHEEL := docs/assets/vendor/wheels/syslab-$(VERSION)-py3-none-any.whl
SYSLAB_SOURCES := $(shell find syslab -name '*.py' -o -name '*.sql' -o -name '*.html')
# sqlglot runs in the browser too (the playground's dialect view and query review): its pure-Python wheel, at the
# version pyproject.toml pins, is shipped beside syslab's.
SQLGLOT_PIN := $(shell grep -o 'sqlglot==[0-9.]*' pyproject.toml)

.PHONY: help setup vendor wheel build serve test snapshots stats bench lint clean

help:
	@echo "make serve      set up, build and serve the site at http://127.0.0.1:8000 (live reload)"
	@echo "make test       set up, then run the whole test suite (snippets, parity, build, browser tests)"
	@echo "make build      build the static site into site/"
	@echo "make snapshots  re-record every snippet's expected output (review the diff)"
	@echo "make stats      count the question bank by track, topic, level, difficulty and type"
	@echo "make bench      measure load and run times in headless Chromium; prints a table"
	@echo "make lint       ruff"

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

docs/assets/vendor/versions.json: node_modules/.installed scripts/vendor_runtimes.py
	$(PYTHON) scripts/vendor_runtimes.py

$(WHEEL): $(BIN)/.installed docs/assets/vendor/versions.json $(SYSLAB_SOURCES) pyproject.toml
	rm -rf docs/assets/vendor/wheels build/lib
	$(BIN)/pip wheel --quiet --no-deps --no-build-isolation -w docs/assets/vendor/wheels .
	$(BIN)/pip download --quiet --no-deps --only-binary=:all: -d docs/assets/vendor/wheels "$(SQLGLOT_PIN)"

setup: $(BIN)/.installed vendor wheel
vendor: docs/assets/vendor/versions.json
wheel: $(WHEEL)

build: setup
	$(BIN)/mkdocs build --strict

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

test: setup
	bash scripts/ensure_system_packages.sh
	$(BIN)/ruff check syslab scripts tests
	$(BIN)/pytest

snapshots: setup
	$(BIN)/python scripts/snapshots.py

stats: $(BIN)/.installed
	$(BIN)/python scripts/stats.py

bench: setup
	bash scripts/ensure_system_packages.sh
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_bank.py --questions 600
	$(BIN)/python scripts/bench_sim.py

lint: setup
	$(BIN)/ruff check syslab scripts tests
	$(BIN)/ruff format --check syslab scripts tests

clean:
	rm -rf site build docs/assets/vendor .pytest_cache
