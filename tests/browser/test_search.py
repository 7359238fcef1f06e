"""The portal's search in chromium, as readers and the checks use it: window.portalSearch, the header
box and the results page, at the server's root and under a sub-path (see conftest.py)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from scripts.catalog import build_catalog, document_label, year_label
from scripts.vietnamese import fold_d
from tests.browser.conftest import ArticleInfo

FOLD_MARKS = ("\u034f", "\u2060")

SEARCH_JS = """async ([query, options]) => {
  const response = await window.portalSearch(query, options || {});
  const data = await Promise.all(response.results.map(r => r.data()));
  return {
    filters: response.filters,
    results: data.map((d, i) => ({url: d.url, matched: response.results[i].matchedMetaFields || [], title: d.meta.title, date: d.meta.date || null,
                             unit: d.meta.unit || null, excerpt: d.excerpt, content: d.content,
                             filters: d.filters, meta: d.meta})),
  };
}"""

# What a page shows a reader of an article: the indexed part, without what search ignores.
PAGE_TEXT_JS = """async (url) => {
  const html = await (await fetch(url)).text();
  const doc = new DOMParser().parseFromString(html, "text/html");
  const body = doc.querySelector("[data-pagefind-body]");
  body.querySelectorAll("[data-pagefind-ignore], [hidden], script, style").forEach(e => e.remove());
  body.querySelectorAll("h1,h2,h3,h4,h5,h6,p,li,dt,dd,td,th,div,figcaption,blockquote").forEach(
    e => { e.prepend(" "); e.append(" "); });
  return body.textContent;
}"""

MARKED_UNMARKED = [
    ("đại hội", "dai hoi"),
    ("Đại hội Đảng bộ", "DAI HOI DANG BO"),
    ("HĐND", "hdnd"),
    ("đảng viên", "dang vien"),
    ("Đảng bộ", "dang bo"),
    ("đồng chí", "dong chi"),
    ("Ủy ban nhân dân", "uy ban nhan dan"),
    ("nhiệm kỳ", "nhiem ky"),
]


def open_home(page: Any) -> None:
    page.goto(page.server.root)
    page.wait_for_function("typeof window.portalSearch === 'function'")


def search(page: Any, query: str | None, options: dict | None = None) -> dict:
    return page.evaluate(SEARCH_JS, [query, options or {}])


def site_path(page: Any, url: str) -> str:
    """A result's URL from the site root ("bai-viet/x/"), whatever the sub-path."""
    root_path = urlsplit(page.server.root).path
    assert url.startswith(root_path), f"{url} is not under {root_path}"
    return url[len(root_path):]


def urls(page: Any, response: dict) -> list[str]:
    return [site_path(page, r["url"]) for r in response["results"]]


def plain(excerpt: str) -> str:
    return excerpt.replace("<mark>", "").replace("</mark>", "").replace("&lt;", "<").replace("&gt;", ">")


def squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def by_url(articles: list[ArticleInfo]) -> dict[str, ArticleInfo]:
    return {a.url: a for a in articles}


# --- matching ----------------------------------------------------------------------------------


@pytest.mark.parametrize("marked,unmarked", MARKED_UNMARKED)
def test_a_query_typed_without_marks_finds_everything_the_marked_query_finds(home, marked, unmarked):
    page = home
    with_marks = set(urls(page, search(page, marked)))
    without = set(urls(page, search(page, unmarked)))
    assert with_marks, f"{marked!r} finds nothing"
    assert with_marks <= without, f"{unmarked!r} misses {sorted(with_marks - without)}"


def test_marked_results_hold_the_marked_words(home, articles):
    """Folding widens matching only for the reader who types without marks: "đại hội" finds pages
    whose text has đại and hội (whatever the case), and every article that writes "đại hội"."""
    page = home
    found = set(urls(page, search(page, "đại hội")))
    writers = {a.url for a in articles if "đại hội" in a.body.lower() or "đại hội" in a.meta["title"].lower()}
    assert writers <= found
    for url in found:
        text = by_url(articles)[url].body.lower() if url in by_url(articles) else None
        if text is not None:
            assert "đại" in text + by_url(articles)[url].meta["title"].lower()


