"""The raw-data contract check (territorio.contract), tested directly: fast, no build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bad_input.corpus import apply_case, load_cases, matching_lines
from conftest import REPO_ROOT
from territorio import contract
from territorio.contract import check_raw_dir, format_issues

CASES = {case.name: case for case in load_cases()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with copies of seeds/raw and seeds/codebook."""
    for part in ("raw", "codebook"):
        shutil.copytree(REPO_ROOT / "seeds" / part, tmp_path / "seeds" / part)
    return tmp_path


def check(project: Path) -> list[contract.Issue]:
    return check_raw_dir(project / "seeds" / "raw", display_root=project)


def test_the_real_raw_files_keep_the_contract() -> None:
    assert check_raw_dir(REPO_ROOT / "seeds" / "raw") == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_case(name: str, project: Path) -> None:
    case = CASES[name]
    apply_case(case, project / "seeds" / "raw")
    issues = check(project)
    output = format_issues(issues)
    if case.outcome != "contract":
        assert issues == [], output
        return
    for expected in case.expect:
        assert matching_lines(expected, output), f"no line with {expected} in:\n{output}"
    for issue in issues:  # every line names a file and line (or the file alone), and a rule
        assert str(issue).startswith(("seeds/raw/raw_", "seeds/codebook/codebook_"))
        assert ".csv:" in str(issue)
        assert str(issue).endswith(f"(rule: {issue.rule})")
    for absent in case.expect_not:
        assert absent["text"] not in output


def test_all_problems_of_all_files_in_one_run(project: Path) -> None:
    names = [
        "malformed_multi_select",
        "unknown_code",
        "short_row",
        "excluded_without_reason",
        "flag_typed_si",
        "latin1_file",
    ]  # the Latin-1 file last: it is written in Latin-1
    expected = [e for name in names for e in CASES[name].expect]
    for name in names:
        apply_case(CASES[name], project / "seeds" / "raw")
    output = format_issues(check(project))
    # latin1_file makes raw_questionnaires unreadable: its other cases' lines are not expected
    readable = [e for e in expected if e["file"] != "raw_questionnaires.csv" or e["rule"] == "encoding"]
    assert len(readable) >= 5
    for e in readable:
        assert matching_lines(e, output), f"no line with {e} in:\n{output}"


def test_codes_come_from_the_codebook_files(project: Path) -> None:
    raw = project / "seeds" / "raw" / "raw_questionnaires.csv"
    raw.write_text(raw.read_text().replace(",local_economic_development,", ",tourism,", 1))
    assert [i.rule for i in check(project)] == ["code"]
    codebook = project / "seeds" / "codebook" / "codebook_themes.csv"
    codebook.write_text(codebook.read_text() + "tourism,Turismo,Tourism,theme\n")
    assert check(project) == []


def test_a_missing_codebook_is_reported(project: Path) -> None:
    (project / "seeds" / "codebook" / "codebook_roles.csv").unlink()
    issues = check(project)
    assert [str(i) for i in issues] == ["seeds/codebook/codebook_roles.csv: codebook file not found (rule: codebook)"]


def test_utf8_bom_and_crlf_are_accepted(project: Path) -> None:
    for path in (project / "seeds" / "raw").glob("*.csv"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert check(project) == []


def test_utf16_and_nul_bytes_are_explained(project: Path) -> None:
    raw = project / "seeds" / "raw"
    text = (raw / "raw_questionnaires.csv").read_text()
    (raw / "raw_questionnaires.csv").write_bytes(text.encode("utf-16"))
    (raw / "raw_participation_mechanisms.csv").write_bytes(b"\x00\x01\x02")
    lines = format_issues(check(project)).splitlines()
    assert any(
        "raw_questionnaires.csv:1: the file is UTF-16" in line and "save it as UTF-8" in line for line in lines
    ), lines
    assert any(
        "raw_participation_mechanisms.csv:1: binary file: byte 0x00" in line and "(rule: binary)" in line
        for line in lines
    ), lines


def test_a_missing_file_is_reported(project: Path) -> None:
    (project / "seeds" / "raw" / "raw_participation_mechanisms.csv").unlink()
    assert [str(i) for i in check(project)] == [
        "seeds/raw/raw_participation_mechanisms.csv: file not found (the contract has "
        "raw_participation_mechanisms.csv: one row per participation mechanism) (rule: file)"
    ]


def test_an_invalid_flag_does_not_cascade_into_conditional_rules(project: Path) -> None:
    raw = project / "seeds" / "raw" / "raw_questionnaires.csv"
    lines = raw.read_text().splitlines(keepends=True)
    assert lines[7].startswith("TC08-007,false,not_reported,")
    lines[7] = lines[7].replace(",false,not_reported,", ",no,not_reported,", 1)
    raw.write_text("".join(lines))
    assert [str(i) for i in check(project)] == [
        "seeds/raw/raw_questionnaires.csv:8: column is_analysed: value 'no': not a flag: "
        "write true or false (rule: flag)"
    ]


def test_the_printout_is_capped() -> None:
    issues = [contract.Issue(f"f.csv:{n}", "code", "unknown code") for n in range(2, 260)]
    lines = format_issues(issues).splitlines()
    assert len(lines) == contract.MAX_PRINTED + 1
    assert lines[-1] == f"... and {len(issues) - contract.MAX_PRINTED} more problems ({len(issues)} in all)"


def test_the_contract_matches_the_seed_configuration() -> None:
    """The declared columns are the ones dbt_project.yml types, and every codebook exists."""
    config = yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text())
    seeds = config["seeds"]["territorio"]["raw"]
    for spec in contract.RAW_FILES:
        assert list(seeds[spec.name]["+column_types"]) == spec.column_names
        for name in spec.column_names:
            assert f"`{name}`" in (REPO_ROOT / "docs" / "raw_contract.md").read_text()
    for name in contract.needed_codebooks():
        assert (REPO_ROOT / "seeds" / "codebook" / f"{name}.csv").exists()


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "territorio.contract", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_cli_ok_and_failure(project: Path) -> None:
    ok = run_cli(cwd=project)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.count("\n") == 1
    assert ok.stdout.startswith("territorio.contract: OK: seeds/raw keeps the contract")
    assert "raw_actor_links 995 rows" in ok.stdout

    apply_case(CASES["malformed_multi_select"], project / "seeds" / "raw")
    apply_case(CASES["orphan_actor_row"], project / "seeds" / "raw")
    bad = run_cli("seeds/raw", cwd=project)
    assert bad.returncode == 1
    assert bad.stderr.splitlines() == [
        "seeds/raw/raw_actor_links.csv:10: column questionnaire_id: value 'TC08-130': orphan "
        "row: no questionnaire_id 'TC08-130' in raw_questionnaires (rule: reference)",
        "seeds/raw/raw_actor_links.csv:17: column role_codes: value 'decision_making;;financing'"
        ": empty token in a multi-select list (rule: multi_select)",
        "territorio.contract: 2 problem(s) in seeds/raw",
    ]


