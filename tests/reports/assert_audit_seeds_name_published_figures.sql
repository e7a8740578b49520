-- Every figure id named by the audit seeds (audit_sums, audit_ratios) and by
-- reconstruction_decisions is a figure of published_figures, and every check of the audit seeds
-- has its row in paper_audit (an unknown id would otherwise drop a part silently). Returns the
-- unknown ids and the checks that were not evaluated.

with

published_figures as (
    select * from {{ ref('published_figures') }}
),

audit_sums as (
    select * from {{ ref('audit_sums') }}
),

audit_ratios as (
    select * from {{ ref('audit_ratios') }}
),

reconstruction_decisions as (
    select * from {{ ref('reconstruction_decisions') }}
),

paper_audit as (
    select * from {{ ref('paper_audit') }}
),

id_lists as (
    select
        check_id as named_by,
        part_ids as id_list
    from audit_sums
    union all
    select
        check_id as named_by,
        total_id as id_list
    from audit_sums
    union all
    select
        check_id as named_by,
        figure_id as id_list
    from audit_ratios
    union all
    select
        check_id as named_by,
        numerator_ids as id_list
    from audit_ratios
    union all
    select
        check_id as named_by,
        denominator_ids as id_list
    from audit_ratios
    union all
    select
        'decision ' || cast(decision_no as {{ type_text() }}) as named_by,
        figure_ids as id_list
    from reconstruction_decisions
),

named_ids as (
    select
        named_by,
        trim(named_id) as figure_id
    from (
        select
            named_by,
            {{ split_multiselect('id_list') }} as named_id
        from id_lists
        where id_list is not null
    ) as split_ids
    where trim(named_id) <> ''
),

unknown_ids as (
    select
        named_ids.named_by,
        named_ids.figure_id as problem
    from named_ids
    left join published_figures
        on named_ids.figure_id = published_figures.figure_id
    where published_figures.figure_id is null
),

seed_checks as (
    select check_id from audit_sums
    union all
    select check_id from audit_ratios
),

unevaluated_checks as (
    select
        seed_checks.check_id as named_by,
        'not evaluated by paper_audit' as problem
    from seed_checks
    left join paper_audit
        on seed_checks.check_id = paper_audit.check_id
    where paper_audit.check_id is null
),

problems as (
    select * from unknown_ids
    union all
    select * from unevaluated_checks
)

select * from problems
