"""Reproduction and data quality: reconciliation by status, audit, the latest validation report."""

import sys
from pathlib import Path

_APP = str(Path(__file__).resolve().parents[1])
if _APP not in sys.path:
    sys.path.insert(0, _APP)

import altair as alt  # noqa: E402
import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

import data  # noqa: E402
import fmt  # noqa: E402
import reference  # noqa: E402
import ui  # noqa: E402
from i18n import arithmetic, label, t  # noqa: E402

lang = ui.page("p_quality")
st.caption(t("see_tables"))

st.subheader(t("reconciliation"))
rec = data.reconciliation()
if rec is None:
    st.info(t("not_available"))
else:
    status = rec.groupby("status").size().reindex(reference.categories("status"), fill_value=0).reset_index(name="n")
    status["label"] = status["status"].map(lambda s: label(s, "status"))
    status["text"] = [f"{fmt.number(n, lang)} ({fmt.share(n / max(len(rec), 1), lang)})" for n in status["n"]]
    order = status["label"].tolist()
    ui.chart(
        alt.Chart(status)
        .mark_bar()
        .encode(
            x=alt.X("n:Q", title=t("count"), axis=alt.Axis(format="d")),
            y=alt.Y("label:N", sort=order, title=None),
            color=alt.Color("label:N", legend=None, scale=ui.colour_scale("status")),
            tooltip=[alt.Tooltip("label:N", title=t("status")), alt.Tooltip("text:N", title=t("count"))],
        )
        .properties(height=alt.Step(30))
        + alt.Chart(status).mark_text(align="left", dx=4).encode(y=alt.Y("label:N", sort=order), x="n:Q", text="text:N")
    )
    st.caption(t("source_study", table=t("p_tables"), model="reports.paper_reconciliation"))
    chosen = st.multiselect(
        t("status"),
        reference.categories("status"),
        key="rec_status",
        format_func=lambda s: label(s, "status"),
        placeholder=t("all"),
    )
    shown = rec if not chosen else rec[rec["status"].isin(chosen)]
    table = pd.DataFrame(
        {
            t("source"): shown["source"],
            t("row"): shown["row_label"],
            t("column"): shown["column_label"],
            t("printed_value"): [
                fmt.printed(v, p, lang) for v, p in zip(shown["published_value"], shown["published_text"], strict=True)
            ],
            t("warehouse_value"): [
                fmt.computed(v, p, lang) for v, p in zip(shown["computed_value"], shown["published_text"], strict=True)
            ],
            t("status"): shown["status"].map(lambda s: label(s, "status")),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    ui.downloads(
        table,
        "conciliacion" if lang == "es" else "reconciliation",
        "reports.paper_reconciliation",
        t("reconciliation"),
        key="reconciliation",
    )

st.subheader(t("audit"))
aud = data.audit()
if aud is None:
    st.info(t("not_available"))
else:
    failed = aud[~aud["holds"].astype(bool)]
    st.markdown(t("audit_summary", failed=fmt.number(len(failed), lang), total=fmt.number(len(aud), lang)))
    st.dataframe(
        pd.DataFrame({t("value"): failed["arithmetic"].map(lambda a: arithmetic(a))}), hide_index=True, width="stretch"
    )
    with st.expander(t("developer")):
        st.dataframe(failed[["check_id", "description", "arithmetic"]], hide_index=True)

st.subheader(t("validation"))
report = data.validation_report()
if report is None:
    st.info(t("validation_missing"))
else:
    st.download_button(
        t("validation_download"), report.read_bytes(), file_name=report.name, mime="text/html", on_click="ignore"
    )
