"""Page → Article: one `extract_<field>` per front-matter field, patterns as named constants.

Each extractor reads the cleaned page (headline, body blocks, date lines, byline) and returns its
value; `extract_article` calls them in dependency order (unit before its key and level, congresses
before the primary term). Word lists come from `scripts/data/*.yml` through `Settings`.
Never a guess presented as a fact: what the text does not settle stays null, with a warning.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .clean import Page
from .model import CAPTION, HEADING, PARAGRAPH, Article, Congress, Document
from .names import NAME_WORD, rules as name_rules
from .settings import Settings
from .vietnamese import LOWER, UPPER, new_style_tones, slugify

# --- shared small patterns ---------------------------------------------------------------------

ROMAN = r"[IVXLC]{1,7}"
ORDINAL = rf"(?:{ROMAN}|\d{{1,3}})(?![\w])"
YEAR = r"(?:19|20)\d{2}"
TERM_SPAN = re.compile(rf"({YEAR})\s*[-–—]\s*({YEAR})(?![\d/])")  # word start checked by word_matches
DATE_DMY = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?![\d/])")
DATE_WORDS = re.compile(r"(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})")
SENTENCE_SPLIT = re.compile(rf"(?<=[.!?…])[\"”’)]*\s+(?=[\"“(]?[{UPPER}0-9])")
_WORDISH = frozenset("/.-_")


def word_matches(pattern: re.Pattern[str], text: str, starts: tuple[str, ...] | None = None) -> list[re.Match[str]]:
    """Matches that start a word: no letter, digit or joining mark right before them. Patterns leave
    this check out: a leading look-behind stops Python's regex engine skipping ahead to its first characters.
    `starts`: see `tried_at`."""
    found = pattern.finditer(text) if starts is None else tried_at(pattern, text, starts)
    return [m for m in found if (at := m.start()) == 0 or not (text[at - 1].isalnum() or text[at - 1] in _WORDISH)]


def tried_at(pattern: re.Pattern[str], text: str, starts: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern whose every match starts with one of `starts`
    (as written): the pattern is tried only where one of them stands. For a pattern that starts with a
    choice of letters the regex engine tries the whole pattern at each of them, or at every character
    when the choice is a class ("[Đđ]"); str.find skips to the few places that matter. (Each str.find
    is a pass over the text: for long lists of words the engine's own scan is cheaper.)"""
    places = set()
    for word in starts:
        at = text.find(word)
        while at >= 0:
            places.add(at)
            at = text.find(word, at + 1)
    end = 0
    for at in sorted(places):
        if at >= end and (m := pattern.match(text, at)):
            yield m
            end = m.end()


