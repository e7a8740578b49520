"""Build the warehouse into a private file and publish it atomically.

Usage::

    python -m territorio.build [--select SELECTOR ...] [--exclude SELECTOR ...] [--project-dir DIR]
                               [--verbose]

The published warehouse is ``$TERRITORIO_DB`` (default ``data/territorio.duckdb``; a relative
path is taken from the repository root). ``dbt build`` (seeds, models and every data test; the
unit tests, which check the SQL and not the data, are left out: :data:`PUBLISH_EXCLUDE`) writes to a
private file ``<dir>/.build/<name>.<pid>.duckdb`` next to it (dbt writes it in the build's work
folder ``<dir>/.build/<name>.<pid>.work``, with its own target and log folders, and it is moved
out when dbt is done), so concurrent builds never collide. dbt's parsed project is kept for the
next build in ``target/territorio.build/`` (partial parsing). Only when dbt succeeds and every
hook in :data:`VALIDATORS` accepts the private file is it moved over the published one with
:func:`os.replace`, which is atomic on one filesystem: readers see either the old warehouse or
the new one, never a half-built one. On any failure the private files are deleted and the
published warehouse is left byte-identical.

A full build starts from an empty file. With ``--select`` or ``--exclude`` it starts from a
copy of the published warehouse (when there is one), so the nodes left out are kept; a
``--select`` build also rebuilds ``warehouse_build``, so that every publish is identified.

Safeguards:

- **The user's files.** ``$TERRITORIO_DB`` is replaced only when it is missing or is a
  warehouse this project built (a DuckDB file with ``reports.warehouse_build``): a text file, a
  folder or another DuckDB file stops the build before anything is written
  (:func:`check_replaceable`). A folder the build creates is named in its output.
- **The raw data.** The raw-data contract is checked on ``seeds/raw`` before dbt starts, and
  again on the raw layer of the private file before publishing (:func:`check_raw_layer`: a
  partial build keeps the raw layer of the copy it started from).
- **Crashes.** Private files are named after the build's process id; a build removes those of
  builds whose process is gone (:func:`remove_stale_private_files`). SIGTERM and Ctrl-C stop the
  build with one line, stop dbt and remove the private files; dbt also stops if this process is
  killed (Linux: the parent-death signal).
- **Quiet output.** dbt's console output goes to ``logs/build.log`` (and dbt's debug log to
  ``logs/build.debug.log``) of the project; the console shows the phases, a progress line (nodes
  done of the total, failures as they happen) and, when dbt fails, its summary. ``--verbose``
  (``make build VERBOSE=1``) prints everything dbt prints.

After publishing, :func:`write_reproduction_report` writes the reproduction report
(:mod:`territorio.reproduction_report`): ``docs/reproduction.html`` for the default warehouse,
``reproduction.html`` next to the warehouse otherwise.

A scale build, ``--scale N``, reads the N-copy Parquet raw layer that ``make reconstruct
SCALE=N`` writes (``data/scale/x<N>/``, or ``--scale-dir``) instead of the seeds, through the
dbt vars ``raw_parquet_dir`` and ``scale`` (tests and the reconciliation scale their counts by
N), and publishes ``<scale dir>/territorio.duckdb``; ``$TERRITORIO_DB`` is not used. It leaves
out :data:`SCALE_EXCLUDE` (the unit tests, as every publishing build, and the claims ledger) and,
unless ``--validate``, the Great Expectations suites (they read whole marts into pandas: tens of
millions of rows at N = 10,000; dbt's own tests still run, scaled).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TextIO

import duckdb

from territorio.dbt_cli import dbt_command
from territorio.paths import warehouse_path

REPO_ROOT = Path(__file__).resolve().parent.parent
#: The table that marks a warehouse this project built (models/reports/warehouse_build.sql).
BUILD_TABLE = ("reports", "warehouse_build")
#: Private files: ``<stem>.<pid>.duckdb`` (and ``.wal``) and the work folder ``<stem>.<pid>.work``.
_PRIVATE_NAME = re.compile(r"^(?P<stem>.+)\.(?P<pid>\d+)\.(?:duckdb|duckdb\.wal|work)$")
#: A dbt result line: "12:00:01  17 of 519 PASS not_null_... [PASS in 0.05s]".
_RESULT_LINE = re.compile(
    r"^\S*\s+(?P<done>\d+) of (?P<total>\d+) "
    r"(?P<status>OK|PASS|FAIL|ERROR|WARN|SKIP|NO-OP)\b(?P<rest>.*)$"
)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def say(message: str, stream: TextIO | None = None) -> None:
    """One line of the build's own output."""
    print(f"territorio.build: {message}", file=stream or sys.stdout, flush=True)


