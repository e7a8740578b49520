-- Tabla 2. Numero de Experiencias por Área Geográfica de Cobertura: experiences by coverage
-- (Frecuencia) and their share of all experiences (%), with the total.

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

coverage_rows as (
    select distinct coverage as row_key
    from dim_experiences
    union all
    select 'total' as row_key
),

counts as (
    select
        coverage_rows.row_key,
        cast(count(dim_experiences.experience_id) as bigint) as n_experiences
    from coverage_rows
    left join dim_experiences
        on coverage_rows.row_key in (dim_experiences.coverage, 'total')
    group by coverage_rows.row_key
),

all_experiences as (
    select cast(count(*) as bigint) as n_all_experiences
    from dim_experiences
),

cells as (
    select
        row_key,
        'count' as column_key,
        n_experiences as numerator,
        cast(null as bigint) as denominator,
        cast(null as double) as scale
    from counts
    union all
    select
        counts.row_key,
        'percent' as column_key,
        counts.n_experiences as numerator,
        all_experiences.n_all_experiences as denominator,
        100.0 as scale
    from counts
    cross join all_experiences
),

figures as (
    select
        't02.' || row_key || '.' || column_key as figure_id,
        {{ figure_value('numerator', 'denominator', 'scale') }} as computed_value,
        numerator,
        denominator
    from cells
)

select * from figures
