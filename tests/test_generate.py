"""The benchmark's corpus generator: deterministic, no copies, and every feature the reader must face."""
from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from scripts.generate import article, generate, main

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, str]]:
    return list(generate(1500, seed=11))


def _plain(text: str) -> str:
    return unicodedata.normalize("NFC", text.lstrip("\ufeff").replace("\r\n", "\n"))


def test_same_seed_gives_the_same_corpus_and_another_seed_another() -> None:
    first = list(generate(40, seed=3))
    assert first == list(generate(40, seed=3))
    other = list(generate(40, seed=4))
    assert not {t for _, t in first} & {t for _, t in other}


def test_an_article_can_be_regenerated_alone_from_seed_and_index() -> None:
    corpus = list(generate(30, seed=9))
    assert article(9, 17) == corpus[17]


def test_no_article_is_a_copy_of_another(corpus: list[tuple[str, str]]) -> None:
    names = [n for n, _ in corpus]
    assert len(set(names)) == len(names)
    bodies = [_plain(t) for _, t in corpus]
    assert len(set(bodies)) == len(bodies)
    # Not near-copies either: long paragraphs (the article's own words) are almost all unique.
    long_lines = [ln for b in bodies for ln in b.split("\n") if len(ln) > 160]
    assert len(set(long_lines)) / len(long_lines) > 0.97


def test_sizes_spread_around_six_kilobytes(corpus: list[tuple[str, str]]) -> None:
    sizes = [len(t.encode("utf-8")) for _, t in corpus]
    assert 5_000 <= sum(sizes) / len(sizes) <= 7_000
    assert min(sizes) >= 1_500 and max(sizes) <= 13_000
    assert sum(s < 3_500 for s in sizes) > 50 and sum(s > 8_500 for s in sizes) > 50


def test_every_unit_level_appears(corpus: list[tuple[str, str]]) -> None:
    text = "\n".join(t for _, t in corpus)
    for pattern in (r"Đại hội Chi bộ ", r"Đảng bộ (xã|phường|thị trấn) ", r"Đảng bộ Văn phòng",
                    r"Đảng bộ (huyện|thị xã|thành phố) ", r"Đảng bộ tỉnh ", r"toàn quốc lần",
                    r"Hội (Cựu chiến binh|Nông dân|Liên hiệp Phụ nữ) ", r"Chi bộ (\d|[IVX]+)\b"):
        assert re.search(pattern, text), pattern


def test_places_recur_so_listings_fill_up(corpus: list[tuple[str, str]]) -> None:
    # A real archive covers a limited set of places: one district's congresses fill a listing.
    districts = Counter(m for _, t in corpus
                        for m in set(re.findall(r"Đảng bộ (?:huyện|thị xã|thành phố) ([A-ZĐ]\w+ [A-ZĐ]\w+)", t)))
    assert districts.most_common(1)[0][1] >= 15
    assert len(districts) < 300


def test_terms_of_every_length_and_writing(corpus: list[tuple[str, str]]) -> None:
    text = "\n".join(t for _, t in corpus)
    for term in ("2020-2022", "2022-2025", "2020-2025", "2025-2030", "2017-2022", "2015 – 2020",
                 "2010 - 2015", "2022- 2027"):
        assert term in text, term
    assert re.search(r"kế hoạch phát triển kinh tế - xã hội 5 năm \d{4}-\d{4}", text)


DATE_LINE_SHAPES = {
    "weekday GMT": r"^Thứ \w+, \d\d/\d\d/\d{4}, \d\d:\d\d \(GMT\+7\)$",
    "time, date": r"^\d\d:\d\d, \d\d/\d\d/\d{4}$",
    "updated": r"^Cập nhật ngày: \d\d/\d\d/\d{4}$",
    "posted | time": r"^Ngày đăng \d\d/\d\d/\d{4} \| \d\d:\d\d$",
    "bare date": r"^\d\d/\d\d/\d{4}$",
    "dashes": r"^Ngày \d{1,2}-\d{1,2}-\d{4}$",
    "relative": r"^\d ngày trước$",
}


@pytest.mark.parametrize("shape", DATE_LINE_SHAPES)
def test_date_lines_come_in_many_shapes(corpus: list[tuple[str, str]], shape: str) -> None:
    pattern = re.compile(DATE_LINE_SHAPES[shape], re.M)
    assert sum(bool(pattern.search(_plain(t))) for _, t in corpus) >= 10


BYLINES = {
    "label": r"^Thực hiện: \S.* - \S",
    "name and office": r"^Ban Tuyên giáo (Huyện|Thị|Thành) ủy ",
    "name - role": r"^[^\n]{5,40} - Phó Chánh Văn phòng, ",
    "capitals": r"^[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]+"
                r"( [A-ZĐÂĂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]+){2,3}$",
    "initials": r"^[A-ZĐ]\.[A-ZĐ]$",
    "team": r"^(Ban Biên tập|Nhóm phóng viên)$",
    "in parentheses": r"^\([^()\n]{4,40}\)$",
    "photo credit": r"Ảnh: [A-ZĐ]",
}


