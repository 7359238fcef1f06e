"""Articles' front matter → the portal's catalog: units, terms, years, documents, related articles.

Pure Python, no MkDocs: the hook hands in (path, front matter) pairs and gets back plain values,
so grouping, ordering, addresses and paging are tested without building a site. Everything here is
linear or n log n in the number of articles: the portal must build 100,000 articles.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import functools
import operator
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from .settings import DEFAULT_PREFIXES
from .vietnamese import new_style_tones, slugify, sort_key

UNDATED_LABEL = "Chưa rõ năm"
UNDATED_SLUG = "chua-ro"
PAGE_SLUG = "trang"  # paginated listings: don-vi/x/trang-2/
# Directory order for levels: from the top of the Party down; unknown levels last.
LEVEL_ORDER = ("toàn quốc", "cấp tỉnh", "cấp huyện", "đảng bộ cơ sở", "chi bộ", "khác")
UNKNOWN_LEVEL = "Chưa rõ cấp"
RELATED_COUNT = 6



# --- values ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocRef:
    """A citation of a document in one article, as the front matter gives it."""

    type: str | None
    ref: str
    date: str | None
    issuer: str | None

    @property
    def year(self) -> int | None:
        return _year_of(self.date)

    @property
    def key(self) -> tuple[str, int | None]:
        """Documents are identified by ref and the year of their date: numbers are reused."""
        return (self.ref, self.year)


@dataclass(frozen=True)
class CongressRef:
    body: str | None
    number: int | None
    term: str | None


@dataclass
class Entry:
    """One article as listings, panels and the feed need it (never its body)."""

    src_uri: str
    url: str
    title: str
    date: str | None
    event_date: str | None
    year: int | None
    unit: str | None
    unit_key: str | None
    unit_level: str | None
    province: str | None
    terms: tuple[str, ...]
    congresses: tuple[CongressRef, ...]
    author: str | None
    author_note: str | None
    documents: tuple[DocRef, ...]
    summary: str
    source_file: str
    title_generated: bool = False
    order: int = 0  # position in the site-wide newest-first order

    @functools.cached_property
    def title_key(self) -> tuple:
        """Vietnamese order of the title, kept with the entry (a rebuild reuses unchanged entries)."""
        return sort_key(self.title)

    @property
    def sort_date(self) -> str | None:
        """The date listings sort by: publication date, else the event's day."""
        return self.date or self.event_date


@dataclass
class Unit:
    key: str
    name: str
    url: str
    level: str | None
    province: str | None
    entries: list[Entry] = field(default_factory=list)
    congresses: list[tuple[str | None, int | None]] = field(default_factory=list)  # (term, number)


@dataclass
class Group:
    """A term, a year or a document: a named list of articles at an address."""

    key: Any
    name: str
    url: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class DocumentGroup(Group):
    type: str | None = None
    ref: str = ""
    date: str | None = None
    issuer: str | None = None


@dataclass
class Catalog:
    """Lookups by the articles' own keys; several keys may share one unit or document page (below)."""

    entries: list[Entry]  # newest first, undated last
    units: dict[str, Unit]  # by unit_key
    terms: dict[str, Group]
    years: dict[int | None, Group]
    documents: dict[tuple[str, int | None], DocumentGroup]  # by (ref, year)
    by_src: dict[str, Entry]
    prefixes: dict[str, str]

    @property
    def unit_list(self) -> list[Unit]:
        return list({id(u): u for u in self.units.values()}.values())

    def units_by_address(self) -> list[list[Unit]]:
        """Units sharing a page (names differing only in marks), in Vietnamese order on it."""
        pages: dict[str, list[Unit]] = defaultdict(list)
        for unit in self.unit_list:
            pages[unit.url].append(unit)
        return [sorted(us, key=lambda u: (sort_key(u.name), u.key)) for us in pages.values()]

    @property
    def document_list(self) -> list[DocumentGroup]:
        return list({id(d): d for d in self.documents.values()}.values())

    # ordered views for directories -------------------------------------------------------
    def units_by_level(self) -> list[tuple[str, list[Unit]]]:
        """Levels from the top down; names in Vietnamese order inside each level."""
        groups: dict[str, list[Unit]] = defaultdict(list)
        for unit in self.unit_list:
            groups[unit.level if unit.level in LEVEL_ORDER else UNKNOWN_LEVEL].append(unit)
        ordered = [lvl for lvl in LEVEL_ORDER if lvl in groups]
        if UNKNOWN_LEVEL in groups:
            ordered.append(UNKNOWN_LEVEL)
        return [(lvl, sorted(groups[lvl], key=lambda u: (sort_key(u.name), u.key))) for lvl in ordered]

    def terms_ordered(self) -> list[Group]:
        """Newest term first."""
        return sorted(self.terms.values(), key=lambda g: g.key, reverse=True)

    def years_ordered(self) -> list[Group]:
        """Newest year first, the undated last."""
        return sorted(self.years.values(), key=lambda g: (g.key is None, -(g.key or 0)))

    def documents_by_type(self) -> list[tuple[str, list[DocumentGroup]]]:
        """Types in Vietnamese order; newest first inside a type, then by ref."""
        groups: dict[str, list[DocumentGroup]] = defaultdict(list)
        for doc in self.document_list:
            groups[doc.type or "Văn bản khác"].append(doc)
        out = []
        for doc_type in sorted(groups, key=sort_key):
            docs = sorted(groups[doc_type], key=lambda d: sort_key(d.ref))
            docs.sort(key=lambda d: d.date or "", reverse=True)
            out.append((doc_type, docs))
        return out


