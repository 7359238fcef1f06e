"""The catalog without MkDocs: grouping, Vietnamese order, newest first, addresses, paging, related."""
from __future__ import annotations

import time
from html.parser import HTMLParser

import pytest

from scripts import catalog as cat
from scripts import pages


def meta(title: str, *, date: str | None = None, unit: str | None = "Đảng bộ xã Mỹ Hòa",
         unit_key: str | None = None, level: str | None = "đảng bộ cơ sở", terms=("2020-2025",),
         documents=(), congresses=(), event_date: str | None = None, year: int | None = None,
         province: str | None = None) -> dict:
    return {
        "title": title, "date": date, "event_date": event_date,
        "year": year if year is not None else (int((date or event_date)[:4]) if (date or event_date) else None),
        "unit": unit, "unit_key": unit_key if unit_key is not None else unit, "unit_level": level,
        "province": province, "terms": list(terms), "congresses": list(congresses),
        "documents": list(documents), "summary": f"Tóm tắt: {title}", "source_file": f"{title}.txt",
    }


def build(*metas: dict, **kw) -> cat.Catalog:
    return cat.build_catalog([(f"bai-viet/a{i}.md", m) for i, m in enumerate(metas)], **kw)


def titles(entries) -> list[str]:
    return [x.title for x in entries]


# --- grouping ------------------------------------------------------------------------------------


def test_articles_group_by_unit_key_and_the_unit_takes_the_fullest_name():
    c = build(
        meta("a", date="2020-01-01", unit="Đảng bộ xã Mỹ Hòa", unit_key="Đảng bộ xã Mỹ Hòa"),
        meta("b", date="2020-02-01", unit="Đảng ủy xã Mỹ Hòa", unit_key="Đảng bộ xã Mỹ Hòa"),
        meta("c", date="2020-03-01", unit="Đảng bộ xã Mỹ Hòa, huyện Tân Lạc", unit_key="Đảng bộ xã Mỹ Hòa"),
        meta("d", date="2020-04-01", unit="Đảng bộ xã Phú Cường"),
    )
    assert len(c.unit_list) == 2
    unit = c.units["Đảng bộ xã Mỹ Hòa"]
    assert unit.name == "Đảng bộ xã Mỹ Hòa, huyện Tân Lạc"
    assert titles(unit.entries) == ["c", "b", "a"]
    assert unit.url == "don-vi/dang-bo-xa-my-hoa/"


def test_unit_level_and_province_are_the_most_common_among_its_articles():
    c = build(meta("a", level="cấp huyện", province="Hòa Bình"), meta("b", level="cấp huyện", province="Hòa Bình"),
              meta("c", level="khác", province=None))
    unit = c.units["Đảng bộ xã Mỹ Hòa"]
    assert (unit.level, unit.province) == ("cấp huyện", "Hòa Bình")


def test_a_unit_lists_only_its_own_congresses_by_term():
    own = {"body": "Đảng bộ xã Mỹ Hòa", "number": 12, "term": "2020-2025"}
    earlier = {"body": "Đảng bộ xã Mỹ Hòa", "number": 11, "term": "2015-2020"}
    national = {"body": "Đảng Cộng sản Việt Nam", "number": 13, "term": None}
    unnumbered_repeat = {"body": "đảng bộ xã mỹ hòa", "number": None, "term": "2020-2025"}
    c = build(meta("a", congresses=[own, national]), meta("b", congresses=[earlier, unnumbered_repeat]))
    assert c.units["Đảng bộ xã Mỹ Hòa"].congresses == [("2020-2025", 12), ("2015-2020", 11)]


