"""The inline shortcut changes no HTML: every construct, the sample articles, and other extensions' syntax."""
from __future__ import annotations

from pathlib import Path

import frontmatter
import markdown
import pytest
from markdown.util import AtomicString

from scripts.inline_skip import InlineSkipExtension, MarkPlainText

SAMPLES = sorted((Path(__file__).parent / "samples").glob("*.expected.md"))
PORTAL_EXTENSIONS = ["attr_list", "toc"]   # as in mkdocs.yml

SNIPPETS = {
    "plain paragraphs": "Đại hội Chi bộ 4 nhiệm kỳ 2025 - 2027.\n\nĐồng chí Nguyễn Văn A phát biểu.",
    "emphasis and strong": "Một *nghiêng* và **đậm**, _gạch_ __đôi__ ***cả hai***.",
    "not strong": "Giữa * và _ đứng riêng.",
    "code span": "Lệnh `mkdocs build` chạy.",
    "escapes": r"Không phải \*nghiêng\* và \[không link\].",
    "links": "Xem [trang](https://example.org/a \"tiêu đề\") và [tham chiếu][r].\n\n[r]: https://example.org/r",
    "images": "![Ảnh hội nghị](anh.jpg) và ![ref][i].\n\n[i]: anh2.jpg",
    "autolinks": "Gửi <mailto:a@example.org> hoặc <https://example.org/>.",
    "raw html": "Chữ <b>đậm</b> và <span class=\"x\">khác</span>.",
    "entities": "Ký hiệu &amp; &copy; &#8212; & trần.",
    "hard line break": "Dòng một  \nDòng hai",
    "caption attribute": "Ảnh: Các đại biểu biểu quyết thông qua Nghị quyết.\n{: .caption }",
    "headings with anchors": "## Phương hướng nhiệm kỳ 2025 - 2030\n\nNội dung.\n\n### Mục *tiêu*\n\nThêm.",
    "lists": "- mục một\n- mục **hai**\n\n1. thứ nhất\n2. thứ nhì",
    "block quote": "> Trích dẫn *lời* phát biểu.\n> Dòng hai.",
    "code block": "    code *không* xử lý\n    <b>\n\nSau đó.",
    "inline html block": "<div class=\"x\">\n<p>Khối HTML</p>\n</div>\n\nTiếp *theo*.",
    "mixed tails": "Trước **đậm** giữa *nghiêng* sau & hết.",
    "heading attributes": "## Kết quả nhiệm kỳ {: #ket-qua .lon }\n\nNội dung.",
    "caption after markup": "Ảnh: *Đại biểu* biểu quyết.\n{: .caption }",
    "unicode punctuation": "“Trích” – dấu gạch — và … ba chấm; 1/3 số phiếu.",
}


def _html(text: str, extensions: list, skip: bool) -> str:
    return markdown.markdown(text, extensions=[*extensions, *([InlineSkipExtension()] if skip else [])])


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_html_is_the_same_with_the_shortcut_for_every_construct(name: str) -> None:
    text = SNIPPETS[name]
    assert _html(text, PORTAL_EXTENSIONS, True) == _html(text, PORTAL_EXTENSIONS, False)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_html_is_the_same_with_the_shortcut_for_each_sample_article(sample: Path) -> None:
    body = frontmatter.loads(sample.read_text(encoding="utf-8")).content
    assert _html(body, PORTAL_EXTENSIONS, True) == _html(body, PORTAL_EXTENSIONS, False)


def test_same_html_and_toc_when_one_markdown_instance_converts_many_texts() -> None:
    plain, skipping = (markdown.Markdown(extensions=[*PORTAL_EXTENSIONS, *extra])
                       for extra in ([], [InlineSkipExtension()]))
    for text in SNIPPETS.values():
        assert skipping.reset().convert(text) == plain.reset().convert(text)
        assert skipping.toc_tokens == plain.toc_tokens


def test_plain_text_is_marked_atomic_and_markup_is_not() -> None:
    md = markdown.Markdown(extensions=[InlineSkipExtension()])
    marks = md.treeprocessors["inline_skip"]
    assert isinstance(marks, MarkPlainText)
    root = md.parser.parseDocument(["Chỉ chữ thường.", "", "Có *nhấn*."]).getroot()
    marks.run(root)
    first, second = list(root)
    assert isinstance(first.text, AtomicString)
    assert not isinstance(second.text, AtomicString)


def test_later_steps_get_plain_strings_back() -> None:
    """abbr and smarty skip atomic text: they must still see what the shortcut marked."""
    text = 'Kỳ họp "HĐND" -- HĐND tỉnh.\n\n*[HĐND]: Hội đồng nhân dân'
    html = _html(text, ["abbr", "smarty"], True)
    assert html == _html(text, ["abbr", "smarty"], False)
    assert html.count('<abbr title="Hội đồng nhân dân">HĐND</abbr>') == 2 and "&ldquo;" in html


@pytest.mark.parametrize("extension, text, expected", [
    ("footnotes", "Theo báo cáo[^1].\n\n[^1]: Văn kiện.", 'class="footnote-ref"'),
    ("tables", "a | b\n--|--\nHĐND | UBND", "<td>HĐND</td>"),
])
def test_other_extensions_syntax_still_works(extension: str, text: str, expected: str) -> None:
    html = _html(text, [extension], True)
    assert expected in html and html == _html(text, [extension], False)


def test_steps_aside_when_another_extension_adds_an_inline_pattern() -> None:
    """An unknown pattern may match text without any MARKUP character, so nothing is marked."""
    from markdown.extensions import Extension
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    class Mark(Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.inlinePatterns.register(SimpleTagInlineProcessor(r"(==)(.+?)==", "mark"), "mark", 65)

    assert _html("Chữ ==được đánh dấu== ở đây.", [Mark()], True) == "<p>Chữ <mark>được đánh dấu</mark> ở đây.</p>"


def test_steps_aside_when_a_step_runs_between_the_mark_and_the_inline_processor() -> None:
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    class Upper(Treeprocessor):
        def run(self, root):  # type: ignore[no-untyped-def]
            for element in root.iter():
                if element.text and not isinstance(element.text, AtomicString):
                    element.text = element.text.upper()

    class Between(Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.treeprocessors.register(Upper(md), "upper", 22)

    assert _html("chữ thường", [Between()], True) == "<p>CHỮ THƯỜNG</p>"
