{#-
    old_typology_codes(column)

    The column with the typology's codes as they were until 2026-12 (Spanish words): for the
    deprecated view marts.experience_classification only. Replaces each new code by the old one,
    also inside the comma-separated lists of models (`vertical,consultative` ->
    `vertical,consultativo`).
-#}
{% macro old_typology_codes(column) -%}
    {%- set renamed = [
        ('consultative', 'consultativo'),
        ('collaborative', 'colaborativo'),
        ('territorialised', 'territorializado'),
        ('vertical_relations', 'relaciones_verticales'),
        ('governance_relations', 'relaciones_de_gobernanza'),
    ] -%}
    {%- set expression = namespace(sql=column) -%}
    {%- for new_code, old_code in renamed -%}
        {%- set expression.sql = "replace(" ~ expression.sql ~ ", '" ~ new_code ~ "', '" ~ old_code ~ "')" -%}
    {%- endfor -%}
    {{ expression.sql }}
{%- endmacro %}
