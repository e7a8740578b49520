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

roles as (
    select * from stg_codebook
    where question = 'roles'
),

-- the link's list of roles (int_actor_links_joined_to_experiences, parsed in stg_actor_links)
-- in long form: one row per (link, role), with no join back to the links on their keys
unnested as (
    select
        link_id,
        experience_id,
        {{ unnest_list('role_list') }} as role,
        actor_type,
        actor_sector,
        applicant_sector
    from int_actor_links_joined_to_experiences
),

actor_roles as (
    select
        unnested.link_id,
        unnested.experience_id,
        unnested.role,
        roles.label_es as role_label_es,
        roles.label_en as role_label_en,
        roles.class as role_class,
        unnested.actor_type,
        actor_types.label_es as actor_type_label_es,
        actor_types.label_en as actor_type_label_en,
        unnested.actor_sector,
        unnested.applicant_sector
    from unnested
    left join roles
        on unnested.role = roles.code
    left join actor_types
        on unnested.actor_type = actor_types.code
),

-- every row is the reconstruction's, not a questionnaire's (docs/reconstruction.md)
final as (
    select
        actor_roles.*,
        true as is_reconstructed
    from actor_roles
)

select * from final
