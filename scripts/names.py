"""People's names in Vietnamese text: who is a person, and who is named with a role.

Family names, role words and words that are never names come from `scripts/data/people.yml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .settings import Settings
from .vietnamese import LOWER, UPPER

# A word of a person's name: also "Y" and "H'Lan" (names of the Central Highlands' peoples).
NAME_WORD = rf"[{UPPER}](?:'[{UPPER}])?[{LOWER}]*"
_INITIALS = re.compile(rf"^(?:[{UPPER}]\.\s?){{1,3}}[{UPPER}][{UPPER}{LOWER}]*\.?$")  # "T.H", "N.V.A", "Q.HUY"
# Titles written before a byline name: "TS. Hoàng Minh Đức", "ThS. ...", "Đại tá ...".
_NAME_TITLE = re.compile(r"^(?:(?:PGS|GS|TS|ThS|NCS|BS|KS|CN|LS)\.\s*)+|^(?:Nhà báo|Đại tá|Thượng tá|Trung tá|Thiếu tá)\s+")
_NAME_WORD = re.compile(NAME_WORD)
_NAMES_SPLIT = re.compile(r"\s+[-–—&]\s+|\s*,\s*|\s+và\s+|\s*/\s*")


@dataclass(frozen=True, eq=False)  # hashed by identity: a cache key
class NameRules:
    surnames: frozenset[str]
    not_names: frozenset[str]
    role: re.Pattern[str]
    # the same, case-sensitive, for lower-cased text (None when the data's pattern is not written in lower
    # case): without IGNORECASE the regex engine only tries where a role's first letter stands
    role_lower: re.Pattern[str] | None
    role_at_start: re.Pattern[str]  # a "name" that is really a title ("Phó Bí thư")
    role_after: re.Pattern[str]     # ", Bí thư Huyện ủy" right after a name
    middle_names: frozenset[str]
    not_first: frozenset[str]

    def is_title_word(self, word: str) -> bool:
        """"Ông", "Phó", "TS": a word of a title, not of a name (cached: names repeat in an article)."""
        return _title_word(self, word)
    name_run: re.Pattern[str]    # two to seven capitalised words in a row: where people's names are


@lru_cache(maxsize=65536)
def _title_word(r: "NameRules", word: str) -> bool:
    return r.role_at_start.fullmatch(word) is not None


@lru_cache(maxsize=8)
def rules(settings: Settings) -> NameRules:
    data = settings.people
    surnames = frozenset(data.get("surnames") or [])
    return NameRules(
        surnames=surnames,
        not_names=frozenset(data.get("not_names") or []),
        role=re.compile(data.get("roles") or r"(?!x)x", re.IGNORECASE),
        role_lower=re.compile(data["roles"]) if data.get("roles") and data["roles"] == data["roles"].lower() else None,
        middle_names=frozenset(data.get("middle_names") or []),
        not_first=frozenset(data.get("not_first") or []),
        role_after=re.compile(rf"\s*[,–-]\s*(?:nguyên\s+)?(?:{data.get('roles') or '(?!x)x'})", re.IGNORECASE),
        role_at_start=re.compile(rf"(?:{data.get('roles') or '(?!x)x'})(?![\w])", re.IGNORECASE),
        # the first word has a lower-case letter, so a run never starts inside "TS" or "UBND"
        name_run=re.compile(rf"[{UPPER}](?:'[{UPPER}])?[{LOWER}]+(?:\s+{NAME_WORD}){{1,6}}(?![\w'])"),
    )


def is_name(text: str, settings: Settings) -> bool:
    """A byline name: "Ma Việt Dũng", "Mai Lan", "NGUYỄN VĂN A", "T.H"; not an office or a sentence."""
    text = _NAME_TITLE.sub("", text.strip(" ."))
    if _INITIALS.match(text.replace(" ", "")):
        return True
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    r = rules(settings)
    if any(t in r.not_names or t.capitalize() in r.not_names for t in tokens) or tokens[0].capitalize() in r.not_first:
        return False
    if all(t.isupper() and t.isalpha() for t in tokens):
        return True
    return all(_NAME_WORD.fullmatch(t) for t in tokens) and any(len(t) > 1 for t in tokens)


def is_names(text: str, settings: Settings) -> bool:
    """One name or several joined: "Mai Lan - Đức Lam", "Hà Anh, Minh Khôi", "T.H - M.L"."""
    parts = [x for x in _NAMES_SPLIT.split(text.strip(" .")) if x]
    return bool(parts) and all(is_name(x, settings) for x in parts)
