"""dbt's command line, run in a child process with the running interpreter.

dbt-core has no ``python -m dbt``; ``[*dbt_command(), "build", ...]`` runs its CLI with this
Python (the project's environment, whatever is first on ``PATH``), and in a process of its own,
so that the DuckDB file dbt opened is closed when dbt is done (dbt-duckdb keeps it open until its
process exits).

When dbt is done, its objects (the parsed project, ~250,000 Python objects) are moved out of the
garbage collector's reach (``gc.freeze``) before the interpreter exits: otherwise the collections
run while the interpreter tears itself down walk them all again, 0.3-0.4 s at the end of every
build on a 2-core machine, for memory the process is about to hand back anyway.
"""

from __future__ import annotations

import sys

CLI = "import gc\nfrom dbt.cli.main import cli\ntry:\n    cli(prog_name='dbt')\nfinally:\n    gc.freeze()"


def dbt_command(python: str | None = None) -> list[str]:
    """The start of a command line that runs dbt with ``python`` (default: this interpreter)."""
    return [python or sys.executable, "-c", CLI]
