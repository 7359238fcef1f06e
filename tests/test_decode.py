"""decode.decode: every encoding editors' files come in, repaired to the right words, or a clear rejection."""
from __future__ import annotations

import os
import subprocess
import time
import unicodedata

import pytest

from scripts import decode as d
from scripts.model import Rejection
from tests.fixtures import make_inputs as fx

TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
LOWER = [unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in TONES] + ["đ"]
LETTERS = [ch for ch in LOWER if not ch.isascii()]            # the 67 letters beyond ASCII
ALL_LETTERS = LETTERS + [ch.upper() for ch in LETTERS]        # 134, both cases
TCVN3_CAPITALS = set("ĂÂÊÔƠƯĐ")                               # the capitals ABC has codes for


def iconv(text: str, charset: str) -> bytes:
    return subprocess.run(["iconv", "-f", "utf-8", "-t", charset], input=text.encode(), capture_output=True,
                          check=True).stdout


def decoded(raw: bytes) -> d.Decoded:
    result = d.decode(raw)
    assert isinstance(result, d.Decoded), result
    return result


def test_there_are_134_letters_beyond_ascii() -> None:
    assert len(ALL_LETTERS) == len(set(ALL_LETTERS)) == 134


# --- the tables, letter by letter -----------------------------------------------------------------


@pytest.mark.parametrize("letter", LETTERS)
def test_tcvn3_lower_case_letter_matches_glibc(letter: str) -> None:
    code = iconv(letter, "TCVN5712-1")
    assert d.encode_legacy(letter, "tcvn3") == code
    assert d.tcvn3_from_bytes(b"t" + code) == "t" + letter  # inside a word: no sentence capital


@pytest.mark.parametrize("letter", [ch.upper() for ch in LETTERS])
def test_tcvn3_capital_letter_reads_back(letter: str) -> None:
    """Capitals with a code match glibc; the others (lower-case code in a capitals font) are restored
    from the capitals around them, and glibc's VN1 codes for them read in the VN1 table."""
    if letter in TCVN3_CAPITALS:
        assert d.encode_legacy(letter, "tcvn3") == iconv(letter, "TCVN5712-1")
    else:
        assert d.encode_legacy(letter, "tcvn3") == d.encode_legacy(letter.lower(), "tcvn3")
        assert d.tcvn3_from_bytes(iconv(letter, "TCVN5712-1"), vn1=True) == letter
    word = "TH" + letter + "NG"
    assert d.tcvn3_from_bytes(d.encode_legacy(word, "tcvn3")) == word


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_vni_letter_reads_back(letter: str) -> None:
    glyphs = d.bytes_to_glyphs(d.encode_legacy(letter, "vni"))
    assert 1 <= len(glyphs) <= 2
    assert unicodedata.normalize("NFC", d.vni_from_glyphs(glyphs)) == letter


@pytest.mark.parametrize("glyphs, letter", [
    ("aù", "á"), ("aâ", "â"), ("aá", "ấ"), ("aä", "ậ"), ("aê", "ă"), ("aë", "ặ"), ("eä", "ệ"), ("oà", "ồ"),
    ("ô", "ơ"), ("ôù", "ớ"), ("ö", "ư"), ("öï", "ự"), ("í", "í"), ("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"),
    ("î", "ỵ"), ("yõ", "ỹ"), ("ñ", "đ"), ("Ñ", "Đ"), ("AÙ", "Á"), ("OÄ", "Ộ"), ("ÖÏ", "Ự"), ("Î", "Ỵ"),
])
def test_vni_glyphs_as_the_vni_fonts_draw_them(glyphs: str, letter: str) -> None:
    assert d.vni_from_glyphs(glyphs) == letter


def test_tcvn3_writer_style_capital_before_lower_case_code_is_one_capital() -> None:
    # some converters write "Á" as "A" followed by the code of "á" (0xB8)
    assert d.tcvn3_from_bytes(b"\xa7\xb9i h\xe9i: A\xb8nh s\xb8ng") == "Đại hội: Ánh sáng"


# --- whole files ------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, text, encoding", [
    ("§¹i héi".encode(), "Đại hội", "tcvn3-mojibake"),
    ("Ñaïi hoäi".encode(), "Đại hội", "vni-mojibake"),
    ("Đại hội".encode(), "Đại hội", "utf-8"),
    (b"\xef\xbb\xbf" + "Đại hội".encode(), "Đại hội", "utf-8"),
    ("Đại hội".encode("utf-16"), "Đại hội", "utf-16"),
])
def test_examples_from_the_issue(raw: bytes, text: str, encoding: str) -> None:
    assert decoded(raw) == d.Decoded(text, encoding)


