"""Article → Markdown text: YAML front matter, then a body in which no text acts as markup.

The body is escaped so that Markdown, HTML and template syntax in an article's words show literally
on the page; the site's Markdown extensions are chosen (mkdocs.yml) so that no word is rewritten.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import yaml

from .model import CAPTION, HEADING, Article, Block

CAPTION_CLASS = "caption"

# Constructs that only act at the start of a block: headings, quotes, lists, rules.
# (Only characters Python-Markdown can escape; tables, tildes and definition lists are not enabled.)
_BLOCK_START = re.compile(r"^(\s*)([#>+!-]|\d+[.)])")


# libyaml's emitter when PyYAML was built with it (the wheels are). Used only for values our own writer
# (below) does not cover, such as an editor's unusual corrections.
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Block-style YAML with Unicode kept readable and no line folding."""


# A string YAML reads back as the same string without quotes: starts with a letter, ordinary characters only.
_PLAIN = re.compile(r"[^\W\d_][\w ,.()/–-]*[\w.)]|[^\W\d_]")
_NOT_PLAIN = frozenset("y n yes no true false on off null".split())
# Characters YAML does not accept raw, or reads as line breaks (JSON leaves them as they are).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _scalar(value: object) -> str | None:
    """YAML for one scalar, or None when it is not one we write ourselves."""
    if type(value) is str:
        return _string(value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    return None


@lru_cache(maxsize=65536)  # names, units, levels and terms repeat from article to article
def _string(value: str) -> str:
    if _PLAIN.fullmatch(value) and value.lower() not in _NOT_PLAIN and "  " not in value:
        return value
    quoted = json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


_PLAIN_KEYS: set[str] = set()  # keys already found to be plain strings: the same few in every article


def _plain_key(key: object) -> bool:
    """A key written as it is (the check is made once per key, not once per article)."""
    if type(key) is str and key in _PLAIN_KEYS:
        return True
    if not isinstance(key, str) or _scalar(key) != key:
        return False
    _PLAIN_KEYS.add(key)
    return True


def _fast_yaml(meta: dict) -> str | None:
    """Front matter of plain values (scalars, lists of scalars, lists of flat dicts), written directly:
    PyYAML's representer is pure Python and cost more than reading the whole article."""
    out: list[str] = []
    for key, value in meta.items():
        if not _plain_key(key):
            return None
        if isinstance(value, (list, tuple)):
            if not value:
                out.append(f"{key}: []")
                continue
            out.append(f"{key}:")
            for item in value:
                if isinstance(item, dict):
                    first = True
                    for k, v in item.items():
                        sv = _scalar(v)
                        if sv is None or not _plain_key(k):
                            return None
                        out.append(f"{'- ' if first else '  '}{k}: {sv}")
                        first = False
                    if first:
                        out.append("- {}")
                else:
                    sv = _scalar(item)
                    if sv is None:
                        return None
                    out.append(f"- {sv}")
        else:
            sv = _scalar(value)
            if sv is None:
                return None
            out.append(f"{key}: {sv}")
    return "\n".join(out) + "\n"


# Each inline character and what it becomes. Replaced one kind at a time (str.replace is a fast scan; a
# pattern with a function per match cost more than the rest of rendering): the backslash first, then "&",
# so that neither is escaped again inside an escape made for another character.
_INLINE_ESCAPES = (("\\", "\\\\"), ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"),
                   *((ch, "\\" + ch) for ch in "`*_[]{}"))


def escape_text(text: str) -> str:
    """Markdown-safe text: entities for & < >, backslashes for the rest, nothing else changed."""
    text = text.strip()
    for ch, escaped in _INLINE_ESCAPES:
        if ch in text:
            text = text.replace(ch, escaped)
    m = _BLOCK_START.match(text)  # (anchored at the start: a search would try every position)
    return text if m is None else m.group(1) + _escape_lead(m.group(2)) + text[m.end():]


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
    fast = _fast_yaml(meta)
    if fast is not None:
        return fast
    return yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9,
                     default_flow_style=False)


def render_body(article: Article) -> str:
    """What follows the front matter's closing `---` line: a blank line, the blocks one blank line apart.
    Apart from `render` for the converter, which already holds the front matter (with the slug it chose
    and any editor's corrections) and should not build it twice."""
    blocks = "\n\n".join(render_block(b) for b in article.body)
    return f"\n{blocks}\n"


def render(article: Article) -> str:
    """The whole `.md` file: front matter between `---` lines, then the blocks, one blank line apart."""
    return f"---\n{front_matter_yaml(article.front_matter())}---\n{render_body(article)}"
