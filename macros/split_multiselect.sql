{#-
    split_multiselect(column)

    Turns a multi-select answer ("code_a; code_b") into one row per token. The expression
    belongs in a select list; the caller trims each token and drops empty ones.
    Dispatched because each adapter has its own splitting function.
-#}
{% macro split_multiselect(column) -%}
    {{ return(adapter.dispatch('split_multiselect', 'territorio')(column)) }}
{%- endmacro %}

{% macro default__split_multiselect(column) -%}
    unnest(string_split({{ column }}, ';'))
{%- endmacro %}

{% macro postgres__split_multiselect(column) -%}
    unnest(string_to_array({{ column }}, ';'))
{%- endmacro %}

{% macro spark__split_multiselect(column) -%}
    explode(split({{ column }}, ';'))
{%- endmacro %}
