{#-
    The observed category of each of the nine typology variables (docs/typology.md), one row
    per analysed experience. Only the derivation of categories from the answers lives here;
    which models a category satisfies is data (seed typology_rules), joined in the mart
    dim_experience_classification.
    Why this length: nine variables, one CTE each, each a reading of docs/typology.md that its
    comment quotes; together they are the typology's coding rules, kept in one model.
-#}

with

stg_questionnaires as (
    select * from {{ ref('stg_questionnaires') }}
),

stg_questionnaire_capacities as (
    select * from {{ ref('stg_questionnaire_capacities') }}
),

stg_actor_links as (
    select * from {{ ref('stg_actor_links') }}
),

stg_participation_mechanisms as (
    select * from {{ ref('stg_participation_mechanisms') }}
),

stg_codebook as (
    select * from {{ ref('stg_codebook') }}
),

experiences as (
    select
        questionnaire_id as experience_id,
        agreement_type,
        agreement_nature
    from stg_questionnaires
    where is_analysed
),

actor_types as (
    select
        code,
        class as actor_sector
    from stg_codebook
    where question = 'actor_types'
),

-- the principal roles (decision-making and financing): the codebook's class `principal`, as
-- int_actor_links_joined_to_experiences reads them
principal_roles as (
    select {{ list_agg('code') }} as codes
    from stg_codebook
    where question = 'roles' and class = 'principal'
),

-- one row per actor link: its level, sector and the two role flags the rules use, read from
-- its list of roles
links_flagged as (
    select
        stg_actor_links.questionnaire_id as experience_id,
        stg_actor_links.link_id,
        stg_actor_links.government_level,
        actor_types.actor_sector,
        case
            when {{ list_has_any('stg_actor_links.role_list', 'principal_roles.codes') }} then 1
            else 0
        end as has_principal_role,
        case
            when {{ list_has_any('stg_actor_links.role_list', list_of(['information_other'])) }} then 1
            else 0
        end as has_information_role
    from stg_actor_links
    cross join principal_roles
    left join actor_types
        on stg_actor_links.actor_type = actor_types.code
),

-- one row per experience with links: what its links show (variables 3, 4 and 5); the
-- government level counts for public actors only
links_summarised as (
    select
        experience_id,
        max(
            case
                when actor_sector = 'public'
                    and government_level in ('central', 'regional')
                    and has_principal_role = 1
                    then 1
                else 0
            end
        ) as has_upper_level_principal,
        max(
            case when actor_sector = 'public' and government_level = 'local' then 1 else 0 end
        ) as has_local_link,
        max(
            case
                when actor_sector = 'public'
                    and government_level = 'local'
                    and has_principal_role = 1
                    then 1
                else 0
            end
        ) as has_local_principal,
        max(case when actor_sector = 'civil_society' then 1 else 0 end) as has_civil_link,
        max(
            case
                when actor_sector = 'civil_society' and has_principal_role = 1 then 1
                else 0
            end
        ) as has_civil_principal,
        max(
            case
                when actor_sector = 'civil_society' and has_information_role = 1 then 1
                else 0
            end
        ) as has_civil_information
    from links_flagged
    group by experience_id
),

-- policy stages in depth order: information (1) < diagnosis_agenda < policy_formulation
-- < decision_making < implementation < evaluation (6)
mechanisms_scored as (
    select
        questionnaire_id as experience_id,
        case policy_stage
            when 'information' then 1
            when 'diagnosis_agenda' then 2
            when 'policy_formulation' then 3
            when 'decision_making' then 4
            when 'implementation' then 5
            when 'evaluation' then 6
        end as stage_depth,
        case when participation_objective = 'empowering' then 1 else 0 end as is_empowering
    from stg_participation_mechanisms
),

-- one row per experience with mechanisms (variables 2 and 9)
mechanisms_summarised as (
    select
        experience_id,
        cast(count(*) as bigint) as n_mechanisms,
        max(stage_depth) as deepest_stage_depth,
        max(
            case when is_empowering = 1 and stage_depth >= 4 then 1 else 0 end
        ) as has_empowering_shared_management,
        max(is_empowering) as has_empowering,
        max(case when stage_depth > 1 then 1 else 0 end) as has_beyond_information
    from mechanisms_scored
    group by experience_id
),

-- one row per experience with a capacity answer (variable 7)
capacities_summarised as (
    select
        questionnaire_id as experience_id,
        max(
            case when capacity = 'integrated_management' then 1 else 0 end
        ) as has_integrated_management,
        max(
            case
                when capacity in ('shared_visions', 'public_interaction', 'active_citizenship')
                    then 1
                else 0
            end
        ) as has_governance_capacity,
        max(case when capacity <> 'none' then 1 else 0 end) as has_other_capacity
    from stg_questionnaire_capacities
    group by questionnaire_id
),

categorised as (
    select
        experiences.experience_id,

        -- 1 institutionalisation
        coalesce(experiences.agreement_type, 'missing') as institutionalisation_category,

        -- 2 articulation spaces: the deepest policy stage reached
        case
            when coalesce(mechanisms_summarised.deepest_stage_depth, 1) = 1 then 'information'
            when mechanisms_summarised.deepest_stage_depth <= 3 then 'agenda_design'
            when mechanisms_summarised.deepest_stage_depth <= 5 then 'joint_management'
            else 'evaluation_control'
        end as articulation_spaces_category,

        -- 3 regional or sectoral (central and regional) public level
        case
            when coalesce(links_summarised.has_upper_level_principal, 0) = 0 then 'absent'
            when links_summarised.has_local_principal = 1
                or links_summarised.has_civil_principal = 1 then 'joint'
            else 'concentrated'
        end as regional_sectoral_role_category,

        -- 4 local public level
        case
            when coalesce(links_summarised.has_local_link, 0) = 0 then 'absent'
            when links_summarised.has_local_principal = 1 then 'joint'
            else 'implementation_support'
        end as local_role_category,

        -- 5 civil society
        case
            when coalesce(links_summarised.has_civil_link, 0) = 0 then 'absent'
            when links_summarised.has_civil_principal = 1 then 'decision_financing'
            when links_summarised.has_civil_information = 1 then 'information_agenda'
            else 'support_implementation'
        end as civil_society_role_category,

        -- 6 functioning
        case
            when experiences.agreement_type = 'punctual' then 'punctual'
            when experiences.agreement_type in ('systematic', 'formalised') then 'systematic'
            else 'missing'
        end as functioning_category,

        -- 7 capacities created
        case
            when capacities_summarised.experience_id is null then 'missing'
            when capacities_summarised.has_integrated_management = 1 then 'integrated'
            when capacities_summarised.has_governance_capacity = 1 then 'governance'
            when capacities_summarised.has_other_capacity = 1 then 'operational'
            else 'none'
        end as capacities_created_category,

        -- 8 nature of the agreements
        coalesce(experiences.agreement_nature, 'missing') as agreement_nature_category,

        -- 9 participation mechanisms
        case
            when coalesce(mechanisms_summarised.n_mechanisms, 0) = 0 then 'none'
            when mechanisms_summarised.has_empowering_shared_management = 1
                then 'empowering_shared_management'
            when mechanisms_summarised.has_empowering = 1 then 'empowering_agenda'
            when mechanisms_summarised.has_beyond_information = 1 then 'instrumental'
            else 'information'
        end as participation_mechanisms_category

    from experiences
    left join links_summarised
        on experiences.experience_id = links_summarised.experience_id
    left join mechanisms_summarised
        on experiences.experience_id = mechanisms_summarised.experience_id
    left join capacities_summarised
        on experiences.experience_id = capacities_summarised.experience_id
)

select * from categorised
