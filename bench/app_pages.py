"""Render time of every page of the Streamlit app: in a real browser, or with Streamlit's AppTest.

Usage::

    python -m bench.app_pages [--db PATH] [--runs 5] [--pages overview explorer ...] [--json]
    python -m bench.app_pages --browser [--db PATH] [--runs 3] [--json]

**In the browser** (``--browser``; what ``make bench`` records when ``/usr/bin/chromium`` is
installed): ``streamlit run`` serves a copy of the warehouse on a loopback port and Debian's
chromium (headless, through Playwright) loads every page once untimed (the server's imports, the
browser's copy of the page's JavaScript). Then, for each run and page (in a different order each
run), the copy's modification time is changed, which gives it a new cache key in ``data.py``: the
DuckDB connection is opened again and every query runs on the file, as after a new build is
published. The time is taken from the navigation to the page's URL, in a new browser tab (a new
session), until the script run is over and the last chart and diagram of the page are drawn
(every Vega-Lite chart has its canvas or SVG, every Graphviz diagram its SVG, no placeholder is
left). The result is the median per page. **With AppTest** (the default without ``--browser``):

what is measured (all in one Python process, against the warehouse ``--db``, default
``$TERRITORIO_DB`` or ``data/territorio.duckdb``; the file is only opened read-only):

1. **Warm-up, not timed.** Every page is rendered once, so that module imports (Streamlit,
   pandas, Altair and its Vega-Lite schema, DuckDB, the page's own modules) are already loaded,
   as they are in a server that has served one page. A page script itself is re-executed on
   every run, as Streamlit does.
2. **Cold render.** For each run and each page (pages in a different order each run): every
   cache the page relies on is emptied (``data.clear_caches()`` when data.py has it, otherwise
   ``st.cache_data.clear()`` and ``st.cache_resource.clear()``), so the DuckDB connection is
   opened again and every query runs against the file; then a fresh ``AppTest.from_file(page)``
   is created and the wall-clock time of its first ``run()`` is taken. This is what a visitor
   pays for the first page they open after the server started or after a new build was
   published.
3. **Warm render.** The same AppTest is run once more (``run()`` with nothing changed): the
   queries now come from ``st.cache_data``, as on every rerun that follows a widget change.
4. **First render in a new process** (only with ``--first-in-process``): for each run and page a
   new Python process imports Streamlit's AppTest (not timed; a server has Streamlit loaded)
   and times the first ``run()`` of the page, which includes importing pandas, Altair, DuckDB
   and the app's modules: what the first visitor after ``make app`` waits for, once.

AppTest's own work (a mock runtime, a script thread, reading the elements back) is part of every
time: about 0.13 s of CPU for a page that draws almost nothing. A run that raises inside the page
aborts the benchmark. The result is the median over ``--runs`` runs of each page. ``--json``
prints one JSON object: the cold median of each page keyed by the page file's stem
(``{"overview": 0.41, ...}``) and, under separate keys, ``"warm"`` (the warm medians, same
keys), ``"cold_cpu"`` (median CPU seconds of the process, all threads, during the cold render:
less sensitive than wall-clock time to other work on the machine), ``"first_in_process"`` (with
that option), ``"runs"``, ``"db"`` and ``"method"`` (this procedure in one sentence). Times are
wall-clock seconds and depend on whatever else the machine is running: repeat and compare
medians.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
APP_DIR = REPO_ROOT / "streamlit_app"
PAGES_DIR = APP_DIR / "app_pages"

METHOD = (
    "wall-clock seconds of AppTest.run() per page, median over runs; modules imported by an "
    "untimed render of every page first; cold = fresh AppTest with data.py's and Streamlit's "
    "caches cleared (connection reopened, every query run on the file); warm = a second run() "
    "of the same AppTest (query results from st.cache_data); cold_cpu = process CPU seconds "
    "(all threads) of the cold render"
)


def page_files(names: list[str] | None = None) -> list[Path]:
    """The page scripts under streamlit_app/app_pages, optionally only those named."""
    pages = sorted(PAGES_DIR.glob("*.py"))
    if names:
        wanted = set(names)
        unknown = wanted - {p.stem for p in pages}
        if unknown:
            raise SystemExit(f"unknown page(s): {', '.join(sorted(unknown))}")
        pages = [p for p in pages if p.stem in wanted]
    return pages


def clear_caches() -> None:
    """Empty every cache a page reads through: data.py's own, st.cache_data, st.cache_resource."""
    import streamlit as st

    if str(APP_DIR) not in sys.path:
        sys.path.insert(0, str(APP_DIR))
    import data

    if hasattr(data, "clear_caches"):
        data.clear_caches()
    else:
        st.cache_data.clear()
        st.cache_resource.clear()
        getattr(data, "_opened", {}).clear()


