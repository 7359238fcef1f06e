"""The index side of the search pipeline (scripts/search_index.py, scripts/pagefind_feed.py).

The browser side (portal-search.js: query folding, restoring, ranking) is tested in chromium in
tests/browser/test_query_pipeline.py and tests/browser/test_search.py.
"""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts import search_index as si
from scripts.pagefind_feed import BundleIndexer
from scripts.settings import load_data

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "overrides" / "assets" / "javascripts" / "portal-search.js"

texts = st.text(alphabet=st.characters(blacklist_characters=si.FOLD_MARK + si.BLOCK_MARK,
                                        blacklist_categories=("Cs",)))


# --- folding -----------------------------------------------------------------------------------


@given(texts)
def test_unfold_gives_back_exactly_what_was_folded(text):
    assert si.unfold(si.fold_for_index(text)) == text


@given(texts)
def test_the_folded_text_has_no_d_with_stroke_and_one_mark_per_one(text):
    folded = si.fold_for_index(text)
    assert "đ" not in folded and "Đ" not in folded
    assert folded.count(si.FOLD_MARK) == text.count("đ") + text.count("Đ")


def test_folding_keeps_case_and_the_other_marks():
    assert si.fold_for_index("Đại hội ĐẢNG bộ đồng") == "D\u034fại hội D\u034fẢNG bộ d\u034fồng"


def test_unfold_removes_block_marks_and_the_space_around_them():
    assert si.unfold("xã A \u2060 \u2060 Ngày 2/5 \u2060") == "xã A Ngày 2/5"
    assert si.unfold("D\u034fảng <mark>d\u034fại</mark> \u2060 hội") == "Đảng <mark>đại</mark> hội"


def test_block_ends_are_marked_so_blocks_neither_glue_nor_gain_a_full_stop():
    marked = si.mark_block_ends("<dl><dt>Đơn vị</dt><dd>Xã A</dd></dl><h1>Tiêu đề</h1><p>Câu.</p><b>x</b>")
    assert marked == ("<dl><dt>Đơn vị \u2060 </dt><dd>Xã A \u2060 </dd> \u2060 </dl>"
                      "<h1>Tiêu đề \u2060 </h1><p>Câu. \u2060 </p><b>x</b>")


# --- the page Pagefind reads ---------------------------------------------------------------------

PAGE = ('<html lang="vi"><head><title>Đại hội</title></head><body><nav>Bỏ qua</nav>'
        '<article data-pagefind-body><h1>Đại hội Đảng bộ</h1><p>HĐND xã</p>'
        '<div hidden><span data-pagefind-filter="unit[data-value]" data-value="Đảng bộ xã Đông Hòa"></span>'
        '<span data-pagefind-sort="date[data-value]" data-value="{date}"></span></div></article></body></html>')


@pytest.mark.parametrize("declared,ascending", [("2020-05-19", "2020-05-19"), ("0000-00-00", "9999-12-31"),
                                                ("", "9999-12-31")])
def test_undated_articles_sort_last_in_ascending_order_too(declared, ascending):
    assert si.date_asc_value(PAGE.format(date=declared)) == ascending


def test_a_literal_date_sort_is_read_and_a_page_without_one_gets_none():
    assert si.date_asc_value('<span data-pagefind-sort="date:2021-01-02"></span>') == "2021-01-02"
    assert si.date_asc_value("<p>không có ngày</p>") is None


def test_prepare_page_folds_everything_and_adds_aliases_and_the_ascending_sort():
    out = si.prepare_page(PAGE.format(date="2020-05-19"), ["Hội đồng nhân dân"])
    assert "đ" not in out and "Đ" not in out
    assert 'data-pagefind-meta="aliases:Hội d\u034fồng nhân dân"' in out
    assert 'data-pagefind-sort="date_asc:2020-05-19"' in out
    assert out.index("date_asc") < out.index("</body>")
    assert "data-pagefind-body" in out and 'data-value="D\u034fảng bộ xã D\u034fông Hòa"' in out
    assert si.unfold(out.replace(" \u2060 ", "")).count("Đảng") == PAGE.count("Đảng")


ATTRIBUTES = ('<div class="portal-search-data" hidden><span data-pagefind-filter="unit[data-value]" '
              'data-value="Đảng bộ xã Đông &amp; Hòa"></span>'
              '<span data-pagefind-sort="date[data-value]" data-value="2020-01-02"></span></div>')