def validate_warehouse(private: Path) -> None:
    """Run the data-quality suites of :mod:`territorio.validate` on the private file.

    Great Expectations is imported here, only when a build validates. The HTML report goes next
    to the published warehouse (``<name>.validation.html``), whose name the private file carries.
    """
    from territorio.validate import check_build

    published = private.parent.parent / f"{private.stem.rsplit('.', 1)[0]}.duckdb"
    check_build(private, published if private.parent.name == ".build" else private)


def _preload_validation() -> None:
    """Import Great Expectations in a background thread while dbt runs (dbt is a separate
    process; this one only reads its output), so that the validation after it starts at once.
    A failed import is left for the validation itself to report.

    The thread blocks SIGINT and SIGTERM (it inherits the mask set around its start): the kernel
    hands a signal sent to the process to any thread that does not block it, and Python runs its
    handler only in the main thread, so a Ctrl-C delivered to this thread would leave the main
    thread waiting for dbt's next line.
    """

    def load() -> None:
        with contextlib.suppress(Exception):
            from territorio.validate import preload

            preload()

    thread = threading.Thread(target=load, name="preload-validation", daemon=True)
    signals = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        thread.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


#: Post-build checks: each is called with the private warehouse path and raises on failure.
VALIDATORS: list[Callable[[Path], None]] = [validate_warehouse]

#: Left out of every build that publishes: dbt's unit tests. Their input and expected rows are
#: written in the YAML, so they check the SQL's logic, not the data being published, and give the
#: same answer for the same code in every build (dbt's own guidance: run them in development and
#: CI, not in production builds). They cost a third of a 1× build: 29 tests of 1.4-2.6 s each
#: (dbt builds each one's fixtures and reads the columns of every input), 53 s -> 35 s without
#: them on a 2-core machine. Plain `dbt build` runs them, and so does `make test`
#: (tests/test_build.py), so no change of the SQL reaches main without them.
PUBLISH_EXCLUDE = ("test_type:unit",)
#: Left out of a scale build: the same (the staging unit tests would moreover test the Parquet
#: raw layer, not their mock rows), and the claims ledger (reports.study_claims and its test). It
#: evaluates each prose claim over every entity of its kind through one long relation of
#: (entity, attribute, value) rows, about 150 rows per actor link: 17 s at 100x, 682 s at 1,000x
#: on 2 cores (spilling past DuckDB's 4 GB), out of reach at 10,000x. N exact copies give the
#: study build's verdicts, which every 1x build checks.
SCALE_EXCLUDE = (*PUBLISH_EXCLUDE, "rpt_study_claims+")


class BuildError(RuntimeError):
    """The build failed; the published warehouse was not touched."""


class Interrupted(BaseException):
    """SIGTERM arrived (Ctrl-C raises KeyboardInterrupt); like it, not an ordinary error."""


def check_raw_input(project_dir: Path) -> dict[str, int] | None:
    """Check ``<project_dir>/seeds/raw`` against the raw-data contract (territorio.contract).

    Runs before dbt, so bad input never reaches a build. Raises BuildError carrying every
    problem found; returns the rows of each raw file. A project without ``seeds/raw`` has no
    raw questionnaires to check (None).
    """
    from territorio.contract import RAW_FILES, check_raw_dir, count_rows, format_issues

    raw_dir = project_dir / "seeds" / "raw"
    if not raw_dir.is_dir():
        return None
    issues = check_raw_dir(raw_dir, display_root=project_dir)
    if issues:
        raise BuildError(
            f"the raw data break their contract (docs/raw_contract.md), {len(issues)} "
            f"problem(s); nothing was built:\n{format_issues(issues)}"
        )
    return {spec.name: count_rows(raw_dir / spec.filename) for spec in RAW_FILES}


