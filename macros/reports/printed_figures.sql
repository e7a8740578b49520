{#-
    The study's matching rule in SQL (territorio/figures.py says it in Python).

    A printed value v with d decimals (d = decimals of its text: '60' -> 0, '12.5' -> 1,
    '100.0' -> 1) is matched by a computed x according to how the study prints that figure
    (seed figure_comparisons; `rounded` for every figure it does not list):
        rounded        rounding x half-up to d decimals gives v:  v - 0.5·10^-d <= x < v + 0.5·10^-d
        truncated      half-up or truncating gives v (tables the study is shown to truncate):
                       v - 0.5·10^-d <= x < v + 10^-d
        at_most        the wording is an upper bound ("no más de"):  0 <= x <= v (every figure is non-negative)
        at_least       the wording is a lower bound ("más del"):  x >= v
        approximately  the wording is approximate ("cerca del"):  |x - v| <= tolerance

    printed_decimals(value_text)  the number of decimals of the printed text
    printed_step(value_text)      10^-d as a decimal
    printed_half_step(value_text) 10^-d / 2 as a decimal (a literal: decimal division differs by adapter)
    printed_number(value_text)    the printed text as a decimal
    exact_number(double_expr)     a computed double as a decimal, rounded to 9 decimals so that
                                  binary noise (68.74999999999999) does not move it across a
                                  bound (as figures.py does with limit_denominator(10**9))
    printed_low(value_text, comparison, tolerance)   the smallest matching value
    printed_high(value_text, comparison, tolerance)  the first value above the matching ones
    matches_printed(x, value_text, comparison, tolerance)  the rule, for a computed double x
    Comparison and tolerance are SQL expressions (columns of figure_comparisons); the default
    comparison is 'rounded'.
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

{% macro printed_low(value_text, comparison="'rounded'", tolerance='null') -%}
    case
        when {{ comparison }} = 'at_most' then cast(0 as decimal(38, 12))
        when {{ comparison }} = 'at_least' then {{ printed_number(value_text) }}
        when {{ comparison }} = 'approximately'
            then {{ printed_number(value_text) }} - cast({{ tolerance }} as decimal(38, 12))
        else {{ printed_number(value_text) }} - {{ printed_half_step(value_text) }}
    end
{%- endmacro %}

{% macro printed_high(value_text, comparison="'rounded'", tolerance='null') -%}
    case
        when {{ comparison }} = 'at_most'
            then {{ printed_number(value_text) }} + cast(0.000000001 as decimal(38, 12))
        when {{ comparison }} = 'at_least' then cast(1000000000000 as decimal(38, 12))
        when {{ comparison }} = 'approximately'
            then {{ printed_number(value_text) }} + cast({{ tolerance }} as decimal(38, 12))
            + cast(0.000000001 as decimal(38, 12))
        when {{ comparison }} = 'truncated' then {{ printed_number(value_text) }} + {{ printed_step(value_text) }}
        else {{ printed_number(value_text) }} + {{ printed_half_step(value_text) }}
    end
{%- endmacro %}

{% macro matches_printed(double_expr, value_text, comparison="'rounded'", tolerance='null') -%}
    (
        {{ exact_number(double_expr) }} >= {{ printed_low(value_text, comparison, tolerance) }}
        and {{ exact_number(double_expr) }} < {{ printed_high(value_text, comparison, tolerance) }}
    )
{%- endmacro %}
