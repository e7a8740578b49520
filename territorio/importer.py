"""Import a coded-questionnaire workbook into the three raw CSV files of the contract.

Usage::

    python -m territorio.importer FILE [--out DIR]     # FILE: .xlsx, or the CSV folder
    python -m territorio.importer --write-template [--templates DIR]

The workbook is laid out for a human coder (``templates/cuestionario_codificado.xlsx``): an
``instrucciones`` sheet, one sheet per raw file with Spanish headers (``cuestionarios``,
``actores``, ``mecanismos``; the columns may come in any order) and one ``cód_<question>`` sheet
per codebook listing the valid codes with their labels. Multi-select cells hold codes separated
by ``;``; flags are ``sí``/``no`` (``true``/``false`` and spreadsheet booleans are read too).
Fully blank rows are skipped.

The CSV variant is a folder (``templates/cuestionario_codificado_csv/``) holding one file per
data sheet, named after it (``cuestionarios.csv``, ``actores.csv``, ``mecanismos.csv``), UTF-8
(with or without BOM), separated by ``,`` or by ``;`` (as a Spanish-locale spreadsheet saves
CSV), plus ``codigos.csv`` (every codebook) and ``LEEME.txt`` (the instructions). FILE may be
the folder or one of its files.

The rows are checked with the same rules and messages as ``python -m territorio.contract``,
each naming the workbook file, the sheet, the spreadsheet row and the workbook's column header.
Nothing is written unless every check passes; then each raw file (trimmed values, codes joined
by ``;``, flags ``true``/``false``) is written to a temporary file in DIR (default
``seeds/raw``) and moved over the old one, and what was written is printed.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import difflib
import io
import os
import sys
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from territorio.contract import (
    FILE_NOT_FOUND,
    RAW_FILES,
    SEPARATOR,
    UTF8_BOM,
    Codebook,
    Column,
    FileSpec,
    Issue,
    Row,
    Table,
    binary_issues,
    check_tables,
    encoding_issues,
    file_problem,
    format_issues,
    load_codebooks,
    load_id_pattern,
    needed_codebooks,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
CODEBOOK_DIR = REPO_ROOT / "seeds" / "codebook"
DEFAULT_OUT = Path("seeds/raw")
TEMPLATE_DIR = REPO_ROOT / "templates"
TEMPLATE_XLSX = "cuestionario_codificado.xlsx"
TEMPLATE_CSV_DIR = "cuestionario_codificado_csv"

INSTRUCTIONS_SHEET = "instrucciones"
CODEBOOK_SHEET_PREFIX = "cód_"
CODEBOOK_HEADERS = ("código", "etiqueta", "label_en", "clase")
FLAG_WORDS = {
    "sí": "true",
    "si": "true",
    "no": "false",
    "true": "true",
    "false": "false",
    "verdadero": "true",
    "falso": "false",
}
FLAG_YES, FLAG_NO = "sí", "no"
#: Rows of each data sheet that get drop-down lists of codes in the template.
VALIDATED_ROWS = 5000
#: Fixed workbook and zip timestamps, so that the template is byte-stable.
FIXED_TIME = datetime.datetime(2008, 1, 1)


# ---------------------------------------------------------------------------------------------
# Names and instructions
# ---------------------------------------------------------------------------------------------


def codebook_sheet(codebook: str) -> str:
    """``codebook_themes`` -> ``cód_themes`` (at most 31 characters, as spreadsheets allow)."""
    return CODEBOOK_SHEET_PREFIX + codebook.removeprefix("codebook_")


def _header_key(text: object) -> str:
    """A header as compared: no accents, no case, ``°`` read as ``º``, single spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").replace("°", "º"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


_CONDITIONS_ES = {
    "exclusion_reason": ("si el cuestionario no fue analizado", "solo si el cuestionario no fue analizado"),
    "analysed_only": ("si el cuestionario fue analizado", "solo si el cuestionario fue analizado"),
    "public_actors_only": ("", "solo para actores públicos"),
    "strategic_allies_only": ("", "solo para aliados estratégicos"),
}


