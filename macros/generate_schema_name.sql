{#- Use the configured schema name verbatim (raw, staging, intermediate, marts, reports),
    without dbt's default "<target schema>_" prefix. Nodes without one go to the target schema. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
