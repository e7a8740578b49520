"""The typology: the study's missing Figure 1, drawn from experience_classification."""

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

lang = ui.page("p_typology")
f = ui.filters(model=False)
st.markdown(t("typology_intro"))

groups = data.classification_counts(f["theme"], f["sector"])
total = int(groups["n"].sum())
unclassified = int(groups.loc[groups["articulation_model"].isna(), "n"].sum())
st.subheader(t("models_families"))
counts = groups.dropna(subset=["articulation_model", "model_family"]).set_index(
    ["articulation_model", "model_family"])["n"].reindex(
    pd.MultiIndex.from_tuples(list(data.FAMILIES.items())), fill_value=0).reset_index()
counts.columns = ["model", "family", "n"]
counts["share"] = counts["n"] / max(total, 1)
counts["rank"] = range(1, len(counts) + 1)
counts["model_label"] = counts["model"].map(label)
counts["family_label"] = counts["family"].map(label)
base = alt.Chart(counts).encode(
    x=alt.X("model_label:N", sort=[label(m) for m in data.MODELS], title=None, axis=alt.Axis(labelAngle=0)),
)
fig1 = (
    base.mark_bar().encode(
        y=alt.Y("n:Q", title=t("experiences")),
        color=alt.Color("model:N", scale=alt.Scale(domain=list(ui.MODEL_COLORS),
                                                   range=list(ui.MODEL_COLORS.values())), legend=None),
        tooltip=[alt.Tooltip("model_label:N", title=t("model")), alt.Tooltip("n:Q", title=t("count")),
                 alt.Tooltip("share:Q", format=".1%", title=t("share"))],
    )
    + base.mark_text(dy=-8).encode(y="n:Q", text=alt.Text("label:N"))
    .transform_calculate(label="datum.n + ' (' + format(datum.share, '.0%') + ')'")
).properties(height=280, width=260).facet(
    column=alt.Column("family_label:N", title=None, sort=[label(v) for v in dict.fromkeys(data.FAMILIES.values())],
                      header=alt.Header(labelFontSize=14, labelFontWeight="bold")),
).resolve_scale(x="independent")
st.altair_chart(fig1)
st.caption(f"{t('unclassified')}: {unclassified} / {total}")

st.subheader(t("evidence"))
shares = data.evidence_shares(f["theme"], f["sector"])
evidence = pd.DataFrame({
    "variable": shares["variable"].map(label), "order": shares["variable_order"].astype("int64"),
    "model": shares["model"].map(label), "rank": shares["model_order"].astype("int64"),
    "share": shares["share"].astype(float),
})
heat = alt.Chart(evidence).encode(
    x=alt.X("model:N", sort=alt.SortField("rank"), title=t("model"), axis=alt.Axis(labelAngle=0, orient="top")),
    y=alt.Y("variable:N", sort=alt.SortField("order"), title=t("variable"), axis=alt.Axis(labelLimit=300)),
)
st.altair_chart(
    (heat.mark_rect().encode(color=alt.Color("share:Q", title=t("share"), scale=alt.Scale(scheme="oranges", domain=[0, 1]),
                                             legend=alt.Legend(format="%")),
                             tooltip=["variable:N", "model:N", alt.Tooltip("share:Q", format=".0%")])
     + heat.mark_text().encode(text=alt.Text("share:Q", format=".0%"),
                               color=alt.condition("datum.share > 0.6", alt.value("white"), alt.value("black")))
     ).properties(height=360),
    width="stretch",
)

st.subheader(t("scores"))
scores = data.classification_scores(f["theme"], f["sector"], limit=data.MAX_TABLE_ROWS)
if len(scores) < total:
    st.caption(t("rows_shown", shown=len(scores), total=total))
scores["articulation_model"] = scores["articulation_model"].map(
    lambda m: t("unclassified") if m is None or m != m else label(m))
st.dataframe(scores, hide_index=True, column_config={
    "experience_id": "ID", "articulation_model": t("model"),
    **{f"score_{m}": st.column_config.ProgressColumn(label(m), format="%d", min_value=0, max_value=9)
       for m in data.MODELS},
    "n_variables_with_evidence": st.column_config.NumberColumn(t("n_evidence")),
})