def render(page: Path):
    """A fresh AppTest of ``page``, run once; raises when the page raised."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(page), default_timeout=120)
    at.run()
    if at.exception:
        raise RuntimeError(f"{page.stem}: {[e.value for e in at.exception]}")
    return at


def measure(pages: list[Path], runs: int) -> tuple[dict[str, list[float]], ...]:
    """Cold and warm render times, and the CPU time of the cold render (seconds) of each page."""
    for page in pages:  # warm-up: imports, Altair's schema, the page modules
        clear_caches()
        render(page)
    cold: dict[str, list[float]] = {p.stem: [] for p in pages}
    warm: dict[str, list[float]] = {p.stem: [] for p in pages}
    cold_cpu: dict[str, list[float]] = {p.stem: [] for p in pages}
    for run in range(runs):
        order = pages[run % len(pages) :] + pages[: run % len(pages)]
        for page in order:
            clear_caches()
            start, start_cpu = time.perf_counter(), time.process_time()
            at = render(page)
            cold[page.stem].append(time.perf_counter() - start)
            cold_cpu[page.stem].append(time.process_time() - start_cpu)
            start = time.perf_counter()
            at.run()
            warm[page.stem].append(time.perf_counter() - start)
            if at.exception:
                raise RuntimeError(f"{page.stem} (rerun): {[e.value for e in at.exception]}")
    return cold, warm, cold_cpu


_FIRST = (
    "import sys, time; from streamlit.testing.v1 import AppTest; "
    "at = AppTest.from_file(sys.argv[1], default_timeout=120); start = time.perf_counter(); "
    "at.run(); elapsed = time.perf_counter() - start; "
    "sys.exit(f'{sys.argv[1]}: {[e.value for e in at.exception]}') if at.exception else print(elapsed)"
)


def measure_first_in_process(pages: list[Path], runs: int) -> dict[str, list[float]]:
    """First render of each page in a new Python process, ``runs`` samples each."""
    import subprocess

    first: dict[str, list[float]] = {p.stem: [] for p in pages}
    for _ in range(runs):
        for page in pages:
            out = subprocess.run(
                [sys.executable, "-c", _FIRST, str(page)], capture_output=True, text=True, check=True, cwd=REPO_ROOT
            )
            first[page.stem].append(float(out.stdout.strip().splitlines()[-1]))
    return first


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BROWSER_METHOD = (
    "wall-clock seconds from navigation to the page's URL (new tab, new session) until the script "
    "run is over and every chart and diagram is drawn, in Debian's chromium (headless, Playwright) "
    "against streamlit run; median over runs; every page loaded once untimed first; the "
    "warehouse copy's mtime changed before each load (new cache key: connection reopened, every "
    "query run on the file)"
)
IN_APP_METHOD = (
    "wall-clock seconds from a click on the page's entry in the sidebar (one tab, already showing "
    "another page of the app) until the page's title is shown, the script run is over, nothing of "
    "the page before is left and every chart and diagram is drawn; the warehouse copy's mtime "
    "changed before each click; median over runs"
)
#: True once the script run is over and every chart and diagram of the page has drawn.
RENDERED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (!document.querySelector('h1') || document.querySelector('[data-testid="stSkeleton"]')) return false;
  const vega = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  const dots = [...document.querySelectorAll('[data-testid="stGraphVizChart"]')];
  return vega.every(e => e.querySelector('canvas, svg')) && dots.every(e => e.querySelector('svg'));
}"""


