"""Validate the warehouse marts with Great Expectations and write a self-contained HTML report.

Usage::

    python -m territorio.validate [--db PATH] [--report PATH]

One expectation suite per mart (and one for ``reports.paper_reconciliation`` when the warehouse
has it). Most expectations are not written here: they translate the dbt tests the marts' YAML
declares (:func:`declared_tests`: keys, references between marts, codes and classes of the
codebooks, accepted values), so the same declarations are checked by a second engine. Written
here is what the YAML does not say: the row counts and totals the study prints (:data:`STUDY`,
read from the seed ``published_figures`` by figure id) and the classification of every analysed
experience. The codebooks and the typology's models are read from the warehouse checked.

The marts are read into pandas data frames through a read-only DuckDB connection and validated
with Great Expectations' pandas data source (its SQL data source does not work on DuckDB), in an
ephemeral context, so no Great Expectations project folder is needed. Great Expectations is
imported only when a validation runs.

The database is ``--db``, else ``$TERRITORIO_DB``, else ``data/territorio.duckdb``. The report
goes to ``--report``, else next to the database as ``<name>.validation.html``; it needs no network
to read. The exit status is 0 when every expectation passes and 1 otherwise; each failed
expectation is printed with its table, expectation type, column and observed value.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import gc
import html
import math
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from territorio import knowledge
from territorio.figures import printed_count
from territorio.paths import warehouse_path

REPO_ROOT = Path(__file__).resolve().parent.parent
CODEBOOK_DIR = REPO_ROOT / "seeds" / "codebook"
MARTS_SCHEMA = "marts"
RECONCILIATION_TABLE = "reports.paper_reconciliation"
#: One row naming the build; its ``scale`` is N in a scale build (N copies of the raw layer).
BUILD_TABLE = "reports.warehouse_build"
#: The codebooks and the typology's models as the warehouse was built with them (its seeds): the
#: suites check the marts against these, so that a code or a model added to a seed is accepted
#: by the expectations of the build that loads it.
CODEBOOK_TABLE = "staging.stg_codebook"
TYPOLOGY_MODELS_TABLE = "raw.typology_models"


def _dbt_var(name: str) -> Any:
    """A var of the project's ``dbt_project.yml`` (the reconstruction's own counts live there
    once, for the dbt tests and for these expectations)."""
    return knowledge.dbt_var(name)


#: The figures of Fernández (2009) the marts must reproduce, in one place.
STUDY: dict[str, Any] = {
    # Section II: the Cuestionarios de Profundización applied, analysed or not.
    "questionnaires": printed_count("txt.questionnaires_applied"),
    # Section II and Tabla 1: "examina 120 experiencias" (public and civil-society applicants).
    "experiences": printed_count("txt.experiences_analysed"),
    # Raw-data contract: the experiences documented in the field.
    "field_visited_experiences": printed_count("txt.experiences_field_visited"),
    # Tabla 3, Total: actors linked to the analysed experiences.
    "actor_links": printed_count("t03.total.count"),
    # Tabla 3: Total Sector Público, Total Sociedad Civil, Total Asociaciones Empresariales y
    # Empresas.
    "actor_links_by_sector": {
        sector: printed_count(f"t03.{sector}.count") for sector in ("public", "civil_society", "market")
    },
    # Tabla 11, Total: actors recognised as strategic allies.
    "strategic_allies": printed_count("t11.total.strategic_allies"),
    # Section III.5, Roles de los Actores: Gráficos 1-2 count actors by the categories of roles
    # they hold, so every actor holds at least one role (the text's "3,6 en promedio" is given up
    # for that reading: docs/reconstruction.md, Readings).
    "min_roles_per_link": 1,
    # The role rows of the reconstruction (Gráficos 1-2 as shares of actors), as reconstructed:
    # the dbt var the marts' test reads.
    "role_rows": _dbt_var("expected_role_rows"),
    # Section III.6: the four models of articulation of the typology, and their two families.
    "articulation_models": tuple(knowledge.models()),
    "model_families": tuple(dict.fromkeys(knowledge.families().values())),
}

#: The entries of :data:`STUDY` that are counts: a scale build of N copies holds N times each.
STUDY_COUNTS = (
    "questionnaires",
    "experiences",
    "field_visited_experiences",
    "actor_links",
    "actor_links_by_sector",
    "strategic_allies",
    "role_rows",
)


def scaled_study(scale: int = 1) -> dict[str, Any]:
    """:data:`STUDY` for a warehouse of ``scale`` copies: counts times ``scale``, the rest as is."""
    study = dict(STUDY)
    for key in STUDY_COUNTS:
        value = study[key]
        study[key] = {k: v * scale for k, v in value.items()} if isinstance(value, dict) else value * scale
    return study


#: The marts validated, each with a suite of its own (named after the table).
MARTS = (
    "dim_questionnaires",
    "dim_experiences",
    "fct_actor_links",
    "fct_actor_roles",
    "fct_actor_contributions",
    "fct_strategic_allies",
    "fct_capacities",
    "fct_agreements",
    "fct_capacity_needs",
    "fct_participation_mechanisms",
    "dim_experience_classification",
    "dim_articulation_models",
)

#: The YAML files that declare the marts' dbt tests; the suites translate those declarations.
MARTS_YAML = ("models/marts/_marts__models.yml", "models/marts/_marts__classification.yml")


@dataclass(frozen=True)
class DeclaredTest:
    """A dbt data test as the marts' YAML declares it: on a model (``column`` None) or a column."""

    mart: str
    #: the check: dbt's test name, or for the project's tests over several columns the column
    #: test each stands for (``not_null``, ``unique``, ``compound_unique``, ``accepted_values``,
    #: ``relationships``)
    test: str
    column: str | None
    arguments: Mapping[str, Any]
    source: str
    #: the dbt test the YAML names, when it is not ``test``
    declared_as: str = ""


