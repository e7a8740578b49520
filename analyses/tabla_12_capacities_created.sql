-- Tabla 12 of the study (Capacidades Generadas en las Alianzas): experiences per capacity created
-- and their share of all experiences, by the applicant's sector. The study's "Gestión y
-- operación" row is the operational and integrated-management capacities together.

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

fct_capacities as (
    select * from {{ ref('fct_capacities') }}
),

all_experiences as (
    select cast(count(*) as bigint) as n_experiences
    from dim_experiences
),

by_capacity as (
    select
        capacity,
        capacity_label_es,
        capacity_class,
        cast(count(distinct experience_id) as bigint) as n_experiences,
        cast(count(distinct case when applicant_sector = 'public' then experience_id end) as bigint)
            as n_public_experiences,
        cast(count(distinct case when applicant_sector = 'civil_society' then experience_id end) as bigint)
            as n_civil_society_experiences
    from fct_capacities
    group by capacity, capacity_label_es, capacity_class
),

with_shares as (
    select
        by_capacity.capacity,
        by_capacity.capacity_label_es,
        by_capacity.capacity_class,
        by_capacity.n_experiences,
        by_capacity.n_public_experiences,
        by_capacity.n_civil_society_experiences,
        round(100.0 * by_capacity.n_experiences / all_experiences.n_experiences, 1)
            as percent_of_experiences
    from by_capacity
    cross join all_experiences
)

select * from with_shares
order by n_experiences desc
