"""Roles, contributions and strategic allies: Gráficos 1-2, Tablas 10-11."""

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

lang = ui.page("p_roles")
f = ui.filters(model=True)


def bars(df, category: str, cls: str, title_cat: str, title_cls: str) -> alt.Chart:
    df = df.groupby([category, cls], dropna=False)["n"].sum().reset_index()
    ui.relabel(df, cls)
    return alt.Chart(df).mark_bar().encode(
        x=alt.X("n:Q", title=t("count")),
        y=alt.Y(f"{category}:N", sort="-x", title=title_cat, axis=alt.Axis(labelLimit=260)),
        color=alt.Color(f"{cls}:N", title=title_cls),
        tooltip=[f"{category}:N", f"{cls}:N", "n:Q"],
    )


st.subheader(t("roles"))
roles = data.roles(lang, **f)
st.altair_chart(bars(roles, "role", "role_class", t("role"), t("role_class")), width="stretch")

st.subheader(t("contributions"))
contrib = data.contributions(lang, **f)
st.altair_chart(bars(contrib, "contribution", "contribution_class", t("contribution"),
                     t("contribution_class")), width="stretch")
wide = contrib.pivot_table(index="contribution", columns="actor_sector", values="n",
                           aggfunc="sum", fill_value=0)
wide.columns = [label(c) for c in wide.columns]
wide["Total"] = wide.sum(axis=1)
st.dataframe(wide.sort_values("Total", ascending=False).reset_index(), hide_index=True,
             column_config={"contribution": t("contribution")})

st.subheader(t("ally_reasons"))
allies = data.strategic_allies(lang, **f)
st.metric(t("allies"), int(allies["n"].sum()))
table = allies.assign(applicant_group=allies["applicant_group"].fillna("—")).pivot_table(
    index="reason", columns="applicant_group", values="n", aggfunc="sum", fill_value=0)
table["Total"] = table.sum(axis=1)
st.dataframe(table.sort_values("Total", ascending=False).reset_index(), hide_index=True,
             column_config={"reason": t("reason")})