@pytest.mark.parametrize("exact,other", [("dốc", "đốc"), ("đốc", "dốc")])
def test_the_exact_spelling_ranks_first(home, exact, other):
    """d and đ are different letters: "dốc" (dốc sức) and "đốc" (Giám đốc) both match "doc", but
    a reader who typed one of them sees the pages writing it before those writing only the other."""
    page = home
    results = search(page, exact)["results"]
    word, other_word = exact.split()[0], other.split()[0]
    has = {w: re.compile(rf"(?<!\w){w}(?!\w)", re.IGNORECASE) for w in (word, other_word)}
    kinds = []
    for r in results:
        mine, theirs = bool(has[word].search(r["content"])), bool(has[other_word].search(r["content"]))
        kinds.append("both" if mine and theirs else "exact" if mine else "other" if theirs else "?")
    assert "exact" in kinds and "other" in kinds, kinds
    assert kinds.index("other") > max(i for i, k in enumerate(kinds) if k == "exact"), kinds
    unmarked = set(urls(page, search(page, "doc")))
    assert set(urls(page, {"results": results})) <= unmarked


def test_document_codes_are_found_as_written_and_typed_plainly(home, articles):
    page = home
    refs: dict[str, set[str]] = {}
    for a in articles:
        for doc in a.meta.get("documents") or []:
            if "/" in doc["ref"]:
                refs.setdefault(doc["ref"], set()).add(a.url)
    assert len(refs) >= 3, "the test corpus cites too few coded documents"
    assert "35-CT/TW" in refs
    assert any("Đ" in ref for ref in refs), "no code with Đ (01-KH/ĐU) in the corpus"
    for ref, citing in sorted(refs.items()):
        for typed in (ref, fold_d(ref).lower()):
            found = set(urls(page, search(page, typed)))
            assert citing <= found, f"{typed!r} misses {sorted(citing - found)}"


def test_an_abbreviation_finds_its_expansion_and_back(home, articles):
    page = home
    only_abbr = {a.url for a in articles if "HĐND" in a.body and "hội đồng nhân dân" not in a.body.lower()}
    only_full = {a.url for a in articles if "HĐND" not in a.body and "hội đồng nhân dân" in a.body.lower()}
    assert only_abbr and only_full
    assert only_full <= set(urls(page, search(page, "HĐND")))
    assert only_full <= set(urls(page, search(page, "hdnd")))
    assert only_abbr <= set(urls(page, search(page, "Hội đồng nhân dân")))
    assert only_abbr <= set(urls(page, search(page, "hoi dong nhan dan")))
    # tone placement does not matter: the fixture writes "Uỷ ban nhân dân" (old style)
    old_style = {a.url for a in articles if "Uỷ ban nhân dân" in a.body and "UBND" not in a.body}
    assert old_style and old_style <= set(urls(page, search(page, "UBND")))


def test_theme_and_interface_words_are_not_indexed(home, articles):
    """The skip link ("Bỏ qua"), header, navigation, footer and the search box's own words."""
    page = home
    bodies = by_url(articles)
    for phrase in ("Bỏ qua", "Cổng thông tin Đại hội Đảng", "Material for MkDocs", "Gõ từ khóa",
                   "Tìm kiếm", "Thanh điều hướng", "Trang chủ"):
        for r in search(page, phrase)["results"]:
            url = site_path(page, r["url"])
            if phrase.lower() in r["content"].lower():
                article = bodies.get(url)
                own = article is not None and phrase.lower() in (article.body + article.meta["title"]).lower()
                assert own, f"{phrase!r} indexed on {url} though the article does not write it"
    assert search(page, '"Made with Material for MkDocs"')["results"] == []
    assert search(page, '"Gõ từ khóa để tìm"')["results"] == []


# --- what results show -------------------------------------------------------------------------


_PAGE_TEXTS: dict[str, dict[str, str]] = {}  # per server: a page's text, fetched once per session


@pytest.mark.parametrize("query", ["đại hội", "dai hoi", "hdnd", "dang vien", "35-CT/TW", "Đồng Tháp"])
def test_excerpts_are_the_pages_own_text(home, query):
    page = home
    response = search(page, query)
    assert response["results"]
    texts = _PAGE_TEXTS.setdefault(page.server.root, {})
    for r in response["results"]:
        for field in ("excerpt", "content", "title"):
            assert not any(m in (r[field] or "") for m in FOLD_MARKS), f"folded text in {field} of {r['url']}"
        assert "<mark>" in r["excerpt"] or r["matched"], f"{r['url']}: nothing matched in {r['excerpt']!r}"
        if r["url"] not in texts:
            texts[r["url"]] = squash(page.evaluate(PAGE_TEXT_JS, r["url"]))
        excerpt = squash(plain(r["excerpt"]))
        assert excerpt in texts[r["url"]], f"{r['url']}: excerpt {excerpt!r} is not the page's text"
        assert squash(r["title"]) in texts[r["url"]]


