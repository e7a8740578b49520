{#- one entry per codebook seed (seeds/codebook/codebook_<question>.csv) -#}
{{ config(materialized='view') }}  {#- a union of small seeds: nothing to keep -#}
{%- set questions = [
    'actor_types',
    'agreement_natures',
    'agreement_types',
    'ally_reasons',
    'applicant_groups',
    'applicant_types',
    'capacities',
    'capacity_needs',
    'contributions',
    'coverages',
    'exclusion_reasons',
    'government_levels',
    'participation_objectives',
    'partner_groups',
    'policy_stages',
    'roles',
    'themes',
] -%}

with

{% for question in questions %}
codebook_{{ question }} as (
    select * from {{ ref('codebook_' ~ question) }}
),

{% endfor %}
renamed as (
    {% for question in questions %}
    select
        '{{ question }}' as question,
        trim(cast(code as {{ type_text() }})) as code,
        trim(label_es) as label_es,
        trim(label_en) as label_en,
        trim(class) as class
    from codebook_{{ question }}
    {% if not loop.last %}
    union all
    {% endif %}
    {%- endfor %}
)

select * from renamed
