-- Tabla 4. Rango de Vínculos por tipo de actor que postula: experiences by applicant type
-- (rows) and range of actor links (columns 0_5, 6_10, 11_15, 16_20 for the study's overlapping
-- labels 0-5, 5-10, 10-15, 15-20, read as 0-5, 6-10, 11-15, 16-20: dim_experiences.link_range),
-- with row totals. `public_subtotal` is every public applicant type; `civil_society` the
-- civil-society applicants. The `.percent` rows (`t04.<row>.<range>.percent`) are the range's
-- share of the row's experiences.

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

experiences as (
    select
        experience_id,
        applicant_type,
        applicant_sector,
        case link_range
            when '0-5' then '0_5'
            when '5-10' then '6_10'
            when '10-15' then '11_15'
            when '15-20' then '16_20'
        end as range_key
    from dim_experiences
),

applicant_rows as (
    select distinct
        applicant_type as row_key,
        'applicant_type' as row_kind
    from experiences
    union all
    select
        'public_subtotal' as row_key,
        'public_subtotal' as row_kind
),

range_columns as (
    select distinct range_key as column_key
    from experiences
    union all
    select 'total' as column_key
),

counts as (
    select
        applicant_rows.row_key,
        range_columns.column_key,
        cast(count(experiences.experience_id) as bigint) as n_experiences
    from applicant_rows
    cross join range_columns
    left join experiences
        on
            (
                (applicant_rows.row_kind = 'applicant_type' and applicant_rows.row_key = experiences.applicant_type)
                or (applicant_rows.row_kind = 'public_subtotal' and experiences.applicant_sector = 'public')
            )
            and range_columns.column_key in (experiences.range_key, 'total')
    group by
        applicant_rows.row_key,
        range_columns.column_key
),

row_totals as (
    select
        row_key,
        n_experiences as n_row_experiences
    from counts
    where column_key = 'total'
),

cells as (
    select
        't04.' || row_key || '.' || column_key as figure_id,
        {{ count_cell('n_experiences') }}
    from counts
    union all
    select
        't04.' || counts.row_key || '.' || counts.column_key || '.percent' as figure_id,
        {{ percent_cell('counts.n_experiences', 'row_totals.n_row_experiences') }}
    from counts
    inner join row_totals
        on counts.row_key = row_totals.row_key
    where
        counts.row_key in ('public_subtotal', 'civil_society')
        and counts.column_key <> 'total'
),

{{ figures_from_cells() }}
