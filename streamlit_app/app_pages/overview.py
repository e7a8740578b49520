"""Overview: the headline figures (following the filters), the sector and classification splits."""

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

lang = ui.page("p_overview")
f = ui.filters(model=True)

head = data.headline_filtered(**f)
cols = st.columns(4)
for col, key, value in zip(
    cols,
    ("experiences", "links", "allies", "classified"),
    (head["experiences"], head["links"], head["allies"], head["classified"]),
    strict=True,
):
    col.metric(t(key), fmt.number(value, lang))
st.caption(t("see_tables"))

st.subheader(t("sector_split"))
by_sector = data.experience_counts(lang, ("applicant_sector", "theme_label"), **f)
by_sector["n_text"] = by_sector["n"].map(lambda v: fmt.number(v, lang))
ui.relabel(by_sector, "sector", "applicant_sector")
by_sector["theme_axis"] = ui.wrap(by_sector["theme_label"])
ui.chart(
    alt.Chart(by_sector)
    .mark_bar()
    .encode(
        x=alt.X("n:Q", title=t("experiences"), axis=alt.Axis(format="d")),
        y=alt.Y("theme_axis:N", title=None, axis=ui.wrapped_axis()),
        color=alt.Color(
            "applicant_sector:N",
            title=t("sector"),
            scale=ui.colour_scale("sector", present=by_sector["applicant_sector"]),
        ),
        tooltip=[
            alt.Tooltip("theme_label:N", title=t("theme")),
            alt.Tooltip("applicant_sector:N", title=t("sector")),
            alt.Tooltip("n_text:N", title=t("experiences")),
        ],
    )
    .properties(height=ui.band_step(by_sector["theme_axis"]))
)
ui.source_note("marts.dim_experiences")

st.subheader(t("class_split"))
split = data.experience_counts(lang, ("articulation_model", "model_family"), **f)
classified = int(split.loc[split["articulation_model"].notna(), "n"].sum())
split["model"] = split["articulation_model"].fillna("unclassified")
split["text"] = [
    fmt.number(n, lang) if m is None or m != m else f"{fmt.number(n, lang)} ({fmt.share(n / max(classified, 1), lang)})"
    for n, m in zip(split["n"], split["articulation_model"], strict=True)
]
ui.relabel(split, "model", "model")
ui.chart(
    alt.Chart(split)
    .mark_bar()
    .encode(
        y=alt.Y("model:N", sort=[label(m, "model") for m in reference.categories("model")], title=None),
        x=alt.X("n:Q", title=t("experiences"), axis=alt.Axis(format="d")),
        color=alt.Color("model:N", title=None, legend=None, scale=ui.colour_scale("model")),
        tooltip=[alt.Tooltip("model:N", title=t("model")), alt.Tooltip("text:N", title=t("experiences"))],
    )
    .properties(height=alt.Step(34))
    + alt.Chart(split)
    .mark_text(align="left", dx=4)
    .encode(y=alt.Y("model:N", sort=[label(m, "model") for m in reference.categories("model")]), x="n:Q", text="text:N")
)
st.caption(t("share_of_classified", classified=fmt.number(classified, lang)))
ui.source_note("marts.dim_experience_classification")

st.subheader(t("experiences"))
exp = data.experiences(lang, **f, limit=data.MAX_TABLE_ROWS)
if len(exp) < head["experiences"]:
    st.caption(t("rows_shown", shown=fmt.number(len(exp), lang), total=fmt.number(head["experiences"], lang)))
table = exp.assign(
    applicant_sector=exp["applicant_sector"].map(lambda c: label(c, "sector")),
    articulation_model=exp["articulation_model"].map(lambda c: label(c, "model")),
    applicant_group=exp["applicant_group"].fillna(label(None)),
    coverage=exp["coverage"].fillna(label(None)),
    n_actor_links=exp["n_actor_links"].map(lambda v: fmt.number(v, lang)),
    n_strategic_allies=exp["n_strategic_allies"].map(lambda v: fmt.number(v, lang)),
    is_awarded=exp["is_awarded"].map(lambda v: t("yes") if v else t("no")),
)
columns = {
    "experience_id": "ID",
    "applicant_sector": t("sector"),
    "applicant_group": t("applicant_group"),
    "theme_label": t("theme"),
    "coverage": t("coverage"),
    "n_actor_links": t("links"),
    "n_strategic_allies": t("allies"),
    "articulation_model": t("model"),
    "is_awarded": t("awarded"),
}
table = table[list(columns)].rename(columns=columns)
ui.source_note("marts.dim_experiences, marts.dim_experience_classification")
ui.downloads(
    table, "experiencias" if lang == "es" else "experiences", "marts.dim_experiences", t("p_overview"), key="overview"
)
ui.grid_on_request(table, key="show_experiences")
