"""SQL console: one read-only query at a time over the marts and reports (see sandbox.py)."""

import re
import sys
from pathlib import Path

_APP = str(Path(__file__).resolve().parents[1])
if _APP not in sys.path:
    sys.path.insert(0, _APP)

import streamlit as st  # noqa: E402

import data  # noqa: E402
import fmt  # noqa: E402
import sandbox  # noqa: E402
import ui  # noqa: E402
from i18n import t  # noqa: E402

ANALYSES = data.REPO_ROOT / "analyses"
REF = re.compile(r"\{\{\s*ref\(\s*['\"](\w+)['\"]\s*\)\s*\}\}")
SQL_KEY, EXAMPLE_KEY, OUTCOME_KEY = "sql_text", "sql_example", "sql_outcome"

EXAMPLES = {
    "sql_ex_links": (
        "select actor_sector, count(*) as links, count(distinct experience_id) as experiences\n"
        "from marts.fct_actor_links\ngroup by actor_sector\norder by links desc"
    ),
    "sql_ex_models": (
        "select articulation_model, model_family, count(*) as experiences\n"
        "from marts.dim_experience_classification\ngroup by all\norder by experiences desc"
    ),
    "sql_ex_allies": (
        "select e.applicant_sector, a.reason_label_{lang} as reason, count(*) as allies\n"
        "from marts.fct_strategic_allies as a\n"
        "join marts.dim_experiences as e using (experience_id)\n"
        "group by all\norder by e.applicant_sector, allies desc"
    ),
    "sql_ex_reconciliation": (
        "select status, count(*) as figures\nfrom reports.paper_reconciliation\ngroup by status\norder by figures desc"
    ),
}


def number(value: int, lang: str) -> str:
    """A whole number with the language's thousands separator."""
    return fmt.number(value, lang)


def analyses_examples() -> dict[str, str]:
    """The project's analyses/ queries, their dbt refs written as ``marts.<model>``."""
    found = {}
    for path in sorted(ANALYSES.glob("*.sql")):
        text = REF.sub(lambda m: f"marts.{m.group(1)}", path.read_text(encoding="utf-8"))
        if "{{" not in text and "{%" not in text:
            found[f"analyses/{path.name}"] = text.strip()
    return found


def examples(lang: str) -> dict[str, tuple[str, str]]:
    """Id -> (title, SQL) of every example, in the page's language."""
    shown = {key: (t(key), sql.replace("{lang}", lang)) for key, sql in EXAMPLES.items()}
    return {**shown, **{name: (name, sql) for name, sql in analyses_examples().items()}}


lang = ui.page("p_sql")
st.markdown(t("sql_intro"))
st.caption(
    t(
        "sql_limits",
        seconds=f"{sandbox.TIME_LIMIT_S:g}",
        rows=number(sandbox.MAX_ROWS, lang),
        memory=sandbox.MEMORY_LIMIT,
        threads=sandbox.THREADS,
    )
)

choices = examples(lang)


def load_example() -> None:
    st.session_state[SQL_KEY] = choices.get(st.session_state[EXAMPLE_KEY], ("", ""))[1]
    st.session_state.pop(OUTCOME_KEY, None)


st.selectbox(
    t("sql_examples"), list(choices), key=EXAMPLE_KEY, on_change=load_example, format_func=lambda key: choices[key][0]
)
if SQL_KEY not in st.session_state:
    st.session_state[SQL_KEY] = next(iter(choices.values()))[1]
sql = st.text_area(t("sql_query"), key=SQL_KEY, height=220)

if st.button(t("sql_run"), key="sql_run", type="primary", icon=":material/play_arrow:"):
    try:
        with st.spinner(t("sql_running")):
            st.session_state[OUTCOME_KEY] = sandbox.run(sql, data.db_path())
    except sandbox.SandboxError as error:
        st.session_state[OUTCOME_KEY] = error
    except Exception:  # noqa: BLE001 - nothing but a message reaches the page
        st.session_state[OUTCOME_KEY] = sandbox.SandboxError("crashed")

outcome = st.session_state.get(OUTCOME_KEY)
if isinstance(outcome, sandbox.SandboxError):
    params = dict(outcome.params)
    detail = params.pop("detail", None)
    try:
        message = t(f"sql_err_{outcome.code}", **params, **({"detail": ""} if detail else {}))
    except (KeyError, IndexError, ValueError):
        message = outcome.message
    st.error(message.rstrip(": "), icon=":material/block:")
    if detail:
        st.code(detail, language=None)
elif outcome is not None:
    st.markdown(t("sql_result", rows=number(outcome.n_rows, lang), seconds=f"{outcome.elapsed_s:.2f}"))
    if outcome.truncated:
        st.info(t("sql_truncated", rows=number(outcome.max_rows, lang)))
    st.dataframe(outcome.frame, hide_index=True)

st.subheader(t("sql_catalog"))
columns = data.query(
    "select table_schema, table_name, column_name, data_type from information_schema.columns "
    "where table_schema in ('marts', 'reports') order by table_schema, table_name, ordinal_position"
)
columns["relation"] = columns["table_schema"] + "." + columns["table_name"]
columns["column"] = columns["column_name"] + " (" + columns["data_type"].str.lower() + ")"
catalog = columns.groupby("relation", sort=False)["column"].agg(", ".join).reset_index(name="columns")
st.dataframe(
    catalog,
    hide_index=True,
    column_config={
        "relation": st.column_config.TextColumn(t("sql_relation")),
        "columns": st.column_config.TextColumn(t("sql_columns"), width="large"),
    },
)