def check_raw_layer(db: Path, project_dir: Path, label: str) -> None:
    """Check the raw layer inside the DuckDB file ``db`` against the contract.

    ``python -m territorio.build --select …`` starts from a copy of the published warehouse and
    keeps what it does not rebuild, the raw layer included; this check, run on the private file
    before it is published, makes sure no raw row that breaks the contract is published, however
    it got into the file. Rows are read in the order they were loaded: row *n* is line *n + 1*
    of the CSV file. ``label`` names the file in messages. Tables that are absent are skipped.
    """
    from territorio.contract import (
        RAW_FILES,
        Row,
        Table,
        check_tables,
        format_issues,
        load_codebooks,
        load_id_pattern,
    )

    codebooks, issues = load_codebooks(project_dir / "seeds" / "codebook")
    if issues or not codebooks:
        return  # no codebooks to check against (a project other than this one)
    tables: dict[str, Table] = {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        for spec in RAW_FILES:
            columns = [
                row[0]
                for row in con.execute(
                    "select column_name from information_schema.columns where table_schema = 'raw' "
                    "and table_name = ? order by ordinal_position",
                    [spec.name],
                ).fetchall()
            ]
            names = [name for name in spec.column_names if name in columns]
            if not names:
                continue
            select = ", ".join(f'cast("{name}" as varchar)' for name in names)
            rows = con.execute(f'select {select} from raw."{spec.name}" order by rowid').fetchall()
            tables[spec.name] = Table(
                spec,
                f"{label} raw.{spec.name}",
                [
                    Row(
                        f"{label} raw.{spec.name} row {n} ({spec.filename}:{n + 1})",
                        {name: "" if value is None else value for name, value in zip(names, row, strict=True)},
                    )
                    for n, row in enumerate(rows, start=1)
                ],
            )
    finally:
        con.close()
    problems = check_tables(tables, codebooks, load_id_pattern(project_dir))
    if problems:
        raise BuildError(
            f"the raw layer of the new build breaks the contract (docs/raw_contract.md), "
            f"{len(problems)} problem(s); a partial build keeps the raw layer of the published "
            f"warehouse: fix the raw data and run a full build:\n{format_issues(problems)}"
        )


def check_replaceable(published: Path) -> None:
    """Stop unless ``published`` is missing or a warehouse this project built.

    The build replaces ``$TERRITORIO_DB``; a path that names a user's text file, folder or
    another DuckDB database must not be replaced. "This project built it" is checked: the file
    opens as DuckDB and holds ``reports.warehouse_build``.
    """
    if not os.path.lexists(published):
        return
    if published.is_symlink():
        raise BuildError(
            f"{published} is a symbolic link; the build publishes a regular file and "
            "would replace the link: point TERRITORIO_DB at the file itself"
        )
    if published.is_dir():
        raise BuildError(f"{published} is a folder, not a warehouse file: set TERRITORIO_DB to a file path")
    if not published.is_file():
        raise BuildError(f"{published} is not a regular file: it was not replaced")
    try:
        con = duckdb.connect(str(published), read_only=True)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise BuildError(
            f"{published} exists and is not a DuckDB warehouse ({first}); the build replaces "
            "only a warehouse it built: move the file or set TERRITORIO_DB elsewhere"
        ) from None
    try:
        found = con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            list(BUILD_TABLE),
        ).fetchone()[0]
    finally:
        con.close()
    if not found:
        raise BuildError(
            f"{published} is a DuckDB file, but not a warehouse this project built (it has no "
            f"{'.'.join(BUILD_TABLE)}); the build replaces only a warehouse it built: move the "
            "file or set TERRITORIO_DB elsewhere"
        )


