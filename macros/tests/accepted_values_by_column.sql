{#-
    accepted_values_by_column(values)

    dbt's `accepted_values` for several columns of a model in one node: every non-null value of
    each column of `values` ({column: [accepted values]}) is one of its accepted values (nulls
    pass, as in dbt's test: test them with not_null_columns where required). Text values are
    quoted, numbers and booleans are not (dbt's `quote: false`). Returns one row
    per unexpected value: the column, the value (as text) and its number of rows.
    territorio/validate.py derives one Great Expectation per column from these declarations.
-#}
{% test accepted_values_by_column(model, values) %}

with

{% for column, accepted in values.items() -%}
unexpected_{{ loop.index }} as (
    select
        '{{ column }}' as column_name,
        cast({{ column }} as {{ type_text() }}) as value,
        count(*) as n_rows
    from {{ model }}
    where
        {{ column }} is not null
        and {{ column }} not in (
            {%- for value in accepted %}{% if value is string %}'{{ value }}'{% else %}{{ value }}{% endif %}{{ ", " if not loop.last }}{% endfor -%}
        )
    group by {{ column }}
),

{% endfor -%}
unexpected_values as (
    {% for column in values -%}
    select * from unexpected_{{ loop.index }}
    {% if not loop.last %}union all
    {% endif %}
    {%- endfor %}
)

select * from unexpected_values

{% endtest %}
