"""Territorio Chile: the page over the warehouse (``make app``)."""

import sys
from pathlib import Path

_APP = str(Path(__file__).resolve().parent)
if _APP not in sys.path:
    sys.path.insert(0, _APP)

import streamlit as st  # noqa: E402

import ui  # noqa: E402
from i18n import t  # noqa: E402

st.set_page_config(page_title="Territorio Chile", page_icon=":material/hub:", layout="wide")
ui.init_state()

#: (file stem under app_pages/, title key, icon); the first is the default page.
PAGES = [
    ("overview", "p_overview", ":material/dashboard:"),
    ("study_tables", "p_tables", ":material/table_view:"),
    ("actors_links", "p_actors", ":material/groups:"),
    ("patterns", "p_patterns", ":material/grid_on:"),
    ("roles_contributions", "p_roles", ":material/handshake:"),
    ("capacities_agreements", "p_capacities", ":material/construction:"),
    ("typology", "p_typology", ":material/account_tree:"),
    ("network", "p_network", ":material/hub:"),
    ("explorer", "p_explorer", ":material/search:"),
    ("sql_console", "p_sql", ":material/terminal:"),
    ("quality", "p_quality", ":material/fact_check:"),
    ("reconstruction", "p_reconstruction", ":material/description:"),
]

st.navigation(
    [
        st.Page(f"app_pages/{name}.py", title=t(key), icon=icon, url_path=name, default=(name == "overview"))
        for name, key, icon in PAGES
    ]
).run()
