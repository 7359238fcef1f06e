"""portal-search.js's query pipeline, run in chromium: what the box and window.portalSearch share."""
from __future__ import annotations

import unicodedata

import pytest

from scripts.search_index import fold_for_index, unfold
from tests.browser.test_search import search, urls

SAMPLES = ["Đại hội Đảng bộ", "đảng viên", "HĐND", "01-KH/ĐU", "Uỷ ban nhân dân", "dai hoi", "Ủy ban",
           "ĐẠI HỘI ĐẠI BIỂU", "“Đổi mới” – đột phá"]


def test_the_query_is_folded_like_the_index(home):
    page = home
    for text in SAMPLES:
        assert page.evaluate("t => window.portalSearch.prepareQuery(t)", text) == fold_for_index(text)


def test_a_decomposed_query_is_normalised_first(home):
    """Some keyboards send "Đại" as D-stroke + a + dot below + grave: NFC makes it the same query."""
    page = home
    nfd = unicodedata.normalize("NFD", "Đại hội  đảng ")
    assert page.evaluate("t => window.portalSearch.prepareQuery(t)", nfd) == fold_for_index("Đại hội đảng")
    assert urls(page, search(page, nfd)) == urls(page, search(page, "Đại hội đảng"))


def test_the_browser_restores_what_the_index_stored(home):
    page = home
    for text in SAMPLES:
        stored = fold_for_index(text) + " \u2060 \u2060 tiếp"
        assert page.evaluate("t => window.portalSearch.unfold(t)", stored) == unfold(stored) == f"{text} tiếp"


@pytest.mark.parametrize("query", [None, "", "   "])
def test_no_words_and_no_filters_find_nothing_or_everything_as_pagefind_does(home, query):
    page = home
    response = search(home, query)
    if query is None:
        assert response["results"], "a filter-only search (null) lists every page"
    else:
        assert response["results"] == []