def test_a_congress_goes_to_the_unit_of_that_exact_name_not_to_a_look_alike():
    an = {"body": "Đảng bộ xã An Phước", "number": 3, "term": "2020-2025"}
    c = build(meta("a", unit="Đảng bộ xã Ân Phước", congresses=[an]), meta("b", unit="Đảng bộ xã An Phước"),
              meta("c", unit="Đảng bộ xã Mỹ Thuỷ", congresses=[{"body": "Đảng bộ xã Mỹ Thủy", "number": 1,
                                                                  "term": "2020-2025"}]))
    assert c.units["Đảng bộ xã Ân Phước"].congresses == []
    assert c.units["Đảng bộ xã An Phước"].congresses == [("2020-2025", 3)]
    assert c.units["Đảng bộ xã Mỹ Thuỷ"].congresses == [("2020-2025", 1)]  # tone placement aside


def test_every_term_an_article_names_lists_it():
    c = build(meta("a", terms=["2020-2025", "2015-2020"]), meta("b", terms=["2015-2020"]))
    assert titles(c.terms["2020-2025"].entries) == ["a"]
    assert sorted(titles(c.terms["2015-2020"].entries)) == ["a", "b"]
    assert c.terms["2015-2020"].url == "nhiem-ky/2015-2020/"
    assert c.terms["2015-2020"].name == "Nhiệm kỳ 2015-2020"


def test_years_come_from_the_year_key_and_the_undated_have_their_own_page():
    c = build(meta("a", date="2020-05-01"), meta("b", event_date="2019-03-02"), meta("c"))
    assert titles(c.years[2020].entries) == ["a"]
    assert titles(c.years[2019].entries) == ["b"]
    assert titles(c.years[None].entries) == ["c"]
    assert c.years[None].name == "Chưa rõ năm"
    assert c.years[None].url == "nam/chua-ro/"
    assert c.years[2020].url == "nam/2020/"
    assert [g.key for g in c.years_ordered()] == [2020, 2019, None]


def test_documents_are_identified_by_ref_and_year_and_list_every_citing_article():
    ct = {"type": "Chỉ thị", "ref": "35-CT/TW", "date": "2019-05-30", "issuer": "Bộ Chính trị"}
    ct_again = {"type": "Chỉ thị", "ref": "35-CT/TW", "date": "2019-05-30", "issuer": None}
    kh_2020 = {"type": "Kế hoạch", "ref": "17-KH/ĐU", "date": "2020-01-02", "issuer": None}
    kh_2023 = {"type": "Kế hoạch", "ref": "17-KH/ĐU", "date": "2023-06-07", "issuer": None}
    bare = {"type": "Kế hoạch", "ref": "17", "date": None, "issuer": None}
    c = build(meta("a", documents=[ct, kh_2020]), meta("b", documents=[ct_again, kh_2023, bare]))
    doc = c.documents[("35-CT/TW", 2019)]
    assert sorted(titles(doc.entries)) == ["a", "b"]
    assert (doc.type, doc.ref, doc.date, doc.issuer) == ("Chỉ thị", "35-CT/TW", "2019-05-30", "Bộ Chính trị")
    assert doc.url == "van-ban/35-ct-tw-2019/"
    assert c.documents[("17-KH/ĐU", 2020)].url == "van-ban/17-kh-du-2020/"
    assert c.documents[("17-KH/ĐU", 2023)].url == "van-ban/17-kh-du-2023/"
    assert titles(c.documents[("17-KH/ĐU", 2023)].entries) == ["b"]
    assert c.documents[("17", None)].url == "van-ban/17/"


def test_an_article_without_unit_is_on_its_year_and_terms_but_no_unit_page():
    c = build(meta("a", unit=None, unit_key=None))
    assert c.units == {}
    assert titles(c.years[None].entries) == ["a"]


def test_hand_edited_front_matter_with_yaml_dates_and_missing_keys_is_read():
    import datetime

    c = cat.build_catalog([("bai-viet/x.md", {"title": "x", "date": datetime.date(2021, 2, 3)}),
                           ("bai-viet/y.md", {})])
    x = c.by_src["bai-viet/x.md"]
    assert (x.date, x.year, x.url) == ("2021-02-03", 2021, "bai-viet/x/")
    assert c.by_src["bai-viet/y.md"].year is None


