"""Patterns by applicant: Tablas 5-8, partner groups by theme for a chosen applicant group."""

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

lang = ui.page("p_patterns")
groups = data.applicant_groups(lang)
options = groups["code"].tolist()
names = {row.code: f"{row.label} ({row.experiences})" for row in groups.itertuples()}
group = st.selectbox(t("applicant_group"), options, key="applicant_group",
                     format_func=lambda c: names.get(c, t("no_info")))
st.caption(t("patterns_intro"))

table = data.partner_groups_by_theme(lang, group)
st.altair_chart(
    alt.Chart(table).mark_rect().encode(
        x=alt.X("theme:N", title=t("theme"), axis=alt.Axis(labelAngle=-20, labelLimit=180)),
        y=alt.Y("partner_group:N", title=t("partner_group")),
        color=alt.Color("links:Q", title=t("links"), scale=alt.Scale(scheme="blues")),
        tooltip=["partner_group:N", "theme:N", "links:Q", "experiences:Q"],
    ) + alt.Chart(table).mark_text(fontSize=11).encode(x="theme:N", y="partner_group:N", text="links:Q"),
    width="stretch",
)
wide = table.pivot_table(index="partner_group", columns="theme", values="links", fill_value=0)
wide["Total"] = wide.sum(axis=1)
st.dataframe(wide.reset_index(), hide_index=True, column_config={"partner_group": t("partner_group")})
