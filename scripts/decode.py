"""Bytes → NFC text and the name of the encoding found.

Editors drop files saved by every tool of the last thirty years: UTF-8 (with or without BOM), UTF-16,
Windows-1258 (tone marks as combining characters), and the legacy Vietnamese font encodings TCVN3 (ABC)
and VNI, either as raw bytes or already misread as Windows-1252 and saved again as UTF-8 ("mojibake":
"§¹i héi" and "Ñaïi hoäi" for "Đại hội"). File names say nothing reliable, so every plausible reading
is scored by how Vietnamese it reads (the share of words that are valid Vietnamese syllables) and the
best one wins. Then the text is normalised: NFC, LF line ends, no non-breaking or zero-width spaces.

Pure and bounded in time: tables are loaded once from `scripts/data/`, candidates are scored on a
sample, and every pass over the whole text is a single linear regex or codec call.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Rejection

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


# --- Windows-1252 as Windows reads it: the five undefined bytes pass through as C1 controls -----


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


CP1252_TABLE = "".join(_cp1252_char(b) for b in range(256))
_CP1252_ENCODE = codecs.charmap_build(CP1252_TABLE)
# Glyphs above ASCII that Windows-1252 can show: a line made only of these may be mojibake.
_CP1252_HIGH = "".join(sorted(set(CP1252_TABLE[0x80:]) - {chr(b) for b in range(0x80, 0xA0)}))
# The same bytes misread as ISO-8859-1 give C1 controls instead of the Windows glyphs.
_C1_TO_CP1252 = {b: CP1252_TABLE[b] for b in range(0x80, 0xA0) if CP1252_TABLE[b] != chr(b)}
_HAS_HIGH_GLYPH = re.compile("[" + re.escape(_CP1252_HIGH) + "\x80-\x9f]")
_NOT_CP1252 = re.compile("[^\x00-\xff" + re.escape(_CP1252_HIGH) + "]")


def glyphs_to_bytes(text: str) -> bytes | None:
    """The bytes a Windows-1252 reader turned into `text`, or None when `text` is not such a reading."""
    if re.search("[\x80-\x9f]", text):
        text = text.translate(_C1_TO_CP1252)
    try:
        return codecs.charmap_encode(text, "strict", _CP1252_ENCODE)[0]
    except UnicodeEncodeError:
        return None


def bytes_to_glyphs(raw: bytes) -> str:
    return codecs.charmap_decode(raw, "strict", CP1252_TABLE)[0]


# --- legacy tables (scripts/data/tcvn3.tsv, scripts/data/vni.tsv) ----------------------------------


def _tsv_rows(name: str) -> list[list[str]]:
    rows = []
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        header = None
        for line in fh:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            rows.append(cells)
    return rows


@lru_cache(maxsize=1)
def _tcvn3_tables() -> tuple[str, str, dict[str, bytes]]:
    """(ABC decoding table, ABC + VN1 capitals decoding table, letter → byte for encoding)."""
    abc, vn1 = list(CP1252_TABLE), list(CP1252_TABLE)
    encode: dict[str, bytes] = {}
    for byte_hex, letter, table in _tsv_rows("tcvn3.tsv"):
        byte = int(byte_hex, 16)
        vn1[byte] = letter
        if table == "abc":
            abc[byte] = letter
            encode[letter] = bytes([byte])
    return "".join(abc), "".join(vn1), encode


@lru_cache(maxsize=1)
def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(glyphs → letter, letter → glyphs). Capital bases with lower-case marks are read too."""
    decode: dict[str, str] = {}
    encode: dict[str, str] = {}
    for letter, glyphs, _bytes in _tsv_rows("vni.tsv"):
        decode[glyphs] = letter
        encode[letter] = glyphs
        if len(glyphs) == 2:  # "Aù": a capital typed with the lower-case mark still means Á
            decode.setdefault(glyphs[0] + glyphs[1].lower(), letter)
            decode.setdefault(glyphs[0].lower() + glyphs[1].upper(), letter.lower())
    return decode, encode


