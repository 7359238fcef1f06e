"""The page around an article weighs the same at 10 and at 1,000 articles, and stays under 40 KB.

Material copies the nav into every page: an article in the nav would make every page grow with
the site. The 1,000 articles are written straight as small Markdown files (no converter): cheap.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.site import htmltools as h
from tests.site.conftest import mkdocs_build

AROUND_LIMIT = 40 * 1024
PROBE = "bai-viet/mau-0/"


def synthetic_article(i: int, *, probe: bool) -> str:
    """Front matter with the contract's keys that listings use, and a two-paragraph body."""
    if probe:  # the same ten articles in both sites: one unit, one term, one document
        unit, term, year = "Chi bộ Mẫu Sơn", "2020-2025", 2020
    else:
        unit, term, year = f"Đảng bộ xã Thử Nghiệm {i % 97}", f"{2000 + 5 * (i % 4)}-{2005 + 5 * (i % 4)}", 2010 + i % 13
    date = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    meta = {
        "title": f"Bài thử số {i} về đại hội", "date": date, "event_date": None, "year": year,
        "unit": unit, "unit_key": unit, "unit_level": "chi bộ" if probe else "đảng bộ cơ sở",
        "province": None, "terms": [term], "congress_number": None, "congresses": [],
        "author": None, "author_note": None,
        "documents": [{"type": "Kế hoạch", "ref": f"{1 + i % 7}-KH/ĐU", "date": None, "issuer": None}],
        "people": [], "captions": [], "views": None, "summary": f"Tóm tắt bài thử số {i}.",
        "slug": f"mau-{i}" if probe else f"bai-thu-{i}", "source_file": f"thu/{i}.txt",
        "source_sha256": "0" * 64, "source_encoding": "utf-8", "warnings": [], "overrides": [],
    }
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()]
    body = f"Nội dung bài thử số {i}, đoạn một.\n\nĐoạn hai của bài thử số {i}."
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


def build_synthetic(out: Path, n: int) -> Path:
    docs = out / "docs" / "bai-viet"
    docs.mkdir(parents=True)
    for i in range(n):
        probe = i < 10
        name = f"mau-{i}" if probe else f"bai-thu-{i}"
        (docs / f"{name}.md").write_text(synthetic_article(i, probe=probe), encoding="utf-8")
    mkdocs_build(out / "docs", out / "site")
    return out / "site"


def around(html: str) -> int:
    """Bytes of the page minus the article's own text (the body block)."""
    start = html.index('<div class="portal-body">')
    end = html.index("</div>", start)
    return len(html.encode("utf-8")) - len(html[start:end].encode("utf-8"))


@pytest.fixture(scope="module")
def small_and_large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return (build_synthetic(tmp_path_factory.mktemp("w10"), 10),
            build_synthetic(tmp_path_factory.mktemp("w1000"), 1000))


def test_the_page_around_an_article_weighs_the_same_at_10_and_1000_articles(small_and_large):
    small, large = small_and_large
    a = h.page_file(small, PROBE).read_text(encoding="utf-8")
    b = h.page_file(large, PROBE).read_text(encoding="utf-8")
    assert around(a) == around(b)
    assert around(b) < AROUND_LIMIT


def test_the_large_site_lists_all_its_articles_on_paginated_listings(small_and_large):
    _, large = small_and_large
    # 1,000 articles in 13 years: the busiest year needs two pages of 50
    assert (large / "nam" / "2012" / "trang-2" / "index.html").is_file()
    assert h.links_to(large, "nam/2012/", "bai-viet/bai-thu-990/")
