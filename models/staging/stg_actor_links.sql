with

source as (
    select * from {{ raw_relation('raw_actor_links') }}
),

-- the multi-selects are parsed here, once: a list of codes per link (macros/portable/lists.sql);
-- stg_actor_link_roles and stg_actor_link_contributions are those lists in long form
renamed as (
    select
        {{ positional_id('trim(questionnaire_id)', 'link_position') }} as link_id,
        trim(questionnaire_id) as questionnaire_id,
        cast(link_position as integer) as link_position,
        nullif(trim(actor_type_code), '') as actor_type,
        nullif(trim(partner_group_code), '') as partner_group,
        nullif(trim(government_level_code), '') as government_level,
        cast(lower(trim(is_strategic_ally)) as boolean) as is_strategic_ally,
        nullif(trim(ally_reason_code), '') as ally_reason,
        {{ multiselect_list('role_codes') }} as role_list,
        {{ multiselect_list('contribution_codes') }} as contribution_list
    from source
)

select * from renamed
