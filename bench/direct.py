"""Replay a dbt build's compiled SQL directly in DuckDB, in one process: the design's own cost.

Usage::

    python -m bench.direct --target DIR --db PATH [--project-dir DIR] [--json]

``--target`` is the target folder of a finished ``dbt build`` (its ``manifest.json`` and
``run_results.json``). The nodes replayed are exactly those that build ran, except unit tests:

1. **Seeds**: each seed CSV is read with DuckDB's ``read_csv`` (every column as text) and cast
   to the column types dbt gave it (read from the dbt-built warehouse, ``--types-from``), into
   a table of the same name.
2. **Models**, in dependency order: ``CREATE VIEW`` or ``CREATE TABLE … AS`` (the model's
   materialization) over the model's compiled SQL, as dbt compiled it.
3. **Data tests**: each test's compiled SQL wrapped as ``SELECT count(*) FROM (…)``, as dbt's
   test materialization does; a non-zero count is a failure (reported, not raised).

Left out: dbt's own work (parsing, compiling, its adapter's transactions, renames and
catalog queries, the run results) and the unit tests (dbt's fixtures have no plain-SQL
counterpart). The database is a new file whose name matches the dbt warehouse's file name, so
that the compiled three-part names (``"<catalog>"."<schema>"."<table>"``) resolve unchanged.
DuckDB runs with its default settings (all cores), one statement at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parent.parent


def load_plan(target: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """The seeds, models (in dependency order) and data tests that the dbt build ran."""
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    ran = {r["unique_id"] for r in results["results"]}
    nodes = {uid: node for uid, node in manifest["nodes"].items() if uid in ran}
    seeds = [n for n in nodes.values() if n["resource_type"] == "seed"]
    models = {uid: n for uid, n in nodes.items() if n["resource_type"] == "model"}
    order = TopologicalSorter(
        {uid: [d for d in n["depends_on"]["nodes"] if d in models] for uid, n in models.items()}
    ).static_order()
    tests = [n for n in nodes.values() if n["resource_type"] == "test"]
    return seeds, [models[uid] for uid in order], tests


def seed_types(types_from: Path | None, seeds: list[dict]) -> dict[str, list[tuple[str, str]]]:
    """``{relation_name: [(column, type), ...]}`` of each seed, from the dbt-built warehouse."""
    if types_from is None:
        return {}
    con = duckdb.connect(str(types_from), read_only=True)
    try:
        types = {}
        for seed in seeds:
            rows = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position",
                [seed["schema"], seed["alias"] or seed["name"]],
            ).fetchall()
            types[seed["unique_id"]] = rows
        return types
    finally:
        con.close()


def replay(target: Path, db: Path, project_dir: Path, types_from: Path | None) -> dict:
    """Run the plan into ``db``; return counts, phase times and failing tests."""
    seeds, models, tests = load_plan(target)
    types = seed_types(types_from, seeds)
    for path in (db, Path(f"{db}.wal")):
        path.unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    times: dict[str, float] = {}
    failures: dict[str, int] = {}
    # the same buffer-pool limit as the dbt profile (profiles.yml), so both spill alike
    memory_limit = os.environ.get("TERRITORIO_DUCKDB_MEMORY_LIMIT", "4GB")
    con = duckdb.connect(str(db), config={"memory_limit": memory_limit})
    try:
        start = time.perf_counter()
        schemas = {(n["schema"]) for n in [*seeds, *models]}
        for schema in sorted(schemas):
            con.execute(f'create schema if not exists "{schema}"')
        for seed in seeds:
            csv_path = (project_dir / seed["original_file_path"]).resolve()
            columns = types.get(seed["unique_id"])
            if columns:
                select = ", ".join(f'cast("{c}" as {t}) as "{c}"' for c, t in columns)
            else:
                select = "*"
            con.execute(
                f"create table {seed['relation_name']} as select {select} "
                f"from read_csv('{csv_path}', header = true, all_varchar = true)"
            )
        times["seeds"] = time.perf_counter() - start
        start = time.perf_counter()
        for model in models:
            kind = "view" if model["config"]["materialized"] == "view" else "table"
            con.execute(f"create {kind} {model['relation_name']} as (\n{model['compiled_code']}\n)")
        times["models"] = time.perf_counter() - start
        start = time.perf_counter()
        for test in tests:
            count = con.execute(f"select count(*) from (\n{test['compiled_code']}\n) as dbt_internal_test").fetchall()[
                0
            ][0]
            if count:
                failures[test["unique_id"]] = count
        times["tests"] = time.perf_counter() - start
        con.execute("checkpoint")
    finally:
        con.close()
    return {
        "seeds": len(seeds),
        "models": len(models),
        "tests": len(tests),
        "failed_tests": failures,
        "phase_seconds": {k: round(v, 3) for k, v in times.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.direct", description=__doc__.split("\n")[0])
    parser.add_argument("--target", type=Path, required=True, help="target folder of a dbt build")
    parser.add_argument("--db", type=Path, required=True, help="new DuckDB file (same file name as the dbt warehouse)")
    parser.add_argument(
        "--types-from", type=Path, default=None, help="the dbt-built warehouse, for the seeds' column types"
    )
    parser.add_argument("--project-dir", type=Path, default=REPO_ROOT)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    summary = replay(args.target, args.db, args.project_dir, args.types_from)
    if args.json:
        print(json.dumps(summary))
    else:
        print(
            f"{summary['seeds']} seeds, {summary['models']} models, {summary['tests']} tests; "
            f"{len(summary['failed_tests'])} tests failed; {summary['phase_seconds']}"
        )
    return 1 if summary["failed_tests"] else 0


if __name__ == "__main__":
    sys.exit(main())