def test_meta_and_filters_come_back_in_real_text(home, articles):
    page = home
    for r in search(page, "đảng bộ")["results"]:
        for value in [r["title"], r["unit"] or ""] + [v for vs in (r["filters"] or {}).values() for v in vs]:
            assert not any(m in value for m in FOLD_MARKS)
        assert "aliases" not in r["meta"]
    titles = {site_path(page, r["url"]): r["title"] for r in search(page, "dai hoi")["results"]}
    for a in articles:
        if a.url in titles:
            assert titles[a.url] == a.meta["title"]


# --- facets, filters and sorting ---------------------------------------------------------------


def expected_facets(articles: list[ArticleInfo]) -> dict[str, Counter]:
    """What the contract (section 6) says each article is filed under, from its front matter."""
    catalog = build_catalog([(f"{a.url[:-1]}.md", a.meta) for a in articles])
    out = {name: Counter() for name in ("unit", "level", "term", "year", "document")}
    for e in catalog.entries:
        if e.unit_key in catalog.units:
            out["unit"][catalog.units[e.unit_key].name] += 1
        if e.unit_level:
            out["level"][e.unit_level] += 1
        out["term"].update(set(e.terms))
        out["year"][year_label(e.year)] += 1
        out["document"].update({document_label(*d.key) for d in e.documents})
    return out


def read_facets(page: Any) -> dict[str, dict[str, int]]:
    return page.evaluate("""() => {
      const out = {};
      document.querySelectorAll("[data-facet]").forEach(section => {
        const values = {};
        section.querySelectorAll("[data-value]").forEach(b => {
          values[b.getAttribute("data-value")] = Number(b.querySelector(".portal-facet__count").textContent);
        });
        out[section.getAttribute("data-facet")] = values;
      });
      return out;
    }""")


def open_results(page: Any, query: str = "") -> None:
    page.goto(page.server.root + "tim-kiem/" + (f"?q={query}" if query else ""))
    page.wait_for_selector("#portal-search-page[data-state=done]")


def test_facet_counts_are_the_articles_front_matter(page, articles):
    open_results(page)
    page.evaluate("() => document.querySelectorAll('.portal-facet__more').forEach(b => b.click())")
    shown = read_facets(page)
    for name, counts in expected_facets(articles).items():
        assert shown.get(name, {}) == dict(counts), name
    assert shown["year"], "no year facet"


def test_facet_counts_follow_the_query(home):
    page = home
    response = search(page, "dai hoi")
    counted = Counter(y for r in response["results"] for y in (r["filters"] or {}).get("year", []))
    assert {k: v for k, v in response["filters"]["year"].items() if v} == dict(counted)


def test_clicking_a_facet_narrows_the_results(page):
    open_results(page, "dai%20hoi")
    button = page.locator("[data-facet=year] [data-value]").first
    value = button.get_attribute("data-value")
    count = int(button.locator(".portal-facet__count").text_content())
    button.click()
    page.wait_for_selector(f"#portal-search-page[data-state=done] [data-facet=year] [aria-pressed=true]")
    assert page.text_content("[data-portal-count]").startswith(f"{count} kết quả")
    assert page.get_attribute(f"[data-facet=year] [data-value='{value}']", "aria-pressed") == "true"
    assert parse_qs(urlsplit(page.url).query)["year"] == [value]
    filtered = search(page, "dai hoi", {"filters": {"year": value}})
    assert len(filtered["results"]) == count
    assert all(value in r["filters"]["year"] for r in filtered["results"])
    shown = page.locator("[data-portal-results] > li").count()
    assert shown == min(count, 10)


def test_a_unit_filter_in_real_text_matches(home, articles):
    page = home
    expected = expected_facets(articles)["unit"]
    name, count = max(((n, c) for n, c in expected.items() if "Đ" in n or "đ" in n), key=lambda x: x[1])
    response = search(page, None, {"filters": {"unit": name}})
    assert len(response["results"]) == count


def _sort_dates(articles: list[ArticleInfo]) -> dict[str, str | None]:
    out = {}
    for a in articles:
        d = a.meta.get("date") or a.meta.get("event_date")
        out[a.url] = str(d) if d else None
    return out


