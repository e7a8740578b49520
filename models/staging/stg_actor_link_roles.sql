with

source as (
    select * from {{ raw_relation('raw_actor_links') }}
),

renamed as (
    select
        {{ positional_id('trim(questionnaire_id)', 'link_position') }} as link_id,
        trim(questionnaire_id) as questionnaire_id,
        role_codes
    from source
    where role_codes is not null
),

unnested as (
    select
        link_id,
        questionnaire_id,
        {{ split_multiselect('role_codes') }} as role_token
    from renamed
),

cleaned as (
    select
        link_id,
        questionnaire_id,
        trim(role_token) as role
    from unnested
    where trim(role_token) <> ''
)

select * from cleaned
