"""dbt's command line, run in a child process with the running interpreter.

dbt-core has no ``python -m dbt``; ``[*dbt_command(), "build", ...]`` runs its CLI with this
Python (the project's environment, whatever is first on ``PATH``), and in a process of its own,
so that the DuckDB file dbt opened is closed when dbt is done (dbt-duckdb keeps it open until its
process exits).
"""

from __future__ import annotations

import sys

CLI = "import sys; from dbt.cli.main import cli; sys.exit(cli(prog_name='dbt'))"


def dbt_command(python: str | None = None) -> list[str]:
    """The start of a command line that runs dbt with ``python`` (default: this interpreter)."""
    return [python or sys.executable, "-c", CLI]
