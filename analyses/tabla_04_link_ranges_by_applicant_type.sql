-- Tabla 4 of the study (Rango de Vínculos por tipo de actor que postula): experiences by
-- applicant type and range of actor links (the study's overlapping labels 0-5, 5-10, 10-15,
-- 15-20 read as 0-5, 6-10, 11-15, 16-20), with the range's share of the applicant type's
-- experiences and the mean number of links.

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

by_type_and_range as (
    select
        applicant_sector,
        applicant_type_label_es,
        link_range,
        cast(count(*) as bigint) as n_experiences,
        cast(sum(n_actor_links) as bigint) as n_actor_links
    from dim_experiences
    group by applicant_sector, applicant_type_label_es, link_range
),

with_shares as (
    select
        applicant_sector,
        applicant_type_label_es,
        link_range,
        n_experiences,
        round(
            100.0 * n_experiences
            / sum(n_experiences) over (partition by applicant_type_label_es), 1
        ) as percent_of_type,
        round(1.0 * n_actor_links / n_experiences, 1) as mean_links
    from by_type_and_range
)

select * from with_shares
order by applicant_sector desc, applicant_type_label_es asc, cast(split_part(link_range, '-', 1) as integer) asc