FIXTURE_CASES = [
    ("utf8/article-a.txt", fx.ARTICLE_A, "utf-8"),
    ("utf8/article-b-bom.txt", fx.ARTICLE_B, "utf-8"),
    ("utf16/article-b-utf16le-bom.txt", fx.ARTICLE_B, "utf-16"),
    ("utf16/article-b-utf16be-bom.txt", fx.ARTICLE_B, "utf-16"),
    ("legacy/cp1258.txt", fx.LEGACY_TEXT, "cp1258"),
    ("legacy/tcvn3-iconv.txt", fx.LEGACY_TEXT, "tcvn3"),
    ("legacy/tcvn3-capitals.txt", fx.CAPITALS_TEXT, "tcvn3"),
    ("legacy/vni.txt", fx.CAPITALS_TEXT, "vni"),
    ("mojibake/tcvn3-mojibake.txt", fx.CAPITALS_TEXT, "tcvn3-mojibake"),
    ("mojibake/vni-mojibake.txt", fx.CAPITALS_TEXT, "vni-mojibake"),
    ("mojibake/utf8-double.txt", fx.LEGACY_TEXT, "utf-8-mojibake"),
    ("mojibake/cp1258-mojibake.txt", fx.LEGACY_TEXT, "cp1258-mojibake"),
]


@pytest.mark.parametrize("name, text, encoding", FIXTURE_CASES, ids=[c[0] for c in FIXTURE_CASES])
def test_fixture_decodes_to_the_words_written(name: str, text: str, encoding: str) -> None:
    assert decoded(fx.files()[name]) == d.Decoded(text, encoding)


def test_utf16_without_bom_is_recognised() -> None:
    assert decoded(fx.ARTICLE_B.encode("utf-16-le")) == d.Decoded(fx.ARTICLE_B, "utf-16")


def test_tcvn3_written_by_glibc_with_capitals_reads_with_its_vn1_codes() -> None:
    assert decoded(iconv(fx.CAPITALS_TEXT, "TCVN5712-1")) == d.Decoded(fx.CAPITALS_TEXT, "tcvn3")


def test_tcvn3_capitals_line_is_restored_word_by_word() -> None:
    text = "Tin: ĐẠI HỘI ĐẢNG BỘ TỈNH ở xã Hòa An"
    assert d.tcvn3_from_bytes(d.encode_legacy(text, "tcvn3")) == text


def test_macos_decomposed_text_crlf_and_invisible_spaces_are_normalised() -> None:
    result = decoded(fx.files()["utf8/article-a-crlf-nfd.txt"])
    assert result.text == fx.ARTICLE_A
    assert unicodedata.is_normalized("NFC", result.text)


def test_soft_hyphen_is_the_letter_u_horn_in_tcvn3_mojibake() -> None:
    # ư is 0xAD in TCVN3, the soft hyphen in Windows-1252: repaired before invisible characters go
    assert decoded("tr\u00adêng häc vµ §¹i héi".encode()).text == "trường học và Đại hội"


def test_soft_hyphen_and_zero_width_space_in_unicode_text_are_dropped() -> None:
    assert decoded("Đả\u00adng bộ\u200b xã\u00a0An\u202fPhú".encode()).text == "Đảng bộ xã An Phú"


def test_unicode_lines_that_fit_windows_1252_are_not_repaired() -> None:
    text = "Cà Mau\nHà Giang, ngày 5 tháng 3\nCafé"
    assert decoded(text.encode()) == d.Decoded(text, "utf-8")


def test_mixed_file_repairs_only_the_mojibake_lines() -> None:
    body = d.bytes_to_glyphs(d.encode_legacy(fx.LEGACY_TEXT, "tcvn3"))
    result = decoded(("Tiêu đề gõ lại bằng Unicode ở đây\n" + body).encode())
    assert result == d.Decoded("Tiêu đề gõ lại bằng Unicode ở đây\n" + fx.LEGACY_TEXT, "tcvn3-mojibake")


def test_utf8_with_one_broken_byte_stays_utf8() -> None:
    result = decoded(fx.ARTICLE_A.encode() + b"\xff" + fx.ARTICLE_B.encode())
    assert result.encoding == "utf-8"
    assert result.text == fx.ARTICLE_A + "\ufffd" + fx.ARTICLE_B


