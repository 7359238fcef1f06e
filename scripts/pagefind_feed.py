"""Feeds pages to Pagefind's Python API while the site is still being built.

Pagefind's API is asyncio and talks to the `pagefind --service` binary over pipes. The feeder runs
that event loop in a background thread, so `add()` returns at once and the binary indexes on the
other core while MkDocs renders the next page; `finish()` waits for the last page and writes the
bundle (its files fetched from the binary and written here, see `write_bundle`). A bounded number of
pages is in flight, so memory does not grow with the site.

The package's own response reader sleeps 0.1 s between two responses (ten pages a second at
most); `_Service` reads them as they come. Everything else is the package's API: `PagefindIndex`,
`add_html_file`, `get_files`.
"""
from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService

CHUNK_SIZE_ENV = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"


class _Service(PagefindService):
    """Pagefind's service client, reading each response as soon as the binary writes it."""

    failure: BaseException | None = None

    async def send(self, payload: Any) -> Any:
        if self.failure is not None:
            raise RuntimeError(f"Pagefind stopped: {self.failure!r}")
        return await super().send(payload)

    async def _wait_for_responses(self) -> None:
        try:
            await self._read_responses()
        except asyncio.CancelledError:
            raise
        except BaseException as err:  # the binary died or wrote something unreadable
            self.failure = err
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(RuntimeError(f"Pagefind stopped: {err!r}"))
            self._responses.clear()

    async def _read_responses(self) -> None:
        assert self._backend.stdout is not None
        while True:
            chunk = await self._read_message()
            # stderr shares the pipe: a log line may precede the base64 message
            message = chunk[:-1].rsplit(b"\n", 1)[-1].strip()
            response = json.loads(base64.b64decode(message))
            if response is None:
                continue
            payload = response.get("payload") or {}
            message_id = response.get("message_id")
            if message_id is None and payload.get("original_message"):
                try:
                    message_id = json.loads(payload["original_message"]).get("message_id")
                except ValueError:
                    message_id = None
            future = self._responses.pop(message_id, None) if message_id is not None else None
            if future is None or future.done():
                continue
            if payload.get("type") == "Error":
                future.set_exception(RuntimeError(f"Pagefind: {payload.get('message')}"))
            else:
                future.set_result(payload)

    async def _read_message(self) -> bytes:
        """One message, up to its "," end, however long (a bundle's files are several megabytes:
        more than the pipe reader's limit)."""
        assert self._backend.stdout is not None
        parts = []
        while True:
            try:
                parts.append(await self._backend.stdout.readuntil(b","))
                return b"".join(parts)
            except asyncio.LimitOverrunError as err:
                parts.append(await self._backend.stdout.readexactly(err.consumed))

    async def close(self) -> None:
        pending = [f for f in self._responses.values() if not f.done()]
        if pending:
            await asyncio.wait(pending, timeout=30)
        # End of input lets Pagefind finish writing and exit on its own: terminating it right after
        # "WriteFiles" answered can leave the last file it writes (pagefind-entry.json) empty.
        if self._backend.stdin is not None and not self._backend.stdin.is_closing():
            self._backend.stdin.close()
        try:
            await asyncio.wait_for(self._backend.wait(), timeout=60)
        except asyncio.TimeoutError:
            self._backend.terminate()
            await self._backend.wait()
        self._poll_task.cancel()


# Pagefind's own interfaces (search UI, highlighter, web worker): the portal uses none of them.
UNUSED_FILES = re.compile(r"^pagefind-(?:ui|component-ui|modular-ui|highlight|worker)\.(?:js|css)$")


def write_bundle(out: Path, files: list[Any]) -> int:
    """Write the files Pagefind made for one index; return how many.

    The files come from the service (`get_files`) and are written here, each complete before the
    next: Pagefind's own `write_files` answered before its last file was written, and a file left
    empty when the service stopped broke that bundle in the browser."""
    count = 0
    for f in files:
        rel = Path(f["path"])
        if rel.is_absolute() or ".." in rel.parts or UNUSED_FILES.match(rel.name):
            continue
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f["content"])
        count += 1
    return count


@dataclass
class FeedStats:
    pages: int = 0
    words: int = 0
    errors: list[str] = field(default_factory=list)
    seconds_waiting: float = 0.0   # time the build spent waiting for Pagefind at the end
    seconds_blocked: float = 0.0   # time add() waited for a free slot (Pagefind behind the build)


