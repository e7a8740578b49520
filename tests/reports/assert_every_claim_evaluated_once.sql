-- The ledger is well formed: each claim of the seed study_claims has exactly one row in
-- reports.study_claims, none is there that the seed lacks, a claim that does not hold has a
-- reason (and one that holds has none), one partly held or failing has a written known limit
-- (and one that holds has none), a contradicted claim shows its printed arithmetic, and
-- every name the spec uses resolves (a grouped claim found its groups, a comparison its
-- target). Returns the offending claims.

with

study_claims as (
    select * from {{ ref('study_claims') }}
),

rpt_study_claims as (
    select * from {{ ref('rpt_study_claims') }}
),

counts as (
    select
        coalesce(study_claims.claim_id, rpt_study_claims.claim_id) as claim_id,
        cast(count(study_claims.claim_id) as bigint) as n_in_seed,
        cast(count(rpt_study_claims.claim_id) as bigint) as n_evaluated
    from study_claims
    full outer join rpt_study_claims
        on study_claims.claim_id = rpt_study_claims.claim_id
    group by coalesce(study_claims.claim_id, rpt_study_claims.claim_id)
),

offending as (
    select
        counts.claim_id,
        'evaluated ' || cast(counts.n_evaluated as {{ type_text() }}) || ' times' as problem
    from counts
    where counts.n_in_seed <> 1 or counts.n_evaluated <> 1
    union all
    select
        claim_id,
        'no reason for status ' || status as problem
    from rpt_study_claims
    where status <> 'holds' and (reason is null or trim(reason) = '')
    union all
    select
        claim_id,
        'status ' || status || ' without a known limit (seed study_claims.known_limit)' as problem
    from rpt_study_claims
    where status in ('partly', 'fails') and (known_limit is null or trim(known_limit) = '')
    union all
    select
        claim_id,
        'a known limit although it holds' as problem
    from rpt_study_claims
    where status = 'holds' and known_limit is not null
    union all
    select
        claim_id,
        'a reason although it holds' as problem
    from rpt_study_claims
    where status = 'holds' and reason is not null
    union all
    select
        claim_id,
        'contradicted without arithmetic' as problem
    from rpt_study_claims
    where status = 'contradicted_by_tables' and table_arithmetic is null
    union all
    select
        claim_id,
        'the marts give no value (empty base or unknown attribute)' as problem
    from rpt_study_claims
    where observed_value is null
    union all
    select
        claim_id,
        'a comparison that needs a target has none' as problem
    from rpt_study_claims
    where
        target_value is null
        and comparison in (
            'more_than', 'at_least', 'less_than', 'at_most', 'equals', 'approximately',
            'slightly_more_than', 'slightly_less_than', 'at_least_times', 'each_more_than', 'each_less_than'
        )
    union all
    select
        claim_id,
        'approximate wording without a tolerance' as problem
    from rpt_study_claims
    where tolerance is null and comparison in ('approximately', 'slightly_more_than', 'slightly_less_than', 'similar')
    union all
    select
        claim_id,
        'a grouped comparison without a grouping' as problem
    from rpt_study_claims
    where
        group_by is null
        and comparison in ('highest', 'lowest', 'similar', 'at_least_times', 'each_more_than', 'each_less_than')
)

select * from offending