# --- reading front matter ---------------------------------------------------------------------


def _text(value: Any) -> str | None:
    """YAML may hand back dates, numbers or None; the catalog works with trimmed strings."""
    if type(value) is str:  # nearly every value: one test instead of three
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    return text or None


def _iso_date(value: Any) -> str | None:
    text = _text(value)
    if text and len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        return text[:10]
    return None


def _year_of(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def article_url(src_uri: str) -> str:
    """The address MkDocs gives a page with directory URLs: `bai-viet/x.md` → `bai-viet/x/`."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def make_entry(src_uri: str, meta: Mapping[str, Any]) -> Entry:
    """One article's front matter → an `Entry`; tolerant of hand-edited files (missing keys, odd types)."""
    date = _iso_date(meta.get("date"))
    event_date = _iso_date(meta.get("event_date"))
    year = _int(meta.get("year"))
    if year is None:
        year = _year_of(date) or _year_of(event_date)
    documents = []
    for doc in _list(meta.get("documents")):
        if isinstance(doc, (dict, Mapping)) and _text(doc.get("ref")):  # (dict first: typing's Mapping check is slow)
            documents.append(DocRef(_text(doc.get("type")), " ".join(str(doc["ref"]).split()),
                                    _iso_date(doc.get("date")), _text(doc.get("issuer"))))
    congresses = []
    for c in _list(meta.get("congresses")):
        if isinstance(c, (dict, Mapping)):
            congresses.append(CongressRef(_text(c.get("body")), _int(c.get("number")), _text(c.get("term"))))
    terms = tuple(dict.fromkeys(t for t in (_text(x) for x in _list(meta.get("terms"))) if t))
    unit = _text(meta.get("unit"))
    unit_key = _text(meta.get("unit_key")) or unit
    return Entry(
        src_uri=src_uri,
        url=article_url(src_uri),
        title=_text(meta.get("title")) or _text(meta.get("slug")) or src_uri,
        date=date,
        event_date=event_date,
        year=year,
        unit=unit,
        unit_key=unit_key,
        unit_level=_text(meta.get("unit_level")),
        province=_text(meta.get("province")),
        terms=terms,
        congresses=tuple(congresses),
        author=_text(meta.get("author")),
        author_note=_text(meta.get("author_note")),
        documents=tuple(dict.fromkeys(documents)),
        summary=_text(meta.get("summary")) or "",
        source_file=_text(meta.get("source_file")) or "",
        title_generated=meta.get("title_generated") is True,
    )


# --- ordering ---------------------------------------------------------------------------------


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Newest first, undated last; ties in Vietnamese title order, then by address (stable)."""
    out = sorted(entries, key=lambda e: (e.title_key, e.src_uri))
    out.sort(key=lambda e: e.sort_date or "", reverse=True)
    return out


def roman(number: int) -> str:
    """Congress ordinals are written in Roman numerals: "Đại hội lần thứ XIII"."""
    if number <= 0 or number >= 4000:
        return str(number)
    out = []
    for value, symbol in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out.append(symbol)
            number -= value
    return "".join(out)


# --- addresses --------------------------------------------------------------------------------


def unit_url(prefixes: Mapping[str, str], slug: str) -> str:
    return f"{prefixes['units']}/{slug}/"


def term_url(prefixes: Mapping[str, str], term: str) -> str:
    return f"{prefixes['terms']}/{slugify(term)}/"


def year_url(prefixes: Mapping[str, str], year: int | None) -> str:
    return f"{prefixes['years']}/{year if year is not None else UNDATED_SLUG}/"


def document_slug(ref: str, year: int | None) -> str:
    base = slugify(ref, max_length=80)
    return f"{base}-{year}" if year is not None else base


def directory_url(prefixes: Mapping[str, str], kind: str) -> str:
    return f"{prefixes[kind]}/"


def page_url(url: str, number: int) -> str:
    """Page 1 is the listing's own address; page n is `<address>trang-n/`."""
    return url if number <= 1 else f"{url}{PAGE_SLUG}-{number}/"


def year_label(year: int | None) -> str:
    return str(year) if year is not None else UNDATED_LABEL


def document_label(ref: str, year: int | None) -> str:
    """How search filters and headings name a document: the ref, with its year when known."""
    return f"{ref} ({year})" if year is not None else ref


# --- building ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=65536)  # a unit's name is keyed once per article that names it, and again each rebuild
def name_key(name: str) -> str:
    """Same name however written: case, spacing and tone placement ("Thuỷ"/"Thủy") aside, but
    never its letters ("Ân Phước" and "An Phước" are different communes)."""
    return " ".join(new_style_tones(name).casefold().split())


def _fullest(names: Iterable[str]) -> str:
    """The fullest name: the longest; among equals the most used, then Vietnamese order."""
    counts = Counter(names)
    return min(counts, key=lambda n: (-len(n), -counts[n], sort_key(n)))


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], sort_key(v)))


