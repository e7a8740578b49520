-- Each classified experience agrees with its model's definition in the text (section III.6,
-- "Modelando las relaciones desde las prácticas"), beyond the nine-variable scores:
--   vertical      "procesos de interacción puntuales ... no hay toma de decisiones conjuntas o
--                 acuerdos sustantivos": punctual agreements, none of a substantive nature
--                 (change of the initial situation, organisational or legal change)
--   collaborative  "vinculaciones amplias, con variadas conexiones con actores públicos, sociales
--                 y privados ... la sociedad civil ... esta ausente de la toma de decisiones":
--                 public, civil-society and market actors, and no civil-society actor with a
--                 principal role
-- Fails with one row per experience and broken clause.

with

dim_experience_classification as (
    select * from {{ ref('dim_experience_classification') }}
),

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

sectors as (
    select
        experience_id,
        bool_or(actor_sector = 'public') as has_public,
        bool_or(actor_sector = 'civil_society') as has_civil_society,
        bool_or(actor_sector = 'market') as has_market,
        bool_or(actor_sector = 'civil_society' and has_principal_role) as civil_society_decides
    from fct_actor_links
    group by experience_id
),

classified as (
    select
        dim_experience_classification.experience_id,
        dim_experience_classification.articulation_model,
        dim_experiences.agreement_type,
        dim_experiences.agreement_nature,
        coalesce(sectors.has_public, false) as has_public,
        coalesce(sectors.has_civil_society, false) as has_civil_society,
        coalesce(sectors.has_market, false) as has_market,
        coalesce(sectors.civil_society_decides, false) as civil_society_decides
    from dim_experience_classification
    inner join dim_experiences
        on dim_experience_classification.experience_id = dim_experiences.experience_id
    left join sectors
        on dim_experience_classification.experience_id = sectors.experience_id
    where dim_experience_classification.articulation_model is not null
),

breaks as (
    select
        experience_id,
        articulation_model,
        'vertical without punctual agreements' as clause
    from classified
    where articulation_model = 'vertical' and coalesce(agreement_type, '') <> 'punctual'
    union all
    select
        experience_id,
        articulation_model,
        'vertical with a substantive agreement' as clause
    from classified
    where
        articulation_model = 'vertical'
        and agreement_nature in ('initial_situation_change', 'organisational_change', 'legal_rule_change')
    union all
    select
        experience_id,
        articulation_model,
        'collaborative without public, civil-society and market actors' as clause
    from classified
    where articulation_model = 'collaborative' and not (has_public and has_civil_society and has_market)
    union all
    select
        experience_id,
        articulation_model,
        'collaborative where civil society decides or finances' as clause
    from classified
    where articulation_model = 'collaborative' and civil_society_decides
)

select * from breaks
