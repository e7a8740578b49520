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

A scale build, ``--scale N``, reads the N-copy Parquet raw layer that ``make reconstruct
SCALE=N`` writes (``data/scale/x<N>/``, or ``--scale-dir``) instead of the seeds, through the
dbt vars ``raw_parquet_dir`` and ``scale`` (tests and the reconciliation scale their counts by
N), and publishes ``<scale dir>/territorio.duckdb``; ``$TERRITORIO_DB`` is not used. It leaves
out :data:`SCALE_EXCLUDE` (the staging unit tests mock the raw seeds, which a scale build does
not read) and, unless ``--validate``, the Great Expectations suites (they read whole marts into
pandas: tens of millions of rows at N = 10,000; dbt's own tests still run, scaled).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
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

#: Left out of a scale build: the unit tests of staging models mock the raw seeds, and a scale
#: build's staging reads Parquet instead, so they would test the Parquet, not their mock rows.
SCALE_EXCLUDE = ("test_type:unit,path:models/staging",)

# dbt-core has no ``python -m dbt``; run its CLI in a child process so that the DuckDB file is
# closed when dbt is done (dbt-duckdb keeps it open until its process exits).
_DBT_CLI = "import sys; from dbt.cli.main import cli; sys.exit(cli(prog_name='dbt'))"


class BuildError(RuntimeError):
    """The build failed; the published warehouse was not touched."""


def check_raw_input(project_dir: Path) -> None:
    """Check ``<project_dir>/seeds/raw`` against the raw-data contract (territorio.contract).

    Runs before dbt, so bad input never reaches a build. Raises BuildError carrying every
    problem found. A project without ``seeds/raw`` has no raw questionnaires to check.
    """
    from territorio.contract import check_raw_dir, format_issues

    raw_dir = project_dir / "seeds" / "raw"
    if not raw_dir.is_dir():
        return
    issues = check_raw_dir(raw_dir, display_root=project_dir)
    if issues:
        raise BuildError(
            f"the raw data break their contract (docs/raw_contract.md), {len(issues)} "
            f"problem(s); nothing was built:\n{format_issues(issues)}"
        )


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
    dbt_vars: Mapping[str, object] | None = None,
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
    if dbt_vars:
        cmd += ["--vars", json.dumps(dict(dbt_vars))]
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
    scale_dir: Path | None = None,
    scale: int = 1,
    validate: bool = True,
) -> Path:
    """Build the warehouse privately, then publish it at ``published``.

    With ``scale_dir``, a scale build of ``scale`` copies read from that Parquet folder (see the
    module docstring); ``validate=False`` skips :data:`VALIDATORS`.
    Raises BuildError (and leaves ``published`` untouched) when the raw data break their
    contract, or when dbt or a validator fails.
    """
    check_raw_input(project_dir)
    build_dir = published.parent / ".build"
    stem = f"{published.stem}.{os.getpid()}"
    private = build_dir / f"{stem}.duckdb"
    work = build_dir / f"{stem}.work"
    discard(private, work)  # leftovers of an earlier build that had the same pid
    work.mkdir(parents=True)  # keeps .build non-empty, so a concurrent build won't remove it
    try:
        if (select or exclude) and published.exists():
            shutil.copyfile(published, private)
        dbt_vars = None
        dbt_exclude = list(exclude)
        if scale_dir is not None:
            dbt_vars = {"raw_parquet_dir": str(scale_dir), "scale": scale}
            dbt_exclude += SCALE_EXCLUDE
        code = run_dbt(project_dir, private, work, select, dbt_exclude, dbt_vars)
        if code != 0:
            raise BuildError(f"dbt build failed (exit code {code})")
        if not private.exists():
            raise BuildError("dbt build succeeded but wrote no warehouse (nothing selected?)")
        checkpoint(private)
        for validator in VALIDATORS if validate else ():
            name = getattr(validator, "__qualname__", repr(validator))
            try:
                validator(private)
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
    parser.add_argument(
        "--scale", type=int, default=None, metavar="N",
        help="scale build: read the N-copy Parquet raw layer (make reconstruct SCALE=N) and "
        "publish <scale dir>/territorio.duckdb instead of $TERRITORIO_DB",
    )
    parser.add_argument(
        "--scale-dir", type=Path, default=None, metavar="DIR",
        help="with --scale: the Parquet raw layer (default data/scale/x<N>)",
    )
    parser.add_argument(
        "--validate", action="store_true",
        help="with --scale: also run the Great Expectations suites (scaled counts; slow)",
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
            print(f"territorio.build: FAILED: no {args.scale}-copy raw layer in {scale_dir} "
                  f"({MANIFEST} missing or for another scale): run make reconstruct "
                  f"SCALE={args.scale} first", file=sys.stderr)
            return 1
        published = scale_dir / "territorio.duckdb"
        if not args.validate:
            print("territorio.build: scale build: the Great Expectations suites are skipped "
                  "(--validate runs them, with the counts scaled)")
    try:
        build(published, project_dir=args.project_dir.resolve(), select=args.select,
              exclude=args.exclude, scale_dir=scale_dir, scale=args.scale or 1,
              validate=args.scale is None or args.validate)
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
