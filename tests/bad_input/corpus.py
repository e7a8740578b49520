"""The bad-input corpus: each case is a small edit of the real raw files plus what must be said.

A case is one TOML file in this folder (``<case>.toml``)::

    description = "Two questionnaires share an id."
    outcome = "contract"          # contract: the contract check must reject the input
                                  # dbt: the contract passes, a dbt data test fails
                                  # accepted: the contract passes and the build succeeds
    build_args = ["--select", "..."]   # optional, for dbt and accepted cases

    [[patch]]                     # edits applied in order to copies of seeds/raw/*.csv
    op = "set"
    file = "raw_questionnaires.csv"
    line = 3                      # 1-based, the header is line 1
    column = "questionnaire_id"
    value = "TC08-001"
    require = { questionnaire_id = "TC08-002" }   # guards against regenerated seeds

    [[expect]]                    # one error line must hold all of these
    file = "raw_questionnaires.csv"
    line = 3                      # left out for a problem of the whole file (a symbolic link)
    column = "questionnaire_id"
    rule = "unique_key"
    text = "duplicate key"

    [[expect_not]]                # text that must appear nowhere in the output
    text = "root:"

    [[expect_stdout]]             # dbt cases: text dbt must print
    text = "Failure in test assert_mart_counts_match_printed_figures"

    [[expect_sql]]                # accepted cases: a query on the published warehouse
    query = "select count(*) from staging.stg_actor_links"
    equals = [[995]]

Patch operations (``file`` is a raw file name, or ``../codebook/<codebook>.csv``):

- ``set`` (line, column, value): replace one cell; with ``where`` (a table of column = value)
  instead of ``line``, the cell of every line that matches.
- ``delete_lines`` (lines): remove whole lines.
- ``drop_field`` / ``add_field`` (line[, value]): remove the last field of a line, or append one.
- ``raw_line`` (line, text): replace a line verbatim (no CSV quoting).
- ``drop_column`` (column), ``add_column`` (column, value), ``rename_column`` (column, to).
- ``header_only``: keep the header line only. ``replace_text`` (text): the whole file (TOML
  escapes such as ``\\u0000`` write control bytes). ``append_line`` (text): a line at the end.
- ``symlink`` (target): replace the file by a symbolic link to ``target``; ``directory``: by a
  folder.
- ``write`` (encoding, newline, delimiter, bom): how the file is written back; the defaults are
  the seeds' own (UTF-8 without BOM, ``\\n``, ``,``).
"""

from __future__ import annotations

import csv
import io
import posixpath
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent


@dataclass
class Case:
    name: str
    description: str
    outcome: str
    patches: list[dict[str, Any]]
    expect: list[dict[str, Any]] = field(default_factory=list)
    expect_stdout: list[dict[str, Any]] = field(default_factory=list)
    expect_sql: list[dict[str, Any]] = field(default_factory=list)
    expect_not: list[dict[str, Any]] = field(default_factory=list)
    build_args: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.name


