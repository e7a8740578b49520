with

source as (
    select * from {{ raw_relation('raw_questionnaires') }}
),

renamed as (
    select
        trim(questionnaire_id) as questionnaire_id,
        capacity_codes
    from source
    where capacity_codes is not null
),

unnested as (
    select
        questionnaire_id,
        {{ split_multiselect('capacity_codes') }} as capacity_token
    from renamed
),

cleaned as (
    select
        questionnaire_id,
        trim(capacity_token) as capacity
    from unnested
    where trim(capacity_token) <> ''
)

select * from cleaned
