"""Text → the page's parts: headline, date lines, byline, body blocks; the noise set aside.

A short pipeline of named steps over lines, in the spirit of jusText: each step looks at lines (or
blocks) and takes out what it recognises. Patterns come from `scripts/data/noise.yml` and
`scripts/data/layout.yml`, compiled once per process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import CAPTION, HEADING, PARAGRAPH, Block, Rejection
from .names import is_names
from .vietnamese import LOWER, UPPER
from .settings import Settings

try:  # the regex parser, for what a pattern's matches must hold (named sre_parse before Python 3.11)
    import re._constants as _op
    import re._parser as _parser
except ImportError:  # pragma: no cover
    import sre_constants as _op  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# --- the result ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    text: str                      # the whole decoded text (a footer may name the province)
    title: str | None              # headline as written (source tag and markers removed), None if none
    blocks: tuple[Block, ...]      # body: paragraphs, headings, captions
    datelines: tuple[str, ...] = ()  # stamps found (the date line, a stamp glued to the headline)
    byline: tuple[str, ...] = ()   # the byline block's lines, label removed from the first
    views: int | None = None
    noise: tuple[str, ...] = ()    # lines dropped as noise (footer included)
    credits: tuple[str, ...] = ()  # photo credits ("Ảnh: ...") found standing alone


# --- compiled patterns -------------------------------------------------------------------------

_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class _Patterns:
    noise_line: re.Pattern[str]
    line_kind: re.Pattern[str]   # footer | related | noise | link, in that order: one match per line
    noise_words: tuple[str, ...]   # "cookie" anywhere in a short line
    footer_words: tuple[str, ...]  # "designed by" anywhere in a short line
    title_prefix: re.Pattern[str]
    title_suffix: re.Pattern[str]
    stamp_line: re.Pattern[str]
    stamp_inside: re.Pattern[str]
    byline_label: re.Pattern[str]
    byline_team: re.Pattern[str]
    photo_credit: re.Pattern[str]
    credit_tail: re.Pattern[str]
    caption_start: re.Pattern[str]
    caption_word: re.Pattern[str]
    glued_caption: re.Pattern[str]
    sentence_starter: re.Pattern[str]  # the words glued_caption's look-ahead wants, alone
    stamp_needs_digit: bool            # every stamp holds a digit: a line without one is no date line
    starter_width: int | None          # the most characters they match (None: no bound)


def _any(patterns: list[str] | str | None) -> str:
    if not patterns:
        return r"(?!x)x"
    if isinstance(patterns, str):
        return patterns
    return "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=8)
def patterns(settings: Settings) -> _Patterns:
    noise, layout = settings.noise, settings.layout
    stamps = _any([re.sub(r"\?P<\w+>", "", s) for s in layout.get("stamps") or []])
    labels = layout.get("stamp_labels") or r"(?!x)x"
    credit = layout.get("photo_credit") or r"(?!x)x"
    starters = layout.get("sentence_starters") or r"(?!x)x"
    return _Patterns(
        # noise patterns are matched against the lower-cased line: case-insensitive matching costs far more
        noise_line=re.compile(rf"(?:[^\w\s]{{1,3}}\s*)?(?:{_any(noise.get('lines'))})\s*"),
        noise_words=tuple(noise.get("lines_containing") or ()),
        footer_words=tuple(noise.get("footer_containing") or ()),
        line_kind=re.compile(rf"(?P<footer>{_any(noise.get('footer'))})|(?P<related>(?:{_any(noise.get('related'))})\s*)"
                             rf"|(?P<noise>(?:[^\w\s]{{1,3}}\s*)?(?:{_any(noise.get('lines'))})\s*)"
                             rf"|(?P<link>{_any(noise.get('links'))})"),
        title_prefix=re.compile(rf"^(?:{_any(layout.get('title_prefixes'))})", _FLAGS),
        title_suffix=re.compile(rf"(?:{_any(layout.get('title_suffixes'))})", _FLAGS),
        # a date line: a stamp, perhaps after a label, perhaps several ("Ngày đăng ... | Cập nhật ...")
        stamp_line=re.compile(rf"(?:[\[(|]?\s*(?:{labels})?(?:{stamps})\s*[\])|,.]?\s*)+", _FLAGS),
        stamp_inside=re.compile(rf"(?:{labels})?(?:{stamps})", _FLAGS),
        byline_label=re.compile(rf"^\(?\s*{layout.get('byline_labels') or '(?!x)x'}", _FLAGS),
        byline_team=re.compile(rf"\(?\s*(?:{layout.get('byline_teams') or '(?!x)x'})\s*\)?", _FLAGS),
        photo_credit=re.compile(rf"^\(?\s*{credit}", _FLAGS),
        credit_tail=re.compile(rf"[\s.,;-]*\(?\s*{credit}[^()]{{1,60}}?\)?\s*$", _FLAGS),
        caption_start=re.compile(rf"^(?:{layout.get('caption_starts') or '(?!x)x'})", _FLAGS),
        caption_word=re.compile(rf"(?:{layout.get('caption_words') or '(?!x)x'})", _FLAGS),
        # "Đồng chí X phát biểu tại Đại hội Trong nhiệm kỳ ...": no full stop between caption and text
        glued_caption=re.compile(rf"^([^.!?;:]{{12,200}}?[^\s.!?;:,])\s+(?={starters})"),
        sentence_starter=re.compile(starters),
        starter_width=_max_width(starters),
        stamp_needs_digit=_needs_digit(stamps),
    )


def _max_width(pattern: str) -> int | None:
    """The most characters `pattern` can match, or None when it has no bound."""
    most = _parser.parse(pattern).getwidth()[1]
    return None if most >= _parser.MAXREPEAT - 1 else most


def _needs_digit(pattern: str) -> bool:
    """Whether every match of `pattern` holds a decimal digit, so that a text without one cannot match.
    Read from the parsed pattern; anything not plainly a digit counts as not needing one."""
    return _items_need_digit(_parser.parse(pattern))


def _items_need_digit(items: object) -> bool:
    """A sequence needs a digit when one of its items does."""
    return any(_item_needs_digit(op, av) for op, av in items)  # type: ignore[attr-defined]


def _item_needs_digit(op: object, av: object) -> bool:
    if op is _op.LITERAL:
        return chr(av).isdecimal()  # type: ignore[arg-type]
    if op is _op.IN:  # a set of digits only: [0-9], \d
        return all(o is _op.CATEGORY and a is _op.CATEGORY_DIGIT or o is _op.LITERAL and chr(a).isdecimal()
                   or o is _op.RANGE and all(chr(c).isdecimal() for c in range(a[0], a[1] + 1))
                   for o, a in av)  # type: ignore[attr-defined]
    if op is _op.SUBPATTERN:
        return _items_need_digit(av[3])  # type: ignore[index]
    if op is _op.BRANCH:
        return all(_items_need_digit(branch) for branch in av[1])  # type: ignore[index]
    if op in (_op.MAX_REPEAT, _op.MIN_REPEAT, getattr(_op, "POSSESSIVE_REPEAT", None)):
        return av[0] >= 1 and _items_need_digit(av[2])  # type: ignore[index]
    if op is getattr(_op, "ATOMIC_GROUP", None):
        return _items_need_digit(av)
    return False


_DIGIT = re.compile(r"\d")


def _stamp(text: str, p: _Patterns) -> bool:
    """The whole text is date stamps (with labels). The pattern tries its many stamps at every start;
    most lines have no digit, which every stamp needs."""
    return (not p.stamp_needs_digit or _DIGIT.search(text) is not None) and p.stamp_line.fullmatch(text) is not None


# --- small predicates ------------------------------------------------------------------------

# runs of spaces, and any other kind of space: replaced by one plain space (single spaces are left alone)
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_CLOSERS = "'\"”’)"


def ends_sentence(line: str) -> bool:
    """"... tốt đẹp.", "... (2020-2025).": a string test, no pattern scan over the line."""
    return line.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…", ":", ";")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_VIEWS = re.compile(r"(?i)(?:(?:lượt|lần) (?:xem|đọc|truy cập)|đã xem)\s*:?\s*([\d.,\s]+)|([\d.,]+)\s+lượt (?:xem|đọc)")
_BARE_NUMBER = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})*$|^\d+$")
MAX_LINE = 20_000  # a longer "line" is a whole page without line breaks: split it into sentences


def _full(pattern: re.Pattern[str], line: str) -> bool:
    return pattern.fullmatch(line) is not None


@lru_cache(maxsize=16384)
def words(text: str) -> int:
    """How many words, as `len(text.split())` counts them. A printable text has no white space but the
    plain space (every other kind is unprintable): then, without doubled spaces, they are counted instead
    of cutting the text into a list of words (a third of the time on a paragraph)."""
    if "  " not in text and text.isprintable():
        return text.count(" ") + 1 - text.startswith(" ") - text.endswith(" ") if text else 0
    return len(text.split())


def is_paragraph_like(line: str) -> bool:
    """Running text: long enough, or a full sentence."""
    n = words(line)
    return n >= 25 or (n >= 8 and ends_sentence(line))


def _norm(line: str) -> str:
    """The words only, lower case, one space apart: what repeated lines are compared by. A word of
    letters only is taken as it is (one str test); only the others go through the pattern, which
    spends hundreds of instructions on each character."""
    out: list[str] = []
    for token in line.lower().split():
        if token.isalpha():
            out.append(token)
        else:
            out.extend(_WORD.findall(token))
    return " ".join(out)


# --- the steps -------------------------------------------------------------------------------


def _lines(text: str, spaces_plain: bool = False) -> list[str]:
    """Trimmed lines, blank lines kept as "" (they separate paragraphs); giant lines split.
    `spaces_plain`: the text has no odd space but tabs (decode.decode's output): the pattern's pass over
    the whole text to look for one is skipped."""
    out: list[str] = []
    odd = "\t" in text if spaces_plain else _ODD_SPACE.search(text) is not None
    if "  " in text or odd:
        text = _SPACES.sub(" ", text)
    for raw in text.split("\n"):
        line = raw.strip()
        if len(line) > MAX_LINE:  # a whole page on one line: break after sentences to keep work bounded
            out.extend(s.strip() for s in re.split(rf"(?<=[.!?])\s+(?=[{UPPER}])", line) if s.strip())
        else:
            out.append(line)
    return out


_NOISE_MAX = 400
_SYMBOLS_ONLY = re.compile(r"[\W\d_]*")
_SITE_NAME = re.compile(r"(?:BÁO|CỔNG|TRANG|ĐÀI|TẠP CHÍ)\b")
# "12/10", "8:15": no digit right before. (The look-behind comes after the first digit, "no digit before this
# one", so that the pattern starts with a digit and the engine skips to digits instead of trying every position.)
_A_DATE = re.compile(r"\d(?<!\d\d)\d?\s*[/.-]\s*\d{1,2}(?!\d)|\d(?<!\d\d)\d?(?::|h)\d{2}(?!\d)")
_MENU_MARK = re.compile(r"[»›>|/\[\]]")  # a menu has one of these (a cheap test before the pattern)
_MENU_SPLIT = re.compile(r"\s+[»›>]+\s+|\s*\|\s*|\s+/\s+|\]\s*\[|^\[|\]$")  # "[Trang chủ] [Giới thiệu]" too


def _is_menu_line(line: str) -> bool:
    """A site's menu or breadcrumb: short items between "|", "»" or ">" ("Trang chủ | Giới thiệu | Tin tức")."""
    if len(line) > 200 or not _MENU_MARK.search(line) or not _MENU_SPLIT.search(line) or _A_DATE.search(line):
        return False
    items = [x for x in _MENU_SPLIT.split(line) if x]
    return len(items) >= 2 and all(words(x) <= 6 and not ends_sentence(x) for x in items) and (
        len(items) >= 3 or all(words(x) <= 3 for x in items))


def _unwrap(line: str) -> str:
    """The line without the marks around it ("[Trở về]" → "Trở về", "Xem thêm >>" → "Xem thêm"): from its
    first letter or digit to its last (a loop from each end: the marks are a few characters)."""
    start, end = 0, len(line)
    while start < end and not line[start].isalnum():
        start += 1
    while end > start and not line[end - 1].isalnum():
        end -= 1
    return line[start:end]


def _drop_noise(lines: list[str], p: _Patterns) -> tuple[list[str], list[str], int | None]:
    """Remove noise lines, the footer and related-article lists; read the view counter on the way."""
    kept: list[str] = []
    noise: list[str] = []
    views: int | None = None
    in_related = False
    seen_paragraph = False
    for i, line in enumerate(lines):
        if not line:
            kept.append(line)
            continue
        if len(line) > _NOISE_MAX:  # running text: no widget, counter or footer line is this long
            seen_paragraph = True
            in_related = False
            kept.append(line)
            continue
        lowered = line.lower()
        kind = p.line_kind.fullmatch(lowered)
        kind = kind.lastgroup if kind else None
        if kind is None and len(line) < 300:
            kind = ("footer" if any(map(lowered.__contains__, p.footer_words))  # (map: no generator per line)
                    else "noise" if any(map(lowered.__contains__, p.noise_words)) else None)
        if kind == "footer" or (seen_paragraph and line.isupper() and _SITE_NAME.match(line)):
            if seen_paragraph:
                noise.extend(x for x in lines[i:] if x)
                break
            noise.append(line)
            continue
        if kind == "related":
            in_related = True
            noise.append(line)
            continue
        if in_related:
            if is_paragraph_like(line) and kind != "link":
                in_related = False
            else:
                noise.append(line)
                continue
        wrapped = not (line[:1].isalnum() and line[-1:].isalnum())
        bare = _unwrap(line) if wrapped else line
        # ("[Trở về]", "Xem thêm >>", "👁 642": the widget inside its brackets and arrows)
        if kind in ("noise", "link") or (wrapped and bare and _full(p.noise_line, bare.lower())) or _is_menu_line(line):
            m = _VIEWS.search(bare)
            if views is None and m:
                views = _to_int(m.group(1) or m.group(2))
            elif views is None and _BARE_NUMBER.match(bare) and not seen_paragraph:
                views = _to_int(bare)
            noise.append(line)
            continue
        if is_paragraph_like(line):
            seen_paragraph = True
        kept.append(line)
    return kept, noise, views


def _to_int(text: str) -> int | None:
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits and len(digits) < 12 else None


_META_SPLIT = re.compile(r"\s*(?:[|•·]|\s-\s)\s*")
_META_MARK = re.compile(r"[|•·-]")  # a separator has one of these (a cheap test before the pattern)
_TIME = re.compile(r"\d{1,2}(?::|h)\d{2}")


def _is_stamp_line(line: str, p: _Patterns) -> bool:
    """A date line: stamps only, or stamps with view counters and widgets ("12/10/2020 | Lượt xem: 120")."""
    if len(line) < 120 and _stamp(line, p):
        return True
    if len(line) >= 160 or not _META_MARK.search(line) or not _META_SPLIT.search(line):
        return False
    parts = [x for x in _META_SPLIT.split(line) if x]
    stamps = [x for x in parts if _stamp(x, p)]
    return bool(stamps) and all(x in stamps or _full(p.noise_line, x.lower()) or (p.byline_label.match(x) and words(x) <= 8)
                                for x in parts)


def _take_title(lines: list[str], p: _Patterns) -> tuple[str | None, list[str], list[str]]:
    """The headline: the first line when it reads like one. Splits a headline glued to a stamp and lead."""
    datelines: list[str] = []
    rest = list(lines)
    while rest and (not rest[0] or _is_stamp_line(rest[0], p)):
        if rest[0]:
            datelines.append(rest[0])
        rest.pop(0)
    if not rest:
        return None, datelines, rest
    _drop_section_and_banner(rest, p)
    first = rest[0]
    glued = p.stamp_inside.search(first) if _A_DATE.search(first) or "tháng" in first else None
    # a stamp glued between headline and lead carries a label or a time ("Cập nhật: 08:15, 07/08/2020");
    # a bare date inside a headline is the headline's own words
    stamp_text = glued.group(0) if glued else ""
    if glued and glued.start() > 0 and (_TIME.search(stamp_text) or not (
            stamp_text[:1].isdigit() or stamp_text.lower().startswith("ngày "))):
        head, stamp, tail = first[: glued.start()].strip(" -|,"), glued.group(0), first[glued.end():].strip(" -|,")
        if 3 <= words(head) <= 40 and (not tail or words(tail) >= 5) and not ends_sentence(head):
            datelines.append(stamp)
            rest[0:1] = [head] + ([tail] if tail else [])
            first = head
    # a headline wrapped over two or three lines (copied from a phone): "Chi bộ Tổ dân phố 7 đại" / "hội nhiệm kỳ ..."
    while len(rest) > 1 and rest[1] and not ends_sentence(first) and words(first) < 30 and (
            rest[1][:1].islower() or rest[1][:1].isdigit()) and not _is_stamp_line(rest[1], p):
        first = rest[0] = first + " " + rest.pop(1)
    if words(first) > 45 or (len(first) > 150 and first.endswith(".")) or (
            len(first) > 180 and ends_sentence(first) and first.count(". ") >= 1):
        return None, datelines, rest  # the page starts with its lead: no headline
    rest.pop(0)
    return first, datelines, rest


def _drop_section_and_banner(rest: list[str], p: _Patterns) -> None:
    """A section name ("Tin tức - Sự kiện") or an all-caps banner standing above the real headline."""
    while len(rest) >= 2:
        first, nxt = rest[0], next((x for x in rest[1:3] if x), "")
        after = rest[rest.index(nxt) + 1] if nxt and rest.index(nxt) + 1 < len(rest) else ""
        banner = first.isupper() and len(first) > 12 and not nxt.isupper()
        section = (words(first) <= 5 and words(nxt) >= 6 and not ends_sentence(first)
                   and (_is_stamp_line(after, p) or any(sep in first for sep in (" - ", " > ", " » ", " | "))))
        headline_next = (words(nxt) <= 40 and not nxt.endswith(".")) or (
            _A_DATE.search(nxt[:300]) is not None and p.stamp_inside.search(nxt[:300]) is not None)
        if not (nxt and (banner or section) and not _is_stamp_line(nxt, p) and headline_next):
            return
        rest.pop(0)
        while rest and not rest[0]:
            rest.pop(0)


def clean_title(title: str, p: _Patterns) -> str:
    """Headline as written, without a source tag, a CMS leftover or trailing markers."""
    previous = None
    while previous != title:
        previous = title
        title = p.title_prefix.sub("", title, count=1).strip()
    title = p.title_suffix.sub("", title).strip()
    return title


def _drop_repeats(lines: list[str], title: str | None, p: _Patterns) -> tuple[list[str], list[str]]:
    """A headline or paragraph the page printed twice keeps its first copy only; stamps become date lines;
    a short line printed again and again (a PDF's running header) goes altogether."""
    counts: dict[str, int] = {}
    for line in lines:
        if line and len(line) < 120 and not ends_sentence(line) and not _SYMBOLS_ONLY.fullmatch(line):
            counts[line] = counts.get(line, 0) + 1  # (a line of dashes is text, not a running header)
    running = {line for line, n in counts.items() if n >= 2}
    lines = [line for line in lines if line not in running]
    by_first: dict[str, list[_Kept]] = {}
    title_norm = _norm(clean_title(title, p)) if title else None
    title_first = title_norm.split(" ", 1)[0] if title_norm else ""
    kept: list[str] = []
    datelines: list[str] = []
    for line in lines:
        if not line:
            kept.append(line)
            continue
        if _is_stamp_line(line, p):
            datelines.append(line)
            continue
        if title_norm and line[:40].lower().find(title_first) >= 0 and _starts_with_title(line, title_norm, title_first):
            n = _norm(line)
            if n == title_norm or _norm(clean_title(line, p)) == title_norm:
                continue
            # the headline glued in front of its lead: keep the lead
            stripped = _strip_prefix_words(line, title_norm)
            if stripped:
                kept.append(stripped)
            continue
        if len(line) >= 30 and _repeated(line, by_first):
            continue
        kept.append(line)
    return kept, datelines


class _Kept:
    """A line kept by `_drop_repeats`, with its key (see `_repeated`), made when first needed."""

    __slots__ = ("line", "_key")

    def __init__(self, line: str, key: str | None = None) -> None:
        self.line, self._key = line, key

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = _norm(self.line)
        return self._key


def _repeated(line: str, by_first: dict[str, list[_Kept]]) -> bool:
    """`line` says again what a line kept before it said: the same words (`_norm`; a long paragraph is
    compared by its lower-cased text, which never equals a shorter line's words). `by_first` holds the
    kept lines by their first word: equal keys start with the same word, so a line's key is only made
    when another line starts with its word (one line in six or seven)."""
    lowered = line.lower()
    first = _WORD.search(lowered)
    group = by_first.setdefault(first.group() if first else "", [])
    long = len(line) >= 300
    if group:
        key = lowered if long else _norm(line)
        if len(key) >= 30 and any(kept.key == key for kept in group):
            return True
        group.append(_Kept(line, key))
    else:
        group.append(_Kept(line, lowered if long else None))
    return False


def _starts_with_title(line: str, title_norm: str, title_first: str) -> bool:
    """The line's words start with the headline's. Its first word is looked at first: most lines that
    contain the headline's first word do not start with it."""
    head = line[: len(title_norm) + 40]
    first = _WORD.search(head.lower())
    return first is not None and first.group().startswith(title_first) and _norm(head).startswith(title_norm)


def _strip_prefix_words(line: str, prefix_norm: str) -> str:
    """Drop the leading words of `line` that make up `prefix_norm`."""
    count = len(prefix_norm.split())
    found = 0
    for m in _WORD.finditer(line):
        found += 1
        if found == count:
            return line[m.end():].lstrip(" .:-–|,")
    return ""


def _join_wrapped(lines: list[str], p: _Patterns) -> list[str]:
    """Paragraphs: lines separated by blank lines, with hard-wrapped lines joined back together."""
    paragraphs: list[str] = []
    run: list[str] = []
    for line in lines + [""]:
        if line:
            run.append(line)
            continue
        if run:
            paragraphs.extend(_join_run(run, p))
            run = []
    return paragraphs


def _join_run(run: list[str], p: _Patterns) -> list[str]:
    if len(run) == 1:
        return run
    width = max(len(x) for x in run)
    wrapped = 28 <= width <= 110 and len(run) >= 3 and sum(len(x) >= 0.6 * width for x in run) >= len(run) - 1
    out = [run[0]]
    for line in run[1:]:
        prev = out[-1]
        ends = ends_sentence(prev)
        starts_low = line[:1].islower() or line[:1] in ",;)–-" or line[:1].isdigit() and not _NUMBERED.match(line)
        join = (not ends and (starts_low or (wrapped and len(prev) >= 0.6 * width))) or (
            wrapped and len(prev) >= 0.85 * width and not _looks_like_item(line))
        if join and not (p.photo_credit.match(line) or p.byline_label.match(line) or _heading_like(prev)):
            out[-1] = prev + " " + line
        else:
            out.append(line)
    return out


def _heading_like(line: str) -> bool:
    """"I. KẾT QUẢ ĐẠT ĐƯỢC", "BÁO CÁO CHÍNH TRỊ (TÓM TẮT)": a heading in capitals ends its line."""
    return len(line) <= 200 and line.isupper() and words(line) <= 20 and sum(c.isalpha() for c in line) >= 6


def _looks_like_item(line: str) -> bool:
    return _ITEM.match(line) is not None


_LEADING_BYLINE_MAX = 3


def _take_byline(paragraphs: list[str], p: _Patterns, settings: Settings) -> tuple[list[str], list[str]]:
    """The byline block at the end (or right after the headline): names, then office lines."""
    if not paragraphs:
        return paragraphs, []
    # a labelled byline near the end, with only short lines after it (unmarked related headlines, a footer)
    for i in range(len(paragraphs) - 1, max(len(paragraphs) - 8, 0), -1):
        line = paragraphs[i]
        if is_paragraph_like(line) and not p.byline_label.match(line):
            break
        if p.byline_label.match(line) and words(line) <= 12 and i + 1 < len(paragraphs):
            found = split_byline([line], p, settings)
            if found is not None:
                return paragraphs[:i], found
    # at the end: up to four short lines
    for size in (4, 3, 2, 1):
        if len(paragraphs) <= size:
            continue
        tail = paragraphs[-size:]
        found = split_byline(tail, p, settings)
        if found is not None:
            return paragraphs[:-size], found
    # glued to the end of the last paragraph in parentheses: "... tốt đẹp. (Minh Châu)"
    last = paragraphs[-1]
    m = _PAREN_END.search(last) if last.endswith(")") else None
    if m and ends_sentence(last[: m.start()]):
        found = split_byline([m.group(1)], p, settings)
        if found is not None:
            return paragraphs[:-1] + [last[: m.start()]], found
    # near the top: "Thực hiện: ..." or "NHÓM PHÓNG VIÊN" right after the headline
    for i in range(min(_LEADING_BYLINE_MAX, len(paragraphs))):
        line = paragraphs[i]
        top_name = words(line) <= 6 and (line.isupper() or _full(p.byline_team, line)) and i + 1 < len(paragraphs)
        if (p.byline_label.match(line) and words(line) <= 12) or top_name:
            found = split_byline([paragraphs[i]], p, settings)
            if found is not None:
                return paragraphs[:i] + paragraphs[i + 1:], found
    return paragraphs, []


_NUMBERED = re.compile(r"\d+[.)]\s")
_ITEM = re.compile(r"(?:[-•*+]|\d+[.)]|[a-zđ][.)])\s")
_PAREN_END = re.compile(r"\s*\(([^()]{3,60})\)\s*$")
_NAME_PAREN = re.compile(r"(.+?)\s*\(([^()]+)\)$")
_NAME_OFFICE_PAREN = re.compile(r"(.{3,40}?)\s*\(([^()]{3,80})\)$")
_NAME_DASH_OFFICE = re.compile(r"(.{3,40}?)(?:\s+[-–—]\s+|,\s+)(.{3,})$")
_OFFICE_MAX_WORDS = 14
_SOURCE_NOTE = re.compile(r"(?i)(?:nguồn|theo)\b")
_BYLINE_CREDIT = re.compile(r"(?:\s+[-–]\s+|\s*;\s*)(?:[Ảả]nh|[Vv]ideo|[Ảả]nh và video)\s*:.*$")
_BYLINE_ROLE = re.compile(r"\s*\((?:thực hiện|lược ghi|ghi|tổng hợp|ghi chép|lược thuật)\)\s*$", re.IGNORECASE)


def split_byline(lines: list[str], p: _Patterns, settings: Settings) -> list[str] | None:
    """[names, office lines...] when `lines` are a byline block, else None.

    Shapes: "Thực hiện: A - B"; a name then office lines; "Name - role, office"; names in capitals;
    initials; an editorial team; "(Name)". Photo credits are not bylines.
    """
    first = lines[0].strip()
    if p.photo_credit.match(first):
        return None
    rest = [x.strip() for x in lines[1:] if not _SOURCE_NOTE.match(x.strip())]  # "Nguồn: Báo X" is no office
    if any(words(x) > _OFFICE_MAX_WORDS or x.endswith((".", ":", ";")) and not x.endswith(".,") and words(x) > 6
           or p.photo_credit.match(x) for x in rest):
        return None
    first = _BYLINE_CREDIT.sub("", first)  # "Thu Hằng - Ảnh: Quang Hưng": the photographer is no author
    first = _BYLINE_ROLE.sub("", first)    # "Thanh Bình (thực hiện)"
    label = p.byline_label.match(first)
    if label:
        names = first[label.end():].strip(" ")
        office = _NAME_PAREN.match(names)  # "Bảo Trân (Đài Truyền thanh xã)"
        if office:
            return [office.group(1), office.group(2), *rest]
        names = names.strip("()")
        if not (is_names(names, settings) or _full(p.byline_team, names)):
            return None  # "PV: Xin cảm ơn đồng chí!" is an interview's question, not a byline
        return [names, *rest]
    if first.startswith("(") and first.endswith(")"):
        first = first[1:-1].strip()
    if _full(p.byline_team, first) and words(first) <= 8:
        return [first.strip("()"), *rest]
    if is_names(first, settings):
        return [first, *rest]
    # "Name (office)"
    m = _NAME_OFFICE_PAREN.match(first)
    if m and is_names(m.group(1), settings):
        return [m.group(1), m.group(2), *rest]
    # "Name - role, office" or "Name, office" on one line
    m = _NAME_DASH_OFFICE.match(first)
    if m and is_names(m.group(1), settings) and words(m.group(2)) <= _OFFICE_MAX_WORDS:
        return [m.group(1), m.group(2), *rest]
    return None


def _classify(paragraphs: list[str], p: _Patterns) -> tuple[list[Block], list[str]]:
    """Each paragraph becomes a paragraph, a subheading or a caption; captions glued to text are split."""
    blocks: list[Block] = []
    credits: list[str] = []
    for i, text in enumerate(paragraphs):
        if p.photo_credit.match(text) and words(text) <= 10:
            credits.append(text)
            blocks.append(Block(CAPTION, text))
            continue
        tail = glued_tail(text)
        if tail is not None and tail > 20 and p.caption_word.search(text, tail) and words(text[tail:]) <= 25:
            blocks.append(Block(PARAGRAPH, text[:tail]))
            blocks.append(Block(CAPTION, text[tail:]))
            continue
        caption, rest = _split_glued_caption(text, p)
        if caption:
            blocks.append(Block(CAPTION, caption))
            if rest:
                blocks.append(Block(PARAGRAPH, rest))
            continue
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        blocks.append(Block(_kind(text, nxt, p), text))
    return blocks, credits


_HEADING_NUMBER = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)/-]\s+\S")


