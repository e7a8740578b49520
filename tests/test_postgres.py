"""The whole project builds, and passes all its tests, on PostgreSQL.

A throw-away server (tests/pg_server.py: Debian's PostgreSQL binaries, a cluster in a temporary
folder, 127.0.0.1 on a free port) runs for this module; `dbt build --target postgres` builds
every seed, model and test into it; the figures read back with psycopg2 are the DuckDB
warehouse's. Without the server binaries the module fails, pointing at .ci/run, which installs
them; with TERRITORIO_ALLOW_SKIP_POSTGRES=1 it is skipped instead.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg2
import pytest

from adapter_build import dbt_build, duckdb_status_counts, expected_mart_rows, failure_message
from pg_server import INSTALL_HINT, PostgresServer, find_bindir

ALLOW_SKIP = "TERRITORIO_ALLOW_SKIP_POSTGRES"


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for this module, stopped and removed at its end."""
    bindir = find_bindir()
    if bindir is None:
        if os.environ.get(ALLOW_SKIP) == "1":
            pytest.skip(f"{INSTALL_HINT}; skipped because {ALLOW_SKIP}=1")
        pytest.fail(f"{INSTALL_HINT}. To skip these tests instead, set {ALLOW_SKIP}=1.")
    server = PostgresServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def postgres_build(postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> float:
    """`dbt build --target postgres` of the whole project; its duration in seconds."""
    workdir = tmp_path_factory.mktemp("dbt-postgres")
    started = time.monotonic()
    result = dbt_build("postgres", workdir, postgres_server.env())
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        pytest.fail(failure_message("postgres", result, workdir))
    return elapsed


@pytest.fixture
def cursor(postgres_server: PostgresServer, postgres_build: float) -> Iterator[psycopg2.extensions.cursor]:
    connection = psycopg2.connect(
        host=postgres_server.host,
        port=postgres_server.port,
        user=postgres_server.user,
        dbname=postgres_server.dbname,
    )
    try:
        with connection.cursor() as cur:
            yield cur
    finally:
        connection.close()


def test_build_passes_on_postgres(postgres_build: float, record_property: Callable[[str, object], None]) -> None:
    record_property("dbt_build_seconds", round(postgres_build, 1))


def test_reconciliation_statuses_on_postgres(cursor: psycopg2.extensions.cursor, warehouse: Path) -> None:
    cursor.execute("select status, count(*) from reports.paper_reconciliation group by status")
    counts = {status: int(n) for status, n in cursor.fetchall()}
    assert counts == duckdb_status_counts(warehouse)
    assert "unexplained" not in counts


def test_mart_rows_on_postgres(cursor: psycopg2.extensions.cursor) -> None:
    found = {}
    for mart in expected_mart_rows():
        cursor.execute(f"select count(*) from marts.{mart}")  # the mart names are ours, not input
        found[mart] = int(cursor.fetchone()[0])
    assert found == expected_mart_rows()
