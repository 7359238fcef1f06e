"""Article → Markdown text: YAML front matter, then a body in which no text acts as markup.

The body is escaped so that Markdown, HTML and template syntax in an article's words show literally
on the page; the site's Markdown extensions are chosen (mkdocs.yml) so that no word is rewritten.
"""
from __future__ import annotations

import re

import yaml

from .model import CAPTION, HEADING, Article, Block

CAPTION_CLASS = "caption"

# Inline characters that start Markdown or HTML constructs anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]{}<>&])")
# Constructs that only act at the start of a block: headings, quotes, lists, rules.
# (Only characters Python-Markdown can escape; tables, tildes and definition lists are not enabled.)
_BLOCK_START = re.compile(r"^(\s*)([#>+!-]|\d+[.)])")


# libyaml's emitter when PyYAML was built with it (the wheels are): the pure-Python one costs ~1 ms an article.
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Block-style YAML with Unicode kept readable and no line folding."""


def escape_text(text: str) -> str:
    """Markdown-safe text: entities for & < >, backslashes for the rest, nothing else changed."""

    def repl(m: re.Match[str]) -> str:
        ch = m.group(1)
        return {"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(ch) or "\\" + ch

    text = _INLINE.sub(repl, text.strip())
    return _BLOCK_START.sub(lambda m: m.group(1) + _escape_lead(m.group(2)), text, count=1)


def _escape_lead(lead: str) -> str:
    if lead[0].isdigit():  # "1. " or "2) " would start an ordered list
        return lead[:-1] + "\\" + lead[-1]
    return "\\" + lead


def render_block(block: Block) -> str:
    text = escape_text(block.text)
    if block.kind == HEADING:
        return f"## {text}"
    if block.kind == CAPTION:
        return f"{text}\n{{: .{CAPTION_CLASS} }}"
    return text


def front_matter_yaml(meta: dict) -> str:
    return yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9,
                     default_flow_style=False)


def render(article: Article) -> str:
    """The whole `.md` file: front matter between `---` lines, then the blocks, one blank line apart."""
    body = "\n\n".join(render_block(b) for b in article.body)
    return f"---\n{front_matter_yaml(article.front_matter())}---\n\n{body}\n"
