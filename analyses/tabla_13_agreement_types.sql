-- Tabla 13 of the study (Tipo de Acuerdos que se establecen en las alianzas): experiences by the
-- type of their agreements, as a share of those that answered, and by the applicant's sector
-- (the text says systematic functioning comes mostly from public-sector initiatives).

with

fct_agreements as (
    select * from {{ ref('fct_agreements') }}
),

by_type as (
    select
        agreement_type,
        agreement_type_label_es,
        agreement_type_class,
        cast(count(*) as bigint) as n_experiences,
        cast(sum(case when applicant_sector = 'public' then 1 else 0 end) as bigint)
            as n_public_experiences
    from fct_agreements
    where agreement_type is not null
    group by agreement_type, agreement_type_label_es, agreement_type_class
),

with_shares as (
    select
        agreement_type,
        agreement_type_label_es,
        agreement_type_class,
        n_experiences,
        n_public_experiences,
        round(100.0 * n_experiences / sum(n_experiences) over (), 1) as percent_of_answered
    from by_type
)

select * from with_shares
order by n_experiences desc
