-- The typology's models of articulation, one row each (section III.6, Figura 1): rank, family,
-- names in Spanish and English, the study's description and the colours the page draws them
-- with. What an analyst joins to label or order dim_experience_classification by model.

with

typology_models as (
    select * from {{ ref('typology_models') }}
),

palette as (
    select * from {{ ref('palette') }}
),

model_colours as (
    select
        category as model_code,
        colour
    from palette
    where dimension = 'model'
),

family_colours as (
    select
        category as family_code,
        colour
    from palette
    where dimension = 'family'
),

articulation_models as (
    select
        typology_models.model as articulation_model,
        typology_models.rank as model_rank,
        typology_models.label_es as articulation_model_label_es,
        typology_models.label_en as articulation_model_label_en,
        typology_models.family as model_family,
        typology_models.family_label_es as model_family_label_es,
        typology_models.family_label_en as model_family_label_en,
        typology_models.description_es,
        model_colours.colour as model_colour,
        family_colours.colour as family_colour
    from typology_models
    left join model_colours
        on typology_models.model = model_colours.model_code
    left join family_colours
        on typology_models.family = family_colours.family_code
)

select * from articulation_models
