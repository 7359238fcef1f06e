"""One small case per hard case of the reader, field by field (issue 8's list). Texts are made up here."""
from __future__ import annotations

import pytest

from scripts.model import Rejection
from scripts.pipeline import read_article
from scripts.settings import load_settings

SETTINGS = load_settings()
FILLER = ("Các đảng viên đã thảo luận sôi nổi, thống nhất cao về phương hướng, nhiệm vụ, giải pháp trong thời "
          "gian tới, góp phần xây dựng tổ chức đảng trong sạch, vững mạnh.")


def read(text: str):
    article = read_article(text.encode("utf-8"), "t.txt", SETTINGS)
    assert not isinstance(article, Rejection), article
    return article


def article_with(lead: str, title: str = "Tin hoạt động của cấp ủy", tail: str = "") -> object:
    return read(f"{title}\n\n{lead}\n\n{FILLER}\n\n{tail}\n")


# --- congress ordinals ---------------------------------------------------------------------------

@pytest.mark.parametrize(("lead", "number"), [
    ("Sáng 5/6, Chi bộ 4 tổ chức Đại hội lần thứ 12, nhiệm kỳ 2025-2027.", 12),     # number in the name
    ("Sáng 5/6, Chi bộ II tổ chức Đại hội lần thứ V, nhiệm kỳ 2020-2022.", 5),      # Roman in the name
    ("Ngày 9/7, Đảng bộ xã Tân Phú tổ chức Đại hội đại biểu lần VII, nhiệm kỳ 2020-2025.", 7),  # no "thứ"
    ("Ngày 9/7, Đảng bộ xã Tân Phú tổ chức Đại hội đại biểu lần thứ 12, nhiệm kỳ 2020-2025.", 12),
])
def test_congress_ordinal_is_not_the_chi_bo_number(lead: str, number: int) -> None:
    assert article_with(lead).congress_number == number


def test_ordinal_from_the_units_own_khoa() -> None:
    a = article_with("Chiều 28/7, Ban Chấp hành Đảng bộ huyện Sơn Tây khóa XVIII, nhiệm kỳ 2020-2025 họp phiên "
                     "thứ nhất, bầu Ban Thường vụ. Đồng chí Lê Văn An tiếp tục thực hiện Nghị quyết Trung ương "
                     "khóa XII về xây dựng Đảng.", title="Huyện ủy Sơn Tây họp phiên thứ nhất")
    assert a.congress_number == 18


def test_previous_congress_and_other_units_ordinals_do_not_win() -> None:
    a = article_with("Sáng 20/5, Đảng bộ xã Phú Hòa tổ chức Đại hội đại biểu lần thứ XIX, nhiệm kỳ 2020-2025. "
                     "Nhiệm kỳ qua, Đảng bộ thực hiện Nghị quyết Đại hội lần thứ XVIII đạt nhiều kết quả, chuẩn bị "
                     "cho Đại hội Đảng bộ huyện lần thứ XXII và Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.")
    assert a.congress_number == 19
    assert [(c.number) for c in a.congresses][:1] == [19]
    assert {c.body for c in a.congresses} >= {"Đảng Cộng sản Việt Nam"}


# --- terms ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["2020-2025", "2020 - 2025", "2020 – 2025", "2020- 2025"])
def test_terms_are_normalised_whatever_the_dash(written: str) -> None:
    a = article_with(f"Ngày 3/6, Đảng bộ xã An Phú tổ chức Đại hội nhiệm kỳ {written}.")
    assert a.terms == ("2020-2025",)


def test_plan_and_strategy_periods_are_not_terms() -> None:
    a = article_with("Ngày 3/6, Đảng bộ huyện Tân Lạc tổ chức Đại hội nhiệm kỳ 2020-2025, thông qua kế hoạch 5 năm "
                     "2021-2025 và đánh giá chiến lược 2011-2020 cùng giai đoạn 2016-2020.")
    assert a.terms == ("2020-2025",)


