"""The only module of the page that reads the warehouse.

It reads the schemas ``marts`` and ``reports`` of the published warehouse (env ``TERRITORIO_DB``,
default ``data/territorio.duckdb`` under the repository root), read-only. The connection and every
query result are cached on the published file's ``(path, mtime_ns, size)``: ``make build``
publishes by atomic rename, so the next rerun after a new build sees a new key, opens the new file
and queries it afresh.

Each published file is opened in a DuckDB instance of its own (an in-memory database that
attaches the file read-only, :func:`open_warehouse`), not with ``duckdb.connect(path)``: DuckDB
keeps one instance per path in a process, so while any connection to the replaced file was still
open, connecting to the same path again would return the old instance, i.e. the old build. With
one instance per file, a query still running on the old build finishes on it (the replaced file
stays readable until its last connection is gone), and the new build is read by every query that
starts after the new key was seen. Old instances are closed when the last reference to them goes.

When a key is seen for the first time, opening the file also reads the catalogue of ``marts``
and ``reports`` and the row of ``reports.warehouse_build``, so every page knows which relations
exist and which build it shows without further queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from territorio import knowledge
from territorio.paths import warehouse_path

REPO_ROOT = Path(__file__).resolve().parent.parent

#: The name the published file is attached under in its connection's own DuckDB instance.
ALIAS = "warehouse"

FileKey = tuple[str, int, int]

#: Row-level tables show at most this many rows (the study's warehouse has 995 links and 120
#: experiences, all shown; a scale build has N times more, counted in full but listed in part).
MAX_TABLE_ROWS = 5_000

# The typology's variables, models and families, as the seeds write them (territorio.knowledge)
VARIABLES = tuple(knowledge.variables())
MODELS = tuple(knowledge.models())
FAMILIES = knowledge.families()


class NoWarehouse(RuntimeError):
    """No published warehouse at the configured path."""


def db_path() -> Path:
    """The published warehouse the page reads."""
    return warehouse_path()


def file_key() -> FileKey | None:
    """(path, mtime_ns, size) of the published file, or None when there is none."""
    path = db_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _require_key() -> FileKey:
    key = file_key()
    if key is None:
        raise NoWarehouse(str(db_path()))
    return key


def open_warehouse(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the file at ``path`` in a DuckDB instance of its own.

    The file is attached read-only as :data:`ALIAS` to a new in-memory database and made the
    default, so ``marts.x`` and ``reports.x`` resolve to it. Use :func:`read` (or a cursor that
    first runs ``use warehouse``) to query it from several threads.
    """
    con = duckdb.connect(":memory:")
    try:
        literal = str(path).replace("'", "''")
        con.execute(f"attach '{literal}' as {ALIAS} (read_only)")
        con.execute(f"use {ALIAS}")
    except BaseException:
        con.close()
        raise
    return con


def read(con: duckdb.DuckDBPyConnection, sql: str, params: tuple = ()) -> pd.DataFrame:
    """Run ``sql`` on its own cursor of ``con`` (an :func:`open_warehouse` connection)."""
    cursor = con.cursor()
    try:
        cursor.execute(f"use {ALIAS}")
        return cursor.execute(sql, list(params)).df()
    finally:
        cursor.close()


@dataclass(frozen=True)
class Warehouse:
    """One published file: its connection, its marts/reports relations and its build row."""

    con: duckdb.DuckDBPyConnection
    catalogue: pd.DataFrame  # table_schema, table_name, table_type of marts and reports
    build: dict | None

    @property
    def relations(self) -> frozenset[tuple[str, str]]:
        return frozenset(zip(self.catalogue["table_schema"], self.catalogue["table_name"], strict=True))


_CATALOGUE = (
    "select table_schema, table_name, table_type from information_schema.tables "
    f"where table_catalog = '{ALIAS}' and table_schema in ('marts', 'reports') order by 1, 2"
)
_BUILD = "select invocation_id, built_at, dbt_version, scale from reports.warehouse_build limit 1"


@st.cache_resource(max_entries=2, show_spinner=False)
def _warehouse(key: FileKey) -> Warehouse:
    """Open the file of ``key``; read its catalogue and its build row."""
    con = open_warehouse(key[0])
    catalogue = read(con, _CATALOGUE)
    build = None
    if ((catalogue["table_schema"] == "reports") & (catalogue["table_name"] == "warehouse_build")).any():
        rows = read(con, _BUILD).to_dict("records")
        build = rows[0] if rows else None
    return Warehouse(con, catalogue, build)


