"""The coding workbook: its template, the import into seeds/raw, and the import's messages."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import REPO_ROOT
from territorio import contract, importer

RAW = REPO_ROOT / "seeds" / "raw"
RAW_NAMES = [spec.filename for spec in contract.RAW_FILES]


def raw_rows(name: str) -> int:
    """Data rows of one committed raw file (the mechanisms' count is the generator's, not the
    study's: Tabla 9 counts initiatives, not mechanism rows)."""
    with (RAW / name).open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.DictReader(f))


def raw_bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in RAW_NAMES}


@pytest.fixture(scope="module")
def filled_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template holding the current reconstruction, as a coder would have typed it."""
    path = tmp_path_factory.mktemp("workbook") / "cuestionarios_2008.xlsx"
    path.write_bytes(importer.workbook_bytes(importer.fill_workbook(RAW)))
    return path


def test_the_committed_template_is_what_the_code_writes(tmp_path: Path) -> None:
    written = importer.write_templates(tmp_path)
    committed = REPO_ROOT / "templates"
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert names == sorted(p.relative_to(committed).as_posix() for p in committed.rglob("*") if p.is_file())
    for path in written:
        assert path.read_bytes() == (committed / path.relative_to(tmp_path)).read_bytes(), (
            f"{path.name} differs from the committed template: run make template"
        )


def test_the_template_lays_out_sheets_headers_and_codebooks() -> None:
    book = load_workbook(REPO_ROOT / "templates" / importer.TEMPLATE_XLSX)
    assert book.sheetnames[:4] == ["instrucciones", "cuestionarios", "actores", "mecanismos"]
    for spec in contract.RAW_FILES:
        sheet = book[spec.sheet_es]
        assert [cell.value for cell in sheet[1]] == [c.label_es for c in spec.columns]
        assert sheet.max_row == 1
    themes = book["cód_themes"]
    with (REPO_ROOT / "seeds" / "codebook" / "codebook_themes.csv").open(encoding="utf-8") as f:
        codebook = list(csv.DictReader(f))
    assert [row[0].value for row in themes.iter_rows(min_row=2)] == [r["code"] for r in codebook]
    assert [row[1].value for row in themes.iter_rows(min_row=2)] == [r["label_es"] for r in codebook]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in book["actores"].data_validations.dataValidation}
    assert lists["C2"] == "'cód_actor_types'!$A$2:$A$18"
    assert lists["H2"] == '"sí,no"'
    instructions = "\n".join(str(row[0].value) for row in book["instrucciones"].iter_rows())
    assert "separados por punto y coma" in instructions


def test_xlsx_round_trip_is_byte_identical(filled_xlsx: Path, tmp_path: Path) -> None:
    written = importer.import_workbook(filled_xlsx, tmp_path / "raw")
    assert raw_bytes(tmp_path / "raw") == raw_bytes(RAW)
    assert written == [f"{tmp_path / 'raw' / name}: {raw_rows(name)} rows (new file)" for name in RAW_NAMES]


def test_cli_imports_and_says_what_it_wrote(filled_xlsx: Path, tmp_path: Path) -> None:
    out = tmp_path / "raw"
    out.mkdir()
    (out / "raw_actor_links.csv").write_bytes(RAW.joinpath("raw_actor_links.csv").read_bytes())
    (out / "raw_questionnaires.csv").write_text("old\n")
    result = subprocess.run(
        [sys.executable, "-m", "territorio.importer", str(filled_xlsx), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"territorio.importer: wrote {out}/raw_questionnaires.csv: 129 rows (replaced)",
        f"territorio.importer: wrote {out}/raw_actor_links.csv: 995 rows (unchanged)",
        f"territorio.importer: wrote {out}/raw_participation_mechanisms.csv: "
        f"{raw_rows('raw_participation_mechanisms.csv')} rows (new file)",
    ]
    assert raw_bytes(out) == raw_bytes(RAW)
    assert sorted(p.name for p in out.iterdir()) == sorted(RAW_NAMES)  # no temporary left


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_folder_round_trip_is_byte_identical(delimiter: str, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    importer.fill_csv_folder(RAW, folder)
    if delimiter == ";":  # as a Spanish-locale spreadsheet saves CSV
        for spec in contract.RAW_FILES:
            path = folder / f"{spec.sheet_es}.csv"
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
            out = io.StringIO()
            csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
            path.write_text(out.getvalue(), encoding="utf-8")
    importer.import_workbook(folder / "actores.csv", tmp_path / "raw")
    assert raw_bytes(tmp_path / "raw") == raw_bytes(RAW)


def test_a_coder_s_layout_is_tolerated(filled_xlsx: Path, tmp_path: Path) -> None:
    """Blank rows, headers without accents or in other case, columns moved, numbers as text,
    spreadsheet booleans and spaces around codes all import to the same raw files."""
    book = load_workbook(filled_xlsx)
    actors = book["actores"]
    actors.insert_rows(40, amount=2)
    actors["B1"] = "N° ACTOR"
    actors["H1"] = "aliado estrategico"
    # the same values as the reconstruction holds, typed the way a coder might
    actors["B3"] = str(actors["B3"].value)
    actors["H3"] = actors["H3"].value == "sí"
    actors["F3"] = " " + " ; ".join(str(actors["F3"].value).split(";")) + " "
    questionnaires = book["cuestionarios"]
    questionnaires.move_range("A1:A130", cols=13)
    questionnaires.delete_cols(1)
    path = tmp_path / "tolerated.xlsx"
    book.save(path)
    importer.import_workbook(path, tmp_path / "raw")
    assert raw_bytes(tmp_path / "raw") == raw_bytes(RAW)


def test_a_bad_workbook_names_sheet_row_and_header(filled_xlsx: Path, tmp_path: Path) -> None:
    book = load_workbook(filled_xlsx)
    actors = book["actores"]
    actors["F17"] = "decision_making;;financing"
    actors["C30"] = "empresa"
    actors["H5"] = "quizás"
    actors["A10"] = "TC08-130"
    book["mecanismos"]["D9"] = None
    book["cuestionarios"]["E1"] = "Grupo postulante"
    path = tmp_path / "bad.xlsx"
    book.save(path)
    out = tmp_path / "raw"
    out.mkdir()
    (out / "raw_questionnaires.csv").write_text("kept\n")

    with pytest.raises(importer.ImportFailed) as caught:
        importer.import_workbook(path, out)

    where = f"{path}, sheet"
    assert sorted(str(issue) for issue in caught.value.issues) == sorted(
        [
            f"{where} 'cuestionarios', row 1: column 'Grupo postulante': unexpected column; did you "
            "mean 'Grupo de postulante'? (rule: columns)",
            f"{where} 'cuestionarios', row 1: column 'Grupo de postulante': missing column (rule: columns)",
            f"{where} 'actores', row 5: column 'Aliado estratégico': value 'quizás': not a flag: "
            "write sí or no (rule: flag)",
            f"{where} 'actores', row 10: column 'ID cuestionario': value 'TC08-130': orphan row: "
            "no ID cuestionario 'TC08-130' in sheet 'cuestionarios' (rule: reference)",
            f"{where} 'actores', row 17: column Roles: value 'decision_making;;financing': empty "
            "token in a multi-select list (rule: multi_select)",
            f"{where} 'actores', row 30: column 'Tipo de actor': value 'empresa': unknown code: not "
            "in the project's codebook seeds/codebook/codebook_actor_types.csv "
            "(sheet 'cód_actor_types' is only its copy) (rule: code)",
            f"{where} 'mecanismos', row 9: column 'Objetivo de la participación': value '': empty: "
            "this column needs a value (rule: required)",
        ]
    )
    assert [p.name for p in out.iterdir()] == ["raw_questionnaires.csv"]
    assert (out / "raw_questionnaires.csv").read_text() == "kept\n"


def test_a_missing_sheet_and_cli_exit_status(filled_xlsx: Path, tmp_path: Path) -> None:
    book = load_workbook(filled_xlsx)
    del book["mecanismos"]
    path = tmp_path / "no_mechanisms.xlsx"
    book.save(path)
    result = subprocess.run(
        [sys.executable, "-m", "territorio.importer", str(path), "--out", str(tmp_path / "raw")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(
        f"{path}: sheet 'mecanismos' not found (sheets: instrucciones, cuestionarios, actores,"
    )
    assert result.stderr.splitlines()[-1] == (f"territorio.importer: 1 problem(s) in {path}; nothing was written")
    assert not (tmp_path / "raw").exists()


def test_a_bad_csv_folder_names_file_line_and_header(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    importer.fill_csv_folder(RAW, folder)
    path = folder / "mecanismos.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[3] = lines[3] + ",extra"
    k = next(i for i, line in enumerate(lines) if i > 3 and line.endswith(",instrumental"))
    lines[k] = lines[k].replace(",instrumental", ",instrumentales")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(importer.ImportFailed) as caught:
        importer.import_workbook(folder, tmp_path / "raw")
    assert [str(issue) for issue in caught.value.issues] == [
        f"{path}:4: long row: 5 fields, the header has 4 (rule: row_length)",
        f"{path}:{k + 1}: column 'Objetivo de la participación': value 'instrumentales': unknown "
        "code: not in the project's codebook seeds/codebook/codebook_participation_objectives.csv "
        "(sheet 'cód_participation_objectives' is only its copy); did you mean code "
        "'instrumental'? "
        "(rule: code)",
    ]


def test_make_import_requires_file() -> None:
    result = subprocess.run(["make", "import"], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "make import needs FILE" in result.stderr


def test_cells_are_normalised_to_nfc_on_the_way_in(tmp_path: Path) -> None:
    """A decomposed accent typed into the workbook is composed in the raw files."""
    folder = tmp_path / "csv"
    importer.fill_csv_folder(RAW, folder)
    path = folder / "cuestionarios.csv"
    text = path.read_text(encoding="utf-8-sig")
    assert "municipality" in text
    # a flag written "sí" with a decomposed accent (s, i, U+0301) reads as the flag "sí"
    lines = text.splitlines()
    assert lines[1].endswith(",no,no")
    lines[1] = lines[1][: -len(",no,no")] + ",no,si\u0301"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    importer.import_workbook(folder, tmp_path / "raw")
    rows = list(csv.reader(io.StringIO((tmp_path / "raw" / "raw_questionnaires.csv").read_text())))
    assert rows[1][-1] == "true", rows[1]


def test_a_code_listed_only_in_the_workbook_sheet_is_named_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    importer.fill_csv_folder(RAW, folder)
    path = folder / "mecanismos.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    k = next(i for i, line in enumerate(lines) if i > 0 and line.endswith(",instrumental"))
    lines[k] = lines[k].replace(",instrumental", ",nuevo_objetivo")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(importer.ImportFailed) as caught:
        importer.import_workbook(folder, tmp_path / "raw")
    message = str(caught.value)
    assert "not in the project's codebook seeds/codebook/codebook_participation_objectives.csv" in message
    assert "only its copy" in message
