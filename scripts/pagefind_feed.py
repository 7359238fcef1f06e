"""Indexes the site's search bundles with Pagefind while the site is still being built.

The build writes each article page, as Pagefind should read it, into a staging folder; when a bundle
(a date range of articles, see scripts/search_index.py) is complete, Pagefind's command line indexes
that folder into the bundle's place in site/pagefind/ from a helper process, while MkDocs renders
the next pages (this module is also that helper: `python -m scripts.pagefind_feed`). Pagefind's Python API was used before: every page went to the `pagefind --service`
binary as a base64 JSON message through a pipe and was answered one by one, work the build's
process did under its GIL, and its `write_files` could answer before the last file was written.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent   # the project: `python -m scripts.pagefind_feed` runs here
CHUNK_SIZE_ENV = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
HELPER_NICE = 10   # how far Pagefind stands back from the build (see _serve_jobs)

# Pagefind's own interfaces (search UI, highlighter, web worker): the portal uses none of them.
UNUSED_FILES = re.compile(r"^pagefind-(?:ui|component-ui|modular-ui|highlight|worker)\.(?:js|css)$")


# --- bundles indexed by Pagefind's command line -------------------------------------------------

STAGING_MIN_FREE = 256 * 1024 * 1024   # bytes; a bundle's staged pages take a few megabytes


def staging_root(candidates: tuple[str, ...] = ("/dev/shm",)) -> str | None:
    """Where the staged pages go: a memory file system when there is one with room (Linux's
    /dev/shm), else the system's temporary folder (None). Each page is written once, read once by
    Pagefind and deleted; on a disk's file system that cost the build's thread a second per
    thousand pages on a bad day, and the deleted files slowed the site's own writes after them."""
    for path in candidates:
        try:
            if os.path.isdir(path) and os.access(path, os.W_OK) and shutil.disk_usage(path).free >= STAGING_MIN_FREE:
                return path
        except OSError:
            continue
    return None


@dataclass
class BundleStats:
    pages: int = 0
    words: int = 0            # distinct words Pagefind reports for the bundle
    seconds: float = 0.0      # wall time of Pagefind for the bundle
    errors: list[str] = field(default_factory=list)


class BundleIndexer:
    """Indexes the site's search bundles with Pagefind's command line, in the background.

    The build hands over each page (`add`: written to a staging folder, a few kilobytes) and says
    when a bundle is complete (`finish_bundle`): Pagefind then indexes that folder into the bundle's
    output while MkDocs renders the next pages. One Pagefind runs at a time (the build has the other
    core), so its memory is one bundle's. Compared with the service API (one base64 JSON message
    per page through a pipe, answered one by one), there is no per-page work in Python beyond
    writing the file, and Pagefind uses its own threads.
    """

    def __init__(self, index_chunk_size: int | None = None, jobs: int = 1) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise RuntimeError("the Pagefind binary is missing (pagefind[bin])")
        self._binary = str(binary)
        self._env = dict(os.environ)
        if index_chunk_size:
            # Word positions per index chunk (Pagefind's default is far larger): a query then loads
            # chunks holding little besides its own words. Pagefind calls this setting unstable:
            # check it when upgrading Pagefind.
            self._env[CHUNK_SIZE_ENV] = str(int(index_chunk_size))
        self._staging = Path(tempfile.mkdtemp(prefix="portal-search-", dir=staging_root()))
        # Pagefind is started by a small helper process, made now while the build's process is
        # still small: started from the build's process, each run would be forked from it (about
        # 500 MB at 10,000 articles), its memory counted twice for an instant.
        self._helper = subprocess.Popen([sys.executable, "-m", "scripts.pagefind_feed"], cwd=str(ROOT),
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self._pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="pagefind")

    def add(self, bundle: str, url: str, html: str) -> None:
        """One page of `bundle` (a folder name), at `url` from the site root ("/bai-viet/x/")."""
        rel = [p for p in url.strip("/").split("/") if p and p not in (".", "..")]
        target = self._staging.joinpath(bundle.strip("/"), *rel, "index.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")

    def finish_bundle(self, bundle: str, output: Path) -> Future:
        """Index `bundle` into `output` in the background; the future gives its BundleStats."""
        job = {"binary": self._binary, "env": self._env, "source": str(self._staging / bundle.strip("/")),
               "output": str(output)}
        return self._pool.submit(self._ask, job)

    def _ask(self, job: dict[str, Any]) -> BundleStats:
        """One bundle through the helper (one at a time: the pool has one thread)."""
        assert self._helper.stdin is not None and self._helper.stdout is not None
        self._helper.stdin.write(json.dumps(job, ensure_ascii=False) + "\n")
        self._helper.stdin.flush()
        line = self._helper.stdout.readline()
        if not line:
            raise RuntimeError(f"the Pagefind helper stopped (exit status {self._helper.poll()})")
        answer = json.loads(line)
        if not answer.pop("ok"):
            raise RuntimeError(answer["error"])
        return BundleStats(**answer)

    def close(self) -> None:
        """Wait for the bundles under way, stop the helper, then remove the staging folder."""
        self._pool.shutdown(wait=True)
        if self._helper.stdin is not None and not self._helper.stdin.closed:
            self._helper.stdin.close()
        try:
            self._helper.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._helper.kill()
            self._helper.wait()
        if self._helper.stdout is not None:
            self._helper.stdout.close()
        shutil.rmtree(self._staging, ignore_errors=True)


def index_bundle(binary: str, env: dict[str, str], source: str, output: str) -> BundleStats:
    """Run Pagefind's command line on one bundle's staging folder (in the helper process), keep
    only the files the portal uses, remove the staging folder."""
    stats = BundleStats()
    src, out = Path(source), Path(output)
    start = time.perf_counter()
    try:
        if not src.is_dir():
            return stats
        run = subprocess.run([binary, "--site", str(src), "--output-path", str(out)], env=env,
                             capture_output=True, text=True, encoding="utf-8", errors="replace", check=False)
        if run.returncode != 0:
            raise RuntimeError(f"Pagefind failed on {src.name} ({run.returncode}): "
                               f"{(run.stderr or run.stdout).strip()[-500:]}")
        m = re.search(r"Indexed (\d+) words", run.stdout)
        stats.words = int(m.group(1)) if m else 0
        entry = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
        stats.pages = sum(int(lang.get("page_count") or 0) for lang in entry.get("languages", {}).values())
        for unused in out.iterdir():
            if UNUSED_FILES.match(unused.name):
                unused.unlink()
    finally:
        shutil.rmtree(src, ignore_errors=True)
        stats.seconds = time.perf_counter() - start
    return stats


def _serve_jobs() -> None:
    """The helper: one JSON job a line on stdin (see BundleIndexer), one JSON answer a line.

    It and its Pagefind runs are niced: Pagefind spreads over every core, and at equal priority it
    took half of the build's core too, so the build ran at about half speed while a bundle was
    indexed. Niced, it uses the core the build leaves idle and catches up at the end."""
    try:
        os.nice(HELPER_NICE)
    except OSError:  # not allowed here: index at the build's priority
        pass
    for line in sys.stdin:
        job = json.loads(line)
        try:
            answer = {"ok": True, **asdict(index_bundle(job["binary"], job["env"], job["source"], job["output"]))}
        except Exception as err:  # noqa: BLE001 - the build says which bundle failed and why
            answer = {"ok": False, "error": str(err)}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    _serve_jobs()