# --- order -----------------------------------------------------------------------------------------


def test_listings_are_newest_first_and_undated_last():
    c = build(meta("old", date="2019-01-01"), meta("undated"), meta("new", date="2021-01-01"),
              meta("event only", event_date="2020-06-01"))
    assert titles(c.entries) == ["new", "event only", "old", "undated"]
    assert titles(c.units["Đảng bộ xã Mỹ Hòa"].entries) == titles(c.entries)


# Names a code-point sort gets wrong (Đ, U+0110, after E; Â after Z); tone marks only break ties.
VIETNAMESE_ORDER = [
    "Chi bộ An Hòa", "Chi bộ Ân Thi", "Chi bộ Ấp Bắc", "Chi bộ Bắc Sơn", "Chi bộ Dân Chủ", "Chi bộ Duyên Hải",
    "Chi bộ Đa Phúc", "Chi bộ Đông Hà", "Chi bộ Em Bé", "Chi bộ Hoa", "Chi bộ Hòa", "Chi bộ Hóa",
    "Chi bộ Ơn Sâu", "Chi bộ Uông Bí", "Chi bộ Ưng Hòa",
]


def test_units_sort_in_vietnamese_order_inside_a_level():
    shuffled = sorted(VIETNAMESE_ORDER, key=lambda s: s[::-1])
    c = build(*[meta(f"t{i}", unit=name, level="chi bộ") for i, name in enumerate(shuffled)])
    [(level, units)] = c.units_by_level()
    assert level == "chi bộ"
    assert [u.name for u in units] == VIETNAMESE_ORDER
    assert sorted(VIETNAMESE_ORDER) != VIETNAMESE_ORDER  # code-point order would fail this test


def test_levels_run_from_the_top_down_with_unknown_last():
    c = build(meta("a", unit="A", level="chi bộ"), meta("b", unit="B", level="toàn quốc"),
              meta("c", unit="C", level=None), meta("d", unit="D", level="cấp tỉnh"))
    assert [lvl for lvl, _ in c.units_by_level()] == ["toàn quốc", "cấp tỉnh", "chi bộ", cat.UNKNOWN_LEVEL]


def test_terms_newest_first_and_documents_grouped_by_type_in_vietnamese_order():
    docs = [{"type": t, "ref": r, "date": None, "issuer": None}
            for t, r in (("Quyết định", "1-QĐ/TU"), ("Chỉ thị", "2-CT/TW"), ("Đề án", "3-ĐA/TU"), ("Điều lệ", "4"))]
    c = build(meta("a", terms=["2015-2020", "2020-2025", "2010-2015"], documents=docs))
    assert [g.key for g in c.terms_ordered()] == ["2020-2025", "2015-2020", "2010-2015"]
    assert [t for t, _ in c.documents_by_type()] == ["Chỉ thị", "Đề án", "Điều lệ", "Quyết định"]


# --- addresses -------------------------------------------------------------------------------------


def test_addresses_follow_the_site_owners_prefixes():
    c = build(meta("a", date="2020-01-01", documents=[{"type": "Kế hoạch", "ref": "5", "date": None, "issuer": None}]),
              prefixes={"units": "to-chuc", "terms": "khoa", "years": "thoi-gian", "documents": "tai-lieu"})
    assert c.units["Đảng bộ xã Mỹ Hòa"].url == "to-chuc/dang-bo-xa-my-hoa/"
    assert c.terms["2020-2025"].url == "khoa/2020-2025/"
    assert c.years[2020].url == "thoi-gian/2020/"
    assert c.documents[("5", None)].url == "tai-lieu/5/"


