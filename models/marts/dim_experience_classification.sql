{#-
    Classifies each analysed experience into one of the study's four models of articulation
    (docs/typology.md). The rules are data: the category each variable takes comes from
    int_experiences_typology_evidence; the variables, their categories, the models each
    category satisfies and the models' rank and family come from the seeds typology_variables,
    typology_categories, typology_rules and typology_models.

    The lists below only name the per-variable and per-model columns; they hold no rule.
    Each experience stays one wide row: each variable's category is looked up in a small table
    built from the rules (its models, their number, a flag per model), and the scores are sums
    of those flags. (An earlier version unpivoted the nine variables into a row each and pivoted
    them back: 15-19 s against 3.2 s for the same 1.2 million experiences at 10,000x, output
    identical.)
    Why this length: one wide row per experience (model, family, labels, nine categories with
    the models each supports, four scores); the rules are the seeds', the SQL only applies them.
-#}
{%- set variables = typology_variables() -%}
{%- set models = ['vertical', 'consultative', 'collaborative', 'territorialised'] -%}
{%- set model_keys = [] -%}
{%- for model in models %}{% do model_keys.append('key_' ~ model) %}{% endfor -%}
{#- an experience with 3 or more of the 9 variables without evidence is unclassifiable -#}
{%- set min_variables_with_evidence = var('typology_min_variables_with_evidence', 7) -%}

with

int_experiences_typology_evidence as (
    select * from {{ ref('int_experiences_typology_evidence') }}
),

typology_variables as (
    select * from {{ ref('typology_variables') }}
),

typology_categories as (
    select * from {{ ref('typology_categories') }}
),

typology_rules as (
    select * from {{ ref('typology_rules') }}
),

typology_models as (
    select * from {{ ref('typology_models') }}
),

-- one row per (variable, category, model the category satisfies)
category_models as (
    select
        typology_categories.variable,
        typology_categories.category,
        typology_models.model,
        typology_models.rank
    from typology_categories
    inner join typology_rules
        on typology_categories.variable = typology_rules.variable
            and typology_categories.category = typology_rules.category
    inner join typology_models
        on typology_rules.model = typology_models.model
),

-- one row per (variable, category satisfying a model): the models it satisfies, in rank
-- order, how many, and a flag per model; a few dozen rows, from the rules alone
category_lookup as (
    select
        variable,
        category,
        {% for model in models %}
        cast(
            max(case when model = '{{ model }}' then 1 else 0 end) as bigint
        ) as satisfies_{{ model }},
        {% endfor %}
        {{ string_agg_ordered('model', "','", 'rank') }} as satisfied_models,
        cast(count(model) as bigint) as n_models
    from category_models
    group by
        variable,
        category
),

-- one row per experience: each variable's category looked up beside it (one join per
-- variable to the small lookup, instead of a row per experience and variable)
variables_looked_up as (
    select
        {% for variable in variables %}
        {%- set lookup = 'lookup_' ~ loop.index %}
        experiences.{{ variable }}_category,
        {{ lookup }}.satisfied_models as {{ variable }}_models,
        coalesce({{ lookup }}.n_models, 0) as {{ variable }}_n_models,
        {% for model in models %}
        coalesce({{ lookup }}.satisfies_{{ model }}, 0) as {{ variable }}_satisfies_{{ model }},
        {% endfor %}
        {% endfor %}
        experiences.experience_id
    from int_experiences_typology_evidence as experiences
    {% for variable in variables %}
    left join category_lookup as lookup_{{ loop.index }}
        on lookup_{{ loop.index }}.variable = '{{ variable }}'
            and experiences.{{ variable }}_category = lookup_{{ loop.index }}.category
    {% endfor %}
),

-- a model's score: the number of variables whose category satisfies it
scored as (
    select
        experience_id,
        {% for variable in variables %}
        {{ variable }}_models,
        {{ variable }}_category,
        {% endfor %}
        {% for model in models %}
        cast(
            {% for variable in variables -%}
            {{ variable }}_satisfies_{{ model }}{{ " + " if not loop.last }}
            {%- endfor %} as bigint
        ) as score_{{ model }},
        {% endfor %}
        cast(
            {% for variable in variables -%}
            (case when {{ variable }}_n_models > 0 then 1 else 0 end){{ " + " if not loop.last }}
            {%- endfor %} as bigint
        ) as n_variables_with_evidence
    from variables_looked_up
),

variables_counted as (
    select cast(count(*) as bigint) as n_variables
    from typology_variables
),

-- each model's rank (seed typology_models), side by side
model_ranks as (
    select
        {% for model in models %}
        max(case when model = '{{ model }}' then rank end) as rank_{{ model }},
        {% endfor %}
        cast(count(*) as bigint) as n_models
    from typology_models
),

-- the highest score wins; a tie goes to the lower rank (the more vertical model): each model's
-- key is its score, then the rank reversed, and the model with the greatest key is chosen
keyed as (
    select
        {% for model in models %}
        scored.score_{{ model }} * 1000 - model_ranks.rank_{{ model }} as key_{{ model }},
        {% endfor %}
        scored.*
    from scored
    cross join model_ranks
),

top_keyed as (
    select
        *,
        greatest({{ model_keys | join(', ') }}) as top_key
    from keyed
),

classified as (
    select
        top_keyed.experience_id,
        case
            when top_keyed.n_variables_with_evidence < {{ min_variables_with_evidence }} then null
            {% for model in models %}
            when top_keyed.key_{{ model }} = top_keyed.top_key then '{{ model }}'
            {% endfor %}
        end as articulation_model,
        {% for variable in variables %}
        top_keyed.{{ variable }}_models,
        top_keyed.{{ variable }}_category,
        {% endfor %}
        {% for model in models %}
        top_keyed.score_{{ model }},
        {% endfor %}
        top_keyed.n_variables_with_evidence,
        case
            when top_keyed.n_variables_with_evidence < {{ min_variables_with_evidence }}
                then 'unclassifiable: only '
                    || cast(top_keyed.n_variables_with_evidence as {{ type_text() }})
                    || ' of '
                    || cast(variables_counted.n_variables as {{ type_text() }})
                    || ' variables have evidence'
                    || ' (at least {{ min_variables_with_evidence }} needed)'
        end as unclassified_reason,
        true as is_reconstructed
    from top_keyed
    cross join variables_counted
),

-- the model's and the family's names in Spanish and English, from the seed typology_models
labelled as (
    select
        classified.experience_id,
        classified.articulation_model,
        typology_models.label_es as articulation_model_label_es,
        typology_models.label_en as articulation_model_label_en,
        typology_models.family as model_family,
        typology_models.family_label_es as model_family_label_es,
        typology_models.family_label_en as model_family_label_en,
        {% for variable in variables %}
        classified.{{ variable }}_models,
        classified.{{ variable }}_category,
        {% endfor %}
        {% for model in models %}
        classified.score_{{ model }},
        {% endfor %}
        classified.n_variables_with_evidence,
        classified.unclassified_reason,
        classified.is_reconstructed
    from classified
    left join typology_models
        on classified.articulation_model = typology_models.model
)

select * from labelled
