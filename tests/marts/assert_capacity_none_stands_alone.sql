-- Tabla 12 (Capacidades Generadas en las Alianzas) counts "No ha generado capacidades" as an
-- answer of its own: an experience coded `none` names no other capacity. Returns every
-- experience that combines `none` with another capacity.

with

fct_capacities as (
    select * from {{ ref('fct_capacities') }}
),

per_experience as (
    select
        experience_id,
        cast(sum(case when capacity = 'none' then 1 else 0 end) as bigint) as n_none,
        cast(count(*) as bigint) as n_capacities
    from fct_capacities
    group by experience_id
)

select * from per_experience
where n_none > 0 and n_capacities > 1
