{#-
    role_shares(graph_code, applicant_sector)

    The body of rpt_grafico_1 and rpt_grafico_2 (Roles de los actores en experiencias
    postuladas por Organismos Públicos / por la Sociedad Civil), after the model's import CTEs
    fct_actor_roles and fct_actor_links: shares of ACTORS ("un 48% de
    los actores involucrados", "sólo un 30% participa"): the links of experiences whose
    applicant is of `applicant_sector` that hold at least one role of each category, over all
    those links. An actor with roles of two categories counts in both, so the shares may add up
    to more than 100 (Gráfico 1's add up to 107). The text's categories are the role classes
    and two unions: implementation_or_support (implementation or support) and
    other_or_beneficiary (other or beneficiary). Figure ids `<graph_code>.<category>.percent`.
    docs/reconstruction.md (Readings) gives the evidence for this reading.
-#}
{% macro role_shares(graph_code, applicant_sector) -%}
sector_roles as (
    select
        link_id,
        role_class
    from fct_actor_roles
    where applicant_sector = '{{ applicant_sector }}'
),

sector_links as (
    select link_id from fct_actor_links
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

holders as (
    select
        categories.category,
        cast(count(distinct sector_roles.link_id) as bigint) as n_actors
    from categories
    left join sector_roles
        on categories.role_class = sector_roles.role_class
    group by categories.category
),

all_actors as (
    select cast(count(*) as bigint) as n_all_actors
    from sector_links
),

cells as (
    select
        '{{ graph_code }}.' || holders.category || '.percent' as figure_id,
        {{ percent_cell('holders.n_actors', 'all_actors.n_all_actors') }}
    from holders
    cross join all_actors
),

{{ figures_from_cells() }}

{%- endmacro %}
