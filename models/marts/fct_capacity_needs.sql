with

int_experiences_filtered_to_analysed as (
    select * from {{ ref('int_experiences_filtered_to_analysed') }}
),

stg_codebook as (
    select * from {{ ref('stg_codebook') }}
),

capacity_needs as (
    select * from stg_codebook
    where question = 'capacity_needs'
),

experience_capacity_needs as (
    select
        int_experiences_filtered_to_analysed.experience_id,
        int_experiences_filtered_to_analysed.capacity_need,
        capacity_needs.label_es as capacity_need_label_es,
        capacity_needs.label_en as capacity_need_label_en,
        capacity_needs.class as capacity_need_class,
        int_experiences_filtered_to_analysed.applicant_sector
    from int_experiences_filtered_to_analysed
    left join capacity_needs
        on int_experiences_filtered_to_analysed.capacity_need = capacity_needs.code
    where int_experiences_filtered_to_analysed.capacity_need is not null
),

-- every row is the reconstruction's, not a questionnaire's (docs/reconstruction.md)
final as (
    select
        experience_capacity_needs.*,
        true as is_reconstructed
    from experience_capacity_needs
)

select * from final
