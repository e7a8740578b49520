-- The marts' headline counts against the figures the study prints, read by figure id from the
-- seed published_figures (the one place they are written): the 120 analysed experiences
-- (section II, Tabla 1), the 995 linked actors and their sectors (Tabla 3: 659 public, 238 civil
-- society, 98 market), the 308 strategic allies (Tabla 11). Returns each count that differs,
-- with the figure it was held against. A scale build (var `scale` = N copies of the raw layer)
-- expects N times each count.

{#- (figure id, mart, which rows of it count) -#}
{%- set printed_counts = [
    ('txt.experiences_analysed', 'dim_experiences', 'true'),
    ('t03.total.count', 'fct_actor_links', 'true'),
    ('t03.public.count', 'fct_actor_links', "actor_sector = 'public'"),
    ('t03.civil_society.count', 'fct_actor_links', "actor_sector = 'civil_society'"),
    ('t03.market.count', 'fct_actor_links', "actor_sector = 'market'"),
    ('t11.total.strategic_allies', 'fct_strategic_allies', 'true'),
] %}

with

published_figures as (
    select * from {{ ref('published_figures') }}
),

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

fct_strategic_allies as (
    select * from {{ ref('fct_strategic_allies') }}
),

observed as (
    {%- for figure_id, mart, condition in printed_counts %}
    select
        '{{ figure_id }}' as figure_id,
        '{{ mart }}' as mart,
        {{ count_where(condition) }} as observed_rows
    from {{ mart }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

compared as (
    select
        observed.figure_id,
        observed.mart,
        coalesce(observed.observed_rows, 0) as observed_rows,
        cast(published_figures.value as bigint) * {{ var('scale', 1) }} as expected_rows
    from observed
    left join published_figures
        on observed.figure_id = published_figures.figure_id
)

select * from compared
where expected_rows is null or observed_rows <> expected_rows