def test_chi_bo_terms_and_government_terms_count_main_first() -> None:
    a = article_with("Sáng 2/4, Chi bộ ấp Bình Minh tổ chức Đại hội nhiệm kỳ 2022-2025. Nhiệm kỳ 2020-2022, chi bộ "
                     "phục vụ tốt bầu cử đại biểu HĐND các cấp nhiệm kỳ 2021-2026.")
    assert a.terms == ("2022-2025", "2020-2022", "2021-2026")


def test_an_article_may_state_no_term() -> None:
    assert article_with("Sáng 2/4, Chi bộ thôn Khe Lim họp chuẩn bị văn kiện đại hội.").terms == ()


# --- dates -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "date"), [
    ("Thứ Hai, 12/10/2020, 07:30 (GMT+7)", "2020-10-12"),
    ("09:15, 03/02/2025", "2025-02-03"),
    ("Cập nhật ngày: 05/06/2024", "2024-06-05"),
    ("Ngày đăng 14/08/2019 | 10:02", "2019-08-14"),
    ("Thứ Ba, ngày 7-4-2015", "2015-04-07"),
    ("3 ngày trước", None),
])
def test_date_lines_in_many_shapes(line: str, date: str | None) -> None:
    a = read(f"Đảng bộ xã Tân Phú tổ chức Đại hội\n{line}\n\nSáng 6/4, Đảng bộ xã Tân Phú tổ chức Đại hội.\n\n{FILLER}\n")
    assert a.date == date
    assert line not in "\n".join(b.text for b in a.body)


def test_day_and_month_take_the_year_of_the_date_line() -> None:
    a = read(f"Chi bộ 3 đại hội\n25/04/2023\nChiều 24/4, Chi bộ 3 tổ chức Đại hội.\n\n{FILLER}\n")
    assert (a.date, a.event_date, a.year) == ("2023-04-25", "2023-04-24", 2023)


def test_day_and_month_take_the_year_of_the_title() -> None:
    a = read(f"Sơ kết công tác 6 tháng đầu năm 2021\n\nSáng 14/5, Ban Tổ chức Huyện ủy tổ chức hội nghị.\n\n{FILLER}\n")
    assert (a.date, a.event_date, a.year) == (None, "2021-05-14", 2021)


def test_tomorrow_in_parentheses_is_the_event_day() -> None:
    a = read(f"Sẵn sàng cho Đại hội\n17/06/2020 - 10:30\nNgày mai (18/6), Đảng bộ thành phố Vĩnh An sẽ khai mạc "
             f"Đại hội.\n\n{FILLER}\n")
    assert a.event_date == "2020-06-18"


def test_no_year_anywhere_means_no_event_date_and_a_warning() -> None:
    a = read(f"Đảng ủy xã Tân Phú sơ kết\n\nNgày 11/3, Đảng ủy xã Tân Phú tổ chức hội nghị sơ kết.\n\n{FILLER}\n")
    assert a.event_date is None and a.year is None and a.date is None
    assert any("không rõ năm" in w for w in a.warnings)


def test_document_dates_deadlines_and_side_events_are_not_the_event() -> None:
    a = read("Công tác chuẩn bị đại hội\n\nThực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị, các chi bộ "
             "phải hoàn thành đại hội trước ngày 30/4/2020. Các chi bộ tổ chức Đại hội vào ngày 24/3/2020.\n\n"
             f"{FILLER}\n")
    assert a.event_date is None
    assert a.documents[0].date == "2019-05-30"


# --- layout ---------------------------------------------------------------------------------------------

def test_headline_stamp_and_lead_glued_on_one_line() -> None:
    a = read("Chi bộ ấp 3 tổ chức đại hội nhiệm kỳ 2022-2025 Cập nhật ngày: 14/07/2022 Sáng 13/7, Chi bộ ấp 3 "
             f"tổ chức Đại hội chi bộ nhiệm kỳ 2022-2025.\n\n{FILLER}\n")
    assert a.title == "Chi bộ ấp 3 tổ chức đại hội nhiệm kỳ 2022-2025"
    assert a.date == "2022-07-14"
    assert a.body[0].text.startswith("Sáng 13/7, Chi bộ ấp 3")


