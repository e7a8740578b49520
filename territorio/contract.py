"""Check the raw coded questionnaires against their contract before anything is built.

Usage::

    python -m territorio.contract [RAW_DIR]      # default seeds/raw; codebooks in RAW_DIR/../codebook

Exit status 0 with a one-line summary when the three raw files keep the contract
(``docs/raw_contract.md``), 1 with one line per problem otherwise, e.g. (one line, wrapped here)::

    seeds/raw/raw_actor_links.csv:17: column role_codes: value 'decision_making;;financing':
        empty token in a multi-select list (rule: multi_select)

Every problem of every file is reported in one run (the printout stops after
:data:`MAX_PRINTED` lines and says how many more there are). Line numbers are 1-based and the
header is line 1.

The files are described declaratively in :data:`RAW_FILES`: each column has a kind (``id``,
``flag``, ``position``, ``code``, ``codes``), the codebook its codes come from (read from
``seeds/codebook/``, never listed here), whether it may be empty, and the conditional rules the
staging tests enforce (an exclusion reason exactly when a questionnaire was not analysed, a
government level only for public actors, an ally reason only for strategic allies, ...).

Choices the contract leaves open, decided here and documented in ``docs/raw_contract.md``:

- A UTF-8 byte-order mark is accepted (spreadsheets write one; dbt's seed loader drops it).
  Any other non-UTF-8 byte is an error naming the line, the byte and the column.
- CRLF line endings are accepted; columns may come in any order (dbt and staging read them by
  name), but every column must be there exactly once and no other column may be.
- Spaces around values and around the ``;`` of a multi-select are accepted (staging trims them);
  flags are ``true``/``false`` in any case. A missing answer is an empty cell: ``null``,
  ``NA`` or ``-`` are not codes (dbt loads them as text).
- Empty tokens in a multi-select (``a;;b``, a trailing ``;``) are rejected: they usually mark a
  lost code, even though staging would drop them.
- Questionnaire ids match a pattern (the dbt var ``questionnaire_id_pattern`` of
  ``dbt_project.yml``: the programme's ``TC08-NNN``); a cell that starts like a spreadsheet
  formula (``=``, ``@``, or ``+``/``-`` before something that is not a number) or holds a
  control character is rejected wherever it is.
- Actor and mechanism rows of a questionnaire that was not analysed are rejected: the study
  describes the actors and mechanisms of the analysed experiences only, and the marts keep only
  those, so such a row could only be dropped on the way, silently.
- Text must be in Unicode NFC (what keyboards and spreadsheets write): a decomposed accent
  (``e`` + U+0301) is rejected with its position, in the raw files and in the codebooks' labels,
  because a filter on the ordinary spelling would not find it.
- A binary file (a workbook saved as ``.csv``, a database, NUL bytes) is one problem, not one per
  line; a raw file that is a symbolic link, a folder or any other non-regular file is refused by
  its path, and is never read.
- Every value echoed in a message is escaped (control characters shown as ``\\x..``) and
  shortened to :data:`MAX_ECHO` characters.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Lines printed by :func:`format_issues` before "... and N more".
MAX_PRINTED = 200
#: Characters of a value echoed in a message; longer values are cut and their length given.
MAX_ECHO = 60
#: The dbt var (dbt_project.yml) holding the questionnaire id pattern.
ID_PATTERN_VAR = "questionnaire_id_pattern"
#: First bytes of binary formats a raw file is often mistaken for, and what they are.
BINARY_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive: an .xlsx workbook renamed .csv?"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"SQLite format 3", "an SQLite database"),
)

UTF8_BOM = b"\xef\xbb\xbf"
SEPARATOR = ";"
#: Link and mechanism keys carry the position in two digits (macros/positional_id.sql).
MAX_POSITION = 99
FLAG_VALUES = {"true": True, "false": False}
#: What coders type for a missing answer instead of leaving the cell empty (lower case).
MISSING_WORDS = {"null", "na", "n/a", "nan", "-", "s/i", "sin información", "sin informacion"}
#: Characters a coder may have typed instead of ``;`` between codes.
WRONG_SEPARATORS = (",", "|", "/", "+")


# ---------------------------------------------------------------------------------------------
# The contract, as data
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """A condition on another column of the same row, used by conditional rules.

    ``flag`` set: the row's flag column equals it. ``code_class`` set: the row's code column
    has that class in ``codebook``. ``rule`` names the rule in messages; ``when_true`` and
    ``when_false`` describe the row in words ("a questionnaire not analysed").
    """

    column: str
    rule: str
    when_true: str
    when_false: str
    flag: bool | None = None
    codebook: str | None = None
    code_class: str | None = None


@dataclass(frozen=True)
class Column:
    """One column of a raw file.

    kind: ``id`` (text key), ``flag`` (true/false), ``position`` (integer 1..MAX_POSITION), ``code`` (one
    code of ``codebook``) or ``codes`` (a ``;``-separated multi-select of ``codebook`` codes).
    required: the column may never be empty. required_if / empty_unless: conditional rules.
    stands_alone: multi-select codes that exclude every other code (``none``).
    label_es: the column's header in the coding workbook (territorio.importer).
    """

    name: str
    kind: str
    label_es: str
    codebook: str | None = None
    required: bool = False
    required_if: Condition | None = None
    empty_unless: Condition | None = None
    stands_alone: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    """Values of ``column`` must appear in ``to_column`` of the raw file ``to_file``.

    ``analysed_only``: the referenced questionnaire must also be analysed (``is_analysed``).
    """

    column: str
    to_file: str
    to_column: str
    analysed_only: bool = False


@dataclass(frozen=True)
class FileSpec:
    """One raw file: its columns, its key and its references to other raw files."""

    name: str
    grain: str
    sheet_es: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[Reference, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


NOT_ANALYSED = Condition(
    "is_analysed",
    rule="exclusion_reason",
    flag=False,
    when_true="a questionnaire not analysed",
    when_false="an analysed questionnaire",
)
ANALYSED = Condition(
    "is_analysed",
    rule="analysed_only",
    flag=True,
    when_true="an analysed questionnaire",
    when_false="a questionnaire not analysed (it carries only its id, the exclusion reason and the flags)",
)
PUBLIC_ACTOR = Condition(
    "actor_type_code",
    rule="public_actors_only",
    codebook="codebook_actor_types",
    code_class="public",
    when_true="a public actor",
    when_false="an actor that is not public",
)
STRATEGIC_ALLY = Condition(
    "is_strategic_ally",
    rule="strategic_allies_only",
    flag=True,
    when_true="a strategic ally",
    when_false="an actor that is not a strategic ally",
)

QUESTIONNAIRE_ID = Column("questionnaire_id", "id", "ID cuestionario", required=True)

RAW_QUESTIONNAIRES = FileSpec(
    name="raw_questionnaires",
    grain="one row per questionnaire applied",
    sheet_es="cuestionarios",
    columns=(
        QUESTIONNAIRE_ID,
        Column("is_analysed", "flag", "Analizado", required=True),
        Column(
            "exclusion_reason_code",
            "code",
            "Motivo de exclusión",
            "codebook_exclusion_reasons",
            required_if=NOT_ANALYSED,
            empty_unless=NOT_ANALYSED,
        ),
        Column(
            "applicant_type_code",
            "code",
            "Tipo de postulante",
            "codebook_applicant_types",
            required_if=ANALYSED,
            empty_unless=ANALYSED,
        ),
        Column(
            "applicant_group_code", "code", "Grupo de postulante", "codebook_applicant_groups", empty_unless=ANALYSED
        ),
        Column("theme_code", "code", "Ámbito temático", "codebook_themes", required_if=ANALYSED, empty_unless=ANALYSED),
        Column(
            "coverage_code",
            "code",
            "Área de cobertura",
            "codebook_coverages",
            required_if=ANALYSED,
            empty_unless=ANALYSED,
        ),
        Column("agreement_type_code", "code", "Tipo de acuerdos", "codebook_agreement_types", empty_unless=ANALYSED),
        Column(
            "agreement_nature_code",
            "code",
            "Naturaleza de los acuerdos",
            "codebook_agreement_natures",
            empty_unless=ANALYSED,
        ),
        Column(
            "capacity_codes",
            "codes",
            "Capacidades generadas",
            "codebook_capacities",
            required_if=ANALYSED,
            empty_unless=ANALYSED,
            stands_alone=("none",),
        ),
        Column(
            "capacity_need_code",
            "code",
            "Necesidad de fortalecimiento",
            "codebook_capacity_needs",
            empty_unless=ANALYSED,
        ),
        Column("is_awarded", "flag", "Premiada", required=True),
        Column("is_field_visited", "flag", "Visitada en terreno", required=True),
    ),
    key=("questionnaire_id",),
)

RAW_ACTOR_LINKS = FileSpec(
    name="raw_actor_links",
    grain="one row per actor named in a questionnaire",
    sheet_es="actores",
    columns=(
        QUESTIONNAIRE_ID,
        Column("link_position", "position", "Nº actor", required=True),
        Column("actor_type_code", "code", "Tipo de actor", "codebook_actor_types", required=True),
        Column("partner_group_code", "code", "Grupo de socio", "codebook_partner_groups"),
        Column(
            "government_level_code",
            "code",
            "Nivel de gobierno",
            "codebook_government_levels",
            empty_unless=PUBLIC_ACTOR,
        ),
        Column("role_codes", "codes", "Roles", "codebook_roles", required=True),
        Column("contribution_codes", "codes", "Aportes", "codebook_contributions"),
        Column("is_strategic_ally", "flag", "Aliado estratégico", required=True),
        Column(
            "ally_reason_code", "code", "Motivo de la alianza", "codebook_ally_reasons", empty_unless=STRATEGIC_ALLY
        ),
    ),
    key=("questionnaire_id", "link_position"),
    references=(Reference("questionnaire_id", "raw_questionnaires", "questionnaire_id", analysed_only=True),),
)

RAW_PARTICIPATION_MECHANISMS = FileSpec(
    name="raw_participation_mechanisms",
    grain="one row per participation mechanism",
    sheet_es="mecanismos",
    columns=(
        QUESTIONNAIRE_ID,
        Column("mechanism_position", "position", "Nº mecanismo", required=True),
        Column("policy_stage_code", "code", "Etapa de la política", "codebook_policy_stages", required=True),
        Column(
            "participation_objective_code",
            "code",
            "Objetivo de la participación",
            "codebook_participation_objectives",
            required=True,
        ),
    ),
    key=("questionnaire_id", "mechanism_position"),
    references=(Reference("questionnaire_id", "raw_questionnaires", "questionnaire_id", analysed_only=True),),
)

#: The three raw files, in the order they are checked (referenced files first).
RAW_FILES: tuple[FileSpec, ...] = (
    RAW_QUESTIONNAIRES,
    RAW_ACTOR_LINKS,
    RAW_PARTICIPATION_MECHANISMS,
)
CODEBOOK_COLUMNS = ("code", "label_es", "label_en", "class")


# ---------------------------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """One broken rule: where (``file:line`` or a workbook location), column, value, rule."""

    where: str
    rule: str
    message: str
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        parts = [self.where]
        if self.column is not None:
            label = self.column
            parts.append(f"column {label}" if re.fullmatch(r"\w+", label) else f"column {show(label)}")
        if self.value is not None:
            parts.append(f"value {show(self.value)}")
        parts.append(f"{self.message} (rule: {self.rule})")
        return ": ".join(parts)


class ContractError(ValueError):
    """The raw data break their contract; ``issues`` holds every problem found."""

    def __init__(self, issues: Sequence[Issue]):
        self.issues = list(issues)
        super().__init__(format_issues(self.issues))


def escape(value: str, limit: int = MAX_ECHO) -> str:
    """``value`` safe to print: non-printable characters escaped, cut after ``limit``."""
    cut = value[:limit]
    text = "".join(
        char if char.isprintable() else (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
        for char in cut
    )
    return text + (f"… ({len(value)} characters)" if len(value) > limit else "")


def show(value: str, limit: int = MAX_ECHO) -> str:
    """``value`` quoted, escaped and shortened for a message (see :func:`escape`)."""
    return f"'{escape(value, limit)}'"


def format_issues(issues: Sequence[Issue], limit: int = MAX_PRINTED) -> str:
    """One line per issue, the first ``limit`` of them, then how many were left out."""
    lines = [str(issue) for issue in issues[:limit]]
    if len(issues) > limit:
        lines.append(f"... and {len(issues) - limit} more problems ({len(issues)} in all)")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Codebooks
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Codebook:
    """Codes of one codebook seed with their class and Spanish label, in file order."""

    name: str
    classes: dict[str, str]
    labels: dict[str, str] = field(default_factory=dict)
    labels_en: dict[str, str] = field(default_factory=dict)

    def __contains__(self, code: object) -> bool:
        return code in self.classes


def needed_codebooks() -> list[str]:
    """Codebook names the raw files refer to, in first-use order."""
    names: list[str] = []
    for spec in RAW_FILES:
        for column in spec.columns:
            for name in (
                column.codebook,
                column.required_if and column.required_if.codebook,
                column.empty_unless and column.empty_unless.codebook,
            ):
                if name and name not in names:
                    names.append(name)
    return names


def load_codebooks(codebook_dir: Path, display: Callable[[Path], str] = str) -> tuple[dict[str, Codebook], list[Issue]]:
    """Read every codebook the contract names from ``codebook_dir`` (codes are trimmed)."""
    codebooks: dict[str, Codebook] = {}
    issues: list[Issue] = []
    for name in needed_codebooks():
        path = codebook_dir / f"{name}.csv"
        where = display(path)
        problem = file_problem(path)
        if problem:
            issues.append(
                Issue(
                    where,
                    "codebook" if problem == FILE_NOT_FOUND else "file",
                    "codebook file not found" if problem == FILE_NOT_FOUND else problem,
                )
            )
            continue
        data = path.read_bytes().removeprefix(UTF8_BOM)
        binary = binary_issues(data, where)
        if binary:
            issues.extend(binary)
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            issues.append(Issue(where, "codebook", f"not UTF-8 ({exc.reason}): save it as UTF-8"))
            continue
        rows = list(csv.reader(text.splitlines()))
        if not rows or [cell.strip() for cell in rows[0]] != list(CODEBOOK_COLUMNS):
            issues.append(Issue(f"{where}:1", "codebook", f"the header must be {','.join(CODEBOOK_COLUMNS)}"))
            continue
        classes: dict[str, str] = {}
        labels: dict[str, str] = {}
        labels_en: dict[str, str] = {}
        for line, row in enumerate(rows[1:], start=2):
            if len(row) != len(CODEBOOK_COLUMNS) or not row[0].strip():
                issues.append(Issue(f"{where}:{line}", "codebook", "malformed codebook row"))
                continue
            for column, cell in zip(CODEBOOK_COLUMNS, row, strict=True):
                problem = nfc_problem(cell)
                if problem:
                    issues.append(Issue(f"{where}:{line}", "nfc", problem, column=column, value=cell))
            classes[row[0].strip()] = row[3].strip()
            labels[row[0].strip()] = row[1].strip()
            labels_en[row[0].strip()] = row[2].strip()
        codebooks[name] = Codebook(name, classes, labels, labels_en)
    return codebooks, issues


# ---------------------------------------------------------------------------------------------
# Tables: the rows of one raw file, whatever they were read from (CSV here, a workbook in
# territorio.importer), with the location of each row for messages
# ---------------------------------------------------------------------------------------------


@dataclass
class Row:
    where: str
    values: dict[str, str]  # contract column name -> cell text (only the columns present)


@dataclass
class Table:
    spec: FileSpec
    where: str  # the header's location, for problems of the whole table
    rows: list[Row]
    #: how a contract column is named in messages (the workbook uses Spanish headers)
    labels: dict[str, str] = field(default_factory=dict)
    #: how flags are written in the source, for messages
    flag_words: str = "true or false"
    #: how the table is named in messages (default: the raw file name)
    title: str = ""
    #: how a codebook is named in messages (default: its file name without .csv)
    codebook_title: Callable[[str], str] = str

    @property
    def name(self) -> str:
        return self.title or self.spec.name

    def label(self, column: str) -> str:
        return self.labels.get(column, column)


# ---------------------------------------------------------------------------------------------
# Reading a raw CSV file
# ---------------------------------------------------------------------------------------------


def _field_index(line: str, position: int, delimiter: str = ",") -> int:
    """Index of the field holding character ``position`` of the CSV line ``line``."""
    index, quoted = 0, False
    for char in line[:position]:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            index += 1
    return index


def encoding_issues(data: bytes, where: str, delimiter: str = ",") -> list[Issue]:
    """One issue per line holding bytes that are not UTF-8, naming the byte and the column."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [Issue(f"{where}:1", "encoding", "the file is UTF-16, not UTF-8: save it as UTF-8 (CSV UTF-8)")]
    lines = data.split(b"\n")
    header = next(csv.reader([lines[0].decode("latin-1").rstrip("\r")], delimiter=delimiter), [])
    issues = []
    offset = 0
    for number, line in enumerate(lines, start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = line[exc.start]
            text = line.decode("cp1252", errors="replace")
            column_index = _field_index(line.decode("latin-1"), exc.start, delimiter)
            column = header[column_index] if column_index < len(header) else None
            issues.append(
                Issue(
                    f"{where}:{number}",
                    "encoding",
                    f"byte 0x{byte:02X} ({text[exc.start]!r} in Latin-1/Windows-1252) at byte "
                    f"{exc.start + 1} of the line (offset {offset + exc.start} of the file) is not "
                    "UTF-8: the file is probably Latin-1 or Windows-1252; save it as UTF-8",
                    column=column,
                )
            )
        offset += len(line) + 1
    return issues


FILE_NOT_FOUND = "file not found"


def file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a raw file, or None for a regular file.

    The path is examined, never followed or opened: a symbolic link, a folder, a FIFO or a
    device is refused by its path alone, so that nothing of what it points at is read or shown.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return FILE_NOT_FOUND
    except OSError as exc:
        return f"cannot be examined ({exc.strerror})"
    if stat.S_ISLNK(mode):
        return (
            "a symbolic link: raw files must be regular files in their folder (copy the file "
            "in instead of linking it); the link was not followed"
        )
    if stat.S_ISDIR(mode):
        return "a folder, not a CSV file"
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe, socket or device): it was not read"
    if not os.access(path, os.R_OK):
        return "not readable (permission denied)"
    return None


