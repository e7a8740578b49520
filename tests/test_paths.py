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


#: The study's headline figures (by figure id in seeds/reference/published_figures.csv): the
#: code reads them from the seed (territorio.figures.printed_count), never writes them again.
HEADLINE_FIGURES = (
    "txt.questionnaires_applied",
    "txt.experiences_analysed",
    "txt.classification_classified",
    "txt.roles_per_actor",
    "t03.total.count",
    "t03.public.count",
    "t03.civil_society.count",
    "t03.market.count",
    "t11.total.strategic_allies",
)


def _number_literals(path: Path) -> list[tuple[int, object]]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool)
    ]


def test_no_headline_figure_is_written_as_a_number_in_the_code() -> None:
    from territorio.figures import load_figures

    figures = load_figures()
    headline = {float(figures[figure_id].value) for figure_id in HEADLINE_FIGURES}
    found = [
        f"{path.relative_to(REPO_ROOT)}:{line}: {value}"
        for folder in ("territorio", "streamlit_app")
        for path in sorted((REPO_ROOT / folder).rglob("*.py"))
        for line, value in _number_literals(path)
        if float(value) in headline
    ]
    assert found == []
