"""About the data: docs/reconstruction.md, the notice every page links to."""

import sys
from pathlib import Path

_APP = str(Path(__file__).resolve().parents[1])
if _APP not in sys.path:
    sys.path.insert(0, _APP)

import streamlit as st  # noqa: E402

import data  # noqa: E402
import ui  # noqa: E402

ui.page("p_reconstruction", needs_warehouse=False)
doc = data.REPO_ROOT / "docs" / "reconstruction.md"
st.markdown(doc.read_text(encoding="utf-8") if doc.exists() else "docs/reconstruction.md")
