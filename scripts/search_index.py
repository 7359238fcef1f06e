"""What the search index is fed: a rendered page turned into the HTML Pagefind indexes.

Pagefind folds tone marks (a query "dai" matches "đài", "dại") but not đ/Đ, which has no Unicode
decomposition. So every đ/Đ in the page Pagefind reads becomes d/D followed by U+034F COMBINING
GRAPHEME JOINER: an invisible combining mark, which Pagefind strips with the other marks when it
matches ("d͏ại" is found by "dai"), while the exact form still ranks a query typed with đ first.
The browser's query pipeline (overrides/assets/javascripts/portal-search.js) folds the query the
same way and turns every string Pagefind hands back into the real text again, so a reader never
sees the folded form. Nothing is lost: the fold is one character to two, reversed exactly.

Pagefind also appends "." to a block (heading, list item, cell) that ends without punctuation and
glues the text of blocks it does not know (<dt>, <dd>) to their neighbours. Each block end gets a
U+2060 WORD JOINER between spaces instead, which stops both and which the browser removes, so an
excerpt is the page's own words.

Abbreviations from scripts/data/abbreviations.yml find their expansions and back through a meta
field (`aliases`), which Pagefind 1.5 searches: a page that writes "HĐND" is found by "Hội đồng
nhân dân", and the other way round, with Pagefind's own counts for the facets.
"""
from __future__ import annotations

import html as _html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .vietnamese import new_style_tones

# Invisible marks shared with portal-search.js: change them together.
FOLD_MARK = "\u034f"   # after d/D where the text has đ/Đ
BLOCK_MARK = "\u2060"  # at the end of each block of text

ALIASES_META = "aliases"
DATE_SORT = "date"
DATE_ASC_SORT = "date_asc"   # the same dates, but the undated sort last in ascending order too
UNDATED_LAST_ASC = "9999-12-31"

_UNFOLD = re.compile(f"([dD]){FOLD_MARK}")
_BLOCK_MARKS = re.compile(rf"(?:\s*{BLOCK_MARK})+\s*")

# Closing tags of the blocks whose text Pagefind separates (and those it forgets to: dt, dd, th, ...).
_BLOCK_END = re.compile(
    r"</(?:h[1-6]|p|li|dt|dd|td|th|div|ul|ol|dl|article|section|aside|figcaption|caption|"
    r"blockquote|pre|summary|tr)>")
_DATE_SORT = re.compile(r'data-pagefind-sort="date(?::(?P<literal>[^"]*)|\[(?P<attr>[\w-]+)\])"')
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_TAG = re.compile(r"<[^>]*>")


def fold_for_index(text: str) -> str:
    """đ → d + U+034F, Đ → D + U+034F: matched as d by Pagefind, reversible by `unfold`."""
    return text.replace("đ", "d" + FOLD_MARK).replace("Đ", "D" + FOLD_MARK)


def unfold(text: str) -> str:
    """The real text back from what Pagefind stored: đ restored, block marks gone."""
    text = _UNFOLD.sub(lambda m: "đ" if m.group(1) == "d" else "Đ", text)
    return _BLOCK_MARKS.sub(" ", text).strip() if BLOCK_MARK in text else text


def mark_block_ends(page_html: str) -> str:
    return _BLOCK_END.sub(lambda m: f" {BLOCK_MARK} " + m.group(0), page_html)


# --- abbreviations ---------------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_NEW_STYLE_END = re.compile(rf"([oO])([{_TONES}])([aAeE])(?![^\W\d_])|([uU])([{_TONES}])([yY])(?![^\W\d_])")


def tone_spellings(text: str) -> list[str]:
    """The spellings of `text` in both tone styles ("ủy"/"uỷ", "hòa"/"hoà"), new style first."""
    new = new_style_tones(text)
    old = unicodedata.normalize("NFC", _NEW_STYLE_END.sub(
        lambda m: (m.group(1) + m.group(3) + m.group(2)) if m.group(1) else (m.group(4) + m.group(6) + m.group(5)),
        unicodedata.normalize("NFD", new)))
    return list(dict.fromkeys([new, old]))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-/"