def load_cases() -> list[Case]:
    """Every case of the corpus, sorted by name."""
    cases = []
    for path in sorted(CORPUS_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        outcome = data["outcome"]
        assert outcome in {"contract", "dbt", "accepted"}, f"{path.name}: outcome {outcome!r}"
        case = Case(
            name=path.stem,
            description=data["description"],
            outcome=outcome,
            patches=data.get("patch", []),
            expect=data.get("expect", []),
            expect_stdout=data.get("expect_stdout", []),
            expect_sql=data.get("expect_sql", []),
            expect_not=data.get("expect_not", []),
            build_args=data.get("build_args", []),
        )
        assert case.patches, f"{path.name}: no patch"
        assert outcome != "contract" or case.expect, f"{path.name}: no expected error"
        assert outcome != "dbt" or case.expect_stdout, f"{path.name}: no expected dbt failure"
        assert outcome != "accepted" or case.expect_sql, f"{path.name}: no expected query"
        cases.append(case)
    return cases


@dataclass
class _File:
    rows: list[list[str] | str]  # a str row is written verbatim
    encoding: str = "utf-8"
    newline: str = "\n"
    delimiter: str = ","
    bom: bool = False
    text: str | None = None  # replace_text: the whole content
    replaced_by: dict[str, Any] | None = None  # symlink / directory: the file is not written

    def render(self) -> bytes:
        if self.text is not None:
            content = self.text
        else:
            out = io.StringIO()
            writer = csv.writer(out, delimiter=self.delimiter, lineterminator=self.newline)
            for row in self.rows:
                if isinstance(row, str):
                    out.write(row + self.newline)
                else:
                    writer.writerow(row)
            content = out.getvalue()
        data = content.encode(self.encoding)
        return (b"\xef\xbb\xbf" + data) if self.bom else data


def _read(path: Path) -> _File:
    return _File(list(csv.reader(path.read_text(encoding="utf-8").splitlines())))


def _row(file: _File, patch: dict[str, Any]) -> list[str]:
    line = patch["line"]
    row = file.rows[line - 1]
    assert isinstance(row, list), f"line {line} was already replaced verbatim"
    header = file.rows[0]
    for column, value in patch.get("require", {}).items():
        actual = row[header.index(column)]
        assert actual == value, (
            f"corpus case out of date: {patch['file']}:{line} has {column}={actual!r}, "
            f"expected {value!r} (were the seeds regenerated?)"
        )
    return row


def apply_case(case: Case, raw_dir: Path) -> None:
    """Apply the case's patches to the raw CSV files in ``raw_dir`` (copies of the seeds)."""
    files: dict[str, _File] = {}
    for patch in case.patches:
        name = patch["file"]
        file = files.setdefault(name, _read(raw_dir / name))
        op = patch["op"]
        header = file.rows[0]
        if op == "set" and "where" in patch:
            rows = [row for row in file.rows[1:] if all(row[header.index(c)] == v for c, v in patch["where"].items())]
            assert rows, f"corpus case out of date: no line of {name} has {patch['where']}"
            for row in rows:
                row[header.index(patch["column"])] = patch["value"]
        elif op == "set":
            _row(file, patch)[header.index(patch["column"])] = patch["value"]
        elif op == "delete_lines":
            for line in sorted(patch["lines"], reverse=True):
                _row(file, {**patch, "line": line})
                del file.rows[line - 1]
        elif op == "drop_field":
            _row(file, patch).pop()
        elif op == "add_field":
            _row(file, patch).append(patch.get("value", ""))
        elif op == "raw_line":
            _row(file, patch)
            file.rows[patch["line"] - 1] = patch["text"]
        elif op == "drop_column":
            index = header.index(patch["column"])
            for row in file.rows:
                del row[index]
        elif op == "add_column":
            header.append(patch["column"])
            for row in file.rows[1:]:
                row.append(patch.get("value", ""))
        elif op == "rename_column":
            header[header.index(patch["column"])] = patch["to"]
        elif op == "header_only":
            del file.rows[1:]
        elif op == "replace_text":
            file.text = patch["text"]
        elif op == "append_line":
            file.rows.append(patch["text"])
        elif op in ("symlink", "directory"):
            file.replaced_by = patch
        elif op == "write":
            file.encoding = patch.get("encoding", file.encoding)
            file.newline = patch.get("newline", file.newline)
            file.delimiter = patch.get("delimiter", file.delimiter)
            file.bom = patch.get("bom", file.bom)
        else:
            raise ValueError(f"{case.name}: unknown patch op {op!r}")
    for name, file in files.items():
        path = raw_dir / name
        if file.replaced_by is None:
            path.write_bytes(file.render())
            continue
        path.unlink()
        if file.replaced_by["op"] == "symlink":
            path.symlink_to(file.replaced_by["target"])
        else:
            path.mkdir()


def matching_lines(expect: dict[str, Any], output: str, raw_prefix: str = "seeds/raw/") -> list[str]:
    """Lines of ``output`` naming the expected file, line, column, rule and text."""
    shown = posixpath.normpath(raw_prefix + expect["file"])
    where = f"{shown}:{expect['line']}:" if "line" in expect else f"{shown}: "
    fragments = [where, f"(rule: {expect['rule']})"]
    if "column" in expect:
        fragments.append(f"column {expect['column']}:")
    if "text" in expect:
        fragments.append(expect["text"])
    return [line for line in output.splitlines() if all(f in line for f in fragments)]
