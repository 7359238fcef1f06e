"""The preview's rebuild plan without MkDocs: which pages render again after an edit, which go."""
from __future__ import annotations

from scripts import catalog as cat
from scripts import pages, rebuild
from tests.test_catalog import meta

SETUP = rebuild.digest("mkdocs.yml", "templates")


def site(metas: dict[str, dict]) -> dict[str, tuple[str, str]]:
    """{src_uri: (digest, output)} as the hook computes it for a site of these articles."""
    catalog = cat.build_catalog(list(metas.items()))
    generated = pages.all_pages(catalog, page_size=2, latest=2, site_name="Cổng thử")
    made = rebuild.portal_pages(generated, catalog)
    def output(src: str) -> str:
        url = src.removesuffix("index.md") if src.endswith("index.md") else cat.article_url(src)
        return f"site/{url}index.html"

    return {src: (d, output(src)) for src, (d, _) in made.items()}


def articles() -> dict[str, dict]:
    return {
        "bai-viet/a.md": meta("Xã Mỹ Hòa họp", date="2020-01-05"),
        "bai-viet/b.md": meta("Xã Mỹ Hòa đại hội", date="2020-03-01"),
        "bai-viet/c.md": meta("Xã Mỹ Hòa sơ kết", date="2022-06-01"),
        "bai-viet/d.md": meta("Huyện Tân Lạc tổng kết", date="2015-02-02", unit="Đảng bộ huyện Tân Lạc",
                              level="cấp huyện", terms=("2010-2015",)),
        "bai-viet/e.md": meta("Huyện Tân Lạc hội nghị", date="2014-11-11", unit="Đảng bộ huyện Tân Lạc",
                              level="cấp huyện", terms=("2010-2015",)),
    }


def test_the_first_build_renders_everything_and_an_unchanged_site_renders_nothing():
    pages_now = site(articles())
    first = rebuild.plan(None, SETUP, pages_now)
    assert first.changed == frozenset(pages_now) and not first.stale_outputs
    again = rebuild.plan(first.memory, SETUP, site(articles()))
    assert again.changed == frozenset() and not again.stale_outputs


def test_a_changed_configuration_or_template_renders_everything_again():
    first = rebuild.plan(None, SETUP, site(articles()))
    again = rebuild.plan(first.memory, rebuild.digest("mkdocs.yml", "templates, edited"), site(articles()))
    assert again.changed == frozenset(first.memory.pages)


def test_a_retitled_article_renders_its_listings_and_neighbours_not_the_other_units_pages():
    before = rebuild.plan(None, SETUP, site(articles())).memory
    edited = articles()
    edited["bai-viet/b.md"] = meta("Xã Mỹ Hòa đại hội lần thứ XV", date="2020-03-01")
    plan = rebuild.plan(before, SETUP, site(edited))
    # the listings that show its title: its unit, its year, its term, the archive, the home page's latest
    for listing in ("don-vi/dang-bo-xa-my-hoa/index.md", "nam/2020/index.md", "nhiem-ky/2020-2025/index.md",
                    "bai-viet/index.md", "index.md"):
        assert listing in plan.changed, listing
    # its unit's other articles list it among their related articles
    assert {"bai-viet/a.md", "bai-viet/c.md"} <= plan.changed
    # nothing of the other unit, its year or term, nor the directories (names and counts unchanged),
    # nor the archive's second page (b is on the first)
    for untouched in ("don-vi/dang-bo-huyen-tan-lac/index.md", "nam/2015/index.md", "nhiem-ky/2010-2015/index.md",
                      "bai-viet/d.md", "bai-viet/e.md", "don-vi/index.md", "nhiem-ky/index.md",
                      "bai-viet/trang-2/index.md", "nhiem-ky/2020-2025/trang-2/index.md"):
        assert untouched not in plan.changed, untouched
    # its own page too: its search attributes carry the title
    assert "bai-viet/b.md" in plan.changed
    assert not plan.stale_outputs


def test_a_new_article_updates_home_directories_and_every_listing_it_joins():
    before = rebuild.plan(None, SETUP, site(articles())).memory
    grown = articles()
    grown["bai-viet/f.md"] = meta("Xã Phú Cường ra mắt", date="2023-09-09", unit="Đảng bộ xã Phú Cường",
                                  terms=("2020-2025",), documents=({"type": "Kế hoạch", "ref": "17-KH/ĐU",
                                                                     "date": "2023-01-02", "issuer": None},))
    plan = rebuild.plan(before, SETUP, site(grown))
    for page in ("bai-viet/f.md", "index.md", "don-vi/index.md", "van-ban/index.md",
                 "don-vi/dang-bo-xa-phu-cuong/index.md", "nam/2023/index.md", "nhiem-ky/2020-2025/index.md",
                 "van-ban/17-kh-du-2023/index.md", "nam/index.md", "bai-viet/index.md"):
        assert page in plan.changed, page
    assert "don-vi/dang-bo-huyen-tan-lac/index.md" not in plan.changed


