"""Reading the built HTML with the standard library: links, block texts, headings, listing pages."""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """One page: every (tag, attrs), the links, and the text of block elements inside a chosen class."""

    def __init__(self, html: str, inside_class: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.links: list[tuple[str, str]] = []  # (attribute, value)
        self.blocks: list[tuple[str, str]] = []  # (tag, text) inside `inside_class`
        self.h1: list[str] = []
        self.title = ""
        self._inside_class = inside_class
        self._stack: list[tuple[str, bool]] = []  # (tag, opens the chosen region)
        self._depth_inside = 0
        self._block: list | None = None
        self._h1: list | None = None
        self._in_title = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        for attr in ("href", "src"):
            if a.get(attr) is not None:
                self.links.append((attr, a[attr]))
        if tag == "title":
            self._in_title = True
        if tag in VOID:
            return
        opens = bool(self._inside_class) and self._inside_class in (a.get("class") or "").split()
        self._stack.append((tag, opens))
        if opens:
            self._depth_inside += 1
        if self._depth_inside and tag in BLOCKS and self._block is None:
            self._block = [tag, a.get("class") or "", []]
        if tag == "h1":
            self._h1 = []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in VOID:
            return
        while self._stack:
            open_tag, opens = self._stack.pop()
            if self._block is not None and open_tag == self._block[0]:
                self.blocks.append((self._block[0] + ("." + self._block[1] if self._block[1] else ""),
                                    "".join(self._block[2]).strip()))
                self._block = None
            if open_tag == "h1" and self._h1 is not None:
                self.h1.append("".join(self._h1).strip())
                self._h1 = None
            if opens:
                self._depth_inside -= 1
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._block is not None:
            self._block[2].append(data)
        if self._h1 is not None:
            self._h1.append(data)
        if self._in_title:
            self.title += data


def read(path: Path, inside_class: str | None = None) -> Page:
    return Page(path.read_text(encoding="utf-8"), inside_class)


def page_file(site: Path, url: str) -> Path:
    """`don-vi/x/` → site/don-vi/x/index.html."""
    return site / url / "index.html" if url.endswith("/") or url == "" else site / url


def resolve(site: Path, html_file: Path, link: str) -> Path | None:
    """The file a relative link points to, or None for links that leave the site (other schemes)."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return html_file  # "#anchor" or "?query": this page
    base = "/" if path.startswith("/") else "/" + html_file.parent.relative_to(site).as_posix() + "/"
    target = posixpath.normpath(posixpath.join(base, path))
    resolved = site / target.lstrip("/")
    if path.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved


def listing_urls(site: Path, url: str) -> list[str]:
    """A listing's address and its further pages (trang-2/, trang-3/ ...)."""
    urls = [url]
    n = 2
    while (site / url / f"trang-{n}" / "index.html").is_file():
        urls.append(f"{url}trang-{n}/")
        n += 1
    return urls


def links_to(site: Path, listing_url: str, target_url: str) -> bool:
    """Does any page of the listing link to `target_url` (a site address)?"""
    want = (site / target_url / "index.html").resolve()
    for url in listing_urls(site, listing_url):
        html_file = page_file(site, url)
        if not html_file.is_file():
            return False
        for attr, link in read(html_file).links:
            target = resolve(site, html_file, link)
            if attr == "href" and target is not None and target.resolve() == want:
                return True
    return False
