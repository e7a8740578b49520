{#-
    view_on_duckdb()

    The materialization of the models of actor links that only filter, unnest or label the
    links: `view` on DuckDB, `table` elsewhere.

    On DuckDB writing ten million rows costs far more than reading them: at 10,000x (9.95
    million links, 2 cores) writing fct_actor_roles (17 million rows) took 12 s, computing it
    under half a second. So the links are stored twice: parsed in stg_actor_links, and labelled
    in fct_actor_links, the table analysts and the page query most (as a view, the page's
    queries at 1,000x took 0.1-0.4 s longer and the 10,000x build was no faster). The models
    between and beside them (int_actor_links_joined_to_experiences, fct_actor_roles,
    fct_actor_contributions, fct_strategic_allies) are views that analysts, reports and tests
    read like tables (same names, same columns). On PostgreSQL and Spark, where this was not
    measured, they stay tables.
-#}
{% macro view_on_duckdb() -%}
    {{ return('view' if target.type == 'duckdb' else 'table') }}
{%- endmacro %}
