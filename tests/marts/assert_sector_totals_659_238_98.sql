-- Tabla 3 (Número y tipo de actores vinculados): Total Sector Público 659 (66.2%), Total
-- Sociedad Civil 238 (23.9%), Total Asociaciones Empresariales y Empresas 98 (9.8%).
-- Returns every sector whose number of actor links differs from the study.
-- A scale build (var `scale` = N copies of the raw layer) expects N times each count.

with

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

expected as (
    select
        'public' as actor_sector,
        cast({{ var('expected_public_links', 659) }} * {{ var('scale', 1) }} as bigint) as expected_links
    union all
    select
        'civil_society' as actor_sector,
        cast({{ var('expected_civil_society_links', 238) }} * {{ var('scale', 1) }} as bigint) as expected_links
    union all
    select
        'market' as actor_sector,
        cast({{ var('expected_market_links', 98) }} * {{ var('scale', 1) }} as bigint) as expected_links
),

observed as (
    select
        actor_sector,
        cast(count(*) as bigint) as observed_links
    from fct_actor_links
    group by actor_sector
),

compared as (
    select
        coalesce(expected.actor_sector, observed.actor_sector) as actor_sector,
        expected.expected_links,
        coalesce(observed.observed_links, 0) as observed_links
    from expected
    full outer join observed
        on expected.actor_sector = observed.actor_sector
)

select * from compared
where expected_links is null or observed_links <> expected_links
