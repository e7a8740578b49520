-- Gráfico 1. Roles de los actores en experiencias postuladas por Organismos Públicos: shares
-- of the actors linked to experiences with a public applicant that hold at least one role of
-- each category ("un 48% de los actores involucrados están participando de la toma de
-- decisiones y del financiamiento"; macros/reports/role_shares.sql). The chart is missing from
-- the text; the figures are the shares the text gives.

with

fct_actor_roles as (
    select * from {{ ref('fct_actor_roles') }}
),

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

{{ role_shares('g1', 'public') }}