#: True once the page titled ``title`` is drawn after a page change in the app: its title shown, its
#: script run over, nothing left of the page before (no element marked stale) and every chart drawn.
SWITCHED = (
    "(title) => { const h = document.querySelector('h1');"
    " return !!h && h.innerText.trim() === title && !document.querySelector('[data-stale=\"true\"]')"
    " && (" + RENDERED + ")(); }"
)


def _url_path(stem: str) -> str:
    """The URL path of a page (the default page, overview, is the app's root)."""
    return "" if stem == "overview" else stem


def change_page(tab, stem: str, title: str | None = None) -> float:
    """Click the entry of the page ``stem`` in the sidebar of ``tab`` (a Playwright page already
    showing the app) and wait until the page titled ``title`` (by default the entry's text) is
    drawn (``SWITCHED``); the seconds from the click. Raises when the page shows an exception."""
    link = tab.locator(f'[data-testid="stSidebarNav"] a[href$="/{_url_path(stem)}"]').first
    if title is None:
        title = link.inner_text().strip().splitlines()[-1]  # the entry's text after its icon's name
    start = time.perf_counter()
    link.click()
    tab.wait_for_function(SWITCHED, arg=title, timeout=120_000, polling=20)
    elapsed = time.perf_counter() - start
    if tab.locator('[data-testid="stException"]').count():
        raise RuntimeError(f"{stem}: the page raised an exception")
    return elapsed