def _process_alive(pid: int) -> bool:
    """Whether ``pid`` is a running build (``territorio.build`` on its command line, on Linux)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    cmdline = Path(f"/proc/{pid}/cmdline")
    try:
        return b"territorio.build" in cmdline.read_bytes() or b"territorio/build" in cmdline.read_bytes()
    except OSError:
        return True  # no /proc: a live process with that pid may be a build


def remove_stale_private_files(build_dir: Path) -> list[str]:
    """Remove the private files of builds whose process is gone; return their names."""
    removed: list[str] = []
    if not build_dir.is_dir():
        return removed
    for entry in sorted(build_dir.iterdir()):
        match = _PRIVATE_NAME.match(entry.name)
        if match and not _process_alive(int(match["pid"])):
            discard(entry)
            removed.append(entry.name)
    return removed


def published_path() -> Path:
    """Return the published warehouse path (:func:`territorio.paths.warehouse_path`)."""
    return warehouse_path()


def _die_with_parent() -> None:
    """In the dbt child: receive SIGTERM when the build process dies, even by ``kill -9``
    (Linux ``prctl(PR_SET_PDEATHSIG)``), so that no orphan keeps writing the private files."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Progress:
    """Follows dbt's console output: counts the nodes done, reports failures as they happen.

    On a terminal the progress is one line rewritten in place; otherwise a line is printed at
    each quarter of the nodes.
    """

    def __init__(self, verbose: bool, out: TextIO = sys.stdout):
        self.verbose = verbose
        self.out = out
        self.tty = out.isatty()
        self.total = 0
        self.done = 0
        self.failed: list[str] = []
        self.start = time.monotonic()
        self._quarter = 0
        self._drawn = False

    def line(self, text: str) -> None:
        if self.verbose:
            print(text, file=self.out, flush=True)
            return
        match = _RESULT_LINE.match(_ANSI.sub("", text))
        if not match or " hook: " in match["rest"] or match["status"] == "START":
            return
        self.total = int(match["total"])
        self.done += 1
        if match["status"] in ("FAIL", "ERROR"):
            self.failed.append(match["rest"].strip())
            self._clear()
            print(f"  {match['status']}{match['rest'].rstrip()}", file=self.out, flush=True)
        self._draw()

    def status(self) -> str:
        failures = f", {len(self.failed)} failed" if self.failed else ""
        return f"dbt: {self.done} of {self.total} nodes done{failures} ({time.monotonic() - self.start:.0f} s)"

    def _clear(self) -> None:
        if self.tty and self._drawn:
            print("\r\x1b[K", end="", file=self.out, flush=True)
            self._drawn = False

    def _draw(self) -> None:
        if self.tty:
            print(f"\r\x1b[K  {self.status()}", end="", file=self.out, flush=True)
            self._drawn = True
        elif self.total and self.done * 4 >= (self._quarter + 1) * self.total:
            self._quarter = self.done * 4 // self.total
            say(self.status(), self.out)

    def finish(self) -> None:
        if self.verbose:
            return
        self._clear()
        if self.tty or self.done * 4 < 4 * self.total or not self.total:
            say(self.status(), self.out)


def _summary(lines: Sequence[str]) -> list[str]:
    """What dbt prints after its run (the failures and their compiled SQL), or its error."""
    plain = [_ANSI.sub("", line) for line in lines]
    for marker in ("Finished running", "Encountered an error"):
        index = next((i for i, line in enumerate(plain) if marker in line), None)
        if index is not None:
            return plain[index:]
    return plain[-40:]


