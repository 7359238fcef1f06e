"""Hand-written, fictional articles for the site tests, rendered with the converter's own renderer.

They exist so the portal can be built and checked without the converter or content/: units whose
names start with D, Đ and marked vowels, shared documents, several terms, an undated article, a
headline holding markup, and words that smart typography would rewrite ("1/3", quotes, dashes).
"""
from __future__ import annotations

from pathlib import Path

from scripts.model import CAPTION, HEADING, PARAGRAPH, Article, Block, Congress, Document
from scripts.render import render

ARTICLES_PREFIX = "bai-viet"

CT_35 = Document(type="Chỉ thị", ref="35-CT/TW", date="2019-05-30", issuer="Bộ Chính trị")
KH_17 = Document(type="Kế hoạch", ref="17-KH/HU", date="2020-01-10", issuer="Huyện ủy Đồng Lâm")
KH_17_OTHER_YEAR = Document(type="Kế hoạch", ref="17-KH/HU", date="2024-03-02", issuer="Huyện ủy Đồng Lâm")
QD_05 = Document(type="Quyết định", ref="05", date=None, issuer=None)

TRICKY_WORDS = ('Đến nay đã hoàn thành 1/3 chỉ tiêu, "vượt" kế hoạch -- theo báo cáo... '
                "Tỷ lệ đạt 95% (c) 2020; 'nháy đơn' và <b>thẻ</b> & ký hiệu *sao* _gạch_ `mã` [ngoặc].")


def _a(slug: str, title: str, date: str | None, unit: str | None, unit_key: str | None, level: str | None,
       terms: tuple[str, ...], paragraphs: tuple[str, ...], documents: tuple[Document, ...] = (),
       congresses: tuple[Congress, ...] = (), event_date: str | None = None, author: str | None = None,
       captions: tuple[str, ...] = (), heading: str | None = None) -> Article:
    body: list[Block] = [Block(PARAGRAPH, p) for p in paragraphs]
    if heading:
        body.insert(1, Block(HEADING, heading))
    body.extend(Block(CAPTION, c) for c in captions)
    year = int((date or event_date)[:4]) if (date or event_date) else None
    return Article(
        title=title, date=date, event_date=event_date, year=year, unit=unit, unit_key=unit_key,
        unit_level=level, province="Hòa Bình Xanh", terms=terms,
        congress_number=congresses[0].number if congresses else None, congresses=congresses,
        author=author, documents=documents, captions=captions, summary=paragraphs[0][:300], slug=slug,
        source_file=f"{slug}.txt", source_sha256="0" * 64, source_encoding="utf-8", body=tuple(body),
    )


