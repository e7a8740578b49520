"""The page in a real headless browser: Debian's chromium driven by Playwright.

Starts ``streamlit run`` on a free loopback port against the session warehouse and visits every
page in Spanish and in English, at 1440 px and 390 px wide, saving a full-page screenshot of each
under ``test-output/screenshots/`` (``<page>_<lang>_<width>.png``). On every page it fails on a
codebook code shown as text, on ``None``/``null``/``NaN``, on a decimal point in Spanish, and on
an error; it switches to English, changes page and finds English; and it opens "Cuadros del
estudio" and finds printed figures written as the study prints them.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

from app_server import launch_chromium, needs_chromium, serve_app

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

# when a page is drawn, and a page change from the sidebar: as the benchmark times them (bench/app_pages.py)
from bench import app_pages  # noqa: E402
from bench.app_pages import RENDERED  # noqa: E402

SEEDS = REPO_ROOT / "seeds"
SHOTS = REPO_ROOT / "test-output" / "screenshots"
PAGES = [
    "overview",
    "study_tables",
    "actors_links",
    "patterns",
    "roles_contributions",
    "capacities_agreements",
    "typology",
    "network",
    "explorer",
    "sql_console",
    "quality",
    "reconstruction",
]
WIDTHS = (1440, 390)
#: The SQL console shows SQL and column names on purpose: codes are what an analyst types there.
CODES_ALLOWED = {"sql_console"}

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api")

#: Text a reader sees: the page's text, plus the cells and headers of the data grids (canvas).
VISIBLE_TEXT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const side = document.querySelector('[data-testid="stSidebar"]');
  const grid = [...document.querySelectorAll('[role="gridcell"], [role="columnheader"]')]
    .map(e => e.innerText || e.textContent || '');
  return [main ? main.innerText : '', side ? side.innerText : '', ...grid].join('\\n');
}"""

NULLS = re.compile(r"\b(None|null|NaN|nan|undefined)\b")
#: A decimal point: digits, a point, one or two digits (1.234 is a Spanish thousands separator).
DECIMAL_POINT = re.compile(r"(?<![\w.])\d+\.\d{1,2}(?![\w.])|(?<![\w.])\d+\.\d{4,}(?![\w.])")
WORD = re.compile(r"\b[a-z][a-z0-9_]*\b")