_STRONG_CAPTION = re.compile(r"(?i)(?:quang cảnh|toàn cảnh|các đại biểu|đại biểu|đồng chí|các đồng chí|lãnh đạo|"
                             r"ảnh|hình ảnh|đoàn chủ tịch|đảng viên|các đảng viên|cử tri)\b")
_EVENT_END = re.compile(r"(?i)(?:đại hội|hội nghị|buổi lễ)\.?$")
_AT_EVENT = re.compile(r"(?i)\b(?:tại|dự|ra mắt)\s+(?:đại hội|hội nghị|buổi|lễ|kỳ họp|phiên)\b")


def _kind(text: str, nxt: str | None, p: _Patterns) -> str:
    """Paragraph, subheading or caption, for a block standing on its own."""
    n = words(text)
    if n > 20 or len(text) > 160:
        return PARAGRAPH
    if ":" in text and p.credit_tail.search(text):  # "... (Ảnh: Hữu Nghĩa)"
        return CAPTION
    if not _TIME_START.match(text) and not text.endswith((":", ";", ",")) and not _A_DATE.search(text):
        strong = _STRONG_CAPTION.match(text) is not None
        scene = p.caption_word.search(text) is not None or _AT_EVENT.search(text) is not None
        if scene and (strong or _AT_EVENT.search(text) or _EVENT_END.search(text)):
            return CAPTION  # "Các đại biểu dự Hội nghị", "Đại biểu phát biểu trao đổi tại Hội nghị"
        if text.endswith(".") and p.caption_start.match(text) and scene and n <= 16:
            return CAPTION  # "Ban Chấp hành Đảng bộ xã khóa I ra mắt Đại hội."
    if text[-1:] in ".:;,!…" or nxt is None:
        return PARAGRAPH
    if (text[:1].isupper() or _HEADING_NUMBER.match(text)) and n <= 16 and nxt and is_paragraph_like(nxt):
        return HEADING
    return PARAGRAPH


