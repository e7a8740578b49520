"""UI strings of the page, Spanish (default) and English."""

from __future__ import annotations

import streamlit as st

import reference

LANG_KEY = "english"  # the switch widget
LANG_STATE = "_lang"  # the language kept across pages ("es" or "en")

STRINGS: dict[str, tuple[str, str]] = {
    # (es, en)
    "app_title": ("Territorio Chile: articulación de actores", "Territorio Chile: articulation of actors"),
    "english": ("English", "English"),
    "notice": (
        "Datos **reconstruidos**: los cuestionarios codificados nunca se publicaron; los microdatos "
        "están calibrados para reproducir las tablas impresas del estudio (Fernández, 2009).",
        "**Reconstructed** data: the coded questionnaires were never published; the microdata are "
        "calibrated to reproduce the study's printed tables (Fernández, 2009).",
    ),
    "notice_link": (
        "Cómo se reconstruyeron (docs/reconstruction.md)",
        "How they were reconstructed (docs/reconstruction.md)",
    ),
    "no_warehouse": (
        "Aún no hay almacén de datos en `{path}`: ejecute `make build`.",
        "No warehouse exists yet at `{path}`: run `make build`.",
    ),
    "not_available": ("No disponible en este almacén de datos.", "Not available in this warehouse."),
    "filters": ("Filtros", "Filters"),
    "theme": ("Temática", "Theme"),
    "sector": ("Sector del postulante", "Applicant sector"),
    "model": ("Modelo de articulación", "Articulation model"),
    "all": ("Todos", "All"),
    "experiences": ("Experiencias", "Experiences"),
    "links": ("Vínculos con actores", "Actor links"),
    "allies": ("Aliados estratégicos", "Strategic allies"),
    "classified": ("Experiencias clasificadas", "Classified experiences"),
    "count": ("Número", "Number"),
    "share": ("Porcentaje", "Share"),
    # pages
    "p_overview": ("Resumen", "Overview"),
    "p_actors": ("Actores y vínculos", "Actors and links"),
    "p_patterns": ("Patrones por postulante", "Patterns by applicant"),
    "p_roles": ("Roles, aportes y aliados", "Roles, contributions and allies"),
    "p_capacities": ("Capacidades, acuerdos y participación", "Capacities, agreements and participation"),
    "p_typology": ("Tipología", "Typology"),
    "p_explorer": ("Explorador de experiencias", "Experience explorer"),
    "p_quality": ("Reproducción y calidad", "Reproduction and data quality"),
    "p_reconstruction": ("Nota sobre los datos", "About the data"),
    "p_sql": ("Consola SQL", "SQL console"),
    # overview
    "sector_split": ("Experiencias por sector del postulante y temática", "Experiences by applicant sector and theme"),
    "class_split": ("Experiencias por modelo de articulación", "Experiences by articulation model"),
    # actors
    "links_by_group": ("Vínculos por grupo de socios y sector del actor", "Links by partner group and actor sector"),
    "link_ranges": (
        "Experiencias por tramo de número de vínculos y tipo de postulante",
        "Experiences by range of links and applicant type",
    ),
    "link_range": ("Tramo de vínculos", "Range of links"),
    "partner_group": ("Grupo de socios", "Partner group"),
    "actor_sector": ("Sector del actor", "Actor sector"),
    "applicant_type": ("Tipo de postulante", "Applicant type"),
    "all_links": ("Todos los vínculos", "All links"),
    "show_table": ("Mostrar la tabla ({n} filas)", "Show the table ({n} rows)"),
    # patterns
    "applicant_group": ("Grupo del postulante", "Applicant group"),
    "patterns_intro": (
        "Vínculos de las experiencias postuladas por el grupo elegido, por grupo de socios y temática.",
        "Links of the experiences submitted by the chosen group, by partner group and theme.",
    ),
    "no_info": ("Sin información", "No information"),
    # roles
    "roles": ("Roles de los actores", "Roles of the actors"),
    "contributions": ("Aportes de los actores", "Contributions of the actors"),
    "ally_reasons": (
        "Aliados estratégicos por razón y grupo del postulante",
        "Strategic allies by reason and applicant group",
    ),
    "role": ("Rol", "Role"),
    "role_class": ("Clase de rol", "Role class"),
    "contribution": ("Aporte", "Contribution"),
    "contribution_class": ("Clase de aporte", "Contribution class"),
    "reason": ("Razón", "Reason"),
    # capacities
    "capacities": ("Capacidades creadas", "Capacities created"),
    "agreements": ("Tipo y naturaleza de los acuerdos", "Type and nature of the agreements"),
    "needs": ("Necesidades de capacidades", "Capacity needs"),
    "participation": ("Mecanismos de participación", "Participation mechanisms"),
    "capacity": ("Capacidad", "Capacity"),
    "agreement_type": ("Tipo de acuerdo", "Agreement type"),
    "agreement_nature": ("Naturaleza del acuerdo", "Agreement nature"),
    "capacity_need": ("Necesidad de capacidades", "Capacity need"),
    "policy_stage": ("Etapa de la política", "Policy stage"),
    "objective": ("Objetivo", "Objective"),
    "mechanisms": ("Mecanismos", "Mechanisms"),
    # typology
    "typology_intro": (
        "La figura 1 del estudio no se conserva. Aquí se dibuja desde `dim_experience_classification`: "
        "los cuatro modelos en sus dos familias, y la evidencia de las nueve variables.",
        "The study's Figure 1 is missing. It is drawn here from `dim_experience_classification`: the "
        "four models in their two families, and the evidence of the nine variables.",
    ),
    "models_families": ("Modelos y familias", "Models and families"),
    "family": ("Familia", "Family"),
    "evidence": (
        "Proporción de experiencias cuya respuesta apoya cada modelo, por variable",
        "Share of experiences whose answer supports each model, by variable",
    ),
    "variable": ("Variable", "Variable"),
    "unclassified": ("Sin clasificar", "Unclassified"),
    "scores": ("Puntajes", "Scores"),
    # explorer
    "pick": ("Experiencia", "Experience"),
    "exp_listed": (
        "La lista muestra las primeras {shown} de {total} experiencias; escriba el código de cualquier otra.",
        "The list shows the first {shown} of {total} experiences; type the code of any other.",
    ),
    "exp_unknown": ("No hay una experiencia {exp} en este almacén.", "There is no experience {exp} in this warehouse."),
    "attributes": ("Atributos", "Attributes"),
    "actors": ("Actores, roles y aportes", "Actors, roles and contributions"),
    "evidence_exp": ("Evidencia por variable", "Evidence by variable"),
    "category": ("Categoría", "Category"),
    "supports": ("Modelos que apoya", "Models supported"),
    "assigned_model": ("Modelo asignado", "Assigned model"),
    "n_evidence": ("Variables con evidencia", "Variables with evidence"),
    "attribute": ("Atributo", "Attribute"),
    "value": ("Valor", "Value"),
    "roles_col": ("Roles", "Roles"),
    "contributions_col": ("Aportes", "Contributions"),
    "ally": ("Aliado estratégico", "Strategic ally"),
    "actor_type": ("Tipo de actor", "Actor type"),
    # quality
    "reconciliation": ("Conciliación con las cifras publicadas", "Reconciliation with the published figures"),
    "status": ("Estado", "Status"),
    "audit": (
        "Auditoría aritmética del estudio: comprobaciones que no se cumplen",
        "Arithmetic audit of the study: checks that fail",
    ),
    "audit_summary": (
        "{failed} de {total} comprobaciones no se cumplen en el texto publicado.",
        "{failed} of {total} checks fail in the published text.",
    ),
    "validation": ("Último informe de validación", "Latest validation report"),
    "validation_download": ("Descargar el informe HTML", "Download the HTML report"),
    "validation_missing": (
        "No hay informe de validación junto al almacén de datos.",
        "No validation report beside the warehouse.",
    ),
    "published": ("Valor publicado", "Published value"),
    "computed": ("Valor calculado", "Computed value"),
    "warehouse_file": ("Almacén de datos: `{path}`", "Warehouse: `{path}`"),
    # sql console
    "sql_intro": (
        "Una consulta de solo lectura a la vez sobre los esquemas `marts` y `reports` del almacén "
        "publicado (SQL de DuckDB: `select`, `with`, `from …`, `describe`, `summarize`).",
        "One read-only query at a time over the schemas `marts` and `reports` of the published "
        "warehouse (DuckDB SQL: `select`, `with`, `from …`, `describe`, `summarize`).",
    ),
    "sql_limits": (
        "Límites: una sentencia por ejecución, solo lectura; sin acceso a archivos, red ni extensiones; "
        "configuración bloqueada; {seconds} s por consulta; {rows} filas como máximo; {memory} de "
        "memoria; {threads} hilo.",
        "Limits: one statement per run, read-only; no file, network or extension access; settings "
        "locked; {seconds} s per query; at most {rows} rows; {memory} of memory; {threads} thread.",
    ),
    "sql_examples": ("Consultas de ejemplo", "Example queries"),
    "sql_ex_links": ("Vínculos por sector del actor", "Links by actor sector"),
    "sql_ex_models": ("Experiencias por modelo de articulación", "Experiences by articulation model"),
    "sql_ex_allies": (
        "Aliados estratégicos por razón y sector del postulante",
        "Strategic allies by reason and applicant sector",
    ),
    "sql_ex_reconciliation": (
        "Cifras publicadas por estado de conciliación",
        "Published figures by reconciliation status",
    ),
    "sql_query": ("Consulta SQL", "SQL query"),
    "sql_run": ("Ejecutar", "Run"),
    "sql_running": ("Ejecutando la consulta…", "Running the query…"),
    "sql_result": (
        "Filas: **{rows}** · tiempo de la consulta: {seconds} s",
        "Rows: **{rows}** · query time: {seconds} s",
    ),
    "sql_truncated": (
        "Se muestran las primeras {rows} filas: la consulta devuelve más.",
        "Showing the first {rows} rows: the query returns more.",
    ),
    "sql_catalog": ("Tablas y columnas disponibles", "Available tables and columns"),
    "sql_relation": ("Tabla", "Table"),
    "sql_columns": ("Columnas (tipo)", "Columns (type)"),
    "sql_err_empty": ("Escriba primero una consulta.", "Write a query first."),
    "sql_err_too_long": (
        "La consulta es demasiado larga (máximo {max_chars} caracteres).",
        "The query is too long (at most {max_chars} characters).",
    ),
    "sql_err_syntax": ("No se pudo leer la consulta: {detail}", "The query could not be read: {detail}"),
    "sql_err_multiple": (
        "Una sola sentencia por ejecución: esta consola ejecuta una única consulta de solo lectura "
        "(SELECT, WITH, VALUES, FROM, DESCRIBE, SUMMARIZE).",
        "Only one statement per run: this console runs a single read-only query "
        "(SELECT, WITH, VALUES, FROM, DESCRIBE, SUMMARIZE).",
    ),
    "sql_err_not_read": (
        "Solo se admite una consulta de solo lectura (SELECT, WITH, VALUES, FROM, DESCRIBE, "
        "SUMMARIZE): las sentencias {kind} se rechazan en esta consola.",
        "Only one read-only query (SELECT, WITH, VALUES, FROM, DESCRIBE, SUMMARIZE) is allowed: "
        "{kind} statements are refused in this console.",
    ),
    "sql_err_file_access": (
        "El acceso a archivos, a la red y a extensiones está desactivado en esta consola.",
        "File, network and extension access are disabled in this console.",
    ),
    "sql_err_attach": (
        "Adjuntar o separar bases de datos (ATTACH/DETACH) está desactivado en esta consola.",
        "Attaching or detaching databases is disabled in this console.",
    ),
    "sql_err_extension": (
        "Instalar o cargar extensiones está desactivado en esta consola.",
        "Installing or loading extensions is disabled in this console.",
    ),
    "sql_err_settings": (
        "La configuración está bloqueada en esta consola (SET, RESET y PRAGMA se rechazan).",
        "Settings are locked in this console (SET, RESET and PRAGMA are refused).",
    ),
    "sql_err_timeout": (
        "La consulta se detuvo a los {seconds:g} s (el límite de tiempo de la consola).",
        "The query was stopped after {seconds:g} s (the console's time limit).",
    ),
    "sql_err_memory": (
        "La consulta necesitó más memoria de la que permite la consola ({memory}).",
        "The query needed more memory than the console allows ({memory}).",
    ),
    "sql_err_too_large": (
        "El resultado es demasiado grande para mostrarlo (más de {max_mb} MB): elija menos columnas o filas.",
        "The result is too large to show (more than {max_mb} MB); select fewer columns or rows.",
    ),
    "sql_err_busy": (
        "La consola está ocupada con otras consultas; inténtelo de nuevo en un momento.",
        "The console is busy with other queries; try again in a moment.",
    ),
    "sql_err_no_warehouse": (
        "Todavía no hay datos publicados: quien administra el sitio debe ejecutar `make build`.",
        "No data has been published yet: whoever runs the site must run `make build`.",
    ),
    "sql_err_failed": ("La consulta falló: {detail}", "The query failed: {detail}"),
    "sql_err_crashed": (
        "No se pudo completar la consulta (el proceso de la consola se detuvo).",
        "The query could not be completed (the console's process stopped).",
    ),
    "build_info": ("Construcción `{build}` del {built_at} UTC", "Build `{build}` of {built_at} UTC"),
    "rows_shown": ("Se muestran las primeras {shown} de {total} filas.", "Showing the first {shown} of {total} rows."),
    "yes": ("Sí", "Yes"),
    "no": ("No", "No"),
    "coverage": ("Cobertura", "Coverage"),
    "awarded": ("Premiada", "Awarded"),
    "field_visited": ("Visitada en terreno", "Field-visited"),
    "government_level": ("Nivel de gobierno", "Government level"),
    "why_link": (
        "Para ver por qué una experiencia tiene su modelo, ábrala en «Explorador de experiencias».",
        'To see why an experience has its model, open it in "Experience explorer".',
    ),
    "share_of_classified": (
        "Porcentajes sobre las {classified} experiencias clasificadas.",
        "Shares of the {classified} classified experiences.",
    ),
    "p_tables": ("Cuadros del estudio", "The study's tables"),
    "p_network": ("Red de actores", "Network of actors"),
    "notice_short": (
        "Datos **reconstruidos**: los cuestionarios de 2008 no se publicaron; estos datos se "
        "calcularon para reproducir las tablas impresas del estudio (Fernández, 2009).",
        "**Reconstructed** data: the 2008 questionnaires were never published; these data were "
        "calculated to reproduce the study's printed tables (Fernández, 2009).",
    ),
    "notice_more": ("Qué es real y qué es reconstruido", "What is real and what is reconstructed"),
    "no_warehouse_plain": (
        "Todavía no hay datos publicados para esta página. Quien administra el sitio debe ejecutar `make build`.",
        "No data has been published for this page yet. Whoever runs the site must run `make build`.",
    ),
    "source": ("Fuente", "Source"),
    "source_marts": (
        "Fuente: cuestionarios de profundización 2008 (datos reconstruidos), {what}.",
        "Source: 2008 in-depth questionnaires (reconstructed data), {what}.",
    ),
    "source_study": (
        "Fuente: Fernández (2009), {table}; valor del almacén: datos reconstruidos ({model}).",
        "Source: Fernández (2009), {table}; warehouse value: reconstructed data ({model}).",
    ),
    "filtered_note": (
        "Con filtros activos, las cifras cubren solo las experiencias elegidas y no son las del estudio.",
        "With filters on, the figures cover the chosen experiences only and are not the study's.",
    ),
    "see_tables": (
        "Las tablas del estudio, cifra por cifra, están en «Cuadros del estudio».",
        "The study's tables, figure by figure, are in \"The study's tables\".",
    ),
    # study tables page
    "tables_intro": (
        "Cada tabla del estudio con su diseño impreso. En cada celda: arriba el valor **impreso** "
        "en el estudio, abajo el valor que da el **almacén** de datos reconstruidos, y su estado.",
        "Each table of the study laid out as printed. In each cell: on top the value **printed** "
        "in the study, below the value the **warehouse** of reconstructed data gives, and its status.",
    ),
    "tables_summary": (
        "{total} cifras impresas: {exact} exactas, {rounding} iguales tras el redondeo del estudio, "
        '{as_worded} que cumplen lo que el texto dice ("no más de", "cerca de"), '
        "{inconsistent} en que el estudio se contradice, {unexplained} sin explicar.",
        "{total} printed figures: {exact} exact, {rounding} equal after the study's rounding, "
        '{as_worded} that meet the text\'s wording ("no más de", "cerca de"), '
        "{inconsistent} where the study contradicts itself, {unexplained} unexplained.",
    ),
    "printed": ("impreso", "printed"),
    "warehouse": ("almacén", "warehouse"),
    "legend": ("Leyenda", "Legend"),
    "contents": ("Índice", "Contents"),
    "cell_notes": ("Celdas que no se reproducen", "Cells not reproduced"),
    "cell_note": (
        "{cell}: impreso {printed}, el almacén da {computed}{ratio}. {reason}",
        "{cell}: printed {printed}, the warehouse gives {computed}{ratio}. {reason}",
    ),
    "reason_inconsistent": (
        "El estudio se contradice: {checks}.",
        "The study contradicts itself: {checks}.",
    ),
    "reason_unexplained": ("Diferencia sin explicar.", "Unexplained difference."),
    "table_audit": (
        "Comprobaciones aritméticas del propio estudio en esta tabla",
        "The study's own arithmetic checked in this table",
    ),
    "audit_line": ("{arithmetic} ({status})", "{arithmetic} ({status})"),
    "chart_printed_vs": (
        "Impreso en el estudio y calculado en el almacén",
        "Printed in the study and computed in the warehouse",
    ),
    "claims": ("Afirmaciones del texto", "Claims of the text"),
    "claims_absent": (
        "El registro de afirmaciones del texto todavía no está en este almacén de datos: cuando se "
        "publique, aquí se verá, afirmación por afirmación, si las tablas la sostienen.",
        "The ledger of the text's claims is not in this warehouse yet: once published, it will "
        "show here, claim by claim, whether the tables support it.",
    ),
    "claim_section": ("Sección", "Section"),
    "claim_observed": ("Valor del almacén", "Warehouse value"),
    "claims_summary": (
        "{total} afirmaciones del texto que los datos pueden confirmar o refutar: {holds} se sostienen, "
        "{partly} en parte, {fails} no se sostienen y {contradicted_by_tables} las contradicen las "
        "propias tablas impresas.",
        "{total} claims of the text that the data can confirm or refute: {holds} hold, {partly} "
        "partly, {fails} do not hold and {contradicted_by_tables} are contradicted by the printed "
        "tables themselves.",
    ),
    "claim_quote": ("Afirmación", "Claim"),
    "claim_reason": ("Motivo", "Reason"),
    "audit_all": ("Auditoría aritmética del estudio", "Arithmetic audit of the study"),
    "download_xlsx": ("Excel", "Excel"),
    "download_csv": ("CSV (;)", "CSV"),
    "download_all": ("Todas las tablas del estudio (Excel)", "All the study's tables (Excel)"),
    "download_marts": ("Todos los datos (marts) en un libro Excel", "All the data (marts) in one Excel workbook"),
    "row": ("Fila", "Row"),
    "column": ("Columna", "Column"),
    "printed_value": ("Valor impreso", "Printed value"),
    "warehouse_value": ("Valor del almacén", "Warehouse value"),
    "numerator": ("Numerador", "Numerator"),
    "denominator": ("Denominador", "Denominator"),
    "prov_sheet": ("Procedencia", "Provenance"),
    "prov_build": ("Construcción", "Build"),
    "prov_built_at": ("Fecha de la construcción (UTC)", "Build time (UTC)"),
    "prov_data": ("Datos", "Data"),
    "prov_data_value": (
        "Datos reconstruidos: calibrados para reproducir las cifras impresas del estudio; no son "
        "los cuestionarios originales.",
        "Reconstructed data: calibrated to reproduce the study's printed figures; not the original questionnaires.",
    ),
    "prov_source": ("Tabla de origen", "Source table"),
    "prov_study": ("Estudio", "Study"),
    "prov_study_value": (
        "Fernández (2009), análisis exploratorio de las relaciones y dinámicas de articulación de "
        "actores, programa Territorio Chile.",
        "Fernández (2009), exploratory analysis of the relations and dynamics of articulation of "
        "actors, Territorio Chile programme.",
    ),
    "prov_title": ("Título", "Title"),
    # headline
    "headline_filtered": (
        "Cifras de las experiencias elegidas por los filtros.",
        "Figures of the experiences the filters choose.",
    ),
    # typology
    "figure1": ("Figura 1: modelos de articulación, en dos familias", "Figure 1: articulation models, in two families"),
    "figure1_note": (
        "La Figura 1 no se conserva en el texto del estudio; se dibuja con los nombres y familias "
        "que el texto da. Cada modelo muestra cuántas de las {classified} experiencias clasificadas "
        "le corresponden en los datos reconstruidos.",
        "The study's text does not keep Figure 1; it is drawn with the names and families the "
        "text gives. Each model shows how many of the {classified} classified experiences fall in "
        "it in the reconstructed data.",
    ),
    "family_share": (
        "{family}: {n} de {classified} experiencias clasificadas ({share}).",
        "{family}: {n} of {classified} classified experiences ({share}).",
    ),
    "rulebook": ("Reglas de la tipología", "The typology's rules"),
    "rulebook_intro": (
        "El estudio describe cada modelo con nueve variables. Cada experiencia se clasifica así:",
        "The study describes each model with nine variables. Each experience is classified thus:",
    ),
    "rule_1": (
        "Cada una de sus nueve respuestas cae en una categoría (por ejemplo, «acuerdos puntuales»).",
        'Each of its nine answers falls into a category (for example, "punctual agreements").',
    ),
    "rule_2": (
        "Cada categoría coincide con la descripción de uno o más modelos en la tabla del estudio: "
        "suma un punto a cada uno de ellos.",
        "Each category matches the description of one or more models in the study's table: it "
        "adds one point to each of them.",
    ),
    "rule_3": ("La experiencia toma el modelo con más puntos.", "The experience takes the model with the most points."),
    "rule_4": (
        "**Desempate** (regla del almacén, no del estudio): si dos modelos empatan, gana el más "
        "vertical (vertical, luego consultativo, luego colaborativo, luego territorializado). "
        "Este desempate decide {ties} de las {classified} clasificaciones.",
        "**Tie-break** (the warehouse's rule, not the study's): when two models tie, the more "
        "vertical one wins (vertical, then consultative, then collaborative, then territorialised). "
        "This tie-break decides {ties} of the {classified} classifications.",
    ),
    "rule_5": (
        "Si {gaps} o más variables no dan evidencia, la experiencia queda sin clasificar "
        "(el estudio clasifica {study_classified} de {study_experiences}; "
        "el almacén, {classified} de {experiences}).",
        "When {gaps} or more variables give no evidence, the experience stays unclassified "
        "(the study classifies {study_classified} of {study_experiences}; "
        "the warehouse, {classified} of {experiences}).",
    ),
    "rule_table": (
        "Las nueve variables, con la descripción del estudio para cada modelo",
        "The nine variables, with the study's description for each model",
    ),
    "why_model": ("Por qué este modelo", "Why this model"),
    "why_intro": (
        "Elija una experiencia: sus nueve respuestas, la categoría en que caen y los puntos de cada modelo.",
        "Choose an experience: its nine answers, the category they fall in and each model's points.",
    ),
    "points": ("Puntos", "Points"),
    "decided_by_tie": ("Empate entre {models}: decide el desempate.", "Tie between {models}: the tie-break decides."),
    "no_evidence": ("sin evidencia", "no evidence"),
    # network
    "network_one": ("Una experiencia y sus actores", "One experience and its actors"),
    "network_one_note": (
        "Color: sector del actor. Línea gruesa: aliado estratégico. En cada actor, sus roles y aportes.",
        "Colour: the actor's sector. Thick line: strategic ally. On each actor, its roles and contributions.",
    ),
    "network_all": (
        "Todo el programa: del grupo que postula al grupo de socios",
        "The whole programme: from applicant group to partner group",
    ),
    "network_all_note": (
        "Cada flecha une un grupo postulante con un grupo de socios; su grosor y su número son los vínculos.",
        "Each arrow joins an applicant group with a partner group; its width and number are the links.",
    ),
    "min_links": ("Mostrar flujos de al menos", "Show flows of at least"),
    "experience_node": ("Experiencia {id}", "Experience {id}"),
    # data page
    "data_title_real": ("Qué es real", "What is real"),
    "data_real": (
        "El estudio de Fernández (2009) y todas sus cifras impresas: las tablas 1 a 15, los gráficos "
        "1 y 2 y las cifras del texto. También son del estudio las categorías de los cuestionarios, "
        "los nombres de los actores y las reglas de la tipología.",
        "Fernández's study (2009) and all its printed figures: Tablas 1 to 15, Gráficos 1 and 2 "
        "and the figures of the text. The questionnaires' categories, the names of the actors and "
        "the typology's rules are also the study's.",
    ),
    "data_title_rec": ("Qué es reconstruido", "What is reconstructed"),
    "data_rec": (
        "Los {questionnaires} cuestionarios codificados nunca se publicaron. Los datos de esta página son una "
        "reconstrucción: respuestas calculadas para que, al sumarlas, den las cifras impresas del "
        "estudio donde el estudio es coherente consigo mismo. Las relaciones que el estudio no "
        "imprime (por ejemplo, qué actor concreto acompaña a qué experiencia) son de la "
        "reconstrucción, no del programa. Donde el estudio se contradice, la página lo dice "
        "cifra por cifra en «Cuadros del estudio».",
        "The {questionnaires} coded questionnaires were never published. The data on this page are a "
        "reconstruction: answers calculated so that, added up, they give the study's printed "
        "figures wherever the study agrees with itself. Relationships the study does not print "
        "(for example, which actor goes with which experience) are the reconstruction's, not the "
        "programme's. Where the study contradicts itself, the page says so figure by figure in "
        '"The study\'s tables".',
    ),
    "data_downloads": ("Descargas", "Downloads"),
    "data_tech": ("Detalle técnico de la reconstrucción", "Technical detail of the reconstruction"),
    "prepare": ("Preparar el libro", "Prepare the workbook"),
    "developer": ("Detalle técnico", "Technical detail"),
}


