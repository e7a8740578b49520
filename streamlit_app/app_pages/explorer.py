"""Experience explorer: one experience, its actors, and why it has its model."""

import sys
from pathlib import Path

_APP = str(Path(__file__).resolve().parents[1])
if _APP not in sys.path:
    sys.path.insert(0, _APP)

import altair as alt  # noqa: E402
import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

import data  # noqa: E402
import fmt  # noqa: E402
import ui  # noqa: E402
from i18n import category_label, label, t, variable_label  # noqa: E402

lang = ui.page("p_explorer")
experience_id = ui.pick_experience(t("pick"))

row = data.experiences(lang, experience_id=experience_id).iloc[0]
c = data.classification_of(experience_id).iloc[0]
model = c["articulation_model"] if isinstance(c["articulation_model"], str) else None

st.markdown(
    f"**{t('assigned_model')}:** {label(model, 'model')} · "
    f"**{t('family')}:** {label(c['model_family'], 'family') if model else '—'}"
)
m1, m2 = st.columns(2)
m1.metric(t("links"), fmt.number(row["n_actor_links"], lang))
m2.metric(t("allies"), fmt.number(row["n_strategic_allies"], lang))


def text(value: object) -> str:
    return label(None) if value is None or value != value else str(value)


st.subheader(t("attributes"))
attrs = [
    (t("sector"), label(row["applicant_sector"], "sector")),
    (t("applicant_group"), text(row["applicant_group"])),
    (t("applicant_type"), text(row["applicant_type"])),
    (t("theme"), text(row["theme_label"])),
    (t("coverage"), text(row["coverage"])),
    (t("link_range"), text(row["link_range"])),
    (t("agreement_type"), text(row["agreement_type"])),
    (t("agreement_nature"), text(row["agreement_nature"])),
    (t("capacity_need"), text(row["capacity_need"])),
    (t("awarded"), t("yes") if row["is_awarded"] else t("no")),
    (t("field_visited"), t("yes") if row["is_field_visited"] else t("no")),
]
ui.text_table(pd.DataFrame(attrs, columns=[t("attribute"), t("value")]))

st.subheader(t("why_model"))
st.caption(t("why_intro"))


def supported(variable: str) -> list[str]:
    value = c[f"{variable}_models"]
    return value.split(",") if isinstance(value, str) and value else []


why = pd.DataFrame(
    [
        {
            t("variable"): variable_label(v),
            t("category"): category_label(v, c[f"{v}_category"]),
            t("supports"): ", ".join(label(m, "model") for m in supported(v)) or t("no_evidence"),
        }
        for v in data.VARIABLES
    ]
)
ui.text_table(why)
scores = pd.DataFrame(
    {
        "model": [label(m, "model") for m in data.MODELS],
        "rank": range(len(data.MODELS)),
        "score": [int(c[f"score_{m}"]) for m in data.MODELS],
    }
)
scores["text"] = scores["score"].map(lambda v: fmt.number(v, lang))
model_order = scores["model"].tolist()
ui.chart(
    alt.Chart(scores)
    .mark_bar()
    .encode(
        y=alt.Y("model:N", sort=model_order, title=None),
        x=alt.X(
            "score:Q",
            title=t("points"),
            scale=alt.Scale(domain=[0, len(data.VARIABLES)]),
            axis=alt.Axis(format="d", tickMinStep=1),
        ),
        color=alt.Color("model:N", legend=None, scale=ui.colour_scale("model", data.MODELS)),
        tooltip=[alt.Tooltip("model:N", title=t("model")), alt.Tooltip("text:N", title=t("points"))],
    )
    .properties(height=alt.Step(30))
    + alt.Chart(scores)
    .mark_text(align="left", dx=4)
    .encode(y=alt.Y("model:N", sort=model_order), x="score:Q", text="text:N")
)
top = scores["score"].max()
leaders = scores.loc[scores["score"] == top, "model"].tolist()
if model and len(leaders) > 1:
    st.info(t("decided_by_tie", models=", ".join(leaders)))
st.caption(
    f"{t('n_evidence')}: {fmt.number(c['n_variables_with_evidence'], lang)} / {fmt.number(len(data.VARIABLES), lang)}"
)

st.subheader(t("actors"))
actors = data.experience_actors(lang, experience_id)
shown = pd.DataFrame(
    {
        t("actor_type"): actors["actor_type"].map(text),
        t("actor_sector"): actors["actor_sector"].map(lambda s: label(s, "sector")),
        t("partner_group"): actors["partner_group"].map(text),
        t("ally"): actors["is_strategic_ally"].map(lambda v: t("yes") if v else t("no")),
        t("reason"): actors["ally_reason"].map(lambda v: "—" if v is None or v != v else v),
        t("roles_col"): actors["roles"].map(lambda v: "—" if v is None or v != v else v),
        t("contributions_col"): actors["contributions"].map(lambda v: "—" if v is None or v != v else v),
    }
)
ui.text_table(shown)
ui.source_note("marts.fct_actor_links, marts.fct_actor_roles, marts.fct_actor_contributions")