_VNI_MARKS = "ùøûõïâáàåãäêéèúüë"
_VNI_SINGLES = "íìæóòîñôö"
_VNI_RE = re.compile(
    "[aeouyôöAEOUYÔÖ][" + _VNI_MARKS + _VNI_MARKS.upper() + "]|[" + _VNI_SINGLES + _VNI_SINGLES.upper() + "]"
)


def vni_from_glyphs(glyphs: str) -> str:
    """VNI text as Windows-1252 shows it → Unicode: a base letter and its mark characters become one."""
    table = _vni_tables()[0]

    def compose(m: re.Match[str]) -> str:
        seq = m.group()
        letter = table.get(seq)
        if letter is not None:
            return letter
        if len(seq) == 2:  # not a VNI pair ("uâ"): read the base alone, keep the odd mark
            return table.get(seq[0], seq[0]) + seq[1]
        return seq

    return _VNI_RE.sub(compose, glyphs)


# TCVN3 case repair. Capitals with tone marks have no ABC code: a capitals font drew the lower-case
# code as a capital, so "ĐẠI HỘI" arrives as "Đại HộI". Some converters instead write the capital's
# base letter before the lower-case code ("A¸" for "Á").
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_VOWEL_BASES = "aăâeêioôơuưy"
_TONED_LOWER = "".join(unicodedata.normalize("NFC", v + t) for v in _VOWEL_BASES for t in _TONE_MARKS)
_BASE_PLUS_TONED = re.compile("[AĂÂEÊIOÔƠUƯY][" + _TONED_LOWER + "]")
_BASE_OF = {c: unicodedata.normalize("NFC", "".join(
    ch for ch in unicodedata.normalize("NFD", c) if ch not in _TONE_MARKS)) for c in _TONED_LOWER}
_CAPITALS = "A-ZĂÂÊÔƠƯĐ"  # the capitals ABC has codes for
# A word made of capitals and toned lower-case letters, with at least one of the latter: "HộI", "§é".
# (Possessive: the run is taken whole or not at all, so no input can make it backtrack for long.)
_CAPS_WORD = re.compile(
    f"(?<![^\\W\\d_])(?=[{_CAPITALS}]*[{_TONED_LOWER}])[{_CAPITALS}{_TONED_LOWER}]++(?![^\\W\\d_])")
_LOWER_WITH_CODE = re.compile("[a-zăâêôơưđ]")  # lower-case letters that have a capital code
_HAS_TONED_LOWER = re.compile("[" + _TONED_LOWER + "]")
_TWO_CAPITALS = re.compile(f"[{_CAPITALS}][^\\W\\d_]*[{_CAPITALS}]")  # within one word
_LAST_WORD = re.compile(r"([^\W\d_]+)\W*$")
_FIRST_WORD = re.compile(r"^\W*([^\W\d_]+)")


