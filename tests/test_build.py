"""The build publishes atomically: a failed build never touches the published warehouse.

These tests do not depend on the data: failures are caused by a failing dbt test added to a
copy of the project, or by a tiny stand-alone project.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import REPO_ROOT, run_build
from territorio import build

FAILING_TEST = "select 1 as failure  -- one row: this data test always fails\n"


def make_published(path: Path) -> bytes:
    """Create a small DuckDB file standing for an earlier published warehouse; return its bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute("create table earlier_build as select 42 as answer")
    con.close()
    return path.read_bytes()


def make_tiny_project(root: Path, *, broken: bool) -> Path:
    """Write a one-seed, one-model dbt project using the repository's profile."""
    (root / "seeds").mkdir(parents=True)
    (root / "models").mkdir()
    (root / "tests").mkdir()
    shutil.copy(REPO_ROOT / "profiles.yml", root / "profiles.yml")
    (root / "dbt_project.yml").write_text(
        "name: tiny\nconfig-version: 2\nprofile: territorio\n"
        "flags:\n  send_anonymous_usage_stats: false\n"
    )
    (root / "seeds" / "things.csv").write_text("id,name\n1,a\n2,b\n")
    (root / "models" / "things_view.sql").write_text("select * from {{ ref('things') }}\n")
    (root / "models" / "schema.yml").write_text(
        "version: 2\nmodels:\n  - name: things_view\n    columns:\n"
        "      - name: id\n        data_tests: [unique, not_null]\n"
    )
    if broken:
        (root / "tests" / "always_fails.sql").write_text(FAILING_TEST)
    return root


def leftovers(published: Path) -> list[str]:
    """Names in the published file's folder other than the file and the reports written beside it."""
    reports = (published.with_name(f"{published.stem}.validation.html"), published.with_name("reproduction.html"))
    return sorted(p.name for p in published.parent.iterdir() if p != published and p not in reports)


def test_published_warehouse_has_layer_schemas(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("select schema_name from information_schema.schemata").fetchall()
    schemas = {row[0] for row in rows}
    assert {"raw", "staging", "marts"} <= schemas


def test_session_build_leaves_no_private_files(warehouse: Path) -> None:
    assert leftovers(warehouse) == []


def test_failed_build_of_the_project_keeps_published_file(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(
        REPO_ROOT, project,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "target", "logs", "dbt_packages", "__pycache__", ".pytest_cache",
            "*.egg-info", "*.duckdb", "*.wal", ".build",
        ),
    )
    (project / "tests" / "publish_must_fail.sql").write_text(FAILING_TEST)
    published = tmp_path / "published" / "territorio.duckdb"
    before = make_published(published)

    result = run_build(published, "--project-dir", str(project), "--select", "publish_must_fail")

    assert result.returncode != 0, result.stdout + result.stderr
    assert "Failure in test publish_must_fail" in result.stdout, result.stdout + result.stderr
    assert "FAILED" in result.stderr
    assert published.read_bytes() == before
    assert leftovers(published) == []


def test_failed_full_build_keeps_published_file(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project", broken=True)
    published = tmp_path / "published" / "territorio.duckdb"
    before = make_published(published)

    result = run_build(published, "--project-dir", str(project))

    assert result.returncode != 0, result.stdout + result.stderr
    assert "Failure in test always_fails" in result.stdout, result.stdout + result.stderr
    assert published.read_bytes() == before
    assert leftovers(published) == []


def test_successful_build_replaces_published_file(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project", broken=False)
    published = tmp_path / "published" / "territorio.duckdb"
    make_published(published)

    result = run_build(published, "--project-dir", str(project))

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"published to {published}" in result.stdout
    assert leftovers(published) == []
    con = duckdb.connect(str(published), read_only=True)
    try:
        rows = con.execute("select table_name from information_schema.tables").fetchall()
        tables = {row[0] for row in rows}
        assert con.execute("select count(*) from things_view").fetchone() == (2,)
    finally:
        con.close()
    assert "earlier_build" not in tables


def test_failing_validator_stops_the_publish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_tiny_project(tmp_path / "project", broken=False)
    published = tmp_path / "published" / "territorio.duckdb"
    before = make_published(published)
    seen: list[Path] = []

    def reject(private: Path) -> None:
        seen.append(private)
        assert private.exists() and private != published
        raise ValueError("marts.fct_actor_links: expect_table_row_count_to_equal: observed 994")

    monkeypatch.setattr(build, "VALIDATORS", [reject])
    with pytest.raises(build.BuildError, match=r"validation .*reject failed: .*observed 994"):
        build.build(published, project_dir=project)

    assert len(seen) == 1
    assert published.read_bytes() == before
    assert leftovers(published) == []
    assert not seen[0].exists()


def test_the_build_validates_with_territorio_validate() -> None:
    assert build.validate_warehouse in build.VALIDATORS
