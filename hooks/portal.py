"""MkDocs hook: the portal's pages, generated in memory from the articles' front matter.

A thin adapter over `scripts.catalog` (grouping, order, addresses, paging) and `scripts.pages`
(HTML): it reads front matter, adds the generated pages with `File.generated`, hands the article
panel to the templates, keeps the nav to the home page and the directories (never articles, so the
page around an article weighs the same at any site size) and, under `mkdocs serve`, re-converts an
edited content/ file so the preview follows the editor.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Sequence

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import YAML_RE

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded by path; the project's modules live beside them
    sys.path.insert(0, str(ROOT))

from scripts import catalog as cat  # noqa: E402
from scripts import front_matter  # noqa: E402
from scripts.idle_gc import IdleCollector  # noqa: E402
from scripts.inline_skip import InlineSkipExtension  # noqa: E402
from scripts import pages  # noqa: E402
from scripts import rebuild  # noqa: E402
from scripts import watch  # noqa: E402
from scripts.settings import load_data, settings_from  # noqa: E402

log = get_plugin_logger(__name__)

FEED_PATH = "feed.xml"
FEED_COUNT = 30
DEFAULT_REPORT = ROOT / "build" / "convert-report.json"
CACHE_NAME = "portal-front-matter.json"
CACHE_VERSION = 1
# Seconds without a further change before an edited content/ file is converted: an editor's save is
# a burst of events (write, close, a rename) within milliseconds; a save still being written when
# this runs out is converted again on its next event.
SAVE_SETTLE = 0.15


class _State:
    """What one build learned, kept between events (and between rebuilds under `mkdocs serve`)."""

    def __init__(self) -> None:
        self.settings = None
        self.catalog: cat.Catalog | None = None
        self.generated: dict[str, pages.GeneratedPage] = {}
        self.front_matter_cache: dict[str, tuple[tuple[int, int], dict]] = {}
        self.command = "build"
        self.converter_lock = threading.Lock()
        self.timer: threading.Timer | None = None
        self.entries: dict[str, tuple[dict, cat.Entry]] = {}  # catalog entries by file, reused when unchanged
        self.article_inputs: dict[str, tuple[tuple, str]] = {}  # what each article's panel was made of
        self.frames = FrameCache()
        self.nav_urls: tuple[str, ...] = ()
        self.dirty = False  # `mkdocs serve --dirty` (make serve): render only what changed
        self.pending: tuple[str, rebuild.Memory] | None = None  # remembered once the build succeeds
        self.ready_html: dict[str, str] = {}  # generated pages' HTML made for their digests
        self.ready_context: dict[str, dict[str, str]] = {}  # articles' panels made for their digests


class FrameCache:
    """The parts of a page's frame (main.html's `portal_cached`) already rendered in this build.

    Called from a Jinja `{% call %}` block: the body (`caller`) is rendered only the first time a
    (part, place) pair is seen. An empty key means "not cacheable here": the body is rendered.
    """

    def __init__(self) -> None:
        self.parts: dict[tuple[str, str], str] = {}

    def __call__(self, part: str, key: Any, caller: Any) -> str:
        if not key:
            return caller()
        hit = self.parts.get((part, key))
        if hit is None:
            hit = self.parts[(part, key)] = caller()
        return hit


def frame_key(page_url: str, base_url: str, nav_urls: Sequence[str]) -> str:
    """Where a page sits, as far as its frame can tell. The frame links to the site's root and
    assets (relative to the page's depth: base_url), to the navigation's pages (their relative
    addresses, in the key), and to pages under the page's own first folder (the search page from
    itself): pages alike in all three share a frame. A navigation page is also marked active in
    the navigation, so it is a place of its own. Pages under assets/ are not cached."""
    first = page_url.split("/", 1)[0] if "/" in page_url else ""
    if first == "assets":
        return ""
    links = ",".join(get_relative_url(url, page_url) for url in nav_urls)
    return f"{base_url}|{first}|{page_url if page_url in nav_urls else ''}|{links}"


class GeneratedListingPage(Page):
    """A page the portal generates: its HTML comes from `scripts.pages`, so it skips what MkDocs
    does for a Markdown file (reading YAML, building a Markdown parser, converting nothing)."""

    def __init__(self, title: str | None, file: File, config: Any, generated: pages.GeneratedPage) -> None:
        super().__init__(title, file, config)
        self.portal_page = generated

    def read_source(self, config: Any) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is not None:  # another plugin wants its say: the usual way
            super().read_source(config)
            return
        self.markdown = ""
        self.meta = {"title": self.portal_page.title, "portal_kind": self.portal_page.kind}

    def render(self, config: Any, files: Any) -> None:
        html = _state.ready_html.pop(self.file.src_uri, None)
        self.content = html if html is not None else self.portal_page.html()
        self.toc = get_toc([])
        self.present_anchor_ids = set()


class PortalFile(File):
    """A generated page's file. MkDocs' dirty mode renders every generated file again; this one
    only when the rebuild plan (scripts/rebuild.py) says its HTML changed, or it was never written."""

    portal_modified = True

    def is_modified(self) -> bool:
        return self.portal_modified or not os.path.isfile(self.abs_dest_path)


def _modified() -> bool:
    """Set as an article file's `is_modified` when its panel or neighbours changed but its file did not."""
    return True


