with

stg_actor_link_contributions as (
    select * from {{ ref('stg_actor_link_contributions') }}
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

contributions as (
    select * from stg_codebook
    where question = 'contributions'
),

actor_contributions as (
    select
        stg_actor_link_contributions.link_id,
        int_actor_links_joined_to_experiences.experience_id,
        stg_actor_link_contributions.contribution,
        contributions.label_es as contribution_label_es,
        contributions.label_en as contribution_label_en,
        contributions.class as contribution_class,
        int_actor_links_joined_to_experiences.actor_type,
        actor_types.label_es as actor_type_label_es,
        actor_types.label_en as actor_type_label_en,
        int_actor_links_joined_to_experiences.actor_sector,
        int_actor_links_joined_to_experiences.applicant_sector
    from stg_actor_link_contributions
    inner join int_actor_links_joined_to_experiences
        on stg_actor_link_contributions.link_id = int_actor_links_joined_to_experiences.link_id
    left join contributions
        on stg_actor_link_contributions.contribution = contributions.code
    left join actor_types
        on int_actor_links_joined_to_experiences.actor_type = actor_types.code
),

-- every row is the reconstruction's, not a questionnaire's (docs/reconstruction.md)
final as (
    select
        actor_contributions.*,
        true as is_reconstructed
    from actor_contributions
)

select * from final
