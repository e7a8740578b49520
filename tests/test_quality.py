"""Project-quality gates: SQL lint, documentation of the marts, a primary-key test on every model.

- sqlfluff (configured in ``.sqlfluff``) lints ``models/``, ``tests/`` and ``analyses/``.
- dbt-coverage requires every column of every mart to be documented (100 %); the tests below
  require a description on every mart too, and a primary-key test on every model: ``unique`` and
  ``not_null`` (or ``not_null_columns``) on one column, or ``primary_key`` (the key columns not
  null and unique together, in one test).

The manifest and catalog come from ``dbt docs generate`` run on a copy of a built warehouse: the
session's (``warehouse`` fixture), or ``$TERRITORIO_QUALITY_DB`` when set (``make lint`` sets it to
the published warehouse, so it does not build one).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from territorio.dbt_cli import dbt_command

BIN = Path(sys.executable).parent
MARTS_PATH = "models/marts"


def tool_env(db: Path, work: Path) -> dict[str, str]:
    """Environment for dbt and sqlfluff: profile on ``db``, target and logs under ``work``."""
    # the profile's default target writes TERRITORIO_DEV_DB (never the published TERRITORIO_DB);
    # this checkout's territorio first on the path (the profile's dbt plugin)
    env = {
        **os.environ,
        "TERRITORIO_DB": str(db),
        "TERRITORIO_DEV_DB": str(db),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    env.pop("TERRITORIO_BUILD_DB", None)
    return env


def run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def artifacts(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the ``manifest.json`` and ``catalog.json`` of the built project."""
    source = os.environ.get("TERRITORIO_QUALITY_DB")
    if source:
        db = Path(source) if Path(source).is_absolute() else REPO_ROOT / source
    else:
        db = request.getfixturevalue("warehouse")
    work = tmp_path_factory.mktemp("quality")
    copy = work / "warehouse.duckdb"
    shutil.copyfile(db, copy)  # dbt opens its database read-write: never the shared file
    result = run(
        [
            *dbt_command(),
            "docs",
            "generate",
            "--project-dir",
            str(REPO_ROOT),
            "--profiles-dir",
            str(REPO_ROOT),
            "--no-use-colors",
        ],
        tool_env(copy, work),
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    target = work / "target"
    assert (target / "manifest.json").exists() and (target / "catalog.json").exists()
    return target


@pytest.fixture(scope="module")
def manifest(artifacts: Path) -> dict:
    return json.loads((artifacts / "manifest.json").read_text(encoding="utf-8"))


def project_models(manifest: dict) -> dict[str, dict]:
    return {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["package_name"] == "territorio"
    }


def test_sqlfluff_lint_passes(tmp_path: Path) -> None:
    # The dbt templater compiles every file; its profile gets an empty database of its own.
    result = run(
        [
            sys.executable,
            "-m",
            "sqlfluff",
            "lint",
            "models",
            "tests",
            "analyses",
            "--format",
            "human",
            "--nocolor",
            "--disable-progress-bar",
            # every core: the dbt templater renders in this process, the others parse and lint
            # (160 s -> 96 s on 2 cores)
            "--processes",
            "0",
        ],
        tool_env(tmp_path / "lint.duckdb", tmp_path),
    )
    assert result.returncode == 0, f"sqlfluff lint failed:\n{result.stdout}\n{result.stderr[-3000:]}"


def test_dbt_coverage_every_mart_column_documented(artifacts: Path, tmp_path: Path) -> None:
    result = run(
        [
            str(BIN / "dbt-coverage"),
            "compute",
            "doc",
            "--project-dir",
            str(REPO_ROOT),
            "--run-artifacts-dir",
            str(artifacts),
            "--cov-report",
            str(tmp_path / "coverage.json"),
            "--model-path-filter",
            MARTS_PATH,
            "--cov-fail-under",
            "1.0",
        ],
        {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )
    assert result.returncode == 0, f"documentation coverage below 100 %:\n{result.stdout}{result.stderr}"
    report = json.loads((tmp_path / "coverage.json").read_text(encoding="utf-8"))
    covered = {table["name"].split(".")[-1] for table in report["tables"]}
    marts = {
        node["name"]
        for node in project_models(json.loads((artifacts / "manifest.json").read_text(encoding="utf-8"))).values()
        if node["original_file_path"].startswith(f"{MARTS_PATH}/")
    }
    assert marts, "no mart in the manifest"
    assert marts <= covered, f"marts missing from the catalog: {sorted(marts - covered)}"


def test_every_mart_has_a_description(manifest: dict) -> None:
    undocumented = sorted(
        node["name"]
        for node in project_models(manifest).values()
        if node["original_file_path"].startswith(f"{MARTS_PATH}/") and not node["description"].strip()
    )
    assert not undocumented, f"marts without a description: {undocumented}"


def test_every_model_has_a_primary_key_test(manifest: dict) -> None:
    tests: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for node in manifest["nodes"].values():
        meta = node.get("test_metadata") or {}
        if node["resource_type"] != "test" or not meta or not node.get("attached_node"):
            continue
        by_kind = tests[node["attached_node"]]
        if meta["name"] == "primary_key":
            by_kind["key"].add(tuple(meta.get("kwargs", {}).get("columns") or ()))
        elif meta["name"] in {"unique", "not_null"}:
            by_kind[meta["name"]].add(node.get("column_name"))
        elif meta["name"] == "not_null_columns":
            by_kind["not_null"].update(meta.get("kwargs", {}).get("columns") or ())
    missing = sorted(
        node["original_file_path"]
        for uid, node in project_models(manifest).items()
        if not (tests[uid]["unique"] & tests[uid]["not_null"] or tests[uid]["key"])
    )
    assert not missing, f"models without a primary-key test (unique + not_null on a column, or primary_key): {missing}"


#: A model longer than this says, in its header, why it is one model ("Why ...").
LONG_MODEL_LINES = 150


def test_every_long_model_says_why_it_is_long() -> None:
    unexplained = []
    for path in sorted((REPO_ROOT / "models").rglob("*.sql")):
        lines = path.read_text(encoding="utf-8").splitlines()
        header = "\n".join(lines[:60])
        if len(lines) > LONG_MODEL_LINES and "Why " not in header:
            unexplained.append(f"{path.relative_to(REPO_ROOT)} ({len(lines)} lines)")
    assert not unexplained, f"models over {LONG_MODEL_LINES} lines with no 'Why' in their header: {unexplained}"


def test_report_macros_hide_no_ref() -> None:
    # a report model names the relations it reads in its own import CTEs; the macros of the
    # report wing (macros/reports/) work on those CTEs and never ref() a model themselves
    hiding = [
        path.name
        for path in sorted((REPO_ROOT / "macros" / "reports").glob("*.sql"))
        if "ref(" in path.read_text(encoding="utf-8")
    ]
    assert not hiding, f"report macros that ref() a model: {hiding}"


def test_every_report_model_ends_in_the_shared_figures_step() -> None:
    # one report shape: cells -> figures_from_cells (directly or through a body macro that ends so)
    bodies = {"answer_shares", "partner_group_table", "role_shares"}
    for name in bodies:
        assert "figures_from_cells(" in (REPO_ROOT / "macros" / "reports" / f"{name}.sql").read_text(encoding="utf-8")
    off_shape = [
        path.name
        for path in sorted((REPO_ROOT / "models" / "reports").glob("rpt_*.sql"))
        if path.stem != "rpt_study_claims"
        and not any(f"{call}(" in path.read_text(encoding="utf-8") for call in ("figures_from_cells", *bodies))
    ]
    assert not off_shape, f"report models that do not end in figures_from_cells: {off_shape}"
