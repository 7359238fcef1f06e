"""Bytes → NFC text and the name of the encoding found.

PLACEHOLDER: handles UTF-8 (with or without BOM) and UTF-16 with BOM only. The robust-input
work (legacy TCVN3/VNI tables, cp1258, mojibake repair, binary detection) replaces it.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .model import Rejection


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(raw: bytes) -> Decoded | Rejection:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text, enc = raw.decode("utf-16"), "utf-16"
    else:
        try:
            text, enc = raw.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            return Rejection("không giải mã được (undecodable bytes)")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return Decoded(text, enc)
