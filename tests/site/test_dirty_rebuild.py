"""The preview's rebuild (`mkdocs serve --dirty`, what `make serve` runs), driven in this process the
way `mkdocs serve` drives it: an edited, removed or added docs/ article renders again with every
listing it is on, the rest of the site is not rewritten, and the result is the full build's."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from scripts import rebuild
from tests.conftest import ROOT
from tests.site.conftest import mkdocs_build
from tests.site.corpus import fixture_articles, write_docs

SERVE_URL = "http://127.0.0.1:8000/"


def _config(site: Path):
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL  # as `mkdocs serve` sets it
    return config


def _mtimes(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def _normalised(path: Path) -> str:
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8")).strip()


def _set_title(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", f'title: "{title}"', text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


@pytest.fixture()
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """docs/ of the corpus and a `rebuild()` that runs one dirty build into site/."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    write_docs(docs, fixture_articles())
    monkeypatch.setenv("PORTAL_DOCS_DIR", str(docs))
    monkeypatch.setenv("PORTAL_SEARCH", "off")
    monkeypatch.setenv("PORTAL_REPORT", str(tmp_path / "no-report.json"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("PORTAL_SITE_URL", raising=False)
    first = _config(site)
    first.plugins.on_startup(command="serve", dirty=True)

    def run() -> None:
        build(_config(site), serve_url=SERVE_URL, dirty=True)

    try:
        run()
        yield docs, site, run
    finally:
        first.plugins.on_startup(command="build", dirty=False)
        first.plugins.on_shutdown()
        rebuild.forget([str(site.resolve())])


def _same_as_a_full_build(docs: Path, site: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    mkdocs_build(docs, full, site_url=SERVE_URL)
    built = {p.relative_to(full) for p in full.rglob("*.html")}
    previewed = {p.relative_to(site) for p in site.rglob("*.html")}
    assert previewed == built
    differing = [str(p) for p in sorted(built) if _normalised(full / p) != _normalised(site / p)]
    assert not differing


def test_a_retitled_article_renders_with_its_listings_and_nothing_else_is_rewritten(preview, tmp_path):
    docs, site, run = preview
    before = _mtimes(site)
    time.sleep(0.01)
    _set_title(docs / "bai-viet" / "dong-tien-so-ket.md", "Đảng bộ xã Đông Tiến sơ kết, tiêu đề SỬAMỚI")
    run()
    after = _mtimes(site)
    rewritten = {p for p in after if after[p] != before.get(p)}
    for page in ("bai-viet/dong-tien-so-ket/index.html", "don-vi/dang-bo-xa-dong-tien/index.html",
                 "nam/2023/index.html", "nhiem-ky/2020-2025/index.html", "index.html"):
        assert page in rewritten, page
        assert "SỬAMỚI" in (site / page).read_text(encoding="utf-8"), page
    # an article of another unit, year and term, and its listings, were left as they were
    for page in ("bai-viet/dang-bo-xa-duc-hoa/index.html", "don-vi/dang-bo-xa-duc-hoa/index.html",
                 "nam/2019/index.html", "nhiem-ky/2015-2020/index.html", "don-vi/index.html"):
        assert page not in rewritten, page
    assert len(rewritten) < len(after) // 2
    _same_as_a_full_build(docs, site, tmp_path)


def test_a_removed_and_an_added_article_update_every_listing_and_leave_no_stale_page(preview, tmp_path):
    docs, site, run = preview
    removed = docs / "bai-viet" / "dang-bo-xa-duc-hoa.md"   # the only article of its unit
    added = docs / "bai-viet" / "bai-moi-xa-duc-hoa.md"
    text = removed.read_text(encoding="utf-8")
    os.remove(removed)
    text = re.sub(r"^title: .*$", 'title: "Xã Phú Lâm MỚITHÊM ra mắt"', text, count=1, flags=re.M)
    text = re.sub(r"^(unit|unit_key): .*$", r"\1: Đảng bộ xã Phú Lâm", text, flags=re.M)
    added.write_text(text.replace("slug: dang-bo-xa-duc-hoa", "slug: bai-moi-xa-duc-hoa"), encoding="utf-8")
    run()
    assert not (site / "bai-viet" / "dang-bo-xa-duc-hoa" / "index.html").exists()
    assert not (site / "don-vi" / "dang-bo-xa-duc-hoa" / "index.html").exists()
    assert "MỚITHÊM" in (site / "don-vi" / "dang-bo-xa-phu-lam" / "index.html").read_text(encoding="utf-8")
    units = (site / "don-vi" / "index.html").read_text(encoding="utf-8")
    assert "Đảng bộ xã Phú Lâm" in units and "Đảng bộ xã Đức Hòa" not in units
    _same_as_a_full_build(docs, site, tmp_path)


def test_a_rebuild_leaves_the_garbage_collector_paused_until_the_preview_is_idle(preview) -> None:
    """The hook's wiring of scripts/idle_gc.py: the rebuild ran without the cyclic collector, which
    collects after a moment (the reloaded page is served first), and stops with the preview."""
    import gc

    docs, site, run = preview
    _set_title(docs / "bai-viet" / "dong-tien-so-ket.md", "Đảng bộ xã Đông Tiến sơ kết, lần hai")
    run()
    assert not gc.isenabled()
    deadline = time.monotonic() + 10
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gc.isenabled()


def test_a_rebuild_keeps_the_first_builds_sitemap_and_renders_the_edit(preview) -> None:
    docs, site, run = preview
    sitemap = site / "sitemap.xml"
    assert sitemap.is_file()  # the first build wrote it (the preview has a site_url)
    before = sitemap.stat().st_mtime_ns
    time.sleep(0.01)
    _set_title(docs / "bai-viet" / "dong-tien-so-ket.md", "Đảng bộ xã Đông Tiến sơ kết, SITEMAPGIỮ")
    run()
    assert "SITEMAPGIỮ" in (site / "bai-viet" / "dong-tien-so-ket" / "index.html").read_text(encoding="utf-8")
    assert sitemap.stat().st_mtime_ns == before
