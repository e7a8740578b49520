{#-
    Classifies each analysed experience into one of the study's four models of articulation
    (docs/typology.md). The rules are data: the category each variable takes comes from
    int_experiences_typology_evidence; the variables, their categories, the models each
    category satisfies and the models' rank and family come from the seeds typology_variables,
    typology_categories, typology_rules and typology_models.

    The lists below only name the columns to unpivot and pivot; they hold no rule.
    Why this length: one wide row per experience (model, family, labels, nine categories with
    the models each supports, four scores); the rules are the seeds', the SQL only applies them.
-#}
{%- set variables = typology_variables() -%}
{%- set models = ['vertical', 'consultative', 'collaborative', 'territorialised'] -%}
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

-- one row per (experience, variable): the observed category
evidence_unpivoted as (
    {% for variable in variables %}
    select
        experience_id,
        '{{ variable }}' as variable,
        {{ variable }}_category as category
    from int_experiences_typology_evidence
    {% if not loop.last %}
    union all
    {% endif %}
    {%- endfor %}
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

-- one row per (experience, variable, model the answer satisfies)
evidence_models as (
    select
        evidence_unpivoted.experience_id,
        evidence_unpivoted.variable,
        category_models.model,
        category_models.rank
    from evidence_unpivoted
    inner join category_models
        on evidence_unpivoted.variable = category_models.variable
            and evidence_unpivoted.category = category_models.category
),

-- one row per (variable, category satisfying a model): the models it satisfies, in rank
-- order; listed once per category from the rules, not once per experience
category_model_lists as (
    select
        variable,
        category,
        {{ string_agg_ordered('model', "','", 'rank') }} as satisfied_models,
        cast(count(model) as bigint) as n_models
    from category_models
    group by
        variable,
        category
),

-- one row per (experience, variable): the category and the models it satisfies, in rank order
variable_evidence as (
    select
        evidence_unpivoted.experience_id,
        evidence_unpivoted.variable,
        evidence_unpivoted.category,
        category_model_lists.satisfied_models,
        cast(coalesce(category_model_lists.n_models, 0) as bigint) as n_models
    from evidence_unpivoted
    left join category_model_lists
        on evidence_unpivoted.variable = category_model_lists.variable
            and evidence_unpivoted.category = category_model_lists.category
),

variables_counted as (
    select cast(count(*) as bigint) as n_variables
    from typology_variables
),

-- one row per experience: the nine variables side by side
variables_pivoted as (
    select
        experience_id,
        {% for variable in variables %}
        max(
            case when variable = '{{ variable }}' then satisfied_models end
        ) as {{ variable }}_models,
        max(case when variable = '{{ variable }}' then category end) as {{ variable }}_category,
        {% endfor %}
        cast(
            sum(case when n_models > 0 then 1 else 0 end) as bigint
        ) as n_variables_with_evidence
    from variable_evidence
    group by experience_id
),

-- one row per (experience, model): its score, the number of variables satisfying it
model_scores as (
    select
        experiences.experience_id,
        typology_models.model,
        typology_models.rank,
        typology_models.family,
        cast(count(evidence_models.variable) as bigint) as score
    from int_experiences_typology_evidence as experiences
    cross join typology_models
    left join evidence_models
        on experiences.experience_id = evidence_models.experience_id
            and typology_models.model = evidence_models.model
    group by
        experiences.experience_id,
        typology_models.model,
        typology_models.rank,
        typology_models.family
),

-- highest score first; a tie goes to the lower rank (the more vertical model)
models_ranked as (
    select
        experience_id,
        model,
        family,
        score,
        row_number() over (
            partition by experience_id
            order by score desc, rank asc
        ) as score_position
    from model_scores
),

scores_pivoted as (
    select
        experience_id,
        {% for model in models %}
        cast(
            max(case when model = '{{ model }}' then score end) as bigint
        ) as score_{{ model }},
        {% endfor %}
        max(case when score_position = 1 then model end) as top_model,
        max(case when score_position = 1 then family end) as top_model_family
    from models_ranked
    group by experience_id
),

classified as (
    select
        variables_pivoted.experience_id,
        case
            when variables_pivoted.n_variables_with_evidence >= {{ min_variables_with_evidence }}
                then scores_pivoted.top_model
        end as articulation_model,
        case
            when variables_pivoted.n_variables_with_evidence >= {{ min_variables_with_evidence }}
                then scores_pivoted.top_model_family
        end as model_family,
        {% for variable in variables %}
        variables_pivoted.{{ variable }}_models,
        variables_pivoted.{{ variable }}_category,
        {% endfor %}
        {% for model in models %}
        scores_pivoted.score_{{ model }},
        {% endfor %}
        variables_pivoted.n_variables_with_evidence,
        case
            when variables_pivoted.n_variables_with_evidence < {{ min_variables_with_evidence }}
                then 'unclassifiable: only '
                    || cast(variables_pivoted.n_variables_with_evidence as {{ type_text() }})
                    || ' of '
                    || cast(variables_counted.n_variables as {{ type_text() }})
                    || ' variables have evidence'
                    || ' (at least {{ min_variables_with_evidence }} needed)'
        end as unclassified_reason,
        true as is_reconstructed
    from variables_pivoted
    inner join scores_pivoted
        on variables_pivoted.experience_id = scores_pivoted.experience_id
    cross join variables_counted
),

-- the model's and the family's names in Spanish and English, from the seed typology_models
labelled as (
    select
        classified.experience_id,
        classified.articulation_model,
        typology_models.label_es as articulation_model_label_es,
        typology_models.label_en as articulation_model_label_en,
        classified.model_family,
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
