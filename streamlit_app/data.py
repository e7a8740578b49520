"""The only module of the page that reads the warehouse.

It reads the schemas ``marts`` and ``reports`` of the published warehouse (env ``TERRITORIO_DB``,
default ``data/territorio.duckdb`` under the repository root) through a read-only DuckDB
connection. The connection and every query result are cached on the published file's
``(path, mtime_ns, size)``: ``make build`` publishes by atomic rename, so the next rerun after a
new build sees a new key, opens the new file and queries it afresh.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = REPO_ROOT / "data" / "territorio.duckdb"

FileKey = tuple[str, int, int]

VARIABLES = (
    "institutionalisation",
    "articulation_spaces",
    "regional_sectoral_role",
    "local_role",
    "civil_society_role",
    "functioning",
    "capacities_created",
    "agreement_nature",
    "participation_mechanisms",
)
MODELS = ("vertical", "consultativo", "colaborativo", "territorializado")
FAMILIES = {
    "vertical": "relaciones_verticales",
    "consultativo": "relaciones_verticales",
    "colaborativo": "relaciones_de_gobernanza",
    "territorializado": "relaciones_de_gobernanza",
}


class NoWarehouse(RuntimeError):
    """No published warehouse at the configured path."""


def db_path() -> Path:
    """The published warehouse the page reads."""
    configured = os.environ.get("TERRITORIO_DB")
    path = Path(configured) if configured else DEFAULT_DB
    return path if path.is_absolute() else REPO_ROOT / path


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


@st.cache_resource(max_entries=2, show_spinner=False, on_release=lambda con: con.close())
def _connection(key: FileKey) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(key[0], read_only=True)


_opened: dict[str, FileKey] = {}


def _current_connection(key: FileKey) -> duckdb.DuckDBPyConnection:
    """The cached connection for ``key``; a newly published file closes the old connections first.

    DuckDB shares one database instance per path within a process, so a connection to the
    replaced file must be closed before the new file at the same path can be opened.
    """
    if _opened.get(key[0], key) != key:
        _connection.clear()
    _opened[key[0]] = key
    return _connection(key)


@st.cache_data(max_entries=512, show_spinner=False)
def _query(key: FileKey, sql: str, params: tuple = ()) -> pd.DataFrame:
    cursor = _current_connection(key).cursor()
    try:
        return cursor.execute(sql, list(params)).df()
    finally:
        cursor.close()


def query(sql: str, params: tuple = ()) -> pd.DataFrame:
    """Run a read-only query on marts/reports of the current published file."""
    return _query(_require_key(), sql, tuple(params))


def has_relation(schema: str, name: str) -> bool:
    """Whether ``schema.name`` exists in the current warehouse (for optional reports)."""
    found = query(
        "select count(*) as n from information_schema.tables "
        "where table_schema = ? and table_name = ?",
        (schema, name),
    )
    return bool(found["n"].iloc[0])


def validation_report() -> Path | None:
    """The HTML validation report written beside the warehouse, when there is one."""
    path = db_path()
    report = path.with_name(f"{path.stem}.validation.html")
    return report if report.exists() else None


# --- filters ------------------------------------------------------------------------------------

def _where(theme: str | None = None, sector: str | None = None, model: str | None = None,
           alias: str = "e") -> tuple[str, tuple]:
    """A where clause on dim_experiences ``e`` joined to experience_classification ``c``."""
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
    sql = ("select e.experience_id from marts.dim_experiences e "
           "left join marts.experience_classification c using (experience_id) where " + where)
    return sql, params


def themes(lang: str) -> pd.DataFrame:
    return query(f"select distinct theme as code, theme_label_{lang} as label "
                 "from marts.dim_experiences where theme is not null order by 1")


def headline() -> dict[str, int]:
    row = query(
        "select (select count(*) from marts.dim_experiences) as experiences, "
        "(select count(*) from marts.fct_actor_links) as links, "
        "(select count(*) from marts.fct_strategic_allies) as allies, "
        "(select count(*) from marts.experience_classification "
        " where articulation_model is not null) as classified"
    ).iloc[0]
    return {k: int(v) for k, v in row.items()}


def experiences(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    where, params = _where(theme, sector, model)
    return query(
        f"select e.experience_id, e.applicant_sector, e.applicant_group_label_{lang} as applicant_group, "
        f"e.applicant_type_label_{lang} as applicant_type, e.theme, e.theme_label_{lang} as theme_label, "
        f"e.coverage_label_{lang} as coverage, e.n_actor_links, e.link_range, e.n_strategic_allies, "
        f"e.agreement_type_label_{lang} as agreement_type, "
        f"e.agreement_nature_label_{lang} as agreement_nature, "
        f"e.capacity_need_label_{lang} as capacity_need, e.is_awarded, e.is_field_visited, "
        "c.articulation_model, c.model_family "
        "from marts.dim_experiences e left join marts.experience_classification c using (experience_id) "
        f"where {where} order by e.experience_id",
        params,
    )


def actor_links(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    sub, params = filtered_experiences(theme, sector, model)
    return query(
        f"select l.link_id, l.experience_id, l.actor_type_label_{lang} as actor_type, l.actor_sector, "
        f"coalesce(l.partner_group_label_{lang}, '—') as partner_group, l.partner_group_sector, "
        f"l.government_level_label_{lang} as government_level, l.is_strategic_ally, "
        f"l.ally_reason_label_{lang} as ally_reason, l.n_roles, l.n_contributions, "
        f"l.applicant_sector, l.applicant_group, l.theme "
        f"from marts.fct_actor_links l where l.experience_id in ({sub}) order by l.link_id",
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


def roles(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    sub, params = filtered_experiences(theme, sector, model)
    return query(
        f"select r.role_label_{lang} as role, r.role_class, r.actor_sector, count(*) as n "
        f"from marts.fct_actor_roles r where r.experience_id in ({sub}) group by all order by n desc",
        params,
    )


def contributions(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    sub, params = filtered_experiences(theme, sector, model)
    return query(
        f"select k.contribution_label_{lang} as contribution, k.contribution_class, k.actor_sector, "
        f"count(*) as n from marts.fct_actor_contributions k where k.experience_id in ({sub}) "
        "group by all order by n desc",
        params,
    )


def strategic_allies(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    sub, params = filtered_experiences(theme, sector, model)
    return query(
        f"select a.reason_label_{lang} as reason, a.reason_class, a.actor_sector, a.applicant_group, "
        f"count(*) as n from marts.fct_strategic_allies a where a.experience_id in ({sub}) "
        "group by all order by n desc",
        params,
    )


def capacities(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    sub, params = filtered_experiences(theme, sector, model)
    return query(
        f"select k.capacity_label_{lang} as capacity, k.capacity_class, k.applicant_sector, "
        f"count(*) as experiences from marts.fct_capacities k where k.experience_id in ({sub}) "
        "group by all order by experiences desc",
        params,
    )


def agreements(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    sub, params = filtered_experiences(theme, sector, model)
    return query(
        f"select a.agreement_type_label_{lang} as agreement_type, "
        f"a.agreement_nature_label_{lang} as agreement_nature, a.applicant_sector, "
        f"count(*) as experiences from marts.fct_agreements a where a.experience_id in ({sub}) "
        "group by all order by experiences desc",
        params,
    )


def capacity_needs(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    sub, params = filtered_experiences(theme, sector, model)
    return query(
        f"select n.capacity_need_label_{lang} as capacity_need, n.capacity_need_class, "
        f"n.applicant_sector, count(*) as experiences from marts.fct_capacity_needs n "
        f"where n.experience_id in ({sub}) group by all order by experiences desc",
        params,
    )


def participation(lang: str, theme=None, sector=None, model=None) -> pd.DataFrame:
    sub, params = filtered_experiences(theme, sector, model)
    return query(
        f"select p.policy_stage_label_{lang} as policy_stage, p.objective_label_{lang} as objective, "
        f"p.applicant_sector, count(*) as mechanisms from marts.fct_participation_mechanisms p "
        f"where p.experience_id in ({sub}) group by all order by mechanisms desc",
        params,
    )


def classification(theme=None, sector=None) -> pd.DataFrame:
    sub, params = filtered_experiences(theme, sector)
    return query(
        "select * exclude (is_reconstructed) from marts.experience_classification "
        f"where experience_id in ({sub}) order by experience_id",
        params,
    )


def experience_ids() -> list[str]:
    return query("select experience_id from marts.dim_experiences order by 1")["experience_id"].tolist()


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
    """The relations of the schema ``reports`` in this warehouse."""
    return query("select table_name, table_type from information_schema.tables "
                 "where table_schema = 'reports' order by 1")
