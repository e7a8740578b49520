-- The figures the text prints outside the tables (`txt.*`, except the classification split:
-- rpt_classification_split). Each row's label in published_figures quotes the sentence; the
-- comments below say what is counted. Percentages are shares of the base named; means are
-- links (or roles) per experience (or link).

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
    -- counts
    select
        'txt.questionnaires_applied' as figure_id,
        n_questionnaires as numerator,
        cast(null as bigint) as denominator,
        cast(null as {{ type_double() }}) as scale
    from totals
    union all
    select
        'txt.experiences_analysed' as figure_id,
        n_experiences as numerator,
        cast(null as bigint) as denominator,
        cast(null as {{ type_double() }}) as scale
    from totals
    union all
    select
        'txt.experiences_field_visited' as figure_id,
        n_field_visited as numerator,
        cast(null as bigint) as denominator,
        cast(null as {{ type_double() }}) as scale
    from totals
    union all
    select
        'txt.actors_total' as figure_id,
        n_links as numerator,
        cast(null as bigint) as denominator,
        cast(null as {{ type_double() }}) as scale
    from totals
    union all
    select
        'txt.municipal_experiences' as figure_id,
        n_municipal_experiences as numerator,
        cast(null as bigint) as denominator,
        cast(null as {{ type_double() }}) as scale
    from totals
    union all
    select
        'txt.sps_experiences' as figure_id,
        n_sps_experiences as numerator,
        cast(null as bigint) as denominator,
        cast(null as {{ type_double() }}) as scale
    from totals
    union all
    -- "suman un total de vínculos de 200": links with a sectoral public service
    select
        'txt.sps_links_total' as figure_id,
        n_sectoral_service_actors as numerator,
        cast(null as bigint) as denominator,
        cast(null as {{ type_double() }}) as scale
    from totals
    union all
    -- "... en las 118 experiencias" is the classified base: rpt_classification_split
    select
        'txt.interior_experiences' as figure_id,
        n_interior_experiences as numerator,
        cast(null as bigint) as denominator,
        cast(null as {{ type_double() }}) as scale
    from totals
    union all
    -- coverage, shares of all experiences
    select
        'txt.coverage_communal_or_below.percent' as figure_id,
        n_communal_or_below as numerator,
        n_experiences as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.coverage_international.percent' as figure_id,
        n_international as numerator,
        n_experiences as denominator,
        100.0 as scale
    from totals
    union all
    -- actors by sector, shares of all links
    select
        'txt.actors_public.percent' as figure_id,
        n_public_actors as numerator,
        n_links as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.actors_civil_society.percent' as figure_id,
        n_civil_actors as numerator,
        n_links as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.actors_market.percent' as figure_id,
        n_market_actors as numerator,
        n_links as denominator,
        100.0 as scale
    from totals
    union all
    -- public actors by type, shares of the public actors
    select
        'txt.public_sectoral_services.percent' as figure_id,
        n_sectoral_service_actors as numerator,
        n_public_actors as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.public_municipalities.percent' as figure_id,
        n_municipality_actors as numerator,
        n_public_actors as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.public_sublocal.percent' as figure_id,
        n_sublocal_actors as numerator,
        n_public_actors as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.public_ministries.percent' as figure_id,
        n_ministry_actors as numerator,
        n_public_actors as denominator,
        100.0 as scale
    from totals
    union all
    -- civil-society actors by type, shares of the civil-society actors
    select
        'txt.civil_base_organisations.percent' as figure_id,
        n_social_organisation_actors as numerator,
        n_civil_actors as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.civil_foundations.percent' as figure_id,
        n_foundation_actors as numerator,
        n_civil_actors as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.civil_indigenous_or_guild.percent' as figure_id,
        n_indigenous_or_guild_actors as numerator,
        n_civil_actors as denominator,
        100.0 as scale
    from totals
    union all
    -- market actors by type, shares of the market actors
    select
        'txt.market_productive.percent' as figure_id,
        n_productive_actors as numerator,
        n_market_actors as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.market_companies.percent' as figure_id,
        n_company_actors as numerator,
        n_market_actors as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.market_business_associations.percent' as figure_id,
        n_business_association_actors as numerator,
        n_market_actors as denominator,
        100.0 as scale
    from totals
    union all
    -- links per experience, by the applicant's sector
    select
        'txt.mean_links_all' as figure_id,
        n_links as numerator,
        n_experiences as denominator,
        1.0 as scale
    from totals
    union all
    select
        'txt.mean_links_public' as figure_id,
        n_public_experience_links as numerator,
        n_public_experiences as denominator,
        1.0 as scale
    from totals
    union all
    select
        'txt.mean_links_civil_society' as figure_id,
        n_civil_experience_links as numerator,
        n_civil_experiences as denominator,
        1.0 as scale
    from totals
    union all
    -- social-organisation partner links per public experience
    select
        'txt.public_mean_social_organisations' as figure_id,
        n_public_social_organisation_partners as numerator,
        n_public_experiences as denominator,
        1.0 as scale
    from totals
    union all
    -- municipalities (Tabla 5): social development mean; DEL regional and market partners
    select
        'txt.municipal_social_mean_links' as figure_id,
        n_municipal_social_partners as numerator,
        n_municipal_social_experiences as denominator,
        1.0 as scale
    from totals
    union all
    select
        'txt.municipal_del_mean_regional' as figure_id,
        n_municipal_del_regional_partners as numerator,
        n_municipal_del_experiences as denominator,
        1.0 as scale
    from totals
    union all
    select
        'txt.municipal_del_mean_market' as figure_id,
        n_municipal_del_market_partners as numerator,
        n_municipal_del_experiences as denominator,
        1.0 as scale
    from totals
    union all
    -- sectoral public services as applicants: all their links per experience; the public
    -- partner groups' share of their classified links
    select
        'txt.sps_mean_links' as figure_id,
        n_sps_links as numerator,
        n_sps_experiences as denominator,
        1.0 as scale
    from totals
    union all
    select
        'txt.sps_intrastate.percent' as figure_id,
        n_sps_public_partners as numerator,
        n_sps_partners as denominator,
        100.0 as scale
    from totals
    union all
    -- interior government as applicant: all its links per experience; the public partner
    -- groups' share of its classified links; interior-government actors among all actors
    select
        'txt.interior_mean_links' as figure_id,
        n_interior_links as numerator,
        n_interior_experiences as denominator,
        1.0 as scale
    from totals
    union all
    select
        'txt.interior_public_partners.percent' as figure_id,
        n_interior_public_partners as numerator,
        n_interior_partners as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.interior_share_of_actors.percent' as figure_id,
        n_interior_actors as numerator,
        n_links as denominator,
        100.0 as scale
    from totals
    union all
    -- participation mechanisms (De la Maza 2009), shares of all experiences
    select
        'txt.participation_any.percent' as figure_id,
        n_with_mechanism as numerator,
        n_experiences as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.participation_empowering.percent' as figure_id,
        n_with_empowering as numerator,
        n_experiences as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.participation_decisions.percent' as figure_id,
        n_with_empowering_decision as numerator,
        n_experiences as denominator,
        100.0 as scale
    from totals
    union all
    -- roles per actor link
    select
        'txt.roles_per_actor' as figure_id,
        n_role_rows as numerator,
        n_links as denominator,
        1.0 as scale
    from totals
    union all
    -- strategic-ally reasons, shares of the strategic allies
    select
        'txt.ally_reason_political_backing.percent' as figure_id,
        n_political_backing as numerator,
        n_allies as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.ally_reason_valuable_resources.percent' as figure_id,
        n_valuable_resources as numerator,
        n_allies as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.ally_reason_gathers_beneficiaries.percent' as figure_id,
        n_gathers_beneficiaries as numerator,
        n_allies as denominator,
        100.0 as scale
    from totals
    union all
    -- agreements: systematic or formalised over all experiences; natures over those answered
    select
        'txt.agreements_systematic.percent' as figure_id,
        n_systematic_or_formalised as numerator,
        n_experiences as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.agreements_information_or_human.percent' as figure_id,
        n_information_or_human as numerator,
        n_natures_answered as denominator,
        100.0 as scale
    from totals
    union all
    select
        'txt.agreements_substantive.percent' as figure_id,
        n_substantive as numerator,
        n_natures_answered as denominator,
        100.0 as scale
    from totals
),

figures as (
    select
        figure_id,
        {{ figure_value('numerator', 'denominator', 'scale') }} as computed_value,
        numerator,
        denominator
    from cells
)

select * from figures
