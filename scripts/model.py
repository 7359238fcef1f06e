"""The article as the contract (../shared/CONTRACT.md §2) fixes it, and the blocks of its body.

Frozen dataclasses: the pipeline builds one `Article` per input and nothing mutates it afterwards,
so a worker process can hand it back safely and tests can compare whole values.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# Block kinds of the body, in the order a page shows them.
PARAGRAPH = "paragraph"
HEADING = "heading"
CAPTION = "caption"

UNIT_LEVELS = ("chi bộ", "đảng bộ cơ sở", "cấp huyện", "cấp tỉnh", "toàn quốc", "khác")


@dataclass(frozen=True)
class Block:
    """One piece of the body: a paragraph, a subheading or a photo caption."""

    kind: str
    text: str


@dataclass(frozen=True)
class Document:
    """A cited document: identified by `ref` and the year of `date` (numbers are reused)."""

    type: str
    ref: str
    date: str | None = None
    issuer: str | None = None


@dataclass(frozen=True)
class Congress:
    body: str | None
    number: int | None
    term: str | None


@dataclass(frozen=True)
class Article:
    """Every front-matter key of the contract, in its order, plus the body blocks."""

    title: str
    date: str | None = None
    event_date: str | None = None
    year: int | None = None
    unit: str | None = None
    unit_key: str | None = None
    unit_level: str | None = None
    province: str | None = None
    terms: tuple[str, ...] = ()
    congress_number: int | None = None
    congresses: tuple[Congress, ...] = ()
    author: str | None = None
    author_note: str | None = None
    documents: tuple[Document, ...] = ()
    people: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    views: int | None = None
    summary: str = ""
    slug: str = ""
    source_file: str = ""
    source_sha256: str = ""
    source_encoding: str = ""
    warnings: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()
    # keys the contract allows us to add
    title_generated: bool = False
    province_source: str | None = None
    body: tuple[Block, ...] = field(default=(), compare=True)

    def front_matter(self) -> dict[str, Any]:
        """Plain dict in contract order (lists, dicts, str, int, None): what YAML writes and reads back."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "body":
                continue
            value = getattr(self, f.name)
            if f.name == "congresses":
                value = [{"body": c.body, "number": c.number, "term": c.term} for c in value]
            elif f.name == "documents":
                value = [{"type": d.type, "ref": d.ref, "date": d.date, "issuer": d.issuer} for d in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out


@dataclass(frozen=True)
class Rejection:
    """Not an article: the reason says why, in words an editor understands."""

    reason: str
