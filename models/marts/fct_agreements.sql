with

int_experiences_filtered_to_analysed as (
    select * from {{ ref('int_experiences_filtered_to_analysed') }}
),

stg_codebook as (
    select * from {{ ref('stg_codebook') }}
),

agreement_types as (
    select * from stg_codebook
    where question = 'agreement_types'
),

agreement_natures as (
    select * from stg_codebook
    where question = 'agreement_natures'
),

agreements as (
    select
        int_experiences_filtered_to_analysed.experience_id,
        int_experiences_filtered_to_analysed.agreement_type,
        agreement_types.label_es as agreement_type_label_es,
        agreement_types.label_en as agreement_type_label_en,
        agreement_types.class as agreement_type_class,
        int_experiences_filtered_to_analysed.agreement_nature,
        agreement_natures.label_es as agreement_nature_label_es,
        agreement_natures.label_en as agreement_nature_label_en,
        agreement_natures.class as agreement_nature_class,
        int_experiences_filtered_to_analysed.applicant_sector
    from int_experiences_filtered_to_analysed
    left join agreement_types
        on int_experiences_filtered_to_analysed.agreement_type = agreement_types.code
    left join agreement_natures
        on int_experiences_filtered_to_analysed.agreement_nature = agreement_natures.code
    where
        int_experiences_filtered_to_analysed.agreement_type is not null
        or int_experiences_filtered_to_analysed.agreement_nature is not null
),

-- every row is the reconstruction's, not a questionnaire's (docs/reconstruction.md)
final as (
    select
        agreements.*,
        true as is_reconstructed
    from agreements
)

select * from final
