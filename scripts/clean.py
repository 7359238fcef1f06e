"""Text → the page's parts: headline, date line, byline, body blocks; noise set aside.

PLACEHOLDER being replaced by the real cleaner (issue 8).
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import PARAGRAPH, Block, Rejection
from .settings import Settings


@dataclass(frozen=True)
class Page:
    text: str                      # the whole decoded text (footers name provinces)
    title: str | None              # headline as written, None when the page has none
    blocks: tuple[Block, ...]      # body: paragraphs, headings, captions
    datelines: tuple[str, ...] = ()
    byline: tuple[str, ...] = ()
    views: int | None = None
    noise: tuple[str, ...] = ()


def clean(text: str, settings: Settings) -> Page | Rejection:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if not lines:
        return Rejection("tệp rỗng (empty file)")
    return Page(text=text, title=lines[0], blocks=tuple(Block(PARAGRAPH, ln) for ln in lines[1:]))