def _all_caps(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _restore_tcvn3_capitals(text: str) -> str:
    """Capitals drawn with lower-case codes become capitals again, judged by the word or its line."""

    def merge(m: re.Match[str]) -> str:
        cap, toned = m.group()
        return toned.upper() if _BASE_OF[toned] == cap.lower() else cap + toned

    text = _BASE_PLUS_TONED.sub(merge, text)
    if not _HAS_TONED_LOWER.search(text):
        return text

    def word(m: re.Match[str]) -> str:
        w = m.group()
        return w.upper() if sum(1 for ch in w if ch.isupper()) >= 2 else w

    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not _HAS_TONED_LOWER.search(line):
            continue
        if not _LOWER_WITH_CODE.search(line) and _TWO_CAPITALS.search(line):
            lines[i] = line.upper()  # a headline in capitals ("ĐạI HộI"): every word is
            continue
        line = _CAPS_WORD.sub(word, line)
        # "Bộ" between "ĐẢNG" and "TỈNH": one capital and a toned letter, read with its neighbours
        parts, last = [], 0
        for m in _CAPS_WORD.finditer(line):
            w = m.group()
            if not w[0].isupper() or w.isupper():
                continue
            before = _LAST_WORD.search(line[max(0, m.start() - 40):m.start()])
            after = _FIRST_WORD.search(line[m.end():m.end() + 40])
            if (before and _all_caps(before.group(1))) and (after is None or _all_caps(after.group(1))) or (
                    after and _all_caps(after.group(1)) and before is None):
                parts += [line[last:m.start()], w.upper()]
                last = m.end()
        lines[i] = "".join(parts) + line[last:]
    return _capitalise_sentences(lines)


# A sentence starts with a capital: after a full stop within a line, or at the start of a line
# that begins a paragraph (not a hard-wrapped continuation).
_SENTENCE_START = re.compile(f"([.!?…][\"”’)]?\\s+)([{_TONED_LOWER}])")
_LINE_START = re.compile(f"^([\\s(\\[\"“‘'*•–-]*)([{_TONED_LOWER}])")
_ENDS_SENTENCE = re.compile("[.!?…][\"”’)]?\\s*$")


def _capitalise_sentences(lines: list[str]) -> str:
    def up(m: re.Match[str]) -> str:
        return m.group(1) + m.group(2).upper()

    previous = ""
    for i, line in enumerate(lines):
        if _HAS_TONED_LOWER.search(line):
            if not previous.strip() or _ENDS_SENTENCE.search(previous):
                line = _LINE_START.sub(up, line, count=1)
            lines[i] = _SENTENCE_START.sub(up, line)
        previous = line
    return "\n".join(lines)


def tcvn3_from_bytes(raw: bytes, *, vn1: bool = False) -> str:
    abc, vn1_table, _ = _tcvn3_tables()
    return _restore_tcvn3_capitals(codecs.charmap_decode(raw, "strict", vn1_table if vn1 else abc)[0])


def encode_legacy(text: str, encoding: str) -> bytes:
    """Unicode → the bytes an old Windows tool wrote in `encoding` ("tcvn3" or "vni").

    The inverse of the tables, used to write fixtures. TCVN3 writes a capital with a tone mark with
    its lower-case code (what the ABC capitals fonts did); characters a table lacks raise ValueError.
    """
    text = unicodedata.normalize("NFC", text)
    out = bytearray()
    if encoding == "tcvn3":
        table = _tcvn3_tables()[2]
        used = {code[0] for code in table.values()}
        for ch in text:
            code = ch.encode("ascii") if ch.isascii() else table.get(ch) or table.get(ch.lower())
            if code is None:
                code = glyphs_to_bytes(ch)  # punctuation the ABC fonts kept from Windows-1252
                if code is None or code[0] in used or code[0] < 0x80:
                    raise ValueError(f"TCVN3 has no code for {ch!r}")
            out += code
        return bytes(out)
    if encoding == "vni":
        table = _vni_tables()[1]
        for ch in text:
            code = glyphs_to_bytes(table.get(ch, ch))
            if code is None or (ch not in table and not ch.isascii()):
                raise ValueError(f"VNI has no code for {ch!r}")
            out += code
        return bytes(out)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


# --- how Vietnamese a text reads -----------------------------------------------------------------

_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
# Vowel groups that take a final consonant, and those that end the syllable themselves.
_OPEN_NUCLEI = "a ă â e ê i o ô ơ u ư y iê oa oă oe oo uâ uê uô uơ ươ uy yê uyê"
_CLOSED_NUCLEI = ("ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu ya iêu oai oao oay oeo uây uôi ươi "
                  "ươu uya uyu yêu")


def _alternation(words: str) -> str:
    return "|".join(sorted(words.split(), key=len, reverse=True))


_SYLLABLE = re.compile(
    f"(?:{_INITIALS})?(?:(?:{_alternation(_OPEN_NUCLEI)})(ch|ng|nh|[cmnpt])?|(?:{_alternation(_CLOSED_NUCLEI)}))")
_STOP_TONES = {"\u0301", "\u0323"}  # syllables ending in c, ch, p, t take only sắc or nặng
_PUNCT = "\"'()[]{}<>.,;:!?…“”‘’«»–—-_/\\|*•·+=%$#@&^~`"


@lru_cache(maxsize=16384)
def is_syllable(word: str) -> bool:
    """A single Vietnamese syllable (any case, any tone), by its spelling rules."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    m = _SYLLABLE.fullmatch(bare)
    if m is None:
        return False
    if m.group(1) in ("c", "ch", "p", "t") and (not tones or tones[0] not in _STOP_TONES):
        return False
    return True


SAMPLE_CHARS = 48_000
MAX_SCORED_WORDS = 3000


def sample(text: str) -> str:
    """Head, middle and tail of a long text: enough to judge an encoding, bounded in cost."""
    if len(text) <= SAMPLE_CHARS:
        return text
    third = SAMPLE_CHARS // 3
    mid = len(text) // 2
    return "\n".join((text[:third], text[mid:mid + third], text[-third:]))


@lru_cache(maxsize=1)
def common_syllables() -> frozenset[str]:
    words: set[str] = set()
    with open(DATA_DIR / "common_syllables.txt", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                words.update(unicodedata.normalize("NFC", line).lower().split())
    return frozenset(words)


@lru_cache(maxsize=16384)
def word_score(word: str) -> int:
    """0 not a syllable (or mixed case, "bƯ"), 1 a well-formed syllable, 2 a frequent one."""
    if not (word.islower() or word.isupper() or word[:1].isupper() and word[1:].islower()):
        return 0
    if not is_syllable(word):
        return 0
    return 2 if word.lower() in common_syllables() else 1


def vietnamese_score(text: str) -> tuple[float, int]:
    """(how Vietnamese the non-ASCII words read, from 0 to 1; how many such words were looked at).

    A well-formed syllable counts half, a frequent one fully.
    """
    points = total = 0
    for token in text.split():
        if token.isascii():
            continue
        for word in token.strip(_PUNCT).split("-"):
            if not word or word.isascii():
                continue
            total += 1
            points += word_score(word)
        if total >= MAX_SCORED_WORDS:
            break
    return (points / (2 * total) if total else 0.0), total


# --- binary files ----------------------------------------------------------------------------

_MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"PK\x03\x04", "ZIP/DOCX"),
    (b"\xd0\xcf\x11\xe0", "Word/Excel 97-2003"),
    (b"{\\rtf", "RTF"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7z"),
    (b"\x7fELF", "ELF"),
    (b"MZ", "Windows EXE"),
    (b"RIFF", "RIFF media"),
    (b"ID3", "MP3"),
)
# TCVN 5712 VN1 puts some capitals on control codes; everything else below 0x20 but tab and line
# breaks is a sign of a binary file.
_VN1_CONTROLS = bytes([0x01, 0x02, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17])
_OTHER_CONTROLS = bytes(b for b in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F] if b not in _VN1_CONTROLS)
_CONTROLS = _OTHER_CONTROLS + _VN1_CONTROLS


def _binary_reason(raw: bytes) -> str | None:
    for magic, name in _MAGIC:
        if raw.startswith(magic):
            if name == "Windows EXE" and len(raw) < 64:
                continue  # "MZ" can begin a short text
            return f"tệp nhị phân {name}, không phải văn bản (binary file: {name})"
    if b"\x00" in raw:
        return "tệp nhị phân, có byte NUL (binary file: NUL bytes)"
    if len(raw.translate(None, _CONTROLS)) == len(raw):
        return None  # no control byte at all (nearly every file): one pass instead of two
    other = len(raw) - len(raw.translate(None, _OTHER_CONTROLS))
    vn1 = len(raw) - len(raw.translate(None, _VN1_CONTROLS))
    if other > max(2, len(raw) // 100) or vn1 > max(4, len(raw) // 20):
        return "tệp nhị phân, nhiều ký tự điều khiển (binary file: control bytes)"
    return None


# --- Unicode files -------------------------------------------------------------------------------


def _unicode(raw: bytes) -> tuple[str, str] | None:
    """The text when the bytes are Unicode (BOM, UTF-16 without BOM, strict UTF-8), else None."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return raw.decode("utf-32", errors="replace"), "utf-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "utf-16"
    if len(raw) >= 8 and len(raw) % 2 == 0:
        head = raw[:4096]
        even, odd = head[0::2].count(0), head[1::2].count(0)
        half = len(head) // 2
        if odd > half * 0.4 and even < half * 0.05:
            return raw.decode("utf-16-le", errors="replace"), "utf-16"
        if even > half * 0.4 and odd < half * 0.05:
            return raw.decode("utf-16-be", errors="replace"), "utf-16"
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return None


# --- mojibake: legacy or UTF-8 bytes misread as Windows-1252 and saved as UTF-8 --------------------

_REPAIRS = ("tcvn3", "tcvn3-vn1", "vni", "utf-8", "cp1258")
MIN_GAIN = 0.15     # a repair must read clearly better than the text as it is...
MIN_SHARE = 0.45    # ...and read as Vietnamese itself (well-formed words count 0.5, frequent ones 1)


def _repair_glyphs(glyphs: str, kind: str) -> str | None:
    raw = glyphs_to_bytes(glyphs)
    if raw is None:
        return None
    if kind == "vni":
        return unicodedata.normalize("NFC", vni_from_glyphs(glyphs))
    if kind == "cp1258":
        return unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))
    if kind == "utf-8":
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return tcvn3_from_bytes(raw, vn1=kind == "tcvn3-vn1")


