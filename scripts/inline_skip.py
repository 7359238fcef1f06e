"""A Markdown extension: text that holds no inline markup skips Python-Markdown's inline patterns.

Python-Markdown tries each of its 16 inline patterns (code, escapes, links, images, autolinks, line
breaks, raw HTML, entities, emphasis) on every piece of text, one regular expression after another:
half of the time it takes to convert an article, though an article's paragraphs are plain words.
Each of those patterns needs one of a few characters to match (a backslash, a backtick, `*`, `_`,
`[`, `<`, `&`, or two spaces before a line break). Just before the inline processor, text without
any of them is marked as an `AtomicString`, which the inline processor leaves as it is; just after
it, the mark is taken off again, so that later steps (abbreviations, smart quotes, attribute lists)
see the plain strings they would have seen. The HTML is the same, made in half the time.

The shortcut holds only for the patterns it knows. When another extension adds or replaces an
inline pattern (`==mark==`, `~~delete~~`, footnotes...) or puts a step of its own between the mark
and the inline processor, it steps aside and every text goes through the patterns as before.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# Python-Markdown's own inline patterns (markdown.inlinepatterns), by the names it registers them under.
KNOWN_PATTERNS = frozenset({
    "backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
    "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "not_strong",
    "em_strong", "em_strong2",
})
# What any of them needs to match; STX/ETX mark text stashed by the block parser.
MARKUP = re.compile(r"[\\`*_\[<&\x02\x03]|  \n")
MARK_PRIORITY = 25      # just before the inline processor (20) ...
UNMARK_PRIORITY = 19.9  # ... and just after it, before anything else


def shortcut_is_safe(md: Markdown) -> bool:
    """True when the inline patterns are Python-Markdown's own (MARKUP covers them all) and the
    inline processor is the step that comes right after the mark."""
    patterns, steps = md.inlinePatterns, md.treeprocessors
    if len(patterns) != len(KNOWN_PATTERNS) or not all(
            name in patterns and type(patterns[name]).__module__ == "markdown.inlinepatterns"
            for name in KNOWN_PATTERNS):
        return False
    return "inline" in steps and steps.get_index_for_name("inline") == steps.get_index_for_name("inline_skip") + 1


class MarkPlainText(Treeprocessor):
    """Marks every text and tail without MARKUP as atomic, and remembers where, for UnmarkPlainText."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.texts: list[etree.Element] = []
        self.tails: list[etree.Element] = []

    def run(self, root: etree.Element) -> None:
        self.texts, self.tails = [], []
        if not shortcut_is_safe(self.md):
            return
        for element in root.iter():
            text = element.text
            if text and type(text) is str and MARKUP.search(text) is None:
                element.text = AtomicString(text)
                self.texts.append(element)
            tail = element.tail
            if tail and type(tail) is str and MARKUP.search(tail) is None:
                element.tail = AtomicString(tail)
                self.tails.append(element)


class UnmarkPlainText(Treeprocessor):
    """Gives back plain strings where MarkPlainText put atomic ones (the inline processor copies a
    tail into a new AtomicString, so the elements are remembered rather than the strings)."""

    def __init__(self, md: Markdown, marks: MarkPlainText) -> None:
        super().__init__(md)
        self.marks = marks

    def run(self, root: etree.Element) -> None:
        for element in self.marks.texts:
            if isinstance(element.text, AtomicString):
                element.text = str(element.text)
        for element in self.marks.tails:
            if isinstance(element.tail, AtomicString):
                element.tail = str(element.tail)
        self.marks.texts, self.marks.tails = [], []


class InlineSkipExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        marks = MarkPlainText(md)
        md.treeprocessors.register(marks, "inline_skip", MARK_PRIORITY)
        md.treeprocessors.register(UnmarkPlainText(md, marks), "inline_skip_unmark", UNMARK_PRIORITY)


def makeExtension(**kwargs: object) -> InlineSkipExtension:  # noqa: N802 - Python-Markdown's name
    """So mkdocs.yml could also list it as `scripts.inline_skip`."""
    return InlineSkipExtension(**kwargs)
