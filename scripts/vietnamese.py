"""Small tools for Vietnamese text: folding, collation, slugs, tone placement.

Pure functions, no I/O; used by the converter (slugs, unit keys) and the portal (sorting).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


# --- folding ---------------------------------------------------------------------------------

_D_FOLD = str.maketrans({"đ": "d", "Đ": "D"})
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower-case ASCII-ish form for matching: tone and vowel marks dropped, đ → d.

    đ has no Unicode decomposition, so NFD alone would keep it; hence the explicit map.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_FOLD))
    return _COMBINING.sub("", decomposed).lower()


def fold_d(text: str) -> str:
    """Only đ → d, Đ → D: a length-preserving fold (positions in the result match the original)."""
    return text.translate(_D_FOLD)


# --- collation -------------------------------------------------------------------------------

# The contract's alphabet; f, j, w, z (loan words) take their Latin places.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: 100 + i for i, letter in enumerate(_ALPHABET)}
# Tone order as dictionaries use it: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_QUALITY_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


@lru_cache(maxsize=4096)
def _char_key(ch: str) -> tuple[int, int]:
    """(primary rank, tone rank) for one character."""
    lower = ch.lower()
    if lower in ("đ",):
        return _LETTER_RANK["đ"], 0
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]
    quality = "".join(m for m in marks if m in _QUALITY_MARKS)
    tone = next((m for m in marks if m in _TONE_RANK), "")
    letter = unicodedata.normalize("NFC", base + quality)
    if letter in _LETTER_RANK:
        return _LETTER_RANK[letter], _TONE_RANK[tone]
    if ch.isspace():
        return 0, 0
    if ch.isdigit():
        return 50 + int(ch) if ch.isascii() else 60, 0
    return 1 + (ord(ch) % 40), 0  # punctuation: before digits and letters, stable


def sort_key(text: str) -> tuple:
    """Vietnamese dictionary order: letters by the contract's alphabet, tone marks only break ties.

    "Đ" sorts right after "D", "Ă"/"Â" after "A"; case never decides before the letters do.
    """
    text = unicodedata.normalize("NFC", text.strip())
    primary, tones = zip(*map(_char_key, text)) if text else ((), ())
    return primary, tones, text


# --- tone placement --------------------------------------------------------------------------

# Old style puts the tone on the second vowel of open "oa", "oe", "uy" ("hoà", "uỷ"); the new
# style on the first ("hòa", "ủy"). Only at the end of a syllable: "hoàng" is the same in both.
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_OLD_STYLE = re.compile(r"(?i)([oO][aAeE]|[uU][yY])([\u0300\u0301\u0309\u0303\u0323])(?![^\W\d_])")


@lru_cache(maxsize=65536)  # unit names and keys: the same few thousand in every article and build
def new_style_tones(text: str) -> str:
    """"uỷ" → "ủy", "hoà" → "hòa": one spelling per word, so the same name groups as one."""
    decomposed = unicodedata.normalize("NFD", text)
    if not any(t in decomposed for t in _TONES):
        return text
    fixed = _OLD_STYLE.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], decomposed)
    return unicodedata.normalize("NFC", fixed)


# --- slugs -----------------------------------------------------------------------------------


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII slug from Vietnamese text (đ → d, marks dropped), cut at a word boundary, words kept in order."""
    slug = _NOT_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug.strip("-") or "bai-viet"


# --- letter classes for regular expressions ----------------------------------------------------
# Python's `re` has no \p{Lu}; "À-Ỹ" would also take lower-case letters, which sit in between.
UPPER = "".join(chr(i) for i in range(0x41, 0x1F00) if chr(i).isalpha() and chr(i).isupper())
LOWER = "".join(chr(i) for i in range(0x61, 0x1F00) if chr(i).isalpha() and chr(i).islower())
