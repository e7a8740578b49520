"""What every page shares: the state kept in the URL, the header, the filters, colours, notes.

State (language, filters, the chosen experience) lives in session keys of its own (``_lang``,
``_theme``, ...), not only in the widgets: Streamlit forgets a widget's value when another page
is shown, so each page recreates its widgets from these keys, and every run writes them to
``st.query_params``. A URL such as ``/typology?lang=en&theme=social_development`` therefore
opens the same view in a new browser, and the language and filters survive a page change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import altair as alt
import pandas as pd
import streamlit as st

import data
import exports
import fmt
import reference
from i18n import LANG_KEY, LANG_STATE, label, lang, t

#: URL parameter -> session key of the state kept across pages.
PARAMS = {"lang": LANG_STATE, "theme": "_theme", "sector": "_sector", "model": "_model", "exp": "_exp"}
_READY = "_state_ready"


def init_state() -> None:
    """Read the URL's parameters into the session once per session (a shared link wins)."""
    ss = st.session_state
    if ss.get(_READY):
        return
    params = st.query_params
    for param, key in PARAMS.items():
        ss[key] = params.get(param) or None
    ss[LANG_STATE] = "en" if ss[LANG_STATE] == "en" else "es"
    ss[_READY] = True


def publish_state() -> None:
    """Write the kept state to the URL (only the parameters that are set)."""
    wanted = {param: st.session_state.get(key) for param, key in PARAMS.items()}
    wanted = {k: str(v) for k, v in wanted.items() if v}
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def _keep(widget_key: str, state_key: str, to_state: Callable = lambda v: v) -> Callable[[], None]:
    def changed() -> None:
        st.session_state[state_key] = to_state(st.session_state[widget_key])

    return changed


def page(title_key: str, *, needs_warehouse: bool = True) -> str:
    """Language switch, title and notice; stop with a message when there is no warehouse."""
    init_state()
    st.session_state[LANG_KEY] = lang() == "en"
    st.sidebar.toggle("English", key=LANG_KEY, on_change=_keep(LANG_KEY, LANG_STATE, lambda on: "en" if on else "es"))
    publish_state()
    st.title(t(title_key))
    st.warning(t("notice_short") + f" [{t('notice_more')}](reconstruction?lang={lang()})", icon=":material/info:")
    if needs_warehouse and data.file_key() is None:
        st.info(t("no_warehouse_plain"))
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
        st.sidebar.caption(t("build_info", build=short_id(build["invocation_id"]), built_at=built_at))


#: The option "all" of a filter (Streamlit reads a None value as "nothing chosen yet").
ALL = ""


def _select(
    container, title: str, options: Sequence, state_key: str, widget_key: str, format_func: Callable, **kwargs
) -> object:
    """A selectbox bound to ``state_key`` (kept across pages and in the URL); ALL returns None."""
    current = st.session_state.get(state_key) or ALL
    if current not in options:
        current = options[0]
    st.session_state[state_key] = current or None
    st.session_state[widget_key] = current
    chosen = container.selectbox(
        title,
        options,
        key=widget_key,
        format_func=format_func,
        on_change=_keep(widget_key, state_key, lambda v: v or None),
        **kwargs,
    )
    return chosen or None


def filters(*, theme: bool = True, sector: bool = True, model: bool = False) -> dict[str, str | None]:
    """Sidebar filters; returns the chosen codes (None for all). Kept across pages and in the URL."""
    chosen: dict[str, str | None] = {"theme": None, "sector": None, "model": None}
    st.sidebar.subheader(t("filters"))
    if theme:
        labels = dict(data.themes(lang()).itertuples(index=False, name=None))
        chosen["theme"] = _select(
            st.sidebar,
            t("theme"),
            [ALL, *labels],
            "_theme",
            "f_theme",
            lambda c: t("all") if c == ALL else labels.get(c, label(None)),
        )
    if sector:
        chosen["sector"] = _select(
            st.sidebar,
            t("sector"),
            [ALL, "public", "civil_society"],
            "_sector",
            "f_sector",
            lambda c: t("all") if c == ALL else label(c, "sector"),
        )
    if model:
        chosen["model"] = _select(
            st.sidebar,
            t("model"),
            [ALL, *data.MODELS],
            "_model",
            "f_model",
            lambda c: t("all") if c == ALL else label(c, "model"),
        )
    publish_state()
    if any(chosen.values()):
        st.caption(t("filtered_note"))
    return chosen