def test_headline_and_lead_printed_twice_keep_one_copy() -> None:
    title = "Đảng bộ thị xã Đức An tổng duyệt Đại hội"
    lead = "Sáng 20/8, Ban Thường vụ Thị ủy Đức An tổ chức tổng duyệt Đại hội đại biểu Đảng bộ thị xã lần thứ III."
    a = read(f"{title}\n{lead}\n{title}\n{lead}\n\n{FILLER}\n")
    texts = [b.text for b in a.body]
    assert a.title == title and texts.count(lead) == 1 and title not in texts


@pytest.mark.parametrize("prefix", ["(BTV) ", "(ĐCSVN) - ", "null "])
def test_source_tag_and_cms_leftover_leave_the_title(prefix: str) -> None:
    a = read(f"{prefix}Đảng bộ huyện Hàm An đại hội thành công\n\nSáng 7/7, Đảng bộ huyện Hàm An tổ chức Đại hội.\n\n{FILLER}\n")
    assert a.title == "Đảng bộ huyện Hàm An đại hội thành công"


def test_hard_wrapped_lines_join_into_paragraphs() -> None:
    wrapped = ("Sáng 18/4, Chi bộ 4 thuộc Đảng bộ phường Nghĩa Lộ tổ chức Đại hội đảng viên\n"
               "lần thứ 12, nhiệm kỳ 2025-2027. Đây là chi bộ được Đảng ủy phường chọn làm\n"
               "điểm để rút kinh nghiệm cho các chi bộ trực thuộc trước khi tiến tới đại hội.\n")
    a = read(f"Chi bộ 4 đại hội\n\n{wrapped}\n{FILLER}\n")
    assert a.body[0].text == " ".join(wrapped.split("\n")).strip()


def test_caption_glued_to_a_paragraph_is_split_off() -> None:
    a = read("Đảng bộ cơ quan đại hội\n\nNgày 16/4/2020, Đảng bộ Cơ quan UBND huyện Sơn An tổ chức Đại hội.\n\n"
             "Đồng chí Lộc Văn Chiến phát biểu tại Đại hội Trong nhiệm kỳ qua, Đảng bộ đã lãnh đạo các cơ quan "
             f"hoàn thành tốt nhiệm vụ chính trị được giao.\n\n{FILLER}\n")
    assert "Đồng chí Lộc Văn Chiến phát biểu tại Đại hội" in a.captions
    assert any(b.text.startswith("Trong nhiệm kỳ qua") for b in a.body)


def test_no_headline_makes_a_title_from_the_lead_and_says_so() -> None:
    lead = ("Sáng 12/3, Đảng ủy xã Tân Hòa tổ chức hội nghị sơ kết công tác chuẩn bị đại hội đảng bộ nhiệm kỳ "
            "2020-2025, với sự tham dự của các đồng chí trong Ban Chấp hành và bí thư các chi bộ trực thuộc.")
    a = read(f"{lead}\n\n{FILLER}\n")
    assert a.title_generated and a.title and a.title.split()[:3] == lead.split()[:3]
    assert a.body[0].text == lead


# --- documents -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "ref"), [
    ("Kế hoạch số 17 KH/ĐU", "17-KH/ĐU"),
    ("Chỉ thị 05/TW", "05/TW"),
    ("Kế hoạch số 17", "17"),
    ("Chỉ thị số 35-CT/TW", "35-CT/TW"),
    ("Nghị định số 33/2023/NĐ-CP", "33/2023/NĐ-CP"),
])
def test_document_refs_normalised(written: str, ref: str) -> None:
    a = article_with(f"Thực hiện {written} về công tác đại hội, Đảng ủy xã Tân Phú triển khai kế hoạch.")
    assert [d.ref for d in a.documents] == [ref]


