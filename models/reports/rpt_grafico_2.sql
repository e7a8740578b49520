-- Gráfico 2. Roles de los actores en experiencias postuladas por la Sociedad Civil: shares of
-- the actors linked to experiences with a civil-society applicant that hold at least one role
-- of each category ("Sólo un 30% participa de la toma de decisiones y/o el financiamiento";
-- macros/reports/role_shares.sql). The chart is missing from the text; the figures are the
-- shares the text gives.

with

fct_actor_roles as (
    select * from {{ ref('fct_actor_roles') }}
),

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

{{ role_shares('g2', 'civil_society') }}
