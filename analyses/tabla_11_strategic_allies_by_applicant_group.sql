-- Tabla 11 of the study (Número y porcentaje de Aliados Reconocidos como Estratégicos por Tipo
-- de Instituciones Postulantes): all actor links and strategic allies by applicant group, with
-- the allies' share, and the allies' reasons.

with

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

by_group as (
    select
        coalesce(applicant_group, 'no_information') as applicant_group,
        cast(count(*) as bigint) as n_actor_links,
        cast(sum(case when is_strategic_ally then 1 else 0 end) as bigint) as n_strategic_allies,
        cast(sum(case when ally_reason = 'political_backing' then 1 else 0 end) as bigint)
            as n_political_backing,
        cast(sum(case when ally_reason = 'valuable_resources' then 1 else 0 end) as bigint)
            as n_valuable_resources,
        cast(sum(case when ally_reason = 'gathers_beneficiaries' then 1 else 0 end) as bigint)
            as n_gathers_beneficiaries
    from fct_actor_links
    group by coalesce(applicant_group, 'no_information')
),

with_shares as (
    select
        applicant_group,
        n_actor_links,
        n_strategic_allies,
        round(100.0 * n_strategic_allies / n_actor_links, 1) as percent_allies,
        n_political_backing,
        n_valuable_resources,
        n_gathers_beneficiaries
    from by_group
)

select * from with_shares
order by n_actor_links desc
