"""Browser fixtures: the real site, served on 127.0.0.1, driven by Debian's chromium.

One build (the seeds, content/ and two search fixtures, through the converter and `mkdocs build`),
one browser per session. Every test runs twice: with the site at the server's root and with the
site under a sub-path (/portal/, served from a parent folder that holds nothing else), so a path
written from the root breaks the second run. Every request a page makes is recorded; a request to
any other host fails the test that made it.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import CONTENT, SEEDS, build_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
FIXTURES = Path(__file__).parent / "fixtures"
SUB_PATH = "portal"


def _copy_inputs(target: Path) -> None:
    """Seeds, content/ and the search fixtures in one input folder (names kept apart)."""
    target.mkdir(parents=True)
    for source, prefix in ((SEEDS, "seed-"), (CONTENT, ""), (FIXTURES, "search-")):
        if not source.is_dir():
            continue
        for path in sorted(source.rglob("*")):
            if path.is_file() and (path.suffix == ".txt" or path.name.endswith(".meta.yml")):
                rel = path.relative_to(source)
                dest = target / rel.parent / f"{prefix}{rel.name}"
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)


# Articles per search bundle in the test site: small, so that every test searches an index split
# in several bundles (by date, newest first) as a large archive's is.
BUNDLE_SIZE = 6


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """out/ with docs/ and site/ built from the seeds, content/ and tests/browser/fixtures/."""
    out = tmp_path_factory.mktemp("search")
    _copy_inputs(out / "input")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PORTAL_SEARCH_BUNDLE", str(BUNDLE_SIZE))
        return build_site(out / "input", out)


@dataclass
class ArticleInfo:
    url: str              # from the site root, e.g. "bai-viet/slug/"
    meta: dict[str, Any]
    body: str


def read_articles(docs: Path) -> list[ArticleInfo]:
    out = []
    for path in sorted((docs / "bai-viet").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        out.append(ArticleInfo(url=f"bai-viet/{path.stem}/", meta=yaml.safe_load(front), body=body))
    return out


@pytest.fixture(scope="session")
def articles(search_site: Path) -> list[ArticleInfo]:
    return read_articles(search_site / "docs")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@dataclass
class Server:
    root: str          # URL of the site's home page, ending in "/"
    host: str          # "127.0.0.1:PORT"
    httpd: http.server.ThreadingHTTPServer = field(repr=False)


def _serve(directory: Path, sub_path: str | None) -> Server:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host = f"127.0.0.1:{httpd.server_address[1]}"
    root = f"http://{host}/" + (f"{sub_path}/" if sub_path else "")
    return Server(root=root, host=host, httpd=httpd)


@pytest.fixture(scope="session", params=["root", "sub-path"])
def server(request: pytest.FixtureRequest, search_site: Path,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The built site over HTTP, at / or at /portal/ (a parent folder holding only the site)."""
    site = search_site / "site"
    if request.param == "root":
        srv = _serve(site, None)
    else:
        parent = tmp_path_factory.mktemp("www")
        (parent / SUB_PATH).symlink_to(site, target_is_directory=True)
        srv = _serve(parent, SUB_PATH)
    yield srv
    srv.httpd.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make test` (or apt-get install chromium)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Requests:
    urls: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    responses: list[Any] = field(default_factory=list)

    def bytes_since(self, start: int) -> int:
        """Bytes of the response bodies received after the first `start` responses."""
        return sum(_body_size(r) for r in self.responses[start:])

    def foreign(self, host: str) -> list[str]:
        return [u for u in self.urls if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != host]


def _open(browser: Any, server: Server) -> tuple[Any, Any, Requests, list[str]]:
    """A fresh context and page; every request recorded, any request to another host blocked."""
    context = browser.new_context()
    requests = Requests()

    def on_route(route: Any) -> None:
        url = route.request.url
        requests.urls.append(url)
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != server.host:
            route.abort()
        else:
            route.continue_()

    context.route("**/*", on_route)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda err: errors.append(str(err)))
    pg.on("requestfailed", lambda req: requests.failed.append(req.url))
    pg.on("response", lambda resp: requests.responses.append(resp))
    pg.requests = requests  # type: ignore[attr-defined]
    pg.server = server  # type: ignore[attr-defined]
    return context, pg, requests, errors


def _check(requests: Requests, errors: list[str], server: Server) -> None:
    assert not requests.foreign(server.host), f"requests to other hosts: {requests.foreign(server.host)}"
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    """A fresh page for tests that navigate or type; checked for foreign requests and JS errors."""
    context, pg, requests, errors = _open(browser, server)
    yield pg
    context.close()
    _check(requests, errors, server)


@pytest.fixture(scope="session")
def home(browser: Any, server: Server) -> Iterator[Any]:
    """One home page per server, shared by the tests that only call window.portalSearch."""
    context, pg, requests, errors = _open(browser, server)
    pg.goto(server.root)
    pg.wait_for_function("typeof window.portalSearch === 'function'")
    yield pg
    context.close()
    _check(requests, errors, server)


def _body_size(response: Any) -> int:
    try:
        return len(response.body())
    except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
        return 0
