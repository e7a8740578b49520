-- Tabla 3. Número y tipo de actores vinculados a las experiencias: actor links by actor type,
-- by sector (public, civil_society, market: count and share of all links) and in total.
-- The study's total % (99,9) is not a share of its own but the sum of the three sector shares
-- as printed, rounded to one decimal; `t03.total.percent` is computed the same way, so it has
-- no numerator or denominator.

with

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

all_links as (
    select cast(count(*) as bigint) as n_all_links
    from fct_actor_links
),

type_counts as (
    select
        actor_type as row_key,
        cast(count(*) as bigint) as n_links
    from fct_actor_links
    group by actor_type
),

sector_counts as (
    select
        actor_sector as row_key,
        cast(count(*) as bigint) as n_links
    from fct_actor_links
    group by actor_sector
),

rounded_sector_shares as (
    select sum({{ round_double(ratio('100.0 * sector_counts.n_links', 'all_links.n_all_links'), 1) }}) as sum_of_shares
    from sector_counts
    cross join all_links
),

sector_shares as (
    select
        sector_counts.row_key,
        sector_counts.n_links,
        all_links.n_all_links
    from sector_counts
    cross join all_links
),

cells as (
    select
        row_key,
        'count' as column_key,
        {{ count_cell('n_links') }}
    from type_counts
    union all
    select
        row_key,
        'count' as column_key,
        {{ count_cell('n_links') }}
    from sector_counts
    union all
    select
        row_key,
        'percent' as column_key,
        {{ percent_cell('n_links', 'n_all_links') }}
    from sector_shares
    union all
    select
        'total' as row_key,
        'count' as column_key,
        {{ count_cell('n_all_links') }}
    from all_links
),

-- the one figure that is not a cell: the sum of the rounded sector shares (see the header)
rounded_total_share as (
    select
        't03.total.percent' as figure_id,
        cast(sum_of_shares as {{ type_double() }}) as computed_value,
        cast(null as bigint) as numerator,
        cast(null as bigint) as denominator
    from rounded_sector_shares
),

{{ figures_from_cells('t03', also='rounded_total_share') }}
