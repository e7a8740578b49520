with

stg_questionnaires as (
    select * from {{ ref('stg_questionnaires') }}
),

stg_codebook as (
    select * from {{ ref('stg_codebook') }}
),

exclusion_reasons as (
    select * from stg_codebook
    where question = 'exclusion_reasons'
),

questionnaires as (
    select
        stg_questionnaires.questionnaire_id,
        stg_questionnaires.is_analysed,
        stg_questionnaires.exclusion_reason,
        exclusion_reasons.label_es as exclusion_reason_label_es,
        exclusion_reasons.label_en as exclusion_reason_label_en,
        true as is_reconstructed
    from stg_questionnaires
    left join exclusion_reasons
        on stg_questionnaires.exclusion_reason = exclusion_reasons.code
)

select * from questionnaires
