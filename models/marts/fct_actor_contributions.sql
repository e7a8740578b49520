{{ config(materialized=view_on_duckdb()) }}  {#- macros/portable/materializations.sql -#}

with

int_actor_links_joined_to_experiences as (
    select * from {{ ref('int_actor_links_joined_to_experiences') }}
),

stg_codebook as (
    select * from {{ ref('stg_codebook') }}
),

actor_types as (
    select * from stg_codebook
    where question = 'actor_types'
),

contributions as (
    select * from stg_codebook
    where question = 'contributions'
),

-- the link's list of contributions (int_actor_links_joined_to_experiences, parsed in stg_actor_links)
-- in long form: one row per (link, contribution), with no join back to the links on their keys
unnested as (
    select
        link_id,
        experience_id,
        {{ unnest_list('contribution_list') }} as contribution,
        actor_type,
        actor_sector,
        applicant_sector
    from int_actor_links_joined_to_experiences
),

actor_contributions as (
    select
        unnested.link_id,
        unnested.experience_id,
        unnested.contribution,
        contributions.label_es as contribution_label_es,
        contributions.label_en as contribution_label_en,
        contributions.class as contribution_class,
        unnested.actor_type,
        actor_types.label_es as actor_type_label_es,
        actor_types.label_en as actor_type_label_en,
        unnested.actor_sector,
        unnested.applicant_sector
    from unnested
    left join contributions
        on unnested.contribution = contributions.code
    left join actor_types
        on unnested.actor_type = actor_types.code
),

-- every row is the reconstruction's, not a questionnaire's (docs/reconstruction.md)
final as (
    select
        actor_contributions.*,
        true as is_reconstructed
    from actor_contributions
)

select * from final
