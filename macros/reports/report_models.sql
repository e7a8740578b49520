{#-
    report_models()

    The report models that compute the study's figures, one per table or figure of the study.
    paper_reconciliation stacks them; tests/reports/ checks that each published figure is
    computed by exactly one of them. Add a new rpt_ model here.
-#}
{% macro report_models() -%}
    {{ return([
        'rpt_tabla_01', 'rpt_tabla_02', 'rpt_tabla_03', 'rpt_tabla_04', 'rpt_tabla_05',
        'rpt_tabla_06', 'rpt_tabla_07', 'rpt_tabla_08', 'rpt_tabla_09', 'rpt_tabla_10',
        'rpt_tabla_11', 'rpt_tabla_12', 'rpt_tabla_13', 'rpt_tabla_14', 'rpt_tabla_15',
        'rpt_grafico_1', 'rpt_grafico_2', 'rpt_classification_split', 'rpt_text_figures',
    ]) }}
{%- endmacro %}
