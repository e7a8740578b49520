-- Tabla 11 (Número y porcentaje de Aliados Reconocidos como Estratégicos por Tipo de
-- Instituciones Postulantes): 308 of the 995 linked actors (30.9%) are strategic allies.
-- Fails when fct_strategic_allies holds a different number.
-- A scale build (var `scale` = N copies of the raw layer) expects N times each count.

with

fct_strategic_allies as (
    select * from {{ ref('fct_strategic_allies') }}
),

counted as (
    select cast(count(*) as bigint) as n_strategic_allies
    from fct_strategic_allies
)

select * from counted
where n_strategic_allies <> {{ var('expected_strategic_allies', 308) }} * {{ var('scale', 1) }}
