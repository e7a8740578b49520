-- Tabla 9. Mecanismos de Participación utilizados por el Sector Público, según objetivos de la
-- participación y Etapas de la Política: participation mechanisms of the experiences whose
-- applicant is public, by policy stage (rows) and objective (columns), the total per
-- objective, and `t09.initiatives.total`, the number of public experiences ("N = 72
-- iniciativas del Sector Público").

with

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

fct_participation_mechanisms as (
    select * from {{ ref('fct_participation_mechanisms') }}
),

public_mechanisms as (
    select
        mechanism_id,
        policy_stage,
        objective
    from fct_participation_mechanisms
    where applicant_sector = 'public'
),

stage_rows as (
    select distinct policy_stage as row_key
    from fct_participation_mechanisms
    union all
    select 'total' as row_key
),

objective_columns as (
    select distinct objective as column_key
    from fct_participation_mechanisms
),

counts as (
    select
        stage_rows.row_key,
        objective_columns.column_key,
        cast(count(public_mechanisms.mechanism_id) as bigint) as n_mechanisms
    from stage_rows
    cross join objective_columns
    left join public_mechanisms
        on
            stage_rows.row_key in (public_mechanisms.policy_stage, 'total')
            and objective_columns.column_key = public_mechanisms.objective
    group by
        stage_rows.row_key,
        objective_columns.column_key
),

public_experiences as (
    select cast(count(*) as bigint) as n_public_experiences
    from dim_experiences
    where applicant_sector = 'public'
),

cells as (
    select
        't09.' || row_key || '.' || column_key as figure_id,
        {{ count_cell('n_mechanisms') }}
    from counts
    union all
    select
        't09.initiatives.total' as figure_id,
        {{ count_cell('n_public_experiences') }}
    from public_experiences
),

{{ figures_from_cells() }}
