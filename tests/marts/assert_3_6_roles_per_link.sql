-- Roles de los Actores (text before Gráficos 1 and 2): actors play more than one role in the
-- alliance, "3,6 en promedio". The study publishes only the rounded mean, so the test checks
-- role rows / actor links rounded to one decimal (e.g. 3582 / 995 = 3.6, 3534 / 995 = 3.6).
-- Setting the var `expected_role_rows` also pins the exact number of role rows.
-- A scale build (var `scale` = N copies of the raw layer) expects N times each count.

{%- set expected_role_rows = var('expected_role_rows', none) %}

with

fct_actor_roles as (
    select * from {{ ref('fct_actor_roles') }}
),

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

role_rows as (
    select cast(count(*) as bigint) as n_role_rows
    from fct_actor_roles
),

link_rows as (
    select cast(count(*) as bigint) as n_actor_links
    from fct_actor_links
),

compared as (
    select
        role_rows.n_role_rows,
        link_rows.n_actor_links,
        {{ round_double(ratio('role_rows.n_role_rows', 'nullif(link_rows.n_actor_links, 0)'), 1) }}
            as roles_per_link
    from role_rows
    cross join link_rows
)

select * from compared
where
    roles_per_link is null
    or roles_per_link <> {{ var('expected_roles_per_link', 3.6) }}
    {%- if expected_role_rows is not none %}
    or n_role_rows <> {{ expected_role_rows }} * {{ var('scale', 1) }}
    {%- endif %}
