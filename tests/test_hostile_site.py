"""Hostile text is shown literally in the built site: checked in the HTML MkDocs writes, not in the .md.

Builds the real site (convert + `mkdocs build --strict`, as `make site` does) from the hostile
fixtures, then parses every article page with html.parser: no element, attribute or link that comes
from an article's words may be alive, while the front matter keeps the headline exactly as written.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import pytest

from tests.conftest import build_site
from tests.fixtures import make_inputs as fx

HOSTILE = ["hostile/script-headline.txt", "hostile/script-in-headline.txt", "hostile/yaml-title.txt", "utf8/article-a.txt",
           "legacy/tcvn3-capitals.txt"]
MARKERS = ("alert(", "onerror", "javascript:")


class Page(HTMLParser):
    """Elements, attributes and text of one HTML page; <title> and the header kept apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.title = ""
        self.header_text = ""
        self._stack: list[str] = []
        self._in_header = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "header":
            self._in_header += 1
        if tag not in ("meta", "link", "img", "br", "hr", "input"):
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "header":
            self._in_header -= 1
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        current = self._stack[-1] if self._stack else ""
        if current == "script":
            self.scripts.append(data)
        if current == "title":
            self.title += data
        if self._in_header:
            self.header_text += data


def parse(path: Path) -> tuple[Page, str]:
    html = path.read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    return page, html


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("hostile-in")
    for rel in HOSTILE:
        target = src / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(fx.files()[rel])
    return build_site(src, tmp_path_factory.mktemp("hostile-out"))


def article_outputs(out: Path) -> dict[str, str]:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {f["source"]: f["output"] for f in report["files"] if f["output"]}


def article_page(out: Path, source: str) -> Path:
    slug = Path(article_outputs(out)[source]).with_suffix("")
    return out / "site" / slug / "index.html"


def all_pages(out: Path) -> list[Path]:
    return sorted((out / "site").rglob("*.html"))


def test_every_hostile_file_became_an_article(hostile_site: Path) -> None:
    outputs = article_outputs(hostile_site)
    for source in HOSTILE:
        assert source in outputs and article_page(hostile_site, source).is_file()


@pytest.mark.parametrize("source, title", [("hostile/script-headline.txt", fx.HOSTILE_TITLE),
                                           ("hostile/script-in-headline.txt", fx.HOLDING_TITLE),
                                           ("hostile/yaml-title.txt", fx.YAML_TITLE)])
def test_front_matter_keeps_the_headlines_as_written(hostile_site: Path, source: str, title: str) -> None:
    docs = hostile_site / "docs"
    assert frontmatter.load(docs / article_outputs(hostile_site)[source])["title"] == title


def test_no_script_from_the_text_runs_anywhere_in_the_site(hostile_site: Path) -> None:
    for path in all_pages(hostile_site):
        page, _html = parse(path)
        for script in page.scripts:
            assert "alert(" not in script, f"{path}: a <script> from an article's text is alive"


def test_no_event_handler_or_javascript_link_from_the_text(hostile_site: Path) -> None:
    for path in all_pages(hostile_site):
        page, _html = parse(path)
        for tag, attrs in page.tags:
            for name, value in attrs.items():
                assert not (name.startswith("on") and value and "alert" in value), f"{path}: <{tag} {name}>"
                if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                    assert not value.strip().lower().startswith("javascript:"), f"{path}: <{tag} {name}={value}>"
            assert not (tag == "img" and attrs.get("src") == "x"), f"{path}: the text's <img> became an element"


def test_markup_in_the_body_is_shown_as_text(hostile_site: Path) -> None:
    page, html = parse(article_page(hostile_site, "hostile/script-headline.txt"))
    text_of_page = html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#34;", '"')
    assert '<img src=x onerror="alert(2)">' in text_of_page
    assert "[bấm vào đây](javascript:alert(4))" in text_of_page
    assert "{{ config.site_name }}" in text_of_page          # not rendered by Jinja
    assert '{% include "x" %}' in text_of_page
    assert "<b>in đậm</b>" not in html and not any(tag == "b" for tag, _ in page.tags)


@pytest.mark.parametrize("source, title", [("hostile/script-headline.txt", fx.HOSTILE_TITLE),
                                           ("hostile/script-in-headline.txt", fx.HOLDING_TITLE)])
def test_script_headline_is_escaped_in_title_and_header(hostile_site: Path, source: str, title: str) -> None:
    page, html = parse(article_page(hostile_site, source))
    assert title in page.title, "the headline is missing from <title> or became markup there"
    assert title in page.header_text, "the headline is missing from the header or became markup"
    head = html.split("</title>", 1)[0]
    assert "<script>alert(" not in head


def test_yaml_special_title_shows_exactly_as_written(hostile_site: Path) -> None:
    page, _html = parse(article_page(hostile_site, "hostile/yaml-title.txt"))
    assert fx.YAML_TITLE in page.title
    assert fx.YAML_TITLE in page.header_text


def test_a_dash_block_in_the_body_stays_in_the_body(hostile_site: Path) -> None:
    docs_md = (hostile_site / "docs" / article_outputs(hostile_site)["hostile/script-in-headline.txt"])
    post = frontmatter.load(docs_md)
    assert "khối giả front matter" in post.content          # the body's "---" block is text, not metadata
    assert post["title"] == fx.HOLDING_TITLE
    _page, html = parse(article_page(hostile_site, "hostile/script-in-headline.txt"))
    assert re.search(r"---\s*(<br\s*/?>)?\s*title: khối giả front matter", html), "the dashes are lost"
    assert "<hr" not in html.split("khối giả front matter")[0].rsplit("javascript", 1)[-1]


def test_legacy_capitals_headline_reaches_the_page(hostile_site: Path) -> None:
    page, _html = parse(article_page(hostile_site, "legacy/tcvn3-capitals.txt"))
    assert fx.CAPITALS_TEXT.split("\n", 1)[0] in page.title
