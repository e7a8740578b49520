-- Tabla 3 of the study (Número y tipo de actores vinculados a las experiencias de desarrollo
-- de los territorios): actor links by actor type within sector, with each sector's subtotal
-- and its share of all links (the study prints 659 / 66.2%, 238 / 23.9%, 98 / 9.8%; 995).
-- Compile with `dbt compile --select actor_types_by_sector` and run the SQL in
-- target/compiled/.

with

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

by_actor_type as (
    select
        actor_sector,
        actor_type,
        actor_type_label_es,
        cast(count(*) as bigint) as n_actor_links
    from fct_actor_links
    group by actor_sector, actor_type, actor_type_label_es
),

with_shares as (
    select
        actor_sector,
        actor_type,
        actor_type_label_es,
        n_actor_links,
        cast(sum(n_actor_links) over (partition by actor_sector) as bigint) as n_sector_links,
        round(
            100.0 * sum(n_actor_links) over (partition by actor_sector)
            / sum(n_actor_links) over (), 1
        ) as sector_percent_of_all_links,
        round(
            100.0 * n_actor_links / sum(n_actor_links) over (partition by actor_sector), 1
        ) as percent_of_sector
    from by_actor_type
)

select * from with_shares
order by
    case actor_sector when 'public' then 1 when 'civil_society' then 2 else 3 end,
    n_actor_links desc