_state = _State()
_idle_gc = IdleCollector()


# --- config and nav ----------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    _state.command = command
    _state.dirty = dirty
    _state.catalog = None  # the session's first build is no rebuild, whatever this process built before


def on_shutdown() -> None:
    _idle_gc.stop()


def _preview_rebuild() -> bool:
    """A build of `mkdocs serve --dirty` after the session's first: the catalog of the last one is known."""
    return _state.dirty and _state.catalog is not None


def on_config(config: Any) -> Any:
    portal = (config.extra or {}).get("portal") or {}
    _state.settings = settings_from(portal, load_data())
    # Plain text skips Python-Markdown's inline patterns: the same HTML in half the time.
    if not any(isinstance(ext, InlineSkipExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(InlineSkipExtension())
    if not config.site_url:
        log.info("site_url is not set, so the RSS feed and the sitemap are left out. Set it in mkdocs.yml "
                 "(site_url: https://example.org/dai-hoi/) or in the environment (PORTAL_SITE_URL=...).")
    if _preview_rebuild() and "sitemap.xml" in config.theme.static_templates:
        # A preview's rebuild keeps the first build's sitemap: nobody reads it there, and writing one
        # for 18,000 pages took a tenth of a rebuild at 10,000 articles (`make site` always writes it).
        config.theme.static_templates.discard("sitemap.xml")
    if config.nav is None:
        # Home and the four directories only: Material copies the nav into every page.
        prefixes = _state.settings.prefixes
        config.nav = [{pages.HOME_TITLE: "index.md"}] + [
            {title: f"{prefixes[kind]}/index.md"} for kind, title in pages.DIRECTORY_TITLES.items()]
    return config


# --- reading the articles ----------------------------------------------------------------------


def _cache_file(config: Any) -> Path:
    """Beside docs/: build/portal-front-matter.json (git ignores build/)."""
    return Path(config.docs_dir).resolve().parent / "build" / CACHE_NAME


def _load_disk_cache(config: Any) -> None:
    """Front matter read by an earlier build, by path, size and mtime: reading YAML is most of the
    hook's time on a large site, and a rebuild after adding a few articles needs only theirs."""
    if _state.front_matter_cache:
        return
    try:
        data = json.loads(_cache_file(config).read_text(encoding="utf-8"))
        if data.get("version") == CACHE_VERSION:
            _state.front_matter_cache = {k: (tuple(v[0]), v[1]) for k, v in data["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        _state.front_matter_cache = {}


def _save_disk_cache(config: Any, paths: list[str]) -> None:
    cache = _state.front_matter_cache
    files = {p: [list(cache[p][0]), cache[p][1]] for p in paths if p in cache}
    target = _cache_file(config)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"version": CACHE_VERSION, "files": files}, ensure_ascii=False, default=str),
                       encoding="utf-8")
        os.replace(tmp, target)
    except OSError as err:
        log.debug(f"front-matter cache not written: {err}")


def _cached_front_matter(paths: list[str]) -> tuple[list[dict], int]:
    """Every path's front matter, from the cache when its size and mtime are the same, else read
    (two processes share a long list); and how many were read."""
    cache = _state.front_matter_cache
    stamps = []
    for path in paths:
        st = os.stat(path)
        stamps.append((st.st_mtime_ns, st.st_size))
    missing = [i for i, (path, stamp) in enumerate(zip(paths, stamps)) if (cache.get(path) or (None,))[0] != stamp]
    for i, (meta, error) in zip(missing, front_matter.read_many([paths[i] for i in missing])):
        if error:
            log.warning(error)
        cache[paths[i]] = (stamps[i], meta if isinstance(meta, dict) else {})
    return [cache[path][1] for path in paths], len(missing)


def _nav_titles(nav: Any) -> dict[str, str | None]:
    """{path: title} of the pages the configured nav names (a page made before the nav keeps the
    title the nav gives it)."""
    out: dict[str, str | None] = {}
    stack = [nav] if nav is not None else []
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    out.setdefault(value, title)
                else:
                    stack.append(value)
        elif isinstance(item, str):
            out.setdefault(item, None)
    return out


def on_files(files: Files, config: Any) -> Files:
    settings = _state.settings
    prefix = settings.prefixes["articles"].strip("/") + "/"
    _load_disk_cache(config)
    articles = [f for f in files.documentation_pages() if f.src_uri.startswith(prefix) and f.abs_src_path]
    paths = [f.abs_src_path for f in articles]
    metas, read = _cached_front_matter(paths)
    items = [(f.src_uri, meta) for f, meta in zip(articles, metas)]
    if read or len(paths) != len(_state.front_matter_cache):
        if not _preview_rebuild():
            # a preview's rebuilds keep it in memory: writing 10,000 entries took a second per save
            _save_disk_cache(config, paths)
        _state.front_matter_cache = {p: _state.front_matter_cache[p] for p in paths}
    catalog = cat.build_catalog(items, settings.prefixes, memo=_state.entries)
    _state.catalog = catalog
    for f in files.documentation_pages():
        # hooks/search.py plans its bundles from these before any page is read
        f.portal_entry = catalog.by_src.get(f.src_uri)
    generated = pages.all_pages(catalog, settings.page_size, settings.latest, config.site_name)
    _state.generated = {}
    # (the collection's own mapping: get_file_from_path() makes a PurePath of every address it is given,
    # and this looks up each of some 18,000 pages, twice on a rebuild; the addresses here are POSIX already)
    by_uri = files.src_uris
    nav_titles = _nav_titles(config.nav)
    for page in generated:
        if by_uri.get(page.src_uri) is not None:
            log.info(f"docs/{page.src_uri} exists, so the portal's generated page is not added there.")
            continue
        file = PortalFile.generated(config, page.src_uri, content=page.content)
        files.append(file)
        GeneratedListingPage(nav_titles.get(page.src_uri), file, config, page)
        _state.generated[page.src_uri] = page
    if config.site_url:
        feed = pages.rss_feed(catalog, config.site_url, config.site_name, config.site_description or "",
                              FEED_COUNT, FEED_PATH)
        files.append(File.generated(config, FEED_PATH, content=feed))
    log.info(f"{len(catalog.entries)} articles: {len(catalog.unit_list)} units, {len(catalog.terms)} terms, "
             f"{len(catalog.years)} years, {len(catalog.document_list)} documents; {len(_state.generated)} pages generated.")
    if _state.dirty:
        _plan_rebuild(files, config, catalog)
    return files


def _setup_digest(config: Any) -> str:
    """What every page shares: the configuration file and the theme's templates and styles."""
    parts = []
    if config.config_file_path and os.path.isfile(config.config_file_path):
        parts.append(Path(config.config_file_path).read_text(encoding="utf-8", errors="replace"))
    for d in config.theme.dirs[:1]:  # the custom_dir (overrides/), or the theme itself
        for root, _, names in os.walk(d):
            for name in sorted(names):
                st = os.stat(os.path.join(root, name))
                parts.append(f"{root}/{name}:{st.st_mtime_ns}:{st.st_size}")
    return rebuild.digest(*parts)


def _plan_rebuild(files: Files, config: Any, catalog: cat.Catalog) -> None:
    """Dirty mode: digest every portal page, render again only those that changed (MkDocs renders
    an article again by itself when its file is newer than its output), delete stale outputs."""
    _state.ready_html, _state.ready_context = {}, {}
    made = rebuild.portal_pages(_state.generated.values(), catalog, _state.article_inputs)
    digests: dict[str, tuple[str, str]] = {}
    by_uri = files.src_uris  # (see on_files)
    for src, (dig, _) in made.items():
        file = by_uri.get(src)
        if file is not None:
            digests[src] = (dig, file.abs_dest_path)
    key = str(Path(config.site_dir).resolve())
    previous = rebuild.recall(key)
    plan = rebuild.plan(previous, _setup_digest(config), digests)
    for out in plan.stale_outputs:
        try:
            os.remove(out)
            os.rmdir(os.path.dirname(out))  # the page's folder, when nothing else is in it
        except OSError:
            pass
    for src in plan.changed:
        payload = made[src][1]
        if src in _state.generated:
            if payload is not None:
                _state.ready_html[src] = payload
        else:
            if payload is not None:
                _state.ready_context[src] = payload
            by_uri[src].is_modified = _modified  # same file, new panel or neighbours
    for src in _state.generated:
        file = by_uri.get(src)
        if isinstance(file, PortalFile):
            file.portal_modified = src in plan.changed
    _state.pending = (key, plan.memory)
    if previous is not None:
        log.info(f"Rebuild: {len(plan.changed)} portal page(s) to render again, "
                 f"{len(plan.stale_outputs)} removed.")


def on_page_read_source(page: Any, config: Any) -> str | None:
    """An article's Markdown without its front matter, which on_files already read: MkDocs would
    parse the same YAML a second time (as long as the plain Material build takes to read it)."""
    if _state.catalog is None or page.file.src_uri not in _state.catalog.by_src or not page.file.abs_src_path:
        return None
    hit = _state.front_matter_cache.get(page.file.abs_src_path)
    if hit is None or not hit[1]:
        return None
    with open(page.file.abs_src_path, encoding="utf-8-sig", errors="strict") as fh:
        source = fh.read()
    m = YAML_RE.match(source)
    if m is None:
        return None
    page.portal_meta = hit[1]
    # An empty YAML block keeps MkDocs from reading the body's first lines as MultiMarkdown meta.
    return "---\n{}\n---\n" + source[m.end():].lstrip("\n")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    meta = getattr(page, "portal_meta", None)
    if meta is not None:
        page.meta = dict(meta)
        del page.portal_meta
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """An article's search attributes (filters, meta, sort), for hooks/search.py, which sends the
    article to Pagefind now, while MkDocs still reads the other pages, rather than once it renders."""
    catalog = _state.catalog
    entry = catalog.by_src.get(page.file.src_uri) if catalog else None
    if entry is not None:
        page.portal_search = pages.search_attributes(entry, catalog)
    return html


def on_env(env: Any, config: Any, files: Files) -> Any:
    _state.frames = FrameCache()
    env.globals["portal_cached"] = _state.frames
    return env


def on_nav(nav: Any, config: Any, files: Files) -> Any:
    _state.nav_urls = tuple(p.url for p in nav.pages)
    return nav


# --- the article page --------------------------------------------------------------------------


def on_page_context(context: dict, page: Any, config: Any, nav: Any) -> dict:
    context["portal_frame"] = frame_key(page.url, context.get("base_url", ""), _state.nav_urls)
    catalog = _state.catalog
    entry = catalog.by_src.get(page.file.src_uri) if catalog else None
    if entry is not None:
        context["portal_article"] = True
        context.update(_state.ready_context.pop(entry.src_uri, None)
                       or pages.article_context(entry, catalog, search=getattr(page, "portal_search", None)))
    kind = (page.meta or {}).get("portal_kind")
    # Articles and listings of articles are what search indexes (data-pagefind-body).
    context["portal_indexed"] = entry is not None or kind in ("unit", "term", "year", "document")
    return context


# --- the converter's report --------------------------------------------------------------------


def _report_path() -> Path:
    return Path(os.environ.get("PORTAL_REPORT") or DEFAULT_REPORT)


def on_pre_build(config: Any) -> None:
    """A preview's rebuild runs with the cyclic garbage collector paused (scripts/idle_gc.py)."""
    if _preview_rebuild():
        _idle_gc.before_build()


def on_post_build(config: Any) -> None:
    """Remember what this build rendered (dirty mode), and list the inputs the converter rejected,
    so an editor sees them at the end of `make site`."""
    _idle_gc.after_build()
    if _state.pending is not None:
        rebuild.remember(*_state.pending)
        _state.pending = None
    _state.ready_html, _state.ready_context = {}, {}
    _report_rejections()


def on_build_error(error: Exception) -> None:
    """A failed build may have written some pages and not others: the next one renders them all."""
    _idle_gc.after_build()
    if _state.pending is not None:
        rebuild.forget([_state.pending[0]])
        _state.pending = None


def _report_rejections() -> None:
    path = _report_path()
    if not path.is_file():
        return
    try:
        entries = json.loads(path.read_text(encoding="utf-8")).get("files") or []
    except (OSError, ValueError, AttributeError) as err:
        log.info(f"Cannot read the converter's report {path}: {err}")
        return
    rejected = [x for x in entries if isinstance(x, dict) and x.get("status") == "rejected"]
    if rejected:
        log.info(f"{len(rejected)} input file(s) were rejected by the converter and are not on the site:")
        for x in rejected:
            source, reason = str(x.get("source")), str(x.get("reason") or "no reason given")
            reason = reason.removeprefix(f"{source}: ")  # some reasons already name the file
            log.info(f"  rejected: {source} — {reason}")


# --- live preview ------------------------------------------------------------------------------


def _content_dir(config: Any) -> Path:
    return Path(os.environ.get("PORTAL_CONTENT_DIR") or Path(config.config_file_path).parent / "content")


def _convert(config: Any) -> None:
    """Convert content/ again with the converter's own command, as `make site` runs it: it rewrites
    only what changed (its manifest knows the rest), and its write into docs/ triggers MkDocs'
    rebuild. A process of its own: the converter's fingerprint of its code is the command's (in
    this process the portal's modules are loaded too, and every article would be read again), it
    uses both cores, and the preview survives whatever happens to it."""
    content = _content_dir(config)
    cmd = [sys.executable, "-m", "scripts.convert", str(content), str(config.docs_dir),
           "--report", str(_report_path())]
    if config.config_file_path:
        cmd += ["--config", str(config.config_file_path)]
    with _state.converter_lock:
        try:
            done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=3600)
        except (OSError, subprocess.SubprocessError) as err:
            log.warning(f"convert: {content} could not be converted again: {err!r}")
            return
        lines = [x for x in (done.stdout + done.stderr).splitlines() if x.strip()]
        summary = next((x for x in reversed(lines) if x.startswith("convert:")), lines[-1] if lines else "")
        if done.returncode == 0:
            log.info(summary if summary.startswith("convert:") else f"convert: {summary}")
        else:
            log.warning(f"convert: {content} could not be converted again (exit {done.returncode}): "
                        + "\n".join(lines[-5:]))


