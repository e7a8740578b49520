{#-
    view_on_duckdb()

    The materialization of the models of actor links that only project, filter, unnest or label
    the links parsed in stg_actor_links: `view` on DuckDB, `table` elsewhere.

    On DuckDB writing ten million rows costs far more than reading them: at 10,000x (9.95
    million links, 2 cores) copying fct_actor_links takes 10-14 s, computing it from
    stg_actor_links with its joins to the experiences and the codebooks under a second; so
    the links are stored once (stg_actor_links, the multi-selects parsed) and the models after
    it are views that analysts, reports and tests read like tables (same names, same columns).
    On PostgreSQL and Spark, where this was not measured, they stay tables.
-#}
{% macro view_on_duckdb() -%}
    {{ return('view' if target.type == 'duckdb' else 'table') }}
{%- endmacro %}
