{{ config(materialized=view_on_duckdb()) }}  {#- macros/portable/materializations.sql -#}

with

stg_actor_links as (
    select * from {{ ref('stg_actor_links') }}
),

int_experiences_filtered_to_analysed as (
    select * from {{ ref('int_experiences_filtered_to_analysed') }}
),

stg_codebook as (
    select * from {{ ref('stg_codebook') }}
),

actor_types as (
    select
        code,
        class
    from stg_codebook
    where question = 'actor_types'
),

partner_groups as (
    select
        code,
        class
    from stg_codebook
    where question = 'partner_groups'
),

-- the principal roles (decision-making and financing): the codebook's class `principal`
principal_roles as (
    select {{ list_agg('code') }} as codes
    from stg_codebook
    where question = 'roles' and class = 'principal'
),

joined as (
    select
        stg_actor_links.link_id,
        int_experiences_filtered_to_analysed.experience_id,
        stg_actor_links.link_position,
        stg_actor_links.actor_type,
        actor_types.class as actor_sector,
        stg_actor_links.partner_group,
        partner_groups.class as partner_group_sector,
        stg_actor_links.government_level,
        stg_actor_links.is_strategic_ally,
        stg_actor_links.ally_reason,
        cast({{ list_length('stg_actor_links.role_list') }} as bigint) as n_roles,
        cast({{ list_length('stg_actor_links.contribution_list') }} as bigint) as n_contributions,
        {{ list_has_any('stg_actor_links.role_list', 'principal_roles.codes') }} as has_principal_role,
        int_experiences_filtered_to_analysed.applicant_type,
        int_experiences_filtered_to_analysed.applicant_sector,
        int_experiences_filtered_to_analysed.applicant_group,
        int_experiences_filtered_to_analysed.theme,
        stg_actor_links.role_list,
        stg_actor_links.contribution_list
    from stg_actor_links
    inner join int_experiences_filtered_to_analysed
        on stg_actor_links.questionnaire_id = int_experiences_filtered_to_analysed.experience_id
    cross join principal_roles
    left join actor_types
        on stg_actor_links.actor_type = actor_types.code
    left join partner_groups
        on stg_actor_links.partner_group = partner_groups.code
)

select * from joined
