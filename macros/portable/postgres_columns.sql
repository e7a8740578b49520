{#-
    Column types on PostgreSQL, with the element type of arrays.

    dbt-postgres reads a relation's columns from information_schema.columns, whose data_type
    is the bare word ARRAY for an array column (the list of codes of stg_actor_links, for
    example). dbt casts a unit test's fixture values to those types, and `cast(null as ARRAY)`
    is not SQL: every unit test with such an input would fail. This version names the type as
    PostgreSQL writes it (`text[]`, from udt_name `_text`); every other column is read as
    dbt-postgres reads it. It overrides the adapter's macro (the root project comes first in
    dbt's dispatch).
-#}

{% macro postgres__get_columns_in_relation(relation) -%}
    {% call statement('get_columns_in_relation', fetch_result=True) %}
        select
            column_name,
            case
                when data_type = 'ARRAY' then substring(udt_name from 2) || '[]'
                else data_type
            end as data_type,
            character_maximum_length,
            numeric_precision,
            numeric_scale
        from {{ relation.information_schema('columns') }}
        where
            table_name = '{{ relation.identifier }}'
            {% if relation.schema %}
                and table_schema = '{{ relation.schema }}'
            {% endif %}
        order by ordinal_position
    {% endcall %}
    {% set table = load_result('get_columns_in_relation').table %}
    {{ return(sql_convert_columns_in_relation(table)) }}
{%- endmacro %}