# "... di sản.Đồng chí X phát biểu chỉ đạo đại hội": a caption glued to the end of a paragraph, no space
_GLUED_TAIL_TEXT = re.compile(rf"[{UPPER}][^.!?…]{{10,160}}")


def glued_tail(text: str) -> int | None:
    """Where a caption glued right after the last full stop starts ("... di sản.Đồng chí X ..."), if any."""
    end = len(text) - 10
    cut = max(text.rfind(".", 0, end), text.rfind("!", 0, end), text.rfind("?", 0, end), text.rfind("…", 0, end)) + 1
    return cut if cut > 0 and _GLUED_TAIL_TEXT.fullmatch(text, cut) else None
_TIME_START = re.compile(r"(?i)(?:sáng|chiều|tối|trưa|ngày|hôm|trong|sau|từ|đến|năm|tháng|cùng ngày)\b")
_GLUED_CREDIT = re.compile(
    rf"\(\s*(?:[Ảả]nh|[Ảả]nh minh họa|[Nn]guồn ảnh)\s*:[^()]{{1,60}}\)"
    rf"|(?<=[.\s])(?:[Ảả]nh|[Nn]guồn ảnh)\s*:\s*(?:[{UPPER}][\w.]*\s?){{1,4}}?(?=\s+[{UPPER}][{LOWER}]*\s+[{LOWER}])")