def test_plenum_resolution_is_not_a_document() -> None:
    assert article_with("Tiếp tục thực hiện Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng.").documents == ()


def test_same_number_in_different_years_is_two_documents() -> None:
    a = article_with("Thực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị. So với Chỉ thị số 35-CT/TW "
                     "ngày 30/5/2019, chỉ thị mới có nhiều điểm mới.")
    assert [(d.ref, d.date, d.issuer) for d in a.documents] == [
        ("35-CT/TW", "2024-06-14", "Bộ Chính trị"), ("35-CT/TW", "2019-05-30", None)]


# --- bylines ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("tail", "author", "note"), [
    ("Thực hiện: Dương Chiêm - Trịnh Sơn", "Dương Chiêm - Trịnh Sơn", None),
    ("Ma Việt Dũng\nBan Pháp chế HĐND tỉnh", "Ma Việt Dũng", "Ban Pháp chế HĐND tỉnh"),
    ("Lê Văn Nhớ - UVTV, Trưởng Ban Tuyên giáo Thị ủy", "Lê Văn Nhớ", "UVTV, Trưởng Ban Tuyên giáo Thị ủy"),
    ("NGUYỄN THANH TÂM", "NGUYỄN THANH TÂM", None),
    ("T.H", "T.H", None),
    ("Ban Biên tập", "Ban Biên tập", None),
    ("(Minh Châu)", "Minh Châu", None),
    ("Tin, ảnh: Bảo Trân (Đài Truyền thanh xã)", "Bảo Trân", "Đài Truyền thanh xã"),
    ("Ảnh: Ngọc Hà", None, None),
])
def test_byline_shapes(tail: str, author: str | None, note: str | None) -> None:
    a = article_with("Sáng 4/5, Đảng bộ xã Tân Phú tổ chức Đại hội.", tail=tail)
    assert (a.author, a.author_note) == (author, note)
    body = "\n".join(b.text for b in a.body)
    if author:
        assert author not in body


# --- units -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "second"), [
    ("Đảng bộ Văn phòng HĐND tỉnh", "Đảng bộ Văn phòng Hội đồng nhân dân tỉnh"),
    ("Đảng bộ Cơ quan UBND huyện Sơn An", "Đảng ủy Cơ quan Ủy ban nhân dân huyện Sơn An"),
    ("Đảng uỷ xã Tân Hoà", "Đảng bộ xã Tân Hòa"),
    ("Thị ủy Đức An", "Đảng bộ thị xã Đức An"),
    ("Huyện ủy Sơn An", "Đảng bộ huyện Sơn An"),
    ("Tỉnh ủy Bến Tre", "Đảng bộ tỉnh Bến Tre"),
    ("ĐẢNG BỘ XÃ TÂN PHÚ", "Đảng bộ xã Tân Phú"),
])
def test_one_unit_one_key_however_it_is_written(first: str, second: str) -> None:
    a = article_with(f"Ngày 2/6, {first} tổ chức hội nghị.", title=f"{first} tổ chức hội nghị")
    b = article_with(f"Ngày 2/6, {second} tổ chức hội nghị.", title=f"{second} tổ chức hội nghị")
    assert a.unit_key == b.unit_key


def test_province_is_added_to_a_key_that_leaves_it_implicit() -> None:
    a = article_with("Ngày 2/6, Đảng bộ Văn phòng HĐND tỉnh tổ chức hội nghị tại thành phố Hà Tĩnh, tỉnh Hà Tĩnh.",
                     title="Đảng bộ Văn phòng HĐND tỉnh tổ chức hội nghị")
    assert a.unit_key == "đảng bộ văn phòng hội đồng nhân dân tỉnh hà tĩnh"
    assert a.province == "Hà Tĩnh"