def run_dbt(
    project_dir: Path,
    private: Path,
    work: Path,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
    dbt_vars: Mapping[str, object] | None = None,
    verbose: bool = True,
) -> int:
    """Run ``dbt build`` into ``private``, with target and logs under ``work``.

    dbt runs in ``work`` and writes there a file with the published warehouse's name
    (``TERRITORIO_BUILD_DB``, a relative path), so its connection settings are the same in every
    build and dbt's partial parsing survives from one build to the next
    (:func:`_restore_parse_state`); the file is then moved to ``private``. dbt's console output
    is written to ``work/build.log``; on the console, ``verbose`` prints it all, otherwise
    :class:`Progress` and, when dbt fails, its summary.
    """
    cmd = [
        *dbt_command(),
        "build",
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project_dir),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
        # manifest.json and run_results.json would go to work/target, which the build deletes:
        # not writing them saves 0.4-0.5 s (the parse state for the next build is kept apart)
        "--no-write-json",
    ]
    if not (verbose and sys.stdout.isatty()):
        cmd.append("--no-use-colors")
    if select:
        cmd += ["--select", *select]
    if exclude:
        cmd += ["--exclude", *exclude]
    if dbt_vars:
        cmd += ["--vars", json.dumps(dict(dbt_vars))]
    cache = _parse_state_cache(project_dir, dbt_vars)
    _restore_parse_state(cache, work / "target")
    # the published warehouse's name, the same in every build (the private name has the pid)
    match = _PRIVATE_NAME.match(private.name)
    written = work / (f"{match['stem']}.duckdb" if match else private.name)
    if private.exists():  # a partial build starts from a copy of the published warehouse
        os.replace(private, written)
    # the child imports this checkout's territorio (the dbt plugin of profiles.yml) first
    python_path = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "TERRITORIO_BUILD_DB": written.name, "PYTHONPATH": python_path}
    progress = Progress(verbose)
    lines: list[str] = []
    with open(work / "build.log", "w", encoding="utf-8") as log:
        child = subprocess.Popen(
            cmd,
            cwd=work,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            bufsize=1,
            preexec_fn=_die_with_parent,
        )
        try:
            assert child.stdout is not None
            for line in _lines(child.stdout):
                log.write(line + "\n")
                lines.append(line)
                progress.line(line)
            code = child.wait()
        except BaseException:
            stop(child)
            raise
    progress.finish()
    _save_parse_state(work / "target", cache)
    if code == 0 and written.exists():
        checkpoint(written)  # the file alone is complete: its write-ahead log does not move with it
        os.replace(written, private)
    if code != 0 and not verbose:
        print("\n".join(_summary(lines)).rstrip(), flush=True)
    return code


def _parse_state_cache(project_dir: Path, dbt_vars: Mapping[str, object] | None) -> Path:
    """Where builds keep dbt's parsed project (``partial_parse.msgpack``) for the next build.

    One file per set of ``--vars`` (a scale build and a 1× build parse differently), in the
    project's ``target/`` folder, which git ignores and ``make clean`` removes.
    """
    key = hashlib.sha256(json.dumps(dict(dbt_vars or {}), sort_keys=True).encode()).hexdigest()[:12]
    return project_dir / "target" / "territorio.build" / f"partial_parse.{key}.msgpack"


def _restore_parse_state(cache: Path, target: Path) -> None:
    """Give the build's target folder the parse state of the last build, when there is one.

    dbt checks the state itself (project files, profile, vars, dbt version) and parses again
    whatever changed, or everything when the state does not match.
    """
    if cache.is_file():
        target.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            shutil.copyfile(cache, target / "partial_parse.msgpack")


def _save_parse_state(target: Path, cache: Path) -> None:
    """Keep the parse state dbt wrote for the next build (replaced atomically)."""
    state = target / "partial_parse.msgpack"
    if not state.is_file():
        return
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        staged = cache.with_name(f".{cache.name}.{os.getpid()}")
        shutil.copyfile(state, staged)
        os.replace(staged, cache)
    except OSError:
        pass


def _lines(stream: TextIO) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\n")


def stop(child: subprocess.Popen) -> None:
    """Stop dbt: SIGTERM, then SIGKILL after 10 s; wait until it is gone (it holds the file)."""
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def keep_logs(work: Path, project_dir: Path) -> Path | None:
    """Move the build's dbt logs into ``<project_dir>/logs`` (build.log, build.debug.log)."""
    logs = project_dir / "logs"
    moved = None
    for source, name in ((work / "build.log", "build.log"), (work / "logs" / "dbt.log", "build.debug.log")):
        if source.exists():
            try:
                logs.mkdir(exist_ok=True)
                os.replace(source, logs / name)
                moved = moved or logs / name
            except OSError:
                pass
    return moved