_SPACES = re.compile(r"\s+")
_PLACE_TWICE = re.compile(r"\b(thành phố|thị xã|huyện|tỉnh|quận|xã|phường) \1\b")
_ENDS_TINH = re.compile(r"(?:\btỉnh|\btỉnh ủy)$")
_TERM_BEFORE = re.compile(r"(?i)nhiệm\s+kỳ\s*:?\s*\(?\s*$|khó[aá]\s+[IVXLC\d]+\s*[(,]?\s*$")
_PLAN_WORDS = re.compile(r"(?i)kế hoạch|chiến lược|giai đoạn|quy hoạch|chương trình|tầm nhìn|đề án|thời kỳ|\d+\s+năm")
_TERM_LIST_GAP = re.compile(r"\s*(?:,|và|;|&)\s*")
_CODE_CAPS = re.compile(r"[A-ZĐ]")
_CONGRESS_BEFORE = re.compile(r"(?i)đại\s+hội(?:\s+đại\s+biểu)?\s+$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(text: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(text.upper()):
        value = _ROMAN_VALUES.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


def ordinal_value(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else roman_to_int(text)


def iso_date(day: str | int, month: str | int, year: str | int) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


# --- compiled rules from the data files -----------------------------------------------------------


@dataclass(frozen=True, eq=False)  # hashed by identity: one per Settings, a cache key for unit_key
class _Rules:
    head: re.Pattern[str]
    department: re.Pattern[str]
    organ_prefix: re.Pattern[str]
    committee_word: re.Pattern[str]
    name_tail: re.Pattern[str]                  # the words of a name after its head
    person_after_committee: re.Pattern[str]     # "... Tỉnh ủy| Mai Văn Tuất"
    committees: tuple[tuple[re.Pattern[str], str], ...]
    province_starts: tuple[str, ...]            # what its matches start with (see `tried_at`)
    national: str
    levels: tuple[tuple[re.Pattern[str], str], ...]
    places: frozenset[str]                      # provinces and cities: never people
    abbreviation: re.Pattern[str]
    expansions: dict[str, str]
    province: re.Pattern[str]
    province_names: dict[str, str]              # any spelling → the name in provinces.yml
    city: re.Pattern[str]
    city_names: dict[str, str]
    document: re.Pattern[str]
    stamps: tuple[re.Pattern[str], ...]
    document_type_at: re.Pattern[str]
    surnames: frozenset[str]
    mass_organisation: re.Pattern[str]
    middle_names: frozenset[str]


# Words that end a name even when capitalised (headlines in title case: "Lần Thứ", "Nhiệm Kỳ"), and
# lower-case words that end it ("Đảng bộ xã X tổ chức ...", "Chi bộ 4 thuộc Đảng bộ ...").
_STOP_ALWAYS = frozenset("lần nhiệm khóa khoá kỳ".split())
_STOP_WORDS = _STOP_ALWAYS | frozenset("về của tại đã đang sẽ được có là với cho trong năm ngày thứ sáng chiều tối "
                                       "trưa nay này đó và tổ chức thuộc gồm cùng bầu giao chọn dự".split())


def _name_tail(units: dict, people: dict, doc_types: list[str], heads: str) -> re.Pattern[str]:
    """The words that may follow a head in a name, as one pattern (see `org_extent`)."""
    up, low = UPPER, LOWER
    stop_always = r"(?:Lần|LẦN|Nhiệm|NHIỆM|Khóa|Khoá|KHÓA|Kỳ|KỲ)(?![\w])"
    stop_lower = _alternation(sorted(_STOP_WORDS))
    event = r"(?:Đại\s+[Hh]ội|ĐẠI\s+HỘI|Hội\s+nghị|HỘI\s+NGHỊ)(?![\w])"
    cap = rf"(?!{stop_always}|{event})[{up}][\w'’]*"
    lower_syllable = rf"(?!(?:{stop_lower})(?![\w]))[{low}]+"
    token = "|".join([
        rf"(?:{_alternation(units.get('name_phrases') or [])})(?![\w])",     # "Hội đồng nhân dân"
        rf"{cap}(?:\s+{lower_syllable}(?=\s+(?!{stop_always}|{event})[{up}]))?",  # "Thủy lợi", "Khối"
        r"(?:số\s+)?\d{1,3}(?![\w])",                                         # "Chi bộ 4", "ấp 3", "số 2"
        rf"(?:{_alternation(units.get('place_words') or [])})(?![\w])",      # "huyện", "thị xã"
        rf"[-–](?=\s+[{up}])",                                               # "Hành chính - Tổ chức"
        rf"và(?=\s+[{up}])(?!\s+(?:{heads}|(?i:{_alternation(doc_types)}))(?![\w]))",  # "HĐND và UBND"
    ])
    # each word after white space; the first may also start right at `pos` (an issuer after "của ")
    return re.compile(rf"(?:(?:\s+|(?<!\S))(?:{token}))*(?<![-–])(?<!\svà)")


def _old_style_tones(name: str) -> str:
    """"Hòa" → "Hoà", "Thủy" → "Thuỷ": the other spelling of the same name."""
    import unicodedata
    decomposed = unicodedata.normalize("NFD", name)
    moved = re.sub(r"([oOuU])([\u0300\u0301\u0309\u0303\u0323])([aAeEyY])(?![^\W\d_])", r"\1\3\2", decomposed)
    return unicodedata.normalize("NFC", moved)


def _alternation(words: list[str]) -> str:
    """The words as one pattern, longest first where one starts another ("Tỉnh ủy" before "Tỉnh"),
    written as a tree of shared beginnings: "Tỉnh(?: ủy| uỷ)?". Python's regex engine tries the
    branches of an alternation one by one wherever it looks, so 300 province spellings side by side
    cost 300 tries there; as a tree, one per letter. It matches what the flat list would, in the same order."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _tree_pattern(tree) if tree else "(?!x)x"


def _tree_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _tree_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else f"{body}?"


def _starts(words: list[str]) -> tuple[str, ...]:
    """The words no other word of the list begins ("Tỉnh ủy" begins with "Tỉnh"): where matches can start."""
    return tuple(sorted({w for w in words if w and not any(o != w and w.startswith(o) for o in words if o)}))


@lru_cache(maxsize=8)
def rules(settings: Settings) -> _Rules:
    units, layout = settings.units, settings.layout
    heads = _alternation([h for head in units.get("heads") or [] for h in (head, head.upper())])  # headlines in capitals
    doc_types = settings.documents.get("types") or []
    committees = units.get("committees") or {}
    committee_words = list(committees) + [new_style_tones(c) for c in committees] + [
        c.replace("ủy", "uỷ") for c in committees]
    provinces = (settings.provinces.get("provinces") or [])
    province_names = {variant: name for name in provinces
                      for variant in (name, name.upper(), new_style_tones(name), _old_style_tones(name),
                                      new_style_tones(name).upper())}
    cities = settings.provinces.get("centrally_run_cities") or []
    city_aliases = settings.provinces.get("city_aliases") or {}
    city_names = {c: c for c in cities} | dict(city_aliases)
    code = r"[A-ZĐ][A-ZĐa-z0-9]*(?:[-/.][A-ZĐ][A-ZĐa-z0-9]*)*"  # "KH/ĐU", "CTr/HU", "NĐ-CP"
    number = r"\d{1,5}(?:/\d{4})?"
    province_prefixes = ['Tỉnh', 'tỉnh', 'TỈNH', 'Tỉnh ủy', 'Tỉnh uỷ', 'UBND tỉnh', 'HĐND tỉnh']
    return _Rules(
        province_starts=_starts(province_prefixes),
        head=re.compile(rf"({heads})(?![\w])(?!\s+viên)"),
        department=re.compile(rf"({_alternation(units.get('department_heads') or [])})\s+(?=[{UPPER}])"),
        organ_prefix=re.compile(rf"^(?:{_alternation(units.get('organ_prefixes') or [])})\s+"),
        committee_word=re.compile(rf"(?:{_alternation(committee_words)}|Trung ương)(?![\w])"),
        # (its look-behind after the first space, so that the engine only tries where a space stands)
        person_after_committee=re.compile(
            rf"\s(?<=(?:[uủ]ỷ|ủy|ỦY)\s)\s*(?=(?:{_alternation(settings.people.get('surnames') or [])})\s+"
            rf"(?:{_alternation(settings.people.get('middle_names') or [])})\s+[{UPPER}])"),
        name_tail=_name_tail(units, settings.people, doc_types,
                             _alternation((units.get("heads") or []) + (units.get("department_heads") or []))),
        committees=tuple((re.compile(rf"^{re.escape(k.lower())}(?![\w])"), v.lower())
                         for k, v in sorted(committees.items(), key=lambda kv: -len(kv[0]))),
        national=units.get("national") or "Đảng Cộng sản Việt Nam",
        levels=tuple((re.compile(p), level) for p, level in units.get("levels") or []),
        places=frozenset(provinces) | frozenset(cities),
        abbreviation=re.compile(rf"(?<![\w.])({_alternation(list(settings.abbreviations))})(?![\w])"),
        expansions=dict(settings.abbreviations),
        # each alternative starts with a letter, not a class: the engine then only tries where one stands
        province=re.compile(rf"(?:{_alternation(province_prefixes)})"
                            rf"\s+({_alternation(list(province_names))})(?![\w])"),
        province_names=province_names,
        city=re.compile(rf"({_alternation(list(city_names))})(?![\w])"),
        city_names=city_names,
        document=re.compile(
            rf"({_alternation([v for t in doc_types for v in (t, t.lower(), t.upper())])})\s+"
            rf"(?:(?P<more>(?:[{LOWER}]+\s+){{0,3}})(?:[Ss]ố|SỐ)\s*(?P<n1>{number})(?:\s*(?P<s1>[-–/ ])\s*(?P<c1>{code}))?"
            rf"|(?P<n2>{number})\s*(?P<s2>[-–/ ])\s*(?P<c2>{code}))(?![\w])"),
        stamps=tuple(re.compile(s, re.IGNORECASE) for s in layout.get("stamps") or []),
        surnames=frozenset(settings.people.get("surnames") or []),
        mass_organisation=re.compile(rf"(?:{_alternation(units.get('mass_organisations') or [])})(?![\w])"),
        middle_names=frozenset(settings.people.get("middle_names") or []),
        document_type_at=re.compile(rf"\s*(?:các\s+)?(?i:{_alternation(doc_types)})(?![\w])"),
    )


# --- organisation names -------------------------------------------------------------------------



@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    head: str           # "Đảng bộ", "Thị ủy", "Ban", ...

    @property
    def named(self) -> bool:
        return len(self.text) > len(self.head)


_DASH_WORD_END = re.compile(rf"\s[-–]\s+[{UPPER}][\w]*$")
_LOWER_NEXT = re.compile(rf"\s+[{LOWER}]")


def org_extent(text: str, pos: int, r: _Rules) -> int:
    """End of an organisation's name that starts at `pos`: capitalised words, numbers ("Chi bộ 4"), place
    words ("huyện", "thị xã"), known phrases ("Hội đồng nhân dân"), and lower-case syllables between
    capitalised ones ("Thủy lợi Miền Trung"). One compiled pattern: this runs for every name in every article."""
    m = r.name_tail.match(text, pos)
    if not m:
        return pos
    end = m.end()
    person = r.person_after_committee.search(text, pos, end)
    if person:
        end = person.start()  # "Trưởng Ban Tổ chức Tỉnh ủy Mai Văn Tuất": the person's name is not the unit's
    dash = _DASH_WORD_END.search(text, pos, end)
    if dash and _LOWER_NEXT.match(text, end):
        end = dash.start()  # "Đảng bộ huyện Thọ Lam - Văn kiện ...": the name stops before the dash
    return end


def find_units(text: str, r: _Rules) -> list[Mention]:
    """Every organisation named in `text`, in order; departments ("Ban Tổ chức Tỉnh ủy") when they
    end with a committee word; organs ("Ban Thường vụ Thị ủy X") give the committee's name."""
    found: list[Mention] = []
    for m in word_matches(r.department, text):
        end = org_extent(text, m.end(), r)
        name = text[m.start():end]
        if r.organ_prefix.match(name) or not r.committee_word.search(name):
            continue
        found.append(Mention(m.start(), end, name, m.group(1)))
    covered = [(x.start, x.end) for x in found]
    for m in word_matches(r.head, text):
        if covered and any(a <= m.start() < b for a, b in covered):
            continue
        end = org_extent(text, m.end(), r) if m.group(1) != r.national else m.end()
        found.append(Mention(m.start(), max(end, m.end()), text[m.start():max(end, m.end())], m.group(1)))
    found.sort(key=lambda x: x.start)
    return found


def expand_abbreviations(text: str, r: _Rules) -> str:
    return r.abbreviation.sub(lambda m: r.expansions[m.group(1)], text)


@lru_cache(maxsize=8192)
def unit_key(unit: str | None, province: str | None, r: _Rules) -> str | None:
    """One identity per organisation: abbreviations expanded, "ủy" tones, lower case, committee →
    organisation, the province added when the name ends in a bare "tỉnh"."""
    if not unit:
        return None
    key = r.organ_prefix.sub("", unit.strip())
    key = new_style_tones(expand_abbreviations(key, r)).lower()
    key = _SPACES.sub(" ", key.replace("–", "-")).strip(" -")
    for pattern, organisation in r.committees:
        if pattern.match(key):
            key = pattern.sub(organisation, key, count=1)
            break
    key = _PLACE_TWICE.sub(r"\1", key)
    if province and _ENDS_TINH.search(key):
        key = f"{key} {province.lower()}"
    return key


def unit_level(key: str | None, r: _Rules) -> str | None:
    if not key:
        return None
    for pattern, level in r.levels:
        if pattern.search(key):
            return level
    return None


# --- the extractors ------------------------------------------------------------------------------


def _paragraphs(page: Page) -> list[str]:
    return [b.text for b in page.blocks if b.kind == PARAGRAPH]


def body_text(page: Page) -> str:
    """Headline and body, one block a line: what the fields are read from (not the footer)."""
    return "\n".join([page.title or ""] + [b.text for b in page.blocks])


def extract_date(page: Page, r: _Rules) -> str | None:
    """The publication date the page states: the first stamp that parses."""
    for line in page.datelines:
        for pattern in r.stamps:
            m = pattern.search(line)
            if m and (found := iso_date(m.group("d"), m.group("m"), m.group("y"))):
                return found
        m = DATE_DMY.search(line) or DATE_WORDS.search(line)
        if m and (found := iso_date(*m.groups())):
            return found
    return None


# The lead's "Sáng 14/5, ...", "Trong hai ngày 9 và 10/5, ...", "Ngày mai (18/6), ...": a day/month, then the
# words before it (at a sentence start, after a comma or a parenthesis). Dates are found first (cheap), then
# the few words before each are read: no pattern is tried at every position of the text.
# (\d\d? rather than \d{1,2}: a pattern that starts with a repeat gets no first-character scan)
_DAY_MONTH = re.compile(r"(\d\d?)\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*((?:19|20)\d{2}))?(?![\d/])")
_EVENT_PREFIX = re.compile(
    r"(?:^|[.;:!?]\s|,\s|\()\s*(?:\(?[^\W\d_]{1,12}\)?\s*[-–]\s*)?"
    r"(?P<pre>sáng|chiều|tối|trưa|đêm|ngày|hôm nay|hôm qua|sáng nay|chiều nay|tối nay|ngày mai|sáng mai|"
    r"chiều mai|vào ngày|trong (?:hai|ba|2|3) ngày|trong các ngày|từ ngày)(?:\s+(?:qua|nay|mai|hôm qua))?"
    r"\s*(?:\(|,)?\s*(?:ngày\s+)?(?:(?P<d0>\d{1,2})\s*(?:-|–|và|đến)\s*(?:ngày\s+)?)?$",
    re.IGNORECASE)
_EVENT_AFTER_COMMA = re.compile(r"\s*\)?\s*,\s*\S")
_EVENT_CONGRESS = re.compile(
    r"(?P<what>[Đđ]ại hội|ĐẠI HỘI|[Hh]ội nghị|HỘI NGHỊ)(?i:[^.;:]{0,140}?(?:diễn ra|được tổ chức|tổ chức|khai mạc|"
    r"sẽ diễn ra|họp|dự kiến tổ chức|dự kiến diễn ra)\s+(?:vào\s+|trong\s+(?:hai|ba|2|3)\s+ngày\s+)?"
    r"(?:(?:sáng|chiều|tối)\s+)?(?:từ\s+)?(?:ngày\s+)?)(?:(?P<d0>\d{1,2})\s*(?:-|–|và|đến)\s*(?i:ngày\s+)?)?"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>(?:19|20)\d{2}))?")
_CHI_BO = re.compile(r"(?i)\bchi bộ\b")


def _lead_event_day(text: str) -> tuple[str, str, str | None] | None:
    """The first "Sáng 14/5,"-like day in `text`, as (day, month, year or None)."""
    for m in word_matches(_DAY_MONTH, text):
        start = m.start()
        before = ("" if start <= 60 else "\x00") + text[max(0, start - 60): start]
        pm = _EVENT_PREFIX.search(before)
        if not pm:
            continue
        if pm.group("pre").lower() == "từ ngày" and not pm.group("d0"):
            continue  # "từ ngày 15/4 đến ngày 20/5": a period, not a day
        if before[pm.start(): pm.start() + 2] == ", " and not _EVENT_AFTER_COMMA.match(text, m.end()):
            continue  # mid-sentence only as "..., ngày 24/6/2020, Đảng bộ xã ... tổ chức"
        return pm.group("d0") or m.group(1), m.group(2), m.group(3)
    return None
_BEFORE_DAY = re.compile(r"(?i)\btrước ngày\b|\bchậm nhất\b")
_DEADLINE = re.compile(r"(?i)(?:trước|chậm nhất|hạn chót|hạn|đến|kết thúc|tới)\s+(?:ngày\s+)?$")
_TITLE_YEAR = re.compile(rf"(?<![\d-])(?:năm\s+)?({YEAR})(?![\d-])")


def _article_year(date: str | None, page: Page) -> int | None:
    """The year a day/month without a year belongs to: the date line's, else the headline's."""
    if date:
        return int(date[:4])
    if page.title:
        title = TERM_SPAN.sub(" ", page.title)
        years = {int(y) for y in _TITLE_YEAR.findall(title)}
        if len(years) == 1:
            return years.pop()
    return None


def extract_event_date(page: Page, date: str | None, unit_is_chi_bo: bool) -> tuple[str | None, str | None]:
    """(ISO day of the main event, warning). The lead's "Sáng 14/5, ..." or "Đại hội ... diễn ra ngày ...";
    not deadlines, ranges of side events, or other units' chi bộ congresses."""
    paragraphs = _paragraphs(page)[:3]
    candidates: list[tuple[str, str, str | None]] = []
    for text in paragraphs:
        lead_day = _lead_event_day(text)
        if lead_day:
            candidates.append(lead_day)
        for m in tried_at(_EVENT_CONGRESS, text, ("Đại hội", "đại hội", "ĐẠI HỘI", "Hội nghị", "hội nghị", "HỘI NGHỊ")):
            sentence = text[max(0, text.rfind(".", 0, m.start()) + 1): m.end()]
            if not unit_is_chi_bo and _CHI_BO.search(sentence):
                continue
            if _BEFORE_DAY.search(sentence):
                continue  # "hoàn thành trước ngày ...": a deadline
            if not m.group("d0") and _DEADLINE.search(text[max(0, m.start("d") - 20): m.start("d")]):
                continue
            candidates.append((m.group("d0") or m.group("d"), m.group("m"), m.group("y")))
        if candidates:
            break
    if not candidates:
        return None, None
    day, month, year = candidates[0]
    if year:
        return iso_date(day, month, year), None
    base = _article_year(date, page)
    if base is None:
        return None, f"ngày sự kiện {day}/{month} không rõ năm: để trống (event day without a year)"
    found = iso_date(day, month, base)
    if found and date and (dt.date.fromisoformat(found) - dt.date.fromisoformat(date)).days > 60:
        found = iso_date(day, month, base - 1)  # "Sáng 30/12" in an article of 2 January
    return found, None


def extract_terms(text: str) -> list[str]:
    """Every nhiệm kỳ written, in order of mention: after "nhiệm kỳ", in a list that follows one, or in
    parentheses after a name. Plan and strategy periods are not terms."""
    terms: list[str] = []
    last_end = -10
    for m in word_matches(TERM_SPAN, text, ("19", "20")):
        a, b = int(m.group(1)), int(m.group(2))
        if not 1 <= b - a <= 5:
            continue
        before = text[max(0, m.start() - 40): m.start()]
        is_term = bool(_TERM_BEFORE.search(before))
        if not is_term and m.start() - last_end <= 6 and _TERM_LIST_GAP.fullmatch(text, last_end, m.start()):
            is_term = True  # "nhiệm kỳ 2020-2025, 2021-2026"
        if not is_term and before.rstrip().endswith("("):
            is_term = not _PLAN_WORDS.search(before)
        if is_term:
            term = f"{a}-{b}"
            if term not in terms:
                terms.append(term)
            last_end = m.end()
    return terms


_CONGRESS = re.compile(r"(?:Đại\s+[Hh]ội|đại\s+[Hh]ội|ĐẠI\s+HỘI)(?![\w])")
_ORDINAL_AT = re.compile(rf"\s*,?\s*(?:lần\s+thứ|lần|thứ)\s+({ORDINAL})", re.IGNORECASE)
_ROMAN_AT = re.compile(rf"\s+({ROMAN})(?![\w])")
_TERM_AT = re.compile(rf"\s*[,(]?\s*(?:nhiệm\s+kỳ\s*:?\s*)?\(?\s*({YEAR})\s*[-–—]\s*({YEAR})\s*\)?", re.IGNORECASE)
_NATIONAL_AT = re.compile(r"\s*(?:đại\s+biểu\s+)?toàn\s+quốc", re.IGNORECASE)
_OF_PARTY = re.compile(r"\s*(?:của\s+)?Đảng(?:\s+Cộng\s+sản\s+Việt\s+Nam)?(?![\w])")
_KHOA = re.compile(rf"\s+khó[aá]\s+({ROMAN}|\d{{1,3}})(?![\w])")


@dataclass
class _CongressMention:
    body: str | None
    number: int | None
    term: str | None
    national: bool
    start: int
    named: bool = True      # the text names the body here (not a bare "Đại hội lần thứ V")


_DELEGATES_AT = re.compile(r"\s+(?:đại\s+biểu|Đại\s+biểu|đảng\s+viên)")
_SPACE_AT = re.compile(r"\s+")
# matched against the lower-cased words before "Đại hội" ("đã long trọng tổ chức "): without IGNORECASE
# the engine only tries where one of the verbs' first letters stands
_HOLDS = re.compile(r"(?:tổ chức|khai mạc|tiến hành|bước vào)\s+(?:thành công\s+)?$")


def _subject_of(text: str, at: int, mentions: list[Mention], starts: list[int]) -> Mention | None:
    """"<unit> (long trọng) tổ chức Đại hội ...": the sentence's first organisation, when it holds the congress."""
    before = text[max(0, at - 40): at]
    if not _HOLDS.search(before.lower()):
        return None
    sentence_start = max(text.rfind(". ", max(0, at - 2000), at), text.rfind("\n", max(0, at - 2000), at)) + 1
    in_sentence = mentions[bisect.bisect_left(starts, sentence_start): bisect.bisect_left(starts, at)]
    if in_sentence and in_sentence[0].start - sentence_start <= 45:
        return in_sentence[0]  # "Sáng 18/4, Chi bộ 4 thuộc ... tổ chức Đại hội"
    clause_start = text.rfind(", ", sentence_start, at)
    in_clause = [u for u in in_sentence if u.start >= clause_start + 2 and "," not in text[u.end:at]]
    return in_clause[0] if clause_start >= 0 and in_clause and in_clause[0].start - clause_start <= 4 else None


def _congress_mentions(text: str, r: _Rules, mentions: list[Mention]) -> list[_CongressMention]:
    """Each "Đại hội ..." naming a body with an ordinal or a term, or held by the sentence's subject."""
    out: list[_CongressMention] = []
    starts = [u.start for u in mentions]  # sorted: find_units returns mentions in order
    for m in word_matches(_CONGRESS, text, ("Đại", "đại", "ĐẠI")):
        pos = m.end()
        if mm := _DELEGATES_AT.match(text, pos):
            pos = mm.end()
        number = None
        national = False
        if (mm := _NATIONAL_AT.match(text, pos)) and not r.mass_organisation.match(text, mm.end() + 1):
            national, pos = True, mm.end()
        elif mm:
            pos = mm.end()  # "Đại hội đại biểu toàn quốc Hội Nông dân Việt Nam": that organisation's
        if mm := _ORDINAL_AT.match(text, pos) or (_ROMAN_AT.match(text, pos) if not national else None):
            number, pos = ordinal_value(mm.group(1)), mm.end()
            if of_party := _OF_PARTY.match(text, pos):
                national, pos = True, of_party.end()
            elif national and number:
                national = True
        body = None
        if not national:
            mm = _SPACE_AT.match(text, pos)
            start = mm.end() if mm else pos
            head = r.head.match(text, start) or r.mass_organisation.match(text, start)
            if head:
                end = max(org_extent(text, head.end(), r), head.end())
                body, pos = text[start:end], end
                if number is None and (mm := _ORDINAL_AT.match(text, pos)):
                    number, pos = ordinal_value(mm.group(1)), mm.end()
        held_by = _subject_of(text, m.start(), mentions, starts) if body is None and not national else None
        if held_by is not None:
            body = held_by.text
        term = None
        if mm := _TERM_AT.match(text, pos):
            a, b = int(mm.group(1)), int(mm.group(2))
            if 1 <= b - a <= 5:
                term = f"{a}-{b}"
        if national:
            out.append(_CongressMention(r.national, number, term, True, m.start()))
        elif body and (number or term or held_by is not None):
            out.append(_CongressMention(body, number, term, False, m.start()))
        elif number and m.group(0)[0] == "Đ":
            # "Đại hội đại biểu lần thứ V, nhiệm kỳ 2020-2025 đã diễn ra": the article's own unit's congress
            out.append(_CongressMention(None, number, term, False, m.start(), named=False))
    return out


def _same_body(mention_key: str, unit_key_: str) -> bool:
    """A shortened name of the same organisation: "đảng bộ khối" ~ "đảng bộ khối chính quyền huyện"."""
    if mention_key == unit_key_:
        return True
    return unit_key_.startswith(mention_key + " ") or mention_key in ("đảng bộ", "chi bộ") and unit_key_.startswith(mention_key)


def _fullest_body(body: str, units: list[Mention], province: str | None, r: _Rules) -> str:
    """"Đảng bộ phường" → "Đảng bộ phường Nghĩa Lộ Đông" when the article names exactly one such unit."""
    key = unit_key(body, province, r) or ""
    longer = {m.text for m in units if m.text.startswith(body) and m.text != body
              and (unit_key(m.text, province, r) or "").startswith(key + " ")}
    return longer.pop() if len(longer) == 1 else body


def organisation_name(unit: str, r: _Rules) -> str:
    """The organisation a committee leads, as the article would write it: "Đảng ủy X" → "Đảng bộ X"."""
    name = r.organ_prefix.sub("", unit)
    for pattern, organisation in r.committees:
        m = re.match(pattern.pattern, name, re.IGNORECASE)
        if m:
            return organisation[:1].upper() + organisation[1:] + name[m.end():]
    return name


def extract_congresses(text: str, units: list[Mention], unit: str | None, key: str | None, province: str | None,
                       r: _Rules) -> list[Congress]:
    """The main congress first (the unit's own, else the one the article is most about), then in order."""
    mentions = _congress_mentions(text, r, units)
    groups: dict[str, list[_CongressMention]] = {}
    order: list[str] = []
    main_key = None
    fuller: dict[str, str] = {}
    for c in mentions:
        if c.body is None and not c.national:
            if not key:
                continue
            c.body = unit
        if c.body and not c.national:
            if c.body not in fuller:
                fuller[c.body] = _fullest_body(c.body, units, province, r)
            c.body = fuller[c.body]
        k = "national" if c.national else unit_key(c.body, province, r) or ""
        if key and not c.national and _same_body(k, key):
            k = main_key = key
        if key and c.national and key == unit_key(r.national, None, r):
            k = main_key = key
        if k not in groups:
            groups[k] = []
            order.append(k)
        groups[k].append(c)
    # the unit's committee "khóa XVIII" gives its congress's ordinal
    if key:
        for m in units:
            if unit_key(m.text, province, r) == key and (kh := _KHOA.match(text, m.end)):
                number = ordinal_value(kh.group(1))
                tm = _TERM_AT.match(text, kh.end())
                term = f"{tm.group(1)}-{tm.group(2)}" if tm and 1 <= int(tm.group(2)) - int(tm.group(1)) <= 5 else None
                groups.setdefault(key, [])
                if key not in order:
                    order.append(key)
                groups[key].append(_CongressMention(unit, number, term, False, m.start))
                main_key = key
    if not order:
        return []
    if main_key is None:
        non_national = [k for k in order if k != "national"] or order
        main_key = max(non_national, key=lambda k: (len(groups[k]), -order.index(k)))
    title_end = text.find("\n")  # body_text puts the headline on the first line
    result = []
    for k in [main_key] + [k for k in order if k != main_key]:
        group = groups[k]
        numbered = [c for c in group if c.number]
        # the headline's ordinal first, then one the text ties to the body, then the highest (the latest congress)
        best = max(numbered, key=lambda c: (c.start < title_end, c.named, c.number or 0)) if numbered else group[0]
        term = best.term or next((c.term for c in group if c.term), None)
        if numbered and best.term is None:
            term = next((c.term for c in group if c.term and c.number in (None, best.number)), None)
        # the congress's organisation as written, fullest form; the unit's own name when the unit is one
        body = max((c.body for c in group if c.body), key=len, default=unit)
        if k == key and unit:
            body = organisation_name(unit, r)
        result.append(Congress(body=body, number=best.number, term=term))
    return result


def extract_documents(text: str, units: list[Mention], r: _Rules) -> list[Document]:
    """Every cited document with a number: ref normalised, date and issuer when the text gives them."""
    docs: list[Document] = []
    for m in word_matches(r.document, text):
        dtype = (m.group(1) + " " + (m.group("more") or "")).strip()  # "Chương trình hành động"
        dtype = dtype[:1].upper() + dtype[1:].lower()
        number, sep, code = (m.group("n1"), m.group("s1"), m.group("c1")) if m.group("n1") else (
            m.group("n2"), m.group("s2"), m.group("c2"))
        if code and (len(_CODE_CAPS.findall(code)) < 2 or sep == " " and "/" not in code and "-" not in code):
            code = None  # "số 17 Hà ...": a number, then words
        ref = number if not code else (f"{number}/{code}" if sep == "/" else f"{number}-{code}")
        if not code and not m.group("n1"):
            continue
        after = text[m.end(): m.end() + 160]
        date = None
        dm = _DOC_DATE.match(after) or _DOC_DATE_WORDS.match(after)
        rest_at = m.end()
        if dm:
            date = iso_date(*dm.groups())
            rest_at = m.end() + dm.end()
        issuer = None
        im = _ISSUER_AT.match(text[rest_at: rest_at + 20])
        if im:
            start = rest_at + im.end()
            end = org_extent(text, start, r)
            if kh := _KHOA.match(text, end):
                end = kh.end()  # "Ban Chấp hành Trung ương khóa XII"
            issuer = text[start:end].strip() or None
        else:
            before = text[max(0, m.start() - 30): m.start()]
            if _ISSUED_BY_BEFORE.search(before):
                prior = [u for u in units if u.end <= m.start() and m.start() - u.end <= 30]
                if prior:
                    issuer = prior[-1].text
        doc = Document(type=dtype, ref=ref, date=date, issuer=issuer)
        same = [i for i, d in enumerate(docs) if d.ref == ref and (d.date or "")[:4] == (date or "")[:4]]
        undated_twin = [i for i, d in enumerate(docs) if d.ref == ref and (not date or not d.date)]
        if same or undated_twin:
            i = (same or undated_twin)[0]
            old = docs[i]
            docs[i] = Document(old.type, old.ref, old.date or date, old.issuer or issuer)
            continue
        docs.append(doc)
    return docs


_WORD_AT = re.compile(r"\S+")
_PLACE_WORDS = ("xã", "huyện", "tỉnh", "phường", "thành phố", "thị xã", "thị trấn", "quận", "đường", "phố", "trường",
                "ấp", "thôn")  # "xã Tân Hòa", "đường Lê Lợi": what stands right before a place's name
_DONG_CHI_NAME = re.compile(rf"[đĐ](?i:ồng chí)\s+((?:{NAME_WORD})(?:\s+{NAME_WORD}){{1,3}})(?![\w'])")
_DOC_DATE = re.compile(r"\s*,?\s*(?:ban hành\s+)?(?:[Nn]gày|NGÀY)\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})")
_DOC_DATE_WORDS = re.compile(r"\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.I)
_ISSUED_BY_BEFORE = re.compile(r"(?:(?:đã\s+)?(?:ký\s+)?ban\s+hành|\btại)\s+$")  # "X ban hành / X tại Công văn số ..."
_ISSUER_AT = re.compile(rf"\s*,?\s*(?:của|do)\s+(?=[{UPPER}])")
_CONTEXT_BREAKS = ".;:()\n"  # what ends the clause before a name


def _dong_chi_names(text: str) -> list[re.Match[str]]:
    """What `_DONG_CHI_NAME.finditer(text)` finds. Every match starts with "đ" or "Đ", then "ồ" or "Ồ"
    (the pattern's "(?i:ồng chí)"): it is tried only there, found with str.find for the rarer letter.
    The engine's own scan tests a character class at every character of the text, and tries the
    pattern at every "đ"."""
    places = []
    for letter in "ồỒ":
        at = text.find(letter, 1)
        while at >= 0:
            if text[at - 1] in "đĐ":
                places.append(at - 1)
            at = text.find(letter, at + 1)
    places.sort()
    found: list[re.Match[str]] = []
    end = 0
    for at in places:
        if at >= end and (m := _DONG_CHI_NAME.match(text, at)):
            found.append(m)
            end = m.end()
    return found


def extract_people(page: Page, exclude: set[str], settings: Settings) -> list[str]:
    """People named with "đồng chí" or a role, as written, once each, in order."""
    nr = name_rules(settings)
    places = rules(settings).places
    titled = nr.is_title_word
    text = "\n".join(b.text for b in page.blocks) + "\n" + (page.title or "")
    seen: list[str] = []
    candidates: list[tuple[int, int]] = []
    for m in word_matches(nr.name_run, text):
        tokens = m.group(0).split()
        # the family name: the first listed one that is not a title ("Ông Võ Văn Bảy")
        i = next((k for k, t in enumerate(tokens) if t in nr.surnames and not titled(t)), None)
        if i is None:
            continue
        first = i - 1 if i and not (titled(tokens[i - 1]) or tokens[i - 1] in nr.not_names) else i
        last = min(len(tokens), i + 5)  # a family name and up to four more ("Tôn Nữ Thị Ngọc Hân"); "Bàn Văn Sinh" keeps "Bàn"
        last = next((k for k in range(i + 1, last) if tokens[k] in nr.not_names or titled(tokens[k])), last)
        if last - i >= 2:  # a family name alone ("ấp Ông Bường", "Huyện ủy Trùng Sơn") is a place
            words_at = [(w.start(), w.end()) for w in _WORD_AT.finditer(m.group(0))]
            candidates.append((m.start() + words_at[first][0], m.start() + words_at[last - 1][1]))
    # "đồng chí X Y Z": a name even when the family name is not in the list ("Y Thuân Byă", "H'Lan Niê")
    for m in _dong_chi_names(text):
        if not nr.role_at_start.match(text, m.start(1)):  # "đồng chí Tổng Bí thư" names a role, not a person
            candidates.append((m.start(1), m.end(1)))
    kept_spans = []  # drop a span inside another ("Văn Sinh" in "Bàn Văn Sinh"): one sweep in start order
    reach = -1
    for start, end in sorted(set(candidates), key=lambda c: (c[0], -c[1])):
        if end > reach:
            kept_spans.append((start, end))
            reach = end
    for start, end in kept_spans:
        name = text[start:end]
        tokens = name.split()
        # trim organisation words off the end ("Nguyễn Văn A Bí" cannot happen; "Hà Nội" is a place)
        if (not nr.not_names.isdisjoint(tokens) or name in exclude or nr.role_at_start.match(name)
                or name in places):
            continue
        before = text[max(0, start - 80): start]
        cut = max([before.rfind(ch) for ch in _CONTEXT_BREAKS]) + 1  # after the last break, or 0
        clause = before[cut:]
        after = text[end: end + 60]
        if len(tokens) < 3 and tokens[-1] not in nr.middle_names and before.rstrip().lower().endswith(_PLACE_WORDS):
            continue  # "xã Tân Hòa", "đường Lê Lợi": a place
        role_before = _only_title_words(clause, nr)
        role_after = nr.role_after.match(after) is not None
        if (role_before or role_after) and name not in seen:
            seen.append(name)
    return seen


def _only_title_words(clause: str, nr) -> bool:
    """A role word in the clause, and after the last one only words of a title ("Trưởng Ban Tổ chức Tỉnh ủy")
    up to the name."""
    lowered = clause.lower()
    if nr.role_lower is not None and len(lowered) == len(clause):
        found = nr.role_lower.finditer(lowered)
    else:
        found = nr.role.finditer(clause)
    last = None
    for last in found:
        pass
    if last is None:
        return False
    tail = clause[last.end():].split()
    return all(t[:1].isupper() or t in ("ủy", "uỷ", "viên", "ban", "nhân", "dân", "và", "-", "–", "tỉnh", "huyện",
                                        "xã", "thị", "quận", "phường", "thành", "phố", "đồng", "chí")
               for t in tail)


def extract_province(page: Page, r: _Rules, settings: Settings) -> tuple[str | None, str | None]:
    """(province, source): "tỉnh X" anywhere on the page (footer too), else a centrally-run city by name,
    else the site's own province."""
    named = [r.province_names[m.group(1)] for m in word_matches(r.province, page.text, r.province_starts)]
    found = Counter(named)
    if found:
        first = {name: i for i, name in reversed(list(enumerate(named)))}
        best = max(found, key=lambda p: (found[p], -first[p]))
        return best, "text"
    cities = [r.city_names[m.group(1)] for m in word_matches(r.city, page.text)]
    if cities:
        return Counter(cities).most_common(1)[0][0], "text"
    if settings.province:
        return settings.province, "settings"
    return None, None


def choose_unit(page: Page, mentions_title: list[Mention], mentions_body: list[Mention],
                r: _Rules) -> Mention | None:
    """The organisation the article is about: the headline's (the one holding a congress first), else the
    subject of the lead, else the most named."""
    def is_national(m: Mention) -> bool:
        return m.head == r.national

    title_units = [m for m in mentions_title if not is_national(m)]
    if title_units:
        title = page.title or ""
        congress = [m for m in title_units if _CONGRESS_BEFORE.search(title, 0, m.start)]
        return (congress or title_units)[0]
    paragraphs = _paragraphs(page)
    if paragraphs:
        lead = paragraphs[0]
        lead_units = [m for m in mentions_body if m.start < len(lead) and not is_national(m)]
        if lead_units:
            return lead_units[0]
    named = [m for m in mentions_body if not is_national(m)]
    if named:
        counts = Counter(m.text for m in named)
        return max(named, key=lambda m: (counts[m.text], -m.start))
    national = [m for m in mentions_title + mentions_body if is_national(m)]
    return national[0] if national else None


def fullest_unit(chosen: Mention, mentions: list[Mention], province: str | None, r: _Rules) -> str:
    """The fullest written form of the chosen unit: a bare "Thị ủy" becomes "Thị ủy Duyên Hải"."""
    if not chosen.named:
        same_head = [m for m in mentions if m.head == chosen.head and m.named]
        if same_head:
            counts = Counter(m.text for m in same_head)
            chosen = max(same_head, key=lambda m: (counts[m.text], len(m.text)))
    if chosen.text.isupper():  # a headline in capitals does not show where the name ends: take the body's spelling
        lowered = chosen.text.lower().split()
        def shared(m: Mention) -> int:
            words_ = m.text.lower().split()
            return next((i for i, (a, b) in enumerate(zip(words_, lowered)) if a != b), min(len(words_), len(lowered)))
        body_forms = [m for m in mentions if not m.text.isupper() and shared(m) >= 3]
        if body_forms:
            chosen = max(body_forms, key=lambda m: (shared(m), len(m.text)))
    fuller = _fullest_body(chosen.text, mentions, province, r)
    if fuller != chosen.text:
        chosen = next(m for m in mentions if m.text == fuller)
    key = unit_key(chosen.text, province, r)
    committee = r.committee_word.fullmatch(chosen.head) is not None or chosen.head.lower().startswith(("đảng ủy", "đảng uỷ", "chi ủy", "chi uỷ"))
    same = [m.text for m in mentions if unit_key(m.text, province, r) == key
            and (r.committee_word.fullmatch(m.head) is not None
                 or m.head.lower().startswith(("đảng ủy", "đảng uỷ", "chi ủy", "chi uỷ"))) == committee]
    return max(same + [chosen.text], key=lambda t: (len(t), not t.isupper()))


def extract_summary(page: Page) -> str:
    """The lead's first one or two sentences, plain text, at most 300 characters."""
    paragraphs = _paragraphs(page)
    if not paragraphs:
        return ""
    sentences = SENTENCE_SPLIT.split(paragraphs[0])
    summary = sentences[0]
    if len(summary) < 140 and len(sentences) > 1 and len(summary) + 1 + len(sentences[1]) <= 300:
        summary += " " + sentences[1]
    return _shorten(summary, 300)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "…"


def make_title(page: Page) -> str:
    """A title from the lead when the page has no headline (flagged `title_generated`)."""
    paragraphs = _paragraphs(page) or [b.text for b in page.blocks]
    if not paragraphs:
        return "Bài viết không có tiêu đề"
    first = SENTENCE_SPLIT.split(paragraphs[0])[0]
    first = re.sub(r"^(?:\(?[^\W\d_]{1,12}\)?\s*[-–]\s*)", "", first)  # source tag in front of the lead
    return _shorten(first.rstrip("."), 120)


def extract_author(page: Page) -> tuple[str | None, str | None]:
    if not page.byline:
        return None, None
    author = page.byline[0].strip() or None
    note = ", ".join(x.strip(" ,") for x in page.byline[1:] if x.strip()) or None
    return author, note


# --- the whole reader --------------------------------------------------------------------------------


def extract_article(page: Page, settings: Settings, *, source_file: str, source_sha256: str,
                    source_encoding: str) -> Article:
    r = rules(settings)
    warnings: list[str] = []
    text = body_text(page)

    title = page.title
    title_generated = False
    if not title:
        title, title_generated = make_title(page), True
        warnings.append("không có tiêu đề: tiêu đề được tạo từ đoạn mở đầu (no headline)")

    date = extract_date(page, r)
    if date is None:
        warnings.append("trang không ghi ngày đăng (no publication date)")
    province, province_source = extract_province(page, r, settings)

    mentions = find_units(text, r)
    title_end = len(page.title or "")
    title_mentions = [m for m in mentions if m.start < title_end]
    body_mentions = [Mention(m.start - title_end - 1, m.end - title_end - 1, m.text, m.head)
                     for m in mentions if m.start > title_end]
    chosen = choose_unit(page, title_mentions, body_mentions, r)
    unit = fullest_unit(chosen, title_mentions + body_mentions, province, r) if chosen else None
    key = unit_key(unit, province, r)
    level = unit_level(key, r)
    if unit is None:
        warnings.append("không xác định được đơn vị (unknown unit)")

    event_date, warning = extract_event_date(page, date, level == "chi bộ")
    if warning:
        warnings.append(warning)

    congresses = extract_congresses(text, mentions, unit, key, province, r)
    if unit is None and congresses and congresses[0].body == r.national:
        unit, key, level = r.national, unit_key(r.national, None, r), unit_level(unit_key(r.national, None, r), r)
        warnings.remove("không xác định được đơn vị (unknown unit)")
    terms = extract_terms(text)
    main_term = congresses[0].term if congresses and congresses[0].term else None
    if main_term is None and page.title:
        main_term = next(iter(extract_terms(page.title)), None)
    if main_term and main_term in terms:
        terms.remove(main_term)
        terms.insert(0, main_term)

    author, author_note = extract_author(page)
    documents = extract_documents(text, mentions, r)
    people = extract_people(page, set(), settings)  # the byline is not in the blocks; named in the text, the author counts
    captions = [b.text for b in page.blocks if b.kind == CAPTION and b.text not in page.credits]
    year = int(date[:4]) if date else int(event_date[:4]) if event_date else None

    return Article(
        title=title, date=date, event_date=event_date, year=year, unit=unit, unit_key=key, unit_level=level,
        province=province, terms=tuple(terms), congress_number=congresses[0].number if congresses else None,
        congresses=tuple(congresses), author=author, author_note=author_note, documents=tuple(documents),
        people=tuple(people), captions=tuple(captions), views=page.views, summary=extract_summary(page),
        slug=slugify(title), source_file=source_file, source_sha256=source_sha256,
        source_encoding=source_encoding, warnings=tuple(warnings), title_generated=title_generated,
        province_source=province_source, body=page.blocks,
    )
