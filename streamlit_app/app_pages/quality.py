"""Reproduction and data quality: reconciliation, audit, the latest validation report."""

import sys
from pathlib import Path

_APP = str(Path(__file__).resolve().parents[1])
if _APP not in sys.path:
    sys.path.insert(0, _APP)

import altair as alt  # noqa: E402
import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

import data  # noqa: E402
import ui  # noqa: E402
from i18n import label, t  # noqa: E402

lang = ui.page("p_quality")
st.caption(t("warehouse_file", path=data.db_path()))
with st.expander("reports.*"):
    st.dataframe(data.report_relations(), hide_index=True)

st.subheader(t("reconciliation"))
rec = data.reconciliation()
if rec is None:
    st.info(t("not_available"))
else:
    status = rec.groupby("status").size().reset_index(name="n")
    st.altair_chart(
        alt.Chart(status).mark_bar().encode(
            x=alt.X("n:Q", title=t("count")), y=alt.Y("status:N", sort="-x", title=t("status")),
            color=alt.Color("status:N", legend=None), tooltip=["status:N", "n:Q"],
        ).properties(height=140),
        width="stretch",
    )
    chosen = st.multiselect(t("status"), sorted(status["status"]), key="rec_status")
    shown = rec if not chosen else rec[rec["status"].isin(chosen)]
    cols = [c for c in ["figure_id", "source", "row_label", "column_label", "published_value",
                        "computed_value", "status", "explanation"] if c in shown.columns]
    st.dataframe(shown[cols], hide_index=True, column_config={
        "published_value": t("published"), "computed_value": st.column_config.NumberColumn(t("computed")),
        "status": t("status"), "explanation": st.column_config.TextColumn(width="large")})

st.subheader(t("audit"))
aud = data.audit()
if aud is None:
    st.info(t("not_available"))
else:
    failed = aud[~aud["holds"].astype(bool)]
    st.markdown(t("audit_summary", failed=len(failed), total=len(aud)))
    cols = [c for c in ["check_id", "description", "arithmetic", "printed_value", "expected_value"]
            if c in failed.columns]
    st.dataframe(failed[cols], hide_index=True, column_config={
        "description": st.column_config.TextColumn(width="large"),
        "arithmetic": st.column_config.TextColumn(width="medium")})

st.subheader(t("validation"))
report = data.validation_report()
if report is None:
    st.info(t("validation_missing"))
else:
    html = report.read_text(encoding="utf-8")
    st.download_button(t("validation_download"), html, file_name=report.name, mime="text/html")
    st.iframe(report, height=600)
