with

source as (
    select * from {{ raw_relation('raw_actor_links') }}
),

renamed as (
    select
        {{ positional_id('trim(questionnaire_id)', 'link_position') }} as link_id,
        trim(questionnaire_id) as questionnaire_id,
        contribution_codes
    from source
    where contribution_codes is not null
),

unnested as (
    select
        link_id,
        questionnaire_id,
        {{ split_multiselect('contribution_codes') }} as contribution_token
    from renamed
),

cleaned as (
    select
        link_id,
        questionnaire_id,
        trim(contribution_token) as contribution
    from unnested
    where trim(contribution_token) <> ''
)

select * from cleaned