@pytest.mark.parametrize("shape", BYLINES)
def test_bylines_come_in_many_shapes(corpus: list[tuple[str, str]], shape: str) -> None:
    pattern = re.compile(BYLINES[shape], re.M)
    assert sum(bool(pattern.search(_plain(t))) for _, t in corpus) >= 10


NOISE = ("Truy cập nội dung luôn", "Lượt xem: ", "Tin cùng chuyên mục", "Tin liên quan", "> > ",
         "Designed by VNPT", "Điện thoại: 0", "Thống kê truy cập", "Cỡ chữ: A- A A+")


@pytest.mark.parametrize("marker", NOISE)
def test_web_page_noise_is_there(corpus: list[tuple[str, str]], marker: str) -> None:
    assert sum(marker in t for _, t in corpus) >= 5


def test_cited_documents_are_shared_and_their_numbers_reused(corpus: list[tuple[str, str]]) -> None:
    cite = re.compile(r"(Chỉ thị|Kế hoạch|Hướng dẫn|Kết luận|Quy định|Thông báo|Quyết định) số "
                      r"(\d+-[A-ZĐ]+/[A-ZĐa-z]+),? ngày \d{1,2}/\d{1,2}/(\d{4})")
    articles_by_ref: dict[str, set[int]] = defaultdict(set)
    years_by_ref: dict[str, set[str]] = defaultdict(set)
    for i, (_, text) in enumerate(corpus):
        for m in cite.finditer(_plain(text)):
            articles_by_ref[m[2]].add(i)
            years_by_ref[m[2]].add(m[3])
    assert sum(len(a) >= 5 for a in articles_by_ref.values()) >= 5     # shared by many articles
    assert sum(len(y) >= 2 for y in years_by_ref.values()) >= 5        # one number, several years
    text = "\n".join(_plain(t) for _, t in corpus)
    assert re.search(r" số \d+ [A-ZĐ]+/[A-ZĐ]+ ", text)                  # hyphen missing
    assert re.search(r"(Kế hoạch|Chỉ thị|Hướng dẫn) số \d+ ngày", text)  # no code at all


def test_people_captions_and_subheadings(corpus: list[tuple[str, str]]) -> None:
    text = "\n".join(_plain(t) for _, t in corpus)
    assert len(set(re.findall(r"đồng chí ([A-ZĐ]\w+ \w+(?: \w+)?)", text))) > 500
    captions = Counter(re.findall(r"^(Quang cảnh Đại hội\.|Các đại biểu dự Hội nghị)$", text, re.M))
    assert min(captions.values(), default=0) >= 10
    assert len(re.findall(r"^(Những kết quả nổi bật|Phương hướng nhiệm kỳ mới)$", text, re.M)) >= 20


def test_layout_accidents_real_pages_show(corpus: list[tuple[str, str]]) -> None:
    texts = [t for _, t in corpus]
    assert sum("\r\n" in t for t in texts) >= 10
    assert sum(t.startswith("\ufeff") for t in texts) >= 5
    assert sum(unicodedata.is_normalized("NFD", t) and not t.isascii() for t in texts) >= 5
    assert sum(bool(re.match(r"\(\w+\) ", _plain(t).split("\n")[0])) for t in texts) >= 5  # source tag
    twice = sum(len(ls := _plain(t).split("\n")) > 3 and ls[0] in ls[1:4] for t in texts)
    assert twice >= 5
    wrapped = sum(bool(re.search(r"^[^\n]{60,80}\n[a-zđà-ỹ]", _plain(t), re.M)) for t in texts)
    assert wrapped >= 10


def test_no_line_of_the_real_seeds_is_reused() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    seed_lines = {ln.strip() for p in SEEDS.glob("*.txt")
                  for ln in p.read_text(encoding="utf-8").splitlines() if len(ln.strip()) > 40}
    generated = {ln.strip() for _, t in generate(500, seed=2) for ln in _plain(t).splitlines()}
    assert not seed_lines & generated


def test_ten_thousand_articles_take_seconds_not_minutes() -> None:
    start = time.perf_counter()
    for _ in generate(2000, seed=5):
        pass
    assert time.perf_counter() - start < 6  # ~0.3 ms per article; generous for a busy machine


def test_command_line_writes_utf8_files(tmp_path: Path) -> None:
    assert main([str(tmp_path / "in"), "--n", "25", "--seed", "4"]) == 0
    files = sorted((tmp_path / "in").glob("*.txt"))
    assert len(files) == 25
    assert [f.name for f in files] == [n for n, _ in generate(25, seed=4)]
    assert all(f.read_bytes().decode("utf-8") for f in files)
