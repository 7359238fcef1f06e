"""MkDocs hook: the portal's search index, built by Pagefind while MkDocs builds the site.

A thin adapter. The articles are split by date into bundles (`search_index.plan_bundles`), each its
own Pagefind index in site/pagefind/bN/, and MkDocs reads them first, newest first. As soon as an
article's Markdown is rendered, what search covers of it (`search_index.article_document`: title,
words, filters) goes to a staging folder; when a bundle is complete, Pagefind's command line
indexes it in the background (`scripts.pagefind_feed.BundleIndexer`), on the other core, while
MkDocs reads the other articles and renders every page. Listings are left out: they repeat the
articles' summaries. site/pagefind/bundles.json lists the bundles and facets.json counts the whole
archive's facet values. It also adds the search results page (`tim-kiem/`), whose interface lives
in overrides/assets/javascripts/portal-search.js.
"""
from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import Counter
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded by path; the project's modules live beside them
    sys.path.insert(0, str(ROOT))

from scripts import search_index  # noqa: E402
from scripts.catalog import year_label  # noqa: E402
from scripts.pagefind_feed import BundleIndexer  # noqa: E402
from scripts.settings import load_data  # noqa: E402

log = get_plugin_logger(__name__)

DEFAULT_SEARCH_PREFIX = "tim-kiem"
SEARCH_PAGE = """---
title: Tìm kiếm
search_page: true
hide:
  - toc
---

# Tìm kiếm

<div class="portal-search-page" id="portal-search-page">
<noscript>Trang tìm kiếm cần JavaScript. Bạn vẫn có thể xem bài viết theo đơn vị, nhiệm kỳ, năm và văn bản.</noscript>
</div>
"""


class _State:
    def __init__(self) -> None:
        self.aliases: search_index.Aliases | None = None
        self.started = 0.0
        self.own_seconds = 0.0   # the build's own thread: preparing pages and handing them over
        self.disabled = False
        self.serving = False         # under `mkdocs serve`
        self.indexed_once = False    # a build of this process wrote the index
        self.bundle_size = search_index.DEFAULT_BUNDLE_SIZE
        self.bundles: list[search_index.Bundle] = []
        self.bundle_of: dict[str, int] = {}       # article URL → its bundle
        self.seen: list[int] = []                 # pages of each bundle handed over (or skipped)
        self.indexer: BundleIndexer | None = None
        self.fed: set[int] = set()                # bundles with at least one page handed over
        self.writing: list[tuple[int, Future]] = []
        self.facets: dict[str, Counter] = {}


_state = _State()


def search_prefix(config: Any) -> str:
    prefixes = (((config.extra or {}).get("portal") or {}).get("prefixes")) or {}
    return str(prefixes.get("search") or DEFAULT_SEARCH_PREFIX).strip("/")


def bundle_size(config: Any) -> int:
    """Articles per Pagefind bundle: `extra.portal.search_bundle`, or PORTAL_SEARCH_BUNDLE (tests)."""
    value = os.environ.get("PORTAL_SEARCH_BUNDLE") or ((config.extra or {}).get("portal") or {}).get("search_bundle")
    try:
        return max(1, int(value)) if value else search_index.DEFAULT_BUNDLE_SIZE
    except (TypeError, ValueError):
        log.warning(f"search_bundle must be a number of articles, not {value!r}: "
                    f"using {search_index.DEFAULT_BUNDLE_SIZE}.")
        return search_index.DEFAULT_BUNDLE_SIZE


def on_startup(command: str, dirty: bool) -> None:
    _state.serving = command == "serve"
    _state.indexed_once = False


def on_config(config: Any) -> Any:
    _close()
    _state.own_seconds = 0.0
    _state.aliases = search_index.aliases_for(load_data().get("abbreviations") or {})
    _state.bundle_size = bundle_size(config)
    # PORTAL_SEARCH=off skips indexing (a quick preview); the search box then finds nothing.
    _state.disabled = os.environ.get("PORTAL_SEARCH", "").lower() in ("0", "off", "no", "false")
    if _state.serving and _state.indexed_once:
        # Under `mkdocs serve`, an edit rebuilds the pages, not the search index: Pagefind cannot add
        # one page to an index, and indexing everything again took most of a rebuild's time.
        _state.disabled = True
        log.info("Search: the index of the first build is kept while previewing; restart `make serve` "
                 "to search the edited articles.")
    if not _state.disabled:
        _start_indexer()
    return config


def on_files(files: Files, config: Any) -> Files:
    """Add the search page; split the articles into bundles by date (hooks/portal.py has given each
    article's file its catalog entry) and have MkDocs read them first, in bundle order, newest first:
    each bundle goes to Pagefind as soon as its last article's Markdown is rendered (on_page_content),
    so Pagefind indexes on the other core while MkDocs reads the rest and renders every page."""
    path = f"{search_prefix(config)}/index.md"
    if files.get_file_from_path(path) is None:
        files.append(File.generated(config, path, content=SEARCH_PAGE))
    _state.bundles, _state.bundle_of, _state.seen = [], {}, []
    _state.facets = {}
    if _state.disabled:
        return files
    articles, items = {}, []
    for f in files.documentation_pages():
        entry = getattr(f, "portal_entry", None)
        if entry is not None:
            url = "/" + f.url
            articles[url] = f
            items.append((url, entry.sort_date, year_label(entry.year)))
    _state.bundles = search_index.plan_bundles(items, _state.bundle_size)
    others = [f for f in files.documentation_pages() if "/" + f.url not in articles]
    for i, b in enumerate(_state.bundles):
        for url in b.urls:
            _state.bundle_of[url] = i
            files.remove(articles[url])   # moved to the end, in bundle order
            files.append(articles[url])
    for f in others:                      # and the other pages after them
        files.remove(f)
        files.append(f)
    _state.seen = [0] * len(_state.bundles)
    return files


