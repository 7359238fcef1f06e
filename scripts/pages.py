"""The catalog → the portal's generated pages (front matter for MkDocs, HTML made on demand), the
article panel, the related list, the search attributes and the RSS feed.

Pure: strings in, strings out. Every text that came from an article is HTML-escaped here, and every
link is relative to the page it is on, so site/ works under any sub-path.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass
from email.utils import format_datetime
from functools import partial
from html import escape
from typing import Callable, Iterable, Sequence
from xml.sax.saxutils import escape as xml_escape

from .catalog import (
    UNDATED_LABEL,
    Catalog,
    DocumentGroup,
    Entry,
    Group,
    Page,
    Unit,
    directory_url,
    document_label,
    page_url,
    paginate,
    related,
    roman,
    year_label,
)

# UI words (Vietnamese); one place to change them.
DIRECTORY_TITLES = {
    "units": "Đơn vị",
    "terms": "Nhiệm kỳ",
    "years": "Năm",
    "documents": "Văn bản",
}
HOME_TITLE = "Trang chủ"
ALL_ARTICLES_TITLE = "Tất cả bài viết"
# Directories hold many more names per page than listings hold articles.
DIRECTORY_PAGE_FACTOR = 10


@dataclass(frozen=True)
class GeneratedPage:
    """A page the hook adds with `File.generated`: where, its title, and its HTML made on demand.

    The Markdown file holds only the front matter: the listing's HTML never goes through Markdown
    (parsing thousands of raw-HTML listings dominated rebuilds), and it is made only when the page
    is rendered, so a 100,000-article site never holds every listing in memory at once.
    """

    src_uri: str
    title: str
    kind: str  # home, directory, unit, term, year, document
    render: Callable[[], str]
    # Everything the HTML is made of, as plain values (None: not told): a preview's rebuild compares
    # these with the last build's instead of making every listing's HTML again to compare that.
    inputs: Callable[[], tuple] | None = None

    @property
    def content(self) -> str:
        """Front matter only (JSON is valid YAML, so any title is quoted safely)."""
        return f"---\ntitle: {json.dumps(self.title, ensure_ascii=False)}\nportal_kind: {self.kind}\n---\n"

    def html(self) -> str:
        return self.render()


_SPECIAL = re.compile(r"""[&<>"']""")


def e(text: object) -> str:
    """HTML-escaped text; most values (addresses, dates, plain names) need nothing, and this runs
    for every value of every listing, so those are returned as they are."""
    text = str(text)
    return escape(text, quote=True) if _SPECIAL.search(text) else text


def capitalize(text: str) -> str:
    """Headings start with a capital; the rest as written ("đảng bộ cơ sở" → "Đảng bộ cơ sở")."""
    return text[:1].upper() + text[1:]


def rel(from_url: str, to_url: str) -> str:
    """Relative link between two site addresses: directory-style pages ("don-vi/x/", "" for home)
    to a page or a file. String work only: it runs for every link of every page."""
    if from_url == to_url:
        return "./"
    here = from_url.split("/")[:-1] if from_url else []
    there = to_url.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def src_uri_for(url: str) -> str:
    """The Markdown path MkDocs turns into `url` with directory URLs: `don-vi/x/` → `don-vi/x/index.md`."""
    return f"{url}index.md" if url else "index.md"


def format_date(iso: str | None) -> str:
    """Vietnamese day order: 2020-05-01 → 01/05/2020."""
    if not iso:
        return ""
    y, m, d = iso[:10].split("-")
    return f"{d}/{m}/{y}"


# --- pieces ----------------------------------------------------------------------------------


def _date_html(entry: Entry) -> str:
    if entry.date:
        return f'<time datetime="{e(entry.date)}">{e(format_date(entry.date))}</time>'
    if entry.event_date:
        return f'<span class="portal-undated">Sự kiện: <time datetime="{e(entry.event_date)}">' \
               f'{e(format_date(entry.event_date))}</time></span>'
    return f'<span class="portal-undated">{e(UNDATED_LABEL)}</span>'


