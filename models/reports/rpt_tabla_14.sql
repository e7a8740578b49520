-- Tabla 14. Naturaleza de los Acuerdos en las Alianzas: experiences by the nature of their
-- agreements, their share of the experiences that answered, and the total.

with

fct_agreements as (
    select * from {{ ref('fct_agreements') }}
),

{{ answer_shares('t14', 'fct_agreements', 'agreement_nature') }}
