with

stg_actor_link_roles as (
    select * from {{ ref('stg_actor_link_roles') }}
),

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

actor_roles as (
    select
        stg_actor_link_roles.link_id,
        int_actor_links_joined_to_experiences.experience_id,
        stg_actor_link_roles.role,
        roles.label_es as role_label_es,
        roles.label_en as role_label_en,
        roles.class as role_class,
        int_actor_links_joined_to_experiences.actor_type,
        actor_types.label_es as actor_type_label_es,
        actor_types.label_en as actor_type_label_en,
        int_actor_links_joined_to_experiences.actor_sector,
        int_actor_links_joined_to_experiences.applicant_sector
    from stg_actor_link_roles
    inner join int_actor_links_joined_to_experiences
        on stg_actor_link_roles.link_id = int_actor_links_joined_to_experiences.link_id
    left join roles
        on stg_actor_link_roles.role = roles.code
    left join actor_types
        on int_actor_links_joined_to_experiences.actor_type = actor_types.code
),

-- every row is the reconstruction's, not a questionnaire's (docs/reconstruction.md)
final as (
    select
        actor_roles.*,
        true as is_reconstructed
    from actor_roles
)

select * from final