def _item(entry: Entry, here: str, catalog: Catalog, show_unit: bool = True) -> str:
    parts = [_date_html(entry)]
    unit = catalog.units.get(entry.unit_key or "")
    if show_unit and unit is not None:
        parts.append(f'<a href="{e(rel(here, unit.url))}">{e(unit.name)}</a>')
    summary = f'<p class="portal-item__summary">{e(entry.summary)}</p>' if entry.summary else ""
    return (f'<li class="portal-item"><a class="portal-item__title" href="{e(rel(here, entry.url))}">'
            f'{e(entry.title)}</a><div class="portal-item__meta">{" · ".join(parts)}</div>{summary}</li>')


def _pager(page: Page, here: str, base_url: str) -> str:
    """Previous / numbered (windowed) / next links; nothing when there is one page."""
    if page.count <= 1:
        return ""

    links = []
    if page.number > 1:
        links.append(f'<a class="portal-pager__prev" rel="prev" '
                     f'href="{e(rel(here, page_url(base_url, page.number - 1)))}">← Trang trước</a>')
    shown = sorted({1, page.count, *range(max(1, page.number - 2), min(page.count, page.number + 2) + 1)})
    last = 0
    for n in shown:
        if n - last > 1:
            links.append('<span class="portal-pager__gap">…</span>')
        if n == page.number:
            links.append(f'<span class="portal-pager__current" aria-current="page">{n}</span>')
        else:
            links.append(f'<a href="{e(rel(here, page_url(base_url, n)))}">{n}</a>')
        last = n
    if page.number < page.count:
        links.append(f'<a class="portal-pager__next" rel="next" '
                     f'href="{e(rel(here, page_url(base_url, page.number + 1)))}">Trang sau →</a>')
    return f'<nav class="portal-pager" aria-label="Phân trang">{"".join(links)}</nav>'


def _listing(entries: Sequence[Entry], base_url: str, title: str, intro: str, kind: str,
             catalog: Catalog, page_size: int, show_unit: bool = True) -> list[GeneratedPage]:
    """A listing of articles, paginated; every page's <h1> names what it lists."""
    out = []
    for page in paginate(entries, base_url, page_size):
        page_title = title if page.number == 1 else f"{title} (trang {page.number})"
        args = (page, len(entries), base_url, title, intro, kind, catalog, show_unit)
        out.append(GeneratedPage(src_uri_for(page.url), page_title, kind, partial(_listing_html, *args),
                                 partial(_listing_inputs, *args)))
    return out


def _listing_inputs(page: Page, total: int, base_url: str, title: str, intro: str, kind: str,
                    catalog: Catalog, show_unit: bool) -> tuple:
    """What `_listing_html` reads, in the same arguments: each listed article's address, title,
    dates and summary, and its unit's name and address when shown."""
    units = catalog.units
    items = tuple((x.url, x.title, x.date, x.event_date, x.summary,
                   (u.url, u.name) if show_unit and (u := units.get(x.unit_key or "")) is not None else None)
                  for x in page.items)
    return page.url, page.number, page.count, total, base_url, title, intro, kind, show_unit, items


def _listing_html(page: Page, total: int, base_url: str, title: str, intro: str, kind: str,
                  catalog: Catalog, show_unit: bool) -> str:
    here = page.url
    count = f'<p class="portal-count">{total} bài viết' + (
        f" · trang {page.number}/{page.count}" if page.count > 1 else "") + "</p>"
    items = "".join(_item(x, here, catalog, show_unit) for x in page.items)
    return (f'<div class="portal-listing portal-listing--{kind}">'
            f"<h1>{e(title)}</h1>{intro + '<h2>Bài viết</h2>' if intro and page.number == 1 else ''}{count}"
            f'<ol class="portal-list" data-pagefind-ignore>{items}</ol>{_pager(page, here, base_url)}</div>')


def _facts(rows: Iterable[tuple[str, str]]) -> str:
    """A definition list of (label, already-escaped HTML) rows, skipping empty values."""
    body = "".join(f"<dt>{e(label)}</dt><dd>{value}</dd>" for label, value in rows if value)
    return f'<dl class="portal-facts">{body}</dl>' if body else ""


