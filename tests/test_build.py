"""The build publishes atomically: a failed build never touches the published warehouse.

These tests do not depend on the data: failures are caused by a failing dbt test added to a
copy of the project, or by a tiny stand-alone project. They also cover what protects the
user's files (a text file or a foreign database at ``TERRITORIO_DB``), what a crash or a signal
leaves behind, the quiet output, and plain dbt commands next to an open reader.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import REPO_ROOT, run_build, run_dbt
from territorio import build

FAILING_TEST = "select 1 as failure  -- one row: this data test always fails\n"


def make_published(path: Path) -> bytes:
    """Create a small DuckDB file standing for an earlier published warehouse (it has the
    ``reports.warehouse_build`` that marks a warehouse this project built); return its bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute("create table earlier_build as select 42 as answer")
    con.execute("create schema reports; create table reports.warehouse_build as select 'earlier' as invocation_id")
    con.close()
    return path.read_bytes()


def make_tiny_project(root: Path, *, broken: bool, slow: bool = False) -> Path:
    """Write a one-seed, one-model dbt project using the repository's profile; ``slow`` adds a
    model that keeps dbt busy for minutes, so that a signal always lands while dbt runs."""
    (root / "seeds").mkdir(parents=True)
    (root / "models").mkdir()
    (root / "tests").mkdir()
    shutil.copy(REPO_ROOT / "profiles.yml", root / "profiles.yml")
    (root / "dbt_project.yml").write_text(
        "name: tiny\nconfig-version: 2\nprofile: territorio\nflags:\n  send_anonymous_usage_stats: false\n"
    )
    (root / "seeds" / "things.csv").write_text("id,name\n1,a\n2,b\n")
    (root / "models" / "things_view.sql").write_text("select * from {{ ref('things') }}\n")
    (root / "models" / "schema.yml").write_text(
        "version: 2\nmodels:\n  - name: things_view\n    columns:\n"
        "      - name: id\n        data_tests: [unique, not_null]\n"
    )
    if broken:
        (root / "tests" / "always_fails.sql").write_text(FAILING_TEST)
    if slow:
        (root / "models" / "slow.sql").write_text(
            "{{ config(materialized='table') }}\nselect count(*) as n from range(1000000000000)\n"
        )
    return root


def leftovers(published: Path) -> list[str]:
    """Names in the published file's folder other than the file and the reports written beside it."""
    reports = (published.with_name(f"{published.stem}.validation.html"), published.with_name("reproduction.html"))
    return sorted(p.name for p in published.parent.iterdir() if p != published and p not in reports)