def clear_caches() -> None:
    """Forget every cached connection and query result (the next query reopens the file)."""
    _query.clear()
    _warehouse.clear()


@st.cache_data(max_entries=512, show_spinner=False)
def _query(key: FileKey, sql: str, params: tuple = ()) -> pd.DataFrame:
    return read(_warehouse(key).con, sql, params)


def query(sql: str, params: tuple = ()) -> pd.DataFrame:
    """Run a read-only query on marts/reports of the current published file."""
    return _query(_require_key(), sql, tuple(params))


def has_relation(schema: str, name: str) -> bool:
    """Whether ``schema.name`` exists in the current warehouse (for optional reports)."""
    return (schema, name) in _warehouse(_require_key()).relations


def build_info() -> dict | None:
    """The row of ``reports.warehouse_build`` of the current file (invocation_id, built_at, ...).

    None when there is no warehouse, or it was built before that model existed.
    """
    key = file_key()
    return None if key is None else _warehouse(key).build


def validation_report() -> Path | None:
    """The HTML validation report written beside the warehouse, when there is one."""
    path = db_path()
    report = path.with_name(f"{path.stem}.validation.html")
    return report if report.exists() else None


# --- filters ------------------------------------------------------------------------------------


def _where(
    theme: str | None = None, sector: str | None = None, model: str | None = None, alias: str = "e"
) -> tuple[str, tuple]:
    """A where clause on dim_experiences ``e`` joined to dim_experience_classification ``c``."""
    clauses, params = ["true"], []
    if theme:
        clauses.append(f"{alias}.theme = ?")
        params.append(theme)
    if sector:
        clauses.append(f"{alias}.applicant_sector = ?")
        params.append(sector)
    if model:
        clauses.append("c.articulation_model = ?")
        params.append(model)
    return " and ".join(clauses), tuple(params)


def filtered_experiences(theme=None, sector=None, model=None) -> str:
    """SQL subquery selecting the experience_id of the filtered experiences, and its params."""
    where, params = _where(theme, sector, model)
    sql = (
        "select e.experience_id from marts.dim_experiences e "
        "left join marts.dim_experience_classification c using (experience_id) where " + where
    )
    return sql, params


def themes(lang: str) -> pd.DataFrame:
    return query(
        f"select distinct theme as code, theme_label_{lang} as label "
        "from marts.dim_experiences where theme is not null order by 1"
    )


def headline() -> dict[str, int]:
    row = query(
        "select (select count(*) from marts.dim_experiences) as experiences, "
        "(select count(*) from marts.fct_actor_links) as links, "
        "(select count(*) from marts.fct_strategic_allies) as allies, "
        "(select count(*) from marts.dim_experience_classification "
        " where articulation_model is not null) as classified"
    ).iloc[0]
    return {k: int(v) for k, v in row.items()}


def experiences(
    lang: str, theme=None, sector=None, model=None, *, limit: int | None = None, experience_id: str | None = None
) -> pd.DataFrame:
    """The filtered experiences (the first ``limit`` by id), or the one ``experience_id``."""
    where, params = _where(theme, sector, model)
    if experience_id is not None:
        where, params = where + " and e.experience_id = ?", (*params, experience_id)
    return query(
        f"select e.experience_id, e.applicant_sector, e.applicant_group_label_{lang} as applicant_group, "
        f"e.applicant_type_label_{lang} as applicant_type, e.theme, e.theme_label_{lang} as theme_label, "
        f"e.coverage_label_{lang} as coverage, e.n_actor_links, e.link_range, e.n_strategic_allies, "
        f"e.agreement_type_label_{lang} as agreement_type, "
        f"e.agreement_nature_label_{lang} as agreement_nature, "
        f"e.capacity_need_label_{lang} as capacity_need, e.is_awarded, e.is_field_visited, "
        "c.articulation_model, c.model_family "
        "from marts.dim_experiences e left join marts.dim_experience_classification c using (experience_id) "
        f"where {where} order by e.experience_id{_limit(limit)}",
        params,
    )


#: Grouping columns of :func:`experience_counts`: name -> SQL on ``e`` and ``c``.
_EXPERIENCE_GROUPS = {
    "applicant_sector": "e.applicant_sector",
    "theme_label": "e.theme_label_{lang}",
    "applicant_type": "e.applicant_type_label_{lang}",
    "link_range": "e.link_range",
    "articulation_model": "c.articulation_model",
    "model_family": "c.model_family",
}


