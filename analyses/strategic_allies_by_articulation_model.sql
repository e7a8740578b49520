-- Open question: do experiences of the governance models recognise more of their partners as
-- strategic allies, and for which reasons? Strategic allies and their share of the actor links,
-- by the experience's articulation model. Reconstructed records: the study does not print this.

with

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

dim_experience_classification as (
    select * from {{ ref('dim_experience_classification') }}
),

links as (
    select
        fct_actor_links.link_id,
        fct_actor_links.is_strategic_ally,
        fct_actor_links.ally_reason,
        coalesce(dim_experience_classification.articulation_model, 'unclassifiable') as articulation_model
    from fct_actor_links
    inner join dim_experience_classification
        on fct_actor_links.experience_id = dim_experience_classification.experience_id
),

by_model as (
    select
        articulation_model,
        cast(count(*) as bigint) as n_actor_links,
        cast(sum(case when is_strategic_ally then 1 else 0 end) as bigint) as n_strategic_allies,
        cast(sum(case when ally_reason = 'political_backing' then 1 else 0 end) as bigint)
            as n_political_backing,
        cast(sum(case when ally_reason = 'valuable_resources' then 1 else 0 end) as bigint)
            as n_valuable_resources,
        cast(sum(case when ally_reason = 'gathers_beneficiaries' then 1 else 0 end) as bigint)
            as n_gathers_beneficiaries
    from links
    group by articulation_model
),

with_shares as (
    select
        articulation_model,
        n_actor_links,
        n_strategic_allies,
        round(100.0 * n_strategic_allies / n_actor_links, 1) as percent_allies,
        n_political_backing,
        n_valuable_resources,
        n_gathers_beneficiaries
    from by_model
)

select * from with_shares
order by articulation_model
