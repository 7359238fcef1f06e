"""The converter's command line: a folder of raw articles in, one Markdown file per article out.

    python -m scripts.convert INPUT_DIR OUTPUT_DIR [--report FILE.json] [--jobs N] [--strict]
                              [--config mkdocs.yml] [--force]

Every file under INPUT_DIR is accounted for in the report (../shared/CONTRACT.md §1, §3): `NAME.txt` is an
article, `NAME.meta.yml` an editor's corrections for it, anything else is skipped with a reason. The
converter owns only the files it wrote and remembers them in OUTPUT_DIR/.convert-manifest.json (paths,
hashes, slugs), so a re-run rewrites nothing that is up to date, removes outputs whose input is gone,
keeps outputs edited by hand and never touches a file it did not write (§4).

This is the only converter module that does I/O; each article goes through the pure
`pipeline.read_article` in a process pool.
"""
from __future__ import annotations

import argparse
import concurrent.futures
from concurrent.futures.process import BrokenProcessPool
import datetime as dt
import hashlib
import itertools
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import extract, pipeline, render
from .model import Article, Rejection
from .settings import Settings, load_settings
from .vietnamese import slugify

log = logging.getLogger("scripts.convert")

STATUSES = ("converted", "unchanged", "rejected", "duplicate", "override", "edited", "skipped", "removed")
MANIFEST_NAME = ".convert-manifest.json"
TEMP_PREFIX = ".convert-"        # + the run's process id: the folder the workers write into
MANIFEST_VERSION = 1
ARTICLE_SUFFIX = ".txt"
META_SUFFIXES = (".meta.yml", ".meta.yaml")
MAX_BYTES = 64 * 1024 * 1024    # larger than any article; reading it would only cost memory
MAX_SLUG = 80
PROGRESS_MIN = 200              # a progress bar only for runs long enough to need one
TIME_LIMIT = 60.0               # seconds one article may take to read before it is given up
# Keys that say where an article came from: an editor's file cannot change them.
PROTECTED_KEYS = frozenset({"source_file", "source_sha256", "source_encoding", "overrides"})
EDITED_ADVICE = ("sửa tay sau lần chuyển đổi trước nên được giữ nguyên; hãy chuyển các sửa đổi vào {meta} "
                 "rồi xóa tệp này để chuyển đổi lại (edited by hand since it was written: kept as it is; "
                 "move the fix into {meta} and delete this output to convert again)")


@dataclass
class Entry:
    """One line of the report (contract §3), in the contract's key order."""

    source: str
    status: str
    output: str | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    duplicate_of: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "status": self.status, "output": self.output, "reason": self.reason,
                "warnings": list(self.warnings), "duplicate_of": self.duplicate_of}


# --- the per-article work (runs in worker processes) -------------------------------------------


@dataclass(frozen=True)
class Job:
    source: str
    raw: bytes
    meta_name: str | None        # the corrections file's path, for messages
    meta_text: str | None        # its text, or None
    meta_problem: str | None     # why it could not be read, or None
    previous_title: str | None   # what the manifest remembers, to keep the slug while the title stays
    previous_slug: str | None
    temp_dir: str = ""           # where the worker writes the rendered file (the parent moves it into place)


@dataclass(frozen=True)
class Result:
    """What a worker sends back: small. The rendered file itself waits in `temp`, written by the worker,
    so the parent only renames it (or rewrites it with another slug when two articles share one)."""

    source: str
    rejection: str | None = None
    crashed: bool = False
    timed_out: bool = False
    title: str | None = None
    warnings: tuple[str, ...] = ()
    slug: str = ""               # the slug the file in `temp` was rendered with
    temp: str = ""               # the rendered file's path
    sha: str = ""                # its bytes' digest
    stat: list[int] | None = None  # its [mtime_ns, size]: a rename keeps both
    override_keys: tuple[str, ...] = ()
    meta_warning: str | None = None


_SETTINGS: Settings | None = None
_TIME_LIMIT: float | None = TIME_LIMIT
_WORKER_ALARM = False  # a pool worker's SIGALRM handler is its own for the process's life: set once
_JOBS: Sequence[Job] = ()    # a pool worker's jobs (see _init_worker)


def _init_worker(settings: Settings, time_limit: float | None, jobs: Sequence[Job] = ()) -> None:
    """A pool worker's start. `jobs`: every job of the run, inputs included. A forked worker inherits the
    list as it stands in the parent's memory, so only (start, end) pairs go down the pipes, not 60 MB of
    inputs for 10,000 articles (with another start method it is sent once to each worker)."""
    global _SETTINGS, _TIME_LIMIT, _WORKER_ALARM, _JOBS
    _SETTINGS, _TIME_LIMIT, _JOBS = settings, time_limit, jobs
    if hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _worker_expired)
        _WORKER_ALARM = True


def _worker_expired(signum: int, frame: Any) -> None:
    raise TooSlow(f"{_TIME_LIMIT:g} s")


class TooSlow(Exception):
    """An article took longer to read than the limit: a pathological file must not stall the build."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TooSlow after `seconds` of wall time (Python's regex engine checks signals as it runs)."""
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TooSlow(f"{seconds:g} s")

    # a pool worker's handler is in place for good (_init_worker): only the timer, per article
    previous = None if _WORKER_ALARM else signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if not _WORKER_ALARM:
            signal.signal(signal.SIGALRM, previous)


