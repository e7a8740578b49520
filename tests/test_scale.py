"""Scale mode: N copies of the raw layer as Parquet, and a scale build that still reconciles.

``make reconstruct SCALE=3`` (territorio.reconstruct.scale) must write exactly three times the
rows of seeds/raw with new, unique, sortable questionnaire ids and every reference rewritten;
``python -m territorio.build --scale 3`` must pass every dbt test (their counts scaled) and the
Great Expectations suites (with --validate), and give each published figure the status it has
in the study's own build.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REPO_ROOT
from territorio.reconstruct import scale

N = 3
RAW_DIR = REPO_ROOT / "seeds" / "raw"


def csv_rows(name: str) -> list[dict[str, str]]:
    with (RAW_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def parquet(con: duckdb.DuckDBPyConnection, folder: Path, name: str, query: str) -> list[tuple]:
    return con.execute(query.replace("{t}", f"read_parquet('{folder / name}/*.parquet')")).fetchall()


@pytest.fixture(scope="module")
def scale_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """N copies written by the command line, into a temporary folder."""
    folder = tmp_path_factory.mktemp("scale") / f"x{N}"
    subprocess.run(
        [sys.executable, "-m", "territorio.reconstruct.scale", str(N), "--out", str(folder)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return folder


def test_reconstruct_takes_a_scale_option() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "territorio.reconstruct", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--scale" in out


def test_an_up_to_date_set_is_kept(scale_dir: Path) -> None:
    assert scale.is_current(scale_dir, N)
    assert scale.generate(N, scale_dir).get("reused") is True
    assert not scale.is_current(scale_dir, N + 1)


def test_each_raw_table_has_exactly_n_times_the_rows(scale_dir: Path) -> None:
    con = duckdb.connect()
    for name in scale.RAW_TABLES:
        ((count,),) = parquet(con, scale_dir, name, "select count(*) from {t}")
        assert count == N * len(csv_rows(name)), name
    manifest = scale.read_manifest(scale_dir)
    assert manifest["scale"] == N
    assert manifest["rows"]["raw_actor_links"] == N * len(csv_rows("raw_actor_links"))


def test_questionnaire_ids_are_new_unique_and_sort_by_copy(scale_dir: Path) -> None:
    con = duckdb.connect()
    ids = [row[0] for row in parquet(con, scale_dir, "raw_questionnaires", "select questionnaire_id from {t}")]
    originals = [row["questionnaire_id"] for row in csv_rows("raw_questionnaires")]
    assert len(set(ids)) == len(ids) == N * len(originals)
    assert not set(ids) & set(originals)
    assert ids == sorted(ids)
    assert ids[:2] == ["TC08-1-001", "TC08-1-002"]
    assert ids[len(originals)] == "TC08-2-001"


def test_copies_repeat_the_raw_rows_and_references_resolve(scale_dir: Path) -> None:
    con = duckdb.connect()
    for name in ("raw_actor_links", "raw_participation_mechanisms"):
        ((orphans,),) = con.execute(
            f"select count(*) from read_parquet('{scale_dir / name}/*.parquet') as child "
            f"anti join read_parquet('{scale_dir / 'raw_questionnaires'}/*.parquet') as parent "
            "using (questionnaire_id)"
        ).fetchall()
        assert orphans == 0, name
    ((duplicates,),) = parquet(
        con,
        scale_dir,
        "raw_actor_links",
        "select count(*) - count(distinct (questionnaire_id, link_position)) from {t}",
    )
    assert duplicates == 0
    # every copy holds the CSV's rows, with the copy's id in place of the original one
    originals = csv_rows("raw_actor_links")
    for copy_no in range(1, N + 1):
        rows = con.execute(
            f"select * from read_parquet('{scale_dir / 'raw_actor_links'}/*.parquet') "
            f"where split_part(questionnaire_id, '-', 2) = '{copy_no}'"
        ).fetchall()
        assert len(rows) == len(originals)
        for row, original in zip(rows, originals, strict=True):
            expected_id = original["questionnaire_id"].replace("TC08-", f"TC08-{copy_no}-", 1)
            assert row[0] == expected_id
            assert row[1] == int(original["link_position"])
            assert [v if v is not None else "" for v in row[2:]] == list(original.values())[2:]


def test_scale_build_passes_and_reconciles_as_the_study_build(scale_dir: Path, warehouse: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "territorio.build", "--scale", str(N), "--scale-dir", str(scale_dir), "--validate"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    built = scale_dir / "territorio.duckdb"
    con = duckdb.connect(str(built), read_only=True)
    con.execute(f"attach '{warehouse}' as study (read_only)")
    try:
        assert con.execute("select scale from reports.warehouse_build").fetchall() == [(N,)]
        changed = con.execute(
            "select figure_id from reports.paper_reconciliation as scaled "
            "full outer join study.reports.paper_reconciliation as original using (figure_id) "
            "where scaled.status is distinct from original.status"
        ).fetchall()
        assert changed == []
        statuses = dict(
            con.execute("select status, count(*) from reports.paper_reconciliation group by status").fetchall()
        )
        assert statuses.get("unexplained", 0) == 0
        for mart in (
            "dim_questionnaires",
            "dim_experiences",
            "fct_actor_links",
            "fct_actor_roles",
            "fct_actor_contributions",
            "fct_strategic_allies",
            "fct_participation_mechanisms",
            "dim_experience_classification",
        ):
            ((scaled,),) = con.execute(f"select count(*) from marts.{mart}").fetchall()
            ((original,),) = con.execute(f"select count(*) from study.marts.{mart}").fetchall()
            assert scaled == N * original, mart
    finally:
        con.close()
