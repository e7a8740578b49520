"""``make build`` while the page is open: the build publishes, the next rerun shows the new build.

Starts the real app (``streamlit run``) on a copy of the session warehouse, opens it in Debian's
chromium (Playwright; skipped when ``/usr/bin/chromium`` is absent), and runs the real full build
(``python -m territorio.build``) against the same ``TERRITORIO_DB`` while the page holds the
published file open. The build must succeed (a reader never locks the build out), and reloading
the page must show the invocation id of the new file in the sidebar.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from app_server import launch_chromium, needs_chromium, serve_app
from conftest import run_build

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api")


def invocation_id(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select invocation_id from reports.warehouse_build").fetchone()[0]


@pytest.fixture
def app(warehouse: Path, tmp_path: Path):
    """The app served on a free port over a private copy of the warehouse: (url, db path)."""
    db = tmp_path / "territorio.duckdb"
    shutil.copy2(warehouse, db)
    with serve_app(db) as url:
        yield url, db


def test_build_while_the_page_is_open(app: tuple[str, Path]) -> None:
    url, db = app
    old_id = invocation_id(db)
    expect = sync_api.expect
    with sync_api.sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{url}/")  # the default page (overview) is the root
            sidebar = page.locator('[data-testid="stSidebar"]')
            expect(sidebar).to_contain_text(old_id[:8], timeout=60_000)  # the app has the file open

            result = run_build(db)  # the full build, publishing over the file the app reads
            output = result.stdout + result.stderr
            assert result.returncode == 0, output[-4000:]
            assert "could not set lock" not in output.lower()
            new_id = invocation_id(db)
            assert new_id != old_id

            page.reload()
            expect(sidebar).to_contain_text(new_id[:8], timeout=60_000)
            expect(sidebar).not_to_contain_text(old_id[:8])
            page.wait_for_selector('[data-testid="stMetric"]', timeout=30_000)
            assert not page.locator('[data-testid="stException"]').count()
            assert not errors, errors
        finally:
            browser.close()