def _describe(column: Column) -> tuple[str, str]:
    """(what to write, when) for the instructions, in Spanish."""
    sheet = codebook_sheet(column.codebook) if column.codebook else ""
    what = {
        "id": "texto: el identificador del cuestionario (p. ej. TC08-001)",
        "flag": "sí o no",
        "position": "número entero desde 1: el orden en el cuestionario",
        "code": f"un código de la hoja {sheet}",
        "codes": f"códigos de la hoja {sheet} separados por ';'",
    }[column.kind]
    if column.stands_alone:
        what += "; " + ", ".join(f"'{code}' va sola" for code in column.stands_alone)
    if column.required:
        when = "obligatoria"
    elif column.required_if and column.required_if == column.empty_unless:
        when = f"obligatoria {_CONDITIONS_ES[column.required_if.rule][0]}; vacía en otro caso"
    else:
        parts = []
        if column.required_if:
            parts.append("obligatoria " + _CONDITIONS_ES[column.required_if.rule][0])
        if column.empty_unless:
            parts.append(_CONDITIONS_ES[column.empty_unless.rule][1])
        when = "; ".join(parts) or "puede quedar vacía"
        if not column.required_if and column.empty_unless:
            when += " (puede quedar vacía)"
    return what, when


def instructions() -> list[str]:
    """The instructions, one paragraph per item (the xlsx sheet and LEEME.txt)."""
    return [
        "Cuestionarios de Profundización codificados: planilla de codificación",
        "",
        "Cada hoja de datos es una tabla: la fila 1 tiene los encabezados y cada fila siguiente es un registro.",
        "  cuestionarios: una fila por cuestionario aplicado (analizado o no).",
        "  actores: una fila por actor nombrado en un cuestionario; 'Nº actor' es su orden "
        "(1, 2, 3...) dentro del cuestionario.",
        "  mecanismos: una fila por mecanismo de participación; 'Nº mecanismo' es su orden dentro del cuestionario.",
        "Los códigos válidos están en las hojas cód_...: la columna 'código' es lo que se "
        "escribe; 'etiqueta' es la redacción del estudio.",
        "Respuestas múltiples: varios códigos separados por punto y coma, p. ej. "
        "decision_making;financing (sin repetir códigos ni dejar ';' de más).",
        "Sí/no: escriba sí o no.",
        "Una celda vacía es una respuesta que falta. Un cuestionario no analizado lleva solo su "
        "ID, el motivo de exclusión y las columnas sí/no.",
        "El ID cuestionario de cada actor y de cada mecanismo debe existir en la hoja cuestionarios.",
        "Importar: make import FILE=planilla.xlsx (o FILE=la carpeta de los CSV; también "
        "python -m territorio.importer planilla.xlsx). Se revisa todo antes de escribir: "
        "cada problema se informa con la hoja, la fila y la columna, y si hay alguno no se "
        "escribe nada. Sin problemas, se escriben seeds/raw/raw_questionnaires.csv, "
        "raw_actor_links.csv y "
        "raw_participation_mechanisms.csv (docs/raw_contract.md).",
        "",
        "Columnas:",
    ]


def column_reference() -> list[tuple[str, str, str, str, str]]:
    """(hoja, columna, qué escribir, cuándo, columna del contrato) for every column."""
    rows = []
    for spec in RAW_FILES:
        for column in spec.columns:
            what, when = _describe(column)
            rows.append((spec.sheet_es, column.label_es, what, when, f"{spec.name}.{column.name}"))
    return rows


# ---------------------------------------------------------------------------------------------
# Reading a workbook (xlsx) or its CSV folder into contract tables
# ---------------------------------------------------------------------------------------------


class _Sheet:
    """The cells of one data sheet: a header row and the data rows with their row numbers."""

    def __init__(self, title: str, header: list[object], rows: Iterable[tuple[int, list[object]]], row_where: str):
        self.title = title  # e.g. "sheet 'actores'"
        self.header = header
        self.rows = rows
        self.row_where = row_where  # format with the row number


