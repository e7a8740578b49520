{#-
    role_shares(graph_code, applicant_sector)

    The body of rpt_grafico_1 and rpt_grafico_2 (Roles de los actores en experiencias
    postuladas por Organismos Públicos / por la Sociedad Civil): shares of ROLE MENTIONS (rows
    of fct_actor_roles: an actor with three roles counts three times) by role class, among the
    links of experiences whose applicant is of `applicant_sector`. The text's categories are
    the role classes and two unions: implementation_or_support (implementation + support) and
    other_or_beneficiary (other + beneficiary). Figure ids `<graph_code>.<category>.percent`.
-#}
{% macro role_shares(graph_code, applicant_sector) %}

with

fct_actor_roles as (
    select * from {{ ref('fct_actor_roles') }}
),

sector_roles as (
    select role_class
    from fct_actor_roles
    where applicant_sector = '{{ applicant_sector }}'
),

categories as (
    select
        'principal' as category,
        'principal' as role_class
    union all
    select
        'implementation' as category,
        'implementation' as role_class
    union all
    select
        'support' as category,
        'support' as role_class
    union all
    select
        'implementation_or_support' as category,
        'implementation' as role_class
    union all
    select
        'implementation_or_support' as category,
        'support' as role_class
    union all
    select
        'other' as category,
        'other' as role_class
    union all
    select
        'beneficiary' as category,
        'beneficiary' as role_class
    union all
    select
        'other_or_beneficiary' as category,
        'other' as role_class
    union all
    select
        'other_or_beneficiary' as category,
        'beneficiary' as role_class
),

mentions as (
    select
        categories.category,
        cast(count(sector_roles.role_class) as bigint) as n_mentions
    from categories
    left join sector_roles
        on categories.role_class = sector_roles.role_class
    group by categories.category
),

all_mentions as (
    select cast(count(*) as bigint) as n_all_mentions
    from sector_roles
),

figures as (
    select
        '{{ graph_code }}.' || mentions.category || '.percent' as figure_id,
        {{ figure_value('mentions.n_mentions', 'all_mentions.n_all_mentions', '100.0') }}
            as computed_value,
        mentions.n_mentions as numerator,
        all_mentions.n_all_mentions as denominator
    from mentions
    cross join all_mentions
)

select * from figures

{% endmacro %}
