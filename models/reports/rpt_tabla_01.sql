-- Tabla 1. Número de Experiencias por Tipo de actores y Área Temática: experiences by the
-- applicant's sector (rows public, civil_society, total) and theme (columns, and total); the
-- % column is the row's share of all experiences.

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

sector_rows as (
    select distinct applicant_sector as row_key
    from dim_experiences
    union all
    select 'total' as row_key
),

theme_columns as (
    select distinct theme as column_key
    from dim_experiences
    union all
    select 'total' as column_key
),

counts as (
    select
        sector_rows.row_key,
        theme_columns.column_key,
        cast(count(dim_experiences.experience_id) as bigint) as n_experiences
    from sector_rows
    cross join theme_columns
    left join dim_experiences
        on
            sector_rows.row_key in (dim_experiences.applicant_sector, 'total')
            and theme_columns.column_key in (dim_experiences.theme, 'total')
    group by
        sector_rows.row_key,
        theme_columns.column_key
),

all_experiences as (
    select cast(count(*) as bigint) as n_all_experiences
    from dim_experiences
),

cells as (
    {{ count_and_percent_cells(
        'counts', 'n_experiences', 'all_experiences', 'n_all_experiences',
        count_column_key='counts.column_key', percent_where="counts.column_key = 'total'"
    ) }}
),

{{ figures_from_cells('t01') }}