def declared_tests(paths: Sequence[str] = MARTS_YAML) -> list[DeclaredTest]:
    """Every data test the marts' YAML declares, in file order."""
    import yaml

    found = []
    for relative in paths:
        document = yaml.safe_load((REPO_ROOT / relative).read_text(encoding="utf-8"))
        for model in document.get("models", []):
            placed = [(None, model.get("data_tests"))]
            placed += [(column["name"], column.get("data_tests")) for column in model.get("columns", [])]
            for column, tests in placed:
                for test in tests or []:
                    name, spec = (test, {}) if isinstance(test, str) else next(iter(test.items()))
                    spec = spec or {}
                    arguments = spec.get("arguments", {k: v for k, v in spec.items() if k not in ("config", "name")})
                    found += _one_per_column(model["name"], name, column, arguments or {}, relative)
    # a check declared twice (a key column in not_null_columns and in primary_key) is one check
    seen: set[tuple[str, str, str | None, str]] = set()
    unique_checks = []
    for test in found:
        key = (test.mart, test.test, test.column, repr(sorted(test.arguments.items())))
        if key not in seen:
            seen.add(key)
            unique_checks.append(test)
    return unique_checks


def _one_per_column(
    mart: str, name: str, column: str | None, args: Mapping[str, Any], source: str
) -> list[DeclaredTest]:
    """A declared test as the column tests it stands for: the project's tests over several
    columns (one node in dbt's build) become one test per column here, as dbt's own would be."""
    if name == "not_null_columns":
        return [DeclaredTest(mart, "not_null", c, {}, source, name) for c in args["columns"]]
    if name == "primary_key":
        keys = list(args["columns"])
        unique = (
            DeclaredTest(mart, "unique", keys[0], {}, source, name)
            if len(keys) == 1
            else DeclaredTest(mart, "compound_unique", None, {"columns": keys}, source, name)
        )
        return [*(DeclaredTest(mart, "not_null", c, {}, source, name) for c in keys), unique]
    if name == "accepted_values_by_column":
        return [
            DeclaredTest(mart, "accepted_values", c, {"values": v}, source, name) for c, v in args["values"].items()
        ]
    if name == "expressions_are_true":
        return [
            DeclaredTest(mart, "expression_is_true", None, {"expression": rule["expression"]}, source, name)
            for rule in args["rules"]
        ]
    if name == "relationships_by_column":
        return [
            DeclaredTest(mart, "relationships", c, {"to": args["to"], "field": field}, source, name)
            for c, field in args["fields"].items()
        ]
    return [DeclaredTest(mart, name, column, args, source)]


def _referenced_model(ref: str) -> str:
    """``ref('dim_experiences')`` -> ``dim_experiences``."""
    return ref.split("'")[1] if "'" in ref else ref.split('"')[1]


def declared_expectation(
    gxe: Any, test: DeclaredTest, codebooks: Mapping[str, Mapping[str, list[str]]], frames: Mapping[str, Any]
) -> Any | None:
    """The Great Expectations counterpart of a declared dbt test, or None when it has none here
    (dbt alone runs the rest: expressions, sums across tables, crosswalk pairs, unit tests)."""
    args, column = test.arguments, test.column
    said = f"Declared in {test.source} (dbt test {test.declared_as or test.test})."
    if test.test == "not_null" and column:
        return gxe.ExpectColumnValuesToNotBeNull(column=column, description=said)
    if test.test == "unique" and column:
        return gxe.ExpectColumnValuesToBeUnique(column=column, description=said)
    if test.test == "compound_unique":
        return gxe.ExpectCompoundColumnsToBeUnique(column_list=list(args["columns"]), description=said)
    if test.test == "accepted_values" and column:
        return gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(args["values"]), description=said)
    if test.test == "expression_is_true" and column and args.get("expression", "").strip() == "= true":
        return gxe.ExpectColumnValuesToBeInSet(column=column, value_set=[True], description=said)
    if test.test == "relationships" and column:
        parent = frames.get(f"{MARTS_SCHEMA}.{_referenced_model(args['to'])}")
        if parent is None:
            return None
        values = sorted(parent[args["field"]].dropna().unique().tolist())
        return gxe.ExpectColumnValuesToBeInSet(column=column, value_set=values, description=said)
    return None


