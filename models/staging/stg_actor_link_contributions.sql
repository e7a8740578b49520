{#- the list of contributions of stg_actor_links in long form; a view: nothing is parsed or stored twice -#}
{{ config(materialized='view') }}

with

stg_actor_links as (
    select * from {{ ref('stg_actor_links') }}
),

unnested as (
    select
        link_id,
        questionnaire_id,
        {{ unnest_list('contribution_list') }} as contribution
    from stg_actor_links
)

select * from unnested