def _start_indexer() -> None:
    """Pagefind's helper process, started while the build's process is small (see BundleIndexer)."""
    _state.started = time.perf_counter()
    try:
        _state.indexer = BundleIndexer(index_chunk_size=search_index.INDEX_CHUNK_SIZE)
    except Exception as err:  # noqa: BLE001 - no binary: say so once, build the rest
        log.error(f"Pagefind could not start ({err!r}): the site is built without its search index. "
                  "Reinstall it with `pip install -r requirements.txt` (pagefind[bin]).")
        _state.disabled = True


def _indexer() -> BundleIndexer | None:
    return None if _state.disabled else _state.indexer


def _bundle_done(i: int, config: Any) -> None:
    """All pages of bundle `i` handed over: index it in the background while the build goes on."""
    if i not in _state.fed or _state.indexer is None:
        return
    _state.fed.discard(i)
    path = _state.bundles[i].path
    out = Path(config.site_dir) / "pagefind" / path
    _state.writing.append((i, _state.indexer.finish_bundle(path, out)))


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """An article's Markdown is rendered: send what Pagefind reads of it (title, words, search
    attributes: `search_index.article_document`) to its bundle's staging folder, and the bundle to
    Pagefind when it is complete. Listings are left out: they repeat their articles' summaries."""
    i = _state.bundle_of.get("/" + page.url)
    if _state.disabled or i is None:
        return html
    start = time.perf_counter()  # thread_time() is a system call costing ~0.1 ms here
    attributes = getattr(page, "portal_search", "")
    text = search_index.text_of(" ".join((page.title or "", html)))
    aliases = _state.aliases.find(text) if _state.aliases else []
    aliases += search_index.document_refs((page.meta or {}).get("documents"), text)
    for name, value in search_index.facet_values(attributes):
        _state.facets.setdefault(name, Counter())[value] += 1
    indexer = _indexer()
    if indexer is not None:
        document = search_index.article_document(page.title or "", html, attributes, config.theme.get("language"))
        indexer.add(_state.bundles[i].path, "/" + page.url, search_index.prepare_page(document, aliases))
        _state.fed.add(i)
    _state.seen[i] += 1
    if _state.seen[i] == len(_state.bundles[i].urls):
        _bundle_done(i, config)
    _state.own_seconds += time.perf_counter() - start
    return html


def on_post_build(config: Any) -> None:
    if _state.disabled:
        return
    for i in sorted(_state.fed):   # pages that were never rendered: index what came
        _bundle_done(i, config)
    start = time.perf_counter()
    written = []
    for i, future in _state.writing:
        try:
            stats = future.result()
        except Exception as err:  # noqa: BLE001 - one bundle lost, say which
            log.error(f"Pagefind could not write the search bundle {_state.bundles[i].path}: {err}")
            continue
        written.append((i, stats))
    waited = time.perf_counter() - start
    _state.writing = []
    if _state.indexer is not None:
        _state.indexer.close()
        _state.indexer = None
    out = Path(config.site_dir) / "pagefind"
    done = {i for i, _ in written}
    kept = [b for i, b in enumerate(_state.bundles) if i in done]
    out.mkdir(parents=True, exist_ok=True)   # an empty archive gets an empty list: "no results"
    for name, data in ((search_index.MANIFEST, search_index.manifest(kept)),
                       (search_index.FACETS, search_index.facet_totals(_state.facets))):
        (out / name).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    if not written:
        log.info("No article is marked for search (data-pagefind-body): the search index is empty.")
        return
    pages = sum(s.pages for _, s in written)
    words = sum(s.words for _, s in written)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    log.info(f"Search: {pages} pages, {words} words indexed into {out} "
             f"({time.perf_counter() - _state.started:.1f} s alongside the build, "
             f"{waited:.1f} s after it), in {len(written)} bundles of up to {_state.bundle_size} articles. "
             f"The build's own thread spent {_state.own_seconds:.1f} s on search; "
             f"Pagefind used {children.ru_utime + children.ru_stime:.1f} s of CPU, "
             f"{max(s.seconds for _, s in written):.1f} s for its largest bundle.")
    _state.own_seconds = 0.0
    _state.started = 0.0
    _state.indexed_once = True


def _close() -> None:
    for _, future in _state.writing:
        future.cancel()
    _state.writing = []
    _state.fed = set()
    if _state.indexer is not None:
        _state.indexer.close()
        _state.indexer = None
    _state.started = 0.0


def on_build_error(error: Exception) -> None:
    _close()


def on_shutdown() -> None:
    _close()