@pytest.mark.parametrize("direction", ["desc", "asc"])
def test_sorting_by_date_puts_undated_articles_last(home, articles, direction):
    page = home
    dates = _sort_dates(articles)
    assert None in dates.values(), "the corpus has no undated article"
    found = urls(page, search(page, "dang", {"sort": {"date": direction}}))
    unsorted = set(urls(page, search(page, "dang")))
    assert {u for u in unsorted if u in dates} == set(found), "sorting lost or added articles"
    seq = [dates[u] for u in found]
    dated = [d for d in seq if d is not None]
    assert seq == dated + [None] * (len(seq) - len(dated)), "undated articles are not last"
    assert dated == sorted(dated, reverse=(direction == "desc"))


# --- the search box and the results page -------------------------------------------------------


def test_the_header_box_shows_highlighted_excerpts_and_leads_to_the_results_page(page):
    open_home(page)
    page.fill("[data-portal-search-input]", "dai hoi")
    page.wait_for_selector("[data-portal-search-list] .portal-search-result__excerpt mark")
    first = page.locator("[data-portal-search-list] .md-search-result__link").first
    excerpt = first.locator(".portal-search-result__excerpt").inner_html()
    assert not any(m in excerpt for m in FOLD_MARKS)
    assert re.search(r"<mark>[^<]*(đại|Đại|ĐẠI)[^<]*</mark>", excerpt), excerpt
    href = first.get_attribute("href")
    assert href.startswith(urlsplit(page.server.root).path + "bai-viet/") or "/" in href
    page.press("[data-portal-search-input]", "Enter")
    page.wait_for_url(re.compile(r"tim-kiem/\?q=dai"))
    page.wait_for_selector("#portal-search-page[data-state=done]")
    assert page.locator("[data-portal-results] > li").count() > 0
    assert urlsplit(page.url).path == urlsplit(page.server.root).path + "tim-kiem/"


def test_results_link_to_pages_of_this_site(page):
    open_results(page, "dang%20vien")
    links = page.eval_on_selector_all("[data-portal-results] a", "els => els.map(a => a.href)")
    assert links
    for link in links[:5]:
        assert link.startswith(page.server.root)
        response = page.request.get(link)
        assert response.status == 200


def test_a_first_search_stays_light_and_local(page):
    """Issue 12 asks < 300 KB for a first search; every request stays on this host (see conftest)."""
    open_home(page)
    start = len(page.requests.responses)
    page.fill("[data-portal-search-input]", "dai hoi")
    page.wait_for_selector("[data-portal-search-list] .portal-search-result__excerpt")
    page.wait_for_load_state("networkidle")
    downloaded = page.requests.bytes_since(start)
    assert downloaded < 300_000, downloaded
    assert all(urlsplit(u).netloc == page.server.host for u in page.requests.urls if u.startswith("http"))


def test_the_search_page_opened_empty_lists_nothing_and_loads_no_word_index(page):
    """Browsing "everything" would download the whole index (20 MB at 10,000 articles): the empty page
    shows the archive's facet counts (written by the build) and asks for a query instead."""
    open_results(page)
    assert page.locator("[data-portal-results] li").count() == 0
    assert page.locator("[data-facet=year] [data-value]").count() > 0
    read = [u for u in page.requests.urls if "/pagefind/" in u and not u.endswith("/facets.json")]
    assert read == [], read  # the archive's facet counts only: no bundle, no word index
    assert any(u.endswith("/pagefind/facets.json") for u in page.requests.urls)


# --- the index in bundles: newest articles first, older ones when asked ------------------------


def _manifest(page: Any) -> dict:
    return page.evaluate("() => window.portalSearch.bundles()")


def _bundles_read(page: Any, start: int = 0) -> set[str]:
    """The bundles (b0/, b1/, ...) the page has read a word index or page list from (since the
    `start`-th request)."""
    return {m.group(1) for u in page.requests.urls[start:] for m in [re.search(r"/pagefind/(b\d+/)", u)]
            if m and (".pf_meta" in u or ".pf_index" in u)}


def _scope_state(page: Any) -> tuple[bool, str]:
    box = page.locator(".portal-search-page__older")
    return box.is_visible(), page.text_content("[data-portal-scope]") or ""


