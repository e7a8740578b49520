"""The page in a real headless browser: Debian's chromium driven by Playwright.

Starts ``streamlit run`` on a free loopback port against the session warehouse, loads every page,
waits for it to render and saves a screenshot per page under ``test-output/screenshots/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app_server import launch_chromium, needs_chromium, serve_app

REPO_ROOT = Path(__file__).resolve().parent.parent
SHOTS = REPO_ROOT / "test-output" / "screenshots"
PAGES = ["overview", "actors_links", "patterns", "roles_contributions", "capacities_agreements",
         "typology", "explorer", "sql_console", "quality", "reconstruction"]

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(warehouse: Path):
    with serve_app(warehouse) as url:
        yield url


def test_the_browser_test_covers_every_page() -> None:
    page_files = {path.stem for path in (REPO_ROOT / "streamlit_app" / "app_pages").glob("*.py")}
    assert set(PAGES) == page_files - {"__init__"}


def test_every_page_renders_in_chromium(server: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            for name in PAGES:
                page.goto(f"{server}/{name}")
                page.wait_for_selector("h1", timeout=30_000)
                page.wait_for_selector('[data-testid="stAlert"]', timeout=30_000)
                if name != "reconstruction":
                    page.wait_for_selector(
                        '[data-testid="stDataFrame"], [data-testid="stVegaLiteChart"], '
                        '[data-testid="stExpander"]', timeout=30_000)
                page.wait_for_function(
                    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
                page.wait_for_timeout(800)
                assert not page.locator('[data-testid="stException"]').count(), name
                page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
            assert not errors, errors
        finally:
            browser.close()
