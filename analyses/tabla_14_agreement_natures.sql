-- Tabla 14 of the study (Naturaleza de los Acuerdos en las Alianzas): experiences by the nature
-- of their agreements, as a share of those that answered, with the class the text groups them
-- by (information and human capital 51,3%; substantive).

with

fct_agreements as (
    select * from {{ ref('fct_agreements') }}
),

by_nature as (
    select
        agreement_nature,
        agreement_nature_label_es,
        agreement_nature_class,
        cast(count(*) as bigint) as n_experiences
    from fct_agreements
    where agreement_nature is not null
    group by agreement_nature, agreement_nature_label_es, agreement_nature_class
),

with_shares as (
    select
        agreement_nature,
        agreement_nature_label_es,
        agreement_nature_class,
        n_experiences,
        round(100.0 * n_experiences / sum(n_experiences) over (), 1) as percent_of_answered,
        round(
            100.0 * sum(n_experiences) over (partition by agreement_nature_class)
            / sum(n_experiences) over (), 1
        ) as class_percent_of_answered
    from by_nature
)

select * from with_shares
order by agreement_nature_class asc, n_experiences desc
