"""The whole project builds, and passes all its tests, on Spark.

`dbt build --target spark` runs Spark in dbt's own process (pyspark in local mode, Hive catalog)
with its warehouse and metastore in a temporary folder (TERRITORIO_SPARK_DIR); a Spark session
on the same folder then reads the figures back: the DuckDB warehouse's. Needs Java 17 (Debian's
openjdk-17-jre-headless, which .ci/run installs) and pyspark. Slow (minutes), so marked `spark`:
`make test` leaves it out and `make test-spark` runs it. With TERRITORIO_ALLOW_SKIP_SPARK=1 a
machine without Java skips it instead of failing.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from adapter_build import dbt_build, duckdb_status_counts, expected_mart_rows, failure_message

pytestmark = pytest.mark.spark

ALLOW_SKIP = "TERRITORIO_ALLOW_SKIP_SPARK"
INSTALL_HINT = (
    "Spark needs Java 17 (no `java` on PATH nor JAVA_HOME): .ci/run installs Debian's openjdk-17-jre-headless"
)


@pytest.fixture(scope="module")
def spark_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Spark warehouse, metastore and scratch folder of this module."""
    has_java = shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))
    if not has_java:
        if os.environ.get(ALLOW_SKIP) == "1":
            pytest.skip(f"{INSTALL_HINT}; skipped because {ALLOW_SKIP}=1")
        pytest.fail(f"{INSTALL_HINT}. To skip these tests instead, set {ALLOW_SKIP}=1.")
    pytest.importorskip("pyspark", reason="pyspark is missing: install dbt-spark[session]")
    return tmp_path_factory.mktemp("spark")


@pytest.fixture(scope="module")
def spark_build(spark_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> float:
    """`dbt build --target spark` of the whole project; its duration in seconds."""
    workdir = tmp_path_factory.mktemp("dbt-spark")
    started = time.monotonic()
    result = dbt_build("spark", workdir, {"TERRITORIO_SPARK_DIR": str(spark_dir)})
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        pytest.fail(failure_message("spark", result, workdir))
    return elapsed


@pytest.fixture(scope="module")
def spark(spark_dir: Path, spark_build: float) -> Iterator[Any]:
    """A Spark session on the warehouse and metastore the build wrote (as profiles.yml sets them)."""
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("territorio-test-spark")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", str(spark_dir / "warehouse"))
        .config("spark.local.dir", str(spark_dir / "local"))
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={spark_dir / 'metastore_db'};create=true",
        )
        .config("spark.driver.extraJavaOptions", f"-Dderby.stream.error.file={spark_dir / 'derby.log'}")
        .enableHiveSupport()
        .getOrCreate()
    )
    try:
        yield session
    finally:
        session.stop()


def test_build_passes_on_spark(spark_build: float, record_property: Callable[[str, object], None]) -> None:
    record_property("dbt_build_seconds", round(spark_build, 1))


def test_reconciliation_statuses_on_spark(spark: Any, warehouse: Path) -> None:
    rows = spark.sql("select status, count(*) as n from reports.paper_reconciliation group by status").collect()
    counts = {row["status"]: int(row["n"]) for row in rows}
    assert counts == duckdb_status_counts(warehouse)
    assert "unexplained" not in counts


def test_mart_rows_on_spark(spark: Any) -> None:
    found = {
        mart: int(spark.sql(f"select count(*) from marts.{mart}").collect()[0][0]) for mart in expected_mart_rows()
    }
    assert found == expected_mart_rows()
