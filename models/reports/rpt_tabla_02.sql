-- Tabla 2. Numero de Experiencias por Área Geográfica de Cobertura: experiences by coverage
-- (Frecuencia) and their share of all experiences (%), with the total. Every experience has a
-- coverage, so the experiences that answered are all 120.

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

{{ answer_shares('t02', 'dim_experiences', 'coverage') }}
