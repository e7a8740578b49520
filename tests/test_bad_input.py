"""Bad input never half-publishes: the bad-input corpus (tests/bad_input/) run through the build.

Each case edits a copy of the project's raw files and runs ``python -m territorio.build
--project-dir COPY`` against a copy of the session warehouse. A case the contract must reject
exits 1 before dbt starts, names every expected file, line, column and rule on stderr, and leaves
the published warehouse byte-identical. A ``dbt`` case keeps the contract but fails a dbt data
test (the published file is kept too); an ``accepted`` case builds and publishes.
tests/test_build.py already covers failures of dbt tests and of post-build validators on
synthetic projects; here the failures come from the data.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from bad_input.corpus import Case, apply_case, load_cases, matching_lines
from conftest import REPO_ROOT, run_build
from territorio import build

CASES = load_cases()
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests",
                 "analyses")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_project(target: Path) -> Path:
    """Copy the dbt project (not the Python tests or this corpus) to ``target``."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = REPO_ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns(
                "*.py", "__pycache__", "bad_input", "*.duckdb", "*.wal"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture
def published(warehouse: Path, tmp_path: Path) -> Path:
    """A copy of the session warehouse standing for the published one."""
    path = tmp_path / "published" / "territorio.duckdb"
    path.parent.mkdir()
    shutil.copyfile(warehouse, path)
    return path


def test_the_corpus_has_the_cases_a_coder_produces() -> None:
    names = {case.name for case in CASES}
    assert {
        "duplicate_questionnaire_id", "unknown_code", "orphan_actor_row", "malformed_multi_select",
        "missing_column", "short_row", "header_only_file", "latin1_file",
    } <= names
    assert {case.outcome for case in CASES} == {"contract", "dbt", "accepted"}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input_case(case: Case, published: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    apply_case(case, project / "seeds" / "raw")
    before = sha256(published)

    result = run_build(published, "--project-dir", str(project), *case.build_args)
    output = result.stdout + result.stderr

    if case.outcome == "accepted":
        assert result.returncode == 0, output
        assert sha256(published) != before, "the accepted input was not published"
        con = duckdb.connect(str(published), read_only=True)
        try:
            for expected in case.expect_sql:
                rows = [list(row) for row in con.execute(expected["query"]).fetchall()]
                assert rows == expected["equals"], expected["query"]
        finally:
            con.close()
        return

    assert result.returncode == 1, output
    assert sha256(published) == before, "the published warehouse changed"
    assert not (published.parent / ".build").exists()
    assert "was left untouched" in result.stderr
    for expected in case.expect_stdout:
        assert expected["text"] in result.stdout, output
    if case.outcome == "contract":
        assert "Running with dbt" not in result.stdout, "dbt ran on input that breaks the contract"
        assert "the raw data break their contract" in result.stderr
        for expected in case.expect:
            assert matching_lines(expected, result.stderr), (
                f"no error line with {expected} in:\n{result.stderr}")
    else:
        assert "the raw data break their contract" not in result.stderr


def test_build_raises_with_every_contract_error_before_dbt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In process: BuildError carries all the problems and dbt is never started."""
    project = copy_project(tmp_path / "project")
    for name in ("malformed_multi_select", "latin1_file", "header_only_file"):
        apply_case(next(case for case in CASES if case.name == name), project / "seeds" / "raw")
    published = tmp_path / "published" / "territorio.duckdb"

    def no_dbt(*args: object, **kwargs: object) -> int:
        raise AssertionError("dbt must not run on input that breaks the contract")

    monkeypatch.setattr(build, "run_dbt", no_dbt)
    with pytest.raises(build.BuildError) as caught:
        build.build(published, project_dir=project)
    message = str(caught.value)
    assert "3 problem(s)" in message
    assert "seeds/raw/raw_actor_links.csv:17: column role_codes:" in message
    assert "seeds/raw/raw_questionnaires.csv:4: column theme_code:" in message
    assert "seeds/raw/raw_participation_mechanisms.csv:1: no data rows" in message
    assert not published.parent.exists(), "the build created files for rejected input"
