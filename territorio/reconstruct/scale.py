"""Scale copies of the raw layer, for load tests: ``make reconstruct SCALE=N``.

Usage::

    python -m territorio.reconstruct.scale N [--out DIR] [--raw-dir DIR] [--force]
    python -m territorio.reconstruct --scale N        (the same)

Reads the committed raw CSVs (``seeds/raw/``; the calibration is not run again) and writes ``N``
copies of them as Parquet, one folder per raw table, under ``data/scale/x<N>/`` (git-ignored)::

    data/scale/x<N>/raw_questionnaires/part-0.parquet, ...
    data/scale/x<N>/raw_actor_links/part-0.parquet, ...
    data/scale/x<N>/raw_participation_mechanisms/part-0.parquet, ...
    data/scale/x<N>/manifest.json       N, the row counts, the CSVs' checksums

Copy ``k`` (1 … N) of a questionnaire gets the id ``<prefix>-<k>-<rest>``, ``k`` padded with
zeros to the width of ``N``: copy 42 of ``TC08-001`` at N = 10,000 is ``TC08-00042-001``. The
ids stay unique and sort by copy, then by the original id; every reference to a questionnaire
(actor links, participation mechanisms) is rewritten with the same function, and positions,
codes and flags are copied unchanged. Every copy therefore has the reconstruction's exact
distributions, so a warehouse built from N copies holds N times each count of the study and the
same shares and means (``python -m territorio.build --scale N`` reconciles count figures
divided by N). Columns keep the seeds' types (codes and flags as text, positions as integers),
so staging reads the Parquet exactly as it reads the seeds.

The copies are made in DuckDB (a cross join with ``range(1, N + 1)``), written to a temporary
folder and moved into place table by table, the manifest last: a set without its manifest is
incomplete (``python -m territorio.build --scale N`` refuses it). An existing set whose manifest
matches (same N, same CSVs) is kept unless ``--force``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

import duckdb

from territorio.figures import REPO_ROOT

RAW_DIR = REPO_ROOT / "seeds" / "raw"
SCALE_ROOT = REPO_ROOT / "data" / "scale"

#: The raw tables, each with its integer columns (every other column is text, as in the seeds'
#: ``column_types`` in dbt_project.yml) and the column that names the questionnaire.
RAW_TABLES: dict[str, tuple[str, ...]] = {
    "raw_questionnaires": (),
    "raw_actor_links": ("link_position",),
    "raw_participation_mechanisms": ("mechanism_position",),
}
ID_COLUMN = "questionnaire_id"
MANIFEST = "manifest.json"
#: Parquet files are split at about this size, so a scan can be read in parallel.
PART_BYTES = "64MB"


def scale_dir(n: int, root: Path = SCALE_ROOT) -> Path:
    """The folder of the N-copy raw layer: ``data/scale/x<N>``."""
    return root / f"x{n}"


def copy_id_sql(id_expr: str, copy_expr: str, width: int) -> str:
    """SQL for the id of copy ``copy_expr`` of questionnaire ``id_expr`` (see the module doc)."""
    padded = f"lpad(cast({copy_expr} as varchar), {width}, '0')"
    return (
        f"case when position('-' in {id_expr}) > 0 "
        f"then split_part({id_expr}, '-', 1) || '-' || {padded} || '-' "
        f"|| substr({id_expr}, position('-' in {id_expr}) + 1) "
        f"else {padded} || '-' || {id_expr} end"
    )


def _checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _columns(con: duckdb.DuckDBPyConnection, csv_path: Path) -> list[str]:
    rel = con.sql(f"select * from read_csv('{csv_path}', header = true, all_varchar = true)")
    return list(rel.columns)


def _select_copies(con: duckdb.DuckDBPyConnection, csv_path: Path, integer_columns: tuple[str, ...], n: int) -> str:
    """The SELECT of N copies of one raw CSV, in copy order, then in the file's row order."""
    width = len(str(n))
    items = []
    for column in _columns(con, csv_path):
        if column == ID_COLUMN:
            items.append(f"{copy_id_sql(f'trim(source.{column})', 'copies.copy_no', width)} as {column}")
        elif column in integer_columns:
            items.append(f"cast(source.{column} as integer) as {column}")
        else:
            items.append(f"source.{column}")
    return (
        "select " + ", ".join(items) + "\n"
        f"from (select *, row_number() over () as source_row from read_csv('{csv_path}', "
        "header = true, all_varchar = true)) as source\n"
        f"cross join (select range as copy_no from range(1, {n + 1})) as copies\n"
        "order by copies.copy_no, source.source_row"
    )


