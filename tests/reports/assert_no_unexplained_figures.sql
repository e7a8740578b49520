-- Every published figure is either reproduced by the marts (exact or within the study's
-- rounding) or contradicted by the study's own printed arithmetic (paper_audit). A figure that
-- is neither is `unexplained`: this test returns it and fails the build.

with

paper_reconciliation as (
    select * from {{ ref('paper_reconciliation') }}
),

unexplained as (
    select
        figure_id,
        published_value,
        computed_value,
        explanation
    from paper_reconciliation
    where status = 'unexplained'
)

select * from unexplained