def experience_counts(lang: str, columns: tuple[str, ...], theme=None, sector=None, model=None) -> pd.DataFrame:
    """Filtered experiences counted by ``columns`` (keys of _EXPERIENCE_GROUPS), column ``n``.

    Null keys are groups of their own (as pandas' ``groupby(dropna=False)``); sorted by the keys.
    """
    where, params = _where(theme, sector, model)
    keys = ", ".join(f"{_EXPERIENCE_GROUPS[c].format(lang=lang)} as {c}" for c in columns)
    order = ", ".join(str(i + 1) for i in range(len(columns)))
    return query(
        f"select {keys}, count(*) as n from marts.dim_experiences e "
        "left join marts.dim_experience_classification c using (experience_id) "
        f"where {where} group by all order by {order}",
        params,
    )


def _limit(limit: int | None) -> str:
    return "" if limit is None else f" limit {int(limit)}"


def link_counts(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    """Filtered links counted by partner group and actor sector (column ``n``), sorted by both."""
    sub, params = filtered_experiences(theme, sector, model)
    return query(
        f"select coalesce(l.partner_group_label_{lang}, '—') as partner_group, l.actor_sector, "
        f"count(*) as n from marts.fct_actor_links l where l.experience_id in ({sub}) "
        "group by all order by 1, 2",
        params,
    )


def actor_links(lang: str, theme=None, sector=None, model=None, *, limit: int | None = None) -> pd.DataFrame:
    """The filtered links (the first ``limit`` by link id)."""
    sub, params = filtered_experiences(theme, sector, model)
    return query(
        f"select l.link_id, l.experience_id, l.actor_type_label_{lang} as actor_type, l.actor_sector, "
        f"coalesce(l.partner_group_label_{lang}, '—') as partner_group, l.partner_group_sector, "
        f"l.government_level_label_{lang} as government_level, l.is_strategic_ally, "
        f"l.ally_reason_label_{lang} as ally_reason, l.n_roles, l.n_contributions, "
        f"l.applicant_sector, l.applicant_group, l.theme "
        f"from marts.fct_actor_links l where l.experience_id in ({sub}) order by l.link_id"
        f"{_limit(limit)}",
        params,
    )


def partner_groups_by_theme(lang: str, applicant_group: str | None) -> pd.DataFrame:
    """Tablas 5-8: links of the chosen applicant group's experiences, by partner group and theme."""
    return query(
        f"select coalesce(l.partner_group_label_{lang}, '—') as partner_group, "
        f"e.theme_label_{lang} as theme, count(*) as links, "
        "count(distinct l.experience_id) as experiences "
        "from marts.fct_actor_links l join marts.dim_experiences e using (experience_id) "
        "where e.applicant_group is not distinct from ? group by all order by 1, 2",
        (applicant_group,),
    )


def applicant_groups(lang: str) -> pd.DataFrame:
    return query(
        f"select applicant_group as code, any_value(applicant_group_label_{lang}) as label, "
        "count(*) as experiences from marts.dim_experiences group by 1 order by 3 desc"
    )


def _counted(mart: str, columns: str, count: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    """Rows of ``marts.<mart>`` of the filtered experiences, counted by ``columns`` as ``count``."""
    sub, params = filtered_experiences(theme, sector, model)
    return query(
        f"select {columns}, count(*) as {count} from marts.{mart} "
        f"where experience_id in ({sub}) group by all order by {count} desc",
        params,
    )


def roles(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    return _counted(
        "fct_actor_roles", f"role_label_{lang} as role, role_class, actor_sector", "n", theme, sector, model
    )


def contributions(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    return _counted(
        "fct_actor_contributions",
        f"contribution_label_{lang} as contribution, contribution_class, actor_sector",
        "n",
        theme,
        sector,
        model,
    )


def strategic_allies(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    return _counted(
        "fct_strategic_allies",
        f"reason_label_{lang} as reason, reason_class, actor_sector, applicant_group",
        "n",
        theme,
        sector,
        model,
    )


def capacities(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    return _counted(
        "fct_capacities",
        f"capacity_label_{lang} as capacity, capacity_class, applicant_sector",
        "experiences",
        theme,
        sector,
        model,
    )


def agreements(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    return _counted(
        "fct_agreements",
        f"agreement_type_label_{lang} as agreement_type, "
        f"agreement_nature_label_{lang} as agreement_nature, applicant_sector",
        "experiences",
        theme,
        sector,
        model,
    )


def capacity_needs(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    return _counted(
        "fct_capacity_needs",
        f"capacity_need_label_{lang} as capacity_need, capacity_need_class, applicant_sector",
        "experiences",
        theme,
        sector,
        model,
    )


def participation(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    return _counted(
        "fct_participation_mechanisms",
        f"policy_stage_label_{lang} as policy_stage, objective_label_{lang} as objective, applicant_sector",
        "mechanisms",
        theme,
        sector,
        model,
    )


def classification_counts(theme=None, sector=None) -> pd.DataFrame:
    """Filtered experiences by articulation model and family (null: unclassified), column ``n``."""
    sub, params = filtered_experiences(theme, sector)
    return query(
        "select articulation_model, model_family, count(*) as n "
        f"from marts.dim_experience_classification where experience_id in ({sub}) group by all",
        params,
    )


def evidence_shares(theme=None, sector=None) -> pd.DataFrame:
    """Per typology variable and model, the share of the filtered experiences whose answer supports
    the model (``<variable>_models`` lists it); 0 when no experience is selected.

    One scan: 36 averages in one row, returned long (variable_order, variable, model_order, model,
    share) in the order of VARIABLES, then MODELS.
    """
    sub, params = filtered_experiences(theme, sector)
    shares = ", ".join(
        f"coalesce(avg(contains(',' || coalesce({v}_models, '') || ',', ',{m},')::int), 0)::double as s_{i}_{j}"
        for i, v in enumerate(VARIABLES)
        for j, m in enumerate(MODELS)
    )
    row = query(
        f"select {shares} from marts.dim_experience_classification where experience_id in ({sub})", params
    ).iloc[0]
    return pd.DataFrame(
        [(i, v, j, m, float(row[f"s_{i}_{j}"])) for i, v in enumerate(VARIABLES) for j, m in enumerate(MODELS)],
        columns=["variable_order", "variable", "model_order", "model", "share"],
    )


def classification_scores(theme=None, sector=None, *, limit: int | None = None) -> pd.DataFrame:
    """The filtered experiences' model, scores and evidence count (the first ``limit`` by id)."""
    sub, params = filtered_experiences(theme, sector)
    scores = ", ".join(f"score_{m}" for m in MODELS)
    return query(
        f"select experience_id, articulation_model, {scores}, n_variables_with_evidence, "
        "unclassified_reason from marts.dim_experience_classification "
        f"where experience_id in ({sub}) order by experience_id{_limit(limit)}",
        params,
    )


def classification_of(experience_id: str) -> pd.DataFrame:
    """The classification row of one experience."""
    return query(
        "select * exclude (is_reconstructed) from marts.dim_experience_classification where experience_id = ?",
        (experience_id,),
    )


#: The experiences a picker lists (the study has 120; a scale build N times more, which a list in
#: the browser cannot hold: the picker lists these many and takes any other id typed in).
MAX_PICKER_IDS = 1_000


def experience_ids(limit: int | None = None) -> list[str]:
    """The first ``limit`` experience ids in order (all without a limit)."""
    return query(f"select experience_id from marts.dim_experiences order by 1{_limit(limit)}")["experience_id"].tolist()


def has_experience(experience_id: str) -> bool:
    """Whether ``experience_id`` is an experience of the current warehouse."""
    found = query("select count(*) as n from marts.dim_experiences where experience_id = ?", (experience_id,))
    return bool(found["n"].iloc[0])


def experience_actors(lang: str, experience_id: str) -> pd.DataFrame:
    return query(
        f"select l.link_position, l.actor_type_label_{lang} as actor_type, l.actor_sector, "
        f"l.partner_group_label_{lang} as partner_group, l.is_strategic_ally, "
        f"l.ally_reason_label_{lang} as ally_reason, "
        f"(select string_agg(r.role_label_{lang}, '; ' order by r.role) from marts.fct_actor_roles r "
        " where r.link_id = l.link_id) as roles, "
        f"(select string_agg(k.contribution_label_{lang}, '; ' order by k.contribution) "
        " from marts.fct_actor_contributions k where k.link_id = l.link_id) as contributions "
        "from marts.fct_actor_links l where l.experience_id = ? order by l.link_position",
        (experience_id,),
    )


def reconciliation() -> pd.DataFrame | None:
    if not has_relation("reports", "paper_reconciliation"):
        return None
    return query("select * from reports.paper_reconciliation order by figure_id")


def audit() -> pd.DataFrame | None:
    if not has_relation("reports", "paper_audit"):
        return None
    return query("select * from reports.paper_audit order by check_id")


def report_relations() -> pd.DataFrame:
    """The relations of the schema ``reports`` in this warehouse (from the cached catalogue)."""
    catalogue = _warehouse(_require_key()).catalogue
    reports = catalogue.loc[catalogue["table_schema"] == "reports", ["table_name", "table_type"]]
    return reports.reset_index(drop=True)


# --- added for the study's tables, the headline, the typology and the network ------------------


def headline_filtered(theme=None, sector=None, model=None) -> dict[str, int]:
    """Experiences, links, strategic allies and classified experiences of the filtered experiences."""
    sub, params = filtered_experiences(theme, sector, model)
    row = query(
        f"with chosen as ({sub}) select "
        "(select count(*) from chosen) as experiences, "
        "(select count(*) from marts.fct_actor_links where experience_id in (select * from chosen)) as links, "
        "(select count(*) from marts.fct_strategic_allies "
        " where experience_id in (select * from chosen)) as allies, "
        "(select count(*) from marts.dim_experience_classification where articulation_model is not null "
        " and experience_id in (select * from chosen)) as classified",
        params,
    ).iloc[0]
    return {k: int(v) for k, v in row.items()}


def study_cells() -> pd.DataFrame | None:
    """Every printed figure with the warehouse's value and its status (reports.paper_reconciliation)."""
    if not has_relation("reports", "paper_reconciliation"):
        return None
    return query(
        "select figure_id, source, row_label, column_label, unit, published_value, published_text, "
        "computed_value, numerator, denominator, report_model, status, audit_check_ids "
        "from reports.paper_reconciliation order by figure_id"
    )


def claims() -> pd.DataFrame | None:
    """The claims ledger (reports.study_claims), when this warehouse has it."""
    if not has_relation("reports", "study_claims"):
        return None
    return query("select * from reports.study_claims order by 1")


def tie_breaks(theme=None, sector=None) -> dict[str, int]:
    """Classified experiences, and those whose highest score is shared by two or more models
    (the tie-break decides them), among the filtered experiences."""
    sub, params = filtered_experiences(theme, sector)
    scores = ", ".join(f"score_{m}" for m in MODELS)
    ties = " + ".join(f"(score_{m} = top)::int" for m in MODELS)
    row = query(
        f"with scored as (select articulation_model, greatest({scores}) as top, {scores} "
        f"from marts.dim_experience_classification where experience_id in ({sub})) "
        "select count(*) filter (where articulation_model is not null) as classified, "
        f"count(*) filter (where articulation_model is not null and {ties} > 1) as tied, "
        "count(*) as experiences from scored",
        params,
    ).iloc[0]
    return {k: int(v) for k, v in row.items()}


def network_actors(experience_id: str) -> pd.DataFrame:
    """One experience's actors: sector, type, partner group codes, ally flag, role and contribution
    codes (';'-separated, in code order)."""
    return query(
        "select l.link_id, l.link_position, l.actor_type, l.actor_sector, l.is_strategic_ally, "
        "(select string_agg(r.role, ';' order by r.role) from marts.fct_actor_roles r "
        " where r.link_id = l.link_id) as roles, "
        "(select string_agg(k.contribution, ';' order by k.contribution) "
        " from marts.fct_actor_contributions k where k.link_id = l.link_id) as contributions "
        "from marts.fct_actor_links l where l.experience_id = ? order by l.link_position",
        (experience_id,),
    )


def group_flows(theme=None, sector=None, model=None) -> pd.DataFrame:
    """Links counted by applicant group and partner group (codes; null: no information)."""
    sub, params = filtered_experiences(theme, sector, model)
    return query(
        "select l.applicant_group, l.partner_group, count(*) as links from marts.fct_actor_links l "
        f"where l.experience_id in ({sub}) group by all order by links desc",
        params,
    )


#: The old names of marts, kept as views in the schema ``marts`` for one release (the models of
#: models/deprecated; tests/test_app.py checks that the two lists agree).
DEPRECATED_MARTS = frozenset({"experience_classification"})


def mart_names() -> list[str]:
    """The marts: tables and views of the schema ``marts`` (from the cached catalogue; on DuckDB
    the link facts are views, macros/portable/materializations.sql), without the old names of
    :data:`DEPRECATED_MARTS`."""
    catalogue = _warehouse(_require_key()).catalogue
    marts = (catalogue["table_schema"] == "marts") & ~catalogue["table_name"].isin(DEPRECATED_MARTS)
    return catalogue.loc[marts, "table_name"].tolist()


def mart(name: str) -> pd.DataFrame:
    """A whole mart (for the workbook of all marts); ``name`` must be one of :func:`mart_names`."""
    if name not in mart_names():
        raise KeyError(name)
    return query(f'select * from marts."{name}"')
