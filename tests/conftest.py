"""Shared fixtures: one warehouse built for the whole test session, and read-only connections.

The warehouse is built exactly as ``make build`` does (``python -m territorio.build``), but
published into a temporary folder, so the tests never touch ``data/territorio.duckdb``. When the
suite runs on several processes (``make test``: pytest-xdist), they share that one warehouse: the
first to need it builds it while the others wait on a lock (tests only read it; a test that
changes a warehouse changes a copy).
"""

from __future__ import annotations

import fcntl
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
    """Build the project's warehouse once per session (once for all of pytest-xdist's processes)
    and return the published file."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, which every worker's own folder sits in
    folder = root / "session-warehouse"
    folder.mkdir(exist_ok=True)
    # the lock and the markers beside the folder: the build's folder holds only what it writes
    published = folder / "territorio.duckdb"
    built, failed = root / "session-warehouse.built", root / "session-warehouse.build.log"
    with open(root / "session-warehouse.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not built.exists() and not failed.exists():
            result = run_build(published)
            if result.returncode == 0 and published.exists():
                built.touch()
            else:
                failed.write_text(f"exit code {result.returncode}\n{result.stdout}{result.stderr}", encoding="utf-8")
    if not built.exists():
        tail = "\n".join(failed.read_text(encoding="utf-8").splitlines()[-40:])
        pytest.exit(f"the warehouse build failed; full output in {failed}; last lines:\n{tail}", returncode=1)
    return published


@pytest.fixture
def con(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the session warehouse."""
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        yield connection
    finally:
        connection.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Test files that do not read the session warehouse run first (each file keeps its order):
    on several processes, the one that builds the warehouse keeps the others busy with those
    instead of waiting for it."""
    reads_warehouse: dict[Path, bool] = {}
    for item in items:
        reads_warehouse[item.path] = reads_warehouse.get(item.path, False) or "warehouse" in item.fixturenames
    items.sort(key=lambda item: reads_warehouse[item.path])