def test_pagefind_is_sent_the_title_the_words_and_the_attributes_in_the_pages_language():
    sent = si.article_document("Đại hội <Đảng> bộ", "<p>HĐND xã</p>", ATTRIBUTES, "vi")
    assert sent.startswith('<html lang="vi"><body><article data-pagefind-body>')
    assert sent.endswith("</article></body></html>")
    assert '<h1 class="portal-title">Đại hội &lt;Đảng&gt; bộ</h1>' in sent
    assert '<div class="portal-body"><p>HĐND xã</p></div>' in sent and ATTRIBUTES in sent
    assert si.date_asc_value(sent) == "2020-01-02"
    assert si.facet_values(sent) == [("unit", "Đảng bộ xã Đông & Hòa")]


def test_a_document_without_a_language_lets_pagefind_guess():
    assert si.article_document("T", "<p>x</p>", "").startswith("<html><body><article data-pagefind-body>")


def test_facet_values_are_read_in_real_text():
    page = PAGE.format(date="2020-01-02").replace("Đông Hòa", "Đông &amp; Hòa")
    assert si.facet_values(page) == [("unit", "Đảng bộ xã Đông & Hòa")]


def _items(n_dated: int, n_undated: int) -> list[tuple[str, str | None, str]]:
    dated = [(f"/bai-viet/a{i}/", f"20{10 + i % 15:02d}-0{1 + i % 9}-1{i % 10}", f"20{10 + i % 15:02d}")
             for i in range(n_dated)]
    return dated + [(f"/bai-viet/u{i}/", None, si.UNDATED) for i in range(n_undated)]


def test_bundles_hold_every_article_once_newest_first_and_the_undated_apart():
    items = _items(23, 7)
    bundles = si.plan_bundles(items, 5)
    urls = [u for b in bundles for u in b.urls]
    assert sorted(urls) == sorted(i[0] for i in items) and len(urls) == len(set(urls))
    assert all(1 <= len(b.urls) <= 5 for b in bundles)
    dated = [b for b in bundles if b.newest]
    assert [b.path for b in bundles] == [f"b{i}/" for i in range(len(bundles))]
    assert all(a.oldest >= b.newest for a, b in zip(dated, dated[1:])), "bundles overlap or are out of order"
    assert bundles[len(dated):] and all(b.newest is None and b.years == [si.UNDATED] for b in bundles[len(dated):])
    date_of = {i[0]: i[1] for i in items}
    year_of = {i[0]: i[2] for i in items}
    for b in dated:
        assert b.newest == max(date_of[u] for u in b.urls) and b.oldest == min(date_of[u] for u in b.urls)
        assert set(b.years) == {year_of[u] for u in b.urls}


def test_the_manifest_counts_every_article_and_the_facets_the_whole_archive():
    bundles = si.plan_bundles(_items(12, 3), 4)
    manifest = si.manifest(bundles)
    assert manifest["articles"] == 15 == sum(b["count"] for b in manifest["bundles"])
    assert [b["path"] for b in manifest["bundles"]] == [b.path for b in bundles]
    from collections import Counter
    totals = si.facet_totals({"year": Counter({"2020": 3, "Chưa rõ năm": 1}), "unit": Counter({"Đảng bộ X": 2})})
    assert totals == {"unit": {"Đảng bộ X": 2}, "year": {"2020": 3, "Chưa rõ năm": 1}}
    json.dumps(manifest), json.dumps(totals)  # what the hook writes


# --- abbreviations -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def aliases() -> si.Aliases:
    return si.aliases_for(load_data()["abbreviations"])


def test_an_abbreviation_brings_its_expansion_and_an_expansion_its_abbreviation(aliases):
    assert aliases.find("Thường trực HĐND huyện họp") == ["Hội đồng nhân dân"]
    assert aliases.find("Kỳ họp Hội đồng nhân dân huyện") == ["HĐND"]


def test_a_text_writing_both_forms_needs_no_alias(aliases):
    assert aliases.find("Hội đồng nhân dân (HĐND) huyện") == []


def test_expansions_match_whatever_the_case_and_tone_style(aliases):
    assert "UBND" in aliases.find("đại diện Uỷ ban nhân dân huyện")
    assert "UBND" in aliases.find("ỦY BAN NHÂN DÂN HUYỆN")


