"""Properties over generated input: any bytes or text in, an article that reads back or a clean rejection out.

Vietnamese text pushed through each legacy encoding (and its mojibake) must come back as the same words.
Example counts are kept moderate so the suite stays fast.
"""
from __future__ import annotations

import functools
import subprocess
import unicodedata

import frontmatter
from hypothesis import HealthCheck, given, settings, strategies as st

from scripts import decode as d, render
from scripts.clean import words
from scripts.convert import apply_overrides
from scripts.model import Article, Rejection
from scripts.pipeline import read_article
from scripts.settings import load_settings

SETTINGS = load_settings()
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Everyday words of congress reports (lower case). Words a short text could not tell apart from
# another encoding's reading are filtered out below, so every generated text is unambiguous.
VOCABULARY = """
đại hội đảng bộ chi nhiệm kỳ lần thứ đồng chí bí thư ban chấp hành tỉnh huyện xã phường thị trấn
nghị quyết báo cáo chính trị kinh tế xã hội phát triển năm tháng ngày sáng chiều tổ chức thành công
đại biểu tham dự phát biểu chỉ đạo nhân dân công tác xây dựng hệ thống vững mạnh đoàn kết dân chủ kỷ cương
đổi mới sáng tạo thu nhập bình quân đầu người hộ nghèo giảm trường học đường giao thông nông thôn mới
bầu khóa mới gồm người được giữ chức phó thường trực ủy viên thường vụ kiểm tra kết quả thực hiện
nhiệm vụ trọng tâm giải pháp đột phá chuyển đổi số văn kiện thảo luận góp ý kiến tuyệt đối
""".split()

ENCODINGS = ("tcvn3", "vni", "cp1258", "utf-16", "tcvn3-mojibake", "vni-mojibake", "utf-8-mojibake",
             "cp1258-mojibake")


@functools.lru_cache(maxsize=4096)
def iconv_cp1258(text: str) -> bytes:
    return subprocess.run(["iconv", "-f", "utf-8", "-t", "CP1258"], input=text.encode(), capture_output=True,
                          check=True).stdout


def encode(text: str, encoding: str) -> bytes:
    """The bytes an old tool wrote; mojibake is those bytes read as Windows-1252 and saved as UTF-8."""
    if encoding.endswith("-mojibake"):
        base = encoding[: -len("-mojibake")]
        raw = text.encode("utf-8") if base == "utf-8" else encode(text, base)
        return d.bytes_to_glyphs(raw).encode("utf-8")
    if encoding == "cp1258":
        return iconv_cp1258(text)
    if encoding == "utf-16":
        return text.encode("utf-16")
    return d.encode_legacy(text, encoding)


def capitalise(word: str) -> str:
    """Capitalised as TCVN3 can write it: only when the first letter has a capital code."""
    first = word[0]
    return first.upper() + word[1:] if first.isascii() or first in "ăâêôơưđ" else word


def _reads_back(word: str) -> bool:
    text = " ".join([word] * 12)
    return all(isinstance(r := d.decode(encode(text, enc)), d.Decoded) and r.text == text for enc in ENCODINGS)


WORDS = [w for w in VOCABULARY if _reads_back(w) and _reads_back(capitalise(w))]


def test_the_vocabulary_is_mostly_unambiguous() -> None:
    assert len(WORDS) >= 0.9 * len(VOCABULARY), sorted(set(VOCABULARY) - set(WORDS))


# Sentences start with a capital TCVN3 can write (it has no code for "Ủ"; the decoder capitalises
# a sentence's first letter, so a sentence starting "ủy" would not come back as written).
STARTERS = [w for w in WORDS if capitalise(w) != w]
sentence = st.tuples(st.sampled_from(STARTERS), st.lists(st.sampled_from(WORDS), min_size=5, max_size=17)).map(
    lambda t: " ".join([capitalise(t[0]), *t[1]]) + ".")
paragraph = st.lists(sentence, min_size=2, max_size=4).map(" ".join)
article_text = st.tuples(sentence, st.lists(paragraph, min_size=2, max_size=4)).map(
    lambda t: t[0].rstrip(".") + "\n" + "\n".join(t[1]) + "\n")


def check_article(result: Article | Rejection, original_words: set[str] | None = None) -> None:
    """An article whose front matter loads back to the values written; or a rejection with a reason."""
    if isinstance(result, Rejection):
        assert result.reason.strip()
        return
    assert isinstance(result, Article)
    text = render.render(result)
    loaded = frontmatter.loads(text)
    assert loaded.metadata == result.front_matter()
    fm, _, _, _ = apply_overrides(result.front_matter(), "title: 'x: \"y\" # z'\n", "t.meta.yml")
    assert frontmatter.loads(f"---\n{render.front_matter_yaml(fm)}---\n").metadata == fm
    if original_words is not None:
        title_words = {w.strip(".,").lower() for w in result.title.split()}
        assert title_words <= original_words


@FAST
@given(st.binary(max_size=3000))
def test_any_bytes_decode_to_clean_text_or_a_rejection(raw: bytes) -> None:
    result = d.decode(raw)
    if isinstance(result, Rejection):
        assert result.reason
        return
    assert unicodedata.is_normalized("NFC", result.text)
    assert "\r" not in result.text and "\u00a0" not in result.text and "\u200b" not in result.text
    assert result.encoding in ("utf-8", "utf-16", "utf-32", "cp1258", "tcvn3", "vni", "tcvn3-mojibake",
                               "vni-mojibake", "utf-8-mojibake", "cp1258-mojibake")


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_through_the_pipeline_never_crash(raw: bytes) -> None:
    check_article(read_article(raw, "any.txt", SETTINGS))


@FAST
@given(st.lists(st.one_of(st.text(max_size=120), sentence, paragraph), max_size=12).map("\n".join))
def test_any_text_becomes_an_article_that_reads_back_or_a_rejection(text: str) -> None:
    check_article(read_article(text.encode("utf-8", "surrogatepass"), "any.txt", SETTINGS))


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=200), paragraph, paragraph)
def test_hostile_headlines_survive_yaml(title: str, p1: str, p2: str) -> None:
    check_article(read_article(f"{title}\n{p1}\n{p2}\n".encode("utf-8"), "hostile.txt", SETTINGS))


@FAST
@given(article_text, st.sampled_from(ENCODINGS))
def test_vietnamese_through_a_legacy_encoding_comes_back_as_the_same_words(text: str, encoding: str) -> None:
    raw = encode(text, encoding)
    decoded = d.decode(raw)
    assert isinstance(decoded, d.Decoded)
    assert decoded.text == text
    assert decoded.encoding == encoding
    words = {w.strip(".,").lower() for w in text.split()}
    result = read_article(raw, "legacy.txt", SETTINGS)
    check_article(result, words)
    if isinstance(result, Article):
        assert result.source_encoding == encoding


@FAST
@given(st.text(alphabet=st.sampled_from("ab đ\u00a0\t\n\r\x0b\x0c\x1c\x85\u2003\u3000\u200b.,"), max_size=40))
def test_words_counts_as_split_does(text: str) -> None:
    assert words(text) == len(text.split())