def _plain(value: Any) -> Any:
    """YAML's dates become ISO strings: front matter holds plain values only."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _check_override(key: str, value: Any) -> str | None:
    """Why an editor's value cannot stand for `key`, or None when it can."""
    if key in PROTECTED_KEYS:
        return "do bộ chuyển đổi ghi, không sửa được (set by the converter)"
    if key in ("title", "slug") and (not isinstance(value, str) or not value.strip()):
        return "phải là chuỗi không rỗng (must be a non-empty string)"
    if key in ("date", "event_date") and value is not None:
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return "phải là ngày dạng YYYY-MM-DD hoặc null (must be an ISO date or null)"
    if key in ("year", "congress_number", "views") and value is not None and (
            not isinstance(value, int) or isinstance(value, bool)):
        return "phải là số nguyên hoặc null (must be an integer or null)"
    if key in ("terms", "people", "captions", "warnings", "congresses", "documents") and not isinstance(value, list):
        return "phải là danh sách (must be a list)"
    return None


def apply_overrides(front_matter: dict[str, Any], meta_text: str | None, meta_name: str,
                    settings: Settings | None = None
                    ) -> tuple[dict[str, Any], tuple[str, ...], list[str], str | None]:
    """(front matter with the editor's values, keys set, warnings, why the file was not applied)."""
    if meta_text is None:
        return front_matter, (), [], None
    try:
        data = yaml.safe_load(meta_text)
    except yaml.YAMLError as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        why = f"{meta_name}: YAML không hợp lệ, chưa áp dụng hiệu chỉnh (invalid YAML, corrections not applied: {problem})"
        return front_matter, (), [why], why
    if data is None:
        return front_matter, (), [], None
    if not isinstance(data, dict):
        why = f"{meta_name}: phải là các cặp khóa: giá trị, chưa áp dụng (not a mapping of keys, corrections not applied)"
        return front_matter, (), [why], why
    out = dict(front_matter)
    keys, warnings = [], []
    for key, value in data.items():
        key, value = str(key), _plain(value)
        problem = _check_override(key, value)
        if problem:
            warnings.append(f"{meta_name}: bỏ qua khóa {key!r}: {problem}")
            continue
        out[key] = value
        keys.append(key)
    # values that follow from the ones an editor corrected, unless the editor set them too
    if ("date" in keys or "event_date" in keys) and "year" not in keys:
        when = out.get("date") or out.get("event_date")
        out["year"] = int(str(when)[:4]) if when else None
    if "congresses" in keys and "congress_number" not in keys:
        first = out["congresses"][0] if out["congresses"] else None
        out["congress_number"] = first.get("number") if isinstance(first, dict) else None
    if "unit" in keys and settings is not None:  # a corrected unit is grouped and levelled as the reader would
        rules = extract.rules(settings)
        if "unit_key" not in keys:
            out["unit_key"] = extract.unit_key(out["unit"], out.get("province"), rules)
        if "unit_level" not in keys:
            out["unit_level"] = extract.unit_level(out.get("unit_key"), rules)
    if "title" in keys and "title_generated" not in keys and "title_generated" in out:
        out["title_generated"] = False
    out["overrides"] = sorted(set(keys))
    return out, tuple(sorted(set(keys))), warnings, None


def render_text(article: Article, front_matter: dict[str, Any]) -> str:
    """The whole .md for `article` under `front_matter`: its own (`article.front_matter()`, with the slug
    chosen for it) or with an editor's corrections. The front matter is built once per article and the
    body rendered on its own: `render.render()` would build it again from a copy of the article."""
    return compose(front_matter, render.render_body(article))


def compose(front_matter: dict[str, Any], body: str) -> str:
    return f"---\n{render.front_matter_yaml(front_matter)}---\n{body}"


def with_slug(text: str, slug: str) -> str:
    """The rendered file with another slug: only the front matter's `slug:` line changes (a top-level
    key is the only line that starts with "slug: "; values and list items are indented or start "- ")."""
    end = text.find("\n---\n", 3)
    at = text.find("\nslug: ", 0, end)
    if not text.startswith("---\n") or end < 0 or at < 0:
        raise RuntimeError("a rendered file without a slug line in its front matter")
    line_end = text.find("\n", at + 1)
    return text[:at + 1] + render.front_matter_yaml({"slug": slug}) + text[line_end + 1:]


_TEMP_NAMES = itertools.count()


def write_temp(folder: str, data: bytes) -> tuple[str, list[int]]:
    """A worker's output, in the run's own temporary folder: (path, [mtime_ns, size])."""
    path = os.path.join(folder, f"{os.getpid()}-{next(_TEMP_NAMES)}.md")
    return path, write_file(path, data)


