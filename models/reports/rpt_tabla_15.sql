-- Tabla 15. Necesidades de Fortalecimiento de Capacidades Indicadas en las Experiencias:
-- experiences by their main capacity-strengthening need, their share of the experiences that
-- answered, and the total.

with

fct_capacity_needs as (
    select * from {{ ref('fct_capacity_needs') }}
),

{{ answer_shares('t15', 'fct_capacity_needs', 'capacity_need') }}
