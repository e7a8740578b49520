{#-
    figure_value(numerator, denominator, scale)

    The computed value of a report cell as a double: the count itself when there is no
    denominator, scale * numerator / denominator otherwise (scale 100 for a percentage, 1 for a
    mean); null when the denominator is 0.
-#}
{% macro figure_value(numerator, denominator, scale) -%}
    case
        when {{ denominator }} is null then cast({{ numerator }} as double)
        else {{ scale }} * {{ numerator }} / nullif({{ denominator }}, 0)
    end
{%- endmacro %}
