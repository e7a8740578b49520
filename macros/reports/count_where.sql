{#-
    count_where(condition)

    The number of rows for which `condition` holds, as a bigint (a plain sum of small integers
    is HUGEINT on DuckDB): the counting idiom of the report models, written once.
-#}
{% macro count_where(condition) -%}
    cast(sum(case when {{ condition }} then 1 else 0 end) as bigint)
{%- endmacro %}
