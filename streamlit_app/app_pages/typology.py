"""The typology as the study draws it: Figura 1 (2 families x 4 models), the rule book with the
tie-break disclosed, and the evidence of the nine variables."""

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
import reference  # noqa: E402
import ui  # noqa: E402
from i18n import label, t, variable_label  # noqa: E402

DARK = {"vertical", "territorialised", "vertical_relations", "governance_relations"}


def dot_label(text: str) -> str:
    return text.replace('"', '\\"')


def figure1(counts: dict[str, int], classified: int, lang: str) -> str:
    """Figura 1 in Graphviz DOT: two family boxes, two models each, with their counts."""
    lines = [
        "digraph figura1 {",
        'rankdir=TB; nodesep=0.4; ranksep=0.35; bgcolor="transparent";',
        'node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=13, margin="0.25,0.12"];',
        'edge [color="#888888", arrowsize=0.7];',
    ]
    models = reference.typology_models()
    for family in dict.fromkeys(m["family"] for m in models):
        members = [m for m in models if m["family"] == family]
        n = sum(counts.get(m["model"], 0) for m in members)
        colour = reference.colour("family", family)
        head = (
            f"{label(family, 'family')}\\n{fmt.number(n, lang)} / {fmt.number(classified, lang)}"
            f" ({fmt.share(n / max(classified, 1), lang)})"
        )
        lines.append(f'subgraph cluster_{family} {{ label=""; style="rounded"; color="{colour}"; penwidth=2;')
        lines.append(f'{family} [label="{dot_label(head)}", fillcolor="{colour}", fontcolor="white", fontsize=14];')
        for m in members:
            code = m["model"]
            n_model = counts.get(code, 0)
            text = (
                f"{label(code, 'model')}\\n{fmt.number(n_model, lang)}"
                f" ({fmt.share(n_model / max(classified, 1), lang)})"
            )
            font = "white" if code in DARK else "black"
            lines.append(
                f'{code} [label="{dot_label(text)}", fillcolor="{reference.colour("model", code)}", '
                f'fontcolor="{font}"];'
            )
            lines.append(f"{family} -> {code};")
        lines.append("}")
    lines.append("}")
    return "\n".join(lines)


lang = ui.page("p_typology")
f = ui.filters(model=False)

groups = data.classification_counts(f["theme"], f["sector"])
counts = groups.dropna(subset=["articulation_model"]).groupby("articulation_model")["n"].sum().to_dict()
ties = data.tie_breaks(f["theme"], f["sector"])
classified, experiences = ties["classified"], ties["experiences"]

st.subheader(t("figure1"))
st.graphviz_chart(figure1(counts, classified, lang), width="stretch")
st.caption(t("figure1_note", classified=fmt.number(classified, lang)))
printed = data.study_cells()
if printed is not None and not any(f.values()):
    family_figures = printed[printed["figure_id"].str.startswith("txt.classification_")]
    for r in family_figures.itertuples():
        if r.unit == "percent":
            d = fmt.decimals_of(r.published_text)
            st.markdown(
                f"- «{r.row_label}»: {t('printed')} **{fmt.percent(r.published_value, lang, d)}**, "
                f"{t('warehouse')} {fmt.computed(r.computed_value, r.published_text, lang)}{fmt.percent_sign(lang)} "
                f"({label(r.status, 'status')})"
            )
ui.source_note("marts.dim_experience_classification")

st.subheader(t("rulebook"))
st.markdown(t("rulebook_intro"))
study = {} if printed is None else dict(zip(printed["figure_id"], printed["published_value"], strict=True))
gaps = 9 - reference.min_variables_with_evidence() + 1
st.markdown(
    "\n".join(
        [
            f"1. {t('rule_1')}",
            f"2. {t('rule_2')}",
            f"3. {t('rule_3')}",
            f"4. {t('rule_4', ties=fmt.number(ties['tied'], lang), classified=fmt.number(classified, lang))}",
            "5. "
            + t(
                "rule_5",
                gaps=fmt.number(gaps, lang),
                study_classified=fmt.number(study.get("txt.classification_classified"), lang),
                study_experiences=fmt.number(study.get("txt.experiences_analysed"), lang),
                classified=fmt.number(classified, lang),
                experiences=fmt.number(experiences, lang),
            ),
        ]
    )
)
st.markdown(f"**{t('rule_table')}**")
rules = pd.DataFrame(
    [
        {
            t("variable"): variable_label(v["variable"]),
            **{label(m["model"], "model"): v[f"{m['model']}_es"] for m in reference.typology_models()},
        }
        for v in reference.typology_variables()
    ]
)
ui.text_table(rules)
st.caption(t("source") + ": Fernández (2009), III.6")
st.caption(t("why_link"))

st.subheader(t("evidence"))
shares = data.evidence_shares(f["theme"], f["sector"])
evidence = pd.DataFrame(
    {
        "variable": shares["variable"].map(variable_label),
        "order": shares["variable_order"].astype("int64"),
        "model": shares["model"].map(lambda m: label(m, "model")),
        "rank": shares["model_order"].astype("int64"),
        "share": shares["share"].astype(float),
    }
)
evidence["text"] = evidence["share"].map(lambda v: fmt.share(v, lang, 0))
evidence["axis"] = ui.wrap(evidence["variable"], 20)
evidence["model_axis"] = ui.wrap(evidence["model"], 12)
x_order = list(dict.fromkeys(evidence.sort_values("rank")["model_axis"]))
y_order = list(dict.fromkeys(evidence.sort_values("order")["axis"]))
heat = alt.Chart(evidence).encode(
    x=alt.X("model_axis:N", sort=x_order, title=None, axis=ui.wrapped_axis(labelAngle=0, orient="top")),
    y=alt.Y("axis:N", sort=y_order, title=None, axis=ui.wrapped_axis()),
)
ui.chart(
    (
        heat.mark_rect().encode(
            color=alt.Color("share:Q", title=t("share"), legend=None, scale=alt.Scale(scheme="blues", domain=[0, 1])),
            tooltip=[
                alt.Tooltip("variable:N", title=t("variable")),
                alt.Tooltip("model:N", title=t("model")),
                alt.Tooltip("text:N", title=t("share")),
            ],
        )
        + heat.mark_text().encode(
            text="text:N", color=alt.condition("datum.share > 0.6", alt.value("white"), alt.value("black"))
        )
    ).properties(height=ui.band_step(evidence["axis"], 34))
)
ui.source_note("marts.dim_experience_classification")
