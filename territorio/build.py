"""Build the warehouse into a private file and publish it atomically.

Usage::

    python -m territorio.build [--select SELECTOR ...] [--exclude SELECTOR ...] [--project-dir DIR]

The published warehouse is ``$TERRITORIO_DB`` (default ``data/territorio.duckdb``; a relative
path is taken from the repository root). ``dbt build`` (seeds, models and every test) writes to a
private file ``<dir>/.build/<name>.<pid>.duckdb`` next to it, with its own target and log
folders, so concurrent builds never collide. Only when dbt succeeds and every hook in
:data:`VALIDATORS` accepts the private file is it moved over the published one with
:func:`os.replace`, which is atomic on one filesystem: readers see either the old warehouse or
the new one, never a half-built one. On any failure the private files are deleted and the
published warehouse is left byte-identical.

A full build starts from an empty file. With ``--select`` or ``--exclude`` it starts from a
copy of the published warehouse (when there is one), so the nodes left out are kept.

After publishing, :func:`write_reproduction_report` writes the reproduction report
(:mod:`territorio.reproduction_report`): ``docs/reproduction.html`` for the default warehouse,
``reproduction.html`` next to the warehouse otherwise.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "data/territorio.duckdb"


def validate_warehouse(private: Path) -> None:
    """Run the data-quality suites of :mod:`territorio.validate` on the private file.

    Great Expectations is imported here, only when a build validates. The HTML report goes next
    to the published warehouse (``<name>.validation.html``), whose name the private file carries.
    """
    from territorio.validate import check_build

    published = private.parent.parent / f"{private.stem.rsplit('.', 1)[0]}.duckdb"
    check_build(private, published if private.parent.name == ".build" else private)


#: Post-build checks: each is called with the private warehouse path and raises on failure.
VALIDATORS: list[Callable[[Path], None]] = [validate_warehouse]

# dbt-core has no ``python -m dbt``; run its CLI in a child process so that the DuckDB file is
# closed when dbt is done (dbt-duckdb keeps it open until its process exits).
_DBT_CLI = "import sys; from dbt.cli.main import cli; sys.exit(cli(prog_name='dbt'))"


class BuildError(RuntimeError):
    """The build failed; the published warehouse was not touched."""


def published_path() -> Path:
    """Return the published warehouse path from ``$TERRITORIO_DB`` (default under ``data/``)."""
    path = Path(os.environ.get("TERRITORIO_DB") or DEFAULT_DB).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path


def run_dbt(
    project_dir: Path,
    private: Path,
    work: Path,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> int:
    """Run ``dbt build`` against ``private``, with target and logs under ``work``."""
    cmd = [
        sys.executable, "-c", _DBT_CLI, "build",
        "--project-dir", str(project_dir),
        "--profiles-dir", str(project_dir),
        "--target-path", str(work / "target"),
        "--log-path", str(work / "logs"),
    ]
    if not sys.stdout.isatty():
        cmd.append("--no-use-colors")
    if select:
        cmd += ["--select", *select]
    if exclude:
        cmd += ["--exclude", *exclude]
    env = {**os.environ, "TERRITORIO_BUILD_DB": str(private)}
    return subprocess.run(cmd, cwd=project_dir, env=env, check=False).returncode


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


def build(
    published: Path,
    *,
    project_dir: Path = REPO_ROOT,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Path:
    """Build the warehouse privately, then publish it at ``published``.

    Raises BuildError (and leaves ``published`` untouched) when dbt or a validator fails.
    """
    build_dir = published.parent / ".build"
    stem = f"{published.stem}.{os.getpid()}"
    private = build_dir / f"{stem}.duckdb"
    work = build_dir / f"{stem}.work"
    discard(private, work)  # leftovers of an earlier build that had the same pid
    work.mkdir(parents=True)  # keeps .build non-empty, so a concurrent build won't remove it
    try:
        if (select or exclude) and published.exists():
            shutil.copyfile(published, private)
        code = run_dbt(project_dir, private, work, select, exclude)
        if code != 0:
            raise BuildError(f"dbt build failed (exit code {code})")
        if not private.exists():
            raise BuildError("dbt build succeeded but wrote no warehouse (nothing selected?)")
        checkpoint(private)
        for validate in VALIDATORS:
            name = getattr(validate, "__qualname__", repr(validate))
            try:
                validate(private)
            except Exception as exc:
                raise BuildError(f"validation {name} failed: {exc}") from exc
        os.replace(private, published)
    finally:
        discard(private, work)
        try:
            build_dir.rmdir()  # only when no other build is using it
        except OSError:
            pass
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
            print("territorio.build: no reports.paper_reconciliation: reproduction report skipped")
            return
        out = write_report(published)
    except (OSError, duckdb.Error) as exc:
        print(f"territorio.build: WARNING: reproduction report not written: {exc}",
              file=sys.stderr)
        return
    print(f"territorio.build: reproduction report written to {out}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m territorio.build",
        description="Run dbt build into a private DuckDB file and publish it atomically "
        "at $TERRITORIO_DB (default data/territorio.duckdb).",
    )
    parser.add_argument(
        "-s", "--select", nargs="+", default=[], metavar="SELECTOR",
        help="dbt node selection; starts from a copy of the published warehouse",
    )
    parser.add_argument(
        "--exclude", nargs="+", default=[], metavar="SELECTOR",
        help="dbt nodes to leave out; starts from a copy of the published warehouse",
    )
    parser.add_argument(
        "--project-dir", type=Path, default=REPO_ROOT,
        help="dbt project folder with dbt_project.yml and profiles.yml (default: repository root)",
    )
    args = parser.parse_args(argv)
    published = published_path()
    try:
        build(published, project_dir=args.project_dir.resolve(), select=args.select,
              exclude=args.exclude)
    except (BuildError, OSError, duckdb.Error) as exc:
        print(f"territorio.build: FAILED: {exc}", file=sys.stderr)
        state = "left untouched" if published.exists() else "not created"
        print(f"territorio.build: the published warehouse {published} was {state}",
              file=sys.stderr)
        return 1
    print(f"territorio.build: warehouse published to {published}")
    write_reproduction_report(published)
    return 0


if __name__ == "__main__":
    sys.exit(main())
