-- Gráfico 1. Roles de los actores en experiencias postuladas por Organismos Públicos: shares
-- of the role mentions of the actors linked to experiences with a public applicant, by role
-- class (macros/reports/role_shares.sql). The chart is missing from the text; the figures are
-- the shares the text gives.

{{ role_shares('g1', 'public') }}
