with

stg_participation_mechanisms as (
    select * from {{ ref('stg_participation_mechanisms') }}
),

int_experiences_filtered_to_analysed as (
    select * from {{ ref('int_experiences_filtered_to_analysed') }}
),

stg_codebook as (
    select * from {{ ref('stg_codebook') }}
),

policy_stages as (
    select * from stg_codebook
    where question = 'policy_stages'
),

participation_objectives as (
    select * from stg_codebook
    where question = 'participation_objectives'
),

participation_mechanisms as (
    select
        stg_participation_mechanisms.mechanism_id,
        int_experiences_filtered_to_analysed.experience_id,
        stg_participation_mechanisms.mechanism_position,
        stg_participation_mechanisms.policy_stage,
        policy_stages.label_es as policy_stage_label_es,
        policy_stages.label_en as policy_stage_label_en,
        policy_stages.class as policy_stage_class,
        stg_participation_mechanisms.participation_objective as objective,
        participation_objectives.label_es as objective_label_es,
        participation_objectives.label_en as objective_label_en,
        int_experiences_filtered_to_analysed.applicant_type,
        int_experiences_filtered_to_analysed.applicant_sector
    from stg_participation_mechanisms
    inner join int_experiences_filtered_to_analysed
        on stg_participation_mechanisms.questionnaire_id = int_experiences_filtered_to_analysed.experience_id
    left join policy_stages
        on stg_participation_mechanisms.policy_stage = policy_stages.code
    left join participation_objectives
        on stg_participation_mechanisms.participation_objective = participation_objectives.code
),

-- every row is the reconstruction's, not a questionnaire's (docs/reconstruction.md)
final as (
    select
        participation_mechanisms.*,
        true as is_reconstructed
    from participation_mechanisms
)

select * from final
