"""The article file: YAML that loads back to the same values, and a body in which no text acts as markup."""
from __future__ import annotations

import frontmatter
import markdown
import pytest

from scripts.model import CAPTION, HEADING, PARAGRAPH, Article, Block, Congress, Document
from scripts.render import escape_text, render

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[bấm vào](javascript:alert(1))",
    "{{ config.site_name }} {% include 'x' %}",
    "---",
    "# không phải tiêu đề",
    "1. không phải danh sách",
    "- không phải danh sách",
    "> không phải trích dẫn",
    "*nghiêng* __đậm__ `mã`",
    "&amp; &lt;b&gt;",
    "{: .caption }",
    "1/3 tổng số, \"ngoặc kép\" và 'đơn', -- và ...",
]


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list"])


@pytest.mark.parametrize("text", HOSTILE)
def test_body_text_is_shown_literally(text: str) -> None:
    html = _html(escape_text(text))
    assert html.startswith("<p>") and html.endswith("</p>")
    import html as html_lib
    assert html_lib.unescape(html[3:-4]) == text


def test_front_matter_loads_back_to_the_values_written() -> None:
    article = Article(
        title='A: "b" # \'c\' <script>', date="2020-05-01", year=2020, unit="Đảng bộ xã Tân Phú",
        terms=("2020-2025",), congresses=(Congress("Đảng bộ xã Tân Phú", 7, "2020-2025"),),
        documents=(Document("Chỉ thị", "35-CT/TW", "2019-05-30", "Bộ Chính trị"),), people=("Lê Văn A",),
        warnings=("không rõ",), body=(Block(PARAGRAPH, "x"),))
    post = frontmatter.loads(render(article))
    assert post.metadata == article.front_matter()
    assert list(post.metadata) == list(article.front_matter())


def test_captions_and_subheadings_are_marked() -> None:
    text = render(Article(title="t", body=(Block(HEADING, "Mục một"), Block(CAPTION, "Các đại biểu dự Đại hội"),
                                           Block(PARAGRAPH, "Nội dung."))))
    html = _html(frontmatter.loads(text).content)
    assert "<h2>Mục một</h2>" in html
    assert '<p class="caption">Các đại biểu dự Đại hội</p>' in html


@pytest.mark.parametrize("value", [
    'a: b # c "d" \'e\' \\ \x85\x9f\u2028\u2029\ufeff end', "yes", "No", "~", "  x", "x  ", "1e3", "0x1F", ".5",
    "@a", "`b", "|c", ">d", "%e", "&f", "*g", "!h", "{i", "[j", "?k", ",l", "Ù:", "A – B", "Đảng bộ (xã) A/B.",
    "a\tb", "x\ny", "2020-05-01", "2020-2025", "null", "True", "",
])
def test_front_matter_writer_round_trips_awkward_strings(value: str) -> None:
    from scripts.render import front_matter_yaml
    import yaml
    meta = {"title": value, "people": [value], "congresses": [{"body": value, "number": 3, "term": None}]}
    assert yaml.safe_load(front_matter_yaml(meta)) == meta
