"""The cleaner: web-page noise out, the article's words in, in order and unchanged."""
from __future__ import annotations

import pytest

from scripts.clean import Page, clean
from scripts.model import CAPTION, HEADING, Rejection
from scripts.settings import load_settings

SETTINGS = load_settings()
LEAD = ("Sáng 14/5, Đảng bộ xã Tân Phú tổ chức Đại hội đại biểu lần thứ XV, nhiệm kỳ 2020-2025, với sự tham dự "
        "của 120 đại biểu thay mặt cho hơn 300 đảng viên trong toàn Đảng bộ.")
MORE = ("Đại hội đã thảo luận, thông qua Báo cáo chính trị và bầu Ban Chấp hành khóa mới gồm 15 đồng chí, bảo "
        "đảm đúng quy trình, đủ cơ cấu.")


def page(text: str) -> Page:
    result = clean(text, SETTINGS)
    assert isinstance(result, Page), result
    return result


def body(p: Page) -> str:
    return "\n".join(b.text for b in p.blocks)


@pytest.mark.parametrize("noise", [
    "Bỏ qua nội dung", "Truy cập nội dung luôn", "Nhảy đến nội dung", "Trang chủ > Tin tức > Xây dựng Đảng",
    "Lượt xem: 1234", "1.206", "3 ngày trước", "Cỡ chữ A A A", "A- A A+", "In bài viết", "Chia sẻ",
    "In | Gửi email | Lưu", "🖨 In trang", "null", "content:", "![]()", "> > Huyện hoàn thành đại hội điểm",
])
def test_noise_lines_are_dropped_anywhere(noise: str) -> None:
    p = page(f"Đảng bộ xã Tân Phú đại hội\n{noise}\n{LEAD}\n\n{noise}\n\n{MORE}\n")
    assert noise not in body(p).split("\n")
    assert body(p).split("\n") == [LEAD, MORE]


@pytest.mark.parametrize("marker", ["Tin cùng chuyên mục", "Tin liên quan", "Các tin khác", "Bài viết liên quan"])
def test_related_lists_go_with_their_headlines(marker: str) -> None:
    p = page(f"Đảng bộ xã Tân Phú đại hội\n{LEAD}\n\n{marker}\nXã An Lạc hoàn thành đại hội\n"
             f"Huyện Tân Lạc tổ chức hội nghị sơ kết\n\n{MORE}\n")
    assert body(p).split("\n") == [LEAD, MORE]


@pytest.mark.parametrize("footer", ["BẢN ĐỒ HÀNH CHÍNH", "Thống kê truy cập", "Bản quyền thuộc Huyện ủy Tân Lạc",
                                    "Địa chỉ: số 1, đường 3/2, thị trấn Tân Lạc", "Designed by VNPT",
                                    "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN TÂN LẠC"])
def test_a_footer_and_everything_after_it_is_dropped(footer: str) -> None:
    p = page(f"Đảng bộ xã Tân Phú đại hội\n{LEAD}\n\n{MORE}\n\n{footer}\nĐiện thoại: 0277.3866.019\nEmail: a@b.vn\n")
    assert body(p).split("\n") == [LEAD, MORE]
    assert footer in p.noise


def test_the_view_counter_is_read_before_it_goes() -> None:
    assert page(f"Tiêu đề bài viết về đại hội\nLượt xem: 3.451\n{LEAD}\n").views == 3451


def test_a_bare_number_under_the_headline_is_the_view_counter() -> None:
    assert page(f"Tiêu đề bài viết về đại hội\n2345\n{LEAD}\n").views == 2345


def test_banner_and_section_name_above_the_headline_are_not_the_headline() -> None:
    p = page(f"NHIỆT LIỆT CHÀO MỪNG ĐẠI HỘI ĐẢNG BỘ TỈNH LẦN THỨ XVIII\nTin tức - Sự kiện\n"
             f"Đảng bộ xã Tân Phú đại hội thành công\n17/06/2020 - 10:30\n{LEAD}\n")
    assert p.title == "Đảng bộ xã Tân Phú đại hội thành công"
    assert p.datelines == ("17/06/2020 - 10:30",)


