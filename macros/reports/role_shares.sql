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

    Counted in one pass: the role classes each link holds (one row per link), then each
    category's holders among them; no distinct count per category over the long table (10,000x:
    3.7 -> 1.5 s for Gráfico 1 run alone, 2 cores).
-#}
{% macro role_shares(graph_code, applicant_sector) -%}
{%- set categories = {
    'principal': ['principal'],
    'implementation': ['implementation'],
    'support': ['support'],
    'implementation_or_support': ['implementation', 'support'],
    'other': ['other'],
    'beneficiary': ['beneficiary'],
    'other_or_beneficiary': ['other', 'beneficiary'],
} -%}
{#- the role classes the categories are made of, each once, in their order -#}
{%- set role_classes = categories.values() | sum(start=[]) | unique | list -%}
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

-- one row per link with roles: which role classes it holds
link_classes as (
    select
        link_id,
        {%- for role_class in role_classes %}
        bool_or(role_class = '{{ role_class }}') as holds_{{ role_class }}{{ "," if not loop.last }}
        {%- endfor %}
    from sector_roles
    group by link_id
),

-- one row: the links holding a role of each category
holder_counts as (
    select
        {%- for category, its_classes in categories.items() %}
        {{ count_where('holds_' ~ (its_classes | join(' or holds_'))) }} as n_{{ category }}{{ "," if not loop.last }}
        {%- endfor %}
    from link_classes
),

categories as (
    {%- for category in categories %}
    select '{{ category }}' as category
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

holders as (
    select
        categories.category,
        case categories.category
            {%- for category in categories %}
            when '{{ category }}' then holder_counts.n_{{ category }}
            {%- endfor %}
        end as n_actors
    from categories
    cross join holder_counts
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