def _is_control_byte(byte: int) -> bool:
    return (byte < 0x20 and byte not in (0x09, 0x0A, 0x0D)) or byte == 0x7F


def binary_issues(data: bytes, where: str, delimiter: str = ",") -> list[Issue]:
    """One issue when ``data`` is not text at all (a binary file), else none.

    Binary: a known binary signature, a NUL byte, or more than 1 % control bytes in the first
    8 KiB. The issue names the line and column of the first such byte; none of the file's
    content is echoed.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: an encoding problem, not binary
        return []
    head = data[:8192]
    kind = next((what for signature, what in BINARY_SIGNATURES if head.startswith(signature)), None)
    controls = [i for i, byte in enumerate(head) if _is_control_byte(byte)]
    if kind is None and b"\x00" not in head and len(controls) * 100 <= len(head):
        return []
    first = data.find(b"\x00")
    if controls and (first < 0 or controls[0] < first):
        first = controls[0]
    first = max(first, 0)
    line_start = data.rfind(b"\n", 0, first) + 1
    line = data.count(b"\n", 0, first) + 1
    column_index = _field_index(data[line_start:first].decode("latin-1"), first - line_start, delimiter)
    header = next(
        csv.reader([data.split(b"\n", 1)[0].decode("latin-1", "replace").rstrip("\r")], delimiter=delimiter), []
    )
    column = header[column_index] if column_index < len(header) and line > 1 else None
    what = f" ({kind})" if kind else ""
    return [
        Issue(
            f"{where}:{line}",
            "binary",
            f"binary file{what}: byte 0x{data[first]:02X} at byte {first - line_start + 1} "
            f"of the line (offset {first} of the file) is not text; the contract's files "
            "are UTF-8 CSV text (nothing of the file is shown)",
            column=column,
        )
    ]


def nfc_problem(value: str) -> str | None:
    """Where ``value`` is not in Unicode NFC, or None.

    A decomposed accent (``e`` followed by U+0301) prints like the composed one but is another
    string: a filter on the ordinary spelling would not find it.
    """
    if unicodedata.is_normalized("NFC", value):
        return None
    for i in range(1, len(value) + 1):
        if not unicodedata.is_normalized("NFC", value[:i]):
            mark = value[i - 1]
            return (
                f"not in Unicode NFC: character {i} is U+{ord(mark):04X} "
                f"({unicodedata.name(mark, 'unnamed')}), a decomposed accent; save the text "
                "with composed accents (NFC)"
            )
    return "not in Unicode NFC: save the text with composed accents (NFC)"


def cell_problem(value: str) -> tuple[str, str] | None:
    """(rule, message) when a cell is a formula, holds a control character or is not NFC."""
    for i, char in enumerate(value, start=1):
        if unicodedata.category(char) == "Cc":
            return ("control_character", f"control character U+{ord(char):04X} at character {i}: cells hold plain text")
    stripped = value.strip()
    if stripped[:1] in ("=", "@") or (
        stripped[:1] in ("+", "-") and len(stripped) > 1 and not re.fullmatch(r"[+-]\d+(\.\d+)?", stripped)
    ):
        return (
            "formula",
            f"starts with '{stripped[0]}': a spreadsheet formula or a value a "
            "spreadsheet would run as one, not a coded answer",
        )
    problem = nfc_problem(value)
    return ("nfc", problem) if problem else None


def load_id_pattern(project_dir: Path | None = None) -> str | None:
    """The questionnaire id pattern: the dbt var ``questionnaire_id_pattern`` of
    ``<project_dir>/dbt_project.yml`` (else the repository's); None when neither sets it."""
    import yaml

    for folder in (project_dir, REPO_ROOT):
        path = Path(folder) / "dbt_project.yml" if folder is not None else None
        if path is None or not path.is_file():
            continue
        project = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        pattern = (project.get("vars") or {}).get(ID_PATTERN_VAR)
        if pattern:
            return str(pattern)
    return None


def read_raw_csv(path: Path, spec: FileSpec, where: str | None = None) -> tuple[Table | None, list[Issue]]:
    """Read one raw CSV file; return its table (None when unreadable) and the problems found.

    Checks the encoding, the header (missing, unexpected or duplicated columns) and the number
    of fields on every line. Values are checked by :func:`check_tables`.
    """
    where = where or str(path)
    problem = file_problem(path)
    if problem == FILE_NOT_FOUND:
        return None, [Issue(where, "file", f"file not found (the contract has {spec.filename}: {spec.grain})")]
    if problem:
        return None, [Issue(where, "file", problem)]
    data = path.read_bytes().removeprefix(UTF8_BOM)
    binary = binary_issues(data, where)
    if binary:
        return None, binary
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, encoding_issues(data, where)
    if not text.strip():
        return None, [Issue(f"{where}:1", "header", "empty file: no header and no rows")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Issue(f"{where}:{line}", "csv", "NUL byte: this is not a text CSV file")]

    reader = csv.reader(text.splitlines(keepends=True), strict=False)
    header = next(reader)
    issues: list[Issue] = []
    names = spec.column_names
    duplicated = sorted({name for name in header if header.count(name) > 1})
    for name in duplicated:
        issues.append(Issue(f"{where}:1", "header", f"column header repeated {header.count(name)} times", column=name))
    if len(header) == 1 and SEPARATOR in header[0]:
        issues.append(
            Issue(f"{where}:1", "header", "the header is separated by ';': the contract's files are comma-separated")
        )
        return None, issues
    for name in header:
        if name not in names:
            hint = _closest(name, names, "column")
            issues.append(Issue(f"{where}:1", "columns", f"unexpected column{hint}", column=name or "(empty header)"))
    for name in names:
        if name not in header:
            issues.append(Issue(f"{where}:1", "columns", "missing column", column=name))
    if duplicated:
        return None, issues

    index = {name: i for i, name in enumerate(header) if name in names}
    rows: list[Row] = []
    line = 1
    for record in reader:
        start = line + 1
        line = reader.line_num
        row_where = f"{where}:{start}"
        if not record:
            issues.append(Issue(row_where, "row_length", "blank line"))
            continue
        if len(record) != len(header):
            kind = "short" if len(record) < len(header) else "long"
            issues.append(
                Issue(row_where, "row_length", f"{kind} row: {len(record)} fields, the header has {len(header)}")
            )
            continue
        for name, i in index.items():
            if "\n" in record[i] or "\r" in record[i]:
                issues.append(
                    Issue(
                        row_where, "csv", "value spans several lines (an unclosed quote?)", column=name, value=record[i]
                    )
                )
        rows.append(Row(row_where, {name: record[i] for name, i in index.items()}))
    return Table(spec, f"{where}:1", rows), issues


# ---------------------------------------------------------------------------------------------
# Checking values, keys, references and conditional rules
# ---------------------------------------------------------------------------------------------


def _closest(value: str, choices: Iterable[str], what: str = "code") -> str:
    """ ", did you mean 'x'?" when a choice is close to ``value`` (or equal but for case)."""
    choices = list(choices)
    folded = {choice.lower(): choice for choice in choices}
    match = folded.get(value.strip().lower()) or next(
        iter(difflib.get_close_matches(value, choices, n=1, cutoff=0.75)), None
    )
    return f"; did you mean {what} '{match}'?" if match else ""


def _is_empty(value: str | None) -> bool:
    return value is None or value.strip() == ""


def _condition_holds(condition: Condition, row: Row, codebooks: dict[str, Codebook]) -> bool | None:
    """Whether ``condition`` holds for ``row``; None when the column it reads is invalid."""
    value = (row.values.get(condition.column) or "").strip()
    if condition.flag is not None:
        flag = FLAG_VALUES.get(value.lower())
        return None if flag is None else flag == condition.flag
    codebook = codebooks.get(condition.codebook or "")
    if codebook is None or value not in codebook:
        return None
    return codebook.classes[value] == condition.code_class


def _check_code(value: str, column: Column, codebooks: dict[str, Codebook], title: str) -> str | None:
    """The problem with a single code, or None (``title`` names the codebook)."""
    codebook = codebooks.get(column.codebook or "")
    if codebook is None or value in codebook:
        return None
    if SEPARATOR in value:
        return f"one code only, not a list (codes of {title})"
    if value.lower() in MISSING_WORDS:
        return f"not a code of {title}: leave the cell empty for a missing answer"
    return f"unknown code: not in {title}{_closest(value, codebook.classes)}"


def _check_codes(value: str, column: Column, codebooks: dict[str, Codebook], title: str) -> list[tuple[str, str]]:
    """The problems (rule, message) of a multi-select cell (``title`` names the codebook)."""
    codebook = codebooks.get(column.codebook or "")
    tokens = [token.strip() for token in value.split(SEPARATOR)]
    problems: list[tuple[str, str]] = []
    if "" in tokens:
        problems.append(("multi_select", "empty token in a multi-select list"))
    codes = [token for token in tokens if token]
    if codebook is not None:
        for token in codes:
            if token in codebook:
                continue
            parts = [part.strip() for part in re.split(r"[,|/+]", token)]
            wrong = [sep for sep in WRONG_SEPARATORS if sep in token]
            if wrong and all(part in codebook for part in parts):
                problems.append(("multi_select", f"codes separated by '{wrong[0]}': separate them with '{SEPARATOR}'"))
            else:
                problems.append(
                    ("code", f"unknown code {show(token)}: not in {title}{_closest(token, codebook.classes)}")
                )
    for token in sorted({token for token in codes if codes.count(token) > 1}, key=codes.index):
        problems.append(("multi_select", f"code {show(token)} appears {codes.count(token)} times"))
    for alone in column.stands_alone:
        if alone in codes and len(set(codes)) > 1:
            problems.append(("multi_select", f"'{alone}' stands alone: it cannot be combined with other codes"))
    return problems


def _check_value(
    row: Row, column: Column, table: Table, codebooks: dict[str, Codebook], id_pattern: str | None = None
) -> list[Issue]:
    raw = row.values.get(column.name)
    if raw is None:  # the column is missing from the file: reported once, with the header
        return []
    label = table.label(column.name)

    def issue(rule: str, message: str) -> Issue:
        return Issue(row.where, rule, message, column=label, value=raw)

    problem = cell_problem(raw)
    if problem:
        return [issue(*problem)]

    if _is_empty(raw):
        if column.required:
            return [issue("required", "empty: this column needs a value")]
        condition = column.required_if
        if condition is not None and _condition_holds(condition, row, codebooks) is True:
            return [issue(condition.rule, f"empty: {condition.when_true} needs a value here")]
        return []
    condition = column.empty_unless
    if condition is not None and _condition_holds(condition, row, codebooks) is False:
        reason = f"{condition.when_false} leaves this empty"
        if condition.codebook:
            actor = row.values.get(condition.column, "").strip()
            reason += f" ({condition.column} '{actor}' is {codebooks[condition.codebook].classes[actor]})"
        return [issue(condition.rule, reason)]

    value = raw.strip()
    if column.kind == "id" and id_pattern and not re.fullmatch(id_pattern, value):
        return [
            issue(
                "id_format",
                f"not a questionnaire id: ids match {id_pattern} (dbt var {ID_PATTERN_VAR} in dbt_project.yml)",
            )
        ]
    if column.kind == "flag" and value.lower() not in FLAG_VALUES:
        return [issue("flag", f"not a flag: write {table.flag_words}")]
    if column.kind == "position" and not (value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_POSITION):
        return [issue("position", f"not an integer from 1 to {MAX_POSITION} (keys carry the position in two digits)")]
    title = table.codebook_title(column.codebook or "")
    if column.kind == "code":
        problem = _check_code(value, column, codebooks, title)
        return [issue("code", problem)] if problem else []
    if column.kind == "codes":
        return [issue(rule, message) for rule, message in _check_codes(value, column, codebooks, title)]
    return []


def check_tables(
    tables: dict[str, Table], codebooks: dict[str, Codebook], id_pattern: str | None = None
) -> list[Issue]:
    """Every problem of the values, keys, references and conditional rules of ``tables``.

    ``tables`` maps raw file names to tables; a file that could not be read is absent, and the
    references to it are not checked. ``id_pattern``: the regular expression questionnaire ids
    must match (:func:`load_id_pattern`); None checks no format.
    """
    issues: list[Issue] = []
    for spec in RAW_FILES:
        table = tables.get(spec.name)
        if table is None:
            continue
        targets = {
            reference: _key_values(tables.get(reference.to_file), reference.to_column) for reference in spec.references
        }
        if not table.rows:
            issues.append(
                Issue(table.where, "no_rows", f"no data rows: the file has a header only ({spec.grain} expected)")
            )
            continue
        seen: dict[tuple[str, ...], str] = {}
        for row in table.rows:
            for column in spec.columns:
                issues.extend(_check_value(row, column, table, codebooks, id_pattern))
            key = tuple((row.values.get(name) or "").strip() for name in spec.key)
            if all(key):
                normalised = tuple(str(int(part)) if part.isdigit() else part for part in key)
                if normalised in seen:
                    names = ", ".join(table.label(name) for name in spec.key)
                    issues.append(
                        Issue(
                            row.where,
                            "unique_key",
                            f"duplicate key ({names}) = "
                            f"({', '.join(escape(part) for part in key)}): first "
                            f"at {seen[normalised]}",
                            column=table.label(spec.key[-1]),
                            value=row.values[spec.key[-1]],
                        )
                    )
                else:
                    seen[normalised] = row.where
            for reference in spec.references:
                known = targets.get(reference)
                value = (row.values.get(reference.column) or "").strip()
                if known is None or not value:
                    continue
                target = tables[reference.to_file]
                if value not in known:
                    issues.append(
                        Issue(
                            row.where,
                            "reference",
                            f"orphan row: no {target.label(reference.to_column)} {show(value)} in {target.name}",
                            column=table.label(reference.column),
                            value=row.values[reference.column],
                        )
                    )
                elif reference.analysed_only and known[value] is False:
                    issues.append(
                        Issue(
                            row.where,
                            "analysed_reference",
                            f"the questionnaire was not analysed ({target.label('is_analysed')} false "
                            f"in {target.name}): the study describes the actors and mechanisms of "
                            "analysed experiences only; delete the row or mark the questionnaire "
                            "analysed",
                            column=table.label(reference.column),
                            value=row.values[reference.column],
                        )
                    )
    return issues


def _key_values(table: Table | None, column: str) -> dict[str, bool | None] | None:
    """The values of a referenced column, each with its row's ``is_analysed`` flag (None when
    unknown); None when they cannot be known (file unreadable, header only, or the column
    missing), so that references to it are not checked."""
    if table is None or not table.rows or column not in table.rows[0].values:
        return None
    return {
        (row.values.get(column) or "").strip(): FLAG_VALUES.get((row.values.get("is_analysed") or "").strip().lower())
        for row in table.rows
    }


# ---------------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------------


def check_raw_dir(
    raw_dir: Path, codebook_dir: Path | None = None, display_root: Path | None = None, id_pattern: str | None = None
) -> list[Issue]:
    """Every contract problem of the three raw files in ``raw_dir`` (empty list: all good).

    Codebooks are read from ``codebook_dir`` (default ``raw_dir/../codebook`` when it exists, else
    the project's ``seeds/codebook``). File names in messages are relative to ``display_root``
    when they are under it. ``id_pattern`` defaults to :func:`load_id_pattern` of the project
    holding ``raw_dir`` (``raw_dir/../..``).
    """
    raw_dir = Path(raw_dir)
    if codebook_dir is None:
        # next to the raw folder, as in a dbt project; else the project's own codebooks
        sibling = raw_dir.parent / "codebook"
        codebook_dir = sibling if sibling.is_dir() else REPO_ROOT / "seeds" / "codebook"
    codebook_dir = Path(codebook_dir)

    def display(path: Path) -> str:
        if display_root is not None:
            try:  # the folder is resolved, not the file: a symbolic link is named, not followed
                return (path.parent.resolve() / path.name).relative_to(Path(display_root).resolve()).as_posix()
            except ValueError:
                pass
        return str(path)

    codebooks, issues = load_codebooks(codebook_dir, display)
    tables: dict[str, Table] = {}
    for spec in RAW_FILES:
        path = raw_dir / spec.filename
        table, problems = read_raw_csv(path, spec, display(path))
        issues.extend(problems)
        if table is not None:
            tables[spec.name] = table
    if id_pattern is None:
        id_pattern = load_id_pattern(raw_dir.resolve().parent.parent)
    return issues + check_tables(tables, codebooks, id_pattern)


def check_raw_dir_or_raise(raw_dir: Path, **kwargs) -> dict[str, int]:
    """Raise ContractError with every problem; otherwise return the rows per raw file."""
    issues = check_raw_dir(raw_dir, **kwargs)
    if issues:
        raise ContractError(issues)
    return {spec.name: count_rows(Path(raw_dir) / spec.filename) for spec in RAW_FILES}


def count_rows(path: Path) -> int:
    text = path.read_bytes().removeprefix(UTF8_BOM).decode("utf-8")
    return sum(1 for _ in csv.reader(text.splitlines(keepends=True))) - 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m territorio.contract",
        description="Check the raw coded questionnaires against docs/raw_contract.md.",
    )
    parser.add_argument(
        "raw_dir",
        nargs="?",
        type=Path,
        default=Path("seeds/raw"),
        help="folder with the three raw CSV files (default: seeds/raw)",
    )
    parser.add_argument(
        "--codebooks",
        type=Path,
        default=None,
        help="folder with the codebook CSV files (default: RAW_DIR/../codebook when it "
        "exists, else the project's seeds/codebook)",
    )
    args = parser.parse_args(argv)
    issues = check_raw_dir(args.raw_dir, args.codebooks, display_root=Path.cwd())
    if issues:
        print(format_issues(issues), file=sys.stderr)
        print(f"territorio.contract: {len(issues)} problem(s) in {args.raw_dir}", file=sys.stderr)
        return 1
    counts = {spec.name: count_rows(args.raw_dir / spec.filename) for spec in RAW_FILES}
    print(
        f"territorio.contract: OK: {args.raw_dir} keeps the contract ("
        + ", ".join(f"{name} {n} rows" for name, n in counts.items())
        + ")"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
