"""The dbt-duckdb plugin of the project: the raw-data contract for plain ``dbt`` commands.

``profiles.yml`` loads it on the DuckDB target (``plugins: [{module: territorio.dbt_plugin}]``).
It does two things:

- before DuckDB opens the warehouse file, it creates the file's folder when it is missing and
  says so on the console (``data/dev/`` for the development file of a plain ``dbt build``);
- it registers the SQL function ``territorio_raw_contract(raw_dir, id_pattern, display_root)``,
  which runs :func:`territorio.contract.check_raw_dir` on the raw CSV files and returns every
  problem, one per line (empty text when the files keep the contract). The project's
  ``on-run-start`` hook (``macros/raw/check_raw_contract.sql``) calls it and stops the run with
  those lines, so ``dbt build`` rejects exactly the input that ``python -m territorio.build``
  rejects, before any seed is loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

FUNCTION = "territorio_raw_contract"


def raw_contract(raw_dir: str, id_pattern: str | None, display_root: str | None) -> str:
    """Every contract problem of ``raw_dir``, one per line; empty text when there is none."""
    from territorio.contract import check_raw_dir, format_issues

    issues = check_raw_dir(
        Path(raw_dir), display_root=Path(display_root) if display_root else None, id_pattern=id_pattern or None
    )
    return format_issues(issues) if issues else ""


class Plugin(BasePlugin):
    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        path = getattr(creds, "path", None)
        if not path or path == ":memory:" or "://" in str(path):
            return
        folder = Path(path).expanduser().parent
        if not folder.exists():
            folder.mkdir(parents=True)
            print(f"territorio: created the folder {folder} for the DuckDB file {path}", file=sys.stderr)

    def configure_connection(self, conn: Any) -> None:
        import duckdb

        conn.create_function(
            FUNCTION,
            raw_contract,
            [duckdb.sqltype("VARCHAR")] * 3,
            duckdb.sqltype("VARCHAR"),
            null_handling="special",
            side_effects=True,
        )