def test_a_first_search_reads_the_newest_bundles_and_says_which_articles_are_left(page):
    open_home(page)
    manifest = _manifest(page)
    assert len(manifest["bundles"]) >= 3, "the test site is not split into bundles"
    whole = search(page, "dang")
    first_two = search(page, "dang", {"bundles": 2})
    assert 0 < len(first_two["results"]) < len(whole["results"])

    start = len(page.requests.urls)
    page.goto(page.server.root + "tim-kiem/?q=dang")
    page.wait_for_selector("#portal-search-page[data-state=done]")
    assert _bundles_read(page, start) <= {"b0/", "b1/"}, _bundles_read(page, start)
    visible, note = _scope_state(page)
    assert visible and "chưa tìm" in note
    left = sum(b["count"] for b in manifest["bundles"][2:])
    assert f"còn {left} bài cũ hơn" in note, note
    assert page.text_content("[data-portal-count]").startswith(f"{len(first_two['results'])} kết quả")
    assert page.locator("[data-portal-facets-scope]").count() == 1  # counts say what they cover

    page.click("[data-portal-older]")
    page.wait_for_selector("#portal-search-page[data-state=done]")
    assert "b2/" in _bundles_read(page, start)
    three = search(page, "dang", {"bundles": 3})
    assert page.text_content("[data-portal-count]").startswith(f"{len(three['results'])} kết quả")

    page.click("[data-portal-everything]")
    page.wait_for_selector("#portal-search-page[data-state=done]")
    assert not _scope_state(page)[0]
    assert page.text_content("[data-portal-count]").startswith(f"{len(whole['results'])} kết quả")
    assert page.locator("[data-portal-facets-scope]").count() == 0
    page.evaluate("() => document.querySelectorAll('.portal-facet__more').forEach(b => b.click())")
    shown = read_facets(page)
    assert shown["year"] == {k: v for k, v in whole["filters"]["year"].items() if v}


def test_results_found_first_stay_in_place_when_older_articles_are_searched(page):
    page.goto(page.server.root + "tim-kiem/?q=dang&sort=desc")
    page.wait_for_selector("#portal-search-page[data-state=done]")
    before = page.eval_on_selector_all("[data-portal-results] a", "els => els.map(a => a.href)")
    while page.locator("[data-portal-older]").is_visible():
        page.click("[data-portal-older]")
        page.wait_for_selector("#portal-search-page[data-state=done]")
    after = page.eval_on_selector_all("[data-portal-results] a", "els => els.map(a => a.href)")
    assert after == before
    expected = [page.server.root + u for u in urls(page, search(page, "dang", {"sort": {"date": "desc"}}))]
    assert after == expected[:len(after)]  # bundle after bundle is the archive's newest-first order
    assert page.text_content("[data-portal-count]").startswith(f"{len(expected)} kết quả")


def test_the_more_button_goes_on_into_older_articles(page):
    page.goto(page.server.root + "tim-kiem/?q=dang")
    page.wait_for_selector("#portal-search-page[data-state=done]")
    shown = page.locator("[data-portal-results] > li").count()
    read = _bundles_read(page)
    for _ in range(10):
        page.click(".portal-results__more")
        page.wait_for_selector("#portal-search-page[data-state=done]")
        if page.locator("[data-portal-results] > li").count() > shown:
            break
    assert page.locator("[data-portal-results] > li").count() > shown
    assert _bundles_read(page) > read


def test_the_header_box_says_older_articles_are_not_searched_yet(page):
    open_home(page)
    page.fill("[data-portal-search-input]", "dang")
    page.wait_for_selector("[data-portal-search-list] .portal-search-result__excerpt")
    assert "bài mới nhất" in page.text_content("[data-portal-search-status]")
    link = page.locator("[data-portal-more=older]")
    assert link.count() == 1 and "bài cũ hơn" in link.text_content()
    assert parse_qs(urlsplit(link.get_attribute("href")).query)["q"] == ["dang"]
    assert _bundles_read(page) <= {"b0/", "b1/"}


def test_a_year_filter_reads_only_the_bundles_holding_that_year(page, articles):
    open_home(page)
    manifest = _manifest(page)
    year = next(b["years"][0] for b in reversed(manifest["bundles"]) if b["newest"])
    holding = [b["path"] for b in manifest["bundles"] if year in b["years"]]
    assert len(holding) < len(manifest["bundles"])
    start = len(page.requests.urls)
    response = search(page, None, {"filters": {"year": year}})
    expected = [a.url for a in articles if year_label(a.meta.get("year")) == year]
    assert sorted(urls(page, response)) == sorted(expected)
    read = _bundles_read(page, start)
    assert read and read <= set(holding), (read, holding)


def test_only_articles_are_indexed_not_the_listings_that_repeat_them(home, articles):
    """Unit, term, year and document pages repeat their articles' summaries: indexing them made the
    index about twice as big and listed the same text twice."""
    page = home
    for query in ("nhiem ky", "dang bo", "nam"):
        found = urls(page, search(page, query))
        assert found and all(u.startswith("bai-viet/") for u in found), found
    total = page.evaluate("() => window.portalSearch.bundles()")["articles"]
    assert total == len(articles)
