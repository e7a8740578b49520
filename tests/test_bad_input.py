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
from conftest import copy_project, run_build, run_dbt
from territorio import build

CASES = load_cases()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
        "duplicate_questionnaire_id",
        "unknown_code",
        "orphan_actor_row",
        "malformed_multi_select",
        "missing_column",
        "short_row",
        "header_only_file",
        "latin1_file",
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
    for absent in case.expect_not:
        assert absent["text"] not in output, f"{absent['text']!r} was echoed:\n{output}"
    if case.outcome == "contract":
        assert "Running with dbt" not in result.stdout, "dbt ran on input that breaks the contract"
        assert "the raw data break their contract" in result.stderr
        for expected in case.expect:
            assert matching_lines(expected, result.stderr), f"no error line with {expected} in:\n{result.stderr}"
    else:
        assert "the raw data break their contract" not in result.stderr


def test_build_raises_with_every_contract_error_before_dbt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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


#: Cases run through plain ``dbt build`` as well: the issue's own examples and one accepted case.
BOTH_PATHS = (
    "malformed_multi_select",
    "id_other_format",
    "row_on_questionnaire_not_analysed",
    "symlinked_raw_file",
    "accepted_spreadsheet_export",
)


@pytest.mark.parametrize("name", BOTH_PATHS)
def test_plain_dbt_build_accepts_and_rejects_what_the_build_does(name: str, published: Path, tmp_path: Path) -> None:
    """``dbt build`` (the on-run-start hook runs the contract) and ``python -m territorio.build``
    reject the same input with the same lines, and accept the same input; plain dbt writes its
    development file, never the published warehouse, even while a reader has it open."""
    case = next(case for case in CASES if case.name == name)
    project = copy_project(tmp_path / "project")
    apply_case(case, project / "seeds" / "raw")
    before = sha256(published)
    dev = tmp_path / "dev" / "territorio.duckdb"

    # the development file starts empty, not from a copy of the published warehouse: a partial
    # selection takes the codebook seeds that staging reads along, and leaves out the tests
    # that read models outside it
    plain_args = (
        [*case.build_args, "path:seeds/codebook", "--indirect-selection", "cautious"]
        if case.build_args[:1] == ["--select"]
        else [*case.build_args, "--exclude", "test_type:unit"]
    )  # (dbt's unit tests read their own rows, never the raw data: tests/test_build.py runs them)
    reader = duckdb.connect(str(published), read_only=True)  # the page, or a notebook
    try:
        plain = run_dbt(project, "build", *plain_args, published=published, dev=dev)
    finally:
        reader.close()
    assert sha256(published) == before, "plain dbt build changed the published warehouse"
    made = run_build(published, "--project-dir", str(project), *case.build_args)
    plain_output = plain.stdout + plain.stderr

    if case.outcome == "accepted":
        assert plain.returncode == 0, plain_output[-3000:]
        assert made.returncode == 0, made.stdout + made.stderr
        with duckdb.connect(str(dev), read_only=True) as con:
            for expected in case.expect_sql:
                rows = [list(row) for row in con.execute(expected["query"]).fetchall()]
                assert rows == expected["equals"], expected["query"]
        return
    assert plain.returncode != 0, plain_output[-3000:]
    assert made.returncode == 1, made.stdout + made.stderr
    assert "the raw data break their contract" in plain_output
    assert "START seed" not in plain_output, "dbt loaded seeds from input that breaks the contract"
    for expected in case.expect:
        assert matching_lines(expected, plain_output), (expected, plain_output[-3000:])
        assert matching_lines(expected, made.stderr), (expected, made.stderr)
    for absent in case.expect_not:
        assert absent["text"] not in plain_output
    # both name the same problems, in the same words
    problems = {line.strip() for line in made.stderr.splitlines() if "(rule: " in line}
    assert problems and problems <= {line.strip() for line in plain_output.splitlines()}


def test_a_partial_build_does_not_keep_a_bad_raw_row(published: Path, tmp_path: Path) -> None:
    """A raw row that breaks the contract inside the published warehouse (put there by anything
    but this build) is not carried over by a partial build, whatever it selects."""
    with duckdb.connect(str(published)) as con:
        con.execute(
            "update raw.raw_actor_links set role_codes = 'decision_making;;financing' "
            "where questionnaire_id = 'TC08-008' and link_position = 4"
        )
    before = sha256(published)

    result = run_build(published, "--select", "warehouse_build")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "the raw layer of the new build breaks the contract" in result.stderr
    assert (
        "raw.raw_actor_links row 32 (raw_actor_links.csv:33): column role_codes: value "
        "'decision_making;;financing': empty token" in result.stderr
    ), result.stderr
    assert sha256(published) == before
    assert not (published.parent / ".build").exists()
