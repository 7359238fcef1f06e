"""What a preview rebuild (`mkdocs serve --dirty`) must render again, and what it must delete.

MkDocs' dirty mode renders a Markdown file again only when it is newer than its output, and every
generated page always. The portal's pages depend on more than their own file: a listing on the
articles it lists, an article's panel and related list on its unit, terms, documents and
neighbours. So the hook gives each page a digest of everything it contributes to that page (the
listing's HTML, the article's panel, related list and search attributes); a page is rendered
again when its digest changed, when its file changed, or when anything every page shares changed
(the configuration, the templates). Pages that no longer exist are deleted from the output.

Pure Python: the state lives in this module (`MEMORY`), which MkDocs does not reload between
rebuilds, keyed by the output folder, so two sites built by one process never mix.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Iterable, Mapping

from .catalog import Catalog, Entry, related
from .pages import GeneratedPage, article_context, article_inputs


def digest(*parts: str) -> str:
    """A short, stable fingerprint of some text (collisions are not a concern at this size)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def portal_pages(generated: Iterable[GeneratedPage], catalog: Catalog,
                 memo: dict[str, tuple[tuple, str]] | None = None) -> dict[str, tuple[str, str | dict[str, str] | None]]:
    """{src_uri: (digest, what the hook gives the page)} for every generated page (its HTML) and
    every article (its panel, related list and search attributes). Linear in the site.

    `memo` ({src_uri: (inputs, digest)}, updated here) spares making a page's HTML again when
    everything it is made of is the same as last time (an article's panel; a listing's articles, for
    a generated page that tells its inputs): its payload is then None (the hook makes it if the page
    renders after all)."""
    out: dict[str, tuple[str, str | dict[str, str] | None]] = {}
    remember = memo is not None
    for page in generated:
        inputs = (page.title, page.kind, page.inputs()) if remember and page.inputs is not None else None
        _made(out, memo, page.src_uri, inputs, partial(_page_made, page))
    for entry in catalog.entries:
        items = related(catalog, entry)
        inputs = article_inputs(entry, catalog, items) if remember else None
        _made(out, memo, entry.src_uri, inputs, partial(_article_made, entry, catalog, items))
    if memo is not None:  # pages gone since: forgotten
        for src in [k for k in memo if k not in out]:
            del memo[src]
    return out


def _made(out: dict, memo: dict[str, tuple[tuple, str]] | None, src: str, inputs: tuple | None,
          make: Callable[[], tuple[str, str | dict[str, str]]]) -> None:
    """out[src]: the remembered digest (and no payload) when `inputs` are last time's, else `make()`'s
    (digest, payload), remembered with its inputs. `inputs` None: not known, always made."""
    hit = memo.get(src) if memo is not None and inputs is not None else None
    if hit is not None and hit[0] == inputs:
        out[src] = (hit[1], None)
        return
    out[src] = made = make()
    if memo is not None and inputs is not None:
        memo[src] = (inputs, made[0])


def _page_made(page: GeneratedPage) -> tuple[str, str]:
    html = page.html()
    return digest(page.title, page.kind, html), html


def _article_made(entry: Entry, catalog: Catalog, items: list[Entry]) -> tuple[str, dict[str, str]]:
    context = article_context(entry, catalog, items)
    return digest(*context.values()), context


@dataclass
class Memory:
    """What the previous build rendered: the shared setup's digest, and each page's digest and
    output path (src_uri → (digest, output path))."""

    setup: str = ""
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    """The pages to render again (src_uri), the outputs to delete, and what to remember."""

    changed: frozenset[str]
    stale_outputs: tuple[str, ...]
    memory: Memory


def plan(previous: Memory | None, setup: str, pages: Mapping[str, tuple[str, str]]) -> Plan:
    """Compare this build's pages ({src_uri: (digest, output path)}) with the previous build's.

    Everything is rendered when there is no previous build or the shared setup changed; else only
    new pages and pages whose digest changed. An output the previous build wrote and no page of
    this build writes is stale (a removed article, a listing that lost its last article or a page).
    """
    memory = Memory(setup=setup, pages=dict(pages))
    if previous is None or previous.setup != setup:
        changed = frozenset(pages)
    else:
        old = previous.pages
        changed = frozenset(src for src, (d, _) in pages.items() if src not in old or old[src][0] != d)
    written = {out for _, out in pages.values()}
    stale = tuple(sorted({out for _, out in (previous.pages.values() if previous else ())} - written))
    return Plan(changed=changed, stale_outputs=stale, memory=memory)


MEMORY: dict[str, Memory] = {}


def remember(key: str, memory: Memory) -> None:
    MEMORY[key] = memory


def recall(key: str) -> Memory | None:
    return MEMORY.get(key)


def forget(keys: Iterable[str] | None = None) -> None:
    """Drop what was remembered (all of it by default): the next build renders everything."""
    for key in list(MEMORY) if keys is None else keys:
        MEMORY.pop(key, None)
