-- Each figure of published_figures has exactly one row in paper_reconciliation and is computed
-- by exactly one report model (macros/reports/report_models.sql lists them); the
-- reconciliation has no figure the seed does not print. Returns the offending figure ids.

with

published_figures as (
    select * from {{ ref('published_figures') }}
),

paper_reconciliation as (
    select * from {{ ref('paper_reconciliation') }}
),

{% for report_model in report_models() %}
{{ report_model }} as (
    select * from {{ ref(report_model) }}
),

{% endfor %}
computed_figures as (
    {% for report_model in report_models() %}
    select figure_id from {{ report_model }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

computations as (
    select
        published_figures.figure_id,
        cast(count(computed_figures.figure_id) as bigint) as n_computations
    from published_figures
    left join computed_figures
        on published_figures.figure_id = computed_figures.figure_id
    group by published_figures.figure_id
),

reconciliations as (
    select
        coalesce(published_figures.figure_id, paper_reconciliation.figure_id) as figure_id,
        cast(count(published_figures.figure_id) as bigint) as n_published,
        cast(count(paper_reconciliation.figure_id) as bigint) as n_reconciled
    from published_figures
    full outer join paper_reconciliation
        on published_figures.figure_id = paper_reconciliation.figure_id
    group by coalesce(published_figures.figure_id, paper_reconciliation.figure_id)
),

offending as (
    select
        reconciliations.figure_id,
        reconciliations.n_published,
        reconciliations.n_reconciled,
        computations.n_computations
    from reconciliations
    left join computations
        on reconciliations.figure_id = computations.figure_id
    where
        reconciliations.n_published <> 1
        or reconciliations.n_reconciled <> 1
        or coalesce(computations.n_computations, 0) <> 1
)

select * from offending
