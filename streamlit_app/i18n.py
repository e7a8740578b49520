"""UI strings of the page, Spanish (default) and English."""

from __future__ import annotations

import streamlit as st

LANG_KEY = "english"

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
    "notice_link": ("Cómo se reconstruyeron (docs/reconstruction.md)", "How they were reconstructed (docs/reconstruction.md)"),
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
    "sector_split": ("Experiencias por sector del postulante y temática (Tabla 1)", "Experiences by applicant sector and theme (Tabla 1)"),
    "class_split": ("Experiencias por modelo de articulación", "Experiences by articulation model"),
    # actors
    "links_by_group": ("Vínculos por grupo de socios y sector del actor (Tabla 3)", "Links by partner group and actor sector (Tabla 3)"),
    "link_ranges": ("Experiencias por tramo de número de vínculos y tipo de postulante (Tabla 4)", "Experiences by range of links and applicant type (Tabla 4)"),
    "link_range": ("Tramo de vínculos", "Range of links"),
    "partner_group": ("Grupo de socios", "Partner group"),
    "actor_sector": ("Sector del actor", "Actor sector"),
    "applicant_type": ("Tipo de postulante", "Applicant type"),
    "all_links": ("Todos los vínculos", "All links"),
    # patterns
    "applicant_group": ("Grupo del postulante", "Applicant group"),
    "patterns_intro": (
        "Vínculos de las experiencias postuladas por el grupo elegido, por grupo de socios y temática (Tablas 5-8).",
        "Links of the experiences submitted by the chosen group, by partner group and theme (Tablas 5-8).",
    ),
    "no_info": ("Sin información", "No information"),
    # roles
    "roles": ("Roles de los actores (Gráfico 1)", "Roles of the actors (Gráfico 1)"),
    "contributions": ("Aportes de los actores (Gráfico 2, Tabla 10)", "Contributions of the actors (Gráfico 2, Tabla 10)"),
    "ally_reasons": ("Aliados estratégicos por razón y grupo del postulante (Tabla 11)", "Strategic allies by reason and applicant group (Tabla 11)"),
    "role": ("Rol", "Role"),
    "role_class": ("Clase de rol", "Role class"),
    "contribution": ("Aporte", "Contribution"),
    "contribution_class": ("Clase de aporte", "Contribution class"),
    "reason": ("Razón", "Reason"),
    # capacities
    "capacities": ("Capacidades creadas (Tabla 12)", "Capacities created (Tabla 12)"),
    "agreements": ("Tipo y naturaleza de los acuerdos (Tablas 13-14)", "Type and nature of the agreements (Tablas 13-14)"),
    "needs": ("Necesidades de capacidades (Tabla 15)", "Capacity needs (Tabla 15)"),
    "participation": ("Mecanismos de participación (Tabla 9)", "Participation mechanisms (Tabla 9)"),
    "capacity": ("Capacidad", "Capacity"),
    "agreement_type": ("Tipo de acuerdo", "Agreement type"),
    "agreement_nature": ("Naturaleza del acuerdo", "Agreement nature"),
    "capacity_need": ("Necesidad de capacidades", "Capacity need"),
    "policy_stage": ("Etapa de la política", "Policy stage"),
    "objective": ("Objetivo", "Objective"),
    "mechanisms": ("Mecanismos", "Mechanisms"),
    # typology
    "typology_intro": (
        "La figura 1 del estudio no se conserva. Aquí se dibuja desde `experience_classification`: "
        "los cuatro modelos en sus dos familias, y la evidencia de las nueve variables.",
        "The study's Figure 1 is missing. It is drawn here from `experience_classification`: the "
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
    "audit": ("Auditoría aritmética del estudio: comprobaciones que no se cumplen", "Arithmetic audit of the study: checks that fail"),
    "audit_summary": ("{failed} de {total} comprobaciones no se cumplen en el texto publicado.", "{failed} of {total} checks fail in the published text."),
    "validation": ("Último informe de validación", "Latest validation report"),
    "validation_download": ("Descargar el informe HTML", "Download the HTML report"),
    "validation_missing": ("No hay informe de validación junto al almacén de datos.", "No validation report beside the warehouse."),
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
    "sql_ex_allies": ("Aliados estratégicos por razón y sector del postulante", "Strategic allies by reason and applicant sector"),
    "sql_ex_reconciliation": ("Cifras publicadas por estado de conciliación", "Published figures by reconciliation status"),
    "sql_query": ("Consulta SQL", "SQL query"),
    "sql_run": ("Ejecutar", "Run"),
    "sql_running": ("Ejecutando la consulta…", "Running the query…"),
    "sql_result": ("Filas: **{rows}** · tiempo de la consulta: {seconds} s", "Rows: **{rows}** · query time: {seconds} s"),
    "sql_truncated": (
        "Se muestran las primeras {rows} filas: la consulta devuelve más.",
        "Showing the first {rows} rows: the query returns more.",
    ),
    "sql_catalog": ("Tablas y columnas disponibles", "Available tables and columns"),
    "sql_relation": ("Tabla", "Table"),
    "sql_columns": ("Columnas (tipo)", "Columns (type)"),
    "sql_err_empty": ("Escriba primero una consulta.", "Write a query first."),
    "sql_err_too_long": ("La consulta es demasiado larga (máximo {max_chars} caracteres).", "The query is too long (at most {max_chars} characters)."),
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
    "sql_err_no_warehouse": ("No hay almacén de datos publicado en {path}: ejecute `make build`.", "No published warehouse at {path}: run `make build`."),
    "sql_err_failed": ("La consulta falló: {detail}", "The query failed: {detail}"),
    "sql_err_crashed": (
        "No se pudo completar la consulta (el proceso de la consola se detuvo).",
        "The query could not be completed (the console's process stopped).",
    ),
    "build_info": ("Construcción `{build}` del {built_at} UTC", "Build `{build}` of {built_at} UTC"),
    "rows_shown": ("Se muestran las primeras {shown} de {total} filas.", "Showing the first {shown} of {total} rows."),
}