def test_subheadings_and_captions_are_told_apart() -> None:
    p = page(f"Tiêu đề bài viết về đại hội\n\n{LEAD}\n\nCác đại biểu dự Đại hội\n\nKết quả nổi bật của nhiệm kỳ\n\n"
             f"{MORE}\n\nĐồng chí Lê Văn An phát biểu chỉ đạo đại hội.\nẢnh: Ngọc Hà\n\n{MORE} Thêm một câu.\n")
    kinds = {b.text: b.kind for b in p.blocks}
    assert kinds["Các đại biểu dự Đại hội"] == CAPTION
    assert kinds["Kết quả nổi bật của nhiệm kỳ"] == HEADING
    assert kinds["Đồng chí Lê Văn An phát biểu chỉ đạo đại hội."] == CAPTION
    assert kinds["Ảnh: Ngọc Hà"] == CAPTION and p.credits == ("Ảnh: Ngọc Hà",)


def test_words_are_kept_in_order_and_unchanged() -> None:
    text = f"Tiêu đề bài viết về đại hội\n\n{LEAD}\n\n“Trích dẫn” 1/3 -- ... <b>thẻ</b> {{{{ x }}}}\n\n{MORE}\n"
    p = page(text)
    assert body(p).split("\n") == [LEAD, "“Trích dẫn” 1/3 -- ... <b>thẻ</b> {{ x }}", MORE]


@pytest.mark.parametrize("text", ["", "   \n\t\n", "Trang chủ\nTin tức\nLiên hệ\n",
                                  "Tin cùng chuyên mục\nXã A đại hội\nXã B đại hội\nXã C đại hội\n"])
def test_pages_without_article_text_are_rejected(text: str) -> None:
    assert isinstance(clean(text, SETTINGS), Rejection)


def test_a_whole_page_on_one_line_is_read_in_bounded_time() -> None:
    import time
    line = ("Đảng bộ xã Tân Phú tổ chức Đại hội nhiệm kỳ 2020-2025. " * 60_000).strip()
    started = time.process_time()
    result = clean(line, SETTINGS)
    assert isinstance(result, (Page, Rejection))
    assert time.process_time() - started < 20  # linear work: a few seconds at most for ~3.5 MB


@pytest.mark.parametrize("menu", ["Thời sự | Chính trị | Kinh tế | Xã hội | Văn hóa",
                                  "Giới thiệu | Tin tức - Sự kiện | Văn bản chỉ đạo điều hành | Thủ tục hành chính",
                                  "Chính trị » Xây dựng Đảng", "Thời tiết: 26°C, có mưa rào", "00:00 / 04:12"])
def test_menus_breadcrumbs_and_widgets_at_the_top_are_not_the_headline(menu: str) -> None:
    p = page(f"BÁO ĐIỆN TỬ TỈNH\n{menu}\nĐảng bộ xã Tân Phú đại hội thành công\n12/10/2020 09:12\n{LEAD}\n")
    assert p.title == "Đảng bộ xã Tân Phú đại hội thành công"


def test_a_headline_wrapped_on_a_phone_is_joined() -> None:
    p = page(f"Chi bộ Tổ dân phố 7 đại\nhội nhiệm kỳ 2022 - 2025\n09/07/2022 14:05\n{LEAD}\n")
    assert p.title == "Chi bộ Tổ dân phố 7 đại hội nhiệm kỳ 2022 - 2025"


def test_meta_line_gives_date_author_and_views() -> None:
    p = page(f"Đảng bộ Công ty đại hội lần thứ IV\nĐăng ngày: 12/06/2020 | Tác giả: Hồ Thị Sen | Lượt xem: 210\n{LEAD}\n")
    assert (p.byline, p.views) == (("Hồ Thị Sen",), 210)
    assert p.datelines and "12/06/2020" in p.datelines[0]