_STOP = re.compile(r"[.!?;:]")


def _starter_in_first_sentence(text: str, first_stop: int, p: _Patterns) -> bool:
    """Whether a sentence starter begins at or after character 14 and not after the first stop: what
    glued_caption needs (its caption, 13 characters at least, and the spaces after it hold no stop).
    One scan for the starters, instead of the caption pattern trying its look-ahead after every word."""
    end = len(text) if p.starter_width is None else min(len(text), first_stop + p.starter_width)
    m = p.sentence_starter.search(text, 14, end)
    return m is not None and m.start() <= first_stop


def _split_glued_caption(text: str, p: _Patterns) -> tuple[str | None, str | None]:
    """"Caption (Ảnh: X) Paragraph..." → the caption with its credit, then the paragraph."""
    m = _GLUED_CREDIT.search(text) if ("nh:" in text or "nh :" in text) else None
    if not m or m.end() >= len(text) - 3:
        stop = _STOP.search(text)  # the first full stop (one scan, not one per mark)
        first_stop = stop.start() if stop else len(text)
        g = p.glued_caption.match(text) if first_stop >= 12 and _starter_in_first_sentence(text, first_stop, p) else None
        if (g and p.caption_word.search(g.group(1)) and words(g.group(1)) <= 25 and words(text) - words(g.group(1)) >= 8
                and not _TIME_START.match(g.group(1))):
            return g.group(1), text[g.end():].strip()
        return None, None
    head, rest = text[: m.end()].strip(), text[m.end():].strip()
    if words(head) > 30 or words(rest) < 5:
        return None, None
    # a long head: only its last sentence is the caption
    cut = max(head.rfind(". ", 0, m.start()), -1)
    if words(head) > 22 and cut > 0:
        return None, None
    return head, rest


