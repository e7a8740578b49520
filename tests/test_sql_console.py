"""The SQL console: every attack is refused with a clear message; reads work; the file is untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import time
from pathlib import Path

import duckdb
import pytest

APP_DIR = Path(__file__).resolve().parent.parent / "streamlit_app"
if str(APP_DIR) not in sys.path:
    sys.path.insert(0, str(APP_DIR))

import sandbox  # noqa: E402

PAGE = APP_DIR / "app_pages" / "sql_console.py"
LIMIT_S = 2.0


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def published(warehouse: Path):
    """The session warehouse, its digest before any attack, and a reader held open meanwhile.

    The open read-only connection stands for the page's own (data.py keeps one per file): the
    console must work beside it.
    """
    before = (digest(warehouse), warehouse.stat().st_mtime_ns)
    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        yield warehouse, before, reader
    finally:
        reader.close()


@pytest.fixture
def db(published) -> Path:
    return published[0]


def refused(sql: str, db: Path, **kwargs) -> sandbox.SandboxError:
    with pytest.raises(sandbox.SandboxError) as caught:
        sandbox.run(sql, db, **kwargs)
    error = caught.value
    assert error.message and "Traceback" not in error.message
    return error


FILE_READS = [
    "select * from read_csv('/etc/passwd')",
    "select * from read_csv_auto('/etc/passwd', header = false)",
    "select * from read_text('/etc/passwd')",
    "select * from read_blob('/etc/hostname')",
    "select * from glob('/etc/*')",
    "select * from sniff_csv('/etc/passwd')",
    "select * from 'https://example.com/data.csv'",
    "select * from read_json('http://127.0.0.1:1/x.json')",
    "select * from duckdb_secrets()",
]


@pytest.mark.parametrize("sql", FILE_READS)
def test_file_and_network_reads_are_refused(db: Path, sql: str) -> None:
    error = refused(sql, db)
    assert error.code == "file_access"
    assert "File, network and extension access are disabled in this console" in error.message


def test_reading_a_local_parquet_or_the_warehouse_itself_is_refused(db: Path, tmp_path: Path) -> None:
    parquet = tmp_path / "local.parquet"
    with duckdb.connect() as con:
        con.execute(f"copy (select 42 as answer) to '{parquet}' (format parquet)")
    assert parquet.exists()
    assert refused(f"select * from read_parquet('{parquet}')", db).code == "file_access"
    assert refused(f"select * from '{parquet}'", db).code in ("file_access", "failed")
    # the raw schemas are not reachable through the file either
    assert refused(f"select * from read_csv('{db}')", db).code == "file_access"


@pytest.mark.parametrize(
    "template",
    [
        "COPY (select 1) TO '{path}'",
        "copy marts.dim_experiences to '{path}' (header)",
        "export database '{dir}'",
    ],
)
def test_writing_files_is_refused_and_nothing_is_written(db: Path, tmp_path: Path, template: str) -> None:
    target, folder = tmp_path / "x.csv", tmp_path / "export"
    error = refused(template.format(path=target, dir=folder), db)
    assert error.code == "file_access"
    assert "File, network and extension access are disabled" in error.message
    assert not target.exists() and not folder.exists()


@pytest.mark.parametrize(
    "sql",
    ["ATTACH '{other}'", "attach '{other}' as other (read_only)", "attach ':memory:' as scratch", "detach memory"],
)
def test_attach_and_detach_are_refused(db: Path, tmp_path: Path, sql: str) -> None:
    other = tmp_path / "other.duckdb"
    error = refused(sql.format(other=other), db)
    assert error.code == "attach"
    assert "Attaching or detaching databases is disabled in this console" in error.message
    assert not other.exists()


@pytest.mark.parametrize(
    "sql", ["INSTALL httpfs", "LOAD httpfs", "force install httpfs", "install spatial from community"]
)
def test_extensions_are_refused(db: Path, sql: str) -> None:
    error = refused(sql, db)
    assert error.code == "extension"
    assert "Installing or loading extensions is disabled in this console" in error.message


@pytest.mark.parametrize(
    "sql",
    [
        "SET enable_external_access = true",
        "set lock_configuration = false",
        "SET memory_limit = '64GB'",
        "set threads = 64",
        "RESET memory_limit",
        "reset threads",
        "pragma threads = 64",
        "pragma version",
        "set variable secret = 1",
        "use memory",
    ],
)
def test_settings_are_refused(db: Path, sql: str) -> None:
    error = refused(sql, db)
    assert error.code == "settings"
    assert "Settings are locked in this console" in error.message


@pytest.mark.parametrize(
    ("sql", "kind"),
    [
        ("create table marts.x as select 1", "CREATE"),
        ("create view v as select 1", "CREATE"),
        ("create macro double_it(a) as a * 2", "CREATE"),
        ("create or replace function f(a) as a", "CREATE"),
        ("insert into marts.dim_experiences (experience_id) values ('X')", "INSERT"),
        ("update marts.dim_experiences set theme = 'x'", "UPDATE"),
        ("delete from marts.fct_actor_links", "DELETE"),
        ("drop table marts.fct_actor_links", "DROP"),
        ("alter table marts.fct_actor_links rename to y", "ALTER"),
        ("checkpoint", "CALL"),
        ("call pragma_version()", "CALL"),
        ("explain analyze select 1", "EXPLAIN"),
        ("begin transaction", "TRANSACTION"),
        ("vacuum", "VACUUM"),
    ],
)
def test_everything_but_a_read_is_refused(db: Path, sql: str, kind: str) -> None:
    error = refused(sql, db)
    assert error.code == "not_read"
    assert "Only one read-only query (SELECT, WITH" in error.message
    assert f"{kind} statements are refused" in error.message


@pytest.mark.parametrize(
    "sql",
    [
        "select 1; drop table marts.dim_experiences",
        "select 1; select 2",
        "with x as (select 1) select * from x; copy (select 1) to '/tmp/territorio-console.csv'",
    ],
)
def test_only_one_statement_per_run(db: Path, sql: str) -> None:
    error = refused(sql, db)
    assert error.code == "multiple"
    assert "Only one statement per run" in error.message
    assert not Path("/tmp/territorio-console.csv").exists()


def test_empty_long_and_unreadable_queries(db: Path) -> None:
    assert refused("   ;  ", db).code == "empty"
    assert refused("select 1" + " " * sandbox.MAX_SQL_CHARS, db).code == "too_long"
    error = refused("selec * from marts.dim_experiences", db)
    assert error.code == "syntax" and 'syntax error at or near "selec"' in error.message


def test_a_query_smuggled_through_query_is_refused(db: Path) -> None:
    error = refused("select * from query('create table t as select 1')", db)
    assert error.code == "failed" and "SELECT" in error.message


def test_runaway_query_is_interrupted_at_the_time_limit(db: Path) -> None:
    baseline = sandbox.run("select 1 as one", db)  # what starting the process costs here
    started = time.perf_counter()
    error = refused("select count(*) from range(1000000) a, range(1000000) b", db, time_limit_s=LIMIT_S)
    took = time.perf_counter() - started
    assert error.code == "timeout"
    assert "The query was stopped after 2 s" in error.message
    # stopped at the limit, not after the hours the query would take; the margin grows with what
    # starting a process costs at the moment (twice the baseline: a loaded machine varies)
    assert LIMIT_S <= took < LIMIT_S + 2 * baseline.wall_s + 1.0, took


def test_an_uninterruptible_call_is_killed_soon_after_the_limit(db: Path) -> None:
    """One huge string is built by a single call that never checks for an interrupt."""
    baseline = sandbox.run("select 1 as one", db)
    started = time.perf_counter()
    error = refused("select length(repeat('xy', 400000000))", db, time_limit_s=LIMIT_S)
    took = time.perf_counter() - started
    assert error.code == "timeout"
    assert LIMIT_S <= took < LIMIT_S + sandbox.GRACE_S + 2 * baseline.wall_s + 1.0, took


@pytest.mark.parametrize(
    "sql",
    [
        "select list(i) from range(300000000) t(i)",  # DuckDB's own memory limit
        "select len(range(1000000000))",  # one value larger than the process may allocate
    ],
)
def test_memory_hungry_queries_hit_the_cap(db: Path, sql: str) -> None:
    error = refused(sql, db, time_limit_s=30)
    assert error.code == "memory"
    assert f"more memory than the console allows ({sandbox.MEMORY_LIMIT})" in error.message


def test_rows_are_capped_and_the_cut_is_reported(db: Path) -> None:
    result = sandbox.run("select * from range(5000) t(i) order by i desc", db)
    assert result.truncated and result.n_rows == sandbox.MAX_ROWS == 1000
    assert result.frame["i"].iloc[0] == 4999
    exact = sandbox.run("select * from range(1000)", db)
    assert not exact.truncated and exact.n_rows == 1000
    small = sandbox.run("select * from marts.fct_actor_links", db, max_rows=10)
    assert small.truncated and small.n_rows == 10
    huge = sandbox.run("select * from range(1000000000000)", db)
    assert huge.truncated and huge.n_rows == 1000


def test_a_normal_query_over_the_marts(db: Path, published) -> None:
    result = sandbox.run("select count(*) as links from marts.fct_actor_links", db)
    assert result.frame["links"].tolist() == [995]
    links = sandbox.run("select * from marts.fct_actor_links", db)
    assert links.n_rows == 995 and not links.truncated
    expected = (
        published[2]
        .execute("select count(*) from marts.fct_actor_links where actor_sector = 'public'")
        .fetchall()[0][0]
    )
    by_sector = sandbox.run(
        "select actor_sector, count(*) as n from marts.fct_actor_links group by 1 order by 2 desc", db
    ).frame
    assert dict(zip(by_sector["actor_sector"], by_sector["n"], strict=True))["public"] == expected
    assert result.elapsed_s < LIMIT_S


def test_reports_are_readable_and_other_schemas_are_not(db: Path) -> None:
    figures = sandbox.run("select count(*) as n from reports.paper_reconciliation", db)
    assert figures.frame["n"].iloc[0] > 0
    schemas = set(sandbox.run("select distinct schema_name from information_schema.schemata", db).frame["schema_name"])
    assert {"marts", "reports"} <= schemas
    assert not schemas & {"raw", "staging", "intermediate"}
    databases = sandbox.run("select database_name, path from duckdb_databases()", db).frame
    assert databases["path"].isna().all()  # in-memory only: the file is detached
    for name in ("raw", "staging", "intermediate"):
        error = refused(f"select * from {name}.anything", db)
        assert error.code == "failed" and f'schema "{name}" does not exist' in error.message


def test_the_locked_database_refuses_even_without_the_parser(db: Path, tmp_path: Path) -> None:
    """The DuckDB layer on its own, as if a statement got past the statement check."""
    con = sandbox._open_database(str(db))
    try:
        settings = dict(
            con.execute(
                "select name, value from duckdb_settings() where name in "
                "('enable_external_access', 'lock_configuration', 'threads', "
                "'autoload_known_extensions', 'autoinstall_known_extensions', "
                "'temp_directory')"
            ).fetchall()
        )
        assert settings == {
            "enable_external_access": "false",
            "lock_configuration": "true",
            "threads": str(sandbox.THREADS),
            "autoload_known_extensions": "false",
            "autoinstall_known_extensions": "false",
            "temp_directory": "",
        }
        target = tmp_path / "x.csv"
        for sql in (
            f"copy (select 1) to '{target}'",
            "select * from read_csv('/etc/passwd')",
            f"attach '{tmp_path / 'o.duckdb'}'",
            "load httpfs",
            "install httpfs",
        ):
            with pytest.raises(duckdb.PermissionException):
                con.execute(sql)
        for sql in (
            "set enable_external_access = true",
            "set memory_limit = '64GB'",
            "reset threads",
            "set lock_configuration = false",
        ):
            with pytest.raises(duckdb.InvalidInputException, match="configuration has been locked"):
                con.execute(sql)
        assert not target.exists() and not (tmp_path / "o.duckdb").exists()
    finally:
        con.close()


def test_busy_console_says_so(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "BUSY_WAIT_S", 0.1)
    held = [sandbox._slots.acquire(timeout=5) for _ in range(sandbox.MAX_CONCURRENT_RUNS)]
    try:
        assert all(held)
        assert refused("select 1", db).code == "busy"
    finally:
        for _ in held:
            sandbox._slots.release()
    assert sandbox.run("select 1 as one", db).frame["one"].tolist() == [1]


def test_no_warehouse(tmp_path: Path) -> None:
    error = refused("select 1", tmp_path / "missing.duckdb")
    assert error.code == "no_warehouse" and "make build" in error.message


def test_a_newly_published_file_is_seen_by_the_next_run(db: Path, tmp_path: Path) -> None:
    private = tmp_path / "territorio.duckdb"
    shutil.copy2(db, private)
    assert sandbox.run("select count(*) as n from marts.dim_experiences", private).frame["n"].iloc[0] == 120
    staged = tmp_path / ".territorio.duckdb.tmp"
    shutil.copy2(db, staged)
    with duckdb.connect(str(staged)) as con:
        con.execute(
            "delete from marts.dim_experiences where experience_id = "
            "(select min(experience_id) from marts.dim_experiences)"
        )
    os.replace(staged, private)
    assert sandbox.run("select count(*) as n from marts.dim_experiences", private).frame["n"].iloc[0] == 119


# --- the page -----------------------------------------------------------------------------------


@pytest.fixture
def page(db: Path, monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip("streamlit")
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TERRITORIO_DB", str(db))
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_page_states_reconstruction_limits_and_catalog(page) -> None:
    assert page.title[0].value == "Consola SQL"
    assert "reconstruidos" in page.warning[0].value
    assert any("5 s por consulta" in c.value and "1.000 filas" in c.value for c in page.caption)
    catalog = page.dataframe[0].value
    relations = set(catalog["relation"])
    assert {"marts.fct_actor_links", "marts.dim_experiences", "reports.paper_reconciliation"} <= relations
    assert not any(r.split(".")[0] in ("raw", "staging", "intermediate") for r in relations)
    links = catalog.loc[catalog["relation"] == "marts.fct_actor_links", "columns"].iloc[0]
    assert "actor_sector (varchar)" in links
    assert "marts.fct_actor_links" in page.text_area(key="sql_text").value


def test_page_runs_an_allowed_query(page) -> None:
    page.text_area(key="sql_text").set_value("select count(*) as links from marts.fct_actor_links")
    page.button(key="sql_run").click().run()
    assert not page.exception and not page.error
    result = page.dataframe[0].value
    assert result["links"].tolist() == [995]
    assert any(m.value.startswith("Filas: **1** · tiempo de la consulta:") for m in page.markdown)


def test_page_example_from_analyses_runs(page) -> None:
    page.selectbox(key="sql_example").set_value("analyses/actor_types_by_sector.sql").run()
    assert "marts.fct_actor_links" in page.text_area(key="sql_text").value
    page.button(key="sql_run").click().run()
    assert not page.exception and not page.error
    result = page.dataframe[0].value
    assert result["n_actor_links"].sum() == 995


def test_page_refuses_with_a_message(page, tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    page.text_area(key="sql_text").set_value(f"copy (select 1) to '{target}'")
    page.button(key="sql_run").click().run()
    assert not page.exception
    assert "El acceso a archivos, a la red y a extensiones está desactivado" in page.error[0].value
    assert not target.exists()
    page.text_area(key="sql_text").set_value("select * from range(5000)")
    page.button(key="sql_run").click().run()
    assert not page.error
    assert "Se muestran las primeras 1.000 filas" in page.info[0].value
    assert len(page.dataframe[0].value) == 1000
    page.sidebar.toggle(key="english").set_value(True)
    page.text_area(key="sql_text").set_value("select * from raw.questionnaires")
    page.button(key="sql_run").click().run()
    assert page.error[0].value.startswith("The query failed")
    assert 'schema "raw" does not exist' in page.code[0].value
    assert "Traceback" not in page.error[0].value + page.code[0].value


# --- last: nothing above changed the published file ----------------------------------------------


def test_published_file_is_byte_identical_after_all_attacks(published) -> None:
    path, (before_digest, before_mtime), reader = published
    assert digest(path) == before_digest
    assert path.stat().st_mtime_ns == before_mtime
    assert reader.execute("select count(*) from marts.fct_actor_links").fetchall() == [(995,)]
