{#-
    positional_id(parent_id, position, marker='')

    Builds the key of a record that the questionnaire lists by position:
    parent id, a dash, an optional marker and the position padded to two digits,
    e.g. TC08-001-03 (actor link 3) or TC08-001-M02 (participation mechanism 2).
-#}
{% macro positional_id(parent_id, position, marker='') -%}
    {{ parent_id }} || '-{{ marker }}' || lpad(cast({{ position }} as {{ type_text() }}), 2, '0')
{%- endmacro %}
