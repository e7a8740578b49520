"""The page in a real headless browser: Debian's chromium driven by Playwright.

Starts ``streamlit run`` on a free loopback port against the session warehouse, loads every page,
waits for it to render and saves a screenshot per page under ``test-output/screenshots/``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO_ROOT = Path(__file__).resolve().parent.parent
SHOTS = REPO_ROOT / "test-output" / "screenshots"
PAGES = ["overview", "actors_links", "patterns", "roles_contributions", "capacities_agreements",
         "typology", "explorer", "sql_console", "quality", "reconstruction"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed (apt-get install -y chromium)")
sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(warehouse: Path):
    port = free_port()
    env = {**os.environ, "TERRITORIO_DB": str(warehouse)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "streamlit_app" / "streamlit_app.py"),
         "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("streamlit did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_browser_test_covers_every_page() -> None:
    page_files = {path.stem for path in (REPO_ROOT / "streamlit_app" / "app_pages").glob("*.py")}
    assert set(PAGES) == page_files - {"__init__"}


def test_every_page_renders_in_chromium(server: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"])
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
