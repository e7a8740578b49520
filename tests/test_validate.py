"""The Great Expectations suites (territorio.validate): the built warehouse passes them, and
tampered copies of it fail with the table, the expectation and the observed value named.

A tampered copy is the session warehouse copied to a temporary folder, opened read-write,
changed with one SQL statement, checkpointed and closed; then validated as ``make validate``
would.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REPO_ROOT
from territorio import build, knowledge, validate

URL = re.compile(r"(?i)\b(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}")


#: The relation a tampering statement changes: ``delete from marts.x``, ``update marts.x``.
CHANGED = re.compile(r"(?i)\b(?:delete\s+from|update)\s+(\w+)\.(\w+)")


def tampered(warehouse: Path, folder: Path, *statements: str) -> Path:
    """A copy of the warehouse in ``folder`` changed by ``statements``.

    A relation a statement deletes from or updates that is a view (on DuckDB the link facts are
    views, macros/portable/materializations.sql) is first replaced by a table of its rows, as a
    build that wrote wrong rows would have left it."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "territorio.duckdb"
    shutil.copyfile(warehouse, copy)
    con = duckdb.connect(str(copy))
    try:
        for statement in statements:
            for schema, name in CHANGED.findall(statement):
                is_view = con.execute(
                    "select count(*) from duckdb_views() where schema_name = ? and view_name = ?", [schema, name]
                ).fetchone()[0]
                if is_view:
                    con.execute(f"create table {schema}._rows as select * from {schema}.{name}")
                    con.execute(f"drop view {schema}.{name}")
                    con.execute(f"alter table {schema}._rows rename to {name}")
            con.execute(statement)
        con.execute("checkpoint")
    finally:
        con.close()
    return copy