def test_team_byline_under_the_headline() -> None:
    p = page(f"Bế mạc Đại hội Đảng bộ tỉnh\nThứ bảy, 03/10/2020 - 09:12\nNHÓM PHÓNG VIÊN\n{LEAD}\n\n{MORE}\n")
    assert p.byline == ("NHÓM PHÓNG VIÊN",)


def test_byline_followed_by_unmarked_related_headlines_and_a_comment_form() -> None:
    p = page(f"Tiêu đề bài viết về đại hội\n\n{LEAD}\n\n{MORE}\n\nBài, ảnh: Kim Thoa\nChia sẻ qua Zalo\n"
             "Phường Phước Kiều ra mắt mô hình mới\n5 giờ trước\nGửi bình luận\nHọ và tên (*)\n")
    assert p.byline == ("Kim Thoa",)
    assert body(p).split("\n") == [LEAD, MORE]


def test_markup_headline_and_dash_lines_are_text_not_noise() -> None:
    p = page(f"<script>alert(1)</script>\nNgày 05/05/2021\n{LEAD}\n---\ntiếp theo sau dòng gạch\n---\n{MORE}\n")
    assert p.title == "<script>alert(1)</script>"
    assert "---" in body(p)


def test_a_running_header_of_a_pdf_copy_goes_entirely() -> None:
    header = "Đảng bộ huyện Thọ Lam - Văn kiện Đại hội XXIII"
    p = page(f"Tóm tắt báo cáo chính trị\n\n{header}\n{LEAD}\n- 1 -\n{header}\n{MORE}\n")
    assert header not in body(p) and "- 1 -" not in body(p)


def test_a_page_told_its_spaces_are_plain_reads_as_one_scanned_for_odd_spaces():
    settings = load_settings()
    text = ("Đại hội Chi bộ ấp Tân Lập lần thứ V\n\n"
            "Ngày 12/6/2025, Chi bộ ấp Tân Lập tổ chức Đại hội\tlần thứ V, nhiệm kỳ 2025 - 2030. Đại hội đã bầu "
            "Ban Chấp hành gồm năm đồng chí và thông qua nghị quyết với quyết tâm xây dựng ấp ngày càng giàu đẹp.\n")
    assert clean(text, settings, spaces_plain=True) == clean(text, settings)


@pytest.mark.parametrize("pattern, needs", [
    (r"\d", True), (r"(?P<d>\d{1,2})[/.-]\d{1,2}", True), (r"[0-9]+", True), (r"ngày \d+|\d+ tháng", True),
    (r"a|\d", False), (r"a\d?", False), (r"[0-9a]", False), (r"\D", False), (r"(?=\d)\w", False),
])
def test_what_every_match_must_hold_is_read_from_the_pattern(pattern: str, needs: bool) -> None:
    """The date-line test skips lines without a digit only when every stamp holds one."""
    from scripts.clean import _needs_digit
    assert _needs_digit(pattern) is needs


def test_a_paragraph_printed_again_with_other_punctuation_keeps_its_first_copy() -> None:
    again = MORE.replace(",", "").replace("15", "16").upper()  # digits are not words
    p = page(f"Đảng bộ xã Tân Phú đại hội\n{LEAD}\n\n{MORE}\n\n{again}\n")
    assert body(p).split("\n") == [LEAD, MORE]


def test_paragraphs_starting_with_the_same_word_are_compared_by_all_their_words() -> None:
    # every paragraph starts with "Đại", two with the same fifty characters: only the repeat goes
    other = "Đại hội đã thảo luận, thông qua Báo cáo chính trị và bầu Ban Kiểm tra khóa mới gồm 5 đồng chí."
    third = "Đại biểu dự Đại hội bày tỏ niềm tin vào Ban Chấp hành khóa mới, quyết tâm thực hiện thắng lợi."
    p = page(f"Đảng bộ xã Tân Phú đại hội\n{LEAD}\n\n{MORE}\n\n{other}\n\n{third}\n\n{MORE.rstrip('.')} !\n")
    assert body(p).split("\n") == [LEAD, MORE, other, third]
