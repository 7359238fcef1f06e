"""Folding, collation, tone placement and slugs: the language's small tools."""
from __future__ import annotations

import pytest

from scripts.vietnamese import fold, fold_d, new_style_tones, slugify, sort_key


@pytest.mark.parametrize(("text", "folded"), [
    ("Đảng bộ", "dang bo"), ("Hội đồng nhân dân", "hoi dong nhan dan"), ("ĐẠI HỘI", "dai hoi"),
    ("Ủy ban", "uy ban"), ("Thừa Thiên Huế", "thua thien hue"),
])
def test_fold_drops_marks_and_turns_d_bar_into_d(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_d_keeps_length_so_offsets_map_back() -> None:
    text = "Hội đồng nhân dân ĐẢNG"
    assert len(fold_d(text)) == len(text) and fold_d(text) == "Hội dồng nhân dân DẢNG"


def test_vietnamese_order_d_bar_after_d_and_marks_only_break_ties() -> None:
    names = ["Đông Thạnh", "Dương Hòa", "Ân Phước", "An Lạc", "Ông Quế", "Ăn Uống", "Bình Minh", "ông Bà", "Óc Eo",
             "Ốc Đảo", "Ơn Nghĩa", "Zeta", "dân"]
    assert sorted(names, key=sort_key) == ["An Lạc", "Ăn Uống", "Ân Phước", "Bình Minh", "dân", "Dương Hòa",
                                           "Đông Thạnh", "Óc Eo", "Ốc Đảo", "ông Bà", "Ông Quế", "Ơn Nghĩa", "Zeta"]


def test_tone_marks_break_ties_in_dictionary_order() -> None:
    assert sorted(["má", "mạ", "mà", "ma", "mả", "mã"], key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


@pytest.mark.parametrize(("old", "new"), [("Đảng uỷ", "Đảng ủy"), ("Hoà Bình", "Hòa Bình"), ("thuý", "thúy"),
                                          ("hoàng", "hoàng"), ("Thuỷ lợi", "Thủy lợi")])
def test_old_style_tones_move_to_the_new_place(old: str, new: str) -> None:
    assert new_style_tones(old) == new


def test_slug_is_ascii_cut_at_a_word_and_keeps_order() -> None:
    title = "Đảng bộ Văn phòng Hội đồng nhân dân tỉnh chủ động, tích cực chuẩn bị cho Đại hội Đảng bộ nhiệm kỳ tới"
    slug = slugify(title)
    assert slug == "dang-bo-van-phong-hoi-dong-nhan-dan-tinh-chu-dong-tich-cuc-chuan-bi-cho-dai-hoi"
    assert len(slug) <= 80 and slug.isascii()


@pytest.mark.parametrize("text", ["Đà Nẵng", "Da Nang", "Đa năng"])
def test_names_that_fold_alike_share_a_slug_base(text: str) -> None:
    assert slugify(text) == "da-nang"


def test_empty_or_symbol_titles_still_get_a_slug() -> None:
    assert slugify("") == slugify("“ – ”") == "bai-viet"
