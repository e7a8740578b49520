-- Open question: the text says vertical relations "tiende a coincidir con un número menor a 6
-- actores vinculados" and that the collaborative model gathers more actors. Links per experience
-- (mean, fewest, most) and the share of experiences with fewer than 6 links, by articulation
-- model. Reconstructed records: the study prints no such table.

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

dim_experience_classification as (
    select * from {{ ref('dim_experience_classification') }}
),

experiences as (
    select
        dim_experiences.experience_id,
        dim_experiences.n_actor_links,
        coalesce(dim_experience_classification.articulation_model, 'unclassifiable') as articulation_model,
        dim_experience_classification.model_family
    from dim_experiences
    inner join dim_experience_classification
        on dim_experiences.experience_id = dim_experience_classification.experience_id
),

by_model as (
    select
        articulation_model,
        model_family,
        cast(count(*) as bigint) as n_experiences,
        cast(sum(n_actor_links) as bigint) as n_actor_links,
        round(avg(n_actor_links), 1) as mean_links,
        min(n_actor_links) as fewest_links,
        max(n_actor_links) as most_links,
        round(100.0 * avg(case when n_actor_links < 6 then 1 else 0 end), 1) as percent_under_6_links
    from experiences
    group by articulation_model, model_family
)

select * from by_model
order by articulation_model