# --- the whole cleaner ---------------------------------------------------------------------------


def clean(text: str, settings: Settings, *, spaces_plain: bool = False) -> Page | Rejection:
    """The page's parts. `spaces_plain=True` promises what `decode.decode` guarantees: every other kind
    of space is already a plain one (tabs excepted)."""
    p = patterns(settings)
    lines = _lines(text, spaces_plain)
    if not any(lines):
        return Rejection("tệp rỗng hoặc chỉ có khoảng trắng (empty or whitespace only)")
    kept, noise, views = _drop_noise(lines, p)
    raw_title, datelines, rest = _take_title(kept, p)
    rest, more_dates = _drop_repeats(rest, raw_title, p)
    paragraphs = _join_wrapped(rest, p)
    paragraphs, byline = _take_byline(paragraphs, p, settings)
    blocks, credits = _classify(paragraphs, p)
    body_words = sum(words(b.text) for b in blocks if b.kind == PARAGRAPH and is_paragraph_like(b.text))
    if body_words < 30:
        return Rejection("không có nội dung bài viết: chỉ có tiêu đề, danh mục hoặc phần trang web "
                         "(no article text: a menu, a listing or page furniture)")
    title = clean_title(raw_title, p) if raw_title else None
    dates = datelines + more_dates
    if not byline:  # "Đăng ngày: 12/06/2020 | Tác giả: Hồ Thị Sen | Lượt xem: 210"
        byline = next(([part[m.end():].strip()] for d in dates for part in _META_SPLIT.split(d)
                       if (m := p.byline_label.match(part)) and part[m.end():].strip()), [])
    if views is None:
        views = next((_to_int(m.group(1) or m.group(2)) for d in dates if (m := _VIEWS.search(d))), None)
    return Page(text=text, title=title or None, blocks=tuple(blocks), datelines=tuple(dates),
                byline=tuple(byline), views=views, noise=tuple(noise), credits=tuple(credits))