def test_units_whose_names_differ_only_in_marks_share_their_address_with_a_section_each():
    """The address is the slug of unit_key (contract §5): case variants are one unit; names that
    differ in marks are two units on one page, so every article is at its unit's address."""
    c = build(meta("a", unit="Chi bộ Thôn Đông", date="2020-01-01"), meta("b", unit="Chi bộ thôn Đông", date="2021-01-01"),
              meta("c", unit="Chi bộ Thôn Đồng", date="2022-01-01", level="chi bộ"))
    assert c.units["Chi bộ Thôn Đông"] is c.units["Chi bộ thôn Đông"]
    assert c.units["Chi bộ Thôn Đồng"] is not c.units["Chi bộ Thôn Đông"]
    assert {u.url for u in c.unit_list} == {"don-vi/chi-bo-thon-dong/"}
    [shared] = c.units_by_address()
    assert [u.name for u in shared] == ["Chi bộ Thôn Đông", "Chi bộ Thôn Đồng"]
    [page] = pages.shared_unit_pages(shared, c, 50)
    html = page.html()
    assert page.src_uri == "don-vi/chi-bo-thon-dong/index.md"
    assert "<h1>Chi bộ Thôn Đông · Chi bộ Thôn Đồng</h1>" in html
    assert html.count('class="portal-item"') == 3
    assert "<h2>Chi bộ Thôn Đồng</h2>" in html


def test_refs_that_share_an_address_share_the_document_page():
    docs = [{"type": "Kế hoạch", "ref": r, "date": "2020-01-02", "issuer": None} for r in ("17-KH/ĐU", "17-KH/DU")]
    c = build(meta("a", documents=[docs[0]]), meta("b", documents=[docs[0]]), meta("c", documents=[docs[1]]))
    page = c.documents[("17-KH/ĐU", 2020)]
    assert page is c.documents[("17-KH/DU", 2020)]
    assert (page.ref, page.url) == ("17-KH/ĐU", "van-ban/17-kh-du-2020/")
    assert sorted(titles(page.entries)) == ["a", "b", "c"]


def test_relative_links_work_from_any_page_depth():
    assert pages.rel("bai-viet/x/", "don-vi/y/") == "../../don-vi/y/"
    assert pages.rel("", "nam/2020/") == "nam/2020/"
    assert pages.rel("don-vi/y/trang-2/", "don-vi/y/") == "../"
    assert pages.rel("nam/2020/", "nam/2020/") == "./"
    assert pages.rel("nam/", "") == "../"


# --- paging ----------------------------------------------------------------------------------------


def test_paging_splits_at_the_page_size_and_numbers_addresses():
    result = cat.paginate(list(range(120)), "don-vi/x/", 50)
    assert [len(p.items) for p in result] == [50, 50, 20]
    assert [p.url for p in result] == ["don-vi/x/", "don-vi/x/trang-2/", "don-vi/x/trang-3/"]
    assert {p.count for p in result} == {3}
    assert cat.paginate([], "nam/2020/", 50)[0].items == []
    assert len(cat.paginate(list(range(50)), "a/", 50)) == 1


def test_listing_pages_paginate_and_every_page_heading_names_the_unit():
    c = build(*[meta(f"bài {i:03d}", date=f"2020-01-{1 + i % 28:02d}") for i in range(7)])
    generated = pages.unit_pages(c.units["Đảng bộ xã Mỹ Hòa"], c, page_size=3)
    assert [p.src_uri for p in generated] == ["don-vi/dang-bo-xa-my-hoa/index.md",
                                              "don-vi/dang-bo-xa-my-hoa/trang-2/index.md",
                                              "don-vi/dang-bo-xa-my-hoa/trang-3/index.md"]
    for p in generated:
        assert "<h1>Đảng bộ xã Mỹ Hòa</h1>" in p.html()


# --- related ---------------------------------------------------------------------------------------


def test_related_prefers_the_same_unit_then_the_same_term_and_never_itself():
    c = build(meta("u1", date="2020-01-01"), meta("u2", date="2020-02-01"),
              meta("t1", date="2020-03-01", unit="Chi bộ Khác"), meta("x", date="2020-04-01", unit="Chi bộ Xa", terms=[]))
    me = c.by_src["bai-viet/a0.md"]
    assert titles(cat.related(c, me)) == ["u2", "t1"]


