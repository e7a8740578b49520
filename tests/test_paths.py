"""The published warehouse's path is read in one function (territorio.paths.warehouse_path)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from territorio import paths

REPO_ROOT = Path(__file__).resolve().parent.parent
#: Reading the variable: os.environ.get("TERRITORIO_DB"), os.environ["TERRITORIO_DB"], os.getenv(...)
READS_VARIABLE = re.compile(r"""(environ\.get|environ\[|getenv)\(?\s*["']TERRITORIO_DB["']""")


def test_only_paths_reads_territorio_db() -> None:
    readers = sorted(
        str(path.relative_to(REPO_ROOT))
        for folder in ("territorio", "streamlit_app")
        for path in (REPO_ROOT / folder).rglob("*.py")
        if READS_VARIABLE.search(path.read_text(encoding="utf-8"))
    )
    assert readers == ["territorio/paths.py"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, REPO_ROOT / "data" / "territorio.duckdb"),
        ("", REPO_ROOT / "data" / "territorio.duckdb"),
        ("elsewhere/w.duckdb", REPO_ROOT / "elsewhere" / "w.duckdb"),
        ("/tmp/w.duckdb", Path("/tmp/w.duckdb")),
    ],
)
def test_warehouse_path(value: str | None, expected: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if value is None:
        monkeypatch.delenv("TERRITORIO_DB", raising=False)
    else:
        monkeypatch.setenv("TERRITORIO_DB", value)
    assert paths.warehouse_path() == expected
    assert paths.is_default_warehouse(expected) == (value in (None, ""))


def test_every_command_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from territorio import build, reproduction_report, validate

    sys.path.insert(0, str(REPO_ROOT / "streamlit_app"))
    try:
        import data
    finally:
        sys.path.remove(str(REPO_ROOT / "streamlit_app"))
    monkeypatch.setenv("TERRITORIO_DB", "/tmp/somewhere/w.duckdb")
    expected = Path("/tmp/somewhere/w.duckdb")
    assert build.published_path() == validate.default_db() == reproduction_report.default_db() == expected
    assert data.db_path() == expected
