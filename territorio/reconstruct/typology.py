"""The typology as the warehouse applies it: the generator's check, and its rule book.

The typology is written once: its nine category rules in SQL
(``models/intermediate/int_experiences_typology_evidence.sql``), which categories support which
models in the seed ``typology_rules`` (read here by :func:`load_rules`, for the solver's
constraints), the models' order in ``typology_models``. The generator does not restate the
category rules: before it writes anything it builds the raw files it would write in a scratch
copy of the dbt project, up to ``dim_experience_classification`` (the raw-data contract
included), and compares the warehouse's classification with the models it calibrated
(:func:`territorio.reconstruct.pipeline.prove_typology`).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

from territorio.dbt_cli import dbt_command
from territorio.paths import REPO_ROOT

RULES_CSV = REPO_ROOT / "seeds" / "reference" / "typology_rules.csv"
#: What a scratch build needs of the project.
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds")


def load_rules() -> dict[tuple[str, str], list[str]]:
    """``(variable, category) -> [models it supports]``, in the seed's order."""
    rules: dict[tuple[str, str], list[str]] = defaultdict(list)
    with RULES_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rules[(row["variable"], row["category"])].append(row["model"])
    return rules


def classify_in_warehouse(raw_files: dict[str, str]) -> dict[str, str | None]:
    """Each analysed questionnaire's articulation model (None: unclassifiable), as the warehouse's
    SQL classifies the raw CSVs ``raw_files`` (file name -> text) in a scratch build."""
    with tempfile.TemporaryDirectory(prefix="territorio-typology-") as scratch:
        work = Path(scratch)
        project = work / "project"
        project.mkdir()
        for part in PROJECT_PARTS:
            source = REPO_ROOT / part
            if source.is_dir():
                shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, project / part)
        for name, text in raw_files.items():
            (project / "seeds" / "raw" / name).write_text(text, encoding="utf-8")
        db = work / "typology.duckdb"
        env = {
            **os.environ,
            "TERRITORIO_DEV_DB": str(db),
            "TERRITORIO_DB": str(work / "unused.duckdb"),
            "DBT_TARGET_PATH": str(work / "target"),
            "DBT_LOG_PATH": str(work / "logs"),
        }
        env.pop("TERRITORIO_BUILD_DB", None)
        command = [
            *dbt_command(),
            "build",
            "--select",
            "+dim_experience_classification",
            "--resource-type",
            "seed",
            "--resource-type",
            "model",
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
            "--no-partial-parse",
        ]
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError("the scratch build of the typology failed:\n" + (result.stdout + result.stderr)[-4000:])
        import duckdb

        con = duckdb.connect(str(db), read_only=True)
        try:
            rows = con.execute(
                "select experience_id, articulation_model from marts.dim_experience_classification"
            ).fetchall()
        finally:
            con.close()
    return dict(rows)
