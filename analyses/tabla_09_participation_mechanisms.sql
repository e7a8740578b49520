-- Tabla 9 of the study (Mecanismos de Participación utilizados por el Sector Público, según
-- objetivos de la participación y Etapas de la Política): mechanisms by policy stage and
-- objective, for public-sector experiences (the study's table) and, beside it, for civil-society
-- experiences (not printed by the study).

with

fct_participation_mechanisms as (
    select * from {{ ref('fct_participation_mechanisms') }}
),

by_stage_and_objective as (
    select
        policy_stage,
        policy_stage_label_es,
        objective,
        cast(sum(case when applicant_sector = 'public' then 1 else 0 end) as bigint)
            as n_public_mechanisms,
        cast(sum(case when applicant_sector = 'civil_society' then 1 else 0 end) as bigint)
            as n_civil_society_mechanisms
    from fct_participation_mechanisms
    group by policy_stage, policy_stage_label_es, objective
)

select * from by_stage_and_objective
order by policy_stage asc, objective desc
