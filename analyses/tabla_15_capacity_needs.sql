-- Tabla 15 of the study (Necesidades de Fortalecimiento de Capacidades Indicadas en las
-- Experiencias): experiences by their main capacity need, as a share of those that answered,
-- with the class (instrumental or governance) the text discusses.

with

fct_capacity_needs as (
    select * from {{ ref('fct_capacity_needs') }}
),

by_need as (
    select
        capacity_need,
        capacity_need_label_es,
        capacity_need_class,
        cast(count(*) as bigint) as n_experiences
    from fct_capacity_needs
    group by capacity_need, capacity_need_label_es, capacity_need_class
),

with_shares as (
    select
        capacity_need,
        capacity_need_label_es,
        capacity_need_class,
        n_experiences,
        round(100.0 * n_experiences / sum(n_experiences) over (), 1) as percent_of_answered
    from by_need
)

select * from with_shares
order by n_experiences desc
