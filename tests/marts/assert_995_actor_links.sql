-- Tabla 3 (Número y tipo de actores vinculados a las experiencias): 995 actors are linked to
-- the analysed experiences. Fails when fct_actor_links holds a different number.
-- A scale build (var `scale` = N copies of the raw layer) expects N times each count.

with

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

counted as (
    select cast(count(*) as bigint) as n_actor_links
    from fct_actor_links
)

select * from counted
where n_actor_links <> {{ var('expected_actor_links', 995) }} * {{ var('scale', 1) }}
