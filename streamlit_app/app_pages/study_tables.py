"""Cuadros del estudio: Tablas 1-15, Gráficos 1-2 and the text's figures laid out as printed.

Each cell shows the value printed in the study above the warehouse's value and its
reconciliation status (reports.paper_reconciliation); under each table, the cells not reproduced
and the study's own arithmetic on that table (reports.paper_audit); at the end, the claims
ledger (reports.study_claims) when the warehouse has it.
"""

import html
import sys
from pathlib import Path

_APP = str(Path(__file__).resolve().parents[1])
if _APP not in sys.path:
    sys.path.insert(0, _APP)

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

import data  # noqa: E402
import exports  # noqa: E402
import fmt  # noqa: E402
import reference  # noqa: E402
import ui  # noqa: E402
from i18n import arithmetic, label, t  # noqa: E402

SYMBOL = {"exact": "=", "rounding": "≈", "as_worded": "~", "inconsistent_in_study": "≠", "unexplained": "✗"}

CSS = """
<style>
.cuadro-wrap {overflow-x: auto; margin-bottom: .5rem;}
table.cuadro {border-collapse: collapse; font-size: .86rem; line-height: 1.25;}
table.cuadro th, table.cuadro td {border: 1px solid #d0d0d0; padding: .25rem .45rem; vertical-align: top;}
table.cuadro thead th {background: #f3f3f3; font-weight: 600; text-align: center; min-width: 4.5rem;}
table.cuadro th.rowhead {text-align: left; font-weight: 500; background: #fafafa; min-width: 9rem; max-width: 22rem;}
table.cuadro td {text-align: right; white-space: nowrap; border-left-width: 5px;}
table.cuadro td.empty {background: #fbfbfb; border-left-width: 1px;}
table.cuadro .p {display: block; font-weight: 600; font-size: .95rem;}
table.cuadro .w {display: block; font-size: .78rem; color: #444;}
.leyenda span {display: inline-block; margin-right: 1rem; padding-left: .4rem; border-left: 5px solid;}
p.fuente {font-size: .8rem; color: #5f6368; margin: .2rem 0 .6rem 0;}
details.notas {border: 1px solid #d0d0d0; border-radius: .5rem; padding: .35rem .75rem; margin-bottom: .5rem;}
details.notas summary {cursor: pointer; font-size: .9rem;}
details.notas[open] summary {margin-bottom: .4rem;}
details.notas ul {margin: 0; padding-left: 1.2rem; font-size: .86rem;}
figure.barras {margin: .3rem 0 .6rem 0; max-width: 52rem;}
figure.barras figcaption {font-weight: 600; margin-bottom: .3rem;}
figure.barras .clave span {display: inline-block; margin-right: 1rem; font-size: .86rem;}
figure.barras i {display: inline-block; height: .8rem; vertical-align: middle;}
figure.barras .clave i {width: .8rem; margin-right: .3rem;}
figure.barras .filas {display: grid; grid-template-columns: minmax(7rem, 38%) 1fr; gap: .35rem .6rem;
  align-items: center; margin-top: .4rem; font-size: .86rem;}
figure.barras .barra {display: flex; align-items: center; gap: .3rem; margin: .1rem 0;}
figure.barras .barra i {flex: none;}
figure.barras .barra span {white-space: nowrap;}
</style>
"""


def cell_html(row, lang: str, legend: dict[str, tuple[str, str]]) -> str:
    """One cell: the printed value, under it the warehouse's with its status symbol and colour."""
    status = row["status"]
    printed = fmt.printed(row["published_value"], row["published_text"], lang)
    computed = fmt.computed(row["computed_value"], row["published_text"], lang)
    tip, colour = legend[status]
    return (
        f'<td style="border-left-color:{colour}" title="{tip}">'
        f'<span class="p">{printed}</span>'
        f'<span class="w">{SYMBOL[status]} {computed}</span></td>'
    )


