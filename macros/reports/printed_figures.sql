{#-
    The study's matching rule in SQL (territorio/figures.py says it in Python).

    A printed value v with d decimals (d = decimals of its text: '60' -> 0, '12.5' -> 1,
    '100.0' -> 1) is matched by a computed x when rounding x half-up, or truncating it, to d
    decimals gives v, i.e. when  v - 0.5 * 10^-d <= x < v + 10^-d.

    printed_decimals(value_text)  the number of decimals of the printed text
    printed_step(value_text)      10^-d as a decimal
    printed_half_step(value_text) 10^-d / 2 as a decimal (a literal: decimal division differs by adapter)
    printed_number(value_text)    the printed text as a decimal
    exact_number(double_expr)     a computed double as a decimal, rounded to 9 decimals so that
                                  binary noise (68.74999999999999) does not move it across a
                                  bound (as figures.py does with limit_denominator(10**9))
    matches_printed(x, value_text)  the rule, for a computed double x
-#}

{% macro printed_decimals(value_text) -%}
    cast(
        case
            when position('.' in {{ value_text }}) > 0
                then length({{ value_text }}) - position('.' in {{ value_text }})
            else 0
        end
        as integer
    )
{%- endmacro %}

{% macro printed_step(value_text) -%}
    case {{ printed_decimals(value_text) }}
        when 0 then cast(1 as decimal(38, 12))
        when 1 then cast(0.1 as decimal(38, 12))
        when 2 then cast(0.01 as decimal(38, 12))
        else cast(0.001 as decimal(38, 12))
    end
{%- endmacro %}

{% macro printed_half_step(value_text) -%}
    case {{ printed_decimals(value_text) }}
        when 0 then cast(0.5 as decimal(38, 12))
        when 1 then cast(0.05 as decimal(38, 12))
        when 2 then cast(0.005 as decimal(38, 12))
        else cast(0.0005 as decimal(38, 12))
    end
{%- endmacro %}

{% macro printed_number(value_text) -%}
    cast({{ value_text }} as decimal(38, 12))
{%- endmacro %}

{% macro exact_number(double_expr) -%}
    cast({{ round_double(double_expr, 9) }} as decimal(38, 12))
{%- endmacro %}

{% macro matches_printed(double_expr, value_text) -%}
    (
        {{ exact_number(double_expr) }}
        >= {{ printed_number(value_text) }} - {{ printed_half_step(value_text) }}
        and {{ exact_number(double_expr) }}
        < {{ printed_number(value_text) }} + {{ printed_step(value_text) }}
    )
{%- endmacro %}