def _serve_watch(config: Any) -> str:
    """`events` (the kernel tells of each change) or `polling` (MkDocs' own way)."""
    value = os.environ.get("PORTAL_SERVE_WATCH") or ((config.extra or {}).get("portal") or {}).get("serve_watch")
    return "polling" if str(value or "events").strip().lower() == "polling" else "events"


def use_event_watcher(server: Any) -> bool:
    """Move MkDocs' watches (docs/, mkdocs.yml...) from its polling observer to file events
    (`scripts/watch.py` says why). Returns False, and changes nothing, where there are no events
    to use or MkDocs' server is not the one this knows (MkDocs 1.6: `observer`, `_watched_paths`,
    `_watch_refs`)."""
    import watchdog.observers
    from watchdog.observers.polling import PollingObserver

    paths, refs = getattr(server, "_watched_paths", None), getattr(server, "_watch_refs", None)
    if (issubclass(watchdog.observers.Observer, PollingObserver) or not isinstance(paths, dict)
            or not isinstance(refs, dict) or not isinstance(getattr(server, "observer", None), PollingObserver)
            or server.observer.is_alive()):
        return False
    why_not = watch.events_work(list(paths))
    if why_not is not None:
        log.info(f"File events are not available here ({why_not}): MkDocs' polling watches for saves.")
        return False
    watched = dict(paths)
    server.observer.unschedule_all()
    server.observer = watch.ChangeObserver()
    paths.clear()
    refs.clear()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    return True


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Watch content/: an edited article is re-converted into docs/, which MkDocs then rebuilds.
    Changes are watched through the kernel's events unless `serve_watch: polling` is set
    (folders shared from another machine, where no events come)."""
    if _serve_watch(config) == "events" and use_event_watcher(server):
        log.info("Watching through file events (serve_watch: polling in mkdocs.yml or PORTAL_SERVE_WATCH=polling "
                 "if edits go unnoticed, e.g. on a folder shared from another machine).")
    content = _content_dir(config)
    if not content.is_dir():
        return server
    import watchdog.events

    def schedule(event: Any) -> None:
        if event.is_directory:
            return
        if _state.timer is not None:
            _state.timer.cancel()
        _state.timer = threading.Timer(SAVE_SETTLE, _convert, args=(config,))
        _state.timer.daemon = True
        _state.timer.start()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = schedule  # type: ignore[method-assign]
    server.observer.schedule(handler, str(content), recursive=True)
    log.info(f"Watching {content}: an edited article is converted again and the preview reloads.")
    return server
