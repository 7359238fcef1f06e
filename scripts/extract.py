"""Page → Article: one `extract_<field>` per front-matter field.

PLACEHOLDER being replaced by the real reader (issue 8).
"""
from __future__ import annotations

from .clean import Page
from .model import Article
from .settings import Settings
from .vietnamese import slugify


def extract_article(page: Page, settings: Settings, *, source_file: str, source_sha256: str,
                    source_encoding: str) -> Article:
    title = page.title or ""
    return Article(title=title, slug=slugify(title), body=page.blocks, source_file=source_file,
                   source_sha256=source_sha256, source_encoding=source_encoding,
                   summary=page.blocks[0].text[:300] if page.blocks else "")
