{#-
    not_null_columns(columns)

    None of `columns` holds a null. One test per model instead of one per column: the model is
    read once, the columns' nulls counted side by side (a 10,000x build's largest facts hold tens
    of millions of rows, and a 1x build pays dbt's own work for every test node). Returns one row
    per column that holds nulls, naming it, with how many rows it leaves empty.
-#}
{% test not_null_columns(model, columns) %}

with null_counts as (
    select
        {% for column in columns -%}
        cast(sum(case when {{ column }} is null then 1 else 0 end) as bigint) as null_rows_{{ loop.index }}
        {{- "," if not loop.last }}
        {% endfor %}
    from {{ model }}
)

{% for column in columns -%}
select
    '{{ column }}' as column_name,
    null_rows_{{ loop.index }} as null_rows
from null_counts
where null_rows_{{ loop.index }} > 0
{% if not loop.last %}union all
{% endif %}
{%- endfor %}

{% endtest %}
