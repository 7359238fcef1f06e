"""Sites built from the hand-written corpus (tests/site/corpus.py), without the converter."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.site.corpus import fixture_articles, write_docs

SITE_URL = "https://example.org/dai-hoi/"


def mkdocs_build(docs: Path, site: Path, *, site_url: str | None = None, report: Path | None = None,
                 strict: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build` of the project's mkdocs.yml on `docs`, output captured for the log checks."""
    env = dict(os.environ, PORTAL_DOCS_DIR=str(docs), NO_MKDOCS_2_WARNING="1")
    env.pop("PORTAL_SITE_URL", None)
    if site_url:
        env["PORTAL_SITE_URL"] = site_url
    env["PORTAL_REPORT"] = str(report) if report else str(docs.parent / "no-report.json")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)] + (["--strict"] if strict else [])
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """out/ with docs/, site/ (site_url set) and build.log; a report lists one rejected input."""
    out = tmp_path_factory.mktemp("corpus")
    write_docs(out / "docs", fixture_articles())
    report = out / "report.json"
    report.write_text(json.dumps({"files": [
        {"source": "menu-trang-chu.txt", "status": "rejected", "output": None,
         "reason": "không phải bài viết (danh sách liên kết)", "warnings": [], "duplicate_of": None},
        {"source": "dai-hoi.txt", "status": "converted", "output": "bai-viet/x.md", "reason": None,
         "warnings": [], "duplicate_of": None},
    ]}, ensure_ascii=False), encoding="utf-8")
    result = mkdocs_build(out / "docs", out / "site", site_url=SITE_URL, report=report)
    (out / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def corpus_site_without_url(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus-bare")
    write_docs(out / "docs", fixture_articles())
    result = mkdocs_build(out / "docs", out / "site")
    (out / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return out
