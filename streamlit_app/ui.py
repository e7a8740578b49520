"""What every page shares: the language switch, the reconstruction notice, the build read, the filters."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import data
from i18n import LANG_KEY, label, lang, t

SECTOR_COLORS = {"public": "#1f77b4", "civil_society": "#2ca02c", "market": "#ff7f0e", "other": "#7f7f7f"}
MODEL_COLORS = {"vertical": "#08519c", "consultativo": "#6baed6", "colaborativo": "#fd8d3c",
                "territorializado": "#a63603"}


def page(title_key: str, *, needs_warehouse: bool = True) -> str:
    """Sidebar switch, title and notice; stop with a message when there is no warehouse."""
    st.sidebar.toggle(t("english"), key=LANG_KEY)
    st.title(t(title_key))
    st.warning(t("notice") + f" [{t('notice_link')}](reconstruction)", icon=":material/info:")
    if needs_warehouse and data.file_key() is None:
        st.info(t("no_warehouse", path=data.db_path()))
        st.stop()
    build_caption()
    return lang()


def short_id(invocation_id: str) -> str:
    """The first block of a build's invocation id (8 hex digits), as the sidebar shows it."""
    return str(invocation_id)[:8]


def build_caption() -> None:
    """Which build the page reads: reports.warehouse_build's short invocation id and time."""
    build = data.build_info()
    if build:
        built_at = pd.Timestamp(build["built_at"]).strftime("%Y-%m-%d %H:%M")
        st.sidebar.caption(t("build_info", build=short_id(build["invocation_id"]), built_at=built_at),
                           help=str(build["invocation_id"]))


def filters(*, theme: bool = True, sector: bool = True, model: bool = False) -> dict[str, str | None]:
    """Sidebar filters; returns the chosen codes (None for all)."""
    chosen: dict[str, str | None] = {"theme": None, "sector": None, "model": None}
    st.sidebar.subheader(t("filters"))
    if theme:
        labels = dict(data.themes(lang()).itertuples(index=False, name=None))
        chosen["theme"] = st.sidebar.selectbox(
            t("theme"), [None, *labels], key="f_theme",
            format_func=lambda c: t("all") if c is None else labels.get(c, c))
    if sector:
        chosen["sector"] = st.sidebar.selectbox(
            t("sector"), [None, "public", "civil_society"], key="f_sector",
            format_func=lambda c: t("all") if c is None else label(c))
    if model:
        chosen["model"] = st.sidebar.selectbox(
            t("model"), [None, *data.MODELS], key="f_model",
            format_func=lambda c: t("all") if c is None else label(c))
    return chosen


def relabel(df, *columns: str):
    """Replace codes by their labels in the current language, in place; returns df."""
    for column in columns:
        df[column] = df[column].map(label)
    return df
