with

stg_actor_links as (
    select * from {{ ref('stg_actor_links') }}
),

stg_actor_link_roles as (
    select * from {{ ref('stg_actor_link_roles') }}
),

stg_actor_link_contributions as (
    select * from {{ ref('stg_actor_link_contributions') }}
),

stg_codebook as (
    select * from {{ ref('stg_codebook') }}
),

roles as (
    select
        code,
        class
    from stg_codebook
    where question = 'roles'
),

role_counts as (
    select
        stg_actor_link_roles.link_id,
        cast(count(*) as bigint) as n_roles,
        cast(
            sum(case when roles.class = 'principal' then 1 else 0 end) as bigint
        ) as n_principal_roles
    from stg_actor_link_roles
    left join roles
        on stg_actor_link_roles.role = roles.code
    group by stg_actor_link_roles.link_id
),

contribution_counts as (
    select
        link_id,
        cast(count(*) as bigint) as n_contributions
    from stg_actor_link_contributions
    group by link_id
),

counted as (
    select
        stg_actor_links.link_id,
        cast(coalesce(role_counts.n_roles, 0) as bigint) as n_roles,
        cast(coalesce(contribution_counts.n_contributions, 0) as bigint) as n_contributions,
        coalesce(role_counts.n_principal_roles, 0) > 0 as has_principal_role
    from stg_actor_links
    left join role_counts
        on stg_actor_links.link_id = role_counts.link_id
    left join contribution_counts
        on stg_actor_links.link_id = contribution_counts.link_id
)

select * from counted