def test_related_takes_the_nearest_in_time_first_and_stops_at_the_count():
    c = build(*[meta(f"n{i}", date=f"2020-{i + 1:02d}-01") for i in range(12)])
    me = next(x for x in c.entries if x.title == "n6")
    assert titles(cat.related(c, me, count=4)) == ["n5", "n7", "n4", "n8"]


def test_catalog_and_related_scale_linearly():
    n = 20_000
    metas = [meta(f"bài {i}", date=f"20{10 + i % 12}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                  unit=f"Chi bộ {i % 3}", terms=["2020-2025", "2015-2020"]) for i in range(n)]
    start = time.perf_counter()
    c = build(*metas)
    for entry in c.entries:
        assert len(cat.related(c, entry)) == cat.RELATED_COUNT
    # Quadratic work on 20,000 articles would take minutes; linear takes about a second.
    assert time.perf_counter() - start < 30


# --- the pieces of HTML ----------------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_markup_in_a_headline_is_shown_as_text_in_listings():
    c = build(meta("<script>alert(1)</script> & \"x\"", date="2020-01-01"))
    page = pages.group_pages(c.years[2020], "year", c, 50)[0]
    parser = _Text()
    parser.feed(page.html())
    assert "script" not in [t for t, _ in parser.tags]
    assert "<script>alert(1)</script> & \"x\"" in "".join(parser.text)


def test_search_attributes_follow_the_contract():
    ct = {"type": "Chỉ thị", "ref": "35-CT/TW", "date": "2019-05-30", "issuer": None}
    bare = {"type": "Kế hoạch", "ref": "17", "date": None, "issuer": None}
    c = build(meta("a", date="2020-05-01", unit="Đảng bộ xã Mỹ Hòa, huyện Tân Lạc", unit_key="K",
                   terms=["2020-2025", "2015-2020"], documents=[ct, bare]),
              meta("b"))
    parser = _Text()
    parser.feed(pages.search_attributes(c.by_src["bai-viet/a0.md"], c))
    found = [(a.get("data-pagefind-filter") or a.get("data-pagefind-meta") or a.get("data-pagefind-sort"),
              a.get("data-value")) for t, a in parser.tags if "data-value" in a]
    assert found == [
        ("unit[data-value]", "Đảng bộ xã Mỹ Hòa, huyện Tân Lạc"), ("level[data-value]", "đảng bộ cơ sở"),
        ("term[data-value]", "2020-2025"), ("term[data-value]", "2015-2020"), ("year[data-value]", "2020"),
        ("document[data-value]", "35-CT/TW (2019)"), ("document[data-value]", "17"),
        ("title[data-value]", "a"), ("date[data-value]", "2020-05-01"),
        ("unit[data-value]", "Đảng bộ xã Mỹ Hòa, huyện Tân Lạc"), ("date[data-value]", "2020-05-01"),
    ]
    assert "".join(parser.text) == ""  # nothing here adds words to the search index
    undated = _Text()
    undated.feed(pages.search_attributes(c.by_src["bai-viet/a1.md"], c))
    values = {a.get("data-pagefind-filter") or a.get("data-pagefind-sort"): a["data-value"]
              for _, a in undated.tags if "data-value" in a}
    assert values["year[data-value]"] == "Chưa rõ năm"
    assert values["date[data-value]"] < "1000"  # sorts after every dated article, newest first


def test_feed_lists_the_latest_dated_articles_with_absolute_links():
    import xml.etree.ElementTree as ET

    c = build(meta("cũ", date="2019-01-01"), meta("mới & <b>", date="2021-01-01"), meta("không ngày"))
    xml = pages.rss_feed(c, "https://example.org/dai-hoi", "Cổng", "Mô tả", 10)
    root = ET.fromstring(xml)
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["mới & <b>", "cũ"]
    assert items[0].findtext("link") == "https://example.org/dai-hoi/bai-viet/a1/"
