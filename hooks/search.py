"""MkDocs hook: the portal's search index, built by Pagefind while MkDocs renders the site.

A thin adapter: each rendered article or listing page (the templates mark them with
`data-pagefind-body`) goes through `scripts.search_index.prepare_page` to a background Pagefind
process (`scripts.pagefind_feed`), so indexing overlaps the build; the bundle is written into
site/pagefind/ at the end. It also adds the search results page (`tim-kiem/`), whose interface
lives in overrides/assets/javascripts/portal-search.js.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded by path; the project's modules live beside them
    sys.path.insert(0, str(ROOT))

from scripts import search_index  # noqa: E402
from scripts.catalog import PAGE_SLUG  # noqa: E402
from scripts.pagefind_feed import PagefindFeeder  # noqa: E402
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
        self.feeder: PagefindFeeder | None = None
        self.aliases: search_index.Aliases | None = None
        self.started = 0.0
        self.own_seconds = 0.0   # the build's own thread: preparing pages and handing them over
        self.disabled = False
        self.serving = False         # under `mkdocs serve`
        self.indexed_once = False    # a build of this process wrote the index


_state = _State()


def search_prefix(config: Any) -> str:
    prefixes = (((config.extra or {}).get("portal") or {}).get("prefixes")) or {}
    return str(prefixes.get("search") or DEFAULT_SEARCH_PREFIX).strip("/")


def on_startup(command: str, dirty: bool) -> None:
    _state.serving = command == "serve"
    _state.indexed_once = False


def on_config(config: Any) -> Any:
    _close()
    _state.own_seconds = 0.0
    _state.aliases = search_index.aliases_for(load_data().get("abbreviations") or {})
    # PORTAL_SEARCH=off skips indexing (a quick preview); the search box then finds nothing.
    _state.disabled = os.environ.get("PORTAL_SEARCH", "").lower() in ("0", "off", "no", "false")
    if _state.serving and _state.indexed_once:
        # Under `mkdocs serve`, an edit rebuilds the pages, not the search index: Pagefind cannot add
        # one page to an index, and indexing everything again took most of a rebuild's time.
        _state.disabled = True
        log.info("Search: the index of the first build is kept while previewing; restart `make serve` "
                 "to search the edited articles.")
    return config


def on_files(files: Files, config: Any) -> Files:
    path = f"{search_prefix(config)}/index.md"
    if files.get_file_from_path(path) is None:
        files.append(File.generated(config, path, content=SEARCH_PAGE))
    return files


def _feeder() -> PagefindFeeder | None:
    if _state.feeder is None and not _state.disabled:
        _state.started = time.perf_counter()
        try:
            _state.feeder = PagefindFeeder({})
        except Exception as err:  # noqa: BLE001 - no binary, no pipe: say so once, build the rest
            log.error(f"Pagefind could not start ({err!r}): the site is built without its search index. "
                      "Reinstall it with `pip install -r requirements.txt` (pagefind[bin]).")
            _state.disabled = True
    return _state.feeder


def _later_page_of_a_listing(url: str) -> bool:
    """`don-vi/x/trang-2/`: the listing's own words are on its first page, its articles on theirs."""
    parts = url.rstrip("/").rsplit("/", 1)
    return len(parts) == 2 and parts[1].startswith(f"{PAGE_SLUG}-") and parts[1][len(PAGE_SLUG) + 1:].isdigit()


def on_post_page(output: str, page: Any, config: Any) -> str:
    if _state.disabled or not search_index.is_indexed(output) or _later_page_of_a_listing(page.url):
        return output
    start = time.perf_counter()
    text = search_index.text_of(" ".join((page.title or "", page.content or "")))
    aliases = _state.aliases.find(text) if _state.aliases else []
    aliases += search_index.document_refs((page.meta or {}).get("documents"), text)
    feeder = _feeder()
    if feeder is not None:
        feeder.add(search_index.prepare_page(output, aliases), "/" + page.url)
    _state.own_seconds += time.perf_counter() - start
    return output


def on_post_build(config: Any) -> None:
    feeder, _state.feeder = _state.feeder, None
    if feeder is None:
        if not _state.disabled:
            log.info("No page is marked for search (data-pagefind-body): the search index is empty.")
        return
    out = Path(config.site_dir) / "pagefind"
    stats = feeder.finish(str(out))
    for err in stats.errors[:5]:
        log.warning(f"Pagefind could not index a page: {err}")
    log.info(f"Search: {stats.pages} pages, {stats.words} words indexed into {out} "
             f"({time.perf_counter() - _state.started:.1f} s alongside the build, "
             f"{stats.seconds_waiting:.1f} s after it). The build's own thread spent "
             f"{_state.own_seconds:.1f} s on search, {stats.seconds_blocked:.1f} s of it waiting for Pagefind.")
    _state.own_seconds = 0.0
    _state.indexed_once = True


def _close() -> None:
    feeder, _state.feeder = _state.feeder, None
    if feeder is not None:
        feeder.close()


def on_build_error(error: Exception) -> None:
    _close()


def on_shutdown() -> None:
    _close()
