"""Write the reproduction report: a self-contained HTML page on how far the warehouse reproduces
the study.

Usage::

    python -m territorio.reproduction_report [--db PATH] [--out PATH]

It reads the built warehouse (``--db``; default ``$TERRITORIO_DB`` or ``data/territorio.duckdb``,
a relative path taken from the repository root) through a read-only connection, and writes one
HTML file (``--out``; default ``docs/reproduction.html``, which git ignores) with inline CSS and
no network access:

- a banner saying that the data are a reconstruction;
- the number of published figures per status of ``reports.paper_reconciliation`` (exact,
  rounding, as_worded, inconsistent_in_study, unexplained);
- the ledger of the study's prose claims (``reports.study_claims``, docs/claims.md): the count
  per status and every claim with its quote, the values the marts give and the reason;
- every check of the study's own arithmetic that fails (``reports.paper_audit``), with its
  arithmetic;
- the decisions of ``docs/reconstruction.md`` (seed ``raw.reconstruction_decisions``), each with
  the figures it gives up and their status;
- the reconciliation table, one row per published figure.

``python -m territorio.build`` calls :func:`write_report` after each successful publish
(:func:`report_path_for` says where the page goes).
"""

from __future__ import annotations

import argparse
import html
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from territorio.figures import FIGURES_CSV, load_figures, printed_count
from territorio.paths import is_default_warehouse, warehouse_path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "docs" / "reproduction.html"
RECONSTRUCTION_DOC = REPO_ROOT / "docs" / "reconstruction.md"
RECONCILIATION_TABLE = "reports.paper_reconciliation"

#: The statuses of paper_reconciliation, in the order the report shows them.
STATUSES = ("exact", "rounding", "as_worded", "inconsistent_in_study", "unexplained")
STATUS_WORDING = {
    "exact": "the marts give the printed value",
    "rounding": (
        "the printed value is the computed one rounded half-up (or truncated, in the tables the "
        "study is shown to truncate)"
    ),
    "as_worded": "the study words the figure as a bound or an approximation, and the computed value meets it",
    "inconsistent_in_study": "not reproduced: the study's own printed figures contradict it",
    "unexplained": "not reproduced, and no check of the study explains why",
}


@dataclass(frozen=True)
class ReportData:
    """What the report shows, read from the warehouse."""

    status_counts: dict[str, int]
    failures: list[dict]
    decisions: list[dict]
    figures: list[dict]
    claims: list[dict] | None = None


def default_db() -> Path:
    """The published warehouse (:func:`territorio.paths.warehouse_path`)."""
    return warehouse_path()


def report_path_for(db: Path) -> Path:
    """Where the build writes the report of ``db``.

    ``docs/reproduction.html`` for the default warehouse (``data/territorio.duckdb``), and
    ``reproduction.html`` next to the warehouse for any other one, so that a build published
    elsewhere (a test's temporary folder, say) never overwrites the project's page.
    """
    if is_default_warehouse(db):
        return DEFAULT_OUT
    return db.parent / "reproduction.html"


def has_reconciliation(db: Path) -> bool:
    """True when ``db`` holds the reports this page is made of."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'reports' and table_name = 'paper_reconciliation'"
        ).fetchone()
    finally:
        con.close()
    return bool(found and found[0])


def _records(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def read_report_data(db: Path) -> ReportData:
    """Read the reconciliation, the failed audit checks and the decisions from ``db``."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        figures = _records(
            con,
            """
            select figure_id, source, row_label, column_label, unit, published_text,
                computed_value, numerator, denominator, report_model, status, audit_check_ids,
                reconstruction_decision, explanation
            from reports.paper_reconciliation
            """,
        )
        failures = _records(
            con,
            """
            select check_id, check_kind, check_group, description, figure_ids, arithmetic
            from reports.paper_audit
            where not holds
            order by check_id
            """,
        )
        decisions = _records(
            con,
            "select decision_no, title, kept, figure_ids from raw.reconstruction_decisions order by decision_no",
        )
        has_claims = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'reports' and table_name = 'study_claims'"
        ).fetchone()[0]
        claims = (
            _records(
                con,
                "select claim_id, section, quote_es, assertion_en, fixed_by_tables, observed_text, "
                "table_arithmetic, status, reason from reports.study_claims order by claim_id",
            )
            if has_claims
            else None
        )
    finally:
        con.close()
    order = {figure_id: position for position, figure_id in enumerate(_seed_order())}
    figures.sort(key=lambda row: (order.get(row["figure_id"], len(order)), row["figure_id"]))
    counts = {status: 0 for status in STATUSES}
    for row in figures:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return ReportData(status_counts=counts, failures=failures, decisions=decisions, figures=figures, claims=claims)


