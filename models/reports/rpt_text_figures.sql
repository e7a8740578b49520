-- The figures the text prints outside the tables (`txt.*`, except the classification split:
-- rpt_classification_split). Each row's label in published_figures quotes the sentence; the
-- notes below say what is counted. Percentages are shares of the base named; means are
-- links (or roles) per experience (or link).
-- Why this length: some fifty figures from one set of totals; each figure is one line of the
-- list below, and the totals are the counts those lines name.

{#
    The text's figures, one per entry: (figure_id, numerator, denominator, scale, note). The
    numerator and denominator are columns of `totals` (below); a count has no denominator; scale
    is 100.0 for a percentage and 1.0 for a mean; the note, when there is one, says what is
    counted (it is written above the figure's row in the compiled SQL). figure_value() turns
    each entry into the computed value.
#}
{%- set text_figures = [
    ('txt.questionnaires_applied', 'n_questionnaires', none, none, 'counts'),
    ('txt.experiences_analysed', 'n_experiences', none, none, ''),
    ('txt.experiences_field_visited', 'n_field_visited', none, none, ''),
    ('txt.actors_total', 'n_links', none, none, ''),
    ('txt.municipal_experiences', 'n_municipal_experiences', none, none, ''),
    ('txt.sps_experiences', 'n_sps_experiences', none, none, ''),
    ('txt.sps_links_total', 'n_sectoral_service_actors', none, none,
        '"suman un total de vínculos de 200": links with a sectoral public service'),
    ('txt.interior_experiences', 'n_interior_experiences', none, none,
        '"... en las 118 experiencias" is the classified base: rpt_classification_split'),
    ('txt.coverage_communal_or_below.percent', 'n_communal_or_below', 'n_experiences', '100.0',
        'coverage, shares of all experiences'),
    ('txt.coverage_international.percent', 'n_international', 'n_experiences', '100.0', ''),
    ('txt.actors_public.percent', 'n_public_actors', 'n_links', '100.0', 'actors by sector, shares of all links'),
    ('txt.actors_civil_society.percent', 'n_civil_actors', 'n_links', '100.0', ''),
    ('txt.actors_market.percent', 'n_market_actors', 'n_links', '100.0', ''),
    ('txt.public_sectoral_services.percent', 'n_sectoral_service_actors', 'n_public_actors', '100.0',
        'public actors by type, shares of the public actors'),
    ('txt.public_municipalities.percent', 'n_municipality_actors', 'n_public_actors', '100.0', ''),
    ('txt.public_sublocal.percent', 'n_sublocal_actors', 'n_public_actors', '100.0', ''),
    ('txt.public_ministries.percent', 'n_ministry_actors', 'n_public_actors', '100.0', ''),
    ('txt.civil_base_organisations.percent', 'n_social_organisation_actors', 'n_civil_actors', '100.0',
        'civil-society actors by type, shares of the civil-society actors'),
    ('txt.civil_foundations.percent', 'n_foundation_actors', 'n_civil_actors', '100.0', ''),
    ('txt.civil_indigenous_or_guild.percent', 'n_indigenous_or_guild_actors', 'n_civil_actors', '100.0', ''),
    ('txt.market_productive.percent', 'n_productive_actors', 'n_market_actors', '100.0',
        'market actors by type, shares of the market actors'),
    ('txt.market_companies.percent', 'n_company_actors', 'n_market_actors', '100.0', ''),
    ('txt.market_business_associations.percent', 'n_business_association_actors', 'n_market_actors', '100.0', ''),
    ('txt.mean_links_all', 'n_links', 'n_experiences', '1.0', 'links per experience, by the applicant\'s sector'),
    ('txt.mean_links_public', 'n_public_experience_links', 'n_public_experiences', '1.0', ''),
    ('txt.mean_links_civil_society', 'n_civil_experience_links', 'n_civil_experiences', '1.0', ''),
    ('txt.public_mean_social_organisations', 'n_public_social_organisation_partners', 'n_public_experiences', '1.0',
        'social-organisation partner links per public experience'),
    ('txt.municipal_social_mean_links', 'n_municipal_social_partners', 'n_municipal_social_experiences', '1.0',
        'municipalities (Tabla 5): social development mean; DEL regional and market partners'),
    ('txt.municipal_del_mean_regional', 'n_municipal_del_regional_partners', 'n_municipal_del_experiences', '1.0',
        ''),
    ('txt.municipal_del_mean_market', 'n_municipal_del_market_partners', 'n_municipal_del_experiences', '1.0', ''),
    ('txt.sps_mean_links', 'n_sps_links', 'n_sps_experiences', '1.0',
        'sectoral public services as applicants: all their links per experience; the public '
        ~ 'partner groups\' share of their classified links'),
    ('txt.sps_intrastate.percent', 'n_sps_public_partners', 'n_sps_partners', '100.0', ''),
    ('txt.interior_mean_links', 'n_interior_links', 'n_interior_experiences', '1.0',
        'interior government as applicant: all its links per experience; the public partner '
        ~ 'groups\' share of its classified links; interior-government actors among all actors'),
    ('txt.interior_public_partners.percent', 'n_interior_public_partners', 'n_interior_partners', '100.0', ''),
    ('txt.interior_share_of_actors.percent', 'n_interior_actors', 'n_links', '100.0', ''),
    ('txt.participation_any.percent', 'n_with_mechanism', 'n_experiences', '100.0',
        'participation mechanisms (De la Maza 2009), shares of all experiences'),
    ('txt.participation_empowering.percent', 'n_with_empowering', 'n_experiences', '100.0', ''),
    ('txt.participation_decisions.percent', 'n_with_empowering_decision', 'n_experiences', '100.0', ''),
    ('txt.roles_per_actor', 'n_role_rows', 'n_links', '1.0', 'roles per actor link'),
    ('txt.ally_reason_political_backing.percent', 'n_political_backing', 'n_allies', '100.0',
        'strategic-ally reasons, shares of the strategic allies'),
    ('txt.ally_reason_valuable_resources.percent', 'n_valuable_resources', 'n_allies', '100.0', ''),
    ('txt.ally_reason_gathers_beneficiaries.percent', 'n_gathers_beneficiaries', 'n_allies', '100.0', ''),
    ('txt.agreements_systematic.percent', 'n_systematic_or_formalised', 'n_experiences', '100.0',
        'agreements: systematic or formalised over all experiences; natures over those answered'),
    ('txt.agreements_information_or_human.percent', 'n_information_or_human', 'n_natures_answered', '100.0', ''),
    ('txt.agreements_substantive.percent', 'n_substantive', 'n_natures_answered', '100.0', ''),
] %}

with

dim_questionnaires as (
    select * from {{ ref('dim_questionnaires') }}
),

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

fct_actor_roles as (
    select * from {{ ref('fct_actor_roles') }}
),

fct_participation_mechanisms as (
    select * from {{ ref('fct_participation_mechanisms') }}
),

fct_strategic_allies as (
    select * from {{ ref('fct_strategic_allies') }}
),

fct_agreements as (
    select * from {{ ref('fct_agreements') }}
),

questionnaire_totals as (
    select cast(count(*) as bigint) as n_questionnaires
    from dim_questionnaires
),

experience_totals as (
    select
        cast(count(*) as bigint) as n_experiences,
        {{ count_where("is_field_visited") }} as n_field_visited,
        {{ count_where("coverage in ('subcommunal', 'communal')") }}
            as n_communal_or_below,
        {{ count_where("coverage = 'countries'") }}
            as n_international,
        {{ count_where("applicant_sector = 'public'") }}
            as n_public_experiences,
        {{ count_where("applicant_sector = 'civil_society'") }}
            as n_civil_experiences,
        {{ count_where("applicant_group = 'municipalities'") }}
            as n_municipal_experiences,
        {{ count_where("applicant_group = 'municipalities' and theme = 'social_development'") }}
            as n_municipal_social_experiences,
        {{ count_where("applicant_group = 'municipalities' and theme = 'local_economic_development'") }}
            as n_municipal_del_experiences,
        {{ count_where("applicant_group = 'sectoral_public_services'") }}
            as n_sps_experiences,
        {{ count_where("applicant_group = 'interior_government'") }}
            as n_interior_experiences
    from dim_experiences
),

link_totals as (
    select
        cast(count(*) as bigint) as n_links,
        {{ count_where("actor_sector = 'public'") }}
            as n_public_actors,
        {{ count_where("actor_sector = 'civil_society'") }}
            as n_civil_actors,
        {{ count_where("actor_sector = 'market'") }}
            as n_market_actors,
        {{ count_where("actor_type = 'sectoral_public_service'") }}
            as n_sectoral_service_actors,
        {{ count_where("actor_type = 'municipality'") }}
            as n_municipality_actors,
        {{ count_where("actor_type in ('school', 'health_centre')") }}
            as n_sublocal_actors,
        {{ count_where("actor_type = 'ministry_seremi'") }}
            as n_ministry_actors,
        {{ count_where("actor_type = 'interior_government'") }}
            as n_interior_actors,
        {{ count_where("actor_type = 'social_organisation'") }}
            as n_social_organisation_actors,
        {{ count_where("actor_type = 'foundation'") }}
            as n_foundation_actors,
        {{ count_where("actor_type in ('indigenous_organisation', 'trade_union_guild')") }}
            as n_indigenous_or_guild_actors,
        {{ count_where("actor_type = 'productive_organisation'") }}
            as n_productive_actors,
        {{ count_where("actor_type = 'company'") }}
            as n_company_actors,
        {{ count_where("actor_type = 'business_association'") }}
            as n_business_association_actors,
        {{ count_where("applicant_sector = 'public'") }}
            as n_public_experience_links,
        {{ count_where("applicant_sector = 'civil_society'") }}
            as n_civil_experience_links,
        {{ count_where("applicant_sector = 'public' and partner_group = 'social_organisation'") }}
            as n_public_social_organisation_partners,
        {{ count_where(
            "applicant_group = 'municipalities' and theme = 'social_development' and partner_group is not null"
        ) }}
            as n_municipal_social_partners,
        {{ count_where(
            "applicant_group = 'municipalities' and theme = 'local_economic_development'"
            ~ " and partner_group = 'regional_institution'"
        ) }}
            as n_municipal_del_regional_partners,
        {{ count_where(
            "applicant_group = 'municipalities' and theme = 'local_economic_development'"
            ~ " and partner_group_sector = 'market'"
        ) }}
            as n_municipal_del_market_partners,
        {{ count_where("applicant_group = 'sectoral_public_services'") }}
            as n_sps_links,
        {{ count_where("applicant_group = 'sectoral_public_services' and partner_group is not null") }}
            as n_sps_partners,
        {{ count_where("applicant_group = 'sectoral_public_services' and partner_group_sector = 'public'") }}
            as n_sps_public_partners,
        {{ count_where("applicant_group = 'interior_government'") }}
            as n_interior_links,
        {{ count_where("applicant_group = 'interior_government' and partner_group is not null") }}
            as n_interior_partners,
        {{ count_where("applicant_group = 'interior_government' and partner_group_sector = 'public'") }}
            as n_interior_public_partners
    from fct_actor_links
),

role_totals as (
    select cast(count(*) as bigint) as n_role_rows
    from fct_actor_roles
),

mechanisms_per_experience as (
    select
        experience_id,
        max(case when objective = 'empowering' then 1 else 0 end) as has_empowering,
        max(
            case when objective = 'empowering' and policy_stage = 'decision_making' then 1 else 0 end
        ) as has_empowering_decision
    from fct_participation_mechanisms
    group by experience_id
),

participation_totals as (
    select
        cast(count(*) as bigint) as n_with_mechanism,
        cast(sum(has_empowering) as bigint) as n_with_empowering,
        cast(sum(has_empowering_decision) as bigint) as n_with_empowering_decision
    from mechanisms_per_experience
),

ally_totals as (
    select
        cast(count(*) as bigint) as n_allies,
        {{ count_where("reason = 'political_backing'") }}
            as n_political_backing,
        {{ count_where("reason = 'valuable_resources'") }}
            as n_valuable_resources,
        {{ count_where("reason = 'gathers_beneficiaries'") }}
            as n_gathers_beneficiaries
    from fct_strategic_allies
),

agreement_totals as (
    select
        {{ count_where("agreement_type in ('systematic', 'formalised')") }}
            as n_systematic_or_formalised,
        {{ count_where("agreement_nature is not null") }}
            as n_natures_answered,
        {{ count_where("agreement_nature in ('information_dissemination', 'human_capacity')") }}
            as n_information_or_human,
        {{ count_where(
            "agreement_nature in ( 'initial_situation_change', 'organisational_change', 'legal_rule_change' )"
        ) }}
            as n_substantive
    from fct_agreements
),

totals as (
    select
        questionnaire_totals.*,
        experience_totals.*,
        link_totals.*,
        role_totals.*,
        participation_totals.*,
        ally_totals.*,
        agreement_totals.*
    from questionnaire_totals
    cross join experience_totals
    cross join link_totals
    cross join role_totals
    cross join participation_totals
    cross join ally_totals
    cross join agreement_totals
),

cells as (
    {%- for figure_id, numerator, denominator, scale, note in text_figures %}
    {%- if note %}
    -- {{ note }}
    {%- endif %}
    select
        '{{ figure_id }}' as figure_id,
        {{ numerator }} as numerator,
        {{ denominator or 'cast(null as bigint)' }} as denominator,
        {{ scale or 'cast(null as ' ~ type_double() ~ ')' }} as scale
    from totals
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

{{ figures_from_cells() }}
