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

ally_reasons as (
    select * from stg_codebook
    where question = 'ally_reasons'
),

strategic_allies as (
    select
        int_actor_links_joined_to_experiences.link_id,
        int_actor_links_joined_to_experiences.experience_id,
        int_actor_links_joined_to_experiences.ally_reason as reason,
        ally_reasons.label_es as reason_label_es,
        ally_reasons.label_en as reason_label_en,
        ally_reasons.class as reason_class,
        int_actor_links_joined_to_experiences.actor_type,
        actor_types.label_es as actor_type_label_es,
        actor_types.label_en as actor_type_label_en,
        int_actor_links_joined_to_experiences.actor_sector,
        int_actor_links_joined_to_experiences.applicant_sector,
        int_actor_links_joined_to_experiences.applicant_group
    from int_actor_links_joined_to_experiences
    left join ally_reasons
        on int_actor_links_joined_to_experiences.ally_reason = ally_reasons.code
    left join actor_types
        on int_actor_links_joined_to_experiences.actor_type = actor_types.code
    where int_actor_links_joined_to_experiences.is_strategic_ally
),

-- every row is the reconstruction's, not a questionnaire's (docs/reconstruction.md)
final as (
    select
        strategic_allies.*,
        true as is_reconstructed
    from strategic_allies
)

select * from final
