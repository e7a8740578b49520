"""Readers and publishes at the same time: readers never fail and never see a torn warehouse.

Four readers (two threads of this process, two other processes) keep querying a copy of the
session warehouse the way the page does (``streamlit_app/data.py``): a read-only connection from
``data.open_warehouse``, reopened whenever the file's ``(path, mtime_ns, size)`` changes. Each
read is one statement that reads a whole-warehouse invariant (the 995 rows of
``marts.fct_actor_links``) together with the build that wrote the file
(``reports.warehouse_build.invocation_id``). Meanwhile ``python -m territorio.build --select
warehouse_build`` publishes three times: each copies the published file, rebuilds that model
(a new invocation id), validates and replaces the published file with ``os.replace``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

from conftest import REPO_ROOT, run_build

APP_DIR = REPO_ROOT / "streamlit_app"
if str(APP_DIR) not in sys.path:
    sys.path.insert(0, str(APP_DIR))

import data  # noqa: E402

LINKS = 995
PUBLISHES = 3
READ_SQL = (
    "select (select count(*) from marts.fct_actor_links) as links, "
    "(select invocation_id from reports.warehouse_build) as invocation_id"
)
PAUSE = 0.01  # between reads, so that four readers leave CPU to the builds


def key_of(path: Path) -> tuple[str, int, int] | None:
    """The key data.py caches a file on: (path, mtime_ns, size)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (str(path), stat.st_mtime_ns, stat.st_size)


def read_until(path: Path, stop: threading.Event | Path) -> dict:
    """Query ``path`` until ``stop`` (an event, or a file that appears); return what was seen.

    The result: ``reads`` (count), ``opens`` (connections opened), ``seen`` (invocation id ->
    reads of it, in the order first seen), ``bad`` (reads that broke the invariant) and
    ``errors`` (every exception, as text).
    """
    result: dict = {"reads": 0, "opens": 0, "seen": {}, "bad": [], "errors": []}
    stopped = stop.is_set if isinstance(stop, threading.Event) else stop.exists
    con, key = None, None
    while not stopped():
        try:
            current = key_of(path)
            if current != key:
                con, key = data.open_warehouse(path), current
                result["opens"] += 1
            links, invocation_id = data.read(con, READ_SQL).iloc[0]
            result["reads"] += 1
            result["seen"][invocation_id] = result["seen"].get(invocation_id, 0) + 1
            if int(links) != LINKS or not invocation_id:
                result["bad"].append([int(links), invocation_id])
        except Exception as exc:  # noqa: BLE001 - every error counts, whatever its kind
            result["errors"].append(f"{type(exc).__name__}: {exc}")
            con, key = None, None
        time.sleep(PAUSE)
    return result


def invocation_id(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select invocation_id from reports.warehouse_build").fetchone()[0]


_READER_PROCESS = (
    "import json, sys; from pathlib import Path; "
    "sys.path[:0] = [sys.argv[1], sys.argv[2]]; "
    "from test_concurrency import read_until; "
    "print(json.dumps(read_until(Path(sys.argv[3]), Path(sys.argv[4]))))"
)


def test_readers_during_publishes(warehouse: Path, tmp_path: Path) -> None:
    published = tmp_path / "territorio.duckdb"
    published.write_bytes(warehouse.read_bytes())
    published_ids = [invocation_id(published)]
    stop_event, stop_file = threading.Event(), tmp_path / "stop"

    results: list[dict] = []
    threads = [threading.Thread(target=lambda: results.append(read_until(published, stop_event))) for _ in range(2)]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _READER_PROCESS,
                str(Path(__file__).parent),
                str(APP_DIR),
                str(published),
                str(stop_file),
            ],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)  # every reader has the first build open before the first publish
        for _ in range(PUBLISHES):
            build = run_build(published, "--select", "warehouse_build")
            assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
            published_ids.append(invocation_id(published))
            time.sleep(1)  # readers read each publish
    finally:
        stop_event.set()
        stop_file.touch()
        for thread in threads:
            thread.join(timeout=30)
        outputs = [proc.communicate(timeout=60) for proc in processes]
    for proc, (out, err) in zip(processes, outputs, strict=True):
        assert proc.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))

    assert len(set(published_ids)) == PUBLISHES + 1, published_ids
    assert len(results) == 4
    for result in results:
        assert result["errors"] == [], result["errors"][:5]
        assert result["bad"] == []
        assert set(result["seen"]) <= set(published_ids), (result["seen"], published_ids)
        assert len(result["seen"]) > 1, result["seen"]
        # builds are seen in the order they were published, the last one included
        order = [published_ids.index(i) for i in result["seen"]]
        assert order == sorted(order) and order[-1] == PUBLISHES
        assert result["reads"] >= 20
    total = sum(r["reads"] for r in results)
    print(
        f"\n{total} reads by {len(results)} readers "
        f"({', '.join(str(r['reads']) for r in results)}); "
        f"{sum(r['opens'] for r in results)} connections opened; "
        f"builds seen per reader: {[len(r['seen']) for r in results]}"
    )


def test_instance_per_file_reads_the_new_build(tmp_path: Path) -> None:
    """data.open_warehouse reads the new file even while a connection to the old one is open."""
    path, staged = tmp_path / "w.duckdb", tmp_path / "staged.duckdb"
    for target, value in ((path, "old"), (staged, "new")):
        with duckdb.connect(str(target)) as con:
            con.execute(
                f"create schema reports; create table reports.warehouse_build as select '{value}' as invocation_id"
            )
    sql = "select invocation_id from reports.warehouse_build"
    old = data.open_warehouse(path)
    plain_old = duckdb.connect(str(path), read_only=True)
    assert data.read(old, sql).iloc[0, 0] == "old"
    os.replace(staged, path)
    new = data.open_warehouse(path)
    assert data.read(new, sql).iloc[0, 0] == "new"
    assert data.read(old, sql).iloc[0, 0] == "old"  # a query on the old build still completes
    # what data.py avoids: while a plain connection to the path is open, DuckDB's one instance
    # per path serves the replaced file to a new plain connection
    with duckdb.connect(str(path), read_only=True) as plain_new:
        assert plain_new.execute(sql).fetchone()[0] == "old"
    for con in (old, new, plain_old):
        con.close()
