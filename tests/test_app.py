"""The Streamlit page, run headless with AppTest against the session warehouse."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

APP_DIR = Path(__file__).resolve().parent.parent / "streamlit_app"
PAGES = sorted(p for p in (APP_DIR / "app_pages").glob("*.py"))
DATA_PAGES = [p for p in PAGES if p.stem != "reconstruction"]


def charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def run(page: Path) -> AppTest:
    at = AppTest.from_file(str(page), default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def app_db(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TERRITORIO_DB", str(warehouse))
    return warehouse


@pytest.fixture
def private_db(warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the warehouse that a test may replace or alter."""
    path = tmp_path / "territorio.duckdb"
    shutil.copy2(warehouse, path)
    monkeypatch.setenv("TERRITORIO_DB", str(path))
    return path


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("page", DATA_PAGES, ids=lambda p: p.stem)
def test_page_renders(app_db: Path, page: Path) -> None:
    at = run(page)
    assert len(at.dataframe) + len(charts(at)) > 0
    assert "reconstruction" in at.warning[0].value


def test_reconstruction_page_and_navigation(app_db: Path) -> None:
    at = run(APP_DIR / "app_pages" / "reconstruction.py")
    assert any("seeds/raw" in m.value or "reconstru" in m.value.lower() for m in at.markdown)
    main = run(APP_DIR / "streamlit_app.py")
    assert main.title[0].value == "Resumen"


def test_theme_filter_changes_numbers(app_db: Path) -> None:
    at = run(APP_DIR / "app_pages" / "actors_links.py")
    assert metric(at, "Vínculos con actores") == "995"
    at.sidebar.selectbox(key="f_theme").set_value("local_economic_development").run()
    assert not at.exception
    with duckdb.connect(str(app_db), read_only=True) as con:
        expected = con.execute("select count(*) from marts.fct_actor_links "
                               "where theme = 'local_economic_development'").fetchall()[0][0]
    assert metric(at, "Vínculos con actores") == str(expected) != "995"


def test_sector_and_model_filters(app_db: Path) -> None:
    at = run(APP_DIR / "app_pages" / "roles_contributions.py")
    before = metric(at, "Aliados estratégicos")
    at.sidebar.selectbox(key="f_sector").set_value("public").run()
    at.sidebar.selectbox(key="f_model").set_value("vertical").run()
    assert not at.exception
    assert int(metric(at, "Aliados estratégicos")) < int(before) == 308


def test_explorer_shows_actors_and_model(app_db: Path) -> None:
    with duckdb.connect(str(app_db), read_only=True) as con:
        eid, model, n_links = con.execute(
            "select c.experience_id, c.articulation_model, count(*) from marts.experience_classification c "
            "join marts.fct_actor_links l using (experience_id) where c.articulation_model = 'colaborativo' "
            "group by all order by 1 desc limit 1").fetchall()[0]
    at = run(APP_DIR / "app_pages" / "explorer.py")
    at.selectbox(key="experience").set_value(eid).run()
    assert not at.exception
    assert metric(at, "Modelo asignado") == "Colaborativo"
    actors = next(d.value for d in at.dataframe if "roles" in d.value.columns)
    assert len(actors) == n_links
    assert actors["roles"].notna().all()
    evidence = next(d.value for d in at.dataframe if "category" in d.value.columns)
    assert len(evidence) == 9 and evidence[model].any()


def test_english_switch(app_db: Path) -> None:
    at = run(APP_DIR / "app_pages" / "typology.py")
    assert at.title[0].value == "Tipología"
    at.sidebar.toggle(key="english").set_value(True).run()
    assert not at.exception
    assert at.title[0].value == "Typology"
    assert "Reconstructed" in at.warning[0].value


def test_no_warehouse_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERRITORIO_DB", str(tmp_path / "missing.duckdb"))
    for page in (APP_DIR / "app_pages" / "overview.py", APP_DIR / "app_pages" / "quality.py"):
        at = run(page)
        assert "make build" in at.info[0].value
        assert not at.dataframe and not charts(at)


def test_reports_absent_are_said_so(private_db: Path) -> None:
    with duckdb.connect(str(private_db)) as con:
        for name in ("paper_reconciliation", "paper_audit"):
            kind = con.execute("select table_type from information_schema.tables where "
                               "table_schema = 'reports' and table_name = ?", [name]).fetchall()
            if kind:
                con.execute(f"drop {'view' if kind[0][0] == 'VIEW' else 'table'} reports.{name}")
    at = run(APP_DIR / "app_pages" / "quality.py")
    assert sum("No disponible en este almacén de datos" in i.value for i in at.info) == 2


def test_new_published_warehouse_seen_on_next_rerun(private_db: Path) -> None:
    at = run(APP_DIR / "app_pages" / "overview.py")
    assert metric(at, "Experiencias") == "120"
    staged = private_db.with_name(".territorio.duckdb.tmp")
    shutil.copy2(private_db, staged)
    with duckdb.connect(str(staged)) as con:
        con.execute("delete from marts.dim_experiences where experience_id = "
                    "(select min(experience_id) from marts.dim_experiences)")
    os.replace(staged, private_db)
    at.run()
    assert not at.exception
    assert metric(at, "Experiencias") == "119"


def shown_build(at: AppTest) -> str:
    """The sidebar caption naming the build the page reads."""
    return next(c.value for c in at.sidebar.caption if c.value.startswith("Construcción"))


def test_sidebar_shows_the_build_and_a_republish_changes_it(private_db: Path) -> None:
    with duckdb.connect(str(private_db), read_only=True) as con:
        old_id, built_at = con.execute(
            "select invocation_id, built_at from reports.warehouse_build").fetchone()
    at = run(APP_DIR / "app_pages" / "overview.py")
    assert shown_build(at) == f"Construcción `{old_id[:8]}` del {built_at:%Y-%m-%d %H:%M} UTC"

    new_id = "0123abcd-0000-4000-8000-000000000000"
    staged = private_db.with_name(".territorio.duckdb.tmp")
    shutil.copy2(private_db, staged)
    with duckdb.connect(str(staged)) as con:
        con.execute("update reports.warehouse_build set invocation_id = ?, "
                    "built_at = timestamp '2031-05-06 07:08:09'", [new_id])
    os.replace(staged, private_db)
    at.run()
    assert not at.exception
    assert shown_build(at) == "Construcción `0123abcd` del 2031-05-06 07:08 UTC"
    assert old_id[:8] not in shown_build(at)


def test_long_tables_are_capped_but_counted_in_full(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(APP_DIR))
    import data

    monkeypatch.setattr(data, "MAX_TABLE_ROWS", 100)
    at = run(APP_DIR / "app_pages" / "actors_links.py")
    assert metric(at, "Vínculos con actores") == "995"
    assert "Se muestran las primeras 100 de 995 filas." in [c.value for c in at.caption]
    links = next(d.value for d in at.dataframe if "link_id" in d.value.columns)
    assert len(links) == 100 and links["link_id"].is_monotonic_increasing
