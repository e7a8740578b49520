{#- the list of roles of stg_actor_links in long form; a view: nothing is parsed or stored twice -#}
{{ config(materialized='view') }}

with

stg_actor_links as (
    select * from {{ ref('stg_actor_links') }}
),

unnested as (
    select
        link_id,
        questionnaire_id,
        {{ unnest_list('role_list') }} as role
    from stg_actor_links
)

select * from unnested
