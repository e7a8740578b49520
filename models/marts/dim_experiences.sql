with

int_experiences_filtered_to_analysed as (
    select * from {{ ref('int_experiences_filtered_to_analysed') }}
),

int_experiences_link_counts as (
    select * from {{ ref('int_experiences_link_counts') }}
),

stg_codebook as (
    select * from {{ ref('stg_codebook') }}
),

applicant_types as (
    select * from stg_codebook
    where question = 'applicant_types'
),

applicant_groups as (
    select * from stg_codebook
    where question = 'applicant_groups'
),

-- the crosswalk of the two codings of an applicant (seeds/reference/applicant_type_groups.csv)
applicant_type_groups as (
    select * from {{ ref('applicant_type_groups') }}
),

themes as (
    select * from stg_codebook
    where question = 'themes'
),

coverages as (
    select * from stg_codebook
    where question = 'coverages'
),

agreement_types as (
    select * from stg_codebook
    where question = 'agreement_types'
),

agreement_natures as (
    select * from stg_codebook
    where question = 'agreement_natures'
),

capacity_needs as (
    select * from stg_codebook
    where question = 'capacity_needs'
),

experiences as (
    select
        int_experiences_filtered_to_analysed.experience_id,
        int_experiences_filtered_to_analysed.applicant_type,
        applicant_types.label_es as applicant_type_label_es,
        applicant_types.label_en as applicant_type_label_en,
        int_experiences_filtered_to_analysed.applicant_sector,
        int_experiences_filtered_to_analysed.applicant_group,
        coalesce(applicant_groups.label_es, 'Sin información') as applicant_group_label_es,
        coalesce(applicant_groups.label_en, 'No information') as applicant_group_label_en,
        applicant_type_groups.pairing as applicant_type_group_pairing,
        int_experiences_filtered_to_analysed.theme,
        themes.label_es as theme_label_es,
        themes.label_en as theme_label_en,
        int_experiences_filtered_to_analysed.coverage,
        coverages.label_es as coverage_label_es,
        coverages.label_en as coverage_label_en,
        coverages.class as coverage_class,
        int_experiences_link_counts.n_actor_links,
        int_experiences_link_counts.link_range,
        int_experiences_link_counts.n_strategic_allies,
        int_experiences_link_counts.n_participation_mechanisms,
        int_experiences_filtered_to_analysed.agreement_type,
        agreement_types.label_es as agreement_type_label_es,
        agreement_types.label_en as agreement_type_label_en,
        agreement_types.class as agreement_type_class,
        int_experiences_filtered_to_analysed.agreement_nature,
        agreement_natures.label_es as agreement_nature_label_es,
        agreement_natures.label_en as agreement_nature_label_en,
        agreement_natures.class as agreement_nature_class,
        int_experiences_filtered_to_analysed.capacity_need,
        capacity_needs.label_es as capacity_need_label_es,
        capacity_needs.label_en as capacity_need_label_en,
        capacity_needs.class as capacity_need_class,
        int_experiences_filtered_to_analysed.is_awarded,
        int_experiences_filtered_to_analysed.is_field_visited,
        true as is_reconstructed
    from int_experiences_filtered_to_analysed
    inner join int_experiences_link_counts
        on int_experiences_filtered_to_analysed.experience_id = int_experiences_link_counts.experience_id
    left join applicant_types
        on int_experiences_filtered_to_analysed.applicant_type = applicant_types.code
    left join applicant_type_groups
        on
            int_experiences_filtered_to_analysed.applicant_type = applicant_type_groups.applicant_type
            and int_experiences_filtered_to_analysed.applicant_group = applicant_type_groups.applicant_group
    left join applicant_groups
        on int_experiences_filtered_to_analysed.applicant_group = applicant_groups.code
    left join themes
        on int_experiences_filtered_to_analysed.theme = themes.code
    left join coverages
        on int_experiences_filtered_to_analysed.coverage = coverages.code
    left join agreement_types
        on int_experiences_filtered_to_analysed.agreement_type = agreement_types.code
    left join agreement_natures
        on int_experiences_filtered_to_analysed.agreement_nature = agreement_natures.code
    left join capacity_needs
        on int_experiences_filtered_to_analysed.capacity_need = capacity_needs.code
)

select * from experiences