def has_word(text: str, word: str) -> bool:
    """`word` occurs in `text` as a whole word, not inside a document code ("TT" in "TT-BNV")."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        next_after = text[end + 1] if end + 1 < len(text) else " "
        if not _is_word_char(before) and not _is_word_char(after) and not (after == "." and next_after.isalnum()):
            return True
        at = text.find(word, at + 1)
    return False


class Aliases:
    """Finds, in a page's text, the abbreviations and expansions of the site's list.

    Abbreviations match as written (case-sensitive, whole word, not inside a document code);
    expansions whatever the case and tone style. Plain substring search: most pages hold
    few of them, so a page costs a few microseconds.
    """

    def __init__(self, abbreviations: dict[str, str]) -> None:
        pairs = [(" ".join(str(k).split()), " ".join(str(v).split()))
                 for k, v in (abbreviations or {}).items() if k and v]
        self.expansion_of: dict[str, str] = dict(pairs)

        # expansion (as the data file writes it) → its abbreviations; matched in lower case
        self.abbreviations_of: dict[str, list[str]] = {}
        for abbr, expansion in pairs:
            self.abbreviations_of.setdefault(expansion, []).append(abbr)
        self._expansions = []
        for expansion in self.abbreviations_of:
            forms = [f.lower() for f in tone_spellings(expansion)]
            self._expansions.append((expansion, forms))

    def find(self, text: str) -> list[str]:
        """The counterparts of what `text` writes (expansions of its abbreviations and back),
        leaving out those the text writes itself; in the data file's order."""
        text = " ".join(text.split())
        lower = text.lower()
        found_abbr = {abbr for abbr in self.expansion_of if has_word(text, abbr)}
        found_exp = {expansion for expansion, forms in self._expansions if any(has_word(lower, f) for f in forms)}
        out: dict[str, None] = {}
        for abbr, expansion in self.expansion_of.items():
            if abbr in found_abbr and expansion not in found_exp:
                out[expansion] = None
            if expansion in found_exp and abbr not in found_abbr:
                out[abbr] = None
        return list(out)


@lru_cache(maxsize=8)
def _aliases_for(items: tuple[tuple[str, str], ...]) -> Aliases:
    return Aliases(dict(items))


def aliases_for(abbreviations: dict[str, str]) -> Aliases:
    """One compiled matcher per list (pages of one build share it)."""
    return _aliases_for(tuple(sorted((str(k), str(v)) for k, v in (abbreviations or {}).items())))


def document_refs(documents: Any, text: str) -> list[str]:
    """The refs of the documents an article cites ("17-KH/ĐU"), as the converter normalised them,
    when the text writes them otherwise ("17 KH/ĐU"): the code is then found as readers type it."""
    refs = []
    for doc in documents if isinstance(documents, list) else []:
        ref = " ".join(str(doc.get("ref") or "").split()) if isinstance(doc, dict) else ""
        if ref and ref not in text and ref not in refs:
            refs.append(ref)
    return refs


def text_of(fragment_html: str) -> str:
    """Plain text of an HTML fragment, good enough for finding words (not for display)."""
    return _html.unescape(_TAG.sub(" ", fragment_html))


# --- the page Pagefind reads -----------------------------------------------------------------


def date_asc_value(page_html: str) -> str | None:
    """The `date` sort value the page declares, for the ascending key: undated → last."""
    at = page_html.find('data-pagefind-sort="date')
    if at < 0:
        return None
    start, end = page_html.rfind("<", 0, at), page_html.find(">", at)
    tag = page_html[start:end]
    m = _DATE_SORT.search(tag)
    if m is None:
        return None
    value = m.group("literal")
    if value is None:
        attr = re.search(rf'\s{re.escape(m.group("attr"))}="([^"]*)"', tag)
        value = attr.group(1) if attr else ""
    value = _html.unescape(value).strip()
    if not _ISO_DATE.match(value) or value.startswith("0000"):
        return UNDATED_LAST_ASC
    return value


def prepare_page(page_html: str, aliases: list[str]) -> str:
    """The HTML Pagefind indexes for one rendered page (never written to disk).

    Adds the `aliases` meta and the ascending date sort before </body>, marks block ends, folds đ.
    """
    extra = []
    if aliases:
        extra.append(f'<span data-pagefind-meta="{ALIASES_META}:{_html.escape(", ".join(aliases))}"></span>')
    asc = date_asc_value(page_html)
    if asc is not None:
        extra.append(f'<span data-pagefind-sort="{DATE_ASC_SORT}:{asc}"></span>')
    if extra:
        at = page_html.rfind("</body>")
        at = at if at >= 0 else len(page_html)
        page_html = page_html[:at] + "".join(extra) + page_html[at:]
    return fold_for_index(mark_block_ends(page_html))


