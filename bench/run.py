"""The benchmark harness: ``make bench`` (``python -m bench``).

Usage::

    python -m bench [--scales 100 1000 10000] [--runs 3] [--page-scales 1 1000] [--fresh-runs 1]
                    [--test-runs 1] [--json bench/results.json] [--md bench/results.md] [--work bench/out]

Defaults come from ``BENCH_SCALES``, ``BENCH_RUNS``, ``BENCH_PAGE_SCALES``,
``BENCH_FRESH_RUNS`` and ``BENCH_TEST_RUNS`` when set. Every
measure is taken ``--runs`` times and the MEDIAN is reported (each run's value is kept in the
JSON). Wall-clock seconds; peak memory is the largest sum of the resident set sizes of the
command's whole process tree, sampled every 50 ms (bench/measure.py), beside the kernel's
``ru_maxrss`` of its largest single process.

What is measured:

0. **A fresh clone** (``--fresh-runs`` times, default 1; 0 skips it): the repository's committed
   HEAD is cloned into ``<work>/fresh/`` and ``make build`` is run there as a new user would run
   it, creating the clone's own ``.venv``. Recorded: the wall time of that first ``make build``,
   its install part (from the start to the last ``.venv/.installed-*`` stamp: creating the
   environment, the pinned uv, the build group and the project), the build part (the rest), and
   the size of the environment (``du``: allocated blocks, each file once, in MB of 10^6 bytes).
   The package cache is made warm first by one untimed ``make venv`` in a throw-away clone
   (its time is recorded too). Each clone is deleted after its run.
0b. **The test suite** (``--test-runs`` times, default 1; 0 skips it): HEAD cloned into
   ``<work>/test-clone/``, its test environment installed (timed apart, not counted), then
   ``make test`` as CI runs it (``.ci/run``); pytest's summary line of each run is kept.
1. ``make build`` at 1× (the study's seeds): dbt build, Great Expectations validation, publish,
   reproduction report, publishing into ``<work>/x1/territorio.duckdb`` (``TERRITORIO_DB``),
   never into ``data/territorio.duckdb``; make runs with ``--assume-old`` for the install stamps
   ``.venv/.installed-uv`` and ``.venv/.installed-build`` (``make bench`` has just made sure the
   virtual environment is installed).
2. ``python -m territorio.validate`` at 1×, on that warehouse.
3. For each scale N: the N-copy Parquet raw layer is written first if missing
   (territorio.reconstruct.scale, not timed as part of the build; its time is recorded), then
   ``dbt build`` of the scale build (``--vars {raw_parquet_dir, scale}``, the exclusions of
   ``territorio.build.SCALE_EXCLUDE``: the unit tests and the claims ledger), each run into a new
   database file and an emptied target folder that keeps only dbt's parse state
   (``partial_parse.msgpack``), as ``python -m territorio.build`` keeps it from one build to the
   next: dbt checks that state itself and parses again what changed (everything, in the first
   run after a change of the project, the vars or dbt).
   The slowest nodes of the last run are recorded from its ``run_results.json``.
4. For each scale N: **direct**, the same compiled SQL replayed in DuckDB in one process
   (bench/direct.py: seeds read with ``read_csv``, every model as ``CREATE VIEW``/``CREATE
   TABLE AS`` in dependency order, every data test as a ``count(*)`` query; without dbt's
   parsing, compiling, bookkeeping and its unit tests), and the ratio dbt / direct.
5. The render time of each page of the app (``python -m bench.app_pages --db … --json
   --browser``: the cold median per page, from navigation to the last chart drawn in Debian's
   chromium; with AppTest when ``/usr/bin/chromium`` is missing) at each page scale (1 and 1,000
   by default; a page scale is measured only when it is 1 or one of the scales built). When
   bench/app_pages.py is missing or fails, the pages are recorded as not measured, with the
   reason.

Before the first measure and after the last, a **host speed probe** (``speed_probe``: one fixed
DuckDB query, ``SPEED_PROBE_SQL``) says how fast the host was while they ran.

Then each target is compared with its measure (pass / miss, and by how much), and the results
are written to ``--json`` and, as Markdown tables, to ``--md``, with the machine (cores, memory,
load average before and after, Python, DuckDB and dbt versions) and the date. Large scales take
minutes and gigabytes: a quick smoke run is ``make bench BENCH_SCALES=10 BENCH_RUNS=1``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from bench.measure import Measurement, run_measured

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCALES = (100, 1000, 10000)
DEFAULT_PAGE_SCALES = (1, 1000)
DEFAULT_RUNS = 3
GIB = 1024**3
MB = 1000**2
#: The install stamps ``make build`` depends on (Makefile); timed builds take them as up to date.
BUILD_STAMPS = (".venv/.installed-uv", ".venv/.installed-build")

#: The targets: (id, what, measure path, limit, unit).
TARGETS = (
    ("make_build_1x", "make build at 1× under 20 s", ("make_build_1x", "seconds"), 20.0, "s"),
    (
        "fresh_clone_first_build",
        "first make build on a fresh clone (warm package cache) under 60 s",
        ("fresh_clone", "seconds"),
        60.0,
        "s",
    ),
    (
        "fresh_clone_environment",
        "environment make build creates on a fresh clone under 600 MB",
        ("fresh_clone", "venv_mb"),
        600.0,
        "MB",
    ),
    ("make_test", "make test (the whole suite, in a clone) under 8 min", ("make_test", "seconds"), 480.0, "s"),
    ("build_10000x_time", "dbt build at 10,000× under 90 s", ("scales", "10000", "dbt_build", "seconds"), 90.0, "s"),
    (
        "build_10000x_memory",
        "dbt build at 10,000×: peak memory under 6 GiB",
        ("scales", "10000", "dbt_build", "peak_rss_gib"),
        6.0,
        "GiB",
    ),
    ("dbt_over_direct_10000x", "dbt / direct at 10,000× under 1.3", ("scales", "10000", "dbt_over_direct"), 1.3, "×"),
)
#: Each page's cold render, from navigation to its last chart drawn in chromium (bench.app_pages
#: --browser; with AppTest when chromium is missing).
PAGE_LIMITS = {1: 2.0, 1000: 2.0}


def _python() -> str:
    return sys.executable


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, **extra}
    for key in ("TERRITORIO_BUILD_DB",):
        if key not in extra:
            env.pop(key, None)
    return env


def summarise(runs: list[Measurement]) -> dict:
    """Medians of several runs, with every run kept."""
    ok = [r for r in runs if r.returncode == 0]
    use = ok or runs
    return {
        "seconds": round(statistics.median(r.seconds for r in use), 3),
        "peak_rss_bytes": int(statistics.median(r.peak_rss_bytes for r in use)),
        "peak_rss_gib": round(statistics.median(r.peak_rss_bytes for r in use) / GIB, 3),
        "max_rss_single_bytes": int(statistics.median(r.max_rss_single_bytes for r in use)),
        "failed_runs": len(runs) - len(ok),
        "runs": [r.as_dict() for r in runs],
    }


def machine() -> dict:
    """Cores, memory, versions and load of the machine the benchmark ran on."""
    info: dict = {
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": platform.python_version(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gib"] = round(int(line.split()[1]) * 1024 / GIB, 1)
                break
    except OSError:
        pass
    for package in ("duckdb", "dbt-core", "dbt-duckdb", "streamlit"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = None
    return info


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


#: The host-speed probe: a fixed DuckDB query shaped like the scale build's costliest work
#: (hashing and grouping millions of text keys like link ids), in memory, on every core.
SPEED_PROBE_SQL = (
    "select count(*) from ("
    "select hash('TC08-' || lpad(cast(i // 100 as varchar), 9, '0') || '-' || lpad(cast(i % 100 as varchar), 2, '0'))"
    " as key_hash from range(2000000) as t(i) group by key_hash having count(*) > 1)"
)


def speed_probe(runs: int = 3) -> dict:
    """Median seconds of SPEED_PROBE_SQL (after one untimed run), or why it was not measured.

    The same code's times move with the host (by up to a factor of two within an evening on the
    2-core machines, bench/README.md); the probe, taken before and after the measures, says how
    fast the host was while they ran, so that two results files can be compared.
    """
    try:
        import duckdb
    except ImportError as error:  # pragma: no cover - the build group installs DuckDB
        return {"status": f"not measured: {error}"}
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    try:
        con.execute(SPEED_PROBE_SQL).fetchall()
        seconds = []
        for _ in range(runs):
            start = time.perf_counter()
            con.execute(SPEED_PROBE_SQL).fetchall()
            seconds.append(time.perf_counter() - start)
    finally:
        con.close()
    runs_seconds = [round(x, 3) for x in seconds]
    return {"status": "measured", "seconds": round(statistics.median(seconds), 3), "runs": runs_seconds}


def dig(data: dict, path: tuple[str, ...]):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def verdict(value: float | None, limit: float) -> dict:
    """pass / miss against an upper limit, and by how much (absolute and relative)."""
    if value is None:
        return {"status": "not measured", "value": None, "limit": limit}
    delta = value - limit
    return {
        "status": "pass" if value < limit else "miss",
        "value": value,
        "limit": limit,
        "over_by": round(delta, 3),
        "over_by_percent": round(100 * delta / limit, 1),
    }


def slowest_nodes(target: Path, n: int = 12) -> list[dict]:
    try:
        results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    rows = sorted(results["results"], key=lambda r: r.get("execution_time") or 0, reverse=True)
    return [{"node": r["unique_id"], "seconds": round(r["execution_time"], 3)} for r in rows[:n]]


# --------------------------------------------------------------------------------------------
# The measures


def bench_make_build(work: Path, runs: int, logs: Path) -> tuple[dict, Path]:
    db = work / "x1" / "territorio.duckdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    measured = []
    for i in range(runs):
        measured.append(
            run_measured(
                # the virtual environment is taken as installed (make bench has installed it), so
                # that a stale stamp never makes a timed run reinstall it
                ["make", "--no-print-directory", *(f"--assume-old={s}" for s in BUILD_STAMPS), "build"],
                env=_env(TERRITORIO_DB=str(db)),
                cwd=REPO_ROOT,
                log=logs / f"make_build_1x.{i}.log",
            )
        )
        print(f"  make build 1x run {i + 1}: {measured[-1].seconds:.1f} s", flush=True)
    result = summarise(measured)
    result["command"] = f"TERRITORIO_DB={db} make build"
    return result, db


def disk_usage_bytes(folder: Path) -> int:
    """What ``du -s`` counts: the allocated blocks of every file and folder, each inode once."""
    total, seen = 0, set()
    for root, dirs, files in os.walk(folder):
        for name in (*dirs, *files):
            try:
                st = os.lstat(os.path.join(root, name))
            except OSError:
                continue
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_blocks * 512
    return total


def _fresh_env() -> dict[str, str]:
    """The environment of a new user's shell: no virtual environment, no warehouse override."""
    env = _env()
    for key in ("VIRTUAL_ENV", "TERRITORIO_DB", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(key, None)
    venv_bin = str(Path(sys.prefix, "bin")) if sys.prefix != sys.base_prefix else None
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p and p != venv_bin)
    return env


