"""Where the published warehouse is: the one place ``$TERRITORIO_DB`` is read.

The build publishes to it, validation and the reproduction report read it by default, and the
page reads it. A relative path is taken from the repository root, not from the working folder,
so every command names the same file wherever it is started.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
#: The published warehouse when ``$TERRITORIO_DB`` is not set (relative to the repository root).
DEFAULT_WAREHOUSE = Path("data") / "territorio.duckdb"


def warehouse_path() -> Path:
    """The published warehouse: ``$TERRITORIO_DB``, else ``data/territorio.duckdb``."""
    path = Path(os.environ.get("TERRITORIO_DB") or DEFAULT_WAREHOUSE).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path


def is_default_warehouse(path: Path) -> bool:
    """Whether ``path`` is the project's own published warehouse, ``data/territorio.duckdb``."""
    return path.resolve() == (REPO_ROOT / DEFAULT_WAREHOUSE).resolve()
