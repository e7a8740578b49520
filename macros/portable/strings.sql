{#-
    string_agg_ordered(expression, delimiter, order_by)

    The values of `expression` in a group joined by `delimiter` in the order of `order_by`.
    DuckDB and PostgreSQL take the order inside the call; Spark takes it as WITHIN GROUP.
-#}

{% macro string_agg_ordered(expression, delimiter, order_by) -%}
    {{ return(adapter.dispatch('string_agg_ordered', 'territorio')(expression, delimiter, order_by)) }}
{%- endmacro %}

{% macro default__string_agg_ordered(expression, delimiter, order_by) -%}
    string_agg({{ expression }}, {{ delimiter }} order by {{ order_by }})
{%- endmacro %}

{% macro spark__string_agg_ordered(expression, delimiter, order_by) -%}
    string_agg({{ expression }}, {{ delimiter }}) within group (order by {{ order_by }})
{%- endmacro %}