def fixture_articles() -> list[Article]:
    return [
        _a("dai-hoi-dang-bo-xa-dong-tien", "Đại hội Đảng bộ xã Đông Tiến lần thứ XII",
           "2020-05-20", "Đảng bộ xã Đông Tiến", "Đảng bộ xã Đông Tiến", "đảng bộ cơ sở", ("2020-2025",),
           ("Sáng 19/5, Đảng bộ xã Đông Tiến tổ chức Đại hội lần thứ XII, nhiệm kỳ 2020-2025.",
            TRICKY_WORDS),
           documents=(CT_35, KH_17),
           congresses=(Congress("Đảng bộ xã Đông Tiến", 12, "2020-2025"),),
           event_date="2020-05-19", author="Lam Giang", captions=("Quang cảnh Đại hội",),
           heading="Nhiệm vụ <trọng tâm> & \"mới\""),
        _a("dong-tien-so-ket", "Đảng bộ xã Đông Tiến sơ kết giữa nhiệm kỳ",
           "2023-01-12", "Đảng bộ xã Đông Tiến", "Đảng bộ xã Đông Tiến", "đảng bộ cơ sở", ("2020-2025",),
           ("Đảng bộ xã Đông Tiến tổ chức hội nghị sơ kết giữa nhiệm kỳ 2020-2025.",),
           documents=(KH_17_OTHER_YEAR,)),
        _a("dai-hoi-dang-bo-xa-da-phuc", "Đảng bộ xã Đa Phúc chuẩn bị Đại hội",
           "2020-04-02", "Đảng bộ xã Đa Phúc", "Đảng bộ xã Đa Phúc", "đảng bộ cơ sở", ("2020-2025", "2015-2020"),
           ("Đảng bộ xã Đa Phúc khẩn trương chuẩn bị Đại hội nhiệm kỳ 2020-2025, tổng kết nhiệm kỳ 2015-2020.",),
           documents=(CT_35,)),
        _a("dang-bo-xa-duc-hoa", "Đảng bộ xã Đức Hòa tổng kết công tác năm",
           "2019-12-28", "Đảng bộ xã Đức Hòa", "Đảng bộ xã Đức Hòa", "đảng bộ cơ sở", ("2015-2020",),
           ("Đảng bộ xã Đức Hòa tổng kết công tác năm 2019.",)),
        _a("dang-bo-xa-an-binh", "Đảng bộ xã Ân Bình học tập Chỉ thị 35",
           "2019-08-15", "Đảng bộ xã Ân Bình", "Đảng bộ xã Ân Bình", "đảng bộ cơ sở", ("2020-2025",),
           ("Đảng bộ xã Ân Bình quán triệt Chỉ thị số 35-CT/TW.",), documents=(CT_35,)),
        _a("dang-bo-xa-an-lac", "Đảng bộ xã An Lạc tổ chức hội nghị",
           "2021-03-03", "Đảng bộ xã An Lạc", "Đảng bộ xã An Lạc", "đảng bộ cơ sở", ("2020-2025",),
           ("Đảng bộ xã An Lạc tổ chức hội nghị quán triệt nghị quyết.",), documents=(QD_05,)),
        _a("dang-bo-xa-an-lac-2", "Đảng bộ xã An Lạc ra mắt Ban Chấp hành",
           "2020-06-01", "Đảng bộ xã An Lạc", "Đảng bộ xã An Lạc", "đảng bộ cơ sở", ("2020-2025",),
           ("Ban Chấp hành Đảng bộ xã An Lạc khóa mới ra mắt.",)),
        _a("dang-bo-huyen-dong-lam", "Đại hội Đảng bộ huyện Đồng Lâm lần thứ XX",
           "2020-07-25", "Đảng bộ huyện Đồng Lâm", "Đảng bộ huyện Đồng Lâm", "cấp huyện", ("2020-2025",),
           ("Đại hội Đảng bộ huyện Đồng Lâm lần thứ XX, nhiệm kỳ 2020-2025 thành công tốt đẹp.",),
           documents=(KH_17,), congresses=(Congress("Đảng bộ huyện Đồng Lâm", 20, "2020-2025"),)),
        _a("huyen-uy-dong-lam", "Huyện ủy Đồng Lâm <script>alert(1)</script> & \"bàn\" kế hoạch",
           None, "Huyện ủy Đồng Lâm", "Đảng bộ huyện Đồng Lâm", "cấp huyện", ("2020-2025",),
           ("Huyện ủy Đồng Lâm họp bàn kế hoạch tổ chức đại hội cấp cơ sở.",), documents=(KH_17,)),
        _a("chi-bo-thon-4", "Chi bộ thôn 4 Đại hội điểm",
           "2020-03-10", "Chi bộ thôn 4 xã Đông Tiến", "Chi bộ thôn 4 xã Đông Tiến", "chi bộ", ("2020-2022",),
           ("Chi bộ thôn 4 tổ chức Đại hội điểm nhiệm kỳ 2020-2022.",)),
        _a("dai-hoi-toan-quoc", "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
           "2021-01-25", "Đảng Cộng sản Việt Nam", "Đảng Cộng sản Việt Nam", "toàn quốc", ("2021-2026",),
           ("Đại hội đại biểu toàn quốc lần thứ XIII của Đảng khai mạc.",),
           congresses=(Congress("Đảng Cộng sản Việt Nam", 13, "2021-2026"),)),
        _a("dang-bo-xa-duong-lieu", "Đảng bộ xã Dương Liễu triển khai nghị quyết",
           "2022-09-09", "Đảng bộ xã Dương Liễu", "Đảng bộ xã Dương Liễu", "đảng bộ cơ sở", ("2020-2025",),
           ("Đảng bộ xã Dương Liễu triển khai nghị quyết đại hội.",)),
        _a("dang-bo-xa-ea-kar", "Đảng bộ xã Ea Kar kết nạp đảng viên mới",
           "2022-10-10", "Đảng bộ xã Ea Kar", "Đảng bộ xã Ea Kar", "đảng bộ cơ sở", ("2020-2025",),
           ("Đảng bộ xã Ea Kar kết nạp 12 đảng viên mới.",)),
        _a("khong-ro-don-vi", "Một bài chưa rõ đơn vị", None, None, None, None, (),
           ("Bài viết không nêu đơn vị, không có ngày.",)),
    ]


def write_docs(docs: Path, articles: list[Article]) -> Path:
    """The converter's output layout: docs/bai-viet/SLUG.md."""
    folder = docs / ARTICLES_PREFIX
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (folder / f"{article.slug}.md").write_text(render(article), encoding="utf-8")
    return docs
