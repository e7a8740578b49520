with

source as (
    select * from {{ raw_relation('raw_questionnaires') }}
),

renamed as (
    select
        trim(questionnaire_id) as questionnaire_id,
        cast(lower(trim(is_analysed)) as boolean) as is_analysed,
        nullif(trim(exclusion_reason_code), '') as exclusion_reason,
        nullif(trim(applicant_type_code), '') as applicant_type,
        nullif(trim(applicant_group_code), '') as applicant_group,
        nullif(trim(theme_code), '') as theme,
        nullif(trim(coverage_code), '') as coverage,
        nullif(trim(agreement_type_code), '') as agreement_type,
        nullif(trim(agreement_nature_code), '') as agreement_nature,
        nullif(trim(capacity_need_code), '') as capacity_need,
        cast(lower(trim(is_awarded)) as boolean) as is_awarded,
        cast(lower(trim(is_field_visited)) as boolean) as is_field_visited
    from source
)

select * from renamed
