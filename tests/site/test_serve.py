"""`mkdocs serve` (what `make serve` runs): an edited content/ file reaches the preview, listings too."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import CONTENT, ROOT

WAIT = 90  # seconds, for the first build and for the rebuild; the loop stops as soon as it sees it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and needle in page:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("watch", ["events", "polling"])
def test_an_edited_content_file_is_converted_again_and_the_preview_follows(tmp_path: Path, watch: str):
    content, docs, report = tmp_path / "content", tmp_path / "docs", tmp_path / "report.json"
    shutil.copytree(CONTENT, content)
    subprocess.run([sys.executable, "-m", "scripts.convert", str(content), str(docs), "--report", str(report)],
                   cwd=ROOT, check=True, capture_output=True)
    entry = next(x for x in json.loads(report.read_text(encoding="utf-8"))["files"]
                 if x["status"] == "converted" and not x["warnings"])
    url = entry["output"].removesuffix(".md") + "/"
    port = _free_port()
    env = dict(os.environ, PORTAL_DOCS_DIR=str(docs), PORTAL_CONTENT_DIR=str(content),
               PORTAL_REPORT=str(report), NO_MKDOCS_2_WARNING="1", PORTAL_SERVE_WATCH=watch)
    env.pop("PORTAL_SITE_URL", None)
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload",
                               "-a", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        base = f"http://127.0.0.1:{port}/"
        assert _wait_for(base + url, "portal-body", WAIT), (tmp_path / "serve.log").read_text()
        source = content / entry["source"]
        text = source.read_text(encoding="utf-8")
        marker = "Đoạn bổ sung KIỂMTRAXEMTRƯỚC của biên tập viên."
        # the new paragraph goes before the byline and footer: after the article's first paragraph
        lines = text.split("\n")
        first_blank = next(i for i, line in enumerate(lines) if i > 3 and not line.strip())
        lines.insert(first_blank, "\n" + marker)
        started = time.monotonic()
        source.write_text("\n".join(lines), encoding="utf-8")
        assert _wait_for(base + url, "KIỂMTRAXEMTRƯỚC", WAIT), (tmp_path / "serve.log").read_text()
        elapsed = time.monotonic() - started
        # the listings were rebuilt with it: its year page (or the undated one) still lists it
        meta = (docs / entry["output"]).read_text(encoding="utf-8")
        year = next((line.split(":", 1)[1].strip() for line in meta.splitlines() if line.startswith("year:")), "null")
        listing = f"nam/{year}/" if year not in ("null", "") else "nam/chua-ro/"
        # (asked until it shows: with polling a second rebuild may be rewriting the page just then)
        assert _wait_for(base + listing, "../../" + url, 10), (tmp_path / "serve.log").read_text()
        assert elapsed < WAIT
        # with file events, one rebuild for one save: neither the converter's staging files nor the
        # build's own reading of docs/ start another (reading a file is an event too); polling may
        # see the converter's writes at two looks
        time.sleep(3)
        served = (tmp_path / "serve.log").read_text()
        rebuilds = served.count("Documentation built") - 1
        assert rebuilds == 1 if watch == "events" else 1 <= rebuilds <= 2, served
        assert ("Watching through file events" in served) == (watch == "events")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