# --- not text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, words", [
    (b"", "empty"),
    (b" \r\n\t \n", "whitespace"),
    (b"\xef\xbb\xbf  \n", "whitespace"),
    (b"%PDF-1.7\n%\xe2\xe3\n", "PDF"),
    (b"PK\x03\x04" + bytes(60), "ZIP"),
    (b"\x89PNG\r\n\x1a\n" + bytes(20), "PNG"),
    (bytes(range(256)) * 4, "binary"),
    (b"abc\x00def ghi", "NUL"),
    (b"text " + bytes([1, 2, 3, 0x1b, 0x7f, 0x08]) * 20, "control"),
])
def test_non_text_is_rejected_with_a_reason(raw: bytes, words: str) -> None:
    result = d.decode(raw)
    assert isinstance(result, Rejection)
    assert words.lower() in result.reason.lower()


def test_high_bytes_that_read_as_no_vietnamese_are_undecodable() -> None:
    noise = bytes((0xA0 + (i * 37) % 96) for i in range(1500))
    raw = b" ".join(noise[i:i + 5] for i in range(0, len(noise), 5))
    result = d.decode(raw)
    assert isinstance(result, Rejection)
    assert "undecodable" in result.reason


def test_random_bytes_never_raise() -> None:
    rng = __import__("random").Random(7)
    for n in (1, 3, 17, 200, 5000):
        for _ in range(20):
            result = d.decode(bytes(rng.randrange(256) for _ in range(n)))
            assert isinstance(result, (d.Decoded, Rejection))


# --- the syllable judge ------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["nghiêng", "quốc", "Đảng", "trường", "khuyến", "giữa", "ĐẠI", "hội", "oái", "ắt"])
def test_valid_syllables(word: str) -> None:
    assert d.is_syllable(word)


@pytest.mark.parametrize("word", ["héi", "§¹i", "Ñaïi", "cáà", "thánk", "aùn", "tàc", "café"])
def test_invalid_syllables(word: str) -> None:
    assert not d.is_syllable(word)


# --- bounded time -------------------------------------------------------------------------------------

SIX_MB = fx.LEGACY_TEXT.replace("\n", " ") * 12000


@pytest.mark.parametrize("encoding", ["utf-8", "tcvn3", "vni", "tcvn3-mojibake"])
def test_six_megabytes_on_one_line_decode_in_bounded_time(encoding: str) -> None:
    if encoding == "utf-8":
        raw = SIX_MB.encode()
    elif encoding == "tcvn3-mojibake":
        raw = d.bytes_to_glyphs(d.encode_legacy(SIX_MB, "tcvn3")).encode()
    else:
        raw = d.encode_legacy(SIX_MB, encoding)
    assert len(raw) > 6_000_000
    start = time.process_time()
    result = decoded(raw)
    elapsed = time.process_time() - start
    assert result.encoding == encoding
    assert result.text == SIX_MB
    assert elapsed < 5.0, f"{elapsed:.1f} s of CPU for 6 MB"


def test_legacy_tables_load_from_data_files() -> None:
    assert os.path.exists(d.DATA_DIR / "tcvn3.tsv") and os.path.exists(d.DATA_DIR / "vni.tsv")
    assert len(d._vni_tables()[1]) == 134


def test_tcvn3_sentences_start_with_a_capital_but_wrapped_lines_do_not() -> None:
    text = "Ảnh: Minh Khuê\nĐại hội đã thành công. Ủy ban nhân dân xã tổ chức\nở hội trường lớn."
    assert d.tcvn3_from_bytes(d.encode_legacy(text, "tcvn3")) == text


@pytest.mark.parametrize("raw", [
    b"H\xe9" * 1_000_000 + b"b",                          # TCVN3: one 2 MB "word" of capitals and toned letters
    ("é" * 1_000_000 + "ạ").encode(),                     # a 3 MB line that almost fits Windows-1252
    ("§¹i " * 500_000 + "ạ").encode(),                    # mojibake on a 2 MB line spoiled at its end
    b"." + b" " * 2_000_000 + b"\xe9",                     # a sentence end followed by 2 MB of spaces
], ids=["tcvn3-capitals-word", "almost-windows-1252", "spoiled-mojibake", "spaces"])
def test_pathological_lines_decode_in_linear_time(raw: bytes) -> None:
    start = time.process_time()
    result = d.decode(raw)
    assert isinstance(result, (d.Decoded, Rejection))
    assert time.process_time() - start < 5.0


def test_decoded_text_has_no_odd_space_but_tabs_so_the_cleaner_may_skip_its_scan_for_them():
    """pipeline tells clean.clean(spaces_plain=True): decode must keep that promise for every odd space."""
    from scripts.clean import _ODD_SPACE

    odd = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    text = "Đại hội\tChi bộ " + "".join(f"ấp {i}{ch}xã" for i, ch in enumerate(odd)) + " thành công."
    decoded = d.decode(text.encode("utf-8"))
    assert [m.group() for m in _ODD_SPACE.finditer(decoded.text)] == ["\t"]
