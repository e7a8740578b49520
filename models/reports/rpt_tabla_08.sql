-- Tabla 8. Relaciones de Organizaciones de la Sociedad Civil por Ámbito de Acción: the actor
-- links of the experiences of the applicant group `civil_society_organisations`, by partner
-- group and theme, with sector subtotals and shares, experiences and mean links per
-- experience. Only links with a partner group count (macros/reports/partner_group_table.sql).

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

{{ partner_group_table('t08', 'civil_society_organisations') }}