_CP1252_CLASS = "\x00-\x09\x0b-\xff" + re.escape(_CP1252_HIGH)
# A line made only of what Windows-1252 can show, with at least one character beyond ASCII.
_SUSPECT_LINE = re.compile(
    f"^(?=[\x00-\x09\x0b-\x7f]*+[{re.escape(_CP1252_HIGH)}\x80-\x9f])[{_CP1252_CLASS}]*+$", re.M)


def _suspect_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines _SUSPECT_LINE matches. Tried at each line's start: a search would try
    its `^` at every character of the text."""
    spans = []
    start = 0
    while start >= 0:
        m = _SUSPECT_LINE.match(text, start)
        if m:
            spans.append(m.span())
        start = text.find("\n", start)
        if start >= 0:
            start += 1
    return spans


def _repair_mojibake(text: str, encoding: str) -> tuple[str, str]:
    if not _HAS_HIGH_GLYPH.search(text):
        return text, encoding
    suspects = _suspect_lines(text)
    if not suspects:
        return text, encoding
    probe = sample("\n".join(text[a:b] for a, b in suspects))
    plain, _ = vietnamese_score(probe)
    if plain + MIN_GAIN > 1.0:
        return text, encoding  # reads as Vietnamese already: no repair (a share is at most 1.0) can read clearly better
    best_kind, best_share = None, 0.0
    for kind in _REPAIRS:
        repaired = _repair_glyphs(probe, kind)
        if repaired is None:
            continue
        share, words = vietnamese_score(repaired)
        if words and share > best_share:
            best_kind, best_share = kind, share
    if best_kind is None or best_share < MIN_SHARE or best_share < plain + MIN_GAIN:
        return text, encoding
    # Mixed files (a headline retyped in Unicode over a pasted body): repair only the lines that
    # read better repaired. A file that is mojibake throughout is repaired line for line.
    mixed = _NOT_CP1252.search(text) is not None
    parts, last = [], 0
    for a, b in suspects:
        line = text[a:b]
        repaired = _repair_glyphs(line, best_kind)
        if repaired is None or (mixed and vietnamese_score(repaired)[0] <= vietnamese_score(line)[0]):
            continue
        parts += [text[last:a], repaired]
        last = b
    return "".join(parts) + text[last:], best_kind.replace("-vn1", "") + "-mojibake"


# --- legacy single-byte files ------------------------------------------------------------------

MIN_LEGACY_SHARE = 0.2  # below this, with enough words, no encoding we know reads the file


def _utf8_lenient(raw: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated copy, one stray legacy byte) is still UTF-8."""
    text = raw.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    return text if broken * 20 < sum(1 for ch in sample(text) if ord(ch) > 0x7F) else None