def write_file(path: str, data: bytes) -> list[int]:
    """`data` into `path` (created or emptied first); its [mtime_ns, size], which a rename keeps. The file
    descriptor as it is (what open() does, without the buffer's size and terminal checks: three system
    calls fewer for each of thousands of files)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        st = os.fstat(fd)  # after the last write, which sets the time
    finally:
        os.close(fd)
    return [st.st_mtime_ns, st.st_size]


def convert_one(job: Job, settings: Settings | None = None, limit: float | None = -1.0) -> Result:
    """Raw bytes → the rendered article, written to a temporary file in `job.temp_dir` (or why not).
    A crash while reading becomes a rejection; a failed write raises OSError (the run stops)."""
    done = _render_one(job, settings, limit)
    if isinstance(done, Result):
        return done
    text, fm, slug, keys, meta_error = done
    data = text.encode("utf-8")
    temp, stat = write_temp(job.temp_dir, data)
    return Result(job.source, title=fm.get("title"), warnings=tuple(fm.get("warnings") or ()), slug=slug,
                  temp=temp, sha=sha256(data), stat=stat, override_keys=keys, meta_warning=meta_error)


def _render_one(job: Job, settings: Settings | None, limit: float | None
                ) -> Result | tuple[str, dict[str, Any], str, tuple[str, ...], str | None]:
    """(text, front matter, slug, keys an editor set, why the corrections were not applied), or a
    Result saying why not. Never raises: a crash becomes a rejection."""
    settings = settings or _SETTINGS
    assert settings is not None
    limit = _TIME_LIMIT if limit == -1.0 else limit
    try:
        try:
            with time_limit(limit):
                article = pipeline.read_article(job.raw, job.source, settings)
        except TooSlow:
            log.error("%s: đọc quá %g giây, bỏ qua (took over %g s to read, given up)", job.source, limit, limit)
            return Result(job.source, crashed=True, timed_out=True,
                          rejection=f"đọc quá {limit:g} giây nên bị bỏ qua (took over {limit:g} s to read, given "
                                    "up: a pathological file, or a bug in the reader to report)")
        if isinstance(article, Rejection):
            return Result(job.source, rejection=article.reason)
        fm, keys, meta_warnings, meta_error = apply_overrides(
            article.front_matter(), job.meta_text, job.meta_name or "", settings)
        if job.meta_problem:
            meta_warnings, meta_error = [job.meta_problem], job.meta_problem
        if meta_warnings:
            fm["warnings"] = list(fm.get("warnings") or []) + meta_warnings
        if "slug" in keys:
            base = slugify(str(fm["slug"]), max_length=MAX_SLUG)
        elif "title" in keys or not article.slug:
            base = slugify(str(fm.get("title") or ""), max_length=MAX_SLUG)
        else:
            base = article.slug
        slug = job.previous_slug if (job.previous_slug and fm.get("title") == job.previous_title
                                     and "slug" not in keys) else base
        fm["slug"] = slug
        text = render_text(article, fm)
        return text, fm, slug, keys, meta_error
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the run
        log.error("%s: lỗi khi đọc bài (error while reading): %s: %s", job.source, type(exc).__name__, exc,
                  exc_info=log.isEnabledFor(logging.DEBUG))
        return Result(job.source, crashed=True,
                      rejection=f"lỗi của bộ chuyển đổi (converter error): {type(exc).__name__}: {exc}")


def _convert_range(span: tuple[int, int]) -> list[Result]:
    """A pool worker's share: jobs[start:end] of the list it was given when it started."""
    return [convert_one(job) for job in _JOBS[span[0]:span[1]]]