def congress_label(term: str | None, number: int | None) -> str:
    label = "Đại hội" + (f" lần thứ {roman(number)}" if number else "")
    return label + (f", nhiệm kỳ {term}" if term else "")


# --- listing pages ------------------------------------------------------------------------------


def _unit_intro(unit: Unit, catalog: Catalog, heading: str = "") -> str:
    """Level, province and the unit's own congresses; under an <h2> of its name on a shared page."""
    here = unit.url
    sub = "h3" if heading else "h2"
    congresses = ""
    if unit.congresses:
        items = []
        for term, number in unit.congresses:
            label = e(congress_label(term, number))
            if term and term in catalog.terms:
                label = f'<a href="{e(rel(here, catalog.terms[term].url))}">{label}</a>'
            items.append(f"<li>{label}</li>")
        congresses = f'<{sub}>Đại hội của đơn vị</{sub}><ul class="portal-congresses">{"".join(items)}</ul>'
    facts = _facts([("Cấp", e(unit.level or "")), ("Tỉnh, thành phố", e(unit.province or ""))])
    return (f"<h2>{e(heading)}</h2>" if heading else "") + facts + congresses


def unit_pages(unit: Unit, catalog: Catalog, page_size: int) -> list[GeneratedPage]:
    return _listing(unit.entries, unit.url, unit.name, _unit_intro(unit, catalog), "unit", catalog, page_size,
                    show_unit=False)


def shared_unit_pages(units: list[Unit], catalog: Catalog, page_size: int) -> list[GeneratedPage]:
    """Units whose names differ only in marks share an address: one page, a section for each
    (its level, province and congresses), and their articles together, each with its unit."""
    if len(units) == 1:
        return unit_pages(units[0], catalog, page_size)
    entries = sorted((x for u in units for x in u.entries), key=lambda x: x.order)
    intro = "".join(_unit_intro(u, catalog, heading=u.name) for u in units)
    title = " · ".join(u.name for u in units)
    return _listing(entries, units[0].url, title, intro, "unit", catalog, page_size, show_unit=True)


def group_pages(group: Group, kind: str, catalog: Catalog, page_size: int) -> list[GeneratedPage]:
    return _listing(group.entries, group.url, group.name, "", kind, catalog, page_size)


def document_pages(doc: DocumentGroup, catalog: Catalog, page_size: int) -> list[GeneratedPage]:
    intro = _facts([
        ("Loại văn bản", e(doc.type or "")),
        ("Số, ký hiệu", e(doc.ref)),
        ("Ngày ban hành", f'<time datetime="{e(doc.date)}">{e(format_date(doc.date))}</time>' if doc.date else ""),
        ("Cơ quan ban hành", e(doc.issuer or "")),
    ])
    return _listing(doc.entries, doc.url, doc.ref, intro, "document", catalog, page_size)


# --- directories --------------------------------------------------------------------------------


def _dir_item(here: str, url: str, name: str, count: int, extra: str = "") -> str:
    return (f'<li><a href="{e(rel(here, url))}">{e(name)}</a>{extra} '
            f'<span class="portal-count">({count})</span></li>')


def directory_pages(catalog: Catalog, page_size: int) -> list[GeneratedPage]:
    pages: list[GeneratedPage] = []
    # Items link relative to their directory page; every page of one directory sits at the same
    # depth (prefix/ and prefix/trang-n/), so links are made per page below.
    for kind, sections in (
        ("units", [(level, units) for level, units in catalog.units_by_level()]),
        ("terms", [(None, catalog.terms_ordered())]),
        ("years", [(None, catalog.years_ordered())]),
        ("documents", [(t, docs) for t, docs in catalog.documents_by_type()]),
    ):
        pages.extend(_directory_kind(kind, sections, catalog, page_size))
    return pages


def _directory_kind(kind: str, sections: list, catalog: Catalog, page_size: int) -> list[GeneratedPage]:
    base = directory_url(catalog.prefixes, kind)
    title = DIRECTORY_TITLES[kind]
    flat = [(heading, obj) for heading, objs in sections for obj in objs]
    out = []
    for page in paginate(flat, base, page_size * DIRECTORY_PAGE_FACTOR):
        page_title = title if page.number == 1 else f"{title} (trang {page.number})"
        out.append(GeneratedPage(src_uri_for(page.url), page_title, "directory",
                                 partial(_directory_html, kind, title, page, base)))
    return out


