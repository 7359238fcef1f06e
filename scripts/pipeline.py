"""One raw article in, one `Article` (or a `Rejection`) out: the converter's steps, in order.

decode → clean → extract. Pure: no file access, so it runs the same in a worker process, a hook
or a test.
"""
from __future__ import annotations

import hashlib

from . import clean, decode, extract
from .model import Article, Rejection
from .settings import Settings


def read_article(raw: bytes, source: str, settings: Settings) -> Article | Rejection:
    """`source` is the input's path relative to the input folder, with `/`."""
    decoded = decode.decode(raw)
    if isinstance(decoded, Rejection):
        return decoded
    page = clean.clean(decoded.text, settings, spaces_plain=True)  # decode made every space plain
    if isinstance(page, Rejection):
        return page
    return extract.extract_article(
        page,
        settings,
        source_file=source,
        source_sha256=hashlib.sha256(raw).hexdigest(),
        source_encoding=decoded.encoding,
    )