# Every reading of bytes that are not strict UTF-8, preferred first when two read equally well.
_LEGACY_READERS = (
    ("utf-8", _utf8_lenient),
    ("cp1258", lambda raw: unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))),
    ("tcvn3", tcvn3_from_bytes),
    ("vni", lambda raw: unicodedata.normalize("NFC", vni_from_glyphs(bytes_to_glyphs(raw)))),
    ("tcvn3", lambda raw: tcvn3_from_bytes(raw, vn1=True)),
)


def _legacy(raw: bytes) -> tuple[str, str] | Rejection:
    third = SAMPLE_CHARS // 3
    probe = raw if len(raw) <= SAMPLE_CHARS else b"\n".join(
        (raw[:third], raw[len(raw) // 2:len(raw) // 2 + third], raw[-third:]))
    best: tuple[float, int, int, str | None] = (-1.0, 0, 0, None)
    for index, (name, reader) in enumerate(_LEGACY_READERS):
        text = reader(probe)
        if text is None:
            continue
        share, words = vietnamese_score(text)
        if share > best[0]:
            best = (share, words, index, text)
    share, words, index, text = best
    name, reader = _LEGACY_READERS[index]
    if words >= 10 and share < MIN_LEGACY_SHARE:
        return Rejection(
            "không nhận ra bảng mã: không cách đọc nào (UTF-8, Windows-1258, TCVN3, VNI) cho ra tiếng Việt "
            f"(undecodable: best reading {name}, {share:.0%} valid Vietnamese words)"
        )
    full = text if probe is raw else reader(raw)
    if full is None:  # the sample read as UTF-8 but the whole file has too many broken bytes
        full = _LEGACY_READERS[1][1](raw)
        name = "cp1258"
    return full, name


# --- normalising ---------------------------------------------------------------------------------

_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_BREAKS = "\x0b\x0c\x85\u2028\u2029"
# zero-width characters, BOMs, soft hyphens, bidirectional controls, other control characters
_DROP = ("\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064"
         "\u2066-\u2069\ufeff\ufff9-\ufffb")
_SPECIAL = re.compile(f"[{_SPACES}{_BREAKS}{_DROP}]")
_FIXES = {**{ch: " " for ch in _SPACES}, **{ch: "\n" for ch in _BREAKS}}


def normalise(text: str) -> str:
    """NFC, LF line ends, ordinary spaces; invisible characters dropped (after any mojibake repair).

    One scan finds whether anything needs fixing: most files need nothing but NFC. Every character
    the pattern fixes is one str.isprintable() refuses, and that test costs a fraction of the pattern's
    scan (a class test at every character), so the pattern only looks when something is not printable.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.replace("\n", " ").isprintable() and _SPECIAL.search(text):
        text = _SPECIAL.sub(lambda m: _FIXES.get(m.group(), ""), text)
    return unicodedata.normalize("NFC", text)


def decode(raw: bytes) -> Decoded | Rejection:
    """The text of an input file and the encoding found, or why it is not text."""
    if not raw:
        return Rejection("tệp rỗng (empty file)")
    unicode = _unicode(raw)
    if unicode is None or unicode[1] == "utf-8":
        reason = _binary_reason(raw)
        if reason:
            return Rejection(reason)
    if unicode is None:
        legacy = _legacy(raw)
        if isinstance(legacy, Rejection):
            return legacy
        text, encoding = legacy
    else:
        text, encoding = _repair_mojibake(*unicode)
        if encoding in ("utf-16", "utf-32"):
            reason = _binary_reason(text.encode("utf-8", errors="replace"))
            if reason:
                return Rejection(reason)
    text = normalise(text)
    if not text.strip():
        return Rejection("tệp chỉ có khoảng trắng (whitespace only)")
    return Decoded(text, encoding)
