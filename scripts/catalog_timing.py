"""`make bench`'s catalog stage: how long grouping, paging and related articles take on a docs/ folder.

The build's time hides these three behind Markdown and templates; timed alone at two archive sizes,
a cost per article that grows shows a step that is not linear. Run by the bench in its snapshot of
the code: `python -m scripts.catalog_timing DOCS_DIR` prints the figures as JSON.
"""
from __future__ import annotations

import gc
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable, TypeVar

from . import catalog as cat
from . import pages
from .front_matter import read_many
from .settings import load_data, settings_from, load_yaml
from .vietnamese import new_style_tones

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 5
MIN_RUN = 0.2      # CPU seconds: a shorter step is called again within the same run
MAX_CALLS = 4096
T = TypeVar("T")


def time_catalog(docs: Path, portal: dict[str, Any]) -> dict[str, Any]:
    """CPU seconds for grouping (the catalog), paging (every listing page and its HTML) and related
    articles (every article's list), on the articles under `docs`, as the portal hook makes them."""
    return time_catalogs([docs], portal)[0]


def time_catalogs(folders: list[Path], portal: dict[str, Any]) -> list[dict[str, Any]]:
    """`time_catalog` for several docs/ folders, their runs taken in turn (A, B, A, B, ...): the
    costs of two archive sizes are then compared at the same moments. Timed one size after the other,
    minutes apart, the machine's speed had changed in between by as much as the growth looked for."""
    settings = settings_from(portal, load_data())
    prefix = settings.prefixes["articles"]
    items = []
    for docs in folders:
        files = sorted(p for p in (docs / prefix).rglob("*.md") if not any(part.startswith(".") for part in p.parts))
        readings = read_many([str(p) for p in files], parallel_min=len(files) + 1)
        items.append([(p.relative_to(docs).as_posix(), meta) for p, (meta, _) in zip(files, readings)])

    def grouping(its: list) -> Callable[[], cat.Catalog]:
        def step() -> cat.Catalog:
            cat.name_key.cache_clear()  # each run from cold, as a first build is (serve's rebuilds find them warm)
            new_style_tones.cache_clear()
            return cat.build_catalog(its, settings.prefixes)
        return step

    def listings(catalog: cat.Catalog) -> Callable[[], tuple[int, int]]:
        def step() -> tuple[int, int]:
            generated = pages.all_pages(catalog, settings.page_size, settings.latest, "bench")
            return len(generated), sum(len(page.html()) for page in generated)
        return step

    def related(catalog: cat.Catalog) -> Callable[[], int]:
        return lambda: sum(len(cat.related(catalog, entry)) for entry in catalog.entries)

    grouped = _best_in_turn([grouping(its) for its in items])
    catalogs = [c for _, c in grouped]
    paged = _best_in_turn([listings(c) for c in catalogs])
    linked = _best_in_turn([related(c) for c in catalogs])
    return [{"articles": len(c.entries), "listing_pages": p[0], "listing_mb": round(p[1] / 1e6, 1),
             "related_links": links, "grouping_seconds": round(g, 6), "paging_seconds": round(ps, 6),
             "related_seconds": round(r, 6), "best_of": REPEAT, "in_turn_with": len(folders)}
            for c, (g, _), (ps, p), (r, links) in zip(catalogs, grouped, paged, linked)]


def _best_in_turn(steps: list[Callable[[], T]]) -> list[tuple[float, T]]:
    """For each step, the least CPU time of REPEAT runs, per call, and its result; the steps' runs
    taken in turn."""
    calls, best, results = [], [], []
    for step in steps:
        n, spent, result = _calibrate(step)
        calls.append(n)
        best.append(spent / n)
        results.append(result)
    for _ in range(REPEAT - 1):
        for i, step in enumerate(steps):
            results[i] = None  # (collected before the next run, not after it)
            spent, results[i] = _run(step, calls[i])
            best[i] = min(best[i], spent / calls[i])
    return list(zip(best, results))


def _calibrate(step: Callable[[], T]) -> tuple[int, float, T]:
    """How many calls make a run of MIN_RUN, that run's CPU time and its result. A step shorter than
    MIN_RUN is called that many times in each run (as `timeit` does: related articles for 1,000
    articles take 4 ms, and the least of three single calls flagged their cost per article as growing
    × 2.0 in one bench of three, × 1.5 in the others). This process's CPU time leaves out the
    machine's other work (the kernel still writing the conversion's files out)."""
    calls = 1
    while True:
        spent, result = _run(step, calls)
        if spent >= MIN_RUN or calls >= MAX_CALLS:
            return calls, spent, result
        calls *= 2
        result = None


def _run(step: Callable[[], T], calls: int) -> tuple[float, T]:
    """CPU seconds of `calls` calls, and the last one's result. The run starts collected and runs
    with the cyclic garbage collector paused: whether one of its full collections, whose cost follows
    everything the process holds, falls inside a run of a few hundred milliseconds is chance, and it
    flagged paging as superlinear in one run of two (the collector's cost is in the build's own
    figures). The caller drops the previous result first, so that it is collected here."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        for _ in range(calls):
            result = step()
        return time.process_time() - start, result
    finally:
        gc.enable()


def main() -> None:
    """One folder: its figures as a JSON object; several: a JSON list, their runs taken in turn."""
    config = load_yaml(ROOT / "mkdocs.yml") or {}
    portal = (config.get("extra") or {}).get("portal") or {}
    folders = [Path(a) for a in sys.argv[1:]]
    timed = time_catalogs(folders, portal)
    print(json.dumps(timed[0] if len(folders) == 1 else timed))


if __name__ == "__main__":
    main()