def _directory_html(kind: str, title: str, page: Page, base: str) -> str:
    here = page.url
    parts: list[str] = []
    current: object = object()
    for heading, obj in page.items:
        if heading != current:
            if parts:
                parts.append("</ul>")
            if heading:
                parts.append(f"<h2>{e(capitalize(heading))}</h2>")
            parts.append('<ul class="portal-directory__list">')
            current = heading
        parts.append(_directory_item(kind, obj, here))
    if parts:
        parts.append("</ul>")
    return (f'<div class="portal-directory portal-directory--{kind}"><h1>{e(title)}</h1>'
            f'{"".join(parts) or "<p>Chưa có mục nào.</p>"}{_pager(page, here, base)}</div>')


def _directory_item(kind: str, obj, here: str) -> str:
    if kind == "units":
        return _dir_item(here, obj.url, obj.name, len(obj.entries))
    if kind == "documents":
        extra = f" <span class=\"portal-directory__date\">{e(format_date(obj.date))}</span>" if obj.date else ""
        extra += f" <span class=\"portal-directory__issuer\">{e(obj.issuer)}</span>" if obj.issuer else ""
        return _dir_item(here, obj.url, obj.ref, len(obj.entries), extra)
    return _dir_item(here, obj.url, obj.name, len(obj.entries))


# --- home --------------------------------------------------------------------------------------


def home_page(catalog: Catalog, latest: int, site_name: str) -> GeneratedPage:
    here = ""
    counts = [
        (len(catalog.entries), "bài viết", None),
        (len(catalog.unit_list), "đơn vị", "units"),
        (len(catalog.terms), "nhiệm kỳ", "terms"),
        (len(catalog.years), "năm", "years"),
        (len(catalog.document_list), "văn bản", "documents"),
    ]
    stats = []
    for n, label, kind in counts:
        text = f'<strong>{n}</strong> {e(label)}'
        if kind:
            text = f'<a href="{e(rel(here, directory_url(catalog.prefixes, kind)))}">{text}</a>'
        stats.append(f"<li>{text}</li>")
    dirs = "".join(
        f'<li><a href="{e(rel(here, directory_url(catalog.prefixes, kind)))}">{e(title)}</a></li>'
        for kind, title in DIRECTORY_TITLES.items())
    items = "".join(_item(x, here, catalog) for x in catalog.entries[:latest])
    everything = (f'<p class="portal-all"><a href="{e(rel(here, directory_url(catalog.prefixes, "articles")))}">'
                  f'Xem tất cả {len(catalog.entries)} bài viết, mới nhất trước</a></p>')
    latest_html = (f'<h2>Tin mới nhất</h2><ol class="portal-list">{items}</ol>{everything}' if items
                   else "<p>Chưa có bài viết nào. Hãy thêm bài vào thư mục content/ rồi chạy <code>make site</code>.</p>")
    html = (f'<div class="portal-home"><h1>{e(site_name)}</h1>'
            f'<ul class="portal-stats">{"".join(stats)}</ul>'
            f'<nav class="portal-browse" aria-label="Tra cứu"><h2>Tra cứu theo</h2><ul>{dirs}</ul></nav>'
            f"{latest_html}</div>")
    return GeneratedPage("index.md", site_name, "home", lambda: html)


def all_articles_pages(catalog: Catalog, page_size: int) -> list[GeneratedPage]:
    """The archive at the articles' own prefix (bai-viet/): every article, newest first."""
    return _listing(catalog.entries, directory_url(catalog.prefixes, "articles"), ALL_ARTICLES_TITLE, "",
                    "all", catalog, page_size)


