"""About the data: what is real and what is reconstructed, the downloads, and the technical notes."""

import sys
from pathlib import Path

_APP = str(Path(__file__).resolve().parents[1])
if _APP not in sys.path:
    sys.path.insert(0, _APP)

import streamlit as st  # noqa: E402

import data  # noqa: E402
import exports  # noqa: E402
import ui  # noqa: E402
from i18n import t  # noqa: E402
from territorio.figures import printed_count  # noqa: E402

lang = ui.page("p_reconstruction", needs_warehouse=False)
st.subheader(t("data_title_real"))
st.markdown(t("data_real"))
st.subheader(t("data_title_rec"))
st.markdown(t("data_rec", questionnaires=printed_count("txt.questionnaires_applied")))

if data.file_key() is not None:
    st.subheader(t("data_downloads"))
    names, prov, sheet = data.mart_names(), ui.provenance("marts.*", t("download_marts")), t("prov_sheet")
    st.download_button(
        t("download_marts"),
        lambda: exports.workbook({name: data.mart(name) for name in names}, prov, sheet),
        file_name="territorio_marts.xlsx",
        key="xlsx_marts",
        icon=":material/download:",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

with st.expander(t("data_tech")):
    doc = data.REPO_ROOT / "docs" / "reconstruction.md"
    st.markdown(doc.read_text(encoding="utf-8") if doc.exists() else "—")
