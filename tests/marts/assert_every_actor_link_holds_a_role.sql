-- Roles de los Actores: Gráficos 1 and 2 count actors by the categories of roles they hold
-- ("un 48% de los actores ..."), so every actor link holds at least one role, and the role rows
-- are the reconstruction's count (var `expected_role_rows`; the text's "3,6 en promedio" is
-- given up for this reading, docs/reconstruction.md). A scale build (var `scale` = N copies of
-- the raw layer) expects N times the count. Fails with the links without a role, or with the
-- counts when the role rows differ.

with

fct_actor_roles as (
    select * from {{ ref('fct_actor_roles') }}
),

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

-- n_roles is the length of the link's list of roles, whose elements are its rows in
-- fct_actor_roles (the test sum_equals_row_count_of on fct_actor_links.n_roles checks the sum)
links_without_role as (
    select
        link_id,
        cast(0 as bigint) as n_role_rows
    from fct_actor_links
    where n_roles = 0
),

role_rows as (
    select
        cast(null as {{ type_text() }}) as link_id,
        cast(count(*) as bigint) as n_role_rows
    from fct_actor_roles
),

failures as (
    select * from links_without_role
    union all
    select * from role_rows
    where n_role_rows <> {{ var('expected_role_rows') }} * {{ var('scale', 1) }}
)

select * from failures
