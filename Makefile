# territorio: build, test and document the warehouse. Everything runs from the project's own
# virtual environment (.venv), installed from the hash-pinned requirements.lock.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
UV_VERSION := 0.13.9

.PHONY: help venv build test validate lint reconstruct docs lock clean distclean

help: ## list the targets
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 16
	@echo "Variables: BUILD_ARGS (e.g. BUILD_ARGS='--select staging'), VERBOSE=1 (build: all of dbt's output), PYTEST_ARGS, VALIDATE_ARGS, LOCK_ARGS (e.g. --upgrade), TERRITORIO_DB, SCALE (reconstruct), BENCH_SCALES and BENCH_RUNS (bench)"

venv: $(STAMP) ## create .venv and install requirements.lock (re-runs when the lock changes)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install --require-hashes -r requirements.lock
	$(PY) -m pip install --no-deps -e .
	touch $@

build: venv ## check the raw data, dbt build into a private file, validate, publish data/territorio.duckdb atomically (VERBOSE=1: all of dbt's output)
	$(PY) -m territorio.build $(if $(filter-out 0,$(VERBOSE)),--verbose) $(BUILD_ARGS)

test: venv ## run the test suite (it builds its own warehouse in a temporary folder)
	$(PY) -m pytest -q $(PYTEST_ARGS)

validate: venv ## check the marts of TERRITORIO_DB with Great Expectations; HTML report beside it
	$(PY) -m territorio.validate $(VALIDATE_ARGS)

lint: venv ## sqlfluff over the SQL; docs coverage of the marts; a primary-key test on every model
	@test -f "$${TERRITORIO_DB:-data/territorio.duckdb}" || $(MAKE) build
	TERRITORIO_QUALITY_DB="$${TERRITORIO_DB:-data/territorio.duckdb}" \
		$(PY) -m pytest -q -p no:cacheprovider tests/test_quality.py $(PYTEST_ARGS)

reconstruct: venv ## regenerate seeds/raw; with SCALE=N, write N copies as Parquet (data/scale/xN)
	$(PY) -m territorio.reconstruct$(if $(strip $(SCALE)), --scale $(SCALE))

docs: venv ## dbt docs generate --static into target/ (builds the warehouse first if missing)
	@test -f "$${TERRITORIO_DB:-data/territorio.duckdb}" || $(MAKE) build
	$(VENV)/bin/dbt docs generate --static --profiles-dir . --project-dir .

lock: ## regenerate requirements.lock (hash-pinned) from pyproject.toml
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet uv==$(UV_VERSION); \
	"$$tmp/venv/bin/uv" pip compile --quiet pyproject.toml --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command "make lock" $(LOCK_ARGS) \
		--output-file requirements.lock

clean: ## remove dbt output, logs, built warehouses, scale copies and benchmark output (keeps .venv)
	rm -rf target logs dbt_packages data/*.duckdb data/*.wal data/*.validation.html data/.build data/scale bench/out test-output .pytest_cache
	find . -path ./$(VENV) -prune -o \( -name __pycache__ -o -name '*.egg-info' \) -prune -exec rm -rf {} +

distclean: clean ## clean, and remove .venv too
	rm -rf $(VENV)

.PHONY: app
app: venv ## start the Streamlit page
	$(VENV)/bin/streamlit run streamlit_app/streamlit_app.py

.PHONY: bench
bench: venv ## benchmark builds, direct SQL and pages (BENCH_SCALES, BENCH_RUNS); bench/results.md
	BENCH_SCALES="$(BENCH_SCALES)" BENCH_RUNS="$(BENCH_RUNS)" $(PY) -m bench

.PHONY: import template
ifneq ($(filter import,$(MAKECMDGOALS)),)
ifeq ($(strip $(FILE)),)
$(error make import needs FILE: make import FILE=path/to/workbook.xlsx (or its CSV folder) [OUT=dir, default seeds/raw])
endif
endif
import: venv ## check a coded-questionnaire workbook (FILE=..., .xlsx or CSV folder) and write seeds/raw (or OUT=dir)
	$(PY) -m territorio.importer "$(FILE)" $(if $(strip $(OUT)),--out "$(OUT)")

template: venv ## rewrite the coding workbook templates/cuestionario_codificado.xlsx and its CSV folder
	$(PY) -m territorio.importer --write-template

.PHONY: test-spark
test-spark: venv ## build the whole project on Spark (pyspark, Java 17) and check its figures
	$(PY) -m pytest -q -m spark tests/test_spark.py $(PYTEST_ARGS)