def test_published_warehouse_has_layer_schemas(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("select schema_name from information_schema.schemata").fetchall()
    schemas = {row[0] for row in rows}
    assert {"raw", "staging", "marts"} <= schemas


def test_session_build_leaves_no_private_files(warehouse: Path) -> None:
    assert leftovers(warehouse) == []


def test_failed_build_of_the_project_keeps_published_file(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(
        REPO_ROOT,
        project,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "target",
            "logs",
            "dbt_packages",
            "__pycache__",
            ".pytest_cache",
            "*.egg-info",
            "*.duckdb",
            "*.wal",
            ".build",
        ),
    )
    (project / "tests" / "publish_must_fail.sql").write_text(FAILING_TEST)
    published = tmp_path / "published" / "territorio.duckdb"
    before = make_published(published)

    result = run_build(published, "--project-dir", str(project), "--select", "publish_must_fail")

    assert result.returncode != 0, result.stdout + result.stderr
    assert "Failure in test publish_must_fail" in result.stdout, result.stdout + result.stderr
    assert "FAILED" in result.stderr
    assert published.read_bytes() == before
    assert leftovers(published) == []


def test_failed_full_build_keeps_published_file(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project", broken=True)
    published = tmp_path / "published" / "territorio.duckdb"
    before = make_published(published)

    result = run_build(published, "--project-dir", str(project))

    assert result.returncode != 0, result.stdout + result.stderr
    assert "Failure in test always_fails" in result.stdout, result.stdout + result.stderr
    assert published.read_bytes() == before
    assert leftovers(published) == []


def test_successful_build_replaces_published_file(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project", broken=False)
    published = tmp_path / "published" / "territorio.duckdb"
    make_published(published)

    result = run_build(published, "--project-dir", str(project))

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"published to {published}" in result.stdout
    assert leftovers(published) == []
    con = duckdb.connect(str(published), read_only=True)
    try:
        rows = con.execute("select table_name from information_schema.tables").fetchall()
        tables = {row[0] for row in rows}
        assert con.execute("select count(*) from things_view").fetchone() == (2,)
    finally:
        con.close()
    assert "earlier_build" not in tables


def test_failing_validator_stops_the_publish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_tiny_project(tmp_path / "project", broken=False)
    published = tmp_path / "published" / "territorio.duckdb"
    before = make_published(published)
    seen: list[Path] = []

    def reject(private: Path) -> None:
        seen.append(private)
        assert private.exists() and private != published
        raise ValueError("marts.fct_actor_links: expect_table_row_count_to_equal: observed 994")

    monkeypatch.setattr(build, "VALIDATORS", [reject])
    with pytest.raises(build.BuildError, match=r"validation .*reject failed: .*observed 994"):
        build.build(published, project_dir=project)

    assert len(seen) == 1
    assert published.read_bytes() == before
    assert leftovers(published) == []
    assert not seen[0].exists()


def test_the_build_validates_with_territorio_validate() -> None:
    assert build.validate_warehouse in build.VALIDATORS


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("content", ["text", "foreign_duckdb", "folder"])
def test_territorio_db_naming_a_user_file_stops_the_build(content: str, tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project", broken=False)
    target = tmp_path / "mine" / "notes.duckdb"
    target.parent.mkdir()
    if content == "text":
        target.write_text("my notes: do not lose them\n")
    elif content == "foreign_duckdb":
        with duckdb.connect(str(target)) as con:
            con.execute("create table accounts as select 1 as id")
    else:
        target.mkdir()
    before = sha256(target) if target.is_file() else None

    result = run_build(target, "--project-dir", str(project))

    assert result.returncode == 1, result.stdout + result.stderr
    reason = {
        "text": "exists and is not a DuckDB warehouse",
        "foreign_duckdb": "is a DuckDB file, but not a warehouse this project built",
        "folder": "is a folder",
    }[content]
    assert reason in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert "Running with dbt" not in result.stdout, "dbt ran although nothing may be published"
    if before is not None:
        assert sha256(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["notes.duckdb"]


def test_a_missing_folder_is_created_and_named(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project", broken=False)
    published = tmp_path / "new" / "folder" / "territorio.duckdb"

    result = run_build(published, "--project-dir", str(project))

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"created the folder {published.parent} for the warehouse" in result.stdout
    assert published.exists()


def test_output_is_phases_and_progress_and_the_log_goes_to_logs(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project", broken=False)
    published = tmp_path / "published" / "territorio.duckdb"

    quiet = run_build(published, "--project-dir", str(project))
    # (the tiny project's warehouse has no reports.warehouse_build: publish the second elsewhere)
    verbose = run_build(published.with_name("verbose.duckdb"), "--project-dir", str(project), "--verbose")

    assert quiet.returncode == 0 and verbose.returncode == 0, quiet.stderr + verbose.stderr
    lines = quiet.stdout.splitlines()
    assert len(lines) <= 12, quiet.stdout
    assert "Running with dbt" not in quiet.stdout
    assert any("[2/4] dbt build into the private file" in line for line in lines)
    assert any(line.startswith("territorio.build: dbt: 4 of 4 nodes done") for line in lines), lines
    assert "Running with dbt" in verbose.stdout
    log = (project / "logs" / "build.log").read_text()
    assert "Running with dbt" in log and "Completed successfully" in log
    assert (project / "logs" / "build.debug.log").exists()


def test_failures_are_printed_as_they_happen_and_summarised(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project", broken=True)
    published = tmp_path / "published" / "territorio.duckdb"

    result = run_build(published, "--project-dir", str(project))

    assert result.returncode == 1
    assert "  FAIL 1 always_fails" in result.stdout, result.stdout
    assert "nodes done, 1 failed" in result.stdout
    assert "dbt's output is in" in result.stderr


def wait_for_dbt(published: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until the build's dbt child has opened its private warehouse file."""
    deadline = time.monotonic() + timeout
    build_dir = published.parent / ".build"
    while time.monotonic() < deadline:
        if build_dir.exists() and list(build_dir.glob("territorio.*.work/territorio.duckdb")):
            time.sleep(1)  # dbt is in the slow model by now (seed and view take milliseconds)
            return
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"the build ended before dbt started:\n{out}\n{err}")
        time.sleep(0.2)
    raise AssertionError("dbt did not start")


def _ctrl_c_as_in_a_terminal() -> None:
    """The build gets Ctrl-C as in a terminal: a suite started as a background job (``... &``)
    passes SIGINT on as ignored, and Python then installs no KeyboardInterrupt handler."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_build(published: Path, project: Path) -> subprocess.Popen:
    env = {**os.environ, "TERRITORIO_DB": str(published)}
    env.pop("TERRITORIO_BUILD_DB", None)
    return subprocess.Popen(
        [sys.executable, "-m", "territorio.build", "--project-dir", str(project)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_signal_ends_the_build_with_one_line_and_cleans_up(signum: int, tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project", broken=False, slow=True)
    published = tmp_path / "published" / "territorio.duckdb"
    before = make_published(published)
    proc = start_build(published, project)
    wait_for_dbt(published, proc)

    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)

    assert proc.returncode == (143 if signum == signal.SIGTERM else 130), out + err
    assert [line for line in err.splitlines() if line.strip()] == [
        f"territorio.build: interrupted ({'SIGTERM' if signum == signal.SIGTERM else 'Ctrl-C'}); "
        f"private files removed; {published} was left untouched"
    ], err
    assert published.read_bytes() == before
    assert leftovers(published) == []


def test_after_kill_9_the_next_build_removes_the_private_files(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project", broken=False, slow=True)
    published = tmp_path / "published" / "territorio.duckdb"
    before = make_published(published)
    proc = start_build(published, project)
    wait_for_dbt(published, proc)

    proc.kill()  # SIGKILL: no clean-up in the build process
    proc.communicate(timeout=60)
    stale = leftovers(published)
    assert stale == [".build"], stale
    assert published.read_bytes() == before
    time.sleep(2)  # dbt, its child, gets SIGTERM when the build dies (parent-death signal)
    (project / "models" / "slow.sql").unlink()

    result = run_build(published, "--project-dir", str(project))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "removed the private files of 1 interrupted build(s)" in result.stdout, result.stdout
    assert leftovers(published) == []


def test_stale_private_files_of_live_builds_are_kept(tmp_path: Path) -> None:
    build_dir = tmp_path / ".build"
    build_dir.mkdir()
    live = build_dir / f"territorio.{os.getpid()}.duckdb"
    live.write_bytes(b"")
    dead_pid = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    ).stdout.strip()
    dead = [build_dir / f"territorio.{dead_pid}.duckdb", build_dir / f"territorio.{dead_pid}.work"]
    dead[0].write_bytes(b"")
    dead[1].mkdir()
    (build_dir / "unrelated.txt").write_text("not a private file")

    removed = build.remove_stale_private_files(build_dir)

    assert sorted(removed) == sorted(path.name for path in dead)
    assert sorted(p.name for p in build_dir.iterdir()) == sorted([live.name, "unrelated.txt"])


def test_plain_dbt_build_writes_the_development_file_only(tmp_path: Path) -> None:
    """The profile's default target: plain ``dbt build`` never opens ``TERRITORIO_DB``."""
    project = make_tiny_project(tmp_path / "project", broken=False)
    published = tmp_path / "published" / "territorio.duckdb"
    make_published(published)
    before = sha256(published)
    env = {
        **os.environ,
        "TERRITORIO_DB": str(published),
        "PYTHONPATH": str(REPO_ROOT),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    for key in ("TERRITORIO_BUILD_DB", "TERRITORIO_DEV_DB"):
        env.pop(key, None)

    reader = duckdb.connect(str(published), read_only=True)
    try:
        result = subprocess.run(
            [str(Path(sys.executable).parent / "dbt"), "build", "--profiles-dir", "."],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        reader.close()

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert sha256(published) == before
    dev = project / "data" / "dev" / "territorio.duckdb"
    assert "created the folder data/dev" in result.stdout + result.stderr
    with duckdb.connect(str(dev), read_only=True) as con:
        assert con.execute("select count(*) from things_view").fetchone() == (2,)


@pytest.mark.parametrize("command", [["compile"], ["docs", "generate"]])
def test_dbt_commands_work_while_a_reader_has_the_published_file_open(
    command: list[str], con: duckdb.DuckDBPyConnection, warehouse: Path, tmp_path: Path
) -> None:
    """The page or a notebook holds a read-only connection (``con``) to the published file."""
    before = sha256(warehouse)
    result = run_dbt(REPO_ROOT, *command, published=warehouse, dev=tmp_path / "dev.duckdb")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert con.execute("select count(*) from reports.warehouse_build").fetchone() == (1,)
    assert sha256(warehouse) == before


def test_the_validation_preload_thread_leaves_signals_to_the_main_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """A signal sent to the build goes to a thread that does not block it; Python runs handlers in
    the main thread only, so the background import must block SIGINT and SIGTERM (otherwise a
    Ctrl-C can land there and the build waits for dbt's next line instead of stopping)."""
    import threading

    from territorio import validate

    masks: list[set] = []
    done = threading.Event()

    def record() -> None:
        masks.append(set(signal.pthread_sigmask(signal.SIG_BLOCK, set())))
        done.set()

    monkeypatch.setattr(validate, "preload", record)
    build._preload_validation()
    assert done.wait(30)
    assert {signal.SIGINT, signal.SIGTERM} <= masks[0]
    assert not {signal.SIGINT, signal.SIGTERM} & set(signal.pthread_sigmask(signal.SIG_BLOCK, set()))


def test_unit_tests_pass_though_a_publishing_build_leaves_them_out(warehouse: Path, tmp_path: Path) -> None:
    """``make build`` leaves dbt's unit tests out (build.PUBLISH_EXCLUDE: they check the SQL, not
    the data); here every unit test of the project runs against a copy of the session warehouse,
    so no change of the SQL that breaks one passes ``make test``."""
    import yaml

    declared = [
        test["name"]
        for path in sorted((REPO_ROOT / "models").rglob("*.yml"))
        for test in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("unit_tests", [])
    ]
    assert len(declared) >= 20
    assert build.PUBLISH_EXCLUDE == ("test_type:unit",)
    dev = tmp_path / "dev.duckdb"
    shutil.copyfile(warehouse, dev)
    result = run_dbt(REPO_ROOT, "test", "--select", "test_type:unit", published=warehouse, dev=dev)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert f"Finished running 1 project hook, {len(declared)} unit tests in" in output, output[-1500:]
    assert " ERROR=0 " in output and " FAIL=" not in output
