"""Downloads: Excel workbooks with a provenance sheet, and CSV for Spanish spreadsheets."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd

#: Excel limits a sheet name to 31 characters and forbids some characters.
_BAD = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_name(name: str, taken: set[str]) -> str:
    base = name.translate(_BAD).strip()[:31] or "Hoja"
    candidate, n = base, 2
    while candidate in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


def workbook(
    frames: dict[str, pd.DataFrame], provenance: Sequence[tuple[str, str]], provenance_sheet: str = "Procedencia"
) -> bytes:
    """One sheet per frame (headers as given, bold, widths fitted) and a provenance sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for name, frame in frames.items():
        sheet = book.create_sheet(sheet_name(name, taken))
        sheet.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False, name=None):
            sheet.append([None if _missing(v) else _plain(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for i, column in enumerate(frame.columns, start=1):
            width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)])
            sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(max(width + 2, 8), 60)
        sheet.freeze_panes = "A2"
    prov = book.create_sheet(sheet_name(provenance_sheet, taken))
    for key, value in provenance:
        prov.append([key, value])
    for cell in prov["A"]:
        cell.font = Font(bold=True)
    prov.column_dimensions["A"].width = 32
    prov.column_dimensions["B"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value: object) -> object:
    """Numpy scalars and timestamps as plain Python values openpyxl writes."""
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().replace(tzinfo=None)
    return value


def csv_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    """CSV for the language's spreadsheets: in Spanish ``;`` between fields and a decimal comma,
    in English ``,`` and a point (UTF-8 with BOM, so that spreadsheet programs read the accents)."""
    spanish = lang == "es"
    text = frame.to_csv(index=False, sep=";" if spanish else ",", decimal="," if spanish else ".")
    return ("\ufeff" + text).encode("utf-8")
