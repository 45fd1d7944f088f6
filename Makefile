# Run Season Command — the two commands of the README, and the developer's checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Running needs the platform's own dependencies only; the checks add the dev extra.
RUNTIME_STAMP := $(VENV)/.runtime-stamp
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: install runtime run test lint audit format bench clean

$(RUNTIME_STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $(RUNTIME_STAMP)
	@echo "platform ready in $(VENV)"

$(STAMP): $(RUNTIME_STAMP)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)
	@echo "environment ready in $(VENV) (with the dev extra)"

## runtime: create .venv and install what running the platform needs (no dev extra)
runtime: $(RUNTIME_STAMP)

## install: runtime plus the dev extra (tests, linters, benchmarks); nothing when already current
install: $(STAMP)

## run: set up, migrate, seed the demo organization on first start, and start the platform
run: runtime
	@$(BIN)/runseason db upgrade
	@$(BIN)/runseason start

## test: the whole test suite with the coverage gate (SQLite; PostgreSQL with RUNSEASON_TEST_DATABASE_URL)
test: install
	@$(BIN)/pytest --cov=runseason --cov-branch --cov-report=term --cov-fail-under=85 $(PYTEST_ARGS)

## lint: ruff (lint and format check), mypy --strict and the import-linter layer contract
lint: install
	@$(BIN)/ruff check src tests bench
	@$(BIN)/ruff format --check src tests bench
	@$(BIN)/mypy
	@$(BIN)/lint-imports

## audit: known vulnerabilities in the installed dependencies (reviewed exceptions in .pip-audit-ignore)
audit: install
	@$(BIN)/pip-audit --vulnerability-service pypi --progress-spinner off --skip-editable \
		$$(grep -v '^#' .pip-audit-ignore | awk 'NF {print "--ignore-vuln", $$1}')

## format: apply ruff's fixes and formatting
format: install
	@$(BIN)/ruff check --fix src tests bench
	@$(BIN)/ruff format src tests bench

## bench: the benchmark suite; writes bench/results/latest.json and BENCHMARKS.md
bench: install
	@$(BIN)/runseason bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage htmlcov
