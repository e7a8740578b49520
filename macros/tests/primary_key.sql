{#-
    primary_key(columns)

    `columns` identify a row: none of them is null and no combination of their values occurs
    twice (one column for most models; several for the long tables, one row per answer
    option, e.g. (link_id, role)). The primary-key test of a model in one node (dbt's `unique` and `not_null` cost one
    node each, and a 1x build pays dbt's own work for every node). Returns one row per offending
    key: the key's values, its number of rows, and the problem (`null key` or `duplicate key`).

    On DuckDB only the rows whose hash of the key repeats, or whose key has a null, are grouped
    on their values (rows_with_repeated_hash.sql: exact, 2-3x faster on millions of text keys).
    Other adapters group every row on its values.
-#}
{% test primary_key(model, columns) %}
    {{ adapter.dispatch('test_primary_key', 'territorio')(model, columns) }}
{% endtest %}

{% macro default__test_primary_key(model, columns) %}

with {{ primary_key_offenders(model, columns) }}

{% endmacro %}

{% macro duckdb__test_primary_key(model, columns) %}

with candidates as (
    {{ rows_with_repeated_hash(model, columns, or_where=(columns | join(' is null or ')) ~ ' is null') }}
),

{{ primary_key_offenders('candidates', columns) }}

{% endmacro %}

{#- The keys of `relation` that are null or occur twice, with their number of rows and the problem. -#}
{% macro primary_key_offenders(relation, columns) %}
keys as (
    select
        {% for column in columns -%}
        {{ column }},
        {% endfor -%}
        count(*) as n_rows
    from {{ relation }}
    group by
        {% for column in columns -%}
        {{ column }}{{ "," if not loop.last }}
        {% endfor %}
),

offending_keys as (
    select
        *,
        case
            when {% for column in columns %}{{ column }} is null{{ " or " if not loop.last }}{% endfor %}
                then 'null key'
            else 'duplicate key'
        end as problem
    from keys
    where
        n_rows > 1
        {% for column in columns -%}
        or {{ column }} is null
        {% endfor %}
)

select * from offending_keys
{% endmacro %}
