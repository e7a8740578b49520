{#-
    expression_is_true(expression)

    A row-level business rule: returns every row for which `expression` is not true
    (false or null). Placed on a column, the expression is appended to the column name
    (`expression: ">= 1"` on link_position checks `link_position >= 1`).
-#}
{% test expression_is_true(model, expression, column_name=none) %}

{%- set condition = (column_name ~ ' ' ~ expression) if column_name else expression %}

with failing_rows as (
    select *
    from {{ model }}
    where not coalesce(({{ condition }}), false)
)

select * from failing_rows

{% endtest %}
