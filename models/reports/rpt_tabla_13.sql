-- Tabla 13. Tipo de Acuerdos que se establecen en las alianzas: experiences by the type of
-- their agreements (punctual, systematic, formalised), share of those that answered, total.

with

fct_agreements as (
    select * from {{ ref('fct_agreements') }}
),

{{ answer_shares('t13', 'fct_agreements', 'agreement_type') }}
