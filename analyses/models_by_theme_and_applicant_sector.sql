-- Open question (the study prints only the overall split): how do the articulation models
-- spread over themes and the applicant's sector? Shares are of the classified experiences in
-- each (sector, theme). The records are reconstructed: the study does not print this cross
-- tabulation, so it shows the reconstruction's choices, not the programme's.

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

dim_experience_classification as (
    select * from {{ ref('dim_experience_classification') }}
),

classified as (
    select
        dim_experiences.applicant_sector,
        dim_experiences.theme_label_es,
        coalesce(dim_experience_classification.articulation_model, 'unclassifiable') as articulation_model
    from dim_experiences
    inner join dim_experience_classification
        on dim_experiences.experience_id = dim_experience_classification.experience_id
),

by_cell as (
    select
        applicant_sector,
        theme_label_es,
        articulation_model,
        cast(count(*) as bigint) as n_experiences
    from classified
    group by applicant_sector, theme_label_es, articulation_model
),

with_shares as (
    select
        applicant_sector,
        theme_label_es,
        articulation_model,
        n_experiences,
        round(
            100.0 * n_experiences
            / sum(n_experiences) over (partition by applicant_sector, theme_label_es), 1
        ) as percent_of_cell
    from by_cell
)

select * from with_shares
order by applicant_sector desc, theme_label_es asc, articulation_model asc
