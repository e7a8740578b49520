"""The study's knowledge the page shows, read from the seed files (never copied into Python).

Labels of codes (codebooks, typology), the palette (one colour per category, the same in every
chart and both languages), the titles of the study's tables and the order in which the study
prints their rows and columns (the order of ``published_figures.csv``). Only seed files are read
here; the warehouse is read by ``data.py`` alone.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _rows(relative: str) -> list[dict[str, str]]:
    with (SEEDS / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def palette() -> dict[tuple[str, str], dict[str, str]]:
    """(dimension, category) -> {label_es, label_en, colour, order}, in the seed's order."""
    rows = sorted(_rows("reference/palette.csv"), key=lambda r: (r["dimension"], int(r["category_order"])))
    return {
        (r["dimension"], r["category"]): {
            "es": r["label_es"],
            "en": r["label_en"],
            "colour": r["colour"],
            "order": int(r["category_order"]),
        }
        for r in rows
    }


def categories(dimension: str) -> list[str]:
    """The categories of a palette dimension, in order."""
    return [c for (d, c) in palette() if d == dimension]


def colour(dimension: str, category: str) -> str:
    return palette()[(dimension, category)]["colour"]


def palette_label(dimension: str, category: str, lang: str) -> str:
    return palette()[(dimension, category)][lang]


@cache
def codebooks() -> dict[str, dict[str, dict[str, str]]]:
    """codebook name (file stem without 'codebook_') -> code -> {es, en, class}."""
    books = {}
    for path in sorted((SEEDS / "codebook").glob("codebook_*.csv")):
        books[path.stem.removeprefix("codebook_")] = {
            r["code"]: {"es": r["label_es"], "en": r["label_en"], "class": r["class"]}
            for r in _rows(f"codebook/{path.name}")
        }
    return books


def code_label(codebook: str, code: object, lang: str) -> str | None:
    entry = codebooks()[codebook].get(str(code)) if code is not None else None
    return entry[lang] if entry else None


@cache
def typology_models() -> list[dict[str, str]]:
    return sorted(_rows("reference/typology_models.csv"), key=lambda r: int(r["rank"]))


@cache
def typology_variables() -> list[dict[str, str]]:
    return sorted(_rows("reference/typology_variables.csv"), key=lambda r: int(r["variable_no"]))


@cache
def typology_categories() -> dict[tuple[str, str], dict[str, str]]:
    """(variable, category) -> {es, en, order}."""
    spanish = {(r["variable"], r["category"]): r["label_es"] for r in _rows("reference/typology_category_labels.csv")}
    return {
        (r["variable"], r["category"]): {
            "es": spanish.get((r["variable"], r["category"]), r["label_en"]),
            "en": r["label_en"],
            "order": int(r["category_order"]),
        }
        for r in _rows("reference/typology_categories.csv")
    }


@cache
def typology_rules() -> dict[tuple[str, str], tuple[str, ...]]:
    """(variable, category) -> the models the category satisfies (no entry: no evidence)."""
    found: dict[tuple[str, str], list[str]] = {}
    for r in _rows("reference/typology_rules.csv"):
        found.setdefault((r["variable"], r["category"]), []).append(r["model"])
    return {k: tuple(v) for k, v in found.items()}


@cache
def study_tables() -> list[dict[str, str]]:
    """The study's tables and charts in print order: source, title_es, title_en."""
    return sorted(_rows("reference/study_tables.csv"), key=lambda r: int(r["display_order"]))


@cache
def figure_layout() -> dict[str, tuple[str, int, int]]:
    """figure_id -> (source, row position, column position) in the order the study prints them."""
    layout: dict[str, tuple[str, int, int]] = {}
    rows: dict[str, dict[str, int]] = {}
    cols: dict[str, dict[str, int]] = {}
    for r in _rows("reference/published_figures.csv"):
        source = r["source"]
        row_pos = rows.setdefault(source, {}).setdefault(r["row_label"], len(rows[source]))
        col_pos = cols.setdefault(source, {}).setdefault(r["column_label"], len(cols[source]))
        layout[r["figure_id"]] = (source, row_pos, col_pos)
    return layout


@cache
def min_variables_with_evidence() -> int:
    """dbt's var typology_min_variables_with_evidence (dbt_project.yml): below it, unclassified."""
    import yaml

    project = yaml.safe_load((SEEDS.parent / "dbt_project.yml").read_text(encoding="utf-8"))
    return int(project["vars"]["typology_min_variables_with_evidence"])