def _cell_text(value: object) -> str:
    """A cell as contract text (numbers without '.0', booleans as true/false), in Unicode NFC:
    a decomposed accent typed or pasted into the workbook is composed on the way in."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    return unicodedata.normalize("NFC", str(value))


def _is_blank(cells: Sequence[object]) -> bool:
    return all(_cell_text(cell).strip() == "" for cell in cells)


def sheet_to_table(sheet: _Sheet, spec: FileSpec) -> tuple[Table | None, list[Issue]]:
    """Map the sheet's headers to the contract's columns and its rows to a contract table."""
    header_where = sheet.row_where.format(row=1)
    known = {}
    for column in spec.columns:
        known[_header_key(column.label_es)] = column.name
        known[_header_key(column.name)] = column.name
    issues: list[Issue] = []
    index: dict[str, int] = {}
    labels: dict[str, str] = {}
    unlabelled: list[int] = []
    for i, cell in enumerate(sheet.header):
        text = _cell_text(cell).strip()
        if not text:
            unlabelled.append(i)
            continue
        name = known.get(_header_key(text))
        if name is None:
            match = difflib.get_close_matches(text, [c.label_es for c in spec.columns], n=1, cutoff=0.6)
            hint = f"; did you mean '{match[0]}'?" if match else ""
            issues.append(Issue(header_where, "columns", f"unexpected column{hint}", column=text))
        elif name in index:
            issues.append(Issue(header_where, "header", "column header repeated", column=text))
        else:
            index[name] = i
            labels[name] = text
    for column in spec.columns:
        if column.name not in index:
            issues.append(Issue(header_where, "columns", "missing column", column=column.label_es))
    if any(issue.rule == "header" for issue in issues):
        return None, issues

    flag_columns = {column.name for column in spec.columns if column.kind == "flag"}
    rows: list[Row] = []
    for number, cells in sheet.rows:
        if _is_blank(cells):
            continue
        where = sheet.row_where.format(row=number)
        for i in unlabelled:
            if i < len(cells) and _cell_text(cells[i]).strip():
                issues.append(
                    Issue(
                        where,
                        "columns",
                        f"value in a column without header (column {i + 1})",
                        value=_cell_text(cells[i]),
                    )
                )
        values = {}
        for name, i in index.items():
            text = _cell_text(cells[i]) if i < len(cells) else ""
            if name in flag_columns:
                text = FLAG_WORDS.get(text.strip().lower(), text)
            values[name] = text
        rows.append(Row(where, values))
    table = Table(
        spec,
        header_where,
        rows,
        labels=labels,
        flag_words=f"{FLAG_YES} or {FLAG_NO}",
        title=sheet.title,
        codebook_title=_codebook_title,
    )
    return table, issues


def _codebook_title(name: str) -> str:
    """How a codebook is named in the importer's messages: codes are checked against the
    project's codebook seed, not against the workbook's copy of it in a ``cód_`` sheet."""
    return f"the project's codebook seeds/codebook/{name}.csv (sheet '{codebook_sheet(name)}' is only its copy)"


def read_xlsx(path: Path) -> tuple[dict[str, Table], list[Issue]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a corrupt or non-xlsx file: openpyxl raises many kinds
        return {}, [Issue(str(path), "file", f"not a readable .xlsx workbook: {exc}")]
    tables: dict[str, Table] = {}
    issues: list[Issue] = []
    try:
        sheets = {_header_key(name): name for name in book.sheetnames}
        for spec in RAW_FILES:
            name = sheets.get(_header_key(spec.sheet_es))
            if name is None:
                issues.append(
                    Issue(
                        str(path), "sheet", f"sheet '{spec.sheet_es}' not found (sheets: {', '.join(book.sheetnames)})"
                    )
                )
                continue
            rows = book[name].iter_rows(values_only=True)
            header = list(next(rows, ()))
            sheet = _Sheet(
                f"sheet '{name}'",
                header,
                ((n, list(cells)) for n, cells in enumerate(rows, start=2)),
                f"{path}, sheet '{name}', row {{row}}",
            )
            table, problems = sheet_to_table(sheet, spec)
            issues.extend(problems)
            if table is not None:
                tables[spec.name] = table
    finally:
        book.close()
    return tables, issues


def read_csv_folder(folder: Path) -> tuple[dict[str, Table], list[Issue]]:
    tables: dict[str, Table] = {}
    issues: list[Issue] = []
    for spec in RAW_FILES:
        path = folder / f"{spec.sheet_es}.csv"
        problem = file_problem(path)
        if problem == FILE_NOT_FOUND:
            expected = ", ".join(f"{other.sheet_es}.csv" for other in RAW_FILES)
            issues.append(Issue(str(path), "sheet", f"file not found: the CSV folder holds {expected}"))
            continue
        if problem:
            issues.append(Issue(str(path), "file", problem))
            continue
        data = path.read_bytes().removeprefix(UTF8_BOM)
        first = data.split(b"\n", 1)[0]
        binary = binary_issues(data, str(path), ";" if first.count(b";") > first.count(b",") else ",")
        if binary:
            issues.extend(binary)
            continue
        first = data.split(b"\n", 1)[0]
        delimiter = ";" if first.count(b";") > first.count(b",") else ","
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            issues.extend(encoding_issues(data, str(path), delimiter))
            continue
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        if not records:
            issues.append(Issue(f"{path}:1", "header", "empty file: no header and no rows"))
            continue
        header = records[0]
        width = len(header)
        body = []
        for number, record in enumerate(records[1:], start=2):
            if record and len(record) != width and not _is_blank(record):
                kind = "short" if len(record) < width else "long"
                issues.append(
                    Issue(f"{path}:{number}", "row_length", f"{kind} row: {len(record)} fields, the header has {width}")
                )
                continue
            body.append((number, record))
        sheet = _Sheet(path.name, header, body, f"{path}:{{row}}")
        table, problems = sheet_to_table(sheet, spec)
        issues.extend(problems)
        if table is not None:
            tables[spec.name] = table
    return tables, issues


def read_workbook(path: Path) -> tuple[dict[str, Table], list[Issue]]:
    """The contract tables of a workbook (.xlsx) or CSV folder, and the problems met reading it."""
    if path.is_dir():
        return read_csv_folder(path)
    if path.suffix.lower() == ".csv":
        return read_csv_folder(path.parent)
    if not path.exists():
        return {}, [Issue(str(path), "file", "file not found")]
    return read_xlsx(path)


# ---------------------------------------------------------------------------------------------
# Writing the raw files
# ---------------------------------------------------------------------------------------------


def normalise(value: str, column: Column) -> str:
    """A checked value as the raw file stores it."""
    value = value.strip()
    if column.kind == "flag":
        return value.lower()
    if column.kind == "position":
        return str(int(value))
    if column.kind == "codes":
        return SEPARATOR.join(token.strip() for token in value.split(SEPARATOR))
    return value


def render_raw(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.spec.column_names)
    for row in table.rows:
        writer.writerow([normalise(row.values[column.name], column) for column in table.spec.columns])
    return out.getvalue().encode("utf-8")


def import_workbook(path: Path, out_dir: Path, codebook_dir: Path = CODEBOOK_DIR) -> list[str]:
    """Check the workbook and write the three raw files; return what was written.

    Raises ImportFailed with every problem (and writes nothing) when a check fails.
    """
    codebooks, issues = load_codebooks(codebook_dir)
    tables, problems = read_workbook(path)
    issues += problems
    issues += check_tables(tables, codebooks, load_id_pattern())
    if issues or len(tables) < len(RAW_FILES):
        raise ImportFailed(issues)
    out_dir.mkdir(parents=True, exist_ok=True)
    rendered = {spec: render_raw(tables[spec.name]) for spec in RAW_FILES}
    written = []
    for spec, data in rendered.items():
        target = out_dir / spec.filename
        old = target.read_bytes() if target.exists() else None
        temporary = out_dir / f".{spec.filename}.{os.getpid()}.tmp"
        temporary.write_bytes(data)
        os.replace(temporary, target)
        state = "new file" if old is None else ("unchanged" if old == data else "replaced")
        written.append(f"{target}: {len(tables[spec.name].rows)} rows ({state})")
    return written


class ImportFailed(ValueError):
    def __init__(self, issues: Sequence[Issue]):
        self.issues = list(issues)
        super().__init__(format_issues(self.issues))


# ---------------------------------------------------------------------------------------------
# The template
# ---------------------------------------------------------------------------------------------


def _read_codebooks(codebook_dir: Path) -> dict[str, Codebook]:
    codebooks, issues = load_codebooks(codebook_dir)
    if issues:
        raise ImportFailed(issues)
    return codebooks


def build_template(codebook_dir: Path = CODEBOOK_DIR):
    """The empty coding workbook (an openpyxl Workbook)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    codebooks = _read_codebooks(codebook_dir)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    book = Workbook()
    book.properties.creator = "territorio"
    book.properties.title = "Cuestionarios de Profundización codificados"
    book.properties.created = book.properties.modified = FIXED_TIME

    sheet = book.active
    sheet.title = INSTRUCTIONS_SHEET
    for line in instructions():
        sheet.append([line])
    sheet.append(["Hoja", "Columna", "Qué escribir", "Cuándo", "Columna del contrato"])
    for cell in sheet[sheet.max_row]:
        cell.font = header_font
        cell.fill = header_fill
    for row in column_reference():
        sheet.append(list(row))
    sheet["A1"].font = Font(bold=True, size=14)
    for letter, width in zip("ABCDE", (16, 30, 60, 45, 45), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=cell.column == 3 or cell.column == 4, vertical="top")

    for spec in RAW_FILES:
        sheet = book.create_sheet(spec.sheet_es)
        sheet.append([column.label_es for column in spec.columns])
        sheet.freeze_panes = "A2"
        for i, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(row=1, column=i)
            cell.font = header_font
            cell.fill = header_fill
            letter = get_column_letter(i)
            sheet.column_dimensions[letter].width = max(16, len(column.label_es) + 4)
            cells = f"{letter}2:{letter}{VALIDATED_ROWS + 1}"
            if column.kind == "flag":
                rule = DataValidation(type="list", formula1=f'"{FLAG_YES},{FLAG_NO}"', allow_blank=True)
            elif column.kind == "code":
                name = column.codebook or ""
                rows = len(codebooks[name].classes) + 1
                rule = DataValidation(
                    type="list", allow_blank=True, formula1=f"'{codebook_sheet(name)}'!$A$2:$A${rows}"
                )
            else:
                continue
            rule.error = f"Use un valor de la lista ({column.label_es})."
            rule.errorTitle = "Valor no válido"
            rule.add(cells)
            sheet.add_data_validation(rule)

    for name in needed_codebooks():
        sheet = book.create_sheet(codebook_sheet(name))
        sheet.append(list(CODEBOOK_HEADERS))
        for cell in sheet[1]:
            cell.font = header_font
            cell.fill = header_fill
        codebook = codebooks[name]
        for code, label in codebook.labels.items():
            sheet.append([code, label, codebook.labels_en[code], codebook.classes[code]])
        for letter, width in zip("ABCD", (30, 60, 50, 24), strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A2"
    return book


def workbook_bytes(book) -> bytes:
    """The .xlsx bytes of ``book``, with fixed timestamps so equal workbooks give equal bytes."""
    from openpyxl.writer.excel import ExcelWriter

    book.properties.created = book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    stable = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(stable, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return stable.getvalue()


def _csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return UTF8_BOM + out.getvalue().encode("utf-8")


def template_csv_files(codebook_dir: Path = CODEBOOK_DIR) -> dict[str, bytes]:
    """The CSV variant: file name -> bytes (UTF-8 with BOM, so spreadsheets read the accents)."""
    codebooks = _read_codebooks(codebook_dir)
    files = {f"{spec.sheet_es}.csv": _csv_bytes([[c.label_es for c in spec.columns]]) for spec in RAW_FILES}
    codes = [("hoja", *CODEBOOK_HEADERS)]
    for name in needed_codebooks():
        for code, label in codebooks[name].labels.items():
            codes.append(
                (codebook_sheet(name), code, label, codebooks[name].labels_en[code], codebooks[name].classes[code])
            )
    files["codigos.csv"] = _csv_bytes(codes)
    text = (
        "\n".join(instructions())
        + "\n"
        + "\n".join(
            f"  {sheet} / {column}: {what}; {when} ({contract_column})"
            for sheet, column, what, when, contract_column in column_reference()
        )
        + "\n"
    )
    files["LEEME.txt"] = text.replace("las hojas cód_...", "codigos.csv (columna hoja)").encode()
    return files


def write_templates(target: Path = TEMPLATE_DIR, codebook_dir: Path = CODEBOOK_DIR) -> list[Path]:
    """Write the xlsx template and its CSV variant under ``target``; return the paths written."""
    target.mkdir(parents=True, exist_ok=True)
    written = [target / TEMPLATE_XLSX]
    written[0].write_bytes(workbook_bytes(build_template(codebook_dir)))
    folder = target / TEMPLATE_CSV_DIR
    folder.mkdir(exist_ok=True)
    for name, data in template_csv_files(codebook_dir).items():
        (folder / name).write_bytes(data)
        written.append(folder / name)
    return written


# ---------------------------------------------------------------------------------------------
# Filling a workbook from raw files (the current reconstruction, for the round-trip test)
# ---------------------------------------------------------------------------------------------


def _raw_rows(raw_dir: Path, spec: FileSpec) -> list[dict[str, str]]:
    with (raw_dir / spec.filename).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _as_cell(value: str, column: Column) -> object:
    if value == "":
        return None
    if column.kind == "flag":
        return FLAG_YES if value.strip().lower() == "true" else FLAG_NO
    if column.kind == "position":
        return int(value)
    return value


def fill_workbook(raw_dir: Path, codebook_dir: Path = CODEBOOK_DIR):
    """The template holding the rows of the raw files in ``raw_dir``, as a coder would type them."""
    book = build_template(codebook_dir)
    for spec in RAW_FILES:
        sheet = book[spec.sheet_es]
        for record in _raw_rows(raw_dir, spec):
            sheet.append([_as_cell(record[c.name], c) for c in spec.columns])
    return book


def fill_csv_folder(raw_dir: Path, folder: Path, codebook_dir: Path = CODEBOOK_DIR) -> None:
    """The CSV variant of :func:`fill_workbook`, written to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in template_csv_files(codebook_dir).items():
        (folder / name).write_bytes(data)
    for spec in RAW_FILES:
        rows = [[c.label_es for c in spec.columns]]
        rows += [[_as_cell(record[c.name], c) for c in spec.columns] for record in _raw_rows(raw_dir, spec)]
        (folder / f"{spec.sheet_es}.csv").write_bytes(_csv_bytes(rows))


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m territorio.importer",
        description="Turn a coded-questionnaire workbook (.xlsx, or its CSV folder) into the "
        "three raw CSV files of docs/raw_contract.md, or write the empty template.",
    )
    parser.add_argument(
        "file", nargs="?", type=Path, help="the workbook (.xlsx), or the CSV folder (or one of its files)"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="folder for the raw CSV files (default: seeds/raw)"
    )
    parser.add_argument(
        "--write-template", action="store_true", help="write the empty template (xlsx and CSV folder) and exit"
    )
    parser.add_argument(
        "--templates",
        type=Path,
        default=TEMPLATE_DIR,
        help="with --write-template: where to write it (default: templates/)",
    )
    args = parser.parse_args(argv)
    if args.write_template:
        for path in write_templates(args.templates):
            print(f"territorio.importer: wrote {path}")
        return 0
    if args.file is None:
        parser.error("FILE is required (the workbook to import)")
    try:
        written = import_workbook(args.file, args.out)
    except ImportFailed as exc:
        print(exc, file=sys.stderr)
        print(f"territorio.importer: {len(exc.issues)} problem(s) in {args.file}; nothing was written", file=sys.stderr)
        return 1
    for line in written:
        print(f"territorio.importer: wrote {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
