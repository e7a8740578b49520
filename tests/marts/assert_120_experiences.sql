-- Tabla 1 (Número de Experiencias por Tipo de actores y Área Temática) and Tabla 2 count
-- 120 analysed experiences (72 public + 48 civil society). Fails when dim_experiences holds
-- a different number; returns the count found.
-- A scale build (var `scale` = N copies of the raw layer) expects N times each count.

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

counted as (
    select cast(count(*) as bigint) as n_experiences
    from dim_experiences
)

select * from counted
where n_experiences <> {{ var('expected_experiences', 120) }} * {{ var('scale', 1) }}