def build_catalog(items: Iterable[tuple[str, Mapping[str, Any]]],
                  prefixes: Mapping[str, str] | None = None,
                  memo: dict[str, tuple[Mapping[str, Any], Entry]] | None = None) -> Catalog:
    """(src_uri, front matter) pairs → the whole catalog, every list newest first.

    `memo` ({src_uri: (front matter, entry)}, updated here) lets a rebuild reuse the entry of an
    article whose front matter is the very same object as last time (the hook's cache keeps it)."""
    pre = dict(DEFAULT_PREFIXES)
    pre.update(prefixes or {})
    if memo is None:
        entries = newest_first(make_entry(src, meta) for src, meta in items)
    else:
        made = []
        for src, meta in items:
            hit = memo.get(src)
            if hit is None or hit[0] is not meta:
                hit = memo[src] = (meta, make_entry(src, meta))
            made.append(hit[1])
        if len(memo) > len(made):  # articles removed since: forget them
            keep = {x.src_uri for x in made}
            for src in [k for k in memo if k not in keep]:
                del memo[src]
        entries = newest_first(made)
    for i, e in enumerate(entries):
        e.order = i

    # Units: one per unit_key, case, spacing and tone placement aside (name_key). The address is
    # the slug of unit_key (contract §5), so units whose names differ only in marks ("Ân Phước",
    # "An Phước") share an address: pages.py gives them one page with a section each.
    unit_entries: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.unit_key:
            unit_entries[name_key(e.unit_key)].append(e)  # entries arrive newest first and stay so
    units: dict[str, Unit] = {}
    name_index: dict[str, Unit] = {}
    for group in unit_entries.values():
        keys = [e.unit_key for e in group]
        key = _most_common(keys) or keys[0]
        names = [e.unit for e in group if e.unit] or keys
        unit = Unit(key=key, name=_fullest(names), url=unit_url(pre, slugify(key)),
                    level=_most_common(e.unit_level for e in group),
                    province=_most_common(e.province for e in group), entries=group)
        for k in set(keys):
            units[k] = unit
        for name in set(names) | set(keys):
            name_index.setdefault(name_key(name), unit)

    # a unit's own congresses: those whose body names the unit (under any of its names)
    own: dict[int, dict[tuple[str | None, int | None], None]] = defaultdict(dict)
    by_id: dict[int, Unit] = {}
    for e in entries:
        for c in e.congresses:
            holder = name_index.get(name_key(c.body)) if c.body else None
            if holder is not None and (c.term or c.number):
                own[id(holder)][(c.term, c.number)] = None
                by_id[id(holder)] = holder
    for uid, found in own.items():
        # one line per term: a term with a known ordinal drops its ordinal-less mentions
        numbered_terms = {t for t, n in found if n is not None}
        kept = [(t, n) for t, n in found if n is not None or t not in numbered_terms]
        by_id[uid].congresses = sorted(dict.fromkeys(kept), key=lambda c: (c[0] or "", c[1] or 0),
                                       reverse=True)

    terms: dict[str, Group] = {}
    years: dict[int | None, Group] = {}
    doc_cites: dict[tuple[str, int | None], list[DocRef]] = defaultdict(list)
    doc_entries: dict[tuple[str, int | None], list[Entry]] = defaultdict(list)
    for e in entries:
        for t in e.terms:
            if t not in terms:
                terms[t] = Group(key=t, name=f"Nhiệm kỳ {t}", url=term_url(pre, t))
            terms[t].entries.append(e)
        if e.year not in years:
            years[e.year] = Group(key=e.year, name=f"Năm {e.year}" if e.year is not None else UNDATED_LABEL,
                                  url=year_url(pre, e.year))
        years[e.year].entries.append(e)
        seen: set[tuple[str, int | None]] = set()
        for d in e.documents:
            doc_cites[d.key].append(d)
            if d.key not in seen:
                seen.add(d.key)
                doc_entries[d.key].append(e)

    # Documents are identified by ref and year; like units, refs whose slugs are equal ("17-KH/ĐU",
    # "17-KH/DU") share the page at that address, titled with the ref cited most.
    by_address: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for key in doc_cites:
        by_address[document_slug(*key)].append(key)
    documents: dict[tuple[str, int | None], DocumentGroup] = {}
    for slug, keys in by_address.items():
        cites = [c for k in keys for c in doc_cites[k]]
        cited = sorted({id(x): x for k in keys for x in doc_entries[k]}.values(), key=lambda x: x.order) \
            if len(keys) > 1 else doc_entries[keys[0]]
        ref = _most_common(c.ref for c in cites) or keys[0][0]
        group = DocumentGroup(
            key=(ref, keys[0][1]), name=ref, url=f"{pre['documents']}/{slug}/", entries=cited,
            type=_most_common(c.type for c in cites), ref=ref,
            date=_most_common(c.date for c in cites), issuer=_most_common(c.issuer for c in cites),
        )
        for key in keys:
            documents[key] = group

    return Catalog(entries=entries, units=units, terms=terms, years=years, documents=documents,
                   by_src={e.src_uri: e for e in entries}, prefixes=pre)


