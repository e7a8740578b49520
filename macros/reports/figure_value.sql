{#-
    figure_value(numerator, denominator, scale)

    The computed value of a report cell as a double: the count itself when there is no
    denominator, scale * numerator / denominator otherwise (scale 100 for a percentage, 1 for a
    mean); null when the denominator is 0. The scale is cast to double first, so the division is
    a double division on every adapter (a literal 100.0 is a decimal on PostgreSQL and Spark).
-#}
{% macro figure_value(numerator, denominator, scale) -%}
    case
        when {{ denominator }} is null then cast({{ numerator }} as {{ type_double() }})
        else cast({{ scale }} as {{ type_double() }}) * {{ numerator }} / nullif({{ denominator }}, 0)
    end
{%- endmacro %}
