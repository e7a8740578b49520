-- Gráficos 1 and 2 of the study (Roles de los actores en experiencias postuladas por
-- Organismos Públicos / por la Sociedad Civil): role mentions by role class and the applicant's
-- sector, as shares of the sector's role mentions (an actor with three roles is three mentions),
-- and, beside them, the share of actors holding at least one role of the class.

with

fct_actor_roles as (
    select * from {{ ref('fct_actor_roles') }}
),

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

mentions as (
    select
        applicant_sector,
        role_class,
        cast(count(*) as bigint) as n_mentions,
        cast(count(distinct link_id) as bigint) as n_actors_with_class
    from fct_actor_roles
    group by applicant_sector, role_class
),

actors as (
    select
        applicant_sector,
        cast(count(*) as bigint) as n_actors
    from fct_actor_links
    group by applicant_sector
),

with_shares as (
    select
        mentions.applicant_sector,
        mentions.role_class,
        mentions.n_mentions,
        round(
            100.0 * mentions.n_mentions
            / sum(mentions.n_mentions) over (partition by mentions.applicant_sector), 1
        ) as percent_of_mentions,
        mentions.n_actors_with_class,
        round(100.0 * mentions.n_actors_with_class / actors.n_actors, 1) as percent_of_actors
    from mentions
    inner join actors
        on mentions.applicant_sector = actors.applicant_sector
)

select * from with_shares
order by applicant_sector desc, n_mentions desc