def codebook_columns(tests: Iterable[DeclaredTest] | None = None) -> list[tuple[str, str, str, str]]:
    """(mart, column, codebook, "codes" or "classes") of every column the marts' YAML declares in
    a ``codes_in_codebooks`` test."""
    return [
        (test.mart, column, question, kind)
        for test in (declared_tests() if tests is None else tests)
        if test.test == "codes_in_codebooks"
        for kind in ("codes", "classes")
        for column, question in (test.arguments.get(kind) or {}).items()
    ]


BANNER = (
    "The data are a reconstruction. The coded questionnaires of the study were never published: "
    "the microdata are written by a calibrated generator so that the study's printed tables come "
    "out of the warehouse (docs/reconstruction.md). Passing these expectations shows the "
    "warehouse agrees with the study's figures and codebooks, not that the records are real."
)


class ValidationError(RuntimeError):
    """At least one expectation failed (or a suite could not run)."""


@dataclass
class Outcome:
    """One expectation's result, in plain values."""

    suite: str
    table: str
    expectation: str
    column: str
    expected: str
    observed: str
    success: bool
    description: str = ""

    def line(self) -> str:
        """One line naming the table, the expectation, the column and the observed value."""
        column = f" column {self.column}" if self.column else ""
        return f"{self.table}: {self.expectation}{column} (expected {self.expected}): observed {self.observed}"


@dataclass
class Run:
    """A validation run: every outcome, the notes on skipped suites, and timings."""

    db: Path
    label: str
    started: dt.datetime
    seconds: float = 0.0
    gx_version: str = ""
    context: str = ""
    suites: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.success]

    @property
    def success(self) -> bool:
        return bool(self.outcomes) and not self.failures

    def summary(self) -> str:
        n_failed = len(self.failures)
        return (
            f"{len(self.outcomes)} expectations in {len(self.suites)} suites: "
            f"{len(self.outcomes) - n_failed} passed, {n_failed} failed ({self.seconds:.1f} s)"
        )


# --------------------------------------------------------------------------------------------
# Inputs: the codebooks and the marts


