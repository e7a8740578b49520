-- Every published figure against the value the marts give (the rpt_ models), with a status:
--   exact                  the computed value equals the printed one (60 = 60.0)
--   rounding               it prints as the printed one: rounded half-up to the printed
--                          decimals, v - 0.5·10^-d <= x < v + 0.5·10^-d, or, only for the
--                          figures of seed figure_comparisons marked `truncated` (tables the
--                          study is shown to truncate), half-up or truncated, x < v + 10^-d
--   as_worded              the study words the figure as a bound or an approximation
--                          (figure_comparisons: at_most "no más de", at_least "más del",
--                          approximately "cerca del") and the computed value meets it
--   inconsistent_in_study  none of these, and the figure takes part in a check of the study's
--                          own arithmetic that fails (paper_audit): no data set prints it
--                          together with the figures it contradicts
--   unexplained            anything else (a test fails the build on it)
-- Why this length: the matching rule is written once, here, for every figure of every rpt_
-- model (stacked from macros/reports/report_models.sql), with the scale build's per-copy reading.

with

published_figures as (
    select * from {{ ref('published_figures') }}
),

paper_audit as (
    select * from {{ ref('paper_audit') }}
),

reconstruction_decisions as (
    select * from {{ ref('reconstruction_decisions') }}
),

figure_comparisons as (
    select * from {{ ref('figure_comparisons') }}
),

{% for report_model in report_models() %}
{{ report_model }} as (
    select * from {{ ref(report_model) }}
),

