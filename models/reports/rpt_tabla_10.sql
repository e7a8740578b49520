-- Tabla 10. Tipo de Aporte Según Tipo de Actores: contributions (aportes: rows of
-- fct_actor_contributions) by the actor's sector (rows public, civil_society, market) and the
-- kind of contribution (columns), with row, column and grand totals computed as sums. The
-- study's printed totals are not the sums of its cells (paper_audit).

with

fct_actor_contributions as (
    select * from {{ ref('fct_actor_contributions') }}
),

sector_rows as (
    select distinct actor_sector as row_key
    from fct_actor_contributions
    union all
    select 'total' as row_key
),

contribution_columns as (
    select distinct contribution as column_key
    from fct_actor_contributions
    union all
    select 'total' as column_key
),

-- the contributions counted per (sector, contribution) first: the cells below, totals included,
-- add up these few dozen counts instead of joining every contribution to every cell
contribution_counts as (
    select
        actor_sector,
        contribution,
        count(link_id) as n_contributions
    from fct_actor_contributions
    group by
        actor_sector,
        contribution
),

counts as (
    select
        sector_rows.row_key,
        contribution_columns.column_key,
        cast(coalesce(sum(contribution_counts.n_contributions), 0) as bigint) as n_contributions
    from sector_rows
    cross join contribution_columns
    left join contribution_counts
        on
            sector_rows.row_key in (contribution_counts.actor_sector, 'total')
            and contribution_columns.column_key in (contribution_counts.contribution, 'total')
    group by
        sector_rows.row_key,
        contribution_columns.column_key
),

cells as (
    select
        row_key,
        column_key,
        {{ count_cell('n_contributions') }}
    from counts
),

{{ figures_from_cells('t10') }}