def pick_experience(title: str) -> str:
    """The experience chosen (kept across pages and in the URL as ``exp``).

    The list holds the first data.MAX_PICKER_IDS experiences (all of the study's 120); any other
    id of the warehouse can be typed in (a scale build has N times more), and one kept in the
    URL is listed first.
    """
    listed = data.experience_ids(data.MAX_PICKER_IDS)
    total = data.headline()["experiences"]
    ids, current = listed, st.session_state.get("_exp")
    if current and current not in listed and data.has_experience(current):
        ids = [current, *listed]
    elif current and current not in listed:
        st.caption(t("exp_unknown", exp=current))
    chosen = _select(st, title, ids, "_exp", "experience", lambda c: c, accept_new_options=total > len(listed))
    if total > len(listed):
        st.caption(t("exp_listed", shown=fmt.number(len(listed), lang()), total=fmt.number(total, lang())))
    publish_state()
    return chosen


# --- colours, charts and notes -------------------------------------------------------------------


def colour_scale(
    dimension: str, categories: Sequence[str] | None = None, present: Sequence[str] | None = None
) -> alt.Scale:
    """The palette's colours of ``dimension`` keyed by the labels in the current language; only
    the ``categories`` given, or those whose label is among ``present`` (the legend's entries)."""
    cats = list(categories) if categories is not None else reference.categories(dimension)
    if present is not None:
        shown = set(present)
        cats = [c for c in cats if label(c, dimension) in shown]
    return alt.Scale(domain=[label(c, dimension) for c in cats], range=[reference.colour(dimension, c) for c in cats])


def relabel(df: pd.DataFrame, dimension: str, *columns: str) -> pd.DataFrame:
    """Replace codes of a palette dimension by their labels in the current language, in place."""
    for column in columns:
        df[column] = df[column].map(lambda c: label(c, dimension))
    return df


#: An axis whose labels were wrapped by :func:`wrap` (lines joined by "|").
def wrapped_axis(**kwargs) -> alt.Axis:
    return alt.Axis(labelExpr="split(datum.label, '|')", labelLimit=0, labelOverlap=False, **kwargs)


def band_step(wrapped: pd.Series, minimum: int = 26) -> alt.Step:
    """A band tall enough for the most lines of a wrapped label (13 px a line)."""
    lines = int(wrapped.astype(str).str.count(r"\|").max() or 0) + 1 if len(wrapped) else 1
    return alt.Step(max(minimum, 13 * lines + 8))


def wrap(values: pd.Series, width: int = 22) -> pd.Series:
    """Labels broken into lines of about ``width`` characters (for :func:`wrapped_axis`), so that
    long category names fit beside the bars at phone width."""
    import textwrap

    return values.map(lambda v: "|".join(textwrap.wrap(str(v), width)) or str(v))


def chart(spec: alt.TopLevelMixin, **kwargs) -> None:
    """Draw an Altair chart full width, with the page's fonts; legends below, one entry a line."""
    st.altair_chart(
        spec.configure_view(stroke=None)
        .configure_axis(labelLimit=0, titleLimit=0)
        .configure_legend(labelLimit=0, titleLimit=0, orient="bottom", direction="vertical"),
        width="stretch",
        **kwargs,
    )


def source_note(what: str) -> None:
    """The plain-language source under a chart or table."""
    st.caption(t("source_marts", what=what))


def formatted(df: pd.DataFrame, columns: Sequence[str], decimals: int = 0) -> pd.DataFrame:
    """Columns of numbers turned into text through fmt (the grid then shows them as printed)."""
    out = df.copy()
    for column in columns:
        out[column] = out[column].map(lambda v: fmt.number(v, lang(), decimals))
    return out