def test_a_removed_article_and_the_listings_left_empty_are_stale_outputs():
    before = rebuild.plan(None, SETUP, site(articles())).memory
    shrunk = articles()
    del shrunk["bai-viet/d.md"], shrunk["bai-viet/e.md"]  # the only articles of their unit, year and term
    plan = rebuild.plan(before, SETUP, site(shrunk))
    assert set(plan.stale_outputs) >= {
        "site/bai-viet/d/index.html", "site/bai-viet/e/index.html",
        "site/don-vi/dang-bo-huyen-tan-lac/index.html", "site/nam/2015/index.html",
        "site/nhiem-ky/2010-2015/index.html"}
    assert "site/bai-viet/a/index.html" not in plan.stale_outputs
    assert {"index.md", "don-vi/index.md", "nam/index.md", "nhiem-ky/index.md"} <= plan.changed


def test_memory_is_kept_per_output_folder_and_can_be_forgotten():
    memory = rebuild.Memory(setup=SETUP, pages={"index.md": ("x", "site/index.html")})
    rebuild.remember("/tmp/one", memory)
    assert rebuild.recall("/tmp/one") is memory and rebuild.recall("/tmp/two") is None
    rebuild.forget(["/tmp/one"])
    assert rebuild.recall("/tmp/one") is None


def test_remembered_article_inputs_give_the_digests_made_from_scratch():
    memo: dict = {}
    entries: dict = {}
    listings: set[str] = set()

    def digests(metas: dict[str, dict], use_memo: bool) -> dict[str, str]:
        catalog = cat.build_catalog(list(metas.items()), memo=entries if use_memo else None)
        generated = pages.all_pages(catalog, page_size=2, latest=2, site_name="Cổng thử")
        listings.clear()
        listings.update(p.src_uri for p in generated if p.inputs is not None)
        made = rebuild.portal_pages(generated, catalog, memo if use_memo else None)
        return {src: d for src, (d, _) in made.items()}

    first = articles()
    assert digests(first, True) == digests(first, False)
    edited = dict(first)  # the other articles keep their very front matter objects, as the hook's cache does
    edited["bai-viet/a.md"] = meta("Xã Mỹ Hòa họp, tiêu đề mới", date="2020-01-05")
    del edited["bai-viet/e.md"]
    remembered = digests(edited, True)
    assert remembered == digests(edited, False)
    assert listings and set(memo) == set(edited) | listings  # the removed article is forgotten


def test_remembered_listings_follow_every_change_a_listing_shows():
    """A listing's remembered inputs stand for its HTML: after each kind of edit, the digests made
    with the memo are those made from scratch, and the listings that show the change differ."""
    memo: dict = {}
    entries: dict = {}

    def digests(metas: dict[str, dict], use_memo: bool) -> dict[str, str]:
        catalog = cat.build_catalog(list(metas.items()), memo=entries if use_memo else None)
        generated = pages.all_pages(catalog, page_size=2, latest=2, site_name="Cổng thử")
        made = rebuild.portal_pages(generated, catalog, memo if use_memo else None)
        return {src: d for src, (d, _) in made.items()}

    metas = articles()
    before = digests(metas, True)
    a = metas["bai-viet/a.md"]
    edits = {
        "summary": {**a, "summary": "Tóm tắt khác hẳn"},
        "date, to another page": {**a, "date": "2023-12-31", "year": 2023},
        "undated": {**a, "date": None, "event_date": "2020-01-04"},
        # the fullest name of the unit changes: listings that show the unit beside each article differ
        "unit name": {**a, "unit": "Đảng bộ xã Mỹ Hòa (huyện Tân Lạc)", "unit_key": "Đảng bộ xã Mỹ Hòa"},
    }
    for what, edited in edits.items():
        changed = dict(metas, **{"bai-viet/a.md": edited})
        remembered = digests(changed, True)
        assert remembered == digests(changed, False), what
        listings = {src for src in remembered if src.endswith("index.md") and remembered[src] != before.get(src)}
        assert listings, what  # some listing shows the change
        assert digests(metas, True) == before, what  # and back