@pytest.mark.parametrize(("unit", "level"), [
    ("Chi bộ 4 phường Nghĩa Lộ", "chi bộ"),
    ("Đảng bộ xã Tân Phú", "đảng bộ cơ sở"),
    ("Huyện ủy Sơn An", "cấp huyện"),
    ("Ban Tổ chức Tỉnh ủy", "cấp tỉnh"),
    ("Đảng bộ tỉnh Bến Tre", "cấp tỉnh"),
])
def test_unit_levels(unit: str, level: str) -> None:
    assert article_with(f"Ngày 2/6, {unit} tổ chức hội nghị.", title=f"{unit} tổ chức hội nghị").unit_level == level


def test_a_provincial_city_is_not_a_province() -> None:
    a = article_with("Ngày 2/6, Đảng bộ thành phố Ninh Bình tổ chức Đại hội.")
    assert a.province is None or a.province_source == "settings"


def test_province_named_only_in_the_footer_is_read_before_the_footer_goes() -> None:
    a = article_with("Ngày 2/6, Thị ủy Duyên An tổ chức hội nghị.",
                     tail="Lê Văn Tư\n\nBẢN ĐỒ HÀNH CHÍNH\nĐịa chỉ: số 14, phường 1, thị xã Duyên An, tỉnh Trà Vinh.")
    assert a.province == "Trà Vinh" and a.province_source == "text"
    assert "Địa chỉ" not in "\n".join(b.text for b in a.body)


# --- people ---------------------------------------------------------------------------------------------

def test_people_named_with_dong_chi_or_a_role_once_each() -> None:
    a = article_with("Dự đại hội có đồng chí Trần Quốc Hưng, Trưởng Ban Dân vận Tỉnh ủy; Bí thư Huyện ủy Nguyễn "
                     "Thị Lan phát biểu. Đồng chí Trần Quốc Hưng đề nghị đổi mới. Ông Võ Văn Bảy, cựu chiến binh, "
                     "góp ý. Bà con xã Tân Hòa Bình tham dự đông đủ.")
    assert a.people == ("Trần Quốc Hưng", "Nguyễn Thị Lan", "Võ Văn Bảy")


def test_a_date_line_with_counters_and_widgets_is_still_a_date_line() -> None:
    a = read(f"Đảng bộ xã Tân Phú tổ chức Đại hội\n12/10/2020 | Lượt xem: 120 | In bài\n\n"
             f"Sáng 11/10, Đảng bộ xã Tân Phú tổ chức Đại hội.\n\n{FILLER}\n")
    assert (a.date, a.views, a.event_date) == ("2020-10-12", 120, "2020-10-11")


def test_a_date_inside_a_headline_stays_in_the_headline() -> None:
    title = "Đảng bộ xã Tân Phú tổ chức Đại hội ngày 12/10/2020 với sự tham dự của 150 đại biểu"
    assert read(f"{title}\n\n{FILLER}\n\n{FILLER} Hết.\n").title == title


@pytest.mark.parametrize(("tail", "author", "note"), [
    ("Nguyễn Văn An (Trung tâm Văn hóa huyện)", "Nguyễn Văn An", "Trung tâm Văn hóa huyện"),
    ("Theo Báo Nhân Dân", None, None),
    ("TS. Hoàng Minh Đức\nGiảng viên cao cấp, Trường Chính trị", "TS. Hoàng Minh Đức",
     "Giảng viên cao cấp, Trường Chính trị"),
    ("Q.HUY", "Q.HUY", None),
])
def test_more_byline_shapes(tail: str, author: str | None, note: str | None) -> None:
    a = article_with("Sáng 4/5, Đảng bộ xã Tân Phú tổ chức Đại hội.", tail=tail)
    assert (a.author, a.author_note) == (author, note)


@pytest.mark.parametrize("written", ["tỉnh Hòa Bình", "tỉnh Hoà Bình", "TỈNH HÒA BÌNH", "Tỉnh ủy Hòa Bình"])
def test_province_spelled_any_way_is_one_province(written: str) -> None:
    a = article_with(f"Ngày 2/6, Đảng bộ xã Tân Phú, huyện Lạc Sơn, {written} tổ chức Đại hội.")
    assert a.province == "Hòa Bình"
