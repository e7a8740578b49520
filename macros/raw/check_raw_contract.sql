{#-
    The raw-data contract (territorio/contract.py, docs/raw_contract.md) for plain dbt commands.

    Called by the project's on-run-start hook (dbt_project.yml), so it runs before any node of
    `dbt build`, `dbt seed`, `dbt run` and `dbt test`, whatever is selected: the raw CSV files
    that the seeds under seeds/raw load are checked by the same Python code as
    `python -m territorio.build` (through the SQL function the dbt-duckdb plugin
    territorio.dbt_plugin registers), and the run stops with one line per problem, each naming
    file, line, column, value and rule. Both commands therefore accept and reject the same data.

    DuckDB targets only: PostgreSQL and Spark have no such function (check the raw data there
    with `python -m territorio.contract`). A scale build reads Parquet instead of the seeds; the
    seeds it still loads are checked all the same.
-#}
{% macro check_raw_contract() %}
    {%- if execute and target.type == 'duckdb' -%}
        {%- set seed = graph.nodes.values()
            | selectattr('resource_type', 'equalto', 'seed')
            | selectattr('package_name', 'equalto', project_name)
            | selectattr('name', 'equalto', 'raw_questionnaires')
            | first -%}
        {%- if seed -%}
            {%- set root = seed.root_path -%}
            {%- set raw_dir = root ~ '/' ~ (seed.original_file_path | replace('/raw_questionnaires.csv', '')) -%}
            {%- set sql -%}
                select {{ 'territorio_raw_contract' }}(
                    {{ dbt.string_literal(raw_dir) }},
                    {{ dbt.string_literal(var('questionnaire_id_pattern', '')) }},
                    {{ dbt.string_literal(root) }}
                ) as problems
            {%- endset -%}
            {%- set problems = run_query(sql).columns[0].values()[0] -%}
            {%- if problems -%}
                {{ exceptions.raise_compiler_error(
                    "the raw data break their contract (docs/raw_contract.md); nothing was built:\n"
                    ~ problems) }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    select 1 as raw_contract_checked
{% endmacro %}
