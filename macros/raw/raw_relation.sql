{#-
    The raw layer a staging model reads.

    By default the raw coded questionnaires are the dbt seeds under seeds/raw/ (ref). A scale
    build (`make reconstruct SCALE=N`, then `dbt build --vars '{raw_parquet_dir: ...}'`) reads
    the Parquet copies written there instead, one folder per raw table.
-#}
{% macro raw_relation(seed_name) -%}
    {%- set parquet_dir = var('raw_parquet_dir', none) -%}
    {%- if parquet_dir -%}
        {{ return(adapter.dispatch('raw_parquet_relation', 'territorio')(parquet_dir, seed_name)) }}
    {%- else -%}
        {{ return(ref(seed_name)) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__raw_parquet_relation(parquet_dir, seed_name) -%}
    {{ exceptions.raise_compiler_error(
        "raw_parquet_dir is only supported on DuckDB (target type: " ~ target.type ~ ")") }}
{%- endmacro %}

{% macro duckdb__raw_parquet_relation(parquet_dir, seed_name) -%}
    read_parquet('{{ parquet_dir }}/{{ seed_name }}/*.parquet')
{%- endmacro %}
