with

source as (
    select * from {{ raw_relation('raw_participation_mechanisms') }}
),

renamed as (
    select
        {{ positional_id('trim(questionnaire_id)', 'mechanism_position', 'M') }} as mechanism_id,
        trim(questionnaire_id) as questionnaire_id,
        cast(mechanism_position as integer) as mechanism_position,
        nullif(trim(policy_stage_code), '') as policy_stage,
        nullif(trim(participation_objective_code), '') as participation_objective
    from source
)

select * from renamed
