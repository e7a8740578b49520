{#-
    Seeds on Spark: load each row as SQL literals.

    dbt-spark's own spark__load_csv_rows binds values that its session connection (the
    `session` method of the `spark` target) pastes into the SQL text between quotes as they are:
    an empty cell arrives as the text 'None' instead of null, and a value with an apostrophe
    (the descriptions of the audit seeds) breaks the statement. This version writes null for an
    empty cell and escapes backslashes and quotes, so the seeds load as they do on DuckDB and
    PostgreSQL. It overrides the adapter's macro (the root project comes first in dbt's dispatch).
-#}

{% macro spark__load_csv_rows(model, agate_table) %}

    {%- set batch_size = get_batch_size() -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set column_types = [] -%}
    {%- for column_name in agate_table.column_names -%}
        {%- do column_types.append(
            column_override.get(column_name, adapter.convert_type(agate_table, loop.index0))
        ) -%}
    {%- endfor -%}

    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(batch_size) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                (
                {%- for value in row -%}
                    cast({{ spark_seed_literal(value) }} as {{ column_types[loop.index0] }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%}
                ){%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.index0 == 0 -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}

    {# the SQL of the first batch is what dbt writes out as the seed's compiled code #}
    {{ return(statements[0]) }}

{% endmacro %}

{% macro spark_seed_literal(value) -%}
    {%- if value is none -%}
        null
    {%- elif value is boolean -%}
        {{ 'true' if value else 'false' }}
    {%- elif value is number -%}
        {{ value }}
    {%- else -%}
        '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}