def all_pages(catalog: Catalog, page_size: int, latest: int, site_name: str) -> list[GeneratedPage]:
    """Every generated page of the portal: home, directories, and one listing per unit/term/year/document."""
    pages = [home_page(catalog, latest, site_name)]
    pages.extend(directory_pages(catalog, page_size))
    pages.extend(all_articles_pages(catalog, page_size))
    for units in catalog.units_by_address():
        pages.extend(shared_unit_pages(units, catalog, page_size))
    for term in catalog.terms.values():
        pages.extend(group_pages(term, "term", catalog, page_size))
    for year in catalog.years.values():
        pages.extend(group_pages(year, "year", catalog, page_size))
    for doc in catalog.document_list:
        pages.extend(document_pages(doc, catalog, page_size))
    return pages


# --- the article page ---------------------------------------------------------------------------


def article_panel(entry: Entry, catalog: Catalog) -> str:
    """The metadata panel: every value links to its listing page."""
    here = entry.url
    unit = catalog.units.get(entry.unit_key or "")
    year = catalog.years.get(entry.year)
    date = (f'<time datetime="{e(entry.date)}">{e(format_date(entry.date))}</time>' if entry.date
            else '<span class="portal-undated">Chưa rõ</span>')
    if year is not None:
        date += f' · <a href="{e(rel(here, year.url))}">{e(year.name)}</a>'
    unit_html = ""
    if unit is not None:
        unit_html = f'<a href="{e(rel(here, unit.url))}">{e(entry.unit or unit.name)}</a>'
        if entry.province:
            unit_html += f' <span class="portal-province">({e(entry.province)})</span>'
    terms = ", ".join(f'<a href="{e(rel(here, catalog.terms[t].url))}">{e(t)}</a>'
                      for t in entry.terms if t in catalog.terms)
    congresses = ""
    if entry.congresses:
        congresses = "<ul>" + "".join(
            f"<li>{e(congress_label(c.term, c.number))}" + (f" — {e(c.body)}" if c.body else "") + "</li>"
            for c in entry.congresses) + "</ul>"
    author = e(entry.author or "")
    if entry.author and entry.author_note:
        author += f' <span class="portal-author-note">({e(entry.author_note)})</span>'
    docs = ""
    if entry.documents:
        items = []
        for d in entry.documents:
            group = catalog.documents.get(d.key)
            label = " ".join(x for x in (d.type, f"số {d.ref}") if x)
            link = f'<a href="{e(rel(here, group.url))}">{e(label)}</a>' if group else e(label)
            tail = (f" ngày {e(format_date(d.date))}" if d.date else "") + (f" của {e(d.issuer)}" if d.issuer else "")
            items.append(f"<li>{link}{tail}</li>")
        docs = "<ul>" + "".join(items) + "</ul>"
    source = f"<code>{e(entry.source_file)}</code>" if entry.source_file else ""
    event = ""
    if entry.event_date and entry.event_date != entry.date:
        event = f'<time datetime="{e(entry.event_date)}">{e(format_date(entry.event_date))}</time>'
    note = "Bài không có tiêu đề; tiêu đề được lấy từ đoạn mở đầu." if entry.title_generated else ""
    rows = [("Ngày đăng", date), ("Ngày diễn ra", event), ("Đơn vị", unit_html), ("Cấp", e(entry.unit_level or "")),
            ("Nhiệm kỳ", terms), ("Đại hội", congresses), ("Tác giả", author),
            ("Văn bản được nhắc đến", docs), ("Tệp nguồn", source),
            ("Ghi chú", e(note))]
    return f'<aside class="portal-meta" aria-label="Thông tin bài viết" data-pagefind-ignore>{_facts(rows)}</aside>'


def related_html(entry: Entry, catalog: Catalog, items: list[Entry] | None = None) -> str:
    items = related(catalog, entry) if items is None else items
    if not items:
        return ""
    lis = "".join(f'<li><a href="{e(rel(entry.url, x.url))}">{e(x.title)}</a> '
                  f'<span class="portal-item__meta">{_date_html(x)}</span></li>' for x in items)
    return (f'<nav class="portal-related" aria-label="Bài viết liên quan" data-pagefind-ignore>'
            f"<h2>Bài viết liên quan</h2><ul>{lis}</ul></nav>")