def _rows(relative: str) -> list[dict[str, str]]:
    with (SEEDS / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def spanish_words() -> set[str]:
    """Every word of the Spanish labels of the seeds and of the page's own strings."""
    texts = []
    for path in (SEEDS / "codebook").glob("codebook_*.csv"):
        texts += [r["label_es"] for r in _rows(f"codebook/{path.name}")]
    texts += [r["label_es"] for r in _rows("reference/palette.csv")]
    texts += [r["label_es"] for r in _rows("reference/typology_category_labels.csv")]
    texts += [r["label_es"] + " " + r["family_label_es"] for r in _rows("reference/typology_models.csv")]
    texts += [" ".join(r.values()) for r in _rows("reference/typology_variables.csv")]
    texts += [r["row_label"] + " " + r["column_label"] for r in _rows("reference/published_figures.csv")]
    texts += [r["title_es"] for r in _rows("reference/study_tables.csv")]
    texts += [r["quote_es"] for r in _rows("reference/study_claims.csv")]  # the study's own sentences
    import sys

    sys.path.insert(0, str(REPO_ROOT / "streamlit_app"))
    from i18n import STRINGS

    texts += [es for es, _ in STRINGS.values()]
    return {w.lower() for text in texts for w in re.findall(r"\w+", text)}


def codebook_codes() -> set[str]:
    """Codes a Spanish reader must never see: the codebooks' codes and classes, the palette's and
    the typology's categories, except those that are also Spanish words ("regional", "vertical")."""
    codes = set()
    for path in (SEEDS / "codebook").glob("codebook_*.csv"):
        for r in _rows(f"codebook/{path.name}"):
            codes |= {r["code"], r["class"]}
    codes |= {r["category"] for r in _rows("reference/palette.csv")}
    codes |= {r["category"] for r in _rows("reference/typology_categories.csv")}
    codes |= {r["variable"] for r in _rows("reference/typology_variables.csv")}
    return codes - spanish_words()


def printed_samples() -> list[tuple[str, str]]:
    """(source, value as the study prints it) for a sample of printed figures with decimals."""
    rows = [
        r for r in _rows("reference/published_figures.csv") if "." in r["value"] and r["source"].startswith("Tabla")
    ]
    sample = rows[:: max(len(rows) // 12, 1)]
    return [(r["source"], r["value"].replace(".", ",")) for r in sample]


def problems(text: str, lang: str, name: str, codes: set[str]) -> list[str]:
    found = [f"null-like {m!r}" for m in NULLS.findall(text)]
    if lang == "es":
        found += [f"decimal point {m!r}" for m in DECIMAL_POINT.findall(text)]
        if name not in CODES_ALLOWED:
            found += [f"code {w!r}" for w in sorted(set(WORD.findall(text)) & codes)]
    return found


def path(name: str) -> str:
    """The URL path of a page: the default page (overview) is the app's root."""
    return "" if name == PAGES[0] else name


def screenshot(page, target: Path) -> None:
    """The whole page: Streamlit scrolls inside its own container, so the viewport is made as tall
    as the content for the picture, then put back."""
    size = page.viewport_size
    height = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
        '[data-testid="stMain"], [data-testid="stMainBlockContainer"], [data-testid="stSidebarContent"]')]
        .map(e => e.scrollHeight), 600)""")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 120, 20_000)})
    page.wait_for_timeout(400)
    page.wait_for_function(RENDERED, timeout=30_000, polling=100)
    page.screenshot(path=str(target), full_page=True)
    page.set_viewport_size(size)


def open_page(page, url: str) -> str:
    page.goto(url)
    page.wait_for_function(RENDERED, timeout=60_000, polling=100)
    assert not page.locator('[data-testid="stException"]').count(), url
    return page.evaluate(VISIBLE_TEXT)


def change_page(page, name: str) -> str:
    """Reach the page ``name`` by its entry in the sidebar, as a reader changes pages (the
    benchmark's page change: it fails on an exception shown); the page's text."""
    app_pages.change_page(page, name)
    return page.evaluate(VISIBLE_TEXT)


@pytest.fixture(scope="module")
def server(warehouse: Path):
    with serve_app(warehouse) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = launch_chromium(p)
        try:
            yield chromium
        finally:
            chromium.close()


def test_the_browser_test_covers_every_page() -> None:
    page_files = {path.stem for path in (REPO_ROOT / "streamlit_app" / "app_pages").glob("*.py")}
    assert set(PAGES) == page_files - {"__init__"}


def test_the_checks_catch_what_they_look_for() -> None:
    codes = codebook_codes()
    assert {"civil_society", "municipalities", "inconsistent_in_study"} <= codes
    assert "regional" not in codes and "vertical" not in codes
    assert problems("46.5 % · None · civil_society", "es", "overview", codes) == [
        "null-like 'None'",
        "decimal point '46.5'",
        "code 'civil_society'",
    ]
    assert problems("46,5 % · 1.234 · Sociedad civil · 2026-12-02 10:38", "es", "overview", codes) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_in_both_languages(server: str, browser, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    codes = codebook_codes()
    page = browser.new_page(viewport={"width": width, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    found: dict[str, list[str]] = {}
    try:
        for lang in ("es", "en"):
            for name in PAGES:
                # at 1440 px each page after the first is reached from the sidebar (a page change
                # keeps the language); at 390 px, where the sidebar is folded away, by its URL
                if width == WIDTHS[0] and name != PAGES[0]:
                    text = change_page(page, name)
                else:
                    text = open_page(page, f"{server}/{path(name)}?lang={lang}")
                screenshot(page, SHOTS / f"{name}_{lang}_{width}.png")
                if issues := problems(text, lang, name, codes):
                    found[f"{name} ({lang}, {width} px)"] = issues
                if lang == "en":
                    assert "Reconstructed" in text, name
    finally:
        page.close()
    assert not found, found
    assert not errors, errors


def test_language_and_filters_survive_a_page_change(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    try:
        open_page(page, f"{server}/")
        assert page.locator("h1").inner_text() == "Resumen"
        page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').first.click()
        page.wait_for_function("() => (document.querySelector('h1') || {}).innerText === 'Overview'", timeout=30_000)
        page.wait_for_function(RENDERED, timeout=60_000)
        assert "lang=en" in page.url
        page.locator('[data-testid="stSidebarNav"] a[href$="/typology"]').click()
        page.wait_for_function("() => (document.querySelector('h1') || {}).innerText === 'Typology'", timeout=30_000)
        page.wait_for_function(RENDERED, timeout=60_000)
        text = page.evaluate(VISIBLE_TEXT)
        assert "Reconstructed" in text and "Tipología" not in page.locator("h1").inner_text()
        assert "lang=en" in page.url

        # a shared link with a filter: the filter holds on the next page too
        open_page(page, f"{server}/actors_links?lang=es&theme=social_development")
        links = page.locator('[data-testid="stMetricValue"]').first.inner_text()
        page.locator('[data-testid="stSidebarNav"] a[href$="/"]').click()
        page.wait_for_function("() => (document.querySelector('h1') || {}).innerText === 'Resumen'", timeout=30_000)
        page.wait_for_function(RENDERED, timeout=60_000)
        assert "theme=social_development" in page.url
        values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        assert values[1] == links  # headline links follow the filter
    finally:
        page.close()


def test_study_tables_show_the_printed_figures(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    try:
        open_page(page, f"{server}/study_tables?lang=es")
        tables = page.locator("table.cuadro")
        assert tables.count() >= 18
        cells = set(page.locator("table.cuadro td .p").all_inner_texts())
        missing = [(source, value) for source, value in printed_samples() if value not in cells]
        assert not missing, missing
        headers = " ".join(page.locator("h3").all_inner_texts())
        for source in ("Tabla 1.", "Tabla 2.", "Tabla 15.", "Gráfico 1.", "Gráfico 2."):
            assert source in headers
    finally:
        page.close()


def test_table_downloads_in_the_browser(server: str, browser, tmp_path: Path) -> None:
    """Tabla 1 as Excel (headers in the page's language, a provenance sheet) and as CSV with ';'."""
    import openpyxl

    for lang, header, sheet, data_word in (
        ("es", "Valor impreso", "Procedencia", "reconstruidos"),
        ("en", "Printed value", "Provenance", "Reconstructed"),
    ):
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        try:
            open_page(page, f"{server}/study_tables?lang={lang}")
            with page.expect_download(timeout=60_000) as download:
                page.locator('[data-testid="stDownloadButton"] button').first.click()
            path = tmp_path / f"tabla_1_{lang}.xlsx"
            download.value.save_as(path)
            book = openpyxl.load_workbook(path)
            assert book.sheetnames[-1] == sheet
            assert header in [c.value for c in book[book.sheetnames[0]][1]]
            assert any(data_word in str(c.value) for c in book[sheet]["B"])
            with page.expect_download(timeout=60_000) as download:
                page.locator('[data-testid="stDownloadButton"] button').nth(1).click()
            text = Path(download.value.path()).read_text(encoding="utf-8-sig")
            assert text.splitlines()[0].startswith("Fila;Columna;" if lang == "es" else "Row,Column,")
        finally:
            page.close()


def test_all_marts_in_one_workbook(server: str, browser, tmp_path: Path, warehouse: Path) -> None:
    import duckdb
    import openpyxl

    with duckdb.connect(str(warehouse), read_only=True) as con:
        links = con.execute("select count(*) from marts.fct_actor_links").fetchone()[0]

    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    try:
        open_page(page, f"{server}/reconstruction?lang=es")
        with page.expect_download(timeout=120_000) as download:
            page.locator('[data-testid="stDownloadButton"] button').first.click()
        path = tmp_path / "marts.xlsx"
        download.value.save_as(path)
        book = openpyxl.load_workbook(path, read_only=True)
        assert {"dim_experiences", "fct_actor_links", "dim_experience_classification", "Procedencia"} <= set(
            book.sheetnames
        )
        assert book["fct_actor_links"].max_row == links + 1  # header and one row per link
    finally:
        page.close()