# --- related articles ---------------------------------------------------------------------------


def _neighbours(group: list[Entry], entry: Entry, position: int) -> Iterable[Entry]:
    """Articles nearest in time to `entry` within a newest-first group: next older, next newer, ..."""
    n = len(group)
    for step in range(1, n):
        for i in (position + step, position - step):
            if 0 <= i < n:
                yield group[i]


_ORDER = operator.attrgetter("order")


def _position(group: list[Entry], entry: Entry) -> int:
    """Index of `entry` in a group sorted by `order`: bisect's binary search, in C (the same search
    written in Python was half the cost of a related list, more as the groups grow). A lookup table
    of positions was tried: slower at 10,000 articles, its dicts more memory to walk through."""
    return bisect.bisect_left(group, entry.order, key=_ORDER)


def related(catalog: Catalog, entry: Entry, count: int = RELATED_COUNT) -> list[Entry]:
    """Same unit first, then same term; nearest in time first. O(count × terms · log n) per article."""
    chosen: dict[str, Entry] = {}
    groups: list[list[Entry]] = []
    if entry.unit_key and entry.unit_key in catalog.units:
        groups.append(catalog.units[entry.unit_key].entries)
    groups.extend(catalog.terms[t].entries for t in entry.terms if t in catalog.terms)
    for group in groups:
        for other in _neighbours(group, entry, _position(group, entry)):
            if len(chosen) >= count:
                return list(chosen.values())
            if other.src_uri != entry.src_uri and other.src_uri not in chosen:
                chosen[other.src_uri] = other
    return list(chosen.values())


# --- paging -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    count: int  # number of pages
    items: list
    url: str


def paginate(items: Sequence[Any], url: str, page_size: int) -> list[Page]:
    """Split a listing at `page_size`; an empty listing still has its first page."""
    size = max(1, int(page_size))
    count = max(1, -(-len(items) // size))
    return [Page(number=i + 1, count=count, items=list(items[i * size:(i + 1) * size]),
                 url=page_url(url, i + 1)) for i in range(count)]
