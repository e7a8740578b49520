{#-
    primary_key(columns)

    `columns` identify a row: none of them is null and no combination of their values occurs
    twice (one column for most models; several for the long tables, one row per answer
    option, e.g. (link_id, role)). The primary-key test of a model in one node (dbt's `unique` and `not_null` cost one
    node each, and a 1x build pays dbt's own work for every node). Returns one row per offending
    key: the key's values, its number of rows, and the problem (`null key` or `duplicate key`).
-#}
{% test primary_key(model, columns) %}

with keys as (
    select
        {% for column in columns -%}
        {{ column }},
        {% endfor -%}
        count(*) as n_rows
    from {{ model }}
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

{% endtest %}
