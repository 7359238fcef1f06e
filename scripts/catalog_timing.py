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
    settings = settings_from(portal, load_data())
    prefix = settings.prefixes["articles"]
    files = sorted(p for p in (docs / prefix).rglob("*.md") if not any(part.startswith(".") for part in p.parts))
    readings = read_many([str(p) for p in files], parallel_min=len(files) + 1)
    items = [(p.relative_to(docs).as_posix(), meta) for p, (meta, _) in zip(files, readings)]

    def grouping() -> cat.Catalog:
        cat.name_key.cache_clear()  # each run from cold, as a first build is (serve's rebuilds find them warm)
        new_style_tones.cache_clear()
        return cat.build_catalog(items, settings.prefixes)

    grouping_s, catalog = _best(grouping)

    def listings() -> tuple[int, int]:
        generated = pages.all_pages(catalog, settings.page_size, settings.latest, "bench")
        return len(generated), sum(len(page.html()) for page in generated)

    paging, (listing_pages, html_bytes) = _best(listings)
    related, links = _best(lambda: sum(len(cat.related(catalog, entry)) for entry in catalog.entries))
    return {"articles": len(catalog.entries), "listing_pages": listing_pages, "listing_mb": round(html_bytes / 1e6, 1),
            "related_links": links, "grouping_seconds": round(grouping_s, 6),
            "paging_seconds": round(paging, 6), "related_seconds": round(related, 6), "best_of": REPEAT}


def _best(step: Callable[[], T]) -> tuple[float, T]:
    """The least CPU time of REPEAT runs, per call, and the step's result. A step shorter than
    MIN_RUN is called as many times in each run as make it that long (as `timeit` does: related
    articles for 1,000 articles take 4 ms, and the least of three single calls flagged their cost
    per article as growing × 2.0 in one bench of three, × 1.5 in the others). This process's CPU
    time leaves out the machine's other work (the kernel still writing the conversion's files out,
    right after the conversion stage)."""
    calls = 1
    result: T | None = None
    while True:  # the run that first lasts MIN_RUN counts as the first of the REPEAT
        result = None
        spent, result = _run(step, calls)
        if spent >= MIN_RUN or calls >= MAX_CALLS:
            break
        calls *= 2
    best = spent / calls
    for _ in range(REPEAT - 1):
        result = None
        spent, result = _run(step, calls)
        best = min(best, spent / calls)
    return best, result  # type: ignore[return-value]


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
    config = load_yaml(ROOT / "mkdocs.yml") or {}
    portal = (config.get("extra") or {}).get("portal") or {}
    print(json.dumps(time_catalog(Path(sys.argv[1]), portal)))


if __name__ == "__main__":
    main()
