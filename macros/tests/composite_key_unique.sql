{#-
    composite_key_unique(columns)

    The combination of `columns` identifies a row: no combination occurs twice.
    Used as the primary-key test of long (one row per answer option) tables.
    Returns each duplicated combination with its number of rows.
-#}
{% test composite_key_unique(model, columns) %}

with duplicated_keys as (
    select
        {% for column in columns -%}
        {{ column }},
        {% endfor -%}
        count(*) as n_rows
    from {{ model }}
    group by
        {% for column in columns -%}
        {{ column }}{{ "," if not loop.last }}
        {% endfor -%}
    having count(*) > 1
)

select * from duplicated_keys

{% endtest %}