LABELS: dict[str, tuple[str, str]] = {
    "public": ("Público", "Public"),
    "civil_society": ("Sociedad civil", "Civil society"),
    "market": ("Mercado", "Market"),
    "other": ("Otro", "Other"),
    "vertical": ("Vertical", "Vertical"),
    "consultativo": ("Consultativo", "Consultative"),
    "colaborativo": ("Colaborativo", "Collaborative"),
    "territorializado": ("Territorializado", "Territorialised"),
    "relaciones_verticales": ("Relaciones verticales", "Vertical relations"),
    "relaciones_de_gobernanza": ("Relaciones de gobernanza", "Governance relations"),
    "institutionalisation": ("1. Institucionalización", "1. Institutionalisation"),
    "articulation_spaces": ("2. Espacios de articulación", "2. Articulation spaces"),
    "regional_sectoral_role": ("3. Rol de actores regionales/sectoriales", "3. Role of regional/sectoral actors"),
    "local_role": ("4. Rol de actores locales", "4. Role of local actors"),
    "civil_society_role": ("5. Rol de la sociedad civil", "5. Role of civil society"),
    "functioning": ("6. Funcionamiento", "6. Functioning"),
    "capacities_created": ("7. Capacidades creadas", "7. Capacities created"),
    "agreement_nature": ("8. Naturaleza de los acuerdos", "8. Nature of the agreements"),
    "participation_mechanisms": ("9. Mecanismos de participación", "9. Participation mechanisms"),
    "principal": ("Principal", "Principal"),
    "support": ("Apoyo", "Support"),
    "beneficiary": ("Beneficiario", "Beneficiary"),
    "implementation": ("Ejecución", "Implementation"),
    "strategic": ("Estratégico", "Strategic"),
    "secondary": ("Secundario", "Secondary"),
}


def lang() -> str:
    """'en' when the English switch is on, else 'es'."""
    return "en" if st.session_state.get(LANG_KEY, False) else "es"


def t(key: str, **kwargs: object) -> str:
    """The UI string ``key`` in the current language."""
    text = STRINGS[key][1 if lang() == "en" else 0]
    return text.format(**kwargs) if kwargs else text


def label(code: object) -> str:
    """A code (sector, model, family, variable, class) in the current language."""
    if code is None or (isinstance(code, float) and code != code):
        return t("no_info")
    pair = LABELS.get(str(code))
    return pair[1 if lang() == "en" else 0] if pair else str(code)