def load_codebooks(folder: Path = CODEBOOK_DIR) -> dict[str, dict[str, list[str]]]:
    """Read each ``codebook_<question>.csv``: ``{question: {"codes": [..], "classes": [..]}}``."""
    codebooks: dict[str, dict[str, list[str]]] = {}
    for path in sorted(folder.glob("codebook_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        question = path.stem.removeprefix("codebook_")
        codebooks[question] = {
            "codes": [row["code"] for row in rows],
            "classes": sorted({row["class"] for row in rows}),
        }
    return codebooks


def codebooks_of(frame: Any) -> dict[str, dict[str, list[str]]]:
    """:func:`load_codebooks`' shape from the warehouse's ``staging.stg_codebook`` (question,
    code, class), each codebook's codes in the order of its rows."""
    return {
        question: {"codes": list(rows["code"]), "classes": sorted(set(rows["class"]))}
        for question, rows in frame.groupby("question", sort=True)
    }


def default_db() -> Path:
    """The published warehouse (:func:`territorio.paths.warehouse_path`)."""
    return warehouse_path()


def report_path_for(db: Path) -> Path:
    """The default report of a warehouse: ``<folder>/<name>.validation.html``."""
    return db.with_name(f"{db.stem}.validation.html")


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """``schema.table`` of every table and view in the database."""
    rows = con.execute("select table_schema || '.' || table_name from information_schema.tables").fetchall()
    return {row[0] for row in rows}


def read_tables(db: Path, tables: Iterable[str]) -> tuple[dict[str, Any], set[str]]:
    """Read the tables present into data frames (read-only); return them and every table name."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        present = existing_tables(con)
        frames = {name: con.sql(f"select * from {name}").df() for name in tables if name in present}
    finally:
        con.close()
    return frames, present


# --------------------------------------------------------------------------------------------
# The suites


def define_suites(
    gxe: Any,
    col: Any,
    codebooks: Mapping[str, Mapping[str, list[str]]],
    frames: Mapping[str, Any],
    scale: int = 1,
    typology: Any = None,
) -> dict[str, list[Any]]:
    """Return ``{table: [expectation, ...]}``: one suite per mart (see the module docstring).

    ``scale`` is the number of copies of a scale build: the study's counts are multiplied by it.
    ``typology``, when given, is the warehouse's seed of the typology's models (model, family):
    the models and families the classification may take; otherwise those of :data:`STUDY`.

    ``gxe`` is ``great_expectations.expectations`` and ``col`` its row-condition ``Column``;
    ``frames`` holds the marts already read (the valid experience and link ids come from them).
    """
    suites: dict[str, list[Any]] = {f"{MARTS_SCHEMA}.{mart}": [] for mart in MARTS}
    study = scaled_study(scale)
    if typology is not None:
        study["articulation_models"] = tuple(typology["model"])
        study["model_families"] = tuple(dict.fromkeys(typology["family"]))

    def add(mart: str, expectation: Any) -> None:
        suites[f"{MARTS_SCHEMA}.{mart}"].append(expectation)

    def row_count(mart: str, value: int, source: str, condition: Any = None, what: str = "rows") -> None:
        add(
            mart,
            gxe.ExpectTableRowCountToEqual(
                value=value,
                row_condition=condition,
                description=f"{value} {what} ({source})",
            ),
        )

    # Row counts and totals the study prints.
    row_count("dim_questionnaires", study["questionnaires"], "section II", what="questionnaires")
    row_count(
        "dim_questionnaires",
        study["experiences"],
        "section II and Tabla 1",
        col("is_analysed") == True,  # noqa: E712 - a row condition (GX Column), not a comparison
        what="questionnaires analysed",
    )
    row_count("dim_experiences", study["experiences"], "Tabla 1", what="analysed experiences")
    row_count(
        "dim_experiences",
        study["field_visited_experiences"],
        "raw-data contract",
        col("is_field_visited") == True,  # noqa: E712 - a row condition
        what="experiences documented in the field",
    )
    row_count("fct_actor_links", study["actor_links"], "Tabla 3", what="actor links")
    for sector, links in study["actor_links_by_sector"].items():
        row_count(
            "fct_actor_links",
            links,
            "Tabla 3, sector totals",
            col("actor_sector") == sector,
            what=f"actor links of sector {sector}",
        )
    add(
        "fct_actor_links",
        gxe.ExpectColumnDistinctValuesToEqualSet(
            column="actor_sector",
            value_set=list(study["actor_links_by_sector"]),
            description="The three sectors of Tabla 3, and no other.",
        ),
    )
    row_count(
        "fct_actor_links",
        study["strategic_allies"],
        "Tabla 11",
        col("is_strategic_ally") == True,  # noqa: E712 - a row condition
        what="links flagged as strategic allies",
    )
    add(
        "fct_actor_links",
        gxe.ExpectColumnMinToBeBetween(
            column="n_roles",
            min_value=study["min_roles_per_link"],
            description="Every actor link holds a role: Gráficos 1-2 count actors by role (Roles de los Actores).",
        ),
    )
    add(
        "fct_actor_links",
        gxe.ExpectColumnSumToBeBetween(
            column="n_roles",
            min_value=study["role_rows"],
            max_value=study["role_rows"],
            description="The roles counted on the links are the role rows of fct_actor_roles.",
        ),
    )
    row_count("fct_actor_roles", study["role_rows"], "role rows, as reconstructed", what="role rows")
    row_count("fct_strategic_allies", study["strategic_allies"], "Tabla 11", what="strategic allies")
    row_count(
        "dim_experience_classification",
        study["experiences"],
        "Tabla 1",
        what="classified or unclassifiable experiences",
    )

    # What the marts' YAML declares as dbt tests (keys, references, codes, accepted values), as
    # expectations: the same declarations checked a second time, by another engine.
    declared = declared_tests()
    for test in declared:
        expectation = declared_expectation(gxe, test, codebooks, frames)
        if expectation is not None and test.mart in MARTS:
            add(test.mart, expectation)
    for mart, column, question, kind in codebook_columns(declared):
        add(
            mart,
            gxe.ExpectColumnValuesToBeInSet(
                column=column,
                value_set=codebooks[question][kind],
                description=f"The {kind} of seeds/codebook/codebook_{question}.csv (dbt test codes_in_codebooks).",
            ),
        )

    # Every analysed experience of dim_experiences is classified (or says why not).
    experiences = frames.get(f"{MARTS_SCHEMA}.dim_experiences")
    if experiences is not None:
        add(
            "dim_experience_classification",
            gxe.ExpectColumnDistinctValuesToEqualSet(
                column="experience_id",
                value_set=sorted(experiences["experience_id"].dropna().unique().tolist()),
                description="Every analysed experience of dim_experiences is in the classification.",
            ),
        )

    # Every analysed experience is classified into one of the four models, or says why not.
    add(
        "dim_experience_classification",
        gxe.ExpectColumnValuesToBeInSet(
            column="articulation_model",
            value_set=list(study["articulation_models"]),
            description="One of the four models of articulation (section III.6), or null.",
        ),
    )
    add(
        "dim_experience_classification",
        gxe.ExpectColumnValuesToBeInSet(
            column="model_family",
            value_set=list(study["model_families"]),
            description="One of the two families of models, or null.",
        ),
    )
    add(
        "dim_experience_classification",
        gxe.ExpectColumnValuesToNotBeNull(
            column="unclassified_reason",
            row_condition=col("articulation_model").is_null(),
            description="An experience left unclassified states why (unclassifiable).",
        ),
    )
    add(
        "dim_experience_classification",
        gxe.ExpectColumnValuesToBeNull(
            column="unclassified_reason",
            row_condition=col("articulation_model").is_not_null(),
            description="A classified experience carries no unclassified reason.",
        ),
    )
    add(
        "dim_experience_classification",
        gxe.ExpectColumnValuesToNotBeNull(
            column="model_family",
            row_condition=col("articulation_model").is_not_null(),
            description="A classified experience has its model's family.",
        ),
    )
    add(
        "dim_questionnaires",
        gxe.ExpectColumnValuesToNotBeNull(
            column="exclusion_reason",
            row_condition=col("is_analysed") == False,  # noqa: E712 - GX Column
            description="A questionnaire left out of the analysis states why.",
        ),
    )
    return suites


def reconciliation_suite(gxe: Any) -> list[Any]:
    """``reports.paper_reconciliation``: no published figure left unexplained."""
    return [
        gxe.ExpectColumnValuesToNotBeInSet(
            column="status",
            value_set=["unexplained"],
            description="Every published figure is reproduced or its difference is explained.",
        )
    ]


# --------------------------------------------------------------------------------------------
# Running the suites


def _plain(value: Any) -> Any:
    """numpy scalars to Python values, floats rounded for display."""
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        with contextlib.suppress(TypeError, ValueError):
            value = value.item()
    if isinstance(value, float) and math.isfinite(value):
        return int(value) if value.is_integer() else round(value, 4)
    return value


def _short(values: Sequence[Any], limit: int = 8) -> str:
    shown = ", ".join(repr(_plain(v)) for v in list(values)[:limit])
    more = f", … ({len(values)} values)" if len(values) > limit else ""
    return f"[{shown}{more}]"


def _condition_text(condition: Any) -> str:
    if condition is None or condition == "":
        return ""
    data = condition if isinstance(condition, dict) else getattr(condition, "dict", lambda: {})()
    name = (data.get("column") or {}).get("name", "?")
    if data.get("type") == "nullity" or "is_null" in data:
        return f"{name} is {'null' if data.get('is_null') else 'not null'}"
    if "operator" in data:
        operator = getattr(data["operator"], "value", data["operator"])
        return f"{name} {operator} {data.get('parameter')!r}"
    return str(condition)


def describe_expected(kwargs: Mapping[str, Any]) -> str:
    """The expectation's arguments in a short, readable form."""
    parts = []
    for key, value in kwargs.items():
        if key in {"batch_id", "column", "column_list", "row_condition", "condition_parser"}:
            continue
        if value is None or (key in {"strict_min", "strict_max"} and not value):
            continue
        shown = _short(value) if isinstance(value, (list, tuple, set)) else _plain(value)
        parts.append(f"{key}={shown}")
    condition = _condition_text(kwargs.get("row_condition"))
    if condition:
        parts.append(f"where {condition}")
    return ", ".join(parts) or "-"


def describe_observed(result: Mapping[str, Any], exception: Mapping[str, Any] | None) -> str:
    """The observed value of a result (or the unexpected values, or the error)."""
    if exception and exception.get("raised_exception"):
        message = str(exception.get("exception_message") or "error").strip().splitlines()
        return f"error: {message[0] if message else 'error'}"
    if result.get("observed_value") is not None:
        observed = result["observed_value"]
        return _short(observed) if isinstance(observed, (list, tuple)) else str(_plain(observed))
    parts = []
    if "unexpected_count" in result:
        count = result.get("unexpected_count") or 0
        text = f"{count} unexpected"
        if "element_count" in result:  # a value-by-value expectation: nulls are not checked
            checked = (result.get("element_count") or 0) - (result.get("missing_count") or 0)
            text += f" of {checked} values"
        if count:
            listed = result.get("partial_unexpected_list") or []
            text += f" {_short(sorted({str(value) for value in listed}))}"
        parts.append(text)
    if "partial_missing_list" in result and result.get("missing_count"):  # set members absent
        parts.append(f"{result['missing_count']} missing {_short(result['partial_missing_list'])}")
    elif "element_count" in result and result.get("missing_count"):
        parts.append(f"{result['missing_count']} null")
    return "; ".join(parts) if parts else "-"


class _PySparkHidden:
    """Hide PySpark while Great Expectations is imported.

    ``great_expectations.compatibility.pyspark`` imports PySpark whenever it is installed (the
    Spark group, ``make test-spark``), which costs seconds and prints PySpark's FutureWarning about
    pandas 3 on every build. The suites use the pandas data source only, so while Great
    Expectations is imported ``import pyspark`` fails as if PySpark were absent; afterwards it is
    importable again (``tests/test_spark.py`` runs in the same process as the other tests). A
    process that has already imported PySpark keeps it.
    """

    def __enter__(self) -> None:
        self.hidden = "pyspark" not in sys.modules
        if self.hidden:
            sys.modules["pyspark"] = None  # type: ignore[assignment]

    def __exit__(self, *exc: object) -> None:
        if self.hidden and sys.modules.get("pyspark", False) is None:
            del sys.modules["pyspark"]


def preload() -> None:
    """Import Great Expectations ahead of a validation (a build does it while dbt runs: the
    import is about half of a 1× validation's time, and dbt leaves a core free for it)."""
    with _PySparkHidden():
        import great_expectations
        import great_expectations.expectations  # noqa: F401
        from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: F401
        from great_expectations.expectations.row_conditions import Column  # noqa: F401


def run_validation(db: Path, *, label: str | None = None, context: str = "") -> Run:
    """Validate the warehouse at ``db`` and return the run; failed expectations raise nothing."""
    started = time.perf_counter()
    run = Run(db=db, label=label or str(db), context=context, started=dt.datetime.now(dt.UTC).astimezone())
    if not db.exists():
        raise FileNotFoundError(f"no warehouse at {db}")

    import logging

    with _PySparkHidden():  # imported here only: about three seconds
        import great_expectations as gx
        import great_expectations.expectations as gxe
        from great_expectations.expectations.row_conditions import Column

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    run.gx_version = gx.__version__

    tables = [f"{MARTS_SCHEMA}.{mart}" for mart in MARTS]
    frames, present = read_tables(
        db, [*tables, RECONCILIATION_TABLE, BUILD_TABLE, CODEBOOK_TABLE, TYPOLOGY_MODELS_TABLE]
    )
    build_info = frames.pop(BUILD_TABLE, None)
    codebook_frame = frames.pop(CODEBOOK_TABLE, None)
    models_frame = frames.pop(TYPOLOGY_MODELS_TABLE, None)
    scale = 1
    if build_info is not None and "scale" in build_info and len(build_info):
        scale = int(build_info["scale"].iloc[0])
    if scale != 1:
        run.notes.append(
            f"Scale build of {scale} copies of the raw layer: the study's counts are expected {scale} times."
        )
    if codebook_frame is None or models_frame is None:
        run.notes.append(
            f"{CODEBOOK_TABLE} or {TYPOLOGY_MODELS_TABLE} is not in the warehouse: codes and models "
            "were checked against the seeds of this checkout."
        )
    codebooks = load_codebooks() if codebook_frame is None else codebooks_of(codebook_frame)
    typology = None if models_frame is None else models_frame.sort_values("rank", key=lambda r: r.astype(int))
    suites = define_suites(gxe, Column, codebooks, frames, scale=scale, typology=typology)
    if RECONCILIATION_TABLE in present:
        suites[RECONCILIATION_TABLE] = reconciliation_suite(gxe)
    else:
        run.notes.append(
            f"{RECONCILIATION_TABLE} is not in the warehouse: the expectation that no figure is "
            "'unexplained' was skipped."
        )

    run.suites.extend(suites)
    by_suite = run_suites({table: expectations for table, expectations in suites.items() if table in frames}, frames)
    for table in suites:
        run.outcomes.extend(
            by_suite[table]
            if table in frames
            else [
                Outcome(
                    suite=table,
                    table=table,
                    expectation="table exists",
                    column="",
                    expected="a table in the warehouse",
                    observed="table missing",
                    success=False,
                )
            ]
        )
    run.seconds = time.perf_counter() - started
    return run


#: Suites and frames of the validation under way, for the worker processes forked from it
#: (:func:`run_suites`): a forked process inherits them, and Great Expectations already imported.
_FORKED: tuple[Mapping[str, list[Any]], Mapping[str, Any]] | None = None


def validation_workers() -> int:
    """How many processes the suites are spread over: one per core this process may use, at most
    four (``TERRITORIO_VALIDATE_WORKERS`` overrides; 1 runs them all in this process)."""
    configured = os.environ.get("TERRITORIO_VALIDATE_WORKERS", "").strip()
    if configured:
        return max(1, int(configured))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(4, cores))


def _balanced(suites: Mapping[str, list[Any]], groups: int) -> list[list[str]]:
    """The suites in ``groups`` groups of about as many expectations each (largest first)."""
    bins: list[list[str]] = [[] for _ in range(groups)]
    loads = [0] * groups
    for table in sorted(suites, key=lambda t: -len(suites[t])):
        i = loads.index(min(loads))
        bins[i].append(table)
        loads[i] += len(suites[table])
    return [group for group in bins if group]


def run_suites(suites: Mapping[str, list[Any]], frames: Mapping[str, Any]) -> dict[str, list[Outcome]]:
    """Run each suite on its frame; ``{suite: outcomes}``, one outcome per expectation in order.

    Great Expectations evaluates an expectation in Python (about 40 ms each, one core), so the
    suites are spread over :func:`validation_workers` processes: this one and others forked from
    it (where the platform forks), which inherit the imported library and the frames read.
    """
    global _FORKED
    groups = _balanced(suites, validation_workers())
    if len(groups) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _run_group(suites, frames, list(suites))
    _FORKED = (suites, frames)
    try:
        with ProcessPoolExecutor(max_workers=len(groups) - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            forked = [pool.submit(_run_forked_group, group) for group in groups[1:]]
            results = _run_group(suites, frames, groups[0])
            for future in forked:
                results.update(future.result())
    finally:
        _FORKED = None
    return results


def _run_forked_group(tables: list[str]) -> dict[str, list[Outcome]]:
    assert _FORKED is not None, "run_suites sets the suites before it forks"
    suites, frames = _FORKED
    return _run_group(suites, frames, tables)


def _run_group(
    suites: Mapping[str, list[Any]], frames: Mapping[str, Any], tables: Sequence[str]
) -> dict[str, list[Outcome]]:
    """Run the suites ``tables`` in an ephemeral Great Expectations context of this process."""
    with _PySparkHidden():
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

    context_gx = gx.get_context(mode="ephemeral")
    context_gx.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context_gx.data_sources.add_pandas("territorio")
    results: dict[str, list[Outcome]] = {}
    for table in tables:
        suite = context_gx.suites.add(gx.ExpectationSuite(name=table, expectations=suites[table]))
        batch = datasource.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
        definition = context_gx.validation_definitions.add(gx.ValidationDefinition(name=table, data=batch, suite=suite))
        result = definition.run(batch_parameters={"dataframe": frames[table]}, result_format="SUMMARY")
        by_id = {r.expectation_config.id: r for r in result.results}
        outcomes = results[table] = []
        for expectation in suite.expectations:
            outcome = by_id[expectation.id]
            config = outcome.expectation_config
            kwargs = dict(config.kwargs)
            column = kwargs.get("column") or ", ".join(kwargs.get("column_list") or [])
            outcomes.append(
                Outcome(
                    suite=table,
                    table=table,
                    expectation=config.type,
                    column=column,
                    expected=describe_expected(kwargs),
                    observed=describe_observed(outcome.result or {}, outcome.exception_info),
                    success=bool(outcome.success),
                    description=expectation.description or "",
                )
            )
    return results


# --------------------------------------------------------------------------------------------
# The HTML report

_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       margin: 0 auto; max-width: 1200px; padding: 1.5em; color: #1d2329; background: #fff; }
h1 { font-size: 1.6em; margin: 0 0 .3em; } h2 { font-size: 1.2em; margin: 1.8em 0 .4em; }
.banner { background: #fff4d6; border: 1px solid #e0b84a; border-radius: 6px; padding: .8em 1em;
          margin: 1em 0; }
.status { display: inline-block; font-weight: 700; padding: .15em .6em; border-radius: 4px; }
.pass { background: #dff3e3; color: #125c2a; } .fail { background: #fbe0e0; color: #8a1414; }
.note { background: #eef2f7; border-left: 4px solid #7a8da6; padding: .5em .9em; margin: .5em 0; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: .92em; }
th, td { border: 1px solid #d5dbe1; padding: .35em .55em; text-align: left; vertical-align: top; }
th { background: #f1f4f7; } tr.failed td { background: #fff1f1; }
table.suite { table-layout: fixed; } td { overflow-wrap: anywhere; }
td.s { white-space: nowrap; } td.w code { overflow-wrap: normal; }
code { font-family: ui-monospace, Menlo, Consolas, monospace;
       font-size: .95em; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; margin: .5em 0; }
dt { font-weight: 600; } dd { margin: 0; }
nav a { margin-right: .8em; white-space: nowrap; }
"""


def _breakable(name: str) -> str:
    """Escape an identifier and let it wrap after its underscores and commas."""
    return html.escape(name).replace("_", "_<wbr>").replace(", ", ",<wbr> ")


def render_html(run: Run) -> str:
    """A self-contained page (inline style, no script, no link to fetch): suite by suite."""
    esc = html.escape
    n_failed = len(run.failures)
    verdict = "PASSED" if run.success else "FAILED"
    css_class = "pass" if run.success else "fail"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>territorio data quality: {verdict}</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>territorio: data-quality validation</h1>",
        f'<div class="banner"><strong>Reconstructed data.</strong> {esc(BANNER)}</div>',
        f'<p><span class="status {css_class}">{verdict}</span> {esc(run.summary())}</p>',
        "<dl>",
        f"<dt>Warehouse</dt><dd><code>{esc(run.label)}</code></dd>",
        f"<dt>Run at</dt><dd>{esc(run.started.isoformat(timespec='seconds'))}</dd>",
        f"<dt>Run time</dt><dd>{run.seconds:.1f} s</dd>",
        f"<dt>Great Expectations</dt><dd>{esc(run.gx_version)}</dd>",
    ]
    if run.context:
        out.append(f"<dt>Context</dt><dd>{esc(run.context)}</dd>")
    out.append("</dl>")
    for note in run.notes:
        out.append(f'<p class="note">{esc(note)}</p>')
    if n_failed:
        out.append("<h2>Failed expectations</h2><ul>")
        out += [f"<li><code>{esc(f.line())}</code></li>" for f in run.failures]
        out.append("</ul>")
    out.append("<nav><strong>Suites:</strong> ")
    for suite in run.suites:
        out.append(f'<a href="#{esc(suite)}">{esc(suite)}</a>')
    out.append("</nav>")
    for suite in run.suites:
        outcomes = [o for o in run.outcomes if o.suite == suite]
        failed = sum(not o.success for o in outcomes)
        status = (
            f'<span class="status fail">{failed} failed</span>'
            if failed
            else '<span class="status pass">all passed</span>'
        )
        out.append(
            f'<h2 id="{esc(suite)}">Suite <code>{esc(suite)}</code> ({len(outcomes)} expectations) {status}</h2>'
        )
        out.append(
            '<table class="suite"><colgroup><col style="width:3%"><col style="width:6%">'
            '<col style="width:21%"><col style="width:14%"><col style="width:24%">'
            '<col style="width:14%"><col style="width:18%"></colgroup>'
            "<thead><tr><th>#</th><th>result</th><th>expectation</th><th>column</th>"
            "<th>expected</th><th>observed</th><th>meaning</th></tr></thead><tbody>"
        )
        for number, o in enumerate(outcomes, 1):
            mark = '<span class="status pass">pass</span>' if o.success else '<span class="status fail">FAIL</span>'
            out.append(
                f'<tr class="{"passed" if o.success else "failed"}"><td>{number}</td>'
                f'<td class="s">{mark}</td>'
                f'<td class="w"><code>{_breakable(o.expectation)}</code></td>'
                f'<td class="w"><code>{_breakable(o.column)}</code></td><td>{esc(o.expected)}</td>'
                f"<td>{esc(o.observed)}</td><td>{esc(o.description)}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write_report(run: Run, path: Path) -> Path:
    """Write the HTML report atomically (a reader never sees half a page)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(render_html(run), encoding="utf-8")
    os.replace(partial, path)
    return path


# --------------------------------------------------------------------------------------------
# Entry points


def validate(
    db: Path,
    *,
    report: Path | None = None,
    label: str | None = None,
    context: str = "",
    out: Any = None,
) -> Run:
    """Run the suites on ``db``, write the report, print failures and a summary; return the run."""
    out = out or sys.stdout
    run = run_validation(db, label=label, context=context)
    report = report or report_path_for(db)
    write_report(run, report)
    for note in run.notes:
        print(f"territorio.validate: note: {note}", file=out)
    for failure in run.failures:
        print(f"territorio.validate: FAILED {failure.line()}", file=out)
    print(f"territorio.validate: {run.summary()}; report: {report}", file=out)
    return run


def check_build(private: Path, published: Path) -> None:
    """The build's validator: validate the private file, report next to the published one.

    A file without the ``marts`` schema (a dbt project other than this one, e.g. in the build's
    own tests) has nothing to validate and passes with a note. Raises ValidationError when any
    expectation fails.
    """
    con = duckdb.connect(str(private), read_only=True)
    try:
        schemas = {row[0] for row in con.execute("select schema_name from information_schema.schemata").fetchall()}
    finally:
        con.close()
    if MARTS_SCHEMA not in schemas:
        print(f"territorio.validate: no {MARTS_SCHEMA} schema in the build: nothing to validate")
        return
    run = validate(
        private,
        report=report_path_for(published),
        label=str(published),
        context="Checked on the new build before publishing: it is published only if every "
        "expectation passes; otherwise the published warehouse is left as it was.",
    )
    if not run.success:
        failed = "; ".join(f.line() for f in run.failures[:5])
        more = f" (and {len(run.failures) - 5} more)" if len(run.failures) > 5 else ""
        raise ValidationError(f"{len(run.failures)} expectations failed: {failed}{more}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m territorio.validate",
        description="Validate the warehouse marts with Great Expectations; write an HTML report.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="warehouse to validate (default: $TERRITORIO_DB, else data/territorio.duckdb)",
    )
    parser.add_argument(
        "--report",
        type=Path,
        default=None,
        help="HTML report to write (default: <warehouse name>.validation.html beside it)",
    )
    args = parser.parse_args(argv)
    db = (args.db or default_db()).expanduser().resolve()
    if not db.exists():
        print(f"territorio.validate: no warehouse at {db} (run make build)", file=sys.stderr)
        return 2
    try:
        run = validate(db, report=args.report)
    except duckdb.Error as exc:
        print(f"territorio.validate: FAILED: cannot read {db}: {exc}", file=sys.stderr)
        return 2
    return 0 if run.success else 1


if __name__ == "__main__":
    status = main()
    gc.freeze()  # exit without walking every object left (see territorio.dbt_cli): 0.7 s less
    sys.exit(status)
