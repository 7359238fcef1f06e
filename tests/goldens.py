"""Golden files: each sample article's full expected output, `tests/samples/NAME.expected.md`.

`python -m tests.goldens` rewrites them from the converter's current output; run it only when a change
to the reader is meant, then review `git diff tests/samples` line by line before committing.
"""
from __future__ import annotations

import sys
from pathlib import Path

from scripts.model import Rejection
from scripts.pipeline import read_article
from scripts.render import render
from scripts.settings import load_settings

SAMPLES = Path(__file__).parent / "samples"


def expected_path(sample: Path) -> Path:
    return sample.with_name(sample.stem + ".expected.md")


def converted(sample: Path) -> str | None:
    """What the converter makes of one sample (None for a rejected one), without the CLI's manifest."""
    article = read_article(sample.read_bytes(), sample.name, load_settings())
    return None if isinstance(article, Rejection) else render(article)


def main() -> int:
    for sample in sorted(SAMPLES.glob("*.txt")):
        text = converted(sample)
        if text is not None:
            expected_path(sample).write_text(text, encoding="utf-8")
            print("wrote", expected_path(sample).name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
