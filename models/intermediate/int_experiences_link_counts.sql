with

int_experiences_filtered_to_analysed as (
    select * from {{ ref('int_experiences_filtered_to_analysed') }}
),

int_actor_links_joined_to_experiences as (
    select * from {{ ref('int_actor_links_joined_to_experiences') }}
),

stg_participation_mechanisms as (
    select * from {{ ref('stg_participation_mechanisms') }}
),

link_counts as (
    select
        experience_id,
        cast(count(*) as bigint) as n_actor_links,
        cast(
            sum(case when is_strategic_ally then 1 else 0 end) as bigint
        ) as n_strategic_allies
    from int_actor_links_joined_to_experiences
    group by experience_id
),

mechanism_counts as (
    select
        questionnaire_id as experience_id,
        cast(count(*) as bigint) as n_participation_mechanisms
    from stg_participation_mechanisms
    group by questionnaire_id
),

counted as (
    select
        int_experiences_filtered_to_analysed.experience_id,
        cast(coalesce(link_counts.n_actor_links, 0) as bigint) as n_actor_links,
        cast(coalesce(link_counts.n_strategic_allies, 0) as bigint) as n_strategic_allies,
        cast(
            coalesce(mechanism_counts.n_participation_mechanisms, 0) as bigint
        ) as n_participation_mechanisms
    from int_experiences_filtered_to_analysed
    left join link_counts
        on int_experiences_filtered_to_analysed.experience_id = link_counts.experience_id
    left join mechanism_counts
        on int_experiences_filtered_to_analysed.experience_id = mechanism_counts.experience_id
),

binned as (
    select
        experience_id,
        n_actor_links,
        -- Tabla 4 labels its bins 0-5, 5-10, 10-15, 15-20; they hold 0-5, 6-10, 11-15 and
        -- 16-20 links. The study reports no experience above 20 links.
        case
            when n_actor_links <= 5 then '0-5'
            when n_actor_links <= 10 then '5-10'
            when n_actor_links <= 15 then '10-15'
            when n_actor_links <= 20 then '15-20'
            else 'more than 20'
        end as link_range,
        n_strategic_allies,
        n_participation_mechanisms
    from counted
)

select * from binned