def test_abbreviations_match_as_written_and_never_inside_a_document_code(aliases):
    assert aliases.find("hđnd xã") == []
    assert "Thị trấn" not in aliases.find("Thông tư số 05/2020/TT-BNV của Bộ Nội vụ")
    assert "Thị trấn" in aliases.find("Đảng bộ TT Phú Lộc")
    assert "Thành phố Hồ Chí Minh" in aliases.find("Đoàn đại biểu TP.HCM")


def test_tone_spellings_gives_both_styles():
    assert si.tone_spellings("Ủy ban Kiểm tra") == ["Ủy ban Kiểm tra", "Uỷ ban Kiểm tra"]
    assert si.tone_spellings("hoà bình") == ["hòa bình", "hoà bình"]
    assert si.tone_spellings("Hoàng") == ["Hoàng"]


def test_document_refs_are_added_only_when_the_text_writes_them_otherwise():
    docs = [{"ref": "17-KH/ĐU"}, {"ref": "35-CT/TW"}, {"ref": None}, "junk"]
    assert si.document_refs(docs, "theo Kế hoạch 17 KH/ĐU và Chỉ thị 35-CT/TW") == ["17-KH/ĐU"]
    assert si.document_refs(None, "x") == []


def test_the_browser_and_the_index_use_the_same_marks_and_keys():
    js = JS.read_text(encoding="utf-8")
    assert re.search(r'FOLD_MARK = "\\u034F"', js) and si.FOLD_MARK == "\u034f"
    assert re.search(r'BLOCK_MARK = "\\u2060"', js) and si.BLOCK_MARK == "\u2060"
    assert f'"{si.DATE_ASC_SORT}"' in js and si.ALIASES_META in js


# --- feeding Pagefind ----------------------------------------------------------------------------


def _fragments(bundle: Path) -> list[dict]:
    return [json.loads(gzip.decompress(p.read_bytes())[12:]) for p in (bundle / "fragment").iterdir()]


def test_a_bundle_is_indexed_in_the_background_and_written_whole(tmp_path):
    indexer = BundleIndexer(index_chunk_size=si.INDEX_CHUNK_SIZE)
    try:
        for i in range(40):
            indexer.add("b0/", f"/bai-viet/{i}/", si.prepare_page(PAGE.format(date=f"2020-01-{i % 28 + 1:02d}"), []))
        indexer.add("b1/", "/bai-viet/old/", si.prepare_page(PAGE.format(date="2010-05-06"), []))
        first = indexer.finish_bundle("b0/", tmp_path / "pagefind" / "b0")
        second = indexer.finish_bundle("b1/", tmp_path / "pagefind" / "b1")
        stats = first.result(timeout=60)
        assert second.result(timeout=60).pages == 1
    finally:
        indexer.close()
    assert stats.pages == 40 and stats.words > 0
    bundle = tmp_path / "pagefind" / "b0"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["vi"]["page_count"] == 40
    written = [p for p in bundle.rglob("*") if p.is_file()]
    assert written and all(p.stat().st_size > 0 for p in written), "a file of the bundle is empty"
    names = {p.name for p in written}
    assert "pagefind.js" in names and "wasm.unknown.pagefind" in names
    assert not names & {"pagefind-ui.js", "pagefind-worker.js", "pagefind-highlight.js"}  # unused here
    fragments = _fragments(bundle)
    assert len(fragments) == 40
    sample = fragments[0]
    assert sample["url"].startswith("/bai-viet/")
    assert si.unfold(sample["content"]) == "Đại hội Đảng bộ HĐND xã"
    assert sample["filters"]["unit"] == ["D\u034fảng bộ xã D\u034fông Hòa"]
    assert "Bỏ qua" not in sample["content"]


def test_closing_the_indexer_leaves_no_staging_folder(tmp_path):
    indexer = BundleIndexer()
    indexer.add("b0/", "/a/", si.prepare_page(PAGE.format(date="2020-01-01"), []))
    staging = indexer._staging
    assert any(staging.rglob("index.html"))
    indexer.close()
    assert not staging.exists()


def test_pages_are_staged_in_memory_when_there_is_room_and_in_the_temporary_folder_otherwise(tmp_path):
    from scripts import pagefind_feed

    assert pagefind_feed.staging_root((str(tmp_path),)) == str(tmp_path)
    assert pagefind_feed.staging_root((str(tmp_path / "missing"),)) is None
    (tmp_path / "file").write_text("x")
    assert pagefind_feed.staging_root((str(tmp_path / "file"), str(tmp_path))) == str(tmp_path)
