"""Capacities, agreements, capacity needs and participation mechanisms."""

import sys
from pathlib import Path

_APP = str(Path(__file__).resolve().parents[1])
if _APP not in sys.path:
    sys.path.insert(0, _APP)

import altair as alt  # noqa: E402
import streamlit as st  # noqa: E402

import data  # noqa: E402
import fmt  # noqa: E402
import reference  # noqa: E402
import ui  # noqa: E402
from i18n import label, t  # noqa: E402

lang = ui.page("p_capacities")
f = ui.filters(model=True)


def by_sector(df, category: str, value: str) -> alt.Chart:
    df = df.groupby([category, "applicant_sector"], dropna=False)[value].sum().reset_index()
    df[category] = df[category].fillna(label(None))
    df["text"] = df[value].map(lambda v: fmt.number(v, lang))
    ui.relabel(df, "sector", "applicant_sector")
    df["axis"] = ui.wrap(df[category])
    present = [c for c in reference.categories("sector") if label(c, "sector") in set(df["applicant_sector"])]
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title=t(value), axis=alt.Axis(format="d")),
            y=alt.Y("axis:N", sort="-x", title=None, axis=ui.wrapped_axis()),
            color=alt.Color("applicant_sector:N", title=t("sector"), scale=ui.colour_scale("sector", present)),
            tooltip=[
                alt.Tooltip(f"{category}:N", title=t("value")),
                alt.Tooltip("applicant_sector:N", title=t("sector")),
                alt.Tooltip("text:N", title=t(value)),
            ],
        )
        .properties(height=ui.band_step(df["axis"]))
    )


st.subheader(t("participation"))
part = data.participation(lang, **f)
ui.chart(by_sector(part, "policy_stage", "mechanisms"))
ui.source_note("marts.fct_participation_mechanisms")
table = part.pivot_table(index="policy_stage", columns="objective", values="mechanisms", aggfunc="sum", fill_value=0)
table["Total"] = table.sum(axis=1)
table = ui.formatted(table.reset_index(), list(table.columns)).rename(columns={"policy_stage": t("policy_stage")})
ui.text_table(table, numbers=True)
ui.downloads(
    table,
    "mecanismos" if lang == "es" else "mechanisms",
    "marts.fct_participation_mechanisms",
    t("participation"),
    key="mechanisms",
)

st.subheader(t("capacities"))
caps = data.capacities(lang, **f)
ui.chart(by_sector(caps, "capacity", "experiences"))
ui.source_note("marts.fct_capacities")

st.subheader(t("agreements"))
agr = data.agreements(lang, **f)
ui.chart(by_sector(agr, "agreement_type", "experiences"))
ui.chart(by_sector(agr, "agreement_nature", "experiences"))
ui.source_note("marts.fct_agreements")

st.subheader(t("needs"))
needs = data.capacity_needs(lang, **f)
ui.chart(by_sector(needs, "capacity_need", "experiences"))
ui.source_note("marts.fct_capacity_needs")
