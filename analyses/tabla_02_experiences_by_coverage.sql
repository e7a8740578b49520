-- Tabla 2 of the study (Numero de Experiencias por Área Geográfica de Cobertura): experiences by
-- coverage, with their share of all experiences and the coverage class (the text's 55,8% is the
-- communal-or-below class).

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

by_coverage as (
    select
        coverage,
        coverage_label_es,
        coverage_class,
        cast(count(*) as bigint) as n_experiences
    from dim_experiences
    group by coverage, coverage_label_es, coverage_class
),

with_shares as (
    select
        coverage,
        coverage_label_es,
        coverage_class,
        n_experiences,
        round(100.0 * n_experiences / sum(n_experiences) over (), 1) as percent_of_experiences
    from by_coverage
)

select * from with_shares
order by n_experiences desc