def read_manifest(folder: Path) -> dict | None:
    """The manifest of a scale folder, or None when there is none."""
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_current(folder: Path, n: int, raw_dir: Path = RAW_DIR) -> bool:
    """True when ``folder`` holds N copies of the CSVs as they are now."""
    manifest = read_manifest(folder)
    if not manifest or manifest.get("scale") != n:
        return False
    sums = manifest.get("source_sha256", {})
    return all(sums.get(name) == _checksum(raw_dir / f"{name}.csv") and (folder / name).is_dir() for name in RAW_TABLES)


def generate(
    n: int,
    out: Path | None = None,
    *,
    raw_dir: Path = RAW_DIR,
    force: bool = False,
    threads: int | None = None,
) -> dict:
    """Write N copies of the raw CSVs of ``raw_dir`` as Parquet under ``out``; return the manifest.

    ``out`` defaults to :func:`scale_dir`. An up-to-date set is kept unless ``force``.
    """
    if n < 1:
        raise ValueError(f"scale must be a positive integer, not {n}")
    out = (out or scale_dir(n)).resolve()
    if not force and is_current(out, n, raw_dir):
        manifest = read_manifest(out) or {}
        manifest["reused"] = True
        return manifest
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    rows: dict[str, int] = {}
    con = duckdb.connect()
    try:
        if threads:
            con.execute(f"set threads = {int(threads)}")
        con.execute(f"set temp_directory = '{staging / '.spill'}'")
        for name, integer_columns in RAW_TABLES.items():
            csv_path = (raw_dir / f"{name}.csv").resolve()
            target = staging / name
            target.mkdir()
            con.execute(
                f"copy ({_select_copies(con, csv_path, integer_columns, n)}) to '{target}' "
                f"(format parquet, compression zstd, file_size_bytes '{PART_BYTES}', "
                "filename_pattern 'part-{i}', overwrite_or_ignore true)"
            )
            rows[name] = con.execute(f"select count(*) from read_parquet('{target}/*.parquet')").fetchone()[0]
    except BaseException:
        con.close()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    con.close()
    shutil.rmtree(staging / ".spill", ignore_errors=True)
    manifest = {
        "scale": n,
        "rows": rows,
        "source_rows": {name: rows[name] // n for name in rows},
        "source_sha256": {name: _checksum(raw_dir / f"{name}.csv") for name in RAW_TABLES},
        "seconds": round(time.perf_counter() - started, 3),
    }
    # Swap the table folders in, the manifest last (it marks the set complete); other files in
    # the folder (a scale build's warehouse) are left where they are.
    out.mkdir(exist_ok=True)
    (out / MANIFEST).unlink(missing_ok=True)
    for name in RAW_TABLES:
        if (out / name).exists():
            (out / name).rename(staging / f"{name}.old")
        (staging / name).rename(out / name)
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(staging, ignore_errors=True)
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m territorio.reconstruct.scale",
        description="Write N copies of the committed raw CSVs (seeds/raw) as Parquet under "
        "data/scale/x<N>/, for a scale build (python -m territorio.build --scale N).",
    )
    parser.add_argument("scale", type=int, help="number of copies (N >= 1)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: data/scale/x<N>)")
    parser.add_argument(
        "--raw-dir", type=Path, default=RAW_DIR, help="folder of the raw CSVs to copy (default: seeds/raw)"
    )
    parser.add_argument("--force", action="store_true", help="rewrite the Parquet even when an up-to-date set is there")
    args = parser.parse_args(argv)
    out = args.out or scale_dir(args.scale)
    try:
        manifest = generate(args.scale, out, raw_dir=args.raw_dir, force=args.force)
    except (ValueError, OSError, duckdb.Error) as exc:
        print(f"territorio.reconstruct.scale: FAILED: {exc}", file=sys.stderr)
        return 1
    state = "kept (up to date)" if manifest.get("reused") else f"written in {manifest['seconds']:.1f} s"
    counts = ", ".join(f"{name} {count:,}" for name, count in manifest["rows"].items())
    print(f"{out}: {args.scale} copies {state}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
