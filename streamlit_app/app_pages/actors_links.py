"""Actors and links: partner groups and actor sectors, link ranges, every link."""

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

lang = ui.page("p_actors")
f = ui.filters(model=True)

counts = data.link_counts(lang, **f)
n_links = int(counts["n"].sum())
st.metric(t("links"), fmt.number(n_links, lang))

st.subheader(t("links_by_group"))
by_group = counts.copy()
by_group["partner_group"] = by_group["partner_group"].replace("—", label(None))
by_group["n_text"] = by_group["n"].map(lambda v: fmt.number(v, lang))
ui.relabel(by_group, "sector", "actor_sector")
by_group["group_axis"] = ui.wrap(by_group["partner_group"])
ui.chart(
    alt.Chart(by_group)
    .mark_bar()
    .encode(
        x=alt.X("n:Q", title=t("links"), axis=alt.Axis(format="d")),
        y=alt.Y("group_axis:N", sort="-x", title=None, axis=ui.wrapped_axis()),
        color=alt.Color(
            "actor_sector:N", title=t("actor_sector"), scale=ui.colour_scale("sector", present=by_group["actor_sector"])
        ),
        tooltip=[
            alt.Tooltip("partner_group:N", title=t("partner_group")),
            alt.Tooltip("actor_sector:N", title=t("actor_sector")),
            alt.Tooltip("n_text:N", title=t("links")),
        ],
    )
    .properties(height=ui.band_step(by_group["group_axis"]))
)
ui.source_note("marts.fct_actor_links")

st.subheader(t("link_ranges"))
ranges = data.experience_counts(lang, ("applicant_type", "link_range"), **f).dropna(
    subset=["applicant_type", "link_range"]
)
table = ranges.pivot_table(index="applicant_type", columns="link_range", values="n", fill_value=0, aggfunc="sum")
order = sorted(table.columns, key=lambda c: float(str(c).split("-")[0]) if str(c)[0].isdigit() else 1e9)
table = table[order]
table["Total"] = table.sum(axis=1)
table = ui.formatted(table.reset_index(), [c for c in table.columns]).rename(
    columns={"applicant_type": t("applicant_type")}
)
ui.text_table(table, numbers=True)
ui.source_note("marts.dim_experiences")
ui.downloads(
    table,
    "tramos_de_vinculos" if lang == "es" else "link_ranges",
    "marts.dim_experiences",
    t("link_ranges"),
    key="ranges",
)

st.subheader(t("all_links"))
links = data.actor_links(lang, **f, limit=data.MAX_TABLE_ROWS)
columns = {
    "link_id": "ID",
    "experience_id": t("pick"),
    "actor_type": t("actor_type"),
    "actor_sector": t("actor_sector"),
    "partner_group": t("partner_group"),
    "government_level": t("government_level"),
    "is_strategic_ally": t("ally"),
    "ally_reason": t("reason"),
    "n_roles": t("roles_col"),
    "n_contributions": t("contributions_col"),
}
shown = links.assign(
    actor_sector=links["actor_sector"].map(lambda c: label(c, "sector")),
    partner_group=links["partner_group"].replace("—", label(None)),
    government_level=links["government_level"].fillna("—"),
    ally_reason=links["ally_reason"].fillna("—"),
    is_strategic_ally=links["is_strategic_ally"].map(lambda v: t("yes") if v else t("no")),
    n_roles=links["n_roles"].map(lambda v: fmt.number(v, lang)),
    n_contributions=links["n_contributions"].map(lambda v: fmt.number(v, lang)),
)[list(columns)].rename(columns=columns)
if len(links) < n_links:
    st.caption(t("rows_shown", shown=fmt.number(len(links), lang), total=fmt.number(n_links, lang)))
ui.downloads(shown, "vinculos" if lang == "es" else "links", "marts.fct_actor_links", t("all_links"), key="links")
ui.grid_on_request(shown, key="show_links")
