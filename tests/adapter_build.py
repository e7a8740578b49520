"""Build the whole project on another adapter (`dbt build --target NAME`) for the adapter tests.

tests/test_postgres.py and tests/test_spark.py build every node (seeds, models, data tests, unit
tests, singular tests) with the repository's profile, target and log folders of their own, and
then read back the figures below: the same on every adapter.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from territorio import knowledge
from territorio.dbt_cli import dbt_command
from territorio.figures import printed_count

REPO_ROOT = Path(__file__).resolve().parent.parent


def duckdb_status_counts(warehouse: Path) -> dict[str, int]:
    """The reconciliation's status counts in the DuckDB warehouse: every adapter must give these.

    Read from the session's DuckDB build rather than written here, so the adapter tests follow
    the reconstruction; a DuckDB build with an `unexplained` figure fails its own tests first.
    """
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("select status, count(*) from reports.paper_reconciliation group by status").fetchall()
    finally:
        con.close()
    return {status: int(n) for status, n in rows}


def expected_mart_rows() -> dict[str, int]:
    """Rows of the key marts: the study's printed counts (seed published_figures, by figure id)
    and the role rows as reconstructed (dbt var)."""
    return {
        "dim_experiences": printed_count("txt.experiences_analysed"),
        "fct_actor_links": printed_count("t03.total.count"),
        "fct_strategic_allies": printed_count("t11.total.strategic_allies"),
        "fct_actor_roles": int(knowledge.dbt_var("expected_role_rows")),
    }


def dbt_build(target: str, workdir: Path, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """Run `dbt build --target TARGET` over the whole project; target and logs under workdir."""
    command = [
        *dbt_command(),
        "build",
        "--target",
        target,
        "--profiles-dir",
        str(REPO_ROOT),
        "--project-dir",
        str(REPO_ROOT),
        "--target-path",
        str(workdir / "target"),
        "--log-path",
        str(workdir / "logs"),
    ]
    full_env = {**os.environ, **env}
    full_env.pop("TERRITORIO_BUILD_DB", None)
    return subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )


def failure_message(target: str, result: subprocess.CompletedProcess[str], workdir: Path) -> str:
    """The tail of a failed build's output, and where the whole of it is."""
    output = result.stdout + result.stderr
    log = workdir / "build.log"
    log.write_text(output, encoding="utf-8")
    tail = "\n".join(output.splitlines()[-60:])
    return (
        f"dbt build --target {target} failed (exit code {result.returncode}); full output in {log}; last lines:\n{tail}"
    )
