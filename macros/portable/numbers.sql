{#-
    Arithmetic on doubles that gives the same numbers on DuckDB, PostgreSQL and Spark.

    ratio(numerator, denominator)
        numerator / denominator computed in double precision. A plain `/` would be integer
        division on PostgreSQL for two integers, and `1.0 * a / b` decimal division there and on
        Spark (which keeps 6 decimals), where DuckDB divides in double.
    round_double(expression, digits)
        a double rounded to `digits` decimals, as a double. PostgreSQL rounds only numerics:
        the value goes through numeric (15 significant digits) and back. Spark takes only a
        constant number of decimals: a column `digits` (0 to 9) picks one of ten roundings.
    double_text(expression)
        the text of a double as DuckDB writes it (shortest round-trip digits, `3.0` for a whole
        number): PostgreSQL writes whole numbers without `.0`.
-#}

{% macro ratio(numerator, denominator) -%}
    cast({{ numerator }} as {{ type_double() }}) / {{ denominator }}
{%- endmacro %}

{% macro round_double(expression, digits) -%}
    {{ return(adapter.dispatch('round_double', 'territorio')(expression, digits)) }}
{%- endmacro %}

{% macro default__round_double(expression, digits) -%}
    round({{ expression }}, {{ digits }})
{%- endmacro %}

{% macro postgres__round_double(expression, digits) -%}
    cast(round(cast({{ expression }} as numeric), {{ digits }}) as double precision)
{%- endmacro %}

{% macro spark__round_double(expression, digits) -%}
    {%- if digits is number or (digits | string).isdigit() -%}
        round({{ expression }}, {{ digits }})
    {%- else -%}
        case {{ digits }}
            {%- for constant in range(10) %}
            when {{ constant }} then round({{ expression }}, {{ constant }})
            {%- endfor %}
        end
    {%- endif -%}
{%- endmacro %}

{% macro double_text(expression) -%}
    {{ return(adapter.dispatch('double_text', 'territorio')(expression)) }}
{%- endmacro %}

{% macro default__double_text(expression) -%}
    cast({{ expression }} as {{ type_text() }})
{%- endmacro %}

{% macro postgres__double_text(expression) -%}
    case
        when {{ expression }} = trunc({{ expression }}) and abs({{ expression }}) < 1e15
            then cast(cast({{ expression }} as bigint) as varchar) || '.0'
        else cast({{ expression }} as varchar)
    end
{%- endmacro %}
