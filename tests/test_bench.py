"""`make bench` itself: a smoke run on a tiny archive, and the judgements it prints.

The benchmark is not a timed test; these only check that it measures and reports what it claims.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scripts import bench
from scripts.bench import Size

ROOT = Path(__file__).resolve().parent.parent


def test_smoke_run_converts_builds_and_writes_its_figures(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, "-m", "scripts.bench", "--n", "20", "--stages", "convert,catalog,build",
                           "--json", str(out), "--workdir", str(tmp_path), "--nice", "0"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    stages = results["sizes"]["20"]
    assert stages["convert"]["ok"], stages["convert"].get("error")
    assert sum(stages["convert"]["report"].values()) == 20
    runs = stages["convert"]["runs_seconds"]
    assert len(runs) == 3 and stages["convert"]["seconds"] == min(runs)  # the rate is the fastest run's
    assert stages["convert"]["first_seconds"] == runs[0]
    catalog = stages["catalog"]
    assert catalog["ok"], catalog.get("error")
    assert catalog["articles"] == stages["convert"]["report"]["converted"] and catalog["listing_pages"] > 1
    assert all(catalog[f"{part}_seconds"] > 0 for part in bench.CATALOG_PARTS)
    assert stages["derived"]["grouping_ms_per_article"] > 0
    assert stages["build"]["ok"], stages["build"].get("error")
    assert stages["build"]["seconds"] > 0 and stages["build"]["site_files"] > 20
    assert stages["derived"]["site_seconds"] >= stages["build"]["seconds"]
    assert stages["derived"]["peak_ours_mb"] > 10  # a Python process is never lighter than that
    assert "| Conversion (s, fastest run) |" in proc.stdout and "| N = 20 |" in proc.stdout
    assert results["machine"]["nproc"] >= 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("bench-")]  # temp sites removed


def test_a_failing_stage_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    size = Size(5, tmp_path)

    def broken() -> dict:
        raise bench.StageError("the converter is missing")

    bench.stage(size, "convert", broken)
    bench.stage(size, "build", lambda: {"seconds": 1.0}, needs=("convert",))
    assert size.stages["convert"] == {"ok": False, "error": "the converter is missing"}
    assert size.stages["build"]["error"].startswith("skipped")
    table = bench.table([size])
    assert "| Conversion (s, fastest run) | failed |" in table and "| MkDocs build, hooks + search (s) | skipped |" in table


def test_measure_sums_the_memory_of_a_whole_process_tree() -> None:
    # Two children each holding ~60 MB: the tree's peak must count both, not the largest one.
    code = ("import subprocess, sys; ps = [subprocess.Popen([sys.executable, '-c', "
            "'import time; b = bytearray(60 * 2**20); time.sleep(1.5)']) for _ in range(2)]; "
            "[p.wait() for p in ps]")
    run = bench.measure([sys.executable, "-c", code])
    assert run.peak_ours_mb > 110
    assert 55 < run.max_single_rss_mb < run.peak_ours_mb
    assert run.wall >= 1.4 and run.peak_pagefind_mb == 0


def test_a_failing_command_raises_with_its_last_lines() -> None:
    try:
        bench.measure([sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"])
    except bench.StageError as exc:
        assert "exited 3" in str(exc) and "boom" in str(exc)
    else:
        raise AssertionError("a failing command must raise StageError")


def _size(n: int, convert_s: float, build_s: float) -> Size:
    size = Size(n, Path("/nonexistent"))
    size.stages = {"convert": {"ok": True, "seconds": convert_s, "peak_ours_mb": 300.0},
                   "build": {"ok": True, "seconds": build_s, "peak_ours_mb": 500.0, "peak_pagefind_mb": 900.0},
                   "reference": {"ok": True, "seconds": 20.0}}
    bench.derive(size)
    return size


def test_growth_flags_a_cost_per_article_that_grows_with_the_archive() -> None:
    small, large = _size(1000, 1.0, 5.0), _size(10000, 10.0, 120.0)
    notes = bench.growth([small, large])
    assert any(n.startswith("convert:") and n.endswith("ok") for n in notes)
    assert any(n.startswith("build:") and "SUPERLINEAR" in n for n in notes)


def test_growth_allows_related_articles_their_log_factor_and_no_more() -> None:
    def with_related(n: int, seconds: float) -> Size:
        size = _size(n, n / 1000, n / 200)
        size.stages["catalog"] = {"ok": True, "grouping_seconds": n / 10_000, "paging_seconds": n / 10_000,
                                  "related_seconds": seconds}
        bench.derive(size)
        return size

    # per article × 1.6 from 1,000 to 10,000: within n log n (log ratio 1.33, × 1.25 allowed = 1.67)
    notes = bench.growth([with_related(1000, 0.005), with_related(10000, 0.08)])
    assert any(n.startswith("related:") and n.endswith("ok") for n in notes)
    assert any(n.startswith("grouping:") and n.endswith("ok") for n in notes)
    # × 2.4: more than n log n
    notes = bench.growth([with_related(1000, 0.005), with_related(10000, 0.12)])
    assert any(n.startswith("related:") and "SUPERLINEAR" in n for n in notes)


def test_verdicts_judge_the_issue_targets() -> None:
    size = _size(10000, 8.0, 40.0)
    size.stages["search"] = {"ok": True, "first_search_kb_max": 420.0}
    judged = "\n".join(bench.verdicts(size))
    assert "conversion ≥ 1,000 articles/s: 1250.0 articles/s → met" in judged
    assert "make site ≤ 1.5 × plain Material: × 2.4 → NOT met" in judged  # (8 + 40) / 20
    assert "our peak memory < 1 GB: 500.0 MB" in judged and "Pagefind 900.0 MB" in judged
    assert "first search < 300 KB: 420.0 KB (max) → NOT met" in judged
    assert "page around an article < 40 KB: not measured → n/a" in judged


def test_pagefind_files_are_told_apart() -> None:
    assert bench._kind("http://h/pagefind/pagefind.js") == "js"
    assert bench._kind("http://h/pagefind/wasm.unknown.pagefind") == "wasm"
    assert bench._kind("http://h/pagefind/pagefind-entry.json?ts=1") == "entry"
    assert bench._kind("http://h/pagefind/pagefind.vi_3c17b238c6.pf_meta") == "meta"
    assert bench._kind("http://h/pagefind/index/vi_0a1b.pf_index") == "index"
    assert bench._kind("http://h/pagefind/filter/vi_2c3d.pf_filter") == "filter"
    assert bench._kind("http://h/pagefind/fragment/vi_4e5f.pf_fragment") == "fragment"
    assert bench._kind("http://h/pagefind/b0/index/vi_0a1b.pf_index") == "index"
    assert bench._kind("http://h/pagefind/bundles.json") == "manifest"
    assert bench._kind("http://h/assets/javascripts/portal-search.js") == "portal"
    assert bench._counted("http://h/assets/stylesheets/portal-search.css")
    assert bench._counted("http://h/sub/pagefind/b3/pagefind.js")
    assert not bench._counted("http://h/assets/javascripts/bundle.js")


def test_serve_flags_follow_the_makefile() -> None:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    flags = bench.serve_args()
    assert all(f in text for f in flags)
    assert "serve" not in flags and not any(f.startswith("$") for f in flags)


def test_a_short_catalog_step_is_called_many_times_in_each_timed_run():
    from scripts import catalog_timing

    calls: list[int] = []
    [(seconds, result)] = catalog_timing._best_in_turn([lambda: calls.append(1) or len(calls)])
    assert len(calls) >= 2 * catalog_timing.REPEAT, "each run should call a step this short many times"
    assert result == len(calls)  # the last call's result
    assert 0 < seconds < 0.001  # per call, not per run


def test_two_sizes_have_their_catalog_timed_in_turn_for_the_growth_check(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, "-m", "scripts.bench", "--n", "20", "40", "--stages", "convert,catalog",
                           "--convert-runs", "1", "--json", str(out), "--workdir", str(tmp_path), "--nice", "0"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    sizes = json.loads(out.read_text(encoding="utf-8"))["sizes"]
    for n in ("20", "40"):
        catalog = sizes[n]["catalog"]
        assert catalog["ok"] and catalog["in_turn_with"] == 2 and catalog["articles"] == int(n)
        assert sizes[n]["catalog_alone"]["ok"]  # each size's own timing is kept beside it
        assert sizes[n]["derived"]["related_ms_per_article"] == round(catalog["related_seconds"] / int(n) * 1000, 4)
    assert "catalog, the 2 sizes in turn" in proc.stdout
