{#-
    typology_variables()

    The nine variables of the typology, in the study's order (seed typology_variables): the
    names of the per-variable columns of dim_experience_classification (`<variable>_category`,
    `<variable>_models`). A list for the SQL that spells those columns out; the rules are the
    seeds'. A test (tests/test_knowledge.py) holds it equal to the seed.
-#}
{% macro typology_variables() -%}
    {{ return([
        'institutionalisation',
        'articulation_spaces',
        'regional_sectoral_role',
        'local_role',
        'civil_society_role',
        'functioning',
        'capacities_created',
        'agreement_nature',
        'participation_mechanisms',
    ]) }}
{%- endmacro %}