# --- what Pagefind is sent --------------------------------------------------------------------

_FILTER_SPAN = re.compile(r'data-pagefind-filter="(?P<name>[\w-]+)\[data-value\]" data-value="(?P<value>[^"]*)"')


def article_document(title: str, content_html: str, attributes: str, lang: str | None = None) -> str:
    """What Pagefind reads of an article: the part of its page that search covers, i.e. the title,
    the article's words and its search attributes (filters, meta, sort: `pages.search_attributes`),
    as overrides/partials/content.html lays them out, without the metadata panel and the related
    list (both data-pagefind-ignore) or the theme around them (header, navigation, footer, scripts:
    half of an article page). The page's language picks the index's.

    Made from the article's rendered Markdown, before MkDocs renders any page, so Pagefind can index
    while MkDocs still works; sending less than the page cuts the work on both sides."""
    lang_attr = f' lang="{_html.escape(lang)}"' if lang else ""
    return (f'<html{lang_attr}><body><article data-pagefind-body>'
            f'<h1 class="portal-title">{_html.escape(title, quote=False)}</h1>'
            f'<div class="portal-body">{content_html}</div>{attributes}</article></body></html>')


def facet_values(page_html: str) -> list[tuple[str, str]]:
    """The (filter, value) pairs a page declares, in real text: counted for the whole archive's facets."""
    return [(m.group("name"), _html.unescape(m.group("value"))) for m in _FILTER_SPAN.finditer(page_html)]


# --- bundles: the index split by period, newest first ------------------------------------------

UNDATED = "Chưa rõ năm"
DEFAULT_BUNDLE_SIZE = 300
# Word positions per Pagefind index chunk. Pagefind's own default packs tens of thousands, so a
# query word came with hundreds of kilobytes of other words; 1,000 keeps a chunk to about the word
# itself, for a few more lines in the bundle's page list (about 1 KB per 300 articles).
INDEX_CHUNK_SIZE = 1000


@dataclass
class Bundle:
    """One Pagefind index of consecutive articles (by date); the browser searches the newest first."""
    path: str                      # under site/pagefind/, e.g. "b0/"
    urls: list[str] = field(default_factory=list)
    newest: str | None = None      # sort dates (ISO); None for the undated
    oldest: str | None = None
    years: list[str] = field(default_factory=list)   # the `year` filter's values it holds

    def manifest(self) -> dict[str, Any]:
        return {"path": self.path, "count": len(self.urls), "newest": self.newest, "oldest": self.oldest,
                "years": self.years}


def plan_bundles(items: list[tuple[str, str | None, str]], size: int = DEFAULT_BUNDLE_SIZE) -> list[Bundle]:
    """(url, sort date or None, year label) → bundles of at most `size` articles, newest first,
    the undated in bundles of their own at the end.

    A common word's index chunk grows with the number of pages in an index, so a first search that
    reads one bundle downloads about the same whatever the archive's size."""
    size = max(1, int(size))
    dated = sorted((i for i in items if i[1]), key=lambda i: (i[1], i[0]), reverse=True)
    undated = sorted((i for i in items if not i[1]), key=lambda i: i[0])
    bundles: list[Bundle] = []
    for group in (dated, undated):
        for at in range(0, len(group), size):
            part = group[at:at + size]
            b = Bundle(path=f"b{len(bundles)}/", urls=[i[0] for i in part])
            if part[0][1]:
                b.newest, b.oldest = part[0][1], part[-1][1]
            b.years = sorted({i[2] for i in part}, key=lambda y: (y == UNDATED, y), reverse=False)
            bundles.append(b)
    return bundles


MANIFEST = "bundles.json"
FACETS = "facets.json"


def manifest(bundles: list[Bundle]) -> dict[str, Any]:
    """site/pagefind/bundles.json: the bundles, newest first; what the browser reads before searching."""
    return {"version": 1, "articles": sum(len(b.urls) for b in bundles),
            "bundles": [b.manifest() for b in bundles]}


def facet_totals(facets: dict[str, Any]) -> dict[str, dict[str, int]]:
    """site/pagefind/facets.json: every facet value's count over the whole archive, for the search
    page opened empty (which then loads no bundle)."""
    return {name: dict(sorted(counts.items())) for name, counts in sorted(facets.items())}
