with

stg_questionnaires as (
    select * from {{ ref('stg_questionnaires') }}
),

stg_codebook as (
    select * from {{ ref('stg_codebook') }}
),

applicant_types as (
    select
        code,
        class
    from stg_codebook
    where question = 'applicant_types'
),

analysed as (
    select
        stg_questionnaires.questionnaire_id as experience_id,
        stg_questionnaires.applicant_type,
        applicant_types.class as applicant_sector,
        stg_questionnaires.applicant_group,
        stg_questionnaires.theme,
        stg_questionnaires.coverage,
        stg_questionnaires.agreement_type,
        stg_questionnaires.agreement_nature,
        stg_questionnaires.capacity_need,
        stg_questionnaires.is_awarded,
        stg_questionnaires.is_field_visited
    from stg_questionnaires
    left join applicant_types
        on stg_questionnaires.applicant_type = applicant_types.code
    where stg_questionnaires.is_analysed
)

select * from analysed
