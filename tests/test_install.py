"""What each command installs: the dependency groups of pyproject.toml and the one lock.

``make build`` installs the project's dependencies (building and validating); the other commands
add an optional group (app, reconstruct, workbook, lint, test, spark). Every group is drawn from
requirements.lock with its hashes (Makefile, ``INSTALL``), so every pin of pyproject.toml must be
in the lock, and the build group must leave out what only the other commands need. A build must
not import PySpark even where the Spark group is installed (territorio.validate hides it from
Great Expectations, which imports it whenever it is installed).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import REPO_ROOT

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = (REPO_ROOT / "requirements.lock").read_text(encoding="utf-8")

#: Packages only the other commands need: none may be installed by ``make build``.
NOT_FOR_THE_BUILD = {
    "pyspark",
    "dbt-spark",
    "playwright",
    "ortools",
    "streamlit",
    "pyarrow",
    "dbt-postgres",
    "psycopg2-binary",
    "sqlfluff",
    "dbt-coverage",
    "pytest",
    "pytest-xdist",
    "openpyxl",
    "ruff",
}
#: What building and validating need.
FOR_THE_BUILD = {"dbt-core", "dbt-duckdb", "duckdb", "great-expectations", "pandas"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, tuple[str, int]]:
    """Each package of the lock: (version, number of hashes)."""
    entries = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", LOCK):
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(\S+)", block)
        if match:
            entries[normalise(match[1])] = (match[2], block.count("--hash=sha256:"))
    return entries


def pins() -> list[tuple[str, str, str]]:
    """(group, package, version) of every pin of pyproject.toml; 'build' is the dependencies."""
    groups = {"build": PYPROJECT["project"]["dependencies"], **PYPROJECT["project"]["optional-dependencies"]}
    out = []
    for group, requirements in groups.items():
        for requirement in requirements:
            name = re.match(r"[A-Za-z0-9._-]+", requirement)[0]
            if normalise(name) == "territorio":
                continue  # a group made of other groups
            version = re.search(r"==([^;\s,]+)", requirement)
            assert version, f"pyproject.toml, group {group}: {requirement!r} is not pinned with =="
            out.append((group, normalise(name), version[1]))
    return out


def test_every_pin_is_in_the_lock_with_its_hashes() -> None:
    lock = locked()
    assert len(lock) > 50
    for group, name, version in pins():
        assert name in lock, f"{name} (group {group}) is not in requirements.lock: run make lock"
        assert lock[name][0] == version, (
            f"{name}: pyproject.toml (group {group}) pins {version}, requirements.lock {lock[name][0]}: run make lock"
        )
    unhashed = sorted(name for name, (_, hashes) in lock.items() if hashes == 0)
    assert not unhashed, f"packages without a hash in requirements.lock: {unhashed}"


def test_the_groups_of_the_makefile_are_the_groups_of_pyproject() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\(STAMP\)-([a-z]+)", makefile)) - {"uv", "build"}
    assert used <= set(PYPROJECT["project"]["optional-dependencies"])
    assert {"app", "reconstruct", "workbook", "lint", "test", "spark"} <= used
    for target, group in (
        ("build", "build"),
        ("test", "test"),
        ("app", "app"),
        ("reconstruct", "reconstruct"),
        ("lint", "lint"),
    ):
        line = re.search(rf"^{target}: (.*?)##", makefile, re.M)
        assert line and f"$(STAMP)-{group}" in line[1].split(), target
    spark = re.search(r"^test-spark: (.*?)##", makefile, re.M)[1].split()
    assert {"$(STAMP)-test", "$(STAMP)-spark"} <= set(spark)


def _uv() -> str:
    uv = Path(sys.prefix, "bin", "uv")
    found = str(uv) if uv.exists() else shutil.which("uv")
    if not found:
        pytest.skip("uv is not installed (make installs it into .venv)")
    return found


def would_install(tmp_path: Path, *extras: str) -> set[str]:
    """The packages a group's install (the Makefile's INSTALL) puts into an empty environment."""
    uv = _uv()
    venv = tmp_path / f"venv-{'-'.join(extras) or 'build'}"
    subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    cmd = [
        uv,
        "pip",
        "install",
        "--dry-run",
        "--python",
        str(venv / "bin" / "python"),
        "--require-hashes",
        "-c",
        "requirements.lock",
        "-r",
        "pyproject.toml",
    ]
    for extra in extras:
        cmd += ["--extra", extra]
    run = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    names = {normalise(m) for m in re.findall(r"^ \+ ([A-Za-z0-9._-]+)==", run.stderr, re.M)}
    assert names, run.stderr[-3000:]
    return names


def test_make_build_installs_only_what_building_needs(tmp_path: Path) -> None:
    build = would_install(tmp_path)
    assert build >= FOR_THE_BUILD
    assert not build & NOT_FOR_THE_BUILD, sorted(build & NOT_FOR_THE_BUILD)


def test_the_test_group_has_what_the_tests_need_and_no_spark(tmp_path: Path) -> None:
    test = would_install(tmp_path, "test")
    assert {
        "playwright",
        "ortools",
        "scipy",
        "streamlit",
        "dbt-postgres",
        "openpyxl",
        "sqlfluff",
        "dbt-coverage",
        "pytest",
        "pytest-xdist",
    } <= test
    assert not test & {"pyspark", "dbt-spark"}
    assert {"pyspark", "dbt-spark"} <= would_install(tmp_path, "spark")


GUARDED = """
import sys, warnings
warnings.simplefilter("error", FutureWarning)  # PySpark's warning about pandas 3 fails here
from territorio.validate import _PySparkHidden
with _PySparkHidden():
    import great_expectations, great_expectations.expectations
print(any(m == "pyspark" or m.startswith("pyspark.") for m in sys.modules))
import pyspark  # importable again afterwards
"""
UNGUARDED = """
import sys
import great_expectations
print("pyspark.sql" in sys.modules)
"""


def python(code: str, folder: Path) -> str:
    # a script file, not ``-c``: PySpark takes a ``__main__`` without a file for its doctests
    script = folder / "check_import.py"
    script.write_text(code, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    run = subprocess.run(
        [sys.executable, str(script)], cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout.strip()


def test_validation_does_not_import_pyspark_where_it_is_installed(tmp_path: Path) -> None:
    if importlib.util.find_spec("pyspark") is None:
        pytest.skip("pyspark is not installed (the spark group, make test-spark)")
    # the cause: Great Expectations imports PySpark whenever it is installed
    assert python(UNGUARDED, tmp_path) == "True"
    # territorio.validate imports it with PySpark hidden
    assert python(GUARDED, tmp_path) == "False"
