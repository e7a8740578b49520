{#-
    Planner settings a model needs on one adapter, as a pre-hook.

    hash_joins_only()  on PostgreSQL, `set local enable_nestloop = off` for the model's own
                       transaction. rpt_study_claims joins relations built from split strings
                       (claims' conditions) whose sizes PostgreSQL estimates at one row, so its
                       planner picks nested loops over tens of thousands of rows: 320 s for the
                       model instead of 3 s with hash joins (measured on a 2-core machine). Every
                       join there is an equality, so hash and merge joins cover them all. Nothing
                       on the other adapters (an empty hook is not run).
-#}

{% macro hash_joins_only() -%}
    {{ return(adapter.dispatch('hash_joins_only', 'territorio')()) }}
{%- endmacro %}

{% macro default__hash_joins_only() -%}
{%- endmacro %}

{% macro postgres__hash_joins_only() -%}
    set local enable_nestloop = off
{%- endmacro %}
