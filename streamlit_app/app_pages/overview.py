"""Overview: the headline figures, the sector and classification splits."""

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

lang = ui.page("p_overview")
f = ui.filters(model=True)

head = data.headline()
c1, c2, c3, c4 = st.columns(4)
c1.metric(t("experiences"), head["experiences"])
c2.metric(t("links"), head["links"])
c3.metric(t("allies"), head["allies"])
c4.metric(t("classified"), head["classified"])

st.subheader(t("sector_split"))
by_sector = data.experience_counts(lang, ("applicant_sector", "theme_label"), **f)
ui.relabel(by_sector, "applicant_sector")
st.altair_chart(
    alt.Chart(by_sector).mark_bar().encode(
        x=alt.X("n:Q", title=t("experiences")),
        y=alt.Y("theme_label:N", title=t("theme")),
        color=alt.Color("applicant_sector:N", title=t("sector")),
        tooltip=[alt.Tooltip("theme_label:N", title=t("theme")),
                 alt.Tooltip("applicant_sector:N", title=t("sector")), alt.Tooltip("n:Q", title=t("count"))],
    ),
    width="stretch",
)

st.subheader(t("class_split"))
split = data.experience_counts(lang, ("articulation_model", "model_family"), **f)
split["share"] = split["n"] / split["n"].sum() if len(split) else 0
split["order"] = split["articulation_model"].map({m: i for i, m in enumerate(data.MODELS)}).fillna(9)
ui.relabel(split, "articulation_model", "model_family")
split.loc[split["order"] == 9, "articulation_model"] = t("unclassified")
st.altair_chart(
    alt.Chart(split).mark_bar().encode(
        x=alt.X("articulation_model:N", sort=alt.SortField("order"), title=t("model")),
        y=alt.Y("n:Q", title=t("experiences")),
        color=alt.Color("model_family:N", title=t("family")),
        tooltip=["articulation_model:N", "n:Q", alt.Tooltip("share:Q", format=".1%")],
    ),
    width="stretch",
)

n_experiences = int(split["n"].sum())
exp = data.experiences(lang, **f, limit=data.MAX_TABLE_ROWS)
if len(exp) < n_experiences:
    st.caption(t("rows_shown", shown=len(exp), total=n_experiences))
st.dataframe(
    exp.assign(applicant_sector=exp["applicant_sector"].map(label),
               articulation_model=exp["articulation_model"].map(label)),
    hide_index=True,
    column_order=["experience_id", "applicant_sector", "applicant_group", "theme_label", "coverage",
                  "n_actor_links", "n_strategic_allies", "articulation_model", "is_awarded"],
    column_config={
        "experience_id": st.column_config.TextColumn("ID"),
        "applicant_sector": t("sector"),
        "applicant_group": t("applicant_group"),
        "theme_label": t("theme"),
        "coverage": "Cobertura" if lang == "es" else "Coverage",
        "n_actor_links": st.column_config.NumberColumn(t("links")),
        "n_strategic_allies": st.column_config.NumberColumn(t("allies")),
        "articulation_model": t("model"),
        "is_awarded": st.column_config.CheckboxColumn("Premiada" if lang == "es" else "Awarded"),
    },
)
