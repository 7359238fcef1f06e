"""The real portal, built with `mkdocs build --strict`, read back as HTML.

Built from three corpora: the hand-written one (tests/site/corpus.py, no converter needed), the
sample content/ and the seeds (both through the converter, fixtures of tests/conftest.py).
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from scripts.vietnamese import slugify, sort_key
from tests.site import htmltools as h
from tests.site.corpus import TRICKY_WORDS, fixture_articles
from tests.site.conftest import SITE_URL

SITES = ["corpus_site", "sample_site", "seed_site"]


@pytest.fixture(params=SITES)
def site_dir(request: pytest.FixtureRequest) -> Path:
    """out/ of one built site: out/docs, out/site."""
    return request.getfixturevalue(request.param)


def front_matters(docs: Path) -> dict[str, dict]:
    """Article address → front matter, read from the Markdown files the site was built from."""
    out = {}
    for md in sorted((docs / "bai-viet").glob("**/*.md")):
        text = md.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
        out[md.relative_to(docs).with_suffix("").as_posix() + "/"] = meta
    return out


def year_of(value) -> int | None:
    return int(str(value)[:4]) if value else None


# --- listings ----------------------------------------------------------------------------------


def test_every_article_is_listed_on_its_unit_term_year_and_document_pages(site_dir: Path):
    site = site_dir / "site"
    articles = front_matters(site_dir / "docs")
    assert articles, "the site has no articles"
    missing = []
    for url, meta in articles.items():
        expected = []
        if meta.get("unit_key"):
            expected.append(f"don-vi/{slugify(meta['unit_key'])}/")
        expected += [f"nhiem-ky/{t}/" for t in meta.get("terms") or []]
        expected.append(f"nam/{meta['year']}/" if meta.get("year") else "nam/chua-ro/")
        for d in meta.get("documents") or []:
            year = year_of(d.get("date"))
            expected.append(f"van-ban/{slugify(d['ref'])}-{year}/" if year else f"van-ban/{slugify(d['ref'])}/")
        missing += [(url, listing) for listing in expected if not h.links_to(site, listing, url)]
    assert missing == []


def test_each_listing_heading_names_what_it_lists(corpus_site: Path):
    site = corpus_site / "site"
    expected = {
        "don-vi/dang-bo-xa-dong-tien/": "Đảng bộ xã Đông Tiến",
        "nhiem-ky/2020-2025/": "Nhiệm kỳ 2020-2025",
        "nam/2020/": "Năm 2020",
        "nam/chua-ro/": "Chưa rõ năm",
        "van-ban/35-ct-tw-2019/": "35-CT/TW",
        "van-ban/17-kh-hu-2024/": "17-KH/HU",
    }
    for url, heading in expected.items():
        assert h.read(h.page_file(site, url)).h1 == [heading], url


def test_a_unit_page_is_titled_with_the_fullest_name_and_lists_its_own_congresses(corpus_site: Path):
    page = h.page_file(corpus_site / "site", "don-vi/dang-bo-huyen-dong-lam/").read_text(encoding="utf-8")
    assert "<h1>Đảng bộ huyện Đồng Lâm</h1>" in page
    assert "Đại hội lần thứ XX, nhiệm kỳ 2020-2025" in page
    assert "cấp huyện" in page


def test_listings_are_newest_first_with_the_undated_last(corpus_site: Path):
    page = h.read(h.page_file(corpus_site / "site", "nhiem-ky/2020-2025/"), inside_class="portal-list")
    dates = [t for tag, t in page.blocks if tag.startswith("li")]
    found = [re.search(r"(\d\d)/(\d\d)/(\d{4})", t) for t in dates]
    iso = [f"{m[3]}-{m[2]}-{m[1]}" if m else None for m in found]
    dated = [d for d in iso if d]
    assert dated == sorted(dated, reverse=True)
    assert iso[-1] is None  # the undated article closes the list


def test_directories_put_d_before_dj_and_marked_vowels_after_plain_ones(corpus_site: Path):
    html = h.page_file(corpus_site / "site", "don-vi/").read_text(encoding="utf-8")
    section = html.split("<h2>Đảng bộ cơ sở</h2>", 1)[1].split("</ul>", 1)[0]
    names = re.findall(r">(Đảng bộ xã [^<]+)</a>", section)
    assert names == ["Đảng bộ xã An Lạc", "Đảng bộ xã Ân Bình", "Đảng bộ xã Dương Liễu", "Đảng bộ xã Đa Phúc",
                     "Đảng bộ xã Đông Tiến", "Đảng bộ xã Đức Hòa", "Đảng bộ xã Ea Kar"]
    assert names == sorted(names, key=sort_key)


def test_the_home_page_shows_latest_news_counts_and_the_directories(corpus_site: Path):
    page = h.read(corpus_site / "site" / "index.html")
    html = (corpus_site / "site" / "index.html").read_text(encoding="utf-8")
    assert "<strong>14</strong> bài viết" in html
    hrefs = {link for attr, link in page.links if attr == "href"}
    assert {"don-vi/", "nhiem-ky/", "nam/", "van-ban/"} <= hrefs
    assert "bai-viet/dang-bo-xa-ea-kar/" in hrefs  # the newest article


# --- links -------------------------------------------------------------------------------------


def test_every_link_in_every_page_resolves(site_dir: Path):
    site = site_dir / "site"
    broken = []
    for html_file in sorted(site.rglob("*.html")):
        for attr, link in h.read(html_file).links:
            if link.startswith("/"):
                if html_file.name != "404.html":  # served at any address, so MkDocs makes it absolute
                    broken.append((html_file.relative_to(site).as_posix(), link, "absolute path"))
                    continue
                link = "/" + link.removeprefix(urlsplit(SITE_URL).path)
            target = h.resolve(site, html_file, link)
            if target is not None and not target.is_file():
                broken.append((html_file.relative_to(site).as_posix(), link, "missing"))
    assert broken == []


def test_no_page_loads_anything_from_another_host(site_dir: Path):
    site = site_dir / "site"
    external = []
    for html_file in site.rglob("*.html"):
        for tag, attrs in h.read(html_file).tags:
            loads = (tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src")) or (
                tag == "link" and attrs.get("rel") not in ("canonical", "alternate") and attrs.get("href"))
            if loads and re.match(r"^(https?:)?//", loads):
                external.append((html_file.name, loads))
    assert external == []
    assert "fonts.googleapis" not in (site / "index.html").read_text(encoding="utf-8")


# --- the article page --------------------------------------------------------------------------


def test_the_words_on_the_page_are_the_articles_words(corpus_site: Path):
    for article in fixture_articles():
        page = h.read(h.page_file(corpus_site / "site", f"bai-viet/{article.slug}/"), inside_class="portal-body")
        assert [text for _, text in page.blocks] == [b.text for b in article.body], article.slug
    assert TRICKY_WORDS in (corpus_site / "site" / "bai-viet" / "dai-hoi-dang-bo-xa-dong-tien" /
                            "index.html").read_text(encoding="utf-8").replace("&lt;", "<").replace(
        "&gt;", ">").replace("&amp;", "&").replace("&quot;", '"').replace("&#x27;", "'")


@pytest.mark.parametrize("fixture, inputs", [("sample_site", "CONTENT"), ("seed_site", "SEEDS")])
def test_converted_articles_words_reach_the_page_unchanged(request: pytest.FixtureRequest, fixture: str,
                                                           inputs: str):
    """Rendered text of every converted article equals what the converter read, block by block."""
    import json

    import tests.conftest as shared
    from scripts.pipeline import read_article
    from scripts.settings import load_settings

    out = request.getfixturevalue(fixture)
    folder = getattr(shared, inputs)
    settings = load_settings()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    checked = 0
    for entry in report["files"]:
        if entry["status"] != "converted":
            continue
        article = read_article((folder / entry["source"]).read_bytes(), entry["source"], settings)
        url = entry["output"].removesuffix(".md") + "/"
        page = h.read(h.page_file(out / "site", url), inside_class="portal-body")
        assert [t for _, t in page.blocks] == [b.text for b in article.body], entry["source"]
        checked += 1
    assert checked >= 1


def test_captions_are_marked_as_captions(corpus_site: Path):
    page = h.read(h.page_file(corpus_site / "site", "bai-viet/dai-hoi-dang-bo-xa-dong-tien/"),
                  inside_class="portal-body")
    assert ("p.caption", "Quang cảnh Đại hội") in page.blocks


def test_a_headline_holding_markup_stays_text_everywhere(corpus_site: Path):
    html = h.page_file(corpus_site / "site", "bai-viet/huyen-uy-dong-lam/").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    page = h.read(h.page_file(corpus_site / "site", "bai-viet/huyen-uy-dong-lam/"))
    title = 'Huyện ủy Đồng Lâm <script>alert(1)</script> & "bàn" kế hoạch'
    assert page.title.strip().startswith(title)
    assert page.h1 == [title]
    for listing in ("nam/chua-ro/", "don-vi/dang-bo-huyen-dong-lam/", "van-ban/17-kh-hu-2020/"):
        assert "<script>alert" not in h.page_file(corpus_site / "site", listing).read_text(encoding="utf-8")


def test_the_metadata_panel_links_every_value_to_its_page(corpus_site: Path):
    site = corpus_site / "site"
    html_file = h.page_file(site, "bai-viet/dai-hoi-dang-bo-xa-dong-tien/")
    page = h.read(html_file, inside_class="portal-meta")
    targets = {h.resolve(site, html_file, link).relative_to(site).as_posix()
               for attr, link in h.Page(html_file.read_text(encoding="utf-8").split('class="portal-meta"', 1)[1]
                                       .split("</aside>", 1)[0]).links if attr == "href"}
    assert targets == {"nam/2020/index.html", "don-vi/dang-bo-xa-dong-tien/index.html",
                       "nhiem-ky/2020-2025/index.html", "van-ban/35-ct-tw-2019/index.html",
                       "van-ban/17-kh-hu-2020/index.html"}
    texts = dict(zip([t for tag, t in page.blocks if tag == "dt"], [t for tag, t in page.blocks if tag == "dd"]))
    assert texts["Tác giả"] == "Lam Giang"
    assert texts["Tệp nguồn"] == "dai-hoi-dang-bo-xa-dong-tien.txt"
    assert texts["Cấp"] == "đảng bộ cơ sở"


def test_related_articles_come_from_the_same_unit_first(corpus_site: Path):
    html = h.page_file(corpus_site / "site", "bai-viet/dai-hoi-dang-bo-xa-dong-tien/").read_text(encoding="utf-8")
    related = html.split('class="portal-related"', 1)[1].split("</nav>", 1)[0]
    first = re.findall(r'href="([^"]+)"', related)[0]
    assert first == "../dong-tien-so-ket/"


def test_articles_and_listings_are_marked_for_search_and_the_nav_is_not(corpus_site: Path):
    site = corpus_site / "site"
    article = h.page_file(site, "bai-viet/dai-hoi-dang-bo-xa-dong-tien/").read_text(encoding="utf-8")
    assert article.count("data-pagefind-body") == 1
    assert re.search(r'<article [^>]*data-pagefind-body', article)
    assert 'data-pagefind-filter="unit[data-value]" data-value="Đảng bộ xã Đông Tiến"' in article
    assert 'data-pagefind-sort="date[data-value]" data-value="2020-05-20"' in article
    assert "data-pagefind-body" in h.page_file(site, "nam/2020/").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (site / "index.html").read_text(encoding="utf-8")


def test_search_is_sent_everything_an_article_page_marks_for_search(site_dir: Path):
    """hooks/search.py sends Pagefind the title, the words and the search attributes
    (search_index.article_document) before the page is rendered: nothing else in the page's
    searched element may carry text, or the index would miss it."""
    pages = sorted((site_dir / "site" / "bai-viet").glob("*/index.html"))
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        article = re.search(r"<article [^>]*data-pagefind-body>(.*)</article>", html, re.S)
        assert article, path
        rest = article.group(1)
        for sent in (r'<h1 class="portal-title">.*?</h1>',
                     r'<div class="portal-body">.*?</div>\s*(?=<nav class="portal-related"|<div class="portal-search-data")',
                     r'<div class="portal-search-data" hidden>.*?</div>'):
            rest, found = re.subn(sent, "", rest, count=1, flags=re.S)
            assert found == 1, (path, sent)
        rest = re.sub(r"<(aside|nav)\b[^>]*data-pagefind-ignore[^>]*>.*?</\1>", "", rest, flags=re.S)
        assert not re.sub(r"<[^>]*>", "", rest).strip(), (path, rest[:300])


# --- the build ---------------------------------------------------------------------------------


def test_a_strict_build_has_no_warnings_and_lists_rejected_inputs(corpus_site: Path):
    log = (corpus_site / "build.log").read_text(encoding="utf-8")
    assert "WARNING" not in log
    assert "rejected: menu-trang-chu.txt — không phải bài viết (danh sách liên kết)" in log


def test_feed_and_sitemap_use_site_url_when_it_is_set(corpus_site: Path):
    import xml.etree.ElementTree as ET

    site = corpus_site / "site"
    feed = ET.parse(site / "feed.xml").getroot()
    links = [i.findtext("link") for i in feed.findall("./channel/item")]
    assert links and all(link.startswith(SITE_URL + "bai-viet/") for link in links)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}bai-viet/dai-hoi-dang-bo-xa-dong-tien/</loc>" in sitemap
    assert 'type="application/rss+xml"' in (site / "index.html").read_text(encoding="utf-8")


def test_without_site_url_feed_and_sitemap_are_left_out_with_an_info_line(corpus_site_without_url: Path):
    site = corpus_site_without_url / "site"
    assert not (site / "feed.xml").exists()
    assert not (site / "sitemap.xml").exists()
    log = (corpus_site_without_url / "build.log").read_text(encoding="utf-8")
    assert re.search(r"INFO.*site_url is not set", log)
    assert "WARNING" not in log


def test_the_nav_holds_the_home_page_and_the_directories_only(corpus_site: Path):
    html = h.page_file(corpus_site / "site", "bai-viet/dang-bo-xa-an-lac/").read_text(encoding="utf-8")
    nav = html.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav) == [
        "Trang chủ", "Đơn vị", "Nhiệm kỳ", "Năm", "Văn bản"]


def test_a_site_without_articles_still_builds_strictly_with_its_home_and_directories(tmp_path: Path):
    from tests.site.conftest import mkdocs_build

    (tmp_path / "docs").mkdir()
    mkdocs_build(tmp_path / "docs", tmp_path / "site")
    for url in ("", "don-vi/", "nhiem-ky/", "nam/", "van-ban/"):
        assert h.page_file(tmp_path / "site", url).is_file(), url
    assert "Chưa có bài viết nào" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_the_archive_lists_every_article_newest_first_and_the_home_page_links_to_it(corpus_site: Path):
    site = corpus_site / "site"
    assert h.read(h.page_file(site, "bai-viet/")).h1 == ["Tất cả bài viết"]
    for article in fixture_articles():
        assert h.links_to(site, "bai-viet/", f"bai-viet/{article.slug}/"), article.slug
    assert ("href", "bai-viet/") in h.read(site / "index.html").links