def table_html(cells: list[dict], lang: str, legend: dict[str, tuple[str, str]]) -> str:
    """The table as printed: its rows and columns in the study's order, one cell per figure."""
    by_pos = {(r["row_pos"], r["col_pos"]): r for r in cells}
    rows = dict(sorted({(r["row_pos"], r["row_label"]) for r in cells}))
    cols = dict(sorted({(r["col_pos"], r["column_label"]) for r in cells}))
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in cols.values())
    body = []
    for r, row_label in rows.items():
        tds = "".join(
            '<td class="empty"></td>' if (r, c) not in by_pos else cell_html(by_pos[(r, c)], lang, legend) for c in cols
        )
        body.append(f'<tr><th class="rowhead">{html.escape(str(row_label))}</th>{tds}</tr>')
    return (
        f'<div class="cuadro-wrap"><table class="cuadro"><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def text_figures_html(cells: list[dict], lang: str, legend: dict[str, tuple[str, str]]) -> str:
    """The text's figures: one line per quoted figure (quote, printed, warehouse, status)."""
    head = f"<th>{t('claim_quote')}</th><th>{t('printed_value')}</th><th>{t('warehouse_value')}</th>"
    body = []
    for r in cells:
        suffix = fmt.percent_sign(lang) if r["unit"] == "percent" else ""
        printed = fmt.printed(r["published_value"], r["published_text"], lang) + suffix
        computed = fmt.computed(r["computed_value"], r["published_text"], lang) + suffix
        status = r["status"]
        tip, colour = legend[status]
        body.append(
            f'<tr><th class="rowhead">{html.escape(str(r["row_label"]))}</th>'
            f'<td style="border-left-color:{colour}" title="{tip}"><span class="p">{printed}</span></td>'
            f'<td><span class="p">{SYMBOL[status]} {computed}</span></td></tr>'
        )
    return (
        f'<div class="cuadro-wrap"><table class="cuadro"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def details_html(summary: str, body: str) -> str:
    """A block folded under its summary line (the browser's own, as Streamlit's expander looks)."""
    return f'<details class="notas"><summary>{html.escape(summary)}</summary>{body}</details>'


def ratio_text(row: dict, lang: str) -> str:
    if pd.notna(row["numerator"]) and pd.notna(row["denominator"]):
        return f" ({fmt.number(row['numerator'], lang)}/{fmt.number(row['denominator'], lang)})"
    return ""


def notes(cells: list[dict], checks: dict[str, dict], lang: str) -> list[str]:
    """One plain sentence per cell not reproduced, with the study's contradicting arithmetic."""
    lines = []
    for r in cells:
        if r["status"] in ("exact", "rounding", "as_worded"):
            continue
        ids = [i for i in str(r["audit_check_ids"] or "").split(",") if i in checks]
        failing = [arithmetic(checks[i]["arithmetic"]) for i in ids if not checks[i]["holds"]]
        shown = failing or [arithmetic(checks[i]["arithmetic"]) for i in ids]
        reason = (
            t("reason_inconsistent", checks="; ".join(shown))
            if r["status"] == "inconsistent_in_study"
            else t("reason_unexplained")
        )
        cell = r["row_label"] if r["source"] == "Texto" else f"{r['row_label']} / {r['column_label']}"
        lines.append(
            t(
                "cell_note",
                cell=cell,
                printed=fmt.printed(r["published_value"], r["published_text"], lang),
                computed=fmt.computed(r["computed_value"], r["published_text"], lang),
                ratio=ratio_text(r, lang),
                reason=reason,
            )
        )
    return lines


def table_audit(
    cells: list[dict], checks: dict[str, dict], checks_of: dict[str, list[str]], lang: str
) -> pd.DataFrame | None:
    """The audit checks that involve a figure of the table, failing ones first."""
    ids = list(dict.fromkeys(i for r in cells for i in checks_of.get(r["figure_id"], ())))
    if not ids:
        return None
    ids.sort(key=lambda i: bool(checks[i]["holds"]))
    return pd.DataFrame(
        {
            t("status"): [label("holds" if checks[i]["holds"] else "fails", "audit") for i in ids],
            t("value"): [arithmetic(checks[i]["arithmetic"]) for i in ids],
        }
    )


def download_frame(cells: list[dict], words: dict[str, str]) -> pd.DataFrame:
    """The table in long form with headers in the page's language (for Excel and CSV); ``words``
    holds the headers and status labels, taken while the page is drawn (a download is built later,
    outside the page's run)."""
    return pd.DataFrame(
        {
            words["row"]: [r["row_label"] for r in cells],
            words["column"]: [r["column_label"] for r in cells],
            words["printed_value"]: [r["published_value"] for r in cells],
            words["warehouse_value"]: [r["computed_value"] for r in cells],
            words["numerator"]: [r["numerator"] for r in cells],
            words["denominator"]: [r["denominator"] for r in cells],
            words["status"]: [words[r["status"]] for r in cells],
        }
    )


def bars_html(cells: list[dict], lang: str) -> str:
    """Gráficos 1-2 (the printed charts are lost; the study gives their percentages): for each
    category a bar of the printed percentage above the warehouse's, each with its value written
    beside it. Drawn by the browser as HTML, in the same block as the table (no chart library to
    load: a new tab shows this page about 0.3 s sooner, bench/README.md)."""
    sign = fmt.percent_sign(lang)
    series = [  # the printed value as printed, the warehouse's as beside it in the table above
        ("printed", "published_value", reference.colour("series", "printed"), fmt.printed),
        ("warehouse", "computed_value", reference.colour("series", "warehouse"), fmt.computed),
    ]
    values = [float(r[column]) for r in cells for _, column, _, _ in series if pd.notna(r[column])]
    top = max(values, default=0.0) or 1.0
    key = "".join(
        f'<span><i style="background:{colour}"></i>{html.escape(label(name, "series"))}</span>'
        for name, _, colour, _ in series
    )
    rows = []
    for r in cells:
        bars = []
        for name, column, colour, shown in series:
            value = r[column]
            width = 0.0 if pd.isna(value) else 80 * float(value) / top  # room for the value
            text = "—" if pd.isna(value) else shown(value, r["published_text"], lang) + sign
            bars.append(
                f'<div class="barra" title="{html.escape(label(name, "series"))}">'
                f'<i style="width:{width:.1f}%;background:{colour}"></i>'
                f"<span>{text}</span></div>"
            )
        rows.append(f'<div class="cat">{html.escape(str(r["row_label"]))}</div><div>{"".join(bars)}</div>')
    return (
        f'<figure class="barras"><figcaption>{html.escape(t("chart_printed_vs"))}</figcaption>'
        f'<div class="clave">{key}</div><div class="filas">{"".join(rows)}</div></figure>'
    )


lang = ui.page("p_tables")
cells = data.study_cells()
if cells is None:
    st.info(t("not_available"))
    st.stop()
layout = reference.figure_layout()
cells = cells[cells["figure_id"].isin(layout)].copy()
cells["row_pos"] = cells["figure_id"].map(lambda f: layout[f][1])
cells["col_pos"] = cells["figure_id"].map(lambda f: layout[f][2])
audit = data.audit()
checks = {} if audit is None else {r["check_id"]: r for r in audit.to_dict("records")}
checks_of: dict[str, list[str]] = {}
for check_id, check in checks.items():
    for figure_id in str(check["figure_ids"] or "").split(","):
        checks_of.setdefault(figure_id, []).append(check_id)
by_source: dict[str, list[dict]] = {}
for record in sorted(cells.to_dict("records"), key=lambda r: (r["row_pos"], r["col_pos"])):
    by_source.setdefault(record["source"], []).append(record)
legend = {s: (html.escape(label(s, "status")), reference.colour("status", s)) for s in reference.categories("status")}
words = {
    **{k: t(k) for k in ("row", "column", "printed_value", "warehouse_value", "numerator", "denominator", "status")},
    **{s: label(s, "status") for s in reference.categories("status")},
}

st.markdown(t("tables_intro"))
counts = cells["status"].value_counts()
st.markdown(
    t(
        "tables_summary",
        total=fmt.number(len(cells), lang),
        exact=fmt.number(counts.get("exact", 0), lang),
        rounding=fmt.number(counts.get("rounding", 0), lang),
        as_worded=fmt.number(counts.get("as_worded", 0), lang),
        inconsistent=fmt.number(counts.get("inconsistent_in_study", 0), lang),
        unexplained=fmt.number(counts.get("unexplained", 0), lang),
    )
)
st.html(
    CSS
    + '<div class="leyenda">'
    + "".join(
        f'<span style="border-color:{reference.colour("status", s)}">'
        f"{SYMBOL[s]} {html.escape(label(s, 'status'))}</span>"
        for s in reference.categories("status")
    )
    + "</div>"
)

tables = [row for row in reference.study_tables() if row["source"] in by_source]
st.markdown(
    f"**{t('contents')}:** "
    + " · ".join(f"[{row['source']}](#{row['source'].lower().replace(' ', '-').replace('á', 'a')})" for row in tables)
)

for row in tables:
    source = row["source"]
    sub = by_source[source]
    title = row["title_es"] if lang == "es" else f"{row['title_en']} («{row['title_es']}»)"
    anchor = source.lower().replace(" ", "-").replace("á", "a")
    st.subheader(f"{source}. {title}", anchor=anchor)
    model = ", ".join(sorted({r["report_model"] for r in sub if isinstance(r["report_model"], str)}))
    # the table, its source, the cells not reproduced and the study's arithmetic in one element:
    # a new tab draws every element of the page, and this page has eighteen tables
    parts = [text_figures_html(sub, lang, legend) if source == "Texto" else table_html(sub, lang, legend)]
    if source.startswith("Gráfico"):
        parts.append(bars_html(sub, lang))
    note = t("source_study", table=source, model=f"reports.{model}" if model else "—")
    parts.append(f'<p class="fuente">{html.escape(note)}</p>')
    lines = notes(sub, checks, lang)
    if lines:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        parts.append(details_html(f"{t('cell_notes')} ({fmt.number(len(lines), lang)})", f"<ul>{items}</ul>"))
    touched = table_audit(sub, checks, checks_of, lang)
    if touched is not None:
        parts.append(
            details_html(f"{t('table_audit')} ({fmt.number(len(touched), lang)})", ui.text_table_html(touched))
        )
    st.html(CSS + "".join(parts))
    ui.downloads(
        lambda sub=sub: download_frame(sub, words),
        source.replace(" ", "_").lower(),
        f"reports.{model}",
        row["title_es"],
        key=anchor,
    )

st.divider()
all_prov, all_sheet = ui.provenance("reports.paper_reconciliation", t("p_tables")), t("prov_sheet")  # built now
st.download_button(
    t("download_all"),
    lambda: exports.workbook(
        {row["source"]: download_frame(by_source[row["source"]], words) for row in tables}, all_prov, all_sheet
    ),
    file_name="cuadros_del_estudio.xlsx",
    key="xlsx_all",
    icon=":material/download:",
    on_click="ignore",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)

st.subheader(t("claims"))
ledger = data.claims()
if ledger is None:
    st.info(t("claims_absent"))
else:
    claim_counts = ledger["status"].value_counts()
    st.markdown(
        t(
            "claims_summary",
            total=fmt.number(len(ledger), lang),
            **{s: fmt.number(claim_counts.get(s, 0), lang) for s in reference.categories("claim")},
        )
    )
    columns = {
        t("claim_section"): ledger.get("section"),
        t("claim_quote"): ledger.get("quote_es"),
        t("status"): ledger["status"].map(lambda s: label(s, "claim") if ("claim", s) in reference.palette() else s),
        t("claim_observed"): ledger["observed_value"].map(lambda v: fmt.number(v, lang, decimals=1)),
    }
    if lang == "en":  # the evaluator's reasons are written in English
        columns[t("claim_reason")] = ledger.get("reason")
    # as text that wraps (the quotes are long); no data grid on this page (see ui.text_table_html)
    ui.text_table(pd.DataFrame(columns).fillna("—"))

st.subheader(t("audit_all"))
if audit is None:
    st.info(t("not_available"))
else:
    failed = audit[~audit["holds"].astype(bool)]
    st.markdown(t("audit_summary", failed=fmt.number(len(failed), lang), total=fmt.number(len(audit), lang)))
    # folded (the browser's own <details>): identifiers and English descriptions for developers
    st.html(details_html(t("developer"), ui.text_table_html(audit[["check_id", "description", "arithmetic", "holds"]])))