def _clone(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", str(REPO_ROOT), str(folder)], check=True)


def _head_commit() -> str | None:
    """The short id of the committed HEAD a clone gets, or None outside a git repository."""
    if shutil.which("git") is None or not (REPO_ROOT / ".git").exists():
        return None
    return subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()


def bench_fresh_clone(work: Path, runs: int, logs: Path) -> dict:
    """The first ``make build`` of a fresh clone: install part, build part, environment size."""
    if runs <= 0:
        return {"status": "not measured: --fresh-runs 0"}
    commit = _head_commit()
    if commit is None:
        return {"status": "not measured: the project is not a git repository (or git is missing)"}
    root = work / "fresh"
    env = _fresh_env()
    warm = root / "warm-up"
    _clone(warm)
    warmup = run_measured(
        ["make", "--no-print-directory", "venv"], env=env, cwd=warm, log=logs / "fresh_clone_warm_up.log"
    )
    shutil.rmtree(warm, ignore_errors=True)
    print(f"  fresh clone: warm-up make venv {warmup.seconds:.1f} s (exit {warmup.returncode})", flush=True)
    measured, details = [], []
    for i in range(runs):
        clone = root / f"run{i}"
        _clone(clone)
        started = time.time()
        m = run_measured(
            ["make", "--no-print-directory", "build"], env=env, cwd=clone, log=logs / f"fresh_clone_make_build.{i}.log"
        )
        stamps = [p.stat().st_mtime for p in (clone / ".venv").glob(".installed-*")]
        install = round(max(stamps) - started, 3) if stamps else None
        size = disk_usage_bytes(clone / ".venv")
        measured.append(m)
        details.append(
            {
                "install_seconds": install,
                "build_seconds": round(m.seconds - install, 3) if install else None,
                "venv_bytes": size,
            }
        )
        shutil.rmtree(clone, ignore_errors=True)
        print(
            f"  fresh clone run {i + 1}: make build {m.seconds:.1f} s (install "
            f"{install if install is not None else '?'} s), .venv {size / MB:.0f} MB "
            f"(exit {m.returncode})",
            flush=True,
        )
    result = summarise(measured)
    for run, detail in zip(result["runs"], details, strict=True):
        run.update(detail)

    def median(key: str) -> float | None:
        values = [d[key] for d in details if d[key] is not None]
        return round(statistics.median(values), 3) if values else None

    result.update(
        {
            "commit": commit,
            "command": "git clone <repository> && make build",
            "install_seconds": median("install_seconds"),
            "build_seconds": median("build_seconds"),
            "venv_bytes": int(statistics.median(d["venv_bytes"] for d in details)),
            "warm_up_install_seconds": round(warmup.seconds, 3),
        }
    )
    result["venv_mb"] = round(result["venv_bytes"] / MB, 1)
    return result


def bench_make_test(work: Path, runs: int, logs: Path) -> dict:
    """``make test`` in a clone: its test environment installed first (not timed), then the suite.

    A clone, so that the suite runs on the committed project as CI runs it (``.ci/run``), with
    nothing of the working copy's; it builds its own warehouses in temporary folders."""
    if runs <= 0:
        return {"status": "not measured: --test-runs 0"}
    commit = _head_commit()
    if commit is None:
        return {"status": "not measured: the project is not a git repository (or git is missing)"}
    clone, env = work / "test-clone", _fresh_env()
    _clone(clone)
    install_log, stamp = logs / "make_test_install.log", ".venv/.installed-test"
    install = run_measured(["make", "--no-print-directory", stamp], env=env, cwd=clone, log=install_log)
    print(f"  make test: install {install.seconds:.1f} s (exit {install.returncode})", flush=True)
    measured, outcomes = [], []
    for i in range(runs):
        log = logs / f"make_test.{i}.log"
        measured.append(run_measured(["make", "--no-print-directory", "test"], env=env, cwd=clone, log=log))
        # pytest's last line: "413 passed, 1 skipped in 420.1s (0:07:00)"
        lines = [x for x in log.read_text(encoding="utf-8", errors="replace").splitlines() if " in " in x]
        outcomes.append(lines[-1].strip("= ") if lines else None)
        print(f"  make test run {i + 1}: {measured[-1].seconds:.1f} s ({outcomes[-1]})", flush=True)
    shutil.rmtree(clone, ignore_errors=True)
    result = summarise(measured)
    for run, outcome in zip(result["runs"], outcomes, strict=True):
        run["pytest"] = outcome
    result.update(
        {
            "commit": commit,
            "command": "git clone <repository> && make .venv/.installed-test && make test",
            "install_seconds": round(install.seconds, 3),
        }
    )
    return result


def bench_validate(db: Path, runs: int, logs: Path) -> dict:
    measured = []
    for i in range(runs):
        measured.append(
            run_measured(
                [
                    _python(),
                    "-m",
                    "territorio.validate",
                    "--db",
                    str(db),
                    "--report",
                    str(db.with_name("bench.validation.html")),
                ],
                env=_env(),
                cwd=REPO_ROOT,
                log=logs / f"validate_1x.{i}.log",
            )
        )
        print(f"  validate 1x run {i + 1}: {measured[-1].seconds:.1f} s", flush=True)
    result = summarise(measured)
    result["command"] = f"python -m territorio.validate --db {db}"
    return result


def _empty_but_parse_state(target: Path) -> None:
    """Empty dbt's target folder, keeping its parse state (``partial_parse.msgpack``)."""
    if not target.is_dir():
        return
    for path in target.iterdir():
        if path.name != "partial_parse.msgpack":
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def bench_scale(n: int, work: Path, scale_root: Path, runs: int, logs: Path) -> tuple[dict, Path]:
    """dbt build and direct replay at scale N; returns the results and the dbt warehouse."""
    from territorio.build import SCALE_EXCLUDE
    from territorio.dbt_cli import dbt_command
    from territorio.reconstruct import scale as scale_mod

    folder = work / f"x{n}"
    folder.mkdir(parents=True, exist_ok=True)
    manifest = scale_mod.generate(n, scale_mod.scale_dir(n, scale_root))
    parquet_dir = scale_mod.scale_dir(n, scale_root).resolve()
    result: dict = {
        "rows": manifest["rows"],
        "generate_seconds": None if manifest.get("reused") else manifest["seconds"],
        "parquet_dir": str(parquet_dir),
    }
    db = folder / "territorio.duckdb"
    target = folder / "target"
    dbt_vars = json.dumps({"raw_parquet_dir": str(parquet_dir), "scale": n})
    measured = []
    for i in range(runs):
        for path in (db, Path(f"{db}.wal")):
            path.unlink(missing_ok=True)
        _empty_but_parse_state(target)
        measured.append(
            run_measured(
                [
                    *dbt_command(_python()),
                    "build",
                    "--project-dir",
                    str(REPO_ROOT),
                    "--profiles-dir",
                    str(REPO_ROOT),
                    "--target-path",
                    str(target),
                    "--log-path",
                    str(folder / "logs"),
                    "--no-use-colors",
                    "--vars",
                    dbt_vars,
                    "--exclude",
                    *SCALE_EXCLUDE,
                ],
                env=_env(TERRITORIO_BUILD_DB=str(db)),
                cwd=REPO_ROOT,
                log=logs / f"dbt_build_x{n}.{i}.log",
            )
        )
        print(
            f"  dbt build x{n} run {i + 1}: {measured[-1].seconds:.1f} s (exit {measured[-1].returncode})", flush=True
        )
    result["dbt_build"] = summarise(measured)
    result["dbt_build"]["command"] = f"dbt build --vars '{dbt_vars}' --exclude {' '.join(SCALE_EXCLUDE)}"
    result["slowest_nodes"] = slowest_nodes(target)
    if any(m.returncode != 0 for m in measured):
        result["direct"] = {"status": "not measured: the dbt build failed"}
        return result, db

    direct_db = folder / "direct" / db.name
    measured = []
    for i in range(runs):
        measured.append(
            run_measured(
                [
                    _python(),
                    "-m",
                    "bench.direct",
                    "--target",
                    str(target),
                    "--db",
                    str(direct_db),
                    "--types-from",
                    str(db),
                    "--json",
                ],
                env=_env(),
                cwd=REPO_ROOT,
                log=logs / f"direct_x{n}.{i}.log",
            )
        )
        print(f"  direct x{n} run {i + 1}: {measured[-1].seconds:.1f} s (exit {measured[-1].returncode})", flush=True)
    result["direct"] = summarise(measured)
    try:
        last = (logs / f"direct_x{n}.{runs - 1}.log").read_text().strip().splitlines()[-1]
        result["direct"]["replayed"] = json.loads(last)
    except (OSError, ValueError, IndexError):
        pass
    shutil.rmtree(direct_db.parent, ignore_errors=True)
    if result["direct"]["seconds"] > 0:
        result["dbt_over_direct"] = round(result["dbt_build"]["seconds"] / result["direct"]["seconds"], 3)
    return result, db


def bench_pages(db: Path, runs: int, logs: Path, label: str, pages: list[str] | None = None) -> dict:
    """Cold median render time of each app page (bench.app_pages), or why it was not measured."""
    if not (REPO_ROOT / "bench" / "app_pages.py").exists():
        return {"status": "not measured: bench/app_pages.py is missing"}
    log = logs / f"app_pages_{label}.log"
    browser = ["--browser"] if Path("/usr/bin/chromium").exists() else []
    measured = run_measured(
        [
            _python(),
            "-m",
            "bench.app_pages",
            "--db",
            str(db),
            "--runs",
            str(runs),
            "--json",
            *browser,
            *(["--pages", *pages] if pages else []),
        ],
        env=_env(TERRITORIO_DB=str(db)),
        cwd=REPO_ROOT,
        log=log,
    )
    text = log.read_text(encoding="utf-8", errors="replace")
    if measured.returncode != 0:
        tail = " | ".join(text.strip().splitlines()[-3:])
        return {"status": f"not measured: bench.app_pages exited {measured.returncode}: {tail}"}
    try:
        data = json.loads(text[text.index("{") : text.rindex("}") + 1])
    except ValueError:
        return {"status": "not measured: bench.app_pages printed no JSON"}
    pages = {k: v for k, v in data.items() if isinstance(v, (int, float)) and k != "runs"}
    return {
        "status": "measured",
        "pages": pages,
        "in_app": data.get("in_app") or None,
        "warm": data.get("warm"),
        "method": data.get("method"),
        "in_app_method": data.get("in_app_method"),
        "seconds_total": round(measured.seconds, 3),
    }


# --------------------------------------------------------------------------------------------
# Results


def evaluate(results: dict) -> list[dict]:
    targets = []
    for target_id, what, path, limit, unit in TARGETS:
        targets.append({"id": target_id, "target": what, "unit": unit, **verdict(dig(results, path), limit)})
    for scale, limit in PAGE_LIMITS.items():
        pages = dig(results, ("app_pages", str(scale), "pages"))
        if not pages:
            targets.append(
                {
                    "id": f"pages_{scale}x",
                    "target": f"every page under {limit} s at {scale:,}×",
                    "unit": "s",
                    **verdict(None, limit),
                }
            )
            continue
        for key, suffix, how in (("pages", "", "new tab"), ("in_app", "_in_app", "page change in the app")):
            for page, seconds in sorted((dig(results, ("app_pages", str(scale), key)) or {}).items()):
                targets.append(
                    {
                        "id": f"page_{page}_{scale}x{suffix}",
                        "target": f"page {page} under {limit} s at {scale:,}× ({how})",
                        "unit": "s",
                        **verdict(seconds, limit),
                    }
                )
    return targets


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        text = f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    else:
        text = f"{value:,}"
    return f"{text} {unit}".strip()


def markdown(results: dict) -> str:
    m = results["machine"]
    out = [
        "# Benchmark results",
        "",
        f"Run {results['date']} on {m.get('cpu_count')} cores "
        f"({m.get('cpu_model', 'unknown CPU')}), {m.get('memory_gib')} GiB; Python "
        f"{m.get('python')}, DuckDB {m.get('duckdb')}, dbt-core {m.get('dbt-core')}, dbt-duckdb "
        f"{m.get('dbt-duckdb')}; load average {results['load_before']} before, "
        f"{results['load_after']} after. Medians of {results['config']['runs']} runs; "
        "`python -m bench` (bench/run.py) says what each measure includes.",
        "",
        "Host speed probe (a fixed DuckDB query, `SPEED_PROBE_SQL` in bench/run.py: 2 million text "
        f"keys hashed and grouped; median of {len(dig(results, ('speed_probe_before', 'runs')) or [])}): "
        f"{_fmt(dig(results, ('speed_probe_before', 'seconds')), 's')} "
        f"before the measures, {_fmt(dig(results, ('speed_probe_after', 'seconds')), 's')} after. "
        "The same code's times move with the host: compare two results files at equal probe times.",
        "",
        "## Targets",
        "",
        "| target | measured | limit | status | over by |",
        "|---|---:|---:|---|---:|",
    ]
    for t in results["targets"]:
        over = (
            f"{t['over_by']:+,.3f} {t['unit']} ({t['over_by_percent']:+.1f} %)" if t.get("over_by") is not None else "–"
        )
        out.append(
            f"| {t['target']} | {_fmt(t['value'], t['unit'])} | "
            f"{_fmt(t['limit'], t['unit'])} | {t['status']} | {over} |"
        )
    out += ["", "## 1×", "", "| measure | wall time | peak memory (tree) | largest process |", "|---|---:|---:|---:|"]
    for key, label in (("make_build_1x", "make build"), ("validate_1x", "territorio.validate")):
        r = results.get(key)
        if r:
            out.append(
                f"| {label} | {_fmt(r['seconds'], 's')} | {_fmt(r['peak_rss_gib'], 'GiB')} | "
                f"{_fmt(round(r['max_rss_single_bytes'] / GIB, 3), 'GiB')} |"
            )
    fresh = results.get("fresh_clone", {})
    out += ["", "## Fresh clone: the first `make build`", ""]
    if "seconds" in fresh:
        out += [
            f"A clone of {fresh['commit']}, its own `.venv`, the package cache warm (warm-up "
            f"`make venv`: {_fmt(fresh['warm_up_install_seconds'], 's')}); medians of "
            f"{len(fresh['runs'])} run(s).",
            "",
            "| first make build | install part | build part | environment (.venv) |",
            "|---:|---:|---:|---:|",
            f"| {_fmt(fresh['seconds'], 's')} | {_fmt(fresh['install_seconds'], 's')} | "
            f"{_fmt(fresh['build_seconds'], 's')} | {_fmt(fresh['venv_mb'], 'MB')} |",
        ]
    else:
        out.append(f"- {fresh.get('status', 'not measured')}")
    tested = results.get("make_test", {})
    out += ["", "## The test suite: `make test`", ""]
    if "seconds" in tested:
        out += [
            f"A clone of {tested['commit']}, its test environment installed first "
            f"({_fmt(tested['install_seconds'], 's')}, not counted); medians of {len(tested['runs'])} run(s).",
            "",
            "| make test | pytest's summary (last run) |",
            "|---:|---|",
            f"| {_fmt(tested['seconds'], 's')} | {tested['runs'][-1].get('pytest')} |",
        ]
    else:
        out.append(f"- {tested.get('status', 'not measured')}")
    out += [
        "",
        "## Scale builds",
        "",
        "| scale | questionnaires | actor links | dbt build | peak memory (tree) | direct | "
        "direct peak memory | dbt / direct |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for scale, r in results["scales"].items():
        dbt_r, direct_r = r.get("dbt_build", {}), r.get("direct", {})
        out.append(
            f"| {int(scale):,}× | {r['rows'].get('raw_questionnaires', 0):,} | "
            f"{r['rows'].get('raw_actor_links', 0):,} | {_fmt(dbt_r.get('seconds'), 's')} | "
            f"{_fmt(dbt_r.get('peak_rss_gib'), 'GiB')} | {_fmt(direct_r.get('seconds'), 's')} | "
            f"{_fmt(direct_r.get('peak_rss_gib'), 'GiB')} | {_fmt(r.get('dbt_over_direct'))} |"
        )
    out += ["", "## App pages (cold render, median seconds)", ""]
    page_results = results.get("app_pages", {})
    measured = {s: r for s, r in page_results.items() if r.get("pages")}
    if measured:
        scales = list(measured)
        header, rule = "| page |", "|---|"
        for s in scales:
            header += f" {int(s):,}×, new tab |"
            rule += "---:|"
            if measured[s].get("in_app"):
                header += f" {int(s):,}×, page change in the app |"
                rule += "---:|"
        out += [
            "New tab: a shared link opened in a new tab (the app's JavaScript loaded and started, a new "
            "session). Page change in the app: a click on the page in the sidebar of a tab already open. "
            "Both with the warehouse's cache key renewed (every query run on the file).",
            "",
            header,
            rule,
        ]
        for page in sorted({p for r in measured.values() for p in r["pages"]}):
            cells = []
            for s in scales:
                cells.append(_fmt(measured[s]["pages"].get(page), "s"))
                if measured[s].get("in_app"):
                    cells.append(_fmt(measured[s]["in_app"].get(page), "s"))
            out.append(f"| {page} | " + " | ".join(cells) + " |")
    for scale, r in page_results.items():
        if not r.get("pages"):
            out.append(f"- {int(scale):,}×: {r.get('status')}")
    for note in results.get("notes", []):
        out += ["", f"> {note}"]
    return "\n".join(out) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    def ints(text: str | None, default: tuple[int, ...]) -> list[int]:
        return [int(x) for x in text.split()] if text and text.strip() else list(default)

    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="*", default=ints(os.environ.get("BENCH_SCALES"), DEFAULT_SCALES))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS") or DEFAULT_RUNS))
    parser.add_argument(
        "--page-scales", type=int, nargs="*", default=ints(os.environ.get("BENCH_PAGE_SCALES"), DEFAULT_PAGE_SCALES)
    )
    parser.add_argument(
        "--fresh-runs",
        type=int,
        default=int(os.environ.get("BENCH_FRESH_RUNS") or 1),
        help="fresh clones built with make build (0 skips them; default 1)",
    )
    parser.add_argument(
        "--test-runs",
        type=int,
        default=int(os.environ.get("BENCH_TEST_RUNS") or 1),
        help="runs of make test in a clone (0 skips it; default 1: the suite takes minutes)",
    )
    parser.add_argument("--json", type=Path, default=REPO_ROOT / "bench" / "results.json")
    parser.add_argument("--md", type=Path, default=REPO_ROOT / "bench" / "results.md")
    parser.add_argument(
        "--work",
        type=Path,
        default=REPO_ROOT / "bench" / "out",
        help="warehouses and logs (default bench/out, git-ignored)",
    )
    parser.add_argument(
        "--scale-root", type=Path, default=None, help="where the Parquet raw layers go (default data/scale)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the scale warehouses")
    parser.add_argument("--pages", nargs="+", metavar="STEM", help="measure only these pages (default: every page)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from territorio.reconstruct.scale import SCALE_ROOT

    args = parse_args(argv)
    runs = max(1, args.runs)
    work = args.work.resolve()
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    scale_root = (args.scale_root or SCALE_ROOT).resolve()
    results: dict = {
        "date": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "load_before": load_average(),
        "speed_probe_before": speed_probe(),
        "config": {
            "runs": runs,
            "scales": args.scales,
            "page_scales": args.page_scales,
            "fresh_runs": args.fresh_runs,
            "test_runs": args.test_runs,
            "work": str(work),
        },
        "scales": {},
        "app_pages": {},
        "notes": [],
    }
    print(f"bench: scales {args.scales}, {runs} run(s) each; work folder {work}", flush=True)
    results["fresh_clone"] = bench_fresh_clone(work, args.fresh_runs, logs)
    if results["fresh_clone"].get("failed_runs"):
        results["notes"].append("make build failed on a fresh clone: see the logs in " + str(logs))
    results["make_test"] = bench_make_test(work, args.test_runs, logs)
    if results["make_test"].get("failed_runs"):
        results["notes"].append("make test failed: see the logs in " + str(logs))
    results["make_build_1x"], db1 = bench_make_build(work, runs, logs)
    if results["make_build_1x"]["failed_runs"]:
        results["notes"].append("make build failed in some runs: see the logs in " + str(logs))
    if db1.exists():
        results["validate_1x"] = bench_validate(db1, runs, logs)
        if 1 in args.page_scales:
            print("  app pages 1x", flush=True)
            results["app_pages"]["1"] = bench_pages(db1, runs, logs, "x1", args.pages)
    for n in args.scales:
        results["scales"][str(n)], db = bench_scale(n, work, scale_root, runs, logs)
        if n in args.page_scales and db.exists():
            print(f"  app pages x{n}", flush=True)
            results["app_pages"][str(n)] = bench_pages(db, runs, logs, f"x{n}", args.pages)
        if not args.keep:
            for path in (db, Path(f"{db}.wal")):
                path.unlink(missing_ok=True)
    for n in args.page_scales:
        if str(n) not in results["app_pages"]:
            results["app_pages"][str(n)] = {"status": f"not measured: scale {n} was not built (add it to BENCH_SCALES)"}
    results["load_after"] = load_average()
    results["speed_probe_after"] = speed_probe()
    results["targets"] = evaluate(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    args.md.parent.mkdir(parents=True, exist_ok=True)
    args.md.write_text(markdown(results), encoding="utf-8")
    print(f"bench: wrote {args.json} and {args.md}")
    for t in results["targets"]:
        print(f"  {t['status']:<13} {t['target']}: {_fmt(t['value'], t['unit'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
