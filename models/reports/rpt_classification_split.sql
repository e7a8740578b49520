-- The classification of the experiences into the four models of articulation (section III.6
-- and IV): how many could be classified ("las 118 experiencias analizadas") and the shares of
-- the classified ones in the vertical family (vertical + consultative: "46,5%"), the
-- collaborative model ("29%") and the territorialised model ("23%").

with

dim_experience_classification as (
    select * from {{ ref('dim_experience_classification') }}
),

classified as (
    select
        experience_id,
        articulation_model,
        model_family
    from dim_experience_classification
    where articulation_model is not null
),

all_classified as (
    select cast(count(*) as bigint) as n_classified
    from classified
),

groups as (
    select
        'vertical_family' as split_key,
        {{ count_where("model_family = 'vertical_relations'") }}
            as n_experiences
    from classified
    union all
    select
        'collaborative' as split_key,
        {{ count_where("articulation_model = 'collaborative'") }}
            as n_experiences
    from classified
    union all
    select
        'territorialised' as split_key,
        {{ count_where("articulation_model = 'territorialised'") }}
            as n_experiences
    from classified
),

cells as (
    select
        'txt.classification_' || groups.split_key || '.percent' as figure_id,
        {{ percent_cell('groups.n_experiences', 'all_classified.n_classified') }}
    from groups
    cross join all_classified
    union all
    select
        'txt.classification_classified' as figure_id,
        {{ count_cell('n_classified') }}
    from all_classified
    union all
    -- "suman un total de vínculos de 200 en las 118 experiencias": the study's classified base
    -- (section IV: "un 23% de las 118 experiencias analizadas"), not a 118th of Tabla 1's 120
    select
        'txt.sps_links_experiences' as figure_id,
        {{ count_cell('n_classified') }}
    from all_classified
),

{{ figures_from_cells() }}
