-- Tabla 12. Capacidades Generadas en las Alianzas: experiences per capacity created
-- (Numero de Experiencias) and their share of all experiences (%). The row "Gestión y
-- operación" (`operational_or_management`) counts the experiences with the operational or the
-- integrated-management capacity, which the data code separately (their own rows are computed
-- too but not printed).

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

fct_capacities as (
    select * from {{ ref('fct_capacities') }}
),

capacity_rows as (
    select distinct
        capacity as row_key,
        capacity
    from fct_capacities
    union all
    select
        'operational_or_management' as row_key,
        'operational' as capacity
    union all
    select
        'operational_or_management' as row_key,
        'integrated_management' as capacity
),

counts as (
    select
        capacity_rows.row_key,
        cast(count(distinct fct_capacities.experience_id) as bigint) as n_experiences
    from capacity_rows
    left join fct_capacities
        on capacity_rows.capacity = fct_capacities.capacity
    group by capacity_rows.row_key
),

all_experiences as (
    select cast(count(*) as bigint) as n_all_experiences
    from dim_experiences
),

cells as (
    {{ count_and_percent_cells('counts', 'n_experiences', 'all_experiences', 'n_all_experiences') }}
),

{{ figures_from_cells('t12') }}