def test_a_raw_folder_outside_a_project_is_checked_with_the_projects_codebooks(
    tmp_path: Path,
) -> None:
    raw = tmp_path / "delivery"
    shutil.copytree(REPO_ROOT / "seeds" / "raw", raw)
    assert check_raw_dir(raw) == []
    lines = (raw / "raw_actor_links.csv").read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if ",decision_making" in line)
    lines[index] = lines[index].replace(",decision_making", ",decision", 1)
    (raw / "raw_actor_links.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    issues = [str(issue) for issue in check_raw_dir(raw)]
    assert len(issues) == 1
    assert f"raw_actor_links.csv:{index + 1}: column role_codes" in issues[0]
    assert "unknown code 'decision'" in issues[0]


def test_the_id_pattern_is_configurable(project: Path) -> None:
    apply_case(CASES["id_other_format"], project / "seeds" / "raw")
    assert {issue.rule for issue in check(project)} == {"id_format"}
    raw = project / "seeds" / "raw"
    assert check_raw_dir(raw, display_root=project, id_pattern=r"TC08-\d{1,3}") == []
    # the pattern of the project holding the raw folder: its dbt_project.yml
    (project / "dbt_project.yml").write_text("name: other\nvars:\n  questionnaire_id_pattern: 'TC08-[0-9]+'\n")
    assert contract.load_id_pattern(project) == "TC08-[0-9]+"
    assert check(project) == []


def test_the_default_id_pattern_is_the_dbt_var() -> None:
    project = yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text())
    assert contract.load_id_pattern() == project["vars"][contract.ID_PATTERN_VAR]
    default = project["vars"][contract.ID_PATTERN_VAR]
    assert contract.load_id_pattern(Path("/nonexistent")) == default


@pytest.mark.parametrize(
    "value, rule",
    [
        ("=1+1", "formula"),
        ("@SUM(A1)", "formula"),
        ("+cmd|' /C calc'!A0", "formula"),
        ("-2+3", "formula"),
        ("tab\there", "control_character"),
        ("e\u0301", "nfc"),
    ],
)
def test_cell_problems(value: str, rule: str) -> None:
    problem = contract.cell_problem(value)
    assert problem is not None and problem[0] == rule


@pytest.mark.parametrize("value", ["-1", "+2", " 2 ", "Económico", "decision_making;financing"])
def test_ordinary_cells_pass(value: str) -> None:
    assert contract.cell_problem(value) is None


def test_echoed_values_are_escaped_and_shortened() -> None:
    value = "\x1b[2J\x00\u202e" + "x" * 500
    shown = contract.show(value)
    assert shown.startswith("'\\x1b[2J\\x00\\u202e")
    assert shown.endswith(f"… ({len(value)} characters)'") or shown.endswith("characters)")
    assert len(shown) < contract.MAX_ECHO + 40
    assert all(char.isprintable() for char in shown)
    issue = contract.Issue("f.csv:2", "code", "unknown", column="\x1bbad", value=value)
    assert all(char.isprintable() for char in str(issue))


def test_a_fifo_is_refused_without_reading_it(project: Path) -> None:
    import os

    path = project / "seeds" / "raw" / "raw_participation_mechanisms.csv"
    path.unlink()
    os.mkfifo(path)  # reading it would block forever
    lines = format_issues(check(project)).splitlines()
    assert (
        "seeds/raw/raw_participation_mechanisms.csv: not a regular file (a pipe, socket or "
        "device): it was not read (rule: file)" in lines
    )


def test_a_symlinked_codebook_is_refused(project: Path) -> None:
    path = project / "seeds" / "codebook" / "codebook_themes.csv"
    path.unlink()
    path.symlink_to("/etc/passwd")
    output = format_issues(check(project))
    assert "seeds/codebook/codebook_themes.csv: a symbolic link" in output
    assert "root:" not in output and "/etc/passwd" not in output