{% endfor %}
stacked_figures as (
    {% for report_model in report_models() %}
    select
        '{{ report_model }}' as report_model,
        figure_id,
        computed_value,
        numerator,
        denominator
    from {{ report_model }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

-- A scale build (var `scale` = N copies of the raw layer) counts N times as much: count
-- figures are compared per copy, shares and means as they are. numerator and denominator stay
-- the warehouse's own counts.
computed_figures as (
    select
        stacked_figures.report_model,
        stacked_figures.figure_id,
        case
            when published_figures.unit = 'count'
                then stacked_figures.computed_value / {{ var('scale', 1) }}
            else stacked_figures.computed_value
        end as computed_value,
        stacked_figures.numerator,
        stacked_figures.denominator
    from stacked_figures
    left join published_figures
        on stacked_figures.figure_id = published_figures.figure_id
),

failed_checks as (
    select
        published_figures.figure_id,
        {{ string_agg_ordered('paper_audit.check_id', "', '", 'paper_audit.check_id') }} as audit_check_ids,
        {{ string_agg_ordered(
            "paper_audit.description || ': ' || paper_audit.arithmetic", "'; '", 'paper_audit.check_id'
        ) }} as audit_failures
    from published_figures
    inner join paper_audit
        on position(',' || published_figures.figure_id || ',' in ',' || paper_audit.figure_ids || ',') > 0
    where not paper_audit.holds
    group by published_figures.figure_id
),

decision_figures as (
    select
        published_figures.figure_id,
        min(reconstruction_decisions.decision_no) as decision_no,
        min(reconstruction_decisions.title) as decision_title
    from published_figures
    inner join reconstruction_decisions
        on
            position(
                ';' || published_figures.figure_id || ';'
                in ';' || replace(reconstruction_decisions.figure_ids, ' ', '') || ';'
            ) > 0
    group by published_figures.figure_id
),

compared as (
    select
        published_figures.figure_id,
        published_figures.source,
        published_figures.row_label,
        published_figures.column_label,
        published_figures.unit,
        cast(published_figures.value as {{ type_double() }}) as published_value,
        published_figures.value as published_text,
        coalesce(figure_comparisons.comparison, 'rounded') as comparison,
        figure_comparisons.tolerance as comparison_tolerance,
        cast({{ printed_low(
            'published_figures.value', "coalesce(figure_comparisons.comparison, 'rounded')",
            'figure_comparisons.tolerance'
        ) }} as {{ type_text() }}) as match_low,
        cast({{ printed_high(
            'published_figures.value', "coalesce(figure_comparisons.comparison, 'rounded')",
            'figure_comparisons.tolerance'
        ) }} as {{ type_text() }}) as match_high,
        computed_figures.computed_value,
        computed_figures.numerator,
        computed_figures.denominator,
        computed_figures.report_model,
        coalesce(
            {{ exact_number('computed_figures.computed_value') }} = {{ printed_number('published_figures.value') }},
            false
        ) as is_exact,
        coalesce(
            {{ matches_printed(
                'computed_figures.computed_value', 'published_figures.value',
                "coalesce(figure_comparisons.comparison, 'rounded')", 'figure_comparisons.tolerance'
            ) }},
            false
        ) as is_match,
        coalesce(
            {{ exact_number('computed_figures.computed_value') }}
            < {{ printed_number('published_figures.value') }} + {{ printed_half_step('published_figures.value') }},
            false
        ) as is_half_up,
        failed_checks.audit_check_ids,
        failed_checks.audit_failures,
        decision_figures.decision_no,
        decision_figures.decision_title
    from published_figures
    left join computed_figures
        on published_figures.figure_id = computed_figures.figure_id
    left join failed_checks
        on published_figures.figure_id = failed_checks.figure_id
    left join decision_figures
        on published_figures.figure_id = decision_figures.figure_id
    left join figure_comparisons
        on published_figures.figure_id = figure_comparisons.figure_id
),

classified as (
    select
        *,
        case
            when is_exact then 'exact'
            when is_match and comparison in ('rounded', 'truncated') then 'rounding'
            when is_match then 'as_worded'
            when audit_check_ids is not null then 'inconsistent_in_study'
            else 'unexplained'
        end as status,
        case
            when computed_value is null then 'nothing'
            when computed_value = {{ round_double('computed_value', 0) }}
                then cast(cast(computed_value as bigint) as {{ type_text() }})
            else {{ double_text(round_double('computed_value', 4)) }}
        end
        || case
            when denominator is not null
                then
                    ' (' || cast(numerator as {{ type_text() }}) || '/'
                    || cast(denominator as {{ type_text() }}) || ')'
            else ''
        end as computed_text
    from compared
),

reconciled as (
    select
        figure_id,
        source,
        row_label,
        column_label,
        unit,
        published_value,
        published_text,
        computed_value,
        numerator,
        denominator,
        report_model,
        status,
        comparison,
        match_low,
        match_high,
        case when status = 'inconsistent_in_study' then audit_check_ids end as audit_check_ids,
        decision_no as reconstruction_decision,
        case status
            when 'exact' then 'The marts give ' || computed_text || ', the printed value.'
            when 'rounding'
                then
                    'The marts give ' || computed_text || ', which prints as ' || published_text
                    || case
                        when is_half_up then ' rounded half-up.'
                        else ' truncated (the study truncates in this table).'
                    end
            when 'as_worded'
                then
                    'The marts give ' || computed_text || ', which meets the study''s wording: '
                    || case comparison
                        when 'at_most' then 'at most ' || published_text
                        when 'at_least' then 'at least ' || published_text
                        else
                            'about ' || published_text || ' (within '
                            || {{ double_text('cast(comparison_tolerance as ' ~ type_double() ~ ')') }} || ')'
                    end || '.'
            when 'inconsistent_in_study'
                then
                    'The marts give ' || computed_text || ', not ' || published_text
                    || '. The study contradicts itself here: ' || audit_failures || '.'
                    || coalesce(
                        ' Given up by reconstruction decision ' || cast(decision_no as {{ type_text() }})
                        || ' (' || decision_title || ', docs/reconstruction.md).',
                        ''
                    )
            else
                'The marts give ' || computed_text || ', not ' || published_text
                || ', and no check of the study''s own arithmetic fails for this figure.'
        end as explanation
    from classified
)

select * from reconciled
