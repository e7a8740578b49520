"""Actors and links: Tablas 3-4."""

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

lang = ui.page("p_actors")
f = ui.filters(model=True)

counts = data.link_counts(lang, **f)
n_links = int(counts["n"].sum())
st.metric(t("links"), n_links)

st.subheader(t("links_by_group"))
by_group = counts.dropna(subset=["actor_sector"]).reset_index(drop=True)
ui.relabel(by_group, "actor_sector")
st.altair_chart(
    alt.Chart(by_group).mark_bar().encode(
        x=alt.X("n:Q", title=t("links")),
        y=alt.Y("partner_group:N", sort="-x", title=t("partner_group")),
        color=alt.Color("actor_sector:N", title=t("actor_sector")),
        tooltip=["partner_group:N", "actor_sector:N", "n:Q"],
    ),
    width="stretch",
)

st.subheader(t("link_ranges"))
ranges = data.experience_counts(lang, ("applicant_type", "link_range"), **f).dropna(
    subset=["applicant_type", "link_range"])
table = ranges.pivot_table(index="applicant_type", columns="link_range", values="n", fill_value=0)
table = table.reindex(columns=[c for c in ["0-5", "5-10", "10-15", "15-20"] if c in table.columns])
table["Total"] = table.sum(axis=1)
st.dataframe(table.reset_index(), hide_index=True,
             column_config={"applicant_type": t("applicant_type")})

with st.expander(t("all_links")):
    links = data.actor_links(lang, **f, limit=data.MAX_TABLE_ROWS)
    if len(links) < n_links:
        st.caption(t("rows_shown", shown=len(links), total=n_links))
    st.dataframe(
        links, hide_index=True,
        column_config={
            "link_id": "ID", "experience_id": t("pick"), "actor_type": t("actor_type"),
            "actor_sector": t("actor_sector"), "partner_group": t("partner_group"),
            "is_strategic_ally": st.column_config.CheckboxColumn(t("ally")),
            "n_roles": st.column_config.NumberColumn(t("roles_col")),
            "n_contributions": st.column_config.NumberColumn(t("contributions_col")),
        },
    )
