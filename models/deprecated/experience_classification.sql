{#-
    The classification mart as it was until 2026-12, under its old name and with its old codes:
    a view kept for one release so that queries written against it keep working. Since then the
    mart is marts.dim_experience_classification and its codes are English like every other code
    (consultative, collaborative, territorialised; vertical_relations, governance_relations;
    score_consultative ...). This view gives the old Spanish codes and score column names.
    New queries: marts.dim_experience_classification.
-#}
{%- set variables = typology_variables() -%}
with

dim_experience_classification as (
    select * from {{ ref('dim_experience_classification') }}
),

old_contract as (
    select
        experience_id,
        {{ old_typology_codes('articulation_model') }} as articulation_model,
        articulation_model_label_es,
        articulation_model_label_en,
        {{ old_typology_codes('model_family') }} as model_family,
        model_family_label_es,
        model_family_label_en,
        {% for variable in variables %}
        {{ old_typology_codes(variable ~ '_models') }} as {{ variable }}_models,
        {{ variable }}_category,
        {% endfor %}
        score_vertical,
        score_consultative as score_consultativo,
        score_collaborative as score_colaborativo,
        score_territorialised as score_territorializado,
        n_variables_with_evidence,
        unclassified_reason,
        is_reconstructed
    from dim_experience_classification
)

select * from old_contract
