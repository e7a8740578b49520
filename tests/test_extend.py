"""Extending the study's vocabulary is a seed edit plus SQL, nothing in Python.

On a copy of the project: a theme code is added to its codebook and given to one questionnaire,
and a fifth articulation model is added to the typology's seeds (its rank, family, labels, colour
and one rule) with the one line of SQL that names its score column. ``python -m territorio.build`` (the
raw-data contract, dbt's data tests and the Great Expectations suites, which read the codebooks
and the models from the warehouse they check) builds and publishes it, and the marts carry the new
code with its labels and the new model's score. The reports are left out (the study's tables do
not know the new theme), and so are the unit tests of the classification: their expected rows pin
the rule book as the study prints it, so a new rule updates them too.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from conftest import copy_project, run_build

NEW_THEME = {"code": "culture", "label_es": "Cultura", "label_en": "Culture", "class": "theme"}
NEW_MODEL = "mixto"


def append_row(path: Path, row: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        fields = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=fields, lineterminator="\n").writerow(row)


def set_cell(path: Path, key: str, key_value: str, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    assert any(row[key] == key_value for row in rows)
    for row in rows:
        if row[key] == key_value:
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_new_code_and_a_new_model_are_a_seed_edit_plus_sql(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    seeds = project / "seeds"

    # a codebook code: one row of its seed, and the raw data may use it
    append_row(seeds / "codebook" / "codebook_themes.csv", NEW_THEME)
    set_cell(seeds / "raw" / "raw_questionnaires.csv", "questionnaire_id", "TC08-001", "theme_code", "culture")

    # an articulation model: a row of typology_models, its colour in the palette, a rule, and its
    # score column in the SQL
    append_row(
        seeds / "reference" / "typology_models.csv",
        {
            "model": NEW_MODEL,
            "rank": "5",
            "family": "governance_relations",
            "family_label_es": "Relaciones de gobernanza",
            "family_label_en": "Governance relations",
            "label_es": "Modelo mixto",
            "label_en": "Mixed model",
            "description_es": "Modelo de prueba.",
        },
    )
    append_row(
        seeds / "reference" / "palette.csv",
        {
            "dimension": "model",
            "category": NEW_MODEL,
            "category_order": "5",
            "label_es": "Modelo mixto",
            "label_en": "Mixed model",
            "colour": "#AA4499",
        },
    )
    append_row(
        seeds / "reference" / "typology_rules.csv",
        {"variable": "institutionalisation", "category": "systematic", "model": NEW_MODEL},
    )
    sql = project / "models" / "marts" / "dim_experience_classification.sql"
    listed = "{%- set models = ['vertical', 'consultative', 'collaborative', 'territorialised'] -%}"
    assert listed in sql.read_text(encoding="utf-8")
    sql.write_text(
        sql.read_text(encoding="utf-8").replace(
            listed, listed.replace("'territorialised'", f"'territorialised', '{NEW_MODEL}'")
        ),
        encoding="utf-8",
    )

    published = tmp_path / "published" / "territorio.duckdb"
    published.parent.mkdir()
    # left out: the reports (the study's Tabla 1 does not know the new theme) and the unit tests,
    # whose expected rows pin the rule book as the study prints it (a new rule is a new rule book)
    result = run_build(
        published,
        "--project-dir",
        str(project),
        "--exclude",
        "path:models/reports",
        "path:tests/reports",
        "test_type:unit",
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "expectations" in result.stdout + result.stderr

    con = duckdb.connect(str(published), read_only=True)
    try:
        theme = con.execute(
            "select theme, theme_label_es, theme_label_en from marts.dim_experiences where experience_id = 'TC08-001'"
        ).fetchall()
        assert theme == [("culture", "Cultura", "Culture")]
        scores = con.execute(
            f"select count(*), sum(score_{NEW_MODEL}) from marts.dim_experience_classification"
        ).fetchone()
        systematic = con.execute(
            "select count(*) from marts.dim_experience_classification "
            "where institutionalisation_category = 'systematic'"
        ).fetchone()[0]
        # the model scores one point exactly where its one rule holds
        assert scores == (120, systematic)
        assert systematic > 0
    finally:
        con.close()