def lang() -> str:
    """'en' or 'es': the page's language, kept in the session and the URL (see ui.init_state)."""
    return "en" if st.session_state.get(LANG_STATE) == "en" else "es"


def t(key: str, **kwargs: object) -> str:
    """The UI string ``key`` in the current language."""
    text = STRINGS[key][1 if lang() == "en" else 0]
    return text.format(**kwargs) if kwargs else text


def label(code: object, dimension: str = "sector") -> str:
    """A code of a palette dimension (sector, model, family, role_class, status, ...) in the
    current language; missing values read "Sin información"."""
    if code is None or code != code or (dimension, str(code)) not in reference.palette():
        if dimension == "model" and (code is None or code != code):
            return reference.palette_label("model", "unclassified", lang())
        return reference.palette_label("sector", "no_info", lang())
    return reference.palette_label(dimension, str(code), lang())


def variable_label(variable: str) -> str:
    """'1. Grados de institucionalización', from the typology seed."""
    row = next(r for r in reference.typology_variables() if r["variable"] == variable)
    return f"{row['variable_no']}. {row['label_' + lang()]}"


def category_label(variable: str, category: object) -> str:
    entry = reference.typology_categories().get((variable, str(category)))
    return entry[lang()] if entry else label(None)


#: The English words of the audit's arithmetic (reports.paper_audit.arithmetic), in Spanish.
ARITHMETIC_ES = {
    "not a whole count": "no es un número entero",
    "is below the fewest": "queda bajo el mínimo",
    "lies within": "queda dentro",
    "fewest links": "mínimo de vínculos",
    "most links": "máximo de vínculos",
    "% of": " % de",
}


def arithmetic(text: object) -> str:
    """An audit's arithmetic in the current language (its numbers through fmt)."""
    import fmt

    text = "" if text is None else str(text)
    if lang() == "es":
        for english, spanish in ARITHMETIC_ES.items():
            text = text.replace(english, spanish)
    return fmt.numbers_in(text, lang())
