# territorio: build, test and document the warehouse. Everything runs from the project's own
# virtual environment (.venv). Each command installs only the group of dependencies it needs
# (pyproject.toml: the project's dependencies for building and validating, and the optional groups
# app, reconstruct, workbook, lint, test, spark), drawn by uv from the one hash-pinned lock,
# requirements.lock; every package must be in the lock with its hash.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
# uv's version: the pin of the optional group `uv` in pyproject.toml
UV_VERSION := $(shell sed -nE 's/^ *"uv==([^"]+)".*/\1/p' pyproject.toml)
# one stamp per dependency group: a group is installed once, and again when the lock changes
STAMP := $(VENV)/.installed
PIP_UV := --quiet --disable-pip-version-check --no-deps --require-hashes
# The packages' bytecode is written once, at install time (COMPILE), so that no command compiles
# dbt or Great Expectations from source again (where PYTHONDONTWRITEBYTECODE is set, as on some
# CI machines, Python would do it in every process: about 9 s of every build). The packages' own
# test suites (folders named tests: pandas', numpy's, pyarrow's, ...), which no command imports,
# are left as source: 58 MB less for the build group than compiling everything.
INSTALL = $(UV) pip install --quiet --python $(PY) --require-hashes -c requirements.lock -r pyproject.toml
COMPILE = $(PY) -m compileall -q -j 0 -x '/tests/' "$$($(PY) -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"

.PHONY: help venv build test validate lint reconstruct docs lock clean distclean

help: ## list the targets
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 16
	@echo "Variables: BUILD_ARGS (e.g. BUILD_ARGS='--select staging'), VERBOSE=1 (build: all of dbt's output), PYTEST_ARGS, TEST_WORKERS (test: processes, default one per core), VALIDATE_ARGS, LOCK_ARGS (e.g. --upgrade), TERRITORIO_DB, SCALE and SOLVE=1 (reconstruct), BENCH_SCALES, BENCH_RUNS, BENCH_FRESH_RUNS and BENCH_TEST_RUNS (bench)"

venv: $(STAMP)-build ## create .venv with what building needs (each target adds its own group)

# The installer: a pinned uv, itself hash-checked (its entry in requirements.lock), in .venv.
# The environment gets no pip of its own (uv installs into it: `.venv/bin/uv pip install ...`);
# uv is installed by the system's pip, else by a pip bootstrapped into .venv.
$(STAMP)-uv: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv --without-pip $(VENV)
	awk '/^uv==/ {p = 1} p {print} p && !/\\$$/ {exit}' requirements.lock > $(VENV)/uv.requirements
	$(PYTHON) -m pip --python $(PY) install $(PIP_UV) -r $(VENV)/uv.requirements \
		|| { $(PY) -m ensurepip --default-pip && $(PY) -m pip install $(PIP_UV) -r $(VENV)/uv.requirements; }
	touch $@

# The project's dependencies (building and validating) and the project itself, editable.
$(STAMP)-build: requirements.lock pyproject.toml $(STAMP)-uv
	$(INSTALL)
	$(COMPILE)
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $@

# An optional group on top of the build group: app, reconstruct, workbook, lint, test, spark.
$(STAMP)-%: requirements.lock pyproject.toml $(STAMP)-build
	$(INSTALL) --extra $*
	$(COMPILE)
	touch $@

build: $(STAMP)-build ## check the raw data, dbt build into a private file, validate, publish data/territorio.duckdb atomically (VERBOSE=1: all of dbt's output)
	$(PY) -m territorio.build $(if $(filter-out 0,$(VERBOSE)),--verbose) $(BUILD_ARGS)

# The suite runs on TEST_WORKERS processes (pytest-xdist; default: one per core, 0 = in this
# process), each test file whole on one of them (its module fixtures built once); every worker
# builds its own session warehouse in its own temporary folder.
TEST_WORKERS ?= auto

test: $(STAMP)-test ## run the test suite on every core (TEST_WORKERS; it builds its own warehouses in temporary folders)
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

validate: $(STAMP)-build ## check the marts of TERRITORIO_DB with Great Expectations; HTML report beside it
	$(PY) -m territorio.validate $(VALIDATE_ARGS)

