-- Tabla 1 of the study (Número de Experiencias por Tipo de actores y Área Temática): analysed
-- experiences by the applicant's sector and theme, with each sector's share of all experiences
-- (the study prints 72 / 60% public and 48 / 40% civil society of 120).
-- Compile with `dbt compile --select tabla_01_experiences_by_sector_and_theme` and run the SQL
-- in target/compiled/.

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

by_sector_and_theme as (
    select
        applicant_sector,
        theme_label_es,
        cast(count(*) as bigint) as n_experiences
    from dim_experiences
    group by applicant_sector, theme_label_es
),

with_shares as (
    select
        applicant_sector,
        theme_label_es,
        n_experiences,
        cast(sum(n_experiences) over (partition by applicant_sector) as bigint) as n_sector_experiences,
        round(
            100.0 * sum(n_experiences) over (partition by applicant_sector)
            / sum(n_experiences) over (), 1
        ) as sector_percent
    from by_sector_and_theme
)

select * from with_shares
order by applicant_sector desc, theme_label_es asc