def _seed_order() -> list[str]:
    """The figure ids in the order of the published-figures seed (the study's order)."""
    try:
        return list(load_figures(FIGURES_CSV))
    except (OSError, ValueError):
        return []


def _esc(value: object) -> str:
    return "" if value is None else html.escape(str(value))


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _relative_link(target: Path, page: Path) -> str:
    try:
        return Path(os.path.relpath(target, page.parent)).as_posix()
    except ValueError:  # another drive (Windows): fall back to an absolute file URI
        return target.resolve().as_uri()


CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 78rem; padding: 0 1rem; color: #1f2328; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #d0d7de; }
.banner { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px;
          padding: .8rem 1rem; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .86rem; margin: .6rem 0; }
th, td { border: 1px solid #d0d7de; padding: .3rem .45rem; text-align: left;
         vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font-size: .85em; overflow-wrap: anywhere; }
table.fixed { table-layout: fixed; }
.status { font-weight: 600; white-space: nowrap; }
.exact { color: #1a7f37; } .rounding { color: #0969da; }
.inconsistent_in_study { color: #9a6700; } .unexplained { color: #cf222e; }
.as_worded { color: #0969da; } .holds { color: #1a7f37; } .partly { color: #9a6700; }
.fails { color: #cf222e; } .contradicted_by_tables { color: #8250df; }
blockquote { margin: 0; font-style: italic; }
tr.inconsistent_in_study td { background: #fff8e6; } tr.unexplained td { background: #ffebe9; }
.small { color: #57606a; font-size: .85rem; }
"""


#: The statuses of reports.study_claims, in the order the report shows them.
CLAIM_STATUSES = ("holds", "partly", "fails", "contradicted_by_tables")
CLAIM_STATUS_WORDING = {
    "holds": "the marts satisfy the claim as worded",
    "partly": "the direction holds, the magnitude or a part does not",
    "fails": "the marts do not satisfy it",
    "contradicted_by_tables": "the study's own printed tables rule it out",
}


def _claims_section(claims: list[dict] | None) -> list[str]:
    """The ledger of the study's prose claims: counts per status, then every claim."""
    if claims is None:
        return []
    counts = {status: sum(1 for claim in claims if claim["status"] == status) for status in CLAIM_STATUSES}
    parts = [
        f"<h2>The study's prose claims ({len(claims)})</h2>",
        "<p>Every statement of the study's text that microdata can confirm or refute (comparisons, "
        "rankings, shares in words, the definitions of the four models), evaluated against the "
        "marts (<code>reports.study_claims</code>; how they are chosen and read: docs/claims.md). "
        "Relationships the study never printed are the reconstruction's: a claim that fails "
        "there says where the reconstructed data disagree with the study's words.</p>",
        "<table><thead><tr><th>status</th><th>claims</th><th>meaning</th></tr></thead><tbody>",
    ]
    parts += [
        f'<tr><td class="status {status}">{status}</td>'
        f'<td class="num" id="claims-{status}">{counts[status]}</td>'
        f"<td>{_esc(CLAIM_STATUS_WORDING[status])}</td></tr>"
        for status in CLAIM_STATUSES
    ]
    parts += [
        f'<tr><th>total</th><td class="num" id="claims-total">{len(claims)}</td><td></td></tr>',
        "</tbody></table>",
        '<table class="fixed"><colgroup><col style="width:6%"><col style="width:34%">'
        '<col style="width:26%"><col style="width:10%"><col style="width:24%"></colgroup>'
        "<thead><tr><th>claim</th><th>the study says</th><th>asserted</th><th>status</th>"
        "<th>marts (and printed tables)</th></tr></thead><tbody>",
    ]
    for claim in claims:
        detail = _esc(claim["observed_text"])
        if claim["table_arithmetic"]:
            detail += f'<br><span class="small">tables: {_esc(claim["table_arithmetic"])}</span>'
        if claim["reason"]:
            detail += f'<br><span class="small">{_esc(claim["reason"])}</span>'
        fixed = '<br><span class="small">fixed by the printed tables</span>' if claim["fixed_by_tables"] else ""
        parts.append(
            f'<tr id="claim-{_esc(claim["claim_id"])}"><td><code>{_esc(claim["claim_id"])}</code></td>'
            f'<td><blockquote lang="es">“{_esc(claim["quote_es"])}”</blockquote>'
            f'<span class="small">{_esc(claim["section"])}</span></td>'
            f"<td>{_esc(claim['assertion_en'])}{fixed}</td>"
            f'<td class="status {_esc(claim["status"])}">{_esc(claim["status"])}</td>'
            f"<td>{detail}</td></tr>"
        )
    parts.append("</tbody></table>")
    return parts


def render(data: ReportData, *, db_name: str, reconstruction_link: str) -> str:
    """The report as one HTML document."""
    total = sum(data.status_counts.values())
    reproduced = sum(data.status_counts.get(status, 0) for status in ("exact", "rounding", "as_worded"))
    share = 100.0 * reproduced / total if total else 0.0
    by_id = {row["figure_id"]: row for row in data.figures}
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Reproduction of Fernández (2009): published figures against the warehouse</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Reproduction of Fernández (2009), Territorio Chile</h1>",
        f'<p class="small">Warehouse <code>{_esc(db_name)}</code>; tables '
        "<code>reports.paper_reconciliation</code> and <code>reports.paper_audit</code>.</p>",
        '<div class="banner"><strong>The data are reconstructed.</strong> The study\'s '
        f"{printed_count('txt.questionnaires_applied')} coded questionnaires were never published. "
        "The microdata in this warehouse were written by a "
        "calibrated generator so that the study's printed tables come out of them wherever the "
        "study is consistent with itself; where it is not, a documented decision says which "
        "printed figures are given up "
        f'(<a href="{_esc(reconstruction_link)}">docs/reconstruction.md</a>). '
        "Reproducing a figure here shows that the figures are consistent with one another, not "
        "new facts about the 2008 experiences.</div>",
        "<h2>Status of the published figures</h2>",
        "<table><thead><tr><th>status</th><th>figures</th><th>meaning</th></tr></thead><tbody>",
    ]
    for status in STATUSES:
        parts.append(
            f'<tr><td class="status {status}">{status}</td>'
            f'<td class="num" id="count-{status}">{data.status_counts.get(status, 0)}</td>'
            f"<td>{_esc(STATUS_WORDING[status])}</td></tr>"
        )
    parts += [
        f'<tr><th>total</th><td class="num" id="count-total">{total}</td>'
        f"<td>{reproduced} reproduced (exact, rounding or as worded): {share:.1f}%</td></tr>",
        "</tbody></table>",
        '<p class="small">Matching rule: a computed value x matches a printed value v with d '
        "decimals when rounding x half-up to d decimals gives v "
        "(v − 0.5·10<sup>−d</sup> ≤ x &lt; v + 0.5·10<sup>−d</sup>); truncation is accepted "
        "only in the tables the study is shown to truncate (Tabla 12 prints 77/120 = 64.17 as "
        "64,1), and a figure the study words as a bound or an approximation (“no más de 1,5”, "
        "“más del 68%”, “cerca del 58%”) is compared as worded (seed "
        "<code>figure_comparisons</code>).</p>",
        *_claims_section(data.claims),
        f"<h2>Where the study contradicts itself ({len(data.failures)} failed checks)</h2>",
        "<p>Checks made on the printed figures alone: totals against their cells, shares and "
        "means against their counts, identities between tables. Each failure means that no data "
        "set can print all the figures involved.</p>",
        '<table class="fixed"><colgroup><col style="width:22%"><col style="width:40%">'
        '<col style="width:38%"></colgroup>'
        "<thead><tr><th>check</th><th>what it asserts</th><th>arithmetic (figures involved)</th>"
        "</tr></thead><tbody>",
    ]
    for check in data.failures:
        figure_ids = ", ".join(f"<code>{_esc(figure_id)}</code>" for figure_id in check["figure_ids"].split(","))
        parts.append(
            f"<tr><td><code>{_esc(check['check_id'])}</code></td>"
            f"<td>{_esc(check['description'])}</td>"
            f"<td><strong>{_esc(check['arithmetic'])}</strong>"
            f'<br><span class="small">{figure_ids}</span></td></tr>'
        )
    parts += [
        "</tbody></table>",
        "<h2>Reconstruction decisions and the figures they give up</h2>",
        f'<p>From <a href="{_esc(reconstruction_link)}">docs/reconstruction.md</a>, '
        "“Decisions where the study contradicts itself”.</p>",
        "<table><thead><tr><th>no.</th><th>decision</th><th>kept</th>"
        "<th>figures given up (printed → computed, status)</th></tr></thead><tbody>",
    ]
    named: set[str] = set()
    for decision in data.decisions:
        ids = [part.strip() for part in (decision["figure_ids"] or "").split(";") if part.strip()]
        named.update(ids)
        items = []
        for figure_id in ids:
            row = by_id.get(figure_id)
            if row is None:
                items.append(f"<code>{_esc(figure_id)}</code> (not in the reconciliation)")
                continue
            items.append(
                f'<a href="#fig-{_esc(figure_id)}"><code>{_esc(figure_id)}</code></a> '
                f"{_esc(row['published_text'])} → {_number(row['computed_value'])}, "
                f'<span class="status {row["status"]}">{_esc(row["status"])}</span>'
            )
        given_up = "<br>".join(items) if items else "none: both readings hold"
        parts.append(
            f'<tr><td class="num">{_esc(decision["decision_no"])}</td>'
            f"<td>{_esc(decision['title'])}</td><td>{_esc(decision['kept'])}</td>"
            f"<td>{given_up}</td></tr>"
        )
    parts.append("</tbody></table>")
    others = [
        row
        for row in data.figures
        if row["status"] in ("inconsistent_in_study", "unexplained") and row["figure_id"] not in named
    ]
    if others:
        parts += [
            "<h3>Other figures not reproduced</h3>",
            "<p>Figures no numbered decision names: mostly the text restating a table with a "
            "different number, while the table's own figures are kept.</p><ul>",
        ]
        parts += [
            f'<li><a href="#fig-{_esc(row["figure_id"])}">'
            f"<code>{_esc(row['figure_id'])}</code></a> "
            f"{_esc(row['published_text'])} → {_number(row['computed_value'])} "
            f'(<span class="status {row["status"]}">{_esc(row["status"])}</span>)</li>'
            for row in others
        ]
        parts.append("</ul>")
    parts += [
        f"<h2>Reconciliation: every published figure ({total})</h2>",
        "<table><thead><tr><th>figure</th><th>source</th><th>row</th><th>column</th>"
        "<th>printed</th><th>computed</th><th>status</th><th>explanation</th></tr></thead><tbody>",
    ]
    for row in data.figures:
        fraction = ""
        if row["denominator"] is not None:
            fraction = f'<br><span class="small">{row["numerator"]}/{row["denominator"]}</span>'
        parts.append(
            f'<tr id="fig-{_esc(row["figure_id"])}" class="{_esc(row["status"])}">'
            f"<td><code>{_esc(row['figure_id'])}</code></td><td>{_esc(row['source'])}</td>"
            f"<td>{_esc(row['row_label'])}</td><td>{_esc(row['column_label'])}</td>"
            f'<td class="num">{_esc(row["published_text"])}</td>'
            f'<td class="num">{_number(row["computed_value"])}{fraction}</td>'
            f'<td class="status {_esc(row["status"])}">{_esc(row["status"])}</td>'
            f"<td>{_esc(row['explanation'])}</td></tr>"
        )
    parts += ["</tbody></table>", "</body></html>", ""]
    return "\n".join(parts)


def write_report(db: Path, out: Path | None = None) -> Path:
    """Write the report of warehouse ``db`` to ``out`` (default :func:`report_path_for`)."""
    out = out or report_path_for(db)
    data = read_report_data(db)
    page = render(data, db_name=db.name, reconstruction_link=_relative_link(RECONSTRUCTION_DOC, out.resolve()))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m territorio.reproduction_report",
        description="Write the reproduction report (self-contained HTML) of a built warehouse.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="warehouse to read (default $TERRITORIO_DB or data/territorio.duckdb)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="HTML file to write (default docs/reproduction.html)",
    )
    args = parser.parse_args(argv)
    db = args.db.expanduser() if args.db else default_db()
    if not db.is_absolute():
        db = Path.cwd() / db
    if not db.exists():
        print(f"territorio.reproduction_report: no warehouse at {db}", file=sys.stderr)
        return 1
    try:
        out = write_report(db, args.out)
    except (duckdb.Error, OSError) as exc:
        print(f"territorio.reproduction_report: FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"territorio.reproduction_report: report written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