lint: $(STAMP)-lint ## first ruff check and ruff format --check over the Python code (seconds), then sqlfluff over the SQL; docs coverage of the marts; a primary-key test on every model
	$(VENV)/bin/ruff check
	$(VENV)/bin/ruff format --check
	@test -f "$${TERRITORIO_DB:-data/territorio.duckdb}" || $(MAKE) build
	TERRITORIO_QUALITY_DB="$${TERRITORIO_DB:-data/territorio.duckdb}" \
		$(PY) -m pytest -q -p no:cacheprovider tests/test_quality.py $(PYTEST_ARGS)

reconstruct: $(STAMP)-reconstruct ## regenerate seeds/raw, reusing the stored solutions of unchanged models (SOLVE=1: search every stage again); with SCALE=N, write N copies as Parquet (data/scale/xN)
	$(PY) -m territorio.reconstruct$(if $(strip $(SCALE)), --scale $(SCALE))$(if $(filter-out 0,$(SOLVE)), --solve)

docs: $(STAMP)-build ## dbt docs generate --static into target/ (builds the warehouse first if missing)
	@test -f "$${TERRITORIO_DB:-data/territorio.duckdb}" || $(MAKE) build
	@# the catalog is read from a copy of the published warehouse, through the development
	@# target's path: dbt never opens the file readers use
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	cp "$${TERRITORIO_DB:-data/territorio.duckdb}" "$$tmp/docs.duckdb"; \
	TERRITORIO_DEV_DB="$$tmp/docs.duckdb" $(VENV)/bin/dbt docs generate --static --profiles-dir . --project-dir .

lock: ## regenerate requirements.lock (hash-pinned, every group) from pyproject.toml
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet uv==$(UV_VERSION); \
	"$$tmp/venv/bin/uv" pip compile --quiet pyproject.toml --all-extras --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command "make lock" $(LOCK_ARGS) \
		--output-file requirements.lock

clean: ## remove dbt output, logs, built warehouses (published and development), scale copies and benchmark output (keeps .venv)
	rm -rf target logs dbt_packages data/*.duckdb data/*.wal data/*.validation.html data/.build data/dev data/scale bench/out test-output .pytest_cache
	find . -path ./$(VENV) -prune -o \( -name __pycache__ -o -name '*.egg-info' \) -prune -exec rm -rf {} +

distclean: clean ## clean, and remove .venv too
	rm -rf $(VENV)

.PHONY: app
app: $(STAMP)-app ## start the Streamlit page
	$(VENV)/bin/streamlit run streamlit_app/streamlit_app.py

.PHONY: bench
bench: $(STAMP)-app ## benchmark builds, the test suite, direct SQL and pages (BENCH_SCALES, BENCH_RUNS, BENCH_TEST_RUNS); bench/results.md
	BENCH_SCALES="$(BENCH_SCALES)" BENCH_RUNS="$(BENCH_RUNS)" BENCH_TEST_RUNS="$(BENCH_TEST_RUNS)" $(PY) -m bench

.PHONY: import template
ifneq ($(filter import,$(MAKECMDGOALS)),)
ifeq ($(strip $(FILE)),)
$(error make import needs FILE: make import FILE=path/to/workbook.xlsx (or its CSV folder) [OUT=dir, default seeds/raw])
endif
endif
import: $(STAMP)-workbook ## check a coded-questionnaire workbook (FILE=..., .xlsx or CSV folder) and write seeds/raw (or OUT=dir)
	$(PY) -m territorio.importer "$(FILE)" $(if $(strip $(OUT)),--out "$(OUT)")

template: $(STAMP)-workbook ## rewrite the coding workbook templates/cuestionario_codificado.xlsx and its CSV folder
	$(PY) -m territorio.importer --write-template

.PHONY: test-spark
test-spark: $(STAMP)-test $(STAMP)-spark ## build the whole project on Spark (pyspark, Java 17) and check its figures
	$(PY) -m pytest -q -m spark tests/test_spark.py $(PYTEST_ARGS)
