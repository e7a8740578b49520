"""The benchmark harness runs end to end at a tiny scale and writes well-formed results.

Only the structure and the signs of the numbers are checked, never the timings: the machine
the suite runs on may be busy. One run of every measure at scale 2, into a temporary folder
(results, warehouses and Parquet; ``bench/results.*`` and ``data/`` are not touched), except the
fresh clone (a whole install and first build: ``--fresh-runs 0``) and the test suite (which runs
this test: ``--test-runs 0``), and of two pages only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT

SCALE = 2
#: Two pages are enough to exercise the page measure (tests/test_app_browser.py opens them all).
PAGES = ("overview", "typology")


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    tmp = tmp_path_factory.mktemp("bench")
    out_json, out_md = tmp / "results.json", tmp / "results.md"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--scales",
            str(SCALE),
            "--runs",
            "1",
            "--page-scales",
            "1",
            "--fresh-runs",
            "0",
            "--test-runs",
            "0",
            "--pages",
            *PAGES,
            "--json",
            str(out_json),
            "--md",
            str(out_md),
            "--work",
            str(tmp / "work"),
            "--scale-root",
            str(tmp / "scale"),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, (run.stdout + run.stderr)[-4000:]
    return json.loads(out_json.read_text(encoding="utf-8")), out_md.read_text(encoding="utf-8")


def positive(value: object) -> bool:
    return isinstance(value, (int, float)) and value > 0


def test_machine_and_date_are_recorded(results: tuple[dict, str]) -> None:
    data, _ = results
    assert data["date"][:2] == "20"
    machine = data["machine"]
    assert positive(machine["cpu_count"]) and positive(machine["memory_gib"])
    for key in ("python", "duckdb", "dbt-core", "dbt-duckdb"):
        assert machine[key]
    assert data["config"] == {**data["config"], "runs": 1, "scales": [SCALE]}
    for key in ("speed_probe_before", "speed_probe_after"):
        probe = data[key]
        assert probe["status"] == "measured" and len(probe["runs"]) == 3
        assert min(probe["runs"]) <= probe["seconds"] <= max(probe["runs"]) and positive(probe["seconds"])


def test_one_x_measures_are_positive(results: tuple[dict, str]) -> None:
    data, _ = results
    for key in ("make_build_1x", "validate_1x"):
        measure = data[key]
        assert measure["failed_runs"] == 0, key
        assert positive(measure["seconds"]) and positive(measure["peak_rss_bytes"]), key
        assert len(measure["runs"]) == 1


def test_scale_build_and_direct_replay_are_measured(results: tuple[dict, str]) -> None:
    data, _ = results
    scale = data["scales"][str(SCALE)]
    assert scale["rows"]["raw_questionnaires"] == SCALE * 129
    assert scale["rows"]["raw_actor_links"] == SCALE * 995
    for key in ("dbt_build", "direct"):
        assert scale[key]["failed_runs"] == 0, key
        assert positive(scale[key]["seconds"]) and positive(scale[key]["peak_rss_bytes"]), key
    assert scale["direct"]["replayed"]["failed_tests"] == {}
    assert scale["direct"]["replayed"]["models"] > 0 and scale["direct"]["replayed"]["tests"] > 0
    assert positive(scale["dbt_over_direct"])
    assert scale["slowest_nodes"] and all(positive(n["seconds"]) for n in scale["slowest_nodes"])


def test_pages_are_measured_or_say_why_not(results: tuple[dict, str]) -> None:
    data, _ = results
    pages = data["app_pages"]["1"]
    if pages.get("pages"):
        assert set(pages["pages"]) == set(PAGES)
        assert all(positive(seconds) for seconds in pages["pages"].values())
        if Path("/usr/bin/chromium").exists():  # in the browser, the page changes in the app too
            assert set(pages["in_app"]) == set(PAGES)
            assert all(positive(seconds) for seconds in pages["in_app"].values())
            assert {f"page_{page}_1x_in_app" for page in PAGES} <= {t["id"] for t in data["targets"]}
    else:
        assert pages["status"].startswith("not measured")


def test_targets_have_a_verdict_and_the_markdown_a_table(results: tuple[dict, str]) -> None:
    data, markdown = results
    ids = {t["id"] for t in data["targets"]}
    assert {"make_build_1x", "build_10000x_time", "build_10000x_memory", "dbt_over_direct_10000x"} <= ids
    for target in data["targets"]:
        assert target["status"] in {"pass", "miss", "not measured"}
    assert next(t for t in data["targets"] if t["id"] == "make_build_1x")["status"] != "not measured"
    # the fresh clone (a whole install and build) is left out here and says so
    assert data["fresh_clone"] == {"status": "not measured: --fresh-runs 0"}
    assert {"fresh_clone_first_build", "fresh_clone_environment"} <= ids
    assert "- not measured: --fresh-runs 0" in markdown
    assert data["make_test"] == {"status": "not measured: --test-runs 0"}
    assert "- not measured: --test-runs 0" in markdown
    assert "| target | measured | limit | status | over by |" in markdown
    probe = f"{data['speed_probe_before']['seconds']:,.3f} s before the measures"
    assert probe in markdown
    assert f"| {SCALE:,}× |" in markdown
