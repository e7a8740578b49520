{#-
    Column types whose names differ between the adapters the project builds on.

    type_double()  a double-precision float: `double` (DuckDB, Spark), `double precision`
                   (PostgreSQL, which has no type named `double`)
    type_text()    a string of any length: `varchar` (DuckDB, PostgreSQL), `string` (Spark,
                   where varchar needs a length)
-#}

{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'territorio')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double
{%- endmacro %}

{% macro postgres__type_double() -%}
    double precision
{%- endmacro %}

{% macro type_text() -%}
    {{ return(adapter.dispatch('type_text', 'territorio')()) }}
{%- endmacro %}

{% macro default__type_text() -%}
    varchar
{%- endmacro %}

{% macro spark__type_text() -%}
    string
{%- endmacro %}
