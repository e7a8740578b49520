"""Roles, contributions and strategic allies of the actors."""

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

lang = ui.page("p_roles")
f = ui.filters(model=True)


def bars(df, category: str, dimension: str, cls: str, title_cls: str) -> alt.Chart:
    df = df.groupby([category, cls], dropna=False)["n"].sum().reset_index()
    total = max(int(df["n"].sum()), 1)
    df["text"] = [f"{fmt.number(n, lang)} ({fmt.share(n / total, lang)})" for n in df["n"]]
    ui.relabel(df, dimension, cls)
    df["axis"] = ui.wrap(df[category])
    present = [c for c in reference.categories(dimension) if label(c, dimension) in set(df[cls])]
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("n:Q", title=t("count"), axis=alt.Axis(format="d")),
            y=alt.Y("axis:N", sort="-x", title=None, axis=ui.wrapped_axis()),
            color=alt.Color(f"{cls}:N", title=title_cls, scale=ui.colour_scale(dimension, present)),
            tooltip=[
                alt.Tooltip(f"{category}:N", title=t("value")),
                alt.Tooltip(f"{cls}:N", title=title_cls),
                alt.Tooltip("text:N", title=t("count")),
            ],
        )
        .properties(height=ui.band_step(df["axis"]))
    )


st.subheader(t("roles"))
roles = data.roles(lang, **f)
ui.chart(bars(roles, "role", "role_class", "role_class", t("role_class")))
ui.source_note("marts.fct_actor_roles")

st.subheader(t("contributions"))
contrib = data.contributions(lang, **f)
ui.chart(bars(contrib, "contribution", "contribution_class", "contribution_class", t("contribution_class")))
wide = contrib.pivot_table(index="contribution", columns="actor_sector", values="n", aggfunc="sum", fill_value=0)
wide = wide[[c for c in reference.categories("sector") if c in wide.columns]]
wide.columns = [label(c, "sector") for c in wide.columns]
wide["Total"] = wide.sum(axis=1)
wide = wide.sort_values("Total", ascending=False)
wide = ui.formatted(wide.reset_index(), list(wide.columns)).rename(columns={"contribution": t("contribution")})
ui.text_table(wide, numbers=True)
ui.source_note("marts.fct_actor_contributions")
ui.downloads(
    wide,
    "aportes" if lang == "es" else "contributions",
    "marts.fct_actor_contributions",
    t("contributions"),
    key="contributions",
)

st.subheader(t("ally_reasons"))
allies = data.strategic_allies(lang, **f)
st.metric(t("allies"), fmt.number(int(allies["n"].sum()), lang))
groups = {row.code: row.label for row in data.applicant_groups(lang).itertuples()}
allies["group"] = allies["applicant_group"].map(lambda c: groups.get(c) if isinstance(c, str) else None)
allies["group"] = allies["group"].fillna(label(None))
allies["reason"] = allies["reason"].fillna(label(None))
table = allies.pivot_table(index="reason", columns="group", values="n", aggfunc="sum", fill_value=0)
table["Total"] = table.sum(axis=1)
table = table.sort_values("Total", ascending=False)
table = ui.formatted(table.reset_index(), list(table.columns)).rename(columns={"reason": t("reason")})
ui.text_table(table, numbers=True)
ui.source_note("marts.fct_strategic_allies")
ui.downloads(
    table, "aliados" if lang == "es" else "allies", "marts.fct_strategic_allies", t("ally_reasons"), key="allies"
)
