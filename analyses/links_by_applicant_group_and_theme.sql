-- Tablas 5–8 of the study (Tipo de Relaciones de Municipios / Servicios Públicos / Gobierno
-- Interior / Organizaciones de la Sociedad Civil por Ámbito de Acción): for each applicant
-- group, the experiences and actor links by theme and partner group, and the mean number of
-- links per experience ("Promedio Vínculos"). Links without a partner group are kept as
-- "Sin clasificar"; Tabla 11 reads the same links by applicant group without the theme.

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

experiences_per_group_theme as (
    select
        applicant_group,
        applicant_group_label_es,
        theme,
        theme_label_es,
        cast(count(*) as bigint) as n_experiences
    from dim_experiences
    group by applicant_group, applicant_group_label_es, theme, theme_label_es
),

links_per_group_theme_partner as (
    select
        applicant_group,
        theme,
        partner_group_sector,
        coalesce(partner_group_label_es, 'Sin clasificar') as partner_group_label_es,
        cast(count(*) as bigint) as n_actor_links
    from fct_actor_links
    group by applicant_group, theme, partner_group_sector, partner_group_label_es
),

joined as (
    select
        experiences_per_group_theme.applicant_group_label_es,
        experiences_per_group_theme.theme_label_es,
        experiences_per_group_theme.n_experiences,
        links_per_group_theme_partner.partner_group_sector,
        links_per_group_theme_partner.partner_group_label_es,
        links_per_group_theme_partner.n_actor_links,
        round(
            1.0 * sum(links_per_group_theme_partner.n_actor_links) over (
                partition by
                    experiences_per_group_theme.applicant_group,
                    experiences_per_group_theme.theme
            ) / experiences_per_group_theme.n_experiences,
            1
        ) as mean_links_per_experience
    from experiences_per_group_theme
    left join links_per_group_theme_partner
        on
            coalesce(experiences_per_group_theme.applicant_group, '')
            = coalesce(links_per_group_theme_partner.applicant_group, '')
            and experiences_per_group_theme.theme = links_per_group_theme_partner.theme
)

select * from joined
order by applicant_group_label_es, theme_label_es, partner_group_sector, partner_group_label_es
