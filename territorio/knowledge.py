"""The study's vocabulary as the seeds write it: codebooks and the typology's models.

The seeds (``seeds/codebook/``, ``seeds/reference/typology_models.csv``) are the one place the
codes, their order, their labels and their classes are written; dbt loads them as tables, and
Python code that needs a code list (the generator's stages) reads them here instead of keeping
its own copy.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from territorio.paths import REPO_ROOT

SEEDS = REPO_ROOT / "seeds"


@functools.cache
def dbt_vars() -> dict[str, object]:
    """The vars of the project's ``dbt_project.yml``: the reconstruction's own counts and the
    typology's threshold, written there once for the dbt tests and read here by Python."""
    import yaml

    return yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]


def dbt_var(name: str) -> object:
    """One var of ``dbt_project.yml``."""
    return dbt_vars()[name]


@dataclass(frozen=True)
class Code:
    """One row of a codebook: the code, its labels and its class (sector, category, ...)."""

    code: str
    label_es: str
    label_en: str
    klass: str


@functools.cache
def codebook(name: str) -> tuple[Code, ...]:
    """The rows of ``seeds/codebook/codebook_<name>.csv``, in the seed's order."""
    with (SEEDS / "codebook" / f"codebook_{name}.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(Code(r["code"], r["label_es"], r["label_en"], r["class"]) for r in csv.DictReader(handle))


def codes(name: str) -> list[str]:
    """The codes of a codebook, in the seed's order."""
    return [row.code for row in codebook(name)]


def classes(name: str) -> dict[str, str]:
    """Each code of a codebook with its class, in the seed's order."""
    return {row.code: row.klass for row in codebook(name)}


@functools.cache
def _reference_rows(name: str, order_by: str) -> tuple[dict[str, str], ...]:
    """The rows of ``seeds/reference/<name>.csv``, ordered by an integer column."""
    with (SEEDS / "reference" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(sorted(csv.DictReader(handle), key=lambda row: int(row[order_by])))


def typology_models() -> tuple[dict[str, str], ...]:
    """The rows of ``seeds/reference/typology_models.csv``, by rank."""
    return _reference_rows("typology_models", "rank")


def models() -> list[str]:
    """The four articulation models, by rank (vertical first)."""
    return [row["model"] for row in typology_models()]


def families() -> dict[str, str]:
    """Each articulation model with its family (vertical_relations, governance_relations)."""
    return {row["model"]: row["family"] for row in typology_models()}


def typology_variables() -> tuple[dict[str, str], ...]:
    """The rows of ``seeds/reference/typology_variables.csv``, by number."""
    return _reference_rows("typology_variables", "variable_no")


def variables() -> list[str]:
    """The typology's nine variables, in the study's order."""
    return [row["variable"] for row in typology_variables()]