def downloads(frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, source: str, title: str, key: str) -> None:
    """Excel (with a provenance sheet) and CSV (``;``, decimal comma in Spanish) of ``frame``
    (or of what the callable returns, built only when a button is pressed), whose column headers
    are already in the page's language."""
    make = frame if callable(frame) else (lambda: frame)
    prov, sheet, current = provenance(source, title), t("prov_sheet"), lang()  # the download is built later
    # one row that wraps at phone width (three elements; columns took six, each a React node drawn
    # by every new tab)
    row = st.container(horizontal=True)
    row.download_button(
        t("download_xlsx"),
        lambda: exports.workbook({name: make()}, prov, sheet),
        file_name=f"{name}.xlsx",
        key=f"xlsx_{key}",
        icon=":material/download:",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    row.download_button(
        t("download_csv"),
        lambda: exports.csv_bytes(make(), current),
        file_name=f"{name}.csv",
        key=f"csv_{key}",
        icon=":material/download:",
        on_click="ignore",
        mime="text/csv",
    )


def grid_on_request(frame: pd.DataFrame, key: str) -> None:
    """A long row-level table as a data grid, drawn only once the reader turns on its toggle
    ("Mostrar la tabla (N filas)"): the first grid of a tab costs the browser 0.3-0.4 s of a new
    tab's load on a 2-core machine (bench/README.md); its downloads go beside the toggle."""
    if st.toggle(t("show_table", n=fmt.number(len(frame), lang())), key=key):
        st.dataframe(frame, hide_index=True)


def provenance(source: str, title: str) -> list[tuple[str, str]]:
    """The rows of a download's provenance sheet."""
    build = data.build_info() or {}
    built_at = pd.Timestamp(build["built_at"]).strftime("%Y-%m-%d %H:%M") if build else "—"
    return [
        (t("prov_study"), t("prov_study_value")),
        (t("prov_title"), title),
        (t("prov_source"), source),
        (t("prov_data"), t("prov_data_value")),
        (t("prov_build"), str(build.get("invocation_id", "—"))),
        (t("prov_built_at"), built_at),
    ]


_TABLE_CSS = """<style>
.texto-wrap {overflow-x: auto;}
table.texto {border-collapse: collapse; font-size: .86rem; line-height: 1.3; width: 100%;}
table.texto th, table.texto td {border: 1px solid #d0d0d0; padding: .3rem .5rem; vertical-align: top;
  text-align: left;}
table.texto thead th {background: #f3f3f3; font-weight: 600;}
table.texto tbody th {background: #fafafa; font-weight: 500; min-width: 8rem;}
table.texto td.n {text-align: right; white-space: nowrap;}
table.texto.numeros thead th + th {text-align: right;}
</style>"""


def text_table_html(frame: pd.DataFrame, numbers: bool = False) -> str:
    """A table of words (wrapped, nothing cut), as HTML: the first column is the row header;
    with ``numbers``, the other cells (numbers already written by fmt) are aligned right.

    The page's summary tables are drawn this way rather than as data grids: they wrap and read as
    printed, and a new tab draws them at a fraction of a grid's cost (a grid's code and canvas
    cost 0.3-0.4 s per tab on a 2-core machine). Long row-level tables stay grids.
    """
    import html

    cell = '<td class="n">' if numbers else "<td>"
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>"
        + f"<th>{html.escape(str(row[0]))}</th>"
        + "".join(f"{cell}{html.escape(str(v))}</td>" for v in row[1:])
        + "</tr>"
        for row in frame.itertuples(index=False, name=None)
    )
    kind = "texto numeros" if numbers else "texto"
    return (
        f'{_TABLE_CSS}<div class="texto-wrap"><table class="{kind}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def text_table(frame: pd.DataFrame, numbers: bool = False) -> None:
    """:func:`text_table_html` drawn on the page."""
    st.html(text_table_html(frame, numbers))