def run_cli(db: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    """``python -m territorio.validate --db DB --report R``, in-process: status, output, R."""
    report = db.with_name("report.html")
    code = validate.main(["--db", str(db), "--report", str(report)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err, report


def failed_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "FAILED" in line]


@pytest.fixture(scope="module")
def clean(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[validate.Run, Path]:
    """The suites run on the session warehouse (read-only), and their report in a temp folder."""
    report = tmp_path_factory.mktemp("report") / "territorio.validation.html"
    run = validate.run_validation(warehouse)
    return run, validate.write_report(run, report)


@pytest.fixture(scope="module")
def clean_run(clean: tuple[validate.Run, Path]) -> validate.Run:
    return clean[0]


def test_built_warehouse_passes_every_expectation(clean_run: validate.Run) -> None:
    assert clean_run.success, "\n".join(f.line() for f in clean_run.failures)
    suites = {f"marts.{mart}" for mart in validate.MARTS}
    assert suites <= set(clean_run.suites)
    for suite in suites:  # every mart has expectations of its own, every one evaluated
        assert any(o.suite == suite for o in clean_run.outcomes), suite
    assert len(clean_run.outcomes) >= 100


def test_reconciliation_is_checked_or_its_absence_noted(clean_run: validate.Run, warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        present = validate.RECONCILIATION_TABLE in validate.existing_tables(con)
    finally:
        con.close()
    if present:
        assert validate.RECONCILIATION_TABLE in clean_run.suites
    else:
        assert any(validate.RECONCILIATION_TABLE in note for note in clean_run.notes)


def test_cli_passes_on_the_built_warehouse(warehouse: Path, tmp_path: Path) -> None:
    report = tmp_path / "out.html"
    result = subprocess.run(
        [sys.executable, "-m", "territorio.validate", "--db", str(warehouse), "--report", str(report)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 failed" in result.stdout
    assert report.exists()


def test_report_is_self_contained_and_legible(clean: tuple[validate.Run, Path]) -> None:
    clean_run, report = clean
    page = report.read_text(encoding="utf-8")
    assert not URL.search(page), URL.search(page)
    assert not re.search(r"<(script|link|img|iframe)\b", page, re.I)
    assert "<style>" in page and "reconstruction" in page
    assert "PASSED" in page
    for suite in clean_run.suites:
        assert f'id="{suite}"' in page
    assert page.count('<span class="status pass">pass</span>') == len(clean_run.outcomes)
    assert "Run time" in page


def test_build_wrote_the_report_next_to_the_published_warehouse(warehouse: Path) -> None:
    report = validate.report_path_for(warehouse)
    assert report.exists()
    page = report.read_text(encoding="utf-8")
    assert "PASSED" in page
    assert str(warehouse) in page and ".build" not in page


def test_deleted_actor_link_fails(warehouse: Path, tmp_path: Path, capsys) -> None:
    db = tampered(
        warehouse,
        tmp_path,
        """
        delete from marts.fct_actor_links
        where link_id = (select max(link_id) from marts.fct_actor_links)
    """,
    )
    code, output, report = run_cli(db, capsys)
    assert code == 1, output
    assert any(
        "marts.fct_actor_links" in line
        and "expect_table_row_count_to_equal" in line
        and "expected value=995" in line
        and "observed 994" in line
        for line in failed_lines(output)
    ), output
    assert "FAILED" in report.read_text(encoding="utf-8")


def test_unknown_theme_code_fails(warehouse: Path, tmp_path: Path, capsys) -> None:
    db = tampered(
        warehouse,
        tmp_path,
        """
        update marts.dim_experiences set theme = 'space_exploration'
        where experience_id = (select min(experience_id) from marts.dim_experiences)
    """,
    )
    code, output, _ = run_cli(db, capsys)
    assert code == 1, output
    assert any(
        "marts.dim_experiences" in line
        and "expect_column_values_to_be_in_set" in line
        and "column theme" in line
        and "1 unexpected" in line
        and "space_exploration" in line
        for line in failed_lines(output)
    ), output


def test_deleted_strategic_ally_fails(warehouse: Path, tmp_path: Path, capsys) -> None:
    db = tampered(
        warehouse,
        tmp_path,
        """
        delete from marts.fct_strategic_allies
        where link_id = (select min(link_id) from marts.fct_strategic_allies)
    """,
    )
    code, output, _ = run_cli(db, capsys)
    assert code == 1, output
    assert any(
        "marts.fct_strategic_allies" in line and "expect_table_row_count_to_equal" in line and "observed 307" in line
        for line in failed_lines(output)
    ), output


def test_changed_actor_sector_fails(warehouse: Path, tmp_path: Path, capsys) -> None:
    db = tampered(
        warehouse,
        tmp_path,
        """
        update marts.fct_actor_links set actor_sector = 'market'
        where link_id = (
            select min(link_id) from marts.fct_actor_links where actor_sector = 'public'
        )
    """,
    )
    code, output, _ = run_cli(db, capsys)
    assert code == 1, output
    lines = failed_lines(output)
    assert any(
        "marts.fct_actor_links" in line
        and "expect_table_row_count_to_equal" in line
        and "where actor_sector == 'public'" in line
        and "observed 658" in line
        for line in lines
    ), output
    assert any("where actor_sector == 'market'" in line and "observed 99" in line for line in lines), output


def test_unexplained_reconciliation_row_fails(warehouse: Path, tmp_path: Path, capsys) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        kind = con.execute(
            "select table_type from information_schema.tables "
            "where table_schema = 'reports' and table_name = 'paper_reconciliation'"
        ).fetchall()
    finally:
        con.close()
    if kind and kind[0][0] == "BASE TABLE":
        statements = [
            "update reports.paper_reconciliation set status = 'unexplained' "
            "where rowid = (select min(rowid) from reports.paper_reconciliation)"
        ]
    else:
        statements = [
            "create schema if not exists reports",
            *(["drop view reports.paper_reconciliation"] if kind else []),
            "create table reports.paper_reconciliation as "
            "select * from (values ('t03.total.count', 'reproduced'), "
            "('t10.total.count', 'unexplained')) as t(figure_id, status)",
        ]
    db = tampered(warehouse, tmp_path, *statements)
    code, output, _ = run_cli(db, capsys)
    assert code == 1, output
    assert any(
        "reports.paper_reconciliation" in line
        and "expect_column_values_to_not_be_in_set" in line
        and "column status" in line
        and "unexplained" in line
        for line in failed_lines(output)
    ), output


def test_missing_mart_fails(warehouse: Path, tmp_path: Path, capsys) -> None:
    db = tampered(warehouse, tmp_path, "drop table marts.fct_capacities")
    code, output, _ = run_cli(db, capsys)
    assert code == 1, output
    assert any("marts.fct_capacities" in line and "table missing" in line for line in failed_lines(output)), output


def test_suites_spread_over_processes_give_the_outcomes_of_one(
    warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # failures in two suites and a missing mart: the forked processes must report theirs too
    db = tampered(
        warehouse,
        tmp_path,
        "delete from marts.fct_actor_links where link_id = (select max(link_id) from marts.fct_actor_links)",
        "update marts.dim_experiences set theme = 'no_such_theme' where experience_id = "
        "(select min(experience_id) from marts.dim_experiences)",
        "drop table marts.fct_capacities",
    )
    forked: list[list[str]] = []

    class CountingPool(validate.ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            forked.append(args[0])
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(validate, "ProcessPoolExecutor", CountingPool)
    runs = {}
    for workers in ("1", "3"):
        monkeypatch.setenv("TERRITORIO_VALIDATE_WORKERS", workers)
        runs[workers] = validate.run_validation(db)
    assert len(forked) == 2 and all(forked), forked  # 3 processes: this one and two forked
    assert [vars(o) for o in runs["3"].outcomes] == [vars(o) for o in runs["1"].outcomes]
    failed = {o.suite for o in runs["1"].failures}
    assert {"marts.fct_actor_links", "marts.dim_experiences", "marts.fct_capacities"} <= failed, failed


def test_build_validator_raises_and_reports_next_to_the_published_file(warehouse: Path, tmp_path: Path, capsys) -> None:
    copy = tampered(
        warehouse,
        tmp_path / ".build",
        """
        delete from marts.fct_actor_links
        where link_id = (select max(link_id) from marts.fct_actor_links)
    """,
    )
    private = copy.rename(copy.with_name("territorio.4242.duckdb"))  # named as build names it
    with pytest.raises(validate.ValidationError, match=r"fct_actor_links: .*observed 994"):
        build.validate_warehouse(private)
    report = tmp_path / "territorio.validation.html"
    page = report.read_text(encoding="utf-8")
    assert "FAILED" in page and str(tmp_path / "territorio.duckdb") in page
    assert sorted(p.name for p in (tmp_path / ".build").iterdir()) == ["territorio.4242.duckdb"]
    assert "observed 994" in capsys.readouterr().out


def test_build_validator_passes_a_project_without_marts(tmp_path: Path, capsys) -> None:
    private = tmp_path / ".build" / "territorio.4242.duckdb"
    private.parent.mkdir()
    con = duckdb.connect(str(private))
    con.execute("create table things as select 1 as id")
    con.close()
    build.validate_warehouse(private)
    assert "nothing to validate" in capsys.readouterr().out
    assert not (tmp_path / "territorio.validation.html").exists()


def test_missing_database_is_an_error(tmp_path: Path, capsys) -> None:
    assert validate.main(["--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no warehouse" in capsys.readouterr().err


def test_default_report_sits_next_to_the_database() -> None:
    db = Path("/some/where/territorio.duckdb")
    assert validate.report_path_for(db) == Path("/some/where/territorio.validation.html")


def test_importing_build_does_not_import_great_expectations() -> None:
    code = (
        "import sys, territorio.build, territorio.validate; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'great_expectations'))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_study_sectors_add_up_to_its_total() -> None:
    """Tabla 3's three sector totals, read from the seed, add up to its total (995)."""
    study = validate.STUDY
    assert sum(study["actor_links_by_sector"].values()) == study["actor_links"]
    assert study["role_rows"] == knowledge.dbt_var("expected_role_rows")


def test_codebook_value_sets_follow_the_codebook_files() -> None:
    codebooks = validate.load_codebooks()
    declared = validate.codebook_columns()
    assert len(declared) >= 40  # every coded and class column of the marts
    for mart, column, question, _ in declared:
        assert mart in validate.MARTS, mart
        assert (validate.CODEBOOK_DIR / f"codebook_{question}.csv").exists(), (mart, column, question)
    assert "social_development" in codebooks["themes"]["codes"]
    assert set(codebooks["actor_types"]["classes"]) == set(validate.STUDY["actor_links_by_sector"])