def checkpoint(path: Path) -> None:
    """Fold any write-ahead log into the DuckDB file so that the file alone is complete."""
    con = duckdb.connect(str(path))
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()


def discard(*paths: Path) -> None:
    """Delete files (with their DuckDB ``.wal``) and folders; missing ones are ignored."""
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
            Path(f"{path}.wal").unlink(missing_ok=True)


def _shown(path: Path) -> str:
    """``path`` relative to the working folder when it is under it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def build(
    published: Path,
    *,
    project_dir: Path = REPO_ROOT,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
    scale_dir: Path | None = None,
    scale: int = 1,
    validate: bool = True,
    verbose: bool = False,
) -> Path:
    """Build the warehouse privately, then publish it at ``published``.

    With ``scale_dir``, a scale build of ``scale`` copies read from that Parquet folder (see the
    module docstring); ``validate=False`` skips :data:`VALIDATORS`; ``verbose`` prints all of
    dbt's output. Raises BuildError (and leaves ``published`` untouched) when the raw data break
    their contract, when ``published`` is not a file the build may replace, or when dbt or a
    validator fails.
    """
    counts = check_raw_input(project_dir)
    if counts is not None:
        say(
            "[1/4] raw data keep their contract ("
            + ", ".join(f"{name} {rows} rows" for name, rows in counts.items())
            + ")"
        )
    check_replaceable(published)
    if not published.parent.exists():
        published.parent.mkdir(parents=True)
        say(f"created the folder {_shown(published.parent)} for the warehouse")
    build_dir = published.parent / ".build"
    removed = remove_stale_private_files(build_dir)
    if removed:
        builds = {_PRIVATE_NAME.match(name)["pid"] for name in removed}
        say(
            f"removed the private files of {len(builds)} interrupted build(s) from "
            f"{_shown(build_dir)}: {', '.join(removed)}"
        )
    stem = f"{published.stem}.{os.getpid()}"
    private = build_dir / f"{stem}.duckdb"
    work = build_dir / f"{stem}.work"
    discard(private, work)  # leftovers of an earlier build that had the same pid
    work.mkdir(parents=True)  # keeps .build non-empty, so a concurrent build won't remove it
    log = project_dir / "logs" / "build.log"
    try:
        if (select or exclude) and published.exists():
            shutil.copyfile(published, private)
        dbt_select = [*select, "warehouse_build"] if select else []
        dbt_vars = None
        dbt_exclude = [*exclude, *PUBLISH_EXCLUDE]
        if scale_dir is not None:
            dbt_vars = {"raw_parquet_dir": str(scale_dir), "scale": scale}
            dbt_exclude += [e for e in SCALE_EXCLUDE if e not in dbt_exclude]
        say(f"[2/4] dbt build into the private file {_shown(private)} (dbt's output: {_shown(log)})")
        if validate and validate_warehouse in VALIDATORS:
            _preload_validation()
        code = run_dbt(project_dir, private, work, dbt_select, dbt_exclude, dbt_vars, verbose=verbose)
        if code != 0:
            raise BuildError(f"dbt build failed (exit code {code}); dbt's output is in {_shown(log)}")
        if not private.exists():
            raise BuildError("dbt build succeeded but wrote no warehouse (nothing selected?)")
        say("[3/4] checks of the new build: raw layer" + (", expectations" if validate else ""))
        check_raw_layer(private, project_dir, label="new build")
        for validator in VALIDATORS if validate else ():
            name = getattr(validator, "__qualname__", repr(validator))
            try:
                validator(private)
            except Exception as exc:
                raise BuildError(f"validation {name} failed: {exc}") from exc
        os.replace(private, published)
    finally:
        keep_logs(work, project_dir)
        discard(private, work)
        with contextlib.suppress(OSError):
            build_dir.rmdir()  # only when no other build is using it
    return published


def write_reproduction_report(published: Path) -> None:
    """Write the reproduction report of the published warehouse (territorio.reproduction_report).

    The page goes to ``docs/reproduction.html`` for the default warehouse and next to the
    warehouse (``<dir>/reproduction.html``) otherwise. It is derived from a warehouse already
    published, so a failure to write it is reported but does not fail the build; a warehouse
    without the reports (a partial ``--select``) gets no page.
    """
    from territorio.reproduction_report import has_reconciliation, write_report

    try:
        if not has_reconciliation(published):
            say("no reports.paper_reconciliation: reproduction report skipped")
            return
        out = write_report(published)
    except (OSError, duckdb.Error) as exc:
        print(f"territorio.build: WARNING: reproduction report not written: {exc}", file=sys.stderr)
        return
    say(f"reproduction report written to {_shown(out)}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m territorio.build",
        description="Run dbt build into a private DuckDB file and publish it atomically "
        "at $TERRITORIO_DB (default data/territorio.duckdb).",
    )
    parser.add_argument(
        "-s",
        "--select",
        nargs="+",
        default=[],
        metavar="SELECTOR",
        help="dbt node selection; starts from a copy of the published warehouse",
    )
    parser.add_argument(
        "--exclude",
        nargs="+",
        default=[],
        metavar="SELECTOR",
        help="dbt nodes to leave out; starts from a copy of the published warehouse",
    )
    parser.add_argument(
        "--project-dir",
        type=Path,
        default=REPO_ROOT,
        help="dbt project folder with dbt_project.yml and profiles.yml (default: repository root)",
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=None,
        metavar="N",
        help="scale build: read the N-copy Parquet raw layer (make reconstruct SCALE=N) and "
        "publish <scale dir>/territorio.duckdb instead of $TERRITORIO_DB",
    )
    parser.add_argument(
        "--scale-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="with --scale: the Parquet raw layer (default data/scale/x<N>)",
    )
    parser.add_argument(
        "--validate",
        action="store_true",
        help="with --scale: also run the Great Expectations suites (scaled counts; slow)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="print all of dbt's output (by default: phases, progress and failures; dbt's "
        "output goes to logs/build.log)",
    )
    args = parser.parse_args(argv)
    published = published_path()
    scale_dir = None
    if args.scale is not None:
        from territorio.reconstruct.scale import MANIFEST, read_manifest
        from territorio.reconstruct.scale import scale_dir as default_scale_dir

        scale_dir = (args.scale_dir or default_scale_dir(args.scale)).resolve()
        manifest = read_manifest(scale_dir)
        if not manifest or manifest.get("scale") != args.scale:
            print(
                f"territorio.build: FAILED: no {args.scale}-copy raw layer in {scale_dir} "
                f"({MANIFEST} missing or for another scale): run make reconstruct "
                f"SCALE={args.scale} first",
                file=sys.stderr,
            )
            return 1
        published = scale_dir / "territorio.duckdb"
        if not args.validate:
            print(
                "territorio.build: scale build: the Great Expectations suites are skipped "
                "(--validate runs them, with the counts scaled)"
            )

    def terminate(signum: int, frame: object) -> None:
        raise Interrupted("SIGTERM")

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        build(
            published,
            project_dir=args.project_dir.resolve(),
            select=args.select,
            exclude=args.exclude,
            scale_dir=scale_dir,
            scale=args.scale or 1,
            validate=args.scale is None or args.validate,
            verbose=args.verbose,
        )
    except (KeyboardInterrupt, Interrupted) as exc:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one line, even if SIGTERM repeats
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # or Ctrl-C
        how = "Ctrl-C" if isinstance(exc, KeyboardInterrupt) else "SIGTERM"
        state = "left untouched" if published.exists() else "not created"
        print(
            f"\nterritorio.build: interrupted ({how}); private files removed; {published} was {state}", file=sys.stderr
        )
        return 130 if how == "Ctrl-C" else 143
    except (BuildError, OSError, duckdb.Error) as exc:
        say(f"FAILED: {exc}", sys.stderr)
        state = "left untouched" if published.exists() else "not created"
        say(f"the published warehouse {published} was {state}", sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    say(f"[4/4] warehouse published to {published}")
    write_reproduction_report(published)
    return 0


if __name__ == "__main__":
    status = main()
    gc.freeze()  # exit without walking every object left (see territorio.dbt_cli): 0.7 s less
    sys.exit(status)
