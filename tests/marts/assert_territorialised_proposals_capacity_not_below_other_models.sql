-- "Destaca la capacidad propositiva" of the territorialised experiences (section IV): the share
-- of territorialised experiences that created the proposals capacity (Tabla 12, "Elaboran
-- propuestas") is not below that of any other model. Fails with each model whose share is
-- higher.

with

dim_experience_classification as (
    select * from {{ ref('dim_experience_classification') }}
),

fct_capacities as (
    select * from {{ ref('fct_capacities') }}
),

proposals as (
    select distinct experience_id
    from fct_capacities
    where capacity = 'proposals'
),

shares as (
    select
        dim_experience_classification.articulation_model,
        avg(case when proposals.experience_id is null then 0.0 else 1.0 end) as proposals_share
    from dim_experience_classification
    left join proposals
        on dim_experience_classification.experience_id = proposals.experience_id
    where dim_experience_classification.articulation_model is not null
    group by dim_experience_classification.articulation_model
),

territorialised as (
    select proposals_share from shares
    where articulation_model = 'territorialised'
),

higher as (
    select
        shares.articulation_model,
        shares.proposals_share,
        territorialised.proposals_share as territorialised_share
    from shares
    cross join territorialised
    where shares.proposals_share > territorialised.proposals_share
)

select * from higher
