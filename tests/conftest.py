"""Shared fixtures: one warehouse built for the whole test session, and read-only connections.

The warehouse is built exactly as ``make build`` does (``python -m territorio.build``), but
published into a temporary folder, so the tests never touch ``data/territorio.duckdb``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


#: The files and folders of the dbt project (what a copy of it needs to build).
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "analyses")


def copy_project(target: Path) -> Path:
    """Copy the dbt project (not the Python tests or the bad-input corpus) to ``target``."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = REPO_ROOT / part
        if source.is_dir():
            shutil.copytree(
                source,
                target / part,
                ignore=shutil.ignore_patterns("*.py", "__pycache__", "bad_input", "*.duckdb", "*.wal"),
            )
        else:
            shutil.copy2(source, target / part)
    return target


def run_build(published: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m territorio.build ARGS`` publishing to ``published``; capture its output."""
    env = {**os.environ, "TERRITORIO_DB": str(published)}
    env.pop("TERRITORIO_BUILD_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "territorio.build", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def run_dbt(project: Path, *args: str, published: Path, dev: Path) -> subprocess.CompletedProcess[str]:
    """Run a plain ``dbt ARGS`` in ``project``, as a data engineer would, with ``TERRITORIO_DB``
    naming ``published`` and the development file at ``dev``; target and logs beside ``dev``.
    This checkout's ``territorio`` comes first on the path (the profile's dbt plugin)."""
    env = {
        **os.environ,
        "TERRITORIO_DB": str(published),
        "TERRITORIO_DEV_DB": str(dev),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
        "DBT_TARGET_PATH": str(dev.parent / "target"),
        "DBT_LOG_PATH": str(dev.parent / "logs"),
    }
    env.pop("TERRITORIO_BUILD_DB", None)
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            *args,
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
            "--no-use-colors",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the project's warehouse once per session and return the published file."""
    published = tmp_path_factory.mktemp("warehouse") / "territorio.duckdb"
    result = run_build(published)
    if result.returncode != 0 or not published.exists():
        log = published.with_name("build.log")
        log.write_text(result.stdout + result.stderr, encoding="utf-8")
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        pytest.exit(
            f"the warehouse build failed (exit code {result.returncode}); full output in {log}; last lines:\n{tail}",
            returncode=1,
        )
    return published


@pytest.fixture
def con(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the session warehouse."""
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        yield connection
    finally:
        connection.close()
