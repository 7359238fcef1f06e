"""Shared fixtures: the real site, built once per test session from the sample content and the seeds."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CONTENT = ROOT / "content"


def build_site(content: Path, out: Path, *, site_url: str | None = None, strict: bool = True) -> Path:
    """Convert `content` into out/docs and build out/site with the project's mkdocs.yml; return out.

    Runs the same commands `make site` runs, in subprocesses, so the tests see what users get.
    """
    docs, site = out / "docs", out / "site"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "scripts.convert", str(content), str(docs),
                    "--report", str(out / "report.json")], cwd=ROOT, check=True)
    env = dict(os.environ, PORTAL_DOCS_DIR=str(docs), PORTAL_REPORT=str(out / "report.json"),
               NO_MKDOCS_2_WARNING="1")
    if site_url is not None:
        env["PORTAL_SITE_URL"] = site_url
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    if strict:
        cmd.append("--strict")
    subprocess.run(cmd, cwd=ROOT, check=True, env=env)
    return out


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """out/ with docs/, site/ and report.json built from content/."""
    return build_site(CONTENT, tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return build_site(SEEDS, tmp_path_factory.mktemp("seeds"))