def measure_browser(
    pages: list[Path], runs: int, db: Path, in_app: dict[str, list[float]] | None = None
) -> dict[str, list[float]]:
    """Cold render of each page in chromium, ``runs`` samples each (see the module docstring).

    With ``in_app`` (a dict, filled here), also each page reached by a page change in the app: one
    tab open on the first page, the next page's entry in the sidebar clicked, the warehouse copy's
    mtime changed first as for the new-tab loads; the time from the click until the page is drawn.
    """
    import shutil
    import socket
    import subprocess
    import tempfile
    import urllib.request

    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {p.stem: [] for p in pages}
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        copy = Path(tmp) / "territorio.duckdb"
        shutil.copy2(db, copy)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(APP_DIR / "streamlit_app.py"),
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=REPO_ROOT,
            env={**os.environ, "TERRITORIO_DB": str(copy)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(240):
                try:
                    urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.25)
            else:
                raise SystemExit("streamlit did not start")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                context = browser.new_context(viewport={"width": 1440, "height": 1000})

                def load(stem: str, titles: dict[str, str] | None = None) -> float:
                    tab = context.new_page()
                    try:
                        start = time.perf_counter()
                        tab.goto(f"{url}/{_url_path(stem)}")
                        tab.wait_for_function(RENDERED, timeout=120_000, polling=20)
                        elapsed = time.perf_counter() - start
                        if tab.locator('[data-testid="stException"]').count():
                            raise RuntimeError(f"{stem}: the page raised an exception")
                        if titles is not None:
                            titles[stem] = tab.locator("h1").first.inner_text().strip()
                        return elapsed
                    finally:
                        tab.close()

                titles = {}
                for page in pages:  # warm-up: server imports, the browser's copy of the JavaScript
                    load(page.stem, titles)
                for run in range(runs):
                    order = pages[run % len(pages) :] + pages[: run % len(pages)]
                    for page in order:
                        stamp = time.time_ns()
                        os.utime(copy, ns=(stamp, stamp))
                        times[page.stem].append(load(page.stem))
                if in_app is not None and len(pages) > 1:
                    tab = context.new_page()
                    try:
                        current = pages[-1].stem
                        tab.goto(f"{url}/{_url_path(current)}")
                        tab.wait_for_function(RENDERED, timeout=120_000, polling=20)
                        for run in range(runs):
                            order = pages[run % len(pages) :] + pages[: run % len(pages)]
                            for page in order:
                                if page.stem == current:  # a page change starts from another page
                                    other = next(p.stem for p in pages if p.stem != current)
                                    change_page(tab, other, titles[other])
                                stamp = time.time_ns()
                                os.utime(copy, ns=(stamp, stamp))
                                in_app.setdefault(page.stem, []).append(change_page(tab, page.stem, titles[page.stem]))
                                current = page.stem
                    finally:
                        tab.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.app_pages", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="warehouse file (default: $TERRITORIO_DB or data/territorio.duckdb)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page (default 5)")
    parser.add_argument("--pages", nargs="+", metavar="STEM", help="only these pages (file stems)")
    parser.add_argument(
        "--first-in-process", action="store_true", help="also time each page's first render in a new Python process"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument(
        "--browser",
        action="store_true",
        help="measure in Debian's chromium (navigation to last chart drawn) instead of AppTest",
    )
    args = parser.parse_args(argv)

    if args.db:
        os.environ["TERRITORIO_DB"] = str(args.db.resolve())
    db = Path(os.environ.get("TERRITORIO_DB") or REPO_ROOT / "data" / "territorio.duckdb")
    if not db.exists():
        parser.error(f"no warehouse at {db}: run make build or pass --db")
    # Streamlit warns of caches cleared and elements read outside a script run: expected here.
    logging.disable(logging.WARNING)
    pages = page_files(args.pages)
    if args.browser:
        if not CHROMIUM.exists():
            parser.error(f"{CHROMIUM} is missing (apt-get install -y chromium)")
        in_app: dict[str, list[float]] = {}
        samples = measure_browser(pages, max(1, args.runs), db.resolve(), in_app)
        medians = {k: round(statistics.median(v), 4) for k, v in samples.items()}
        in_app_medians = {k: round(statistics.median(v), 4) for k, v in in_app.items()}
        if args.json:
            print(
                json.dumps(
                    {
                        **medians,
                        "samples": samples,
                        "in_app": in_app_medians,
                        "in_app_samples": in_app,
                        "runs": args.runs,
                        "db": str(db),
                        "method": BROWSER_METHOD,
                        "in_app_method": IN_APP_METHOD,
                    },
                    indent=2,
                )
            )
        else:
            print(f"{'page':<24}{'new tab s':>12}{'in the app s':>14}   samples (new tab | in the app)")
            for stem, values in samples.items():
                app_text = f"{in_app_medians[stem]:>14.3f}" if stem in in_app_medians else f"{'-':>14}"
                print(
                    f"{stem:<24}{medians[stem]:>12.3f}{app_text}   "
                    + " ".join(f"{v:.2f}" for v in values)
                    + " | "
                    + " ".join(f"{v:.2f}" for v in in_app.get(stem, []))
                )
            print(f"\n{args.runs} runs; new tab: {BROWSER_METHOD}; in the app: {IN_APP_METHOD}")
        return 0
    cold, warm, cold_cpu = measure(pages, max(1, args.runs))
    cold_median = {k: round(statistics.median(v), 4) for k, v in cold.items()}
    warm_median = {k: round(statistics.median(v), 4) for k, v in warm.items()}
    extra: dict[str, dict[str, float]] = {"cold_cpu": {k: round(statistics.median(v), 4) for k, v in cold_cpu.items()}}
    if args.first_in_process:
        first = measure_first_in_process(pages, max(1, args.runs))
        extra["first_in_process"] = {k: round(statistics.median(v), 4) for k, v in first.items()}
    if args.json:
        print(
            json.dumps(
                {**cold_median, "warm": warm_median, **extra, "runs": args.runs, "db": str(db), "method": METHOD},
                indent=2,
            )
        )
    else:
        first_median = extra.get("first_in_process", {})
        print(
            f"{'page':<24}{'cold median s':>14}{'warm median s':>14}{'cold CPU s':>12}"
            f"{'first-in-process':>18}   cold samples"
        )
        for stem in cold:
            samples = " ".join(f"{s:.2f}" for s in cold[stem])
            first_text = f"{first_median[stem]:.3f}" if stem in first_median else "-"
            print(
                f"{stem:<24}{cold_median[stem]:>14.3f}{warm_median[stem]:>14.3f}"
                f"{extra['cold_cpu'][stem]:>12.3f}{first_text:>18}   {samples}"
            )
        print(f"\n{args.runs} runs; {METHOD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
