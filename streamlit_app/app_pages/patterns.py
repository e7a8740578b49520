"""Patterns by applicant: the links of a chosen applicant group by partner group and theme."""

import sys
from pathlib import Path

_APP = str(Path(__file__).resolve().parents[1])
if _APP not in sys.path:
    sys.path.insert(0, _APP)

import altair as alt  # noqa: E402
import streamlit as st  # noqa: E402

import data  # noqa: E402
import fmt  # noqa: E402
import ui  # noqa: E402
from i18n import label, t  # noqa: E402

lang = ui.page("p_patterns")
groups = data.applicant_groups(lang)
options = groups["code"].tolist()
names = {
    row.code: f"{row.label if isinstance(row.label, str) else label(None)} ({fmt.number(row.experiences, lang)})"
    for row in groups.itertuples()
}
group = st.selectbox(
    t("applicant_group"), options, key="applicant_group", format_func=lambda c: names.get(c, label(None))
)
st.caption(t("patterns_intro"))

table = data.partner_groups_by_theme(lang, group)
table["partner_group"] = table["partner_group"].replace("—", label(None))
table["links_text"] = table["links"].map(lambda v: fmt.number(v, lang))
table["experiences_text"] = table["experiences"].map(lambda v: fmt.number(v, lang))
table["theme_axis"] = ui.wrap(table["theme"], 14)
base = alt.Chart(table).encode(
    x=alt.X("theme_axis:N", title=None, axis=ui.wrapped_axis(labelAngle=0, orient="top")),
    y=alt.Y("partner_group:N", title=None),
)
ui.chart(
    (
        base.mark_rect().encode(
            color=alt.Color(
                "links:Q", title=t("links"), scale=alt.Scale(scheme="blues"), legend=alt.Legend(format="d")
            ),
            tooltip=[
                alt.Tooltip("partner_group:N", title=t("partner_group")),
                alt.Tooltip("theme:N", title=t("theme")),
                alt.Tooltip("links_text:N", title=t("links")),
                alt.Tooltip("experiences_text:N", title=t("experiences")),
            ],
        )
        + base.mark_text(fontSize=12).encode(
            text="links_text:N", color=alt.condition("datum.links > 20", alt.value("white"), alt.value("black"))
        )
    ).properties(height=alt.Step(26))
)
ui.source_note("marts.fct_actor_links, marts.dim_experiences")
wide = table.pivot_table(index="partner_group", columns="theme", values="links", fill_value=0, aggfunc="sum")
wide["Total"] = wide.sum(axis=1)
wide = ui.formatted(wide.reset_index(), list(wide.columns)).rename(columns={"partner_group": t("partner_group")})
ui.text_table(wide, numbers=True)
ui.downloads(wide, "patrones" if lang == "es" else "patterns", "marts.fct_actor_links", t("p_patterns"), key="patterns")
