"""The Streamlit page, run headless with AppTest against the session warehouse."""

from __future__ import annotations

import collections
import csv
import html
import html.parser
import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

REPO_ROOT = Path(__file__).resolve().parent.parent
APP_DIR = REPO_ROOT / "streamlit_app"
PAGES = sorted(p for p in (APP_DIR / "app_pages").glob("*.py"))
DATA_PAGES = [p for p in PAGES if p.stem != "reconstruction"]


def html_tables(markup: str) -> list[list[dict[str, str]]]:
    """Each HTML table of ``markup`` as rows of {header: cell text} (ui.text_table_html)."""

    class Tables(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tables: list[list[list[str]]] = []
            self.cell: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag == "table":
                self.tables.append([])
            elif tag == "tr":
                self.tables[-1].append([])
            elif tag in ("td", "th"):
                self.cell = []

        def handle_endtag(self, tag: str) -> None:
            if tag in ("td", "th") and self.cell is not None:
                self.tables[-1][-1].append("".join(self.cell).strip())
                self.cell = None

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell.append(data)

    parser = Tables()
    parser.feed(markup)
    return [[dict(zip(header, row, strict=True)) for row in rows] for header, *rows in parser.tables]


def charts(at: AppTest) -> list:
    return [*at.get("vega_lite_chart"), *at.get("graphviz_chart"), *at.get("html")]


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
        expected = con.execute(
            "select count(*) from marts.fct_actor_links where theme = 'local_economic_development'"
        ).fetchall()[0][0]
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
        eid, _model, n_links = con.execute(
            "select c.experience_id, c.articulation_model, count(*) from marts.dim_experience_classification c "
            "join marts.fct_actor_links l using (experience_id) where c.articulation_model = 'collaborative' "
            "group by all order by 1 desc limit 1"
        ).fetchall()[0]
    at = run(APP_DIR / "app_pages" / "explorer.py")
    at.selectbox(key="experience").set_value(eid).run()
    assert not at.exception
    assert "**Modelo asignado:** Modelo colaborativo" in [m.value.split(" · ")[0] for m in at.markdown]
    tables = [h.proto.body for h in at.get("html")]
    actors = next(h for h in tables if "<th>Roles</th>" in h)
    assert actors.count("<tr>") == n_links + 1  # header and one row per actor
    why = next(h for h in tables if "<th>Categoría</th>" in h)
    assert why.count("<tr>") == 9 + 1 and "Modelo colaborativo" in why
    assert at.query_params["exp"] == eid


def test_the_experience_picker_lists_a_part_and_takes_any_id(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A scale build has N × 120 experiences, more than a list in the browser holds: the picker
    lists the first data.MAX_PICKER_IDS (here 50 of the study's 120), says so, keeps an id
    beyond them from a shared URL, and names an id the warehouse does not have."""
    import sys

    sys.path.insert(0, str(APP_DIR))
    import data

    monkeypatch.setattr(data, "MAX_PICKER_IDS", 50)
    with duckdb.connect(str(app_db), read_only=True) as con:
        ids = [r[0] for r in con.execute("select experience_id from marts.dim_experiences order by 1").fetchall()]
    for page in ("explorer", "network"):
        at = AppTest.from_file(str(APP_DIR / "app_pages" / f"{page}.py"), default_timeout=30)
        at.query_params["exp"] = ids[99]
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        picker = at.selectbox(key="experience")
        assert picker.value == ids[99] and list(picker.options) == [ids[99], *ids[:50]]
        assert "La lista muestra las primeras 50 de 120 experiencias; escriba el código de cualquier otra." in [
            c.value for c in at.caption
        ]
        assert at.query_params["exp"] == ids[99]
    at = AppTest.from_file(str(APP_DIR / "app_pages" / "explorer.py"), default_timeout=30)
    at.query_params["exp"] = "TC08-999"
    at.run()
    assert not at.exception
    assert "No hay una experiencia TC08-999 en este almacén." in [c.value for c in at.caption]
    assert at.selectbox(key="experience").value == ids[0]


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
            kind = con.execute(
                "select table_type from information_schema.tables where table_schema = 'reports' and table_name = ?",
                [name],
            ).fetchall()
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
        con.execute(
            "delete from marts.dim_experiences where experience_id = "
            "(select min(experience_id) from marts.dim_experiences)"
        )
    os.replace(staged, private_db)
    at.run()
    assert not at.exception
    assert metric(at, "Experiencias") == "119"


def shown_build(at: AppTest) -> str:
    """The sidebar caption naming the build the page reads."""
    return next(c.value for c in at.sidebar.caption if c.value.startswith("Construcción"))


def test_sidebar_shows_the_build_and_a_republish_changes_it(private_db: Path) -> None:
    with duckdb.connect(str(private_db), read_only=True) as con:
        old_id, built_at = con.execute("select invocation_id, built_at from reports.warehouse_build").fetchone()
    at = run(APP_DIR / "app_pages" / "overview.py")
    assert shown_build(at) == f"Construcción `{old_id[:8]}` del {built_at:%Y-%m-%d %H:%M} UTC"

    new_id = "0123abcd-0000-4000-8000-000000000000"
    staged = private_db.with_name(".territorio.duckdb.tmp")
    shutil.copy2(private_db, staged)
    with duckdb.connect(str(staged)) as con:
        con.execute(
            "update reports.warehouse_build set invocation_id = ?, built_at = timestamp '2031-05-06 07:08:09'", [new_id]
        )
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
    assert not at.dataframe  # the long grid is drawn on request
    at.toggle(key="show_links").set_value(True).run()
    links = next(d.value for d in at.dataframe if "ID" in d.value.columns)
    assert len(links) == 100 and links["ID"].is_monotonic_increasing


# --- state in the URL, the study's tables, the typology, downloads, formats and palette ---------


def test_language_and_filters_come_from_the_url_and_go_back_to_it(app_db: Path) -> None:
    at = AppTest.from_file(str(APP_DIR / "app_pages" / "overview.py"), default_timeout=30)
    at.query_params["lang"] = "en"
    at.query_params["theme"] = "local_economic_development"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    with duckdb.connect(str(app_db), read_only=True) as con:
        _experiences, links = con.execute(
            "select count(distinct experience_id), count(*) from marts.fct_actor_links "
            "where theme = 'local_economic_development'"
        ).fetchone()
    assert metric(at, "Actor links") == f"{links:,}" != "995"
    assert at.query_params["lang"] == "en" and at.query_params["theme"] == "local_economic_development"
    spanish = run(APP_DIR / "app_pages" / "actors_links.py")
    assert spanish.title[0].value == "Actores y vínculos" and spanish.query_params["lang"] == "es"
    spanish.sidebar.selectbox(key="f_sector").set_value("public").run()
    assert spanish.query_params["sector"] == "public" and "theme" not in spanish.query_params


def test_headline_follows_the_filters(app_db: Path) -> None:
    at = run(APP_DIR / "app_pages" / "overview.py")
    assert metric(at, "Vínculos con actores") == "995"
    at.sidebar.selectbox(key="f_model").set_value("vertical").run()
    with duckdb.connect(str(app_db), read_only=True) as con:
        links, allies = con.execute(
            "select count(*), count(*) filter (where l.is_strategic_ally) from marts.fct_actor_links l "
            "join marts.dim_experience_classification c using (experience_id) "
            "where c.articulation_model = 'vertical'"
        ).fetchone()
    assert metric(at, "Vínculos con actores") == str(links)
    assert metric(at, "Aliados estratégicos") == str(allies)


def test_study_tables_print_every_figure_with_its_status(app_db: Path) -> None:
    at = run(APP_DIR / "app_pages" / "study_tables.py")
    page = "\n".join(h.value for h in at.get("html")) if at.get("html") else ""
    tables = [h for h in at.get("html")]
    assert len(tables) >= 18
    with duckdb.connect(str(app_db), read_only=True) as con:
        rows = con.execute("select published_text, status from reports.paper_reconciliation").fetchall()
        statuses = dict(con.execute("select status, count(*) from reports.paper_reconciliation group by 1").fetchall())
    assert page  # the tables are HTML
    for text, _ in rows[::25]:
        assert f'class="p">{text.replace(".", ",")}' in page
    summary = next(m.value for m in at.markdown if "cifras impresas" in m.value)
    assert f"{statuses.get('exact', 0)} exactas" in summary
    assert [s.value.split(".")[0] for s in at.subheader][:17] == [
        *(f"Tabla {n}" for n in range(1, 16)),
        "Gráfico 1",
        "Gráfico 2",
    ]
    assert len(at.get("download_button")) >= 2 * 18


def test_study_charts_draw_each_printed_percentage_beside_the_warehouse(app_db: Path) -> None:
    """Gráficos 1-2: one bar per category and series, labelled with the figure as printed and the
    warehouse's, the bars' lengths in proportion to the values."""
    at = run(APP_DIR / "app_pages" / "study_tables.py")
    figures = [f for h in at.get("html") for f in re.findall(r'<figure class="barras">.*?</figure>', h.value)]
    with duckdb.connect(str(app_db), read_only=True) as con:
        rows = con.execute(
            "select source, row_label, published_text, published_value, computed_value "
            "from reports.paper_reconciliation where source like 'Gráfico %' order by figure_id"
        ).fetchall()
    assert len(figures) == 2 == len({r[0] for r in rows})
    for figure, source in zip(figures, ("Gráfico 1", "Gráfico 2"), strict=True):
        mine = [r for r in rows if r[0] == source]
        labels = re.findall(r'<div class="cat">(.*?)</div>', figure)
        assert sorted(labels) == sorted(html.escape(r[1]) for r in mine)
        shown = re.findall(r'<i style="width:([\d.]+)%;[^"]*"></i><span>([^<]*)</span>', figure)
        assert len(shown) == 2 * len(mine)
        top = max(v for r in mine for v in r[3:5])
        by_label = {html.escape(r[1]): r for r in mine}
        for i, name in enumerate(labels):
            (w_printed, t_printed), (w_warehouse, t_warehouse) = shown[2 * i : 2 * i + 2]
            _, _, text, printed, computed = by_label[name]
            assert t_printed == text.replace(".", ",") + "\u00a0%"  # as the study prints it
            assert t_warehouse.endswith("\u00a0%") and "." not in t_warehouse
            assert float(w_printed) == pytest.approx(80 * printed / top, abs=0.06)
            assert float(w_warehouse) == pytest.approx(80 * computed / top, abs=0.06)


def test_claims_ledger_absent_is_said_so(private_db: Path) -> None:
    with duckdb.connect(str(private_db)) as con:
        con.execute("drop table if exists reports.study_claims")
        con.execute("drop view if exists reports.study_claims")
    at = run(APP_DIR / "app_pages" / "study_tables.py")
    assert any("registro de afirmaciones" in i.value for i in at.info)


def test_claims_ledger_shown_when_present(app_db: Path) -> None:
    with duckdb.connect(str(app_db), read_only=True) as con:
        counts = dict(con.execute("select status, count(*) from reports.study_claims group by 1").fetchall())
    with (REPO_ROOT / "seeds" / "reference" / "palette.csv").open(encoding="utf-8", newline="") as handle:
        labels = {row["category"]: row["label_es"] for row in csv.DictReader(handle) if row["dimension"] == "claim"}
    at = run(APP_DIR / "app_pages" / "study_tables.py")
    assert not any("registro de afirmaciones" in i.value for i in at.info)
    ledger = next(
        rows
        for h in at.get("html")
        for rows in html_tables(h.value)
        if rows and {"Afirmación", "Estado"} <= set(rows[0])
    )
    assert collections.Counter(row["Estado"] for row in ledger) == {labels[s]: n for s, n in counts.items()}
    assert "Motivo" not in ledger[0]  # the evaluator's reasons are English: English page only
    summary = next(m.value for m in at.markdown if "afirmaciones del texto" in m.value)
    assert f"{counts.get('holds', 0)} se sostienen" in summary


def test_typology_discloses_the_tie_break(app_db: Path) -> None:
    with duckdb.connect(str(app_db), read_only=True) as con:
        classified, tied = con.execute(
            "select count(*), count(*) filter (where (score_vertical = top)::int + "
            "(score_consultative = top)::int + (score_collaborative = top)::int + "
            "(score_territorialised = top)::int > 1) from (select *, greatest(score_vertical, "
            "score_consultative, score_collaborative, score_territorialised) as top "
            "from marts.dim_experience_classification where articulation_model is not null)"
        ).fetchone()
    at = run(APP_DIR / "app_pages" / "typology.py")
    rules = next(m.value for m in at.markdown if "Desempate" in m.value)
    assert f"decide {tied} de las {classified} clasificaciones" in rules
    assert len(at.get("graphviz_chart")) == 1


def test_network_page_draws_both_graphs(app_db: Path) -> None:
    at = run(APP_DIR / "app_pages" / "network.py")
    graphs = at.get("graphviz_chart")
    assert len(graphs) == 2
    assert "Sector público" not in graphs[0].proto.spec  # colours, not codes, carry the sector
    assert "centro --" in graphs[0].proto.spec and "->" in graphs[1].proto.spec


def test_number_formats() -> None:
    import sys

    sys.path.insert(0, str(APP_DIR))
    import fmt

    assert fmt.number(1234, "es") == "1.234" and fmt.number(1234, "en") == "1,234"
    assert fmt.percent(46.5, "es") == "46,5\u00a0%" and fmt.percent(46.5, "en") == "46.5%"
    assert fmt.share(1 / 3, "es") == "33,3\u00a0%"
    assert fmt.printed(12.5, "12.5", "es") == "12,5" and fmt.printed(100, "100.0", "es") == "100,0"
    assert fmt.computed(12.48, "12.5", "es") == "12,48" and fmt.computed(12.5, "12.5", "es") == "12,5"
    assert fmt.number(None, "es") == "—"
    assert fmt.numbers_in("9/120 = 7.5 ≠ 7.7", "es") == "9/120 = 7,5 ≠ 7,7"


def test_downloads_excel_with_provenance_and_csv_for_spanish_spreadsheets() -> None:
    import io
    import sys

    import openpyxl
    import pandas as pd

    sys.path.insert(0, str(APP_DIR))
    import exports

    frame = pd.DataFrame({"Fila": ["Comunal"], "Valor impreso": [43.3]})
    book = openpyxl.load_workbook(
        io.BytesIO(
            exports.workbook(
                {"Tabla 2": frame},
                [("Datos", "Datos reconstruidos"), ("Tabla de origen", "reports.rpt_tabla_02")],
                "Procedencia",
            )
        )
    )
    assert book.sheetnames == ["Tabla 2", "Procedencia"]
    assert [c.value for c in book["Tabla 2"][1]] == ["Fila", "Valor impreso"]
    assert book["Tabla 2"]["B2"].value == 43.3
    assert book["Procedencia"]["B1"].value == "Datos reconstruidos"
    text = exports.csv_bytes(frame, "es").decode("utf-8-sig")
    assert text.splitlines() == ["Fila;Valor impreso", "Comunal;43,3"]


def test_palette_one_colour_per_category_red_only_for_problems() -> None:
    import csv

    rows = list(csv.DictReader((APP_DIR.parent / "seeds" / "reference" / "palette.csv").open(encoding="utf-8")))
    by_dimension: dict[str, list[str]] = {}
    for row in rows:
        by_dimension.setdefault(row["dimension"], []).append(row["colour"].upper())
    for dimension, colours in by_dimension.items():
        assert len(colours) == len(set(colours)), dimension
    red = {(r["dimension"], r["category"]) for r in rows if r["colour"].upper() == "#CC3311"}
    assert red == {("status", "unexplained"), ("audit", "fails"), ("claim", "fails")}


def test_mart_names_are_every_mart_table_or_view_but_the_old_names(app_db: Path) -> None:
    """The workbook of all marts lists the marts whether stored as tables or views (on DuckDB the
    link facts are views), and leaves out the old names kept as views for one release."""
    import sys

    sys.path.insert(0, str(APP_DIR))
    import data

    deprecated = {path.stem for path in (REPO_ROOT / "models" / "deprecated").glob("*.sql")}
    assert deprecated == data.DEPRECATED_MARTS
    data.clear_caches()
    names = set(data.mart_names())
    built = {path.stem for path in (REPO_ROOT / "models" / "marts").glob("*.sql")}
    assert names == built, names ^ built
    assert len(data.mart("fct_actor_roles")) > 0
