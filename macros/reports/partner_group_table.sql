{#-
    partner_group_table(table_code, applicant_group)

    The body of rpt_tabla_05 ... rpt_tabla_08 (Tipo de Relaciones de <applicant group> por Ámbito
    de Acción), after the model's import CTEs dim_experiences and fct_actor_links: for the experiences of one applicant group, their actor links by partner group
    (rows) and theme (columns), in the long form of the reports (figure_id, computed_value,
    numerator, denominator), with figure ids `<table_code>.<row_key>.<column_key>`:

    - `<partner_group>.<theme|total>`: links with that partner group. Only links WITH a partner
      group count ("con información válida analizada"); Tabla 11 counts all links.
    - `<sector>_subtotal.<theme|total>`: the same by the partner group's sector block
      (public, civil_society, market, other); `<sector>_subtotal.percent`: its share of the
      table's classified links.
    - `total.<theme|total>` and `total.percent`.
    - `experiences.<theme|total>`: the group's experiences, all of them, even those naming no
      classified link.
    - `mean_links.<theme|total>`: classified links / experiences ("Promedio Vínculos").

    Every (row, column) of the grid is computed, also the cells the study leaves blank: those
    have no figure in the seed and are not reconciled.
-#}
{% macro partner_group_table(table_code, applicant_group) -%}
theme_columns as (
    select distinct theme as column_key
    from dim_experiences
    union all
    select 'total' as column_key
),

group_experiences_by_theme as (
    select
        theme,
        cast(count(*) as bigint) as n_experiences
    from dim_experiences
    where applicant_group = '{{ applicant_group }}'
    group by theme
),

classified_links_by_cell as (
    -- grouped before the grid join below, so that its cost does not grow with the links
    select
        theme,
        partner_group,
        partner_group_sector,
        cast(count(*) as bigint) as n_links
    from fct_actor_links
    where
        applicant_group = '{{ applicant_group }}'
        and partner_group is not null
    group by
        theme,
        partner_group,
        partner_group_sector
),

partner_groups as (
    select distinct
        partner_group,
        partner_group_sector
    from fct_actor_links
    where partner_group is not null
),

table_rows as (
    select
        partner_group as row_key,
        'partner_group' as row_kind,
        partner_group_sector as row_sector
    from partner_groups
    union all
    select distinct
        partner_group_sector || '_subtotal' as row_key,
        'subtotal' as row_kind,
        partner_group_sector as row_sector
    from partner_groups
    union all
    select
        'total' as row_key,
        'total' as row_kind,
        cast(null as {{ type_text() }}) as row_sector
),

link_counts as (
    select
        table_rows.row_key,
        table_rows.row_kind,
        theme_columns.column_key,
        cast(coalesce(sum(classified_links_by_cell.n_links), 0) as bigint) as n_links
    from table_rows
    cross join theme_columns
    left join classified_links_by_cell
        on
            (
                (table_rows.row_kind = 'partner_group' and classified_links_by_cell.partner_group = table_rows.row_key)
                or (
                    table_rows.row_kind = 'subtotal'
                    and classified_links_by_cell.partner_group_sector = table_rows.row_sector
                )
                or table_rows.row_kind = 'total'
            )
            and theme_columns.column_key in (classified_links_by_cell.theme, 'total')
    group by
        table_rows.row_key,
        table_rows.row_kind,
        theme_columns.column_key
),

experience_counts as (
    select
        theme_columns.column_key,
        cast(coalesce(sum(group_experiences_by_theme.n_experiences), 0) as bigint) as n_experiences
    from theme_columns
    left join group_experiences_by_theme
        on theme_columns.column_key in (group_experiences_by_theme.theme, 'total')
    group by theme_columns.column_key
),

table_total as (
    select n_links as n_table_links
    from link_counts
    where row_key = 'total' and column_key = 'total'
),

cells as (
    {{ count_and_percent_cells(
        'link_counts', 'n_links', 'table_total', 'n_table_links',
        count_column_key='link_counts.column_key',
        percent_where="link_counts.row_kind in ('subtotal', 'total') and link_counts.column_key = 'total'"
    ) }}
    union all
    select
        'experiences' as row_key,
        column_key,
        {{ count_cell('n_experiences') }}
    from experience_counts
    union all
    select
        'mean_links' as row_key,
        experience_counts.column_key,
        {{ mean_cell('link_counts.n_links', 'experience_counts.n_experiences') }}
    from experience_counts
    inner join link_counts
        on
            experience_counts.column_key = link_counts.column_key
            and link_counts.row_key = 'total'
),

{{ figures_from_cells(table_code) }}

{%- endmacro %}