class PagefindFeeder:
    """One index, fed from any thread; `finish()` writes it and stops the binary."""

    def __init__(self, config: IndexConfig | None = None, in_flight: int = 32,
                 index_chunk_size: int | None = None) -> None:
        if index_chunk_size:
            # Word positions per index chunk (Pagefind's default is far larger): a query then loads
            # chunks holding little besides its own words. The binary reads it from its environment,
            # under a name Pagefind calls unstable: check it when upgrading Pagefind.
            os.environ[CHUNK_SIZE_ENV] = str(int(index_chunk_size))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind", daemon=True)
        self._thread.start()
        self._slots = threading.BoundedSemaphore(in_flight)
        self._lock = threading.Lock()
        self._pending: set[Future] = set()
        self.stats = FeedStats()
        try:
            self._index: PagefindIndex = self._run(self._start(config)).result()
        except BaseException:
            self._stop_loop()
            raise

    async def _start(self, config: IndexConfig | None) -> PagefindIndex:
        service = await _Service().launch()
        return await service.create_index(config)

    def _run(self, coro: Any) -> Future:
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def add(self, html: str, url: str) -> None:
        """Queue one page (its HTML as Pagefind should read it, and its URL from the site root)."""
        if not self._slots.acquire(blocking=False):  # back-pressure: at most `in_flight` in the pipe
            start = time.perf_counter()
            self._slots.acquire()
            self.stats.seconds_blocked += time.perf_counter() - start
        future = self._run(self._index.add_html_file(content=html, url=url))
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._done)

    def _done(self, future: Future) -> None:
        self._slots.release()
        with self._lock:
            self._pending.discard(future)
            if future.cancelled():
                return
            err = future.exception()
            if err is not None:
                self.stats.errors.append(str(err))
            else:
                self.stats.pages += 1
                self.stats.words += int(future.result().get("page_word_count") or 0)

    def finish(self, output_path: str) -> FeedStats:
        """Wait for every queued page, write the bundle into `output_path`, stop the binary."""
        start = time.perf_counter()
        try:
            with self._lock:
                pending = list(self._pending)
            for future in pending:
                try:
                    future.result()
                except Exception:  # noqa: BLE001 - counted in stats by _done
                    pass
            files = self._run(self._index.get_files()).result()
            write_bundle(Path(output_path), files)
        finally:
            self.close()
        self.stats.seconds_waiting = time.perf_counter() - start
        return self.stats

    def close(self) -> None:
        """Stop the binary and the loop without writing (a failed build, or after finish)."""
        service = self._index._service if hasattr(self, "_index") else None
        if service is not None and self._loop.is_running():
            try:
                self._run(service.close()).result(timeout=60)
            except Exception:  # noqa: BLE001 - closing is best effort
                pass
            self._index._service = None
        self._stop_loop()

    def _stop_loop(self) -> None:
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
        if not self._loop.is_running() and not self._loop.is_closed():
            self._loop.close()


# --- bundles indexed by Pagefind's command line -------------------------------------------------


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
        self._staging = Path(tempfile.mkdtemp(prefix="portal-search-"))
        self._pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="pagefind")

    def add(self, bundle: str, url: str, html: str) -> None:
        """One page of `bundle` (a folder name), at `url` from the site root ("/bai-viet/x/")."""
        rel = [p for p in url.strip("/").split("/") if p and p not in (".", "..")]
        target = self._staging.joinpath(bundle.strip("/"), *rel, "index.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")

    def finish_bundle(self, bundle: str, output: Path) -> Future:
        """Index `bundle` into `output` in the background; the future gives its BundleStats."""
        return self._pool.submit(self._index, bundle.strip("/"), Path(output))

    def _index(self, bundle: str, output: Path) -> BundleStats:
        stats = BundleStats()
        source = self._staging / bundle
        start = time.perf_counter()
        try:
            if not source.is_dir():
                return stats
            run = subprocess.run([self._binary, "--site", str(source), "--output-path", str(output)],
                                 env=self._env, capture_output=True, text=True, encoding="utf-8",
                                 errors="replace", check=False)
            if run.returncode != 0:
                raise RuntimeError(f"Pagefind failed on {bundle} ({run.returncode}): "
                                   f"{(run.stderr or run.stdout).strip()[-500:]}")
            m = re.search(r"Indexed (\d+) words", run.stdout)
            stats.words = int(m.group(1)) if m else 0
            entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
            stats.pages = sum(int(lang.get("page_count") or 0) for lang in entry.get("languages", {}).values())
            for unused in output.iterdir():
                if UNUSED_FILES.match(unused.name):
                    unused.unlink()
        finally:
            shutil.rmtree(source, ignore_errors=True)
            stats.seconds = time.perf_counter() - start
        return stats

    def close(self) -> None:
        """Wait for the bundles under way, then remove the staging folder."""
        self._pool.shutdown(wait=True)
        shutil.rmtree(self._staging, ignore_errors=True)