def run_jobs(jobs: list[Job], settings: Settings, workers: int, progress: Any = None,
             limit: float | None = TIME_LIMIT) -> Iterator[Result]:
    """Results in the order of `jobs` (the caller places them as they come and relies on it); in-process
    for small runs, else chunks over a process pool."""
    if workers <= 1 or len(jobs) < 32:
        for job in jobs:
            yield convert_one(job, settings, limit)
            if progress is not None:
                progress.update(1)
        return
    size = max(1, min(64, len(jobs) // (workers * 4)))
    chunks = [(i, i + size) for i in range(0, len(jobs), size)]
    done = 0
    try:
        with concurrent.futures.ProcessPoolExecutor(workers, initializer=_init_worker,
                                                    initargs=(settings, limit, jobs)) as pool:
            try:
                for results in pool.map(_convert_range, chunks):
                    for result in results:
                        done += 1
                        yield result
                    if progress is not None:
                        progress.update(len(results))
            except GeneratorExit:  # the caller stopped early (a write failed): drop the chunks not started
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    except BrokenProcessPool:
        log.error("một tiến trình con đã dừng đột ngột; chuyển đổi tiếp trong tiến trình chính "
                  "(a worker process died; converting the rest in the main process)")
        for job in jobs[done:]:
            yield convert_one(job, settings, limit)
            if progress is not None:
                progress.update(1)


# --- files -------------------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None


def _display(rel: str) -> str:
    """A path as text: names that are not valid UTF-8 are shown with replacement characters."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def scan(input_dir: Path, exclude: Path | None) -> list[tuple[str, str, str | None]]:
    """(relative path, path, why it is skipped or None) for every file under input_dir, sorted.

    os.scandir's entries know their type without another system call, and paths stay strings (a pathlib
    object for each of 10,000 files cost a third of the parent's start).
    """
    found: list[tuple[str, str, str | None]] = []
    link = "liên kết tượng trưng, không đọc (symbolic link, not followed)"

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as it:
            for entry in it:
                rel = prefix + entry.name
                if entry.is_symlink():
                    found.append((_display(rel), entry.path, link))
                elif entry.is_dir(follow_symlinks=False):
                    if exclude is None or Path(entry.path).resolve() != exclude:
                        walk(entry.path, rel + "/")
                elif entry.is_file(follow_symlinks=False):
                    found.append((_display(rel), entry.path, None))
                else:
                    found.append((_display(rel), entry.path, "không phải tệp thường (not a regular file)"))

    walk(str(input_dir), "")
    found.sort(key=lambda item: item[0])
    return found


def _meta_article(rel: str) -> str | None:
    """'a/b.meta.yml' → 'a/b' (the stem its article shares)."""
    lower = rel.lower()
    for suffix in META_SUFFIXES:
        if lower.endswith(suffix):
            return rel[: -len(suffix)]
    return None


def code_fingerprint() -> str:
    """A digest of the converter's own code and data: new reading rules mean outputs are made again.

    Only the modules the converter has loaded count (not the portal's), so work on the site's pages
    does not make every article be read again.
    """
    digest = hashlib.sha256()
    here = Path(__file__).parent
    modules = {Path(m.__file__) for name, m in list(sys.modules.items())
               if name.startswith(f"{__package__}.") and getattr(m, "__file__", None)}
    for path in sorted([*modules, *(here / "data").glob("*")]):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# --- the manifest: what the converter wrote ------------------------------------------------------


def load_manifest(output_dir: Path) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(outputs written, per source; inputs given up as too slow to read, per source)."""
    path = output_dir / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, {}
    except (OSError, ValueError) as exc:
        log.warning("%s: không đọc được, coi như trống (unreadable manifest, starting afresh): %s", path, exc)
        return {}, {}
    if not isinstance(data, dict):
        return {}, {}
    files, slow = data.get("files"), data.get("given_up")
    files = {k: v for k, v in files.items() if isinstance(v, dict) and isinstance(v.get("output"), str)} \
        if isinstance(files, dict) else {}
    slow = {k: v for k, v in slow.items() if isinstance(v, dict)} if isinstance(slow, dict) else {}
    return files, slow


# json.dumps() with options builds a new encoder at every call; these are built once (the same text)
_JSON = json.JSONEncoder(ensure_ascii=False).encode
_JSON_SORTED = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _json_lines(entries: dict[str, dict[str, Any]]) -> str:
    # one source per line, each dumped by json's C encoder (an indented dump is ten times slower)
    return ",\n".join(f"{_JSON(k)}: {_JSON_SORTED(v)}" for k, v in sorted(entries.items()))


def save_manifest(output_dir: Path, files: dict[str, dict[str, Any]],
                  given_up: dict[str, dict[str, Any]] | None = None) -> None:
    blob = ('{"version": %d, "note": "written by python -m scripts.convert; do not edit",\n"files": {\n%s\n},\n'
            '"given_up": {\n%s\n}}\n' % (MANIFEST_VERSION, _json_lines(files), _json_lines(given_up or {}))
            ).encode("utf-8")
    if _read(output_dir / MANIFEST_NAME) != blob:  # a rerun with nothing to do writes nothing
        atomic_write(output_dir / MANIFEST_NAME, blob)


def _safe_output(output_dir: Path, rel: str) -> Path | None:
    """The manifest's path for an output, if it stays inside output_dir (a manifest is only data)."""
    if not rel or rel.startswith(("/", "\\")) or ".." in rel.split("/") or "\\" in rel:
        return None
    return output_dir / rel


# --- the run -------------------------------------------------------------------------------------


@dataclass
class Source:
    """One input `.txt` during a run."""

    source: str
    path: str
    raw: bytes | None                # None until needed when the manifest vouches for the hash
    sha: str
    stat: list[int]                  # [mtime_ns, size]: unchanged means the hash need not be read again
    meta: str | None = None          # its corrections file's relative path
    meta_text: str | None = None
    meta_sha: str | None = None
    meta_problem: str | None = None  # why the corrections file could not be read


def _slug_with_suffix(base: str, n: int) -> str:
    """base, base-2, base-3...: still at most MAX_SLUG characters, cut at a word boundary."""
    if n == 1:
        return base
    suffix = f"-{n}"
    cut = base
    if len(base) > MAX_SLUG - len(suffix):
        cut = base[: MAX_SLUG - len(suffix) + 1]
        cut = cut.rsplit("-", 1)[0] if "-" in cut else cut[: MAX_SLUG - len(suffix)]
    return (cut.strip("-") or "bai-viet") + suffix


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size]


def _read_input(path: str | Path, size: int) -> bytes:
    """The file's bytes, at most MAX_BYTES + 1 (enough to tell it is too large). `size` is what stat
    said: one read asks for a byte more, so a file that grew since is read on. Plain descriptor calls:
    Python's open() adds an fstat, a terminal check and a seek to each file, and a system call costs
    microseconds each on a virtual machine (10,000 files: 0.11 s → 0.065 s of the parent's serial start)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        data = os.read(fd, min(size, MAX_BYTES) + 1)  # a regular file gives all it has at once
        if len(data) > size:  # it grew since: read on, up to the limit
            parts, got = [data], len(data)
            while got <= MAX_BYTES and (more := os.read(fd, MAX_BYTES + 1 - got)):
                parts.append(more)
                got += len(more)
            data = b"".join(parts)
    finally:
        os.close(fd)
    return data


def _scan_inputs(input_dir: Path, output_dir: Path, entries: dict[str, Entry], manifest: dict[str, dict[str, Any]]
                 ) -> tuple[dict[str, Source], dict[str, tuple[str, str]], dict[str, str]]:
    """Read every article; note every other file in `entries`. Returns articles, corrections, stems."""
    articles: dict[str, Source] = {}
    metas: dict[str, tuple[str, str]] = {}    # article stem → (corrections rel, path)
    stems: dict[str, str] = {}                # article stem → article rel
    exclude = output_dir if output_dir.is_relative_to(input_dir) else None
    for rel, path, skip in scan(input_dir, exclude):
        if skip:
            entries[rel] = Entry(rel, "skipped", reason=f"{rel}: {skip}")
            continue
        stem = _meta_article(rel)
        if stem is not None:
            if stem in metas:
                entries[rel] = Entry(rel, "skipped", reason=f"{rel}: đã có {metas[stem][0]} cho cùng bài "
                                     f"(another corrections file for the same article: {metas[stem][0]})")
            else:
                metas[stem] = (rel, path)
            continue
        if not rel.lower().endswith(ARTICLE_SUFFIX):
            entries[rel] = Entry(rel, "skipped", reason=f"{rel}: không phải bài viết (.txt) hay tệp hiệu chỉnh "
                                 "(.meta.yml) (not an article .txt or a corrections .meta.yml file)")
            continue
        try:
            st = os.stat(path)
            stat = [st.st_mtime_ns, st.st_size]
            prev = manifest.get(rel)
            if prev and prev.get("stat") == stat and isinstance(prev.get("sha256"), str):
                articles[rel] = Source(rel, path, None, prev["sha256"], stat)
            else:
                raw = _read_input(path, st.st_size)
                if len(raw) > MAX_BYTES:
                    entries[rel] = Entry(rel, "rejected", reason=f"{rel}: tệp quá lớn cho một bài viết "
                                         f"(too large for an article: over {MAX_BYTES} bytes)")
                    continue
                articles[rel] = Source(rel, path, raw, sha256(raw), stat)
        except OSError as exc:
            entries[rel] = Entry(rel, "rejected", reason=f"{rel}: không đọc được tệp (cannot read): {exc.strerror}")
            continue
        stems[rel[: -len(ARTICLE_SUFFIX)]] = rel
    for stem, (meta_rel, meta_path) in metas.items():
        article_rel = stems.get(stem)
        if article_rel is None:
            entries[meta_rel] = Entry(meta_rel, "skipped", reason=f"{meta_rel}: không có bài {Path(stem).name}.txt "
                                      "bên cạnh (no article NAME.txt beside it)")
            continue
        art = articles[article_rel]
        art.meta = meta_rel
        try:
            data = Path(meta_path).read_bytes()
        except OSError as exc:
            art.meta_problem = f"{meta_rel}: không đọc được, chưa áp dụng hiệu chỉnh (cannot read: {exc.strerror})"
            continue
        art.meta_sha = sha256(data)
        try:
            art.meta_text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            art.meta_problem = (f"{meta_rel}: không phải văn bản UTF-8, chưa áp dụng hiệu chỉnh "
                                "(not UTF-8 text, corrections not applied)")
    return articles, metas, stems


def _duplicates(articles: dict[str, Source], manifest: dict[str, dict[str, Any]]) -> dict[str, str]:
    """duplicate → original: the first by path among byte-identical inputs, or the one converted before."""
    by_sha: dict[str, list[str]] = {}
    for rel, art in articles.items():
        by_sha.setdefault(art.sha, []).append(rel)
    duplicate_of: dict[str, str] = {}
    for rels in by_sha.values():
        if len(rels) > 1:
            owned = [r for r in rels if manifest.get(r, {}).get("sha256") == articles[r].sha]
            original = owned[0] if owned else rels[0]
            duplicate_of.update({r: original for r in rels if r != original})
    return duplicate_of


def convert(input_dir: Path, output_dir: Path, settings: Settings, *, jobs: int = 1, force: bool = False,
            progress: bool = False, limit: float | None = TIME_LIMIT) -> list[Entry]:
    """Convert input_dir into output_dir and return the report's entries (contract §3)."""
    input_dir, output_dir = input_dir.resolve(), output_dir.resolve()
    prefix = settings.prefixes.get("articles", "bai-viet").strip("/")
    fingerprint = f"{settings.fingerprint()}-{code_fingerprint()}"
    manifest, given_up = load_manifest(output_dir)
    still_given_up: dict[str, dict[str, Any]] = {}
    entries: dict[str, Entry] = {}
    articles, metas, stems = _scan_inputs(input_dir, output_dir, entries, manifest)
    duplicate_of = _duplicates(articles, manifest)

    def output_state(prev: dict[str, Any]) -> str:
        """'missing', 'clean' (as the converter wrote it) or 'edited'. Same time and size: not re-read."""
        path = _safe_output(output_dir, prev["output"])
        stat = _stat(path) if path else None
        if stat is None:
            return "missing"
        if stat == prev.get("output_stat"):
            return "clean"
        current = _read(path)
        if current is None:
            return "missing"
        if sha256(current) == prev.get("output_sha256"):
            prev["output_stat"] = stat  # touched, not changed
            return "clean"
        return "edited"

    states = {src: output_state(prev) for src, prev in manifest.items()}
    temp_dir = output_dir / prefix / f"{TEMP_PREFIX}{os.getpid()}"

    # hand-edited outputs are kept; up-to-date ones need no reading
    kept: dict[str, dict[str, Any]] = {}
    todo: list[Job] = []
    for rel, art in articles.items():
        if rel in duplicate_of:
            continue
        prev = manifest.get(rel)
        state = states.get(rel, "missing")
        if prev and state == "edited":
            kept[rel] = prev
            meta = art.meta or f"{rel[: -len(ARTICLE_SUFFIX)]}.meta.yml"
            entries[rel] = Entry(rel, "edited", output=prev["output"],
                                 reason=f"{rel} → {prev['output']}: " + EDITED_ADVICE.format(meta=meta),
                                 warnings=list(prev.get("warnings") or []))
        elif (not force and given_up.get(rel, {}).get("sha256") == art.sha
              and given_up[rel].get("fingerprint") == fingerprint):
            still_given_up[rel] = given_up[rel]  # too slow last time, with the same bytes and code
            entries[rel] = Entry(rel, "rejected", reason=f"{rel}: {given_up[rel].get('reason')}")
        elif (not force and prev and state == "clean" and prev.get("sha256") == art.sha
              and prev.get("meta_sha256") == art.meta_sha and prev.get("fingerprint") == fingerprint):
            kept[rel] = dict(prev, stat=art.stat)
            entries[rel] = Entry(rel, "unchanged", output=prev["output"], warnings=list(prev.get("warnings") or []))
        else:
            if art.raw is None:
                art.raw = _read_input(art.path, art.stat[1])  # (its size is what the manifest holds)
            todo.append(Job(rel, art.raw, art.meta, None if art.meta_problem else art.meta_text,
                            art.meta_problem, prev.get("title") if prev else None, prev.get("slug") if prev else None,
                            str(temp_dir)))

    placer = _Placer(output_dir, manifest, states, articles, entries, kept, still_given_up, fingerprint, prefix,
                     {job.source for job in todo if job.previous_slug})
    if not todo:
        placer.list_outputs()
        return placer.finish(metas, stems, duplicate_of)
    _remove_stale_temp(temp_dir.parent)
    temp_dir.mkdir(parents=True, exist_ok=True)
    placer.list_outputs()  # (after the mkdir: the articles' folder exists now)
    try:
        bar = None
        if progress and len(todo) >= PROGRESS_MIN:
            from tqdm import tqdm
            bar = tqdm(total=len(todo), unit="bài", file=sys.stderr, leave=False)
        try:
            # each result is placed as it arrives, while the workers read on; closing() stops the pool at
            # once when a placement fails (a write error ends the run)
            with closing(run_jobs(todo, settings, jobs, bar, limit)) as results:
                for result in results:
                    placer.add(result)
        finally:
            if bar is not None:
                bar.close()
        return placer.finish(metas, stems, duplicate_of)
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)  # what a dead worker or a failed run left


def _remove_stale_temp(folder: Path) -> None:
    """Temporary folders of runs that were killed (their process is gone)."""
    for stale in folder.glob(f"{TEMP_PREFIX}*"):
        try:
            os.kill(int(stale.name[len(TEMP_PREFIX):]), 0)
        except ValueError:
            continue
        except ProcessLookupError:
            shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            pass


class _Placer:
    """Places the workers' files under their slugs as the results arrive, then (`finish`) removes what no
    article holds, writes the manifest and settles duplicates and corrections files.

    Placing while the pool still runs keeps the parent's serial work off the end of the run. The slugs
    come out as if every result were placed at the end: kept outputs hold theirs; an article that keeps
    its slug (its title stayed, so the worker rendered it with the old one) goes before every newcomer;
    newcomers take the next free suffix in source order. Results arrive in source order, so an article
    keeping its slug is placed at once, and a newcomer waits only while an article that may keep its
    slug has not arrived yet (`maybe_keeping`: none in a first run).
    """

    def __init__(self, output_dir: Path, manifest: dict[str, dict[str, Any]], states: dict[str, str],
                 articles: dict[str, Source], entries: dict[str, Entry], kept: dict[str, dict[str, Any]],
                 still_given_up: dict[str, dict[str, Any]], fingerprint: str, prefix: str,
                 maybe_keeping: set[str]) -> None:
        self.output_dir, self.manifest, self.states, self.articles = output_dir, manifest, states, articles
        self.entries, self.kept, self.still_given_up = entries, kept, still_given_up
        self.fingerprint, self.prefix = fingerprint, prefix
        self.maybe_keeping = set(maybe_keeping)  # sources not arrived yet that had a slug in the manifest
        self.waiting: list[Result] = []          # newcomers that arrived before those
        self.final: dict[str, str] = {}          # source → its output now
        # A path is free unless another article holds it, or a file is there that the converter did not
        # write (or that was edited by hand).
        self.taken: set[str] = {m["output"] for m in kept.values()}
        # what the converter wrote and nobody changed since: its digest is known without reading it
        self.reusable = {prev["output"]: prev.get("output_sha256")
                         for src, prev in manifest.items() if states[src] == "clean"}
        self.on_disk: dict[str, str | None] = {}
        self.listed: set[str] | None = None
        self.new_manifest: dict[str, dict[str, Any]] = dict(kept)

    def list_outputs(self) -> None:
        """One listing of the articles' folder instead of trying to open every new output. Taken before
        any file is placed: a path this run writes is taken, so it is never asked about again."""
        prefix = self.prefix
        try:
            self.listed = {f"{prefix}/{name}" if prefix else name for name in os.listdir(self.output_dir / prefix)}
        except OSError:
            self.listed = None

    def disk_sha(self, rel_out: str) -> str | None:
        """The digest of the file at rel_out before the run, or None when there was none."""
        if rel_out not in self.on_disk:
            if self.reusable.get(rel_out):
                self.on_disk[rel_out] = self.reusable[rel_out]
            elif self.listed is not None and rel_out not in self.listed:
                self.on_disk[rel_out] = None
            else:
                existing = _read(self.output_dir / rel_out)
                self.on_disk[rel_out] = None if existing is None else sha256(existing)
        return self.on_disk[rel_out]

    def free(self, rel_out: str, sha: str) -> bool:
        if rel_out in self.taken:
            return False
        if rel_out in self.reusable:
            return True
        existing = self.disk_sha(rel_out)
        return existing is None or existing == sha  # an identical file: adopt what a lost manifest forgot

    def add(self, r: Result) -> None:
        """One worker's result, as it arrives (in source order)."""
        self.maybe_keeping.discard(r.source)
        if r.rejection is not None:
            rel = r.source
            self.entries[rel] = Entry(rel, "rejected", reason=f"{rel}: {r.rejection}")
            if r.timed_out:
                self.still_given_up[rel] = {"sha256": self.articles[rel].sha, "fingerprint": self.fingerprint,
                                            "reason": r.rejection}
        elif r.slug == (self.manifest.get(r.source) or {}).get("slug"):
            self._place(r)  # keeps its slug: every article before it that keeps one is placed already
        else:
            self.waiting.append(r)
        if not self.maybe_keeping and self.waiting:
            for w in self.waiting:
                self._place(w)
            self.waiting.clear()

    def _place(self, r: Result) -> None:
        """The first free slug for `r`, its file renamed there (or rewritten with that slug), its entry
        and its manifest line."""
        prefix = self.prefix
        n, rendered = 1, None
        while True:
            slug = _slug_with_suffix(r.slug, n)
            rel_out = f"{prefix}/{slug}.md" if prefix else f"{slug}.md"
            n += 1
            if rel_out in self.taken:
                continue
            data = None
            sha = r.sha
            if slug != r.slug:  # another article holds the slug: the same file with a suffixed one
                if rendered is None:
                    rendered = Path(r.temp).read_text(encoding="utf-8")
                data = with_slug(rendered, slug).encode("utf-8")
                sha = sha256(data)
            if self.free(rel_out, sha):
                break
        self.taken.add(rel_out)
        self.final[r.source] = rel_out

        rel = r.source
        warnings = list(r.warnings)
        path = os.path.join(self.output_dir, rel_out)  # (a str: pathlib's objects cost more than the rename)
        if self.disk_sha(rel_out) == sha:
            status, stat = "unchanged", _stat(Path(path))
        elif data is None:
            os.replace(r.temp, path)  # the worker's file, as it wrote it: a rename keeps its time and size
            status, stat = "converted", r.stat
        else:  # the worker's file with another slug: rewritten where it is, then moved
            stat = write_file(r.temp, data)
            os.replace(r.temp, path)
            status = "converted"
        art = self.articles[rel]
        art.raw = None  # the bytes are no longer needed
        self.entries[rel] = Entry(rel, status, output=rel_out, warnings=warnings)
        self.new_manifest[rel] = {
            "sha256": art.sha, "stat": art.stat, "meta_sha256": art.meta_sha,
            "fingerprint": self.fingerprint, "output": rel_out, "output_sha256": sha,
            "output_stat": stat, "slug": slug, "title": r.title,
            "warnings": warnings, "overrides": list(r.override_keys), "meta_error": r.meta_warning}

    def finish(self, metas: dict[str, tuple[str, str]], stems: dict[str, str],
               duplicate_of: dict[str, str]) -> list[Entry]:
        """After the last result: remove what no article holds, write the manifest, settle duplicates and
        corrections files. The report's entries."""
        assert not self.waiting and not self.maybe_keeping, "a result never arrived"
        entries, articles, kept, states = self.entries, self.articles, self.kept, self.states
        # Outputs no article holds any more (input gone, no longer an article, title changed): removed,
        # unless edited by hand (then kept and no longer managed) or another article now writes there.
        removed: list[Entry] = []
        for src, prev in sorted(self.manifest.items()):
            now = self.final[src] if src in self.final else kept[src]["output"] if src in kept else None
            if now == prev["output"] or prev["output"] in self.taken or states[src] == "missing":
                continue
            if states[src] == "edited":
                log.warning("%s: không còn bài nào dùng tệp này (%s) nhưng nó đã được sửa tay nên được giữ; bộ "
                            "chuyển đổi không quản lý nó nữa (its input %s no longer uses it, but it was edited "
                            "by hand: kept, no longer managed)", prev["output"], src, src)
                continue
            path = _safe_output(self.output_dir, prev["output"])
            assert path is not None
            path.unlink()
            if src in self.final:
                why = "tiêu đề đã đổi, bài có đường dẫn mới (title changed: the article has a new output)"
            elif src in articles:
                why = "bài gốc không còn là bài viết (the input is no longer an article)"
            else:
                why = "bài gốc đã bị xóa (the input is gone)"
            removed.append(Entry(src, "removed", output=prev["output"], reason=f"{prev['output']}: {why}"))

        new_manifest = self.new_manifest
        save_manifest(self.output_dir, new_manifest, self.still_given_up)

        # duplicates and corrections files, now that their articles are settled
        for rel, original in duplicate_of.items():
            orig = entries[original]
            if orig.status == "rejected":
                entries[rel] = Entry(rel, "rejected", reason=f"{rel}: giống hệt {original} (same bytes as "
                                     f"{original}): " + (orig.reason or "").split(": ", 1)[-1])
            else:
                entries[rel] = Entry(rel, "duplicate", reason=f"{rel}: giống hệt từng byte {original}, không chuyển "
                                     f"đổi lại (byte-identical to {original}, not converted again)",
                                     duplicate_of=original)
        for stem, (meta_rel, _path) in metas.items():
            if meta_rel in entries:
                continue
            art = articles[stems[stem]]
            owner = entries[art.source]
            remembered = new_manifest.get(art.source) or {}
            if owner.status not in ("converted", "unchanged"):
                entries[meta_rel] = Entry(meta_rel, "skipped", output=owner.output,
                                          reason=f"{meta_rel}: chưa áp dụng vì bài {art.source} có trạng thái "
                                                 f"{owner.status} (not applied: its article is {owner.status})")
            elif remembered.get("meta_error"):
                entries[meta_rel] = Entry(meta_rel, "skipped", output=owner.output, reason=remembered["meta_error"])
            else:
                keys = ", ".join(remembered.get("overrides") or ()) or "—"
                entries[meta_rel] = Entry(meta_rel, "override", output=owner.output,
                                          reason=f"{meta_rel}: hiệu chỉnh của biên tập viên cho {art.source}: {keys} "
                                                 f"(editor's corrections applied: {keys})")
        return [entries[k] for k in sorted(entries)] + removed


# --- command line --------------------------------------------------------------------------------


def report_json(entries: Iterable[Entry]) -> str:
    """{"files": [...]}, one entry a line (json's C encoder; an indented dump is ten times slower)."""
    lines = ",\n".join(_JSON(e.to_json()) for e in entries)
    return f'{{"files": [\n{lines}\n]}}\n'


def summary(entries: Iterable[Entry]) -> str:
    """One line counting every status and the warnings, from the same entries as the report."""
    entries = list(entries)
    counts = Counter(e.status for e in entries)
    warnings = sum(len(e.warnings) for e in entries)
    parts = ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)
    return f"convert: {len(entries)} entries: {parts}; {warnings} warnings"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2, without a traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _Parser(prog="python -m scripts.convert",
                     description="Convert raw articles (INPUT_DIR/**/NAME.txt) into Markdown pages under OUTPUT_DIR.")
    parser.add_argument("input_dir", metavar="INPUT_DIR", type=Path)
    parser.add_argument("output_dir", metavar="OUTPUT_DIR", type=Path)
    parser.add_argument("--report", metavar="FILE.json", type=Path, help="write the report of every file here")
    parser.add_argument("--jobs", metavar="N", type=int, default=None,
                        help="worker processes (default: the number of CPUs)")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when any file was rejected or any warning was given")
    parser.add_argument("--config", metavar="mkdocs.yml", type=Path, default=None,
                        help="the site's mkdocs.yml (default: the repository's)")
    parser.add_argument("--force", action="store_true", help="read every article again, even if up to date")
    parser.add_argument("--time-limit", metavar="SECONDS", type=float, default=TIME_LIMIT,
                        help=f"give up an article that takes longer to read (default {TIME_LIMIT:g}; 0: no limit)")
    parser.add_argument("--verbose", action="store_true", help="log tracebacks of converter errors")
    args = parser.parse_args(argv)
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if not args.input_dir.is_dir():
        parser.error(f"INPUT_DIR {args.input_dir} is not a folder")
    if args.output_dir.exists() and not args.output_dir.is_dir():
        parser.error(f"OUTPUT_DIR {args.output_dir} is not a folder")
    if args.output_dir.resolve() == args.input_dir.resolve():
        parser.error("INPUT_DIR and OUTPUT_DIR must differ (the converter never writes into its input)")
    if args.input_dir.resolve().is_relative_to(args.output_dir.resolve()):
        parser.error("INPUT_DIR must not lie inside OUTPUT_DIR")
    if args.config is not None and not args.config.is_file():
        parser.error(f"--config {args.config} is not a file")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(levelname)s: %(message)s", stream=sys.stderr)
    try:
        settings = load_settings(args.config) if args.config else load_settings()
    except (OSError, yaml.YAMLError) as exc:
        print(f"python -m scripts.convert: error: cannot read the settings: {exc}", file=sys.stderr)
        return 2
    try:
        args.output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"python -m scripts.convert: error: cannot create OUTPUT_DIR: {exc}", file=sys.stderr)
        return 2
    jobs = args.jobs or os.cpu_count() or 1
    try:
        entries = convert(args.input_dir, args.output_dir, settings, jobs=jobs, force=args.force,
                          progress=sys.stderr.isatty(), limit=args.time_limit or None)
        if args.report:
            args.report.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(args.report, report_json(entries).encode("utf-8"))
    except OSError as exc:  # the folders themselves, not an input: say so and stop
        print(f"python -m scripts.convert: error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return 2
    for entry in entries:  # what an editor has to look at, just above the summary
        if entry.status in ("rejected", "edited") or (entry.status == "skipped" and entry.output):
            print(f"{entry.status}: {entry.reason}", file=sys.stderr)
    sys.stderr.flush()
    print(summary(entries))
    if args.strict and any(e.status == "rejected" or e.warnings for e in entries):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
