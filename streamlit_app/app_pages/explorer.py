"""Experience explorer: one experience, its actors, its model and the evidence."""

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

lang = ui.page("p_explorer")
ids = data.experience_ids()
experience_id = st.selectbox(t("pick"), ids, key="experience")

row = data.experiences(lang, experience_id=experience_id).iloc[0]
c = data.classification_of(experience_id).iloc[0]

model = c["articulation_model"]
model_text = label(model) if isinstance(model, str) else f"{t('unclassified')} ({c['unclassified_reason']})"
m1, m2, m3, m4 = st.columns(4)
m1.metric(t("assigned_model"), model_text)
m2.metric(t("family"), label(c["model_family"]) if isinstance(c["model_family"], str) else "—")
m3.metric(t("links"), int(row["n_actor_links"]))
m4.metric(t("allies"), int(row["n_strategic_allies"]))

st.subheader(t("attributes"))
attrs = [
    (t("sector"), label(row["applicant_sector"])), (t("applicant_group"), row["applicant_group"]),
    (t("applicant_type"), row["applicant_type"]), (t("theme"), row["theme_label"]),
    ("Cobertura" if lang == "es" else "Coverage", row["coverage"]), (t("link_range"), row["link_range"]),
    (t("agreement_type"), row["agreement_type"]), (t("agreement_nature"), row["agreement_nature"]),
    (t("capacity_need"), row["capacity_need"]),
    ("Premiada" if lang == "es" else "Awarded", "✓" if row["is_awarded"] else "—"),
    ("Visitada en terreno" if lang == "es" else "Field-visited", "✓" if row["is_field_visited"] else "—"),
]
st.dataframe(pd.DataFrame([(k, "—" if v is None or v != v else str(v)) for k, v in attrs],
                          columns=["attribute", "value"]),
             hide_index=True, column_config={"attribute": t("attribute"), "value": t("value")})

st.subheader(t("actors"))
actors = data.experience_actors(lang, experience_id)
actors["actor_sector"] = actors["actor_sector"].map(label)
st.dataframe(actors, hide_index=True, column_config={
    "link_position": st.column_config.NumberColumn("#"), "actor_type": t("actor_type"),
    "actor_sector": t("actor_sector"), "partner_group": t("partner_group"),
    "is_strategic_ally": st.column_config.CheckboxColumn(t("ally")), "ally_reason": t("reason"),
    "roles": st.column_config.TextColumn(t("roles_col"), width="large"),
    "contributions": st.column_config.TextColumn(t("contributions_col"), width="large"),
})

st.subheader(t("evidence_exp"))
def supported(variable: str) -> list[str]:
    value = c[f"{variable}_models"]
    return value.split(",") if isinstance(value, str) and value else []


evidence = pd.DataFrame([
    {"variable": label(v), "category": c[f"{v}_category"],
     "supports": ", ".join(label(m) for m in supported(v)) or "—",
     **{m: m in supported(v) for m in data.MODELS}}
    for v in data.VARIABLES
])
st.dataframe(evidence, hide_index=True, column_config={
    "variable": t("variable"), "category": t("category"), "supports": t("supports"),
    **{m: st.column_config.CheckboxColumn(label(m)) for m in data.MODELS},
})
scores = pd.DataFrame({"model": [label(m) for m in data.MODELS], "rank": range(4),
                       "score": [int(c[f"score_{m}"]) for m in data.MODELS],
                       "chosen": [m == model for m in data.MODELS]})
st.altair_chart(
    alt.Chart(scores).mark_bar().encode(
        x=alt.X("model:N", sort=alt.SortField("rank"), title=t("model"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("score:Q", title=t("scores"), scale=alt.Scale(domain=[0, 9])),
        color=alt.condition("datum.chosen", alt.value("#a63603"), alt.value("#bdbdbd")),
        tooltip=["model:N", "score:Q"],
    ).properties(height=220),
    width="stretch",
)
st.caption(f"{t('n_evidence')}: {int(c['n_variables_with_evidence'])} / 9")
