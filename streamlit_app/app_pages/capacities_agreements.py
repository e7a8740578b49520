"""Capacities, agreements and participation: Tablas 9, 12-15."""

import sys
from pathlib import Path

_APP = str(Path(__file__).resolve().parents[1])
if _APP not in sys.path:
    sys.path.insert(0, _APP)

import altair as alt  # noqa: E402
import streamlit as st  # noqa: E402

import data  # noqa: E402
import ui  # noqa: E402
from i18n import label, t  # noqa: E402

lang = ui.page("p_capacities")
f = ui.filters(model=True)


def by_sector(df, category: str, value: str, title: str) -> alt.Chart:
    df = df.groupby([category, "applicant_sector"], dropna=False)[value].sum().reset_index()
    ui.relabel(df, "applicant_sector")
    return alt.Chart(df).mark_bar().encode(
        x=alt.X(f"{value}:Q", title=t("count")),
        y=alt.Y(f"{category}:N", sort="-x", title=title, axis=alt.Axis(labelLimit=280)),
        color=alt.Color("applicant_sector:N", title=t("sector")),
        tooltip=[f"{category}:N", "applicant_sector:N", f"{value}:Q"],
    )


st.subheader(t("participation"))
part = data.participation(lang, **f)
st.altair_chart(by_sector(part, "policy_stage", "mechanisms", t("policy_stage")), width="stretch")
st.dataframe(part, hide_index=True, column_config={
    "policy_stage": t("policy_stage"), "objective": t("objective"),
    "applicant_sector": st.column_config.TextColumn(t("sector")),
    "mechanisms": st.column_config.NumberColumn(t("mechanisms"))})

st.subheader(t("capacities"))
caps = data.capacities(lang, **f)
st.altair_chart(by_sector(caps, "capacity", "experiences", t("capacity")), width="stretch")

st.subheader(t("agreements"))
agr = data.agreements(lang, **f)
left, right = st.columns(2)
with left:
    st.altair_chart(by_sector(agr, "agreement_type", "experiences", t("agreement_type")), width="stretch")
with right:
    st.altair_chart(by_sector(agr, "agreement_nature", "experiences", t("agreement_nature")), width="stretch")

st.subheader(t("needs"))
needs = data.capacity_needs(lang, **f)
st.dataframe(
    needs.assign(applicant_sector=needs["applicant_sector"].map(label),
                 capacity_need_class=needs["capacity_need_class"].map(label)),
    hide_index=True,
    column_config={
        "capacity_need": t("capacity_need"), "capacity_need_class": "Clase" if lang == "es" else "Class",
        "applicant_sector": t("sector"),
        "experiences": st.column_config.ProgressColumn(
            t("experiences"), format="%d", min_value=0, max_value=int(needs["experiences"].max() or 1)),
    },
)
