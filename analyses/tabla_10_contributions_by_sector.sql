-- Tabla 10 of the study (Tipo de Aporte Según Tipo de Actores): contributions (aportes) by the
-- actor's sector and kind, with each kind's share of the sector's contributions. The study's
-- printed row totals are not the sums of its cells (reports.paper_audit); these are sums.

with

fct_actor_contributions as (
    select * from {{ ref('fct_actor_contributions') }}
),

by_sector_and_kind as (
    select
        actor_sector,
        contribution,
        contribution_label_es,
        contribution_class,
        cast(count(*) as bigint) as n_contributions
    from fct_actor_contributions
    group by actor_sector, contribution, contribution_label_es, contribution_class
),

with_shares as (
    select
        actor_sector,
        contribution_label_es,
        contribution_class,
        n_contributions,
        cast(sum(n_contributions) over (partition by actor_sector) as bigint) as n_sector_contributions,
        round(100.0 * n_contributions / sum(n_contributions) over (partition by actor_sector), 1)
            as percent_of_sector
    from by_sector_and_kind
)

select * from with_shares
order by actor_sector desc, n_contributions desc