def article_context(entry: Entry, catalog: Catalog, related_items: list[Entry] | None = None,
                    search: str | None = None) -> dict[str, str]:
    """Everything the portal adds to an article's page (its words come from its own file): the
    template variables of overrides/partials/content.html. `search`: the search attributes when
    they were made already (for the search hook, before the page is rendered)."""
    return {"portal_panel": article_panel(entry, catalog),
            "portal_related": related_html(entry, catalog, related_items),
            "portal_search": search if search is not None else search_attributes(entry, catalog)}


def article_inputs(entry: Entry, catalog: Catalog, related_items: list[Entry]) -> tuple:
    """Everything `article_context` reads, as one comparable value: equal inputs, equal HTML (a
    rebuild skips making it). Keep in step with article_panel, related_html and search_attributes."""
    unit = catalog.units.get(entry.unit_key or "")
    year = catalog.years.get(entry.year)
    docs = tuple((d.key, catalog.documents[d.key].url if d.key in catalog.documents else None)
                 for d in entry.documents)
    return (entry, (unit.name, unit.url) if unit else None, (year.name, year.url) if year else None,
            tuple(catalog.terms[t].url if t in catalog.terms else None for t in entry.terms), docs,
            tuple(related_items))


def search_attributes(entry: Entry, catalog: Catalog) -> str:
    """Pagefind filters, meta and sort (contract §6) as empty elements: values in attributes, so
    nothing here adds words to the index and no value needs splitting on commas or colons."""
    unit = catalog.units.get(entry.unit_key or "")

    def tag(attr: str, name: str, value: str) -> str:
        return f'<span data-pagefind-{attr}="{name}[data-value]" data-value="{e(value)}"></span>'

    tags = []
    if unit is not None:
        tags.append(tag("filter", "unit", unit.name))
    if entry.unit_level:
        tags.append(tag("filter", "level", entry.unit_level))
    tags.extend(tag("filter", "term", t) for t in entry.terms)
    tags.append(tag("filter", "year", year_label(entry.year)))
    tags.extend(tag("filter", "document", document_label(*d.key)) for d in dict.fromkeys(entry.documents))
    tags.append(tag("meta", "title", entry.title))
    if entry.date:
        tags.append(tag("meta", "date", entry.date))
    if unit is not None:
        tags.append(tag("meta", "unit", unit.name))
    # Pagefind drops pages without the sort key from sorted results: the undated get the lowest
    # value, so they come last when sorting newest first.
    tags.append(tag("sort", "date", entry.sort_date or "0000-00-00"))
    return f'<div class="portal-search-data" hidden>{"".join(tags)}</div>'


# --- feed ---------------------------------------------------------------------------------------


def rss_feed(catalog: Catalog, site_url: str, site_name: str, description: str, count: int,
             feed_path: str = "feed.xml") -> str:
    """RSS 2.0 of the latest dated articles, absolute links from `site_url`."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    dated = [x for x in catalog.entries if x.date][:count]
    items = []
    for x in dated:
        link = base + x.url
        day = _dt.datetime.fromisoformat(x.date).replace(hour=0, tzinfo=_dt.timezone.utc)
        cats = "".join(f"<category>{xml_escape(t)}</category>" for t in x.terms)
        unit = catalog.units.get(x.unit_key or "")
        if unit is not None:
            cats = f"<category>{xml_escape(unit.name)}</category>" + cats
        items.append(
            f"<item><title>{xml_escape(x.title)}</title><link>{xml_escape(link)}</link>"
            f'<guid isPermaLink="true">{xml_escape(link)}</guid><pubDate>{format_datetime(day)}</pubDate>'
            f"<description>{xml_escape(x.summary)}</description>{cats}</item>")
    last = ""
    if dated:
        day = _dt.datetime.fromisoformat(dated[0].date).replace(tzinfo=_dt.timezone.utc)
        last = f"<lastBuildDate>{format_datetime(day)}</lastBuildDate>"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
            f"<title>{xml_escape(site_name)}</title><link>{xml_escape(base)}</link>"
            f"<description>{xml_escape(description or site_name)}</description><language>vi</language>"
            f'<atom:link href="{xml_escape(base + feed_path)}" rel="self" type="application/rss+xml"/>'
            f"{last}{''.join(items)}</channel></rss>\n")
