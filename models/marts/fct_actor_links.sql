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

partner_groups as (
    select * from stg_codebook
    where question = 'partner_groups'
),

government_levels as (
    select * from stg_codebook
    where question = 'government_levels'
),

-- the crosswalk of the two codings of an actor (seeds/reference/actor_type_partner_groups.csv)
actor_type_partner_groups as (
    select * from {{ ref('actor_type_partner_groups') }}
),

ally_reasons as (
    select * from stg_codebook
    where question = 'ally_reasons'
),

actor_links as (
    select
        int_actor_links_joined_to_experiences.link_id,
        int_actor_links_joined_to_experiences.experience_id,
        int_actor_links_joined_to_experiences.link_position,
        int_actor_links_joined_to_experiences.actor_type,
        actor_types.label_es as actor_type_label_es,
        actor_types.label_en as actor_type_label_en,
        int_actor_links_joined_to_experiences.actor_sector,
        int_actor_links_joined_to_experiences.partner_group,
        partner_groups.label_es as partner_group_label_es,
        partner_groups.label_en as partner_group_label_en,
        int_actor_links_joined_to_experiences.partner_group_sector,
        actor_type_partner_groups.pairing as actor_type_partner_group_pairing,
        int_actor_links_joined_to_experiences.government_level,
        government_levels.label_es as government_level_label_es,
        government_levels.label_en as government_level_label_en,
        int_actor_links_joined_to_experiences.is_strategic_ally,
        int_actor_links_joined_to_experiences.ally_reason,
        ally_reasons.label_es as ally_reason_label_es,
        ally_reasons.label_en as ally_reason_label_en,
        ally_reasons.class as ally_reason_class,
        int_actor_links_joined_to_experiences.n_roles,
        int_actor_links_joined_to_experiences.n_contributions,
        int_actor_links_joined_to_experiences.has_principal_role,
        int_actor_links_joined_to_experiences.applicant_type,
        int_actor_links_joined_to_experiences.applicant_sector,
        int_actor_links_joined_to_experiences.applicant_group,
        int_actor_links_joined_to_experiences.theme
    from int_actor_links_joined_to_experiences
    left join actor_types
        on int_actor_links_joined_to_experiences.actor_type = actor_types.code
    left join partner_groups
        on int_actor_links_joined_to_experiences.partner_group = partner_groups.code
    left join actor_type_partner_groups
        on
            int_actor_links_joined_to_experiences.actor_type = actor_type_partner_groups.actor_type
            and int_actor_links_joined_to_experiences.partner_group = actor_type_partner_groups.partner_group
    left join government_levels
        on int_actor_links_joined_to_experiences.government_level = government_levels.code
    left join ally_reasons
        on int_actor_links_joined_to_experiences.ally_reason = ally_reasons.code
),

-- every row is the reconstruction's, not a questionnaire's (docs/reconstruction.md)
final as (
    select
        actor_links.*,
        true as is_reconstructed
    from actor_links
)

select * from final
