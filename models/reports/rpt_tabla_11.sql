-- Tabla 11. Número y porcentaje de Aliados Reconocidos como Estratégicos por Tipo de
-- Instituciones Postulantes: all actor links (Actores N°, whether or not they have a partner
-- group) and those recognised as strategic allies, by the applicant group of the experience
-- (`no_information` when the group is null: "Sin Información"), with the allies' share of the
-- row's links, and the total.

with

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

links as (
    select
        link_id,
        coalesce(applicant_group, 'no_information') as group_key,
        is_strategic_ally
    from fct_actor_links
),

group_rows as (
    select distinct group_key as row_key
    from links
    union all
    select 'total' as row_key
),

counts as (
    select
        group_rows.row_key,
        cast(count(links.link_id) as bigint) as n_links,
        {{ count_where("links.is_strategic_ally") }} as n_allies
    from group_rows
    left join links
        on group_rows.row_key in (links.group_key, 'total')
    group by group_rows.row_key
),

cells as (
    select
        row_key,
        'actors' as column_key,
        {{ count_cell('n_links') }}
    from counts
    union all
    select
        row_key,
        'strategic_allies' as column_key,
        {{ count_cell('n_allies') }}
    from counts
    union all
    select
        row_key,
        'percent' as column_key,
        {{ percent_cell('n_allies', 'n_links') }}
    from counts
),

{{ figures_from_cells('t11') }}
