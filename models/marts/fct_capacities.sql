with

stg_questionnaire_capacities as (
    select * from {{ ref('stg_questionnaire_capacities') }}
),

int_experiences_filtered_to_analysed as (
    select * from {{ ref('int_experiences_filtered_to_analysed') }}
),

stg_codebook as (
    select * from {{ ref('stg_codebook') }}
),

capacities as (
    select * from stg_codebook
    where question = 'capacities'
),

experience_capacities as (
    select
        int_experiences_filtered_to_analysed.experience_id,
        stg_questionnaire_capacities.capacity,
        capacities.label_es as capacity_label_es,
        capacities.label_en as capacity_label_en,
        capacities.class as capacity_class,
        int_experiences_filtered_to_analysed.applicant_sector
    from stg_questionnaire_capacities
    inner join int_experiences_filtered_to_analysed
        on stg_questionnaire_capacities.questionnaire_id = int_experiences_filtered_to_analysed.experience_id
    left join capacities
        on stg_questionnaire_capacities.capacity = capacities.code
),

-- every row is the reconstruction's, not a questionnaire's (docs/reconstruction.md)
final as (
    select
        experience_capacities.*,
        true as is_reconstructed
    from experience_capacities
)

select * from final
