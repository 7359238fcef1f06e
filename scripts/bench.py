"""`make bench`: the portal's figures on generated archives, measured, not guessed (issue 12).

For each size N (several in one run, so the cost per article can be compared): generate N articles
(scripts/generate.py), then time and weigh

- conversion (`python -m scripts.convert`, both cores) and its rate;
- the MkDocs build as `make site` runs it (hooks and search included), the same build without the
  search hook (the difference is the cost of indexing), and the whole `make site` (convert + build);
- a plain Material build of the same articles (lunr search, no hooks, no articles in the nav), the
  reference the issue compares against;
- peak memory: our own processes (summed over the process tree, sampled from /proc) and Pagefind's
  apart (it runs as a subprocess of the build);
- an article page and the page around its text (page bytes minus the rendered body's bytes);
- what a first search downloads, in headless Chromium: pagefind.js, wasm, entry, filters, index
  chunks and the first results' fragments for typical queries;
- incremental work: a second convert + build after one article changed (the report must say
  `unchanged` for the rest), and `mkdocs serve`'s rebuild after an edited article.

A stage that fails is reported as failed, with its error; the run goes on. Everything runs niced.

    python -m scripts.bench --n 1000 10000 [--json build/bench/results.json] [--stages ...]
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from . import generate as gen

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT  # the code the bench runs: a snapshot of ROOT, so commits during a run change nothing
SNAPSHOT_PARTS = ("mkdocs.yml", "Makefile", "scripts", "hooks", "overrides", "docs")
PY = sys.executable
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
CATALOG_PARTS = ("grouping", "paging", "related")   # timed alone by scripts/catalog_timing.py
NLOGN_PARTS = frozenset({"related"})
ALL_STAGES = ("convert", "catalog", "build", "nosearch", "reference", "pages", "search", "incremental", "serve")
QUERIES = ("đại hội", "nhiệm kỳ 2020-2025", "kế hoạch số", "Nguyễn")
EDIT_MARKER = "Câu này được thêm vào để đo lần dựng lại của bài viết"

# Targets of issue 12, at N = 10,000 on 2 cores.
TARGET_CONVERT_RATE = 1000      # articles per second
# Folders to delete once every stage has run: for minutes after many files are deleted, ext4 makes
# each new file cost about ten times the kernel time (it avoids reusing the freed inodes), so a
# stage timed right after a deletion was slowed by seconds that have nothing to do with the code.
LEFTOVERS: list[Path] = []
TARGET_SITE_RATIO = 1.5         # make site / plain Material build
TARGET_OUR_PEAK_MB = 1024
TARGET_AROUND_KB = 40
TARGET_SEARCH_KB = 300
SUPERLINEAR = 1.25              # per-article cost growing more than this between sizes is flagged


# --- measuring a process tree -----------------------------------------------------------------

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _proc_table() -> dict[int, tuple[int, str, int]]:
    """pid -> (ppid, comm, rss bytes) for every process we can read."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                raw = fh.read().decode("utf-8", "replace")
        except OSError:
            continue
        head, _, rest = raw.rpartition(")")
        comm = head.partition("(")[2]
        fields = rest.split()
        try:
            table[int(entry.name)] = (int(fields[1]), comm, int(fields[21]) * _PAGE)
        except (IndexError, ValueError):
            continue
    return table


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and its descendants, Pagefind's processes apart.

    Summing matters: the converter's pool and the build's Pagefind service run at the same time,
    and the machine holds them all at once; ru_maxrss only knows the largest single process.
    """

    def __init__(self, root: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_ours = self.peak_pagefind = self.peak_total = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.interval)

    def sample(self) -> None:
        table = _proc_table()
        children: dict[int, list[int]] = {}
        for pid, (ppid, _, _) in table.items():
            children.setdefault(ppid, []).append(pid)
        ours = pagefind = 0
        todo = [self.root]
        while todo:
            pid = todo.pop()
            if pid in table:
                _, comm, rss = table[pid]
                if "pagefind" in comm:
                    pagefind += rss
                else:
                    ours += rss
            todo.extend(children.get(pid, ()))
        self.peak_ours = max(self.peak_ours, ours)
        self.peak_pagefind = max(self.peak_pagefind, pagefind)
        self.peak_total = max(self.peak_total, ours + pagefind)

    def stop(self) -> None:
        self._halt.set()


@dataclass
class Run:
    """One measured command."""

    cmd: list[str]
    wall: float = 0.0
    cpu: float = 0.0
    returncode: int | None = None
    peak_ours_mb: float = 0.0
    peak_pagefind_mb: float = 0.0
    max_single_rss_mb: float = 0.0
    output: str = ""

    @property
    def cores(self) -> float:
        return self.cpu / self.wall if self.wall else 0.0

    def summary(self) -> dict[str, Any]:
        return {"seconds": round(self.wall, 2), "cpu_seconds": round(self.cpu, 2),
                "cores_used": round(self.cores, 2), "peak_ours_mb": round(self.peak_ours_mb, 1),
                "peak_pagefind_mb": round(self.peak_pagefind_mb, 1),
                "max_single_process_mb": round(self.max_single_rss_mb, 1)}


class StageError(RuntimeError):
    pass


def measure(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 7200, log: Path | None = None) -> Run:
    """Run `cmd`, sampling its tree's memory; CPU and the largest process's RSS from wait4."""
    run = Run(cmd)
    cwd = cwd or SRC
    out = open(log, "w+b") if log else tempfile.TemporaryFile()
    with out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        deadline = start + timeout
        status, usage = 0, None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        run.wall = time.perf_counter() - start
        sampler.stop()
        sampler.join()
        proc.returncode = run.returncode = os.waitstatus_to_exitcode(status)
        run.cpu = usage.ru_utime + usage.ru_stime
        run.max_single_rss_mb = usage.ru_maxrss / 1024  # KiB on Linux
        run.peak_ours_mb = sampler.peak_ours / 2**20
        run.peak_pagefind_mb = sampler.peak_pagefind / 2**20
        out.seek(0)
        run.output = out.read().decode("utf-8", "replace")
    if run.returncode != 0:
        tail = "\n".join(run.output.strip().splitlines()[-12:])
        raise StageError(f"`{' '.join(cmd[1:4])} …` exited {run.returncode}:\n{tail}")
    return run


def snapshot(dest: Path) -> dict[str, Any]:
    """Copy the code and config into `dest` and run from there; says which commit it was."""
    global SRC
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "bai-viet", ".convert-manifest.json")
    for part in SNAPSHOT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        elif src.is_file():
            shutil.copy2(src, dest / part)
    SRC = dest
    info = {"snapshot": str(dest)}
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        info["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                        capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *SNAPSHOT_PARTS], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        info["uncommitted_changes"] = len(dirty.splitlines())
    return info


# --- configs ------------------------------------------------------------------------------------

class _Tagged:
    """A YAML value with a tag we keep as is (`!ENV [...]`, `!!python/name:...`)."""

    def __init__(self, tag: str, value: Any):
        self.tag, self.value = tag, value


class _KeepLoader(yaml.SafeLoader):
    pass


class _KeepDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return _Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, t: _Tagged) -> yaml.Node:
    if isinstance(t.value, list):
        return dumper.represent_sequence(t.tag, t.value)
    if isinstance(t.value, dict):
        return dumper.represent_mapping(t.tag, t.value)
    return dumper.represent_scalar(t.tag, t.value)


_KeepLoader.add_multi_constructor("!", _construct_tagged)
_KeepLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_KeepDumper.add_representer(_Tagged, _represent_tagged)


def project_config() -> dict[str, Any]:
    with open(SRC / "mkdocs.yml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_KeepLoader)  # noqa: S506 - safe loader subclass


def config_without_search(dest: Path) -> tuple[Path, list[str]]:
    """The project's mkdocs.yml minus the search hook (and any Pagefind plugin), paths absolute.

    Building with it and without it, on the same docs, isolates what indexing costs the build.
    """
    cfg = project_config()
    dropped: list[str] = []
    hooks = []
    for h in cfg.get("hooks") or []:
        if "search" in str(h) or "pagefind" in str(h):
            dropped.append(str(h))
        else:
            hooks.append(str(SRC / h) if not os.path.isabs(str(h)) else str(h))
    cfg["hooks"] = hooks
    plugins = cfg.get("plugins") or []
    if isinstance(plugins, list):
        keep = []
        for p in plugins:
            name = p if isinstance(p, str) else next(iter(p), "")
            (dropped.append(name) if "pagefind" in str(name) else keep.append(p))
        cfg["plugins"] = keep
    theme = cfg.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        theme["custom_dir"] = str(SRC / theme["custom_dir"])
    if isinstance(cfg.get("docs_dir"), str):
        cfg["docs_dir"] = str(SRC / cfg["docs_dir"])
    dest.write_text(yaml.dump(cfg, Dumper=_KeepDumper, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return dest, dropped


def reference_config(dest: Path, docs: Path, site: Path) -> Path:
    """Plain Material: lunr search, no hooks, no overrides, a nav without articles."""
    cfg = {
        "site_name": "Tham chiếu",
        "docs_dir": str(docs),
        "site_dir": str(site),
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "vi", "font": False},
        "plugins": ["search"],
        "markdown_extensions": ["attr_list", {"toc": {"permalink": False}}],
        # An empty nav would list every page: one outside link keeps the articles out of it.
        "nav": [{"Lưu trữ": "https://example.invalid/"}],
        "validation": {"nav": {"omitted_files": "ignore", "not_found": "ignore"},
                       "links": {"not_found": "ignore", "unrecognized_links": "ignore"}},
    }
    dest.write_text(yaml.dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def articles_prefix() -> str:
    try:
        return project_config()["extra"]["portal"]["prefixes"]["articles"]
    except (KeyError, TypeError):
        return "bai-viet"


def serve_args() -> list[str]:
    """The flags `make serve` gives `mkdocs serve`, read from the Makefile."""
    try:
        text = (SRC / "Makefile").read_text(encoding="utf-8")
    except OSError:
        return []
    m = re.search(r"mkdocs serve([^\n]*)", text)
    return [a for a in (m.group(1).split() if m else []) if not a.startswith("$")]


# --- helpers --------------------------------------------------------------------------------------

def tree_bytes(path: Path) -> tuple[int, int]:
    total = files = 0
    for dirpath, _, names in os.walk(path):
        for n in names:
            with contextlib.suppress(OSError):
                total += os.path.getsize(os.path.join(dirpath, n))
                files += 1
    return total, files


def read_report(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in json.loads(path.read_text(encoding="utf-8")).get("files", []):
        counts[entry.get("status", "?")] = counts.get(entry.get("status", "?"), 0) + 1
    return counts


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            try:
                meta = yaml.safe_load(text[4:end]) or {}
            except yaml.YAMLError:
                meta = {}
            return (meta if isinstance(meta, dict) else {}), text[end + 5:]
    return {}, text


def markdown_renderer() -> Callable[[str], str]:
    """Python-Markdown with the site's extensions, to know the bytes of an article's own body."""
    import markdown

    names: list[str] = []
    configs: dict[str, Any] = {}
    for ext in project_config().get("markdown_extensions") or []:
        if isinstance(ext, str):
            names.append(ext)
        elif isinstance(ext, dict):
            for k, v in ext.items():
                if "_Tagged" in repr(type(v)) or (isinstance(v, dict) and any(isinstance(x, _Tagged) for x in v.values())):
                    continue
                names.append(k)
                configs[k] = v or {}
    try:
        md = markdown.Markdown(extensions=names, extension_configs=configs)
    except Exception:  # an extension we cannot load outside MkDocs: the two that matter here
        md = markdown.Markdown(extensions=["attr_list", "toc"])

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)

    return render


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def static_server(directory: Path) -> Iterator[str]:
    """A plain static server, as a site owner would put site/ on one (no compression)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
                super().handle_error(request, client_address)  # a closed tab is not an error

    handler = functools.partial(Quiet, directory=str(directory))
    httpd = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def machine() -> dict[str, Any]:
    model = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = 0
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"nproc": nproc, "cpu": model, "ram_gb": round(mem / 2**30, 1),
            "python": platform.python_version(), "kernel": platform.release(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


# --- the stages -----------------------------------------------------------------------------------

@dataclass
class Size:
    """Everything measured for one N."""

    n: int
    work: Path
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def input(self) -> Path:
        return self.work / "input"

    @property
    def docs(self) -> Path:
        return self.work / "docs"

    @property
    def site(self) -> Path:
        return self.work / "site"

    def ok(self, stage: str) -> bool:
        return bool(self.stages.get(stage, {}).get("ok"))


def stage(size: Size, name: str, fn: Callable[[], dict[str, Any]], needs: tuple[str, ...] = ()) -> None:
    missing = [s for s in needs if not size.ok(s)]
    if missing:
        size.stages[name] = {"ok": False, "error": f"skipped: needs {', '.join(missing)}"}
        print(f"  {name:<12} skipped (needs {', '.join(missing)})", flush=True)
        return
    print(f"  {name:<12} …", end="", flush=True)
    start = time.perf_counter()
    try:
        result = fn()
        result["ok"] = True
        print(f" {time.perf_counter() - start:.1f} s", flush=True)
    except Exception as exc:  # a failed stage is a figure too: report it, go on
        detail = str(exc) if isinstance(exc, StageError) else traceback.format_exc(limit=3)
        result = {"ok": False, "error": detail.strip()[-2000:]}
        print(f" FAILED: {type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}", flush=True)
    size.stages[name] = result


def do_generate(size: Size, seed: int) -> dict[str, Any]:
    start = time.perf_counter()
    total = gen.write(size.input, size.n, seed)
    return {"seconds": round(time.perf_counter() - start, 2), "bytes": total,
            "average_kb": round(total / max(size.n, 1) / 1000, 2)}


def do_convert(size: Size, jobs: int, runs: int = 1) -> dict[str, Any]:
    """The first run writes size.docs (what the later stages build); the others convert the same input
    into fresh folders, kept until the end: deleting thousands of files just before a timed run makes
    the next files slower to create (ext4 skips inodes freed in the last minutes). The rate is taken from
    the fastest run, as timeit does: on a shared machine a slower run measures the neighbours."""
    timed: list[Run] = []
    for i in range(max(1, runs)):
        out = size.docs if i == 0 else size.work / f"docs-run{i + 1}"
        report = size.work / ("report.json" if i == 0 else f"report-run{i + 1}.json")
        timed.append(measure([PY, "-m", "scripts.convert", str(size.input), str(out), "--report", str(report),
                              "--jobs", str(jobs)], log=size.work / f"convert-run{i + 1}.log"))
        if i:
            LEFTOVERS.append(out)
    first, best = timed[0], min(timed, key=lambda r: r.wall)
    result = best.summary()
    result["first_seconds"] = round(first.wall, 2)  # the run `make site` is timed with (its output is built)
    result["runs_seconds"] = [round(r.wall, 2) for r in timed]
    result["peak_ours_mb"] = round(max(r.peak_ours_mb for r in timed), 1)
    result["articles_per_second"] = round(size.n / best.wall, 1) if best.wall else None
    result["report"] = read_report(size.work / "report.json")
    result["summary_line"] = (first.output.strip().splitlines() or [""])[-1][:300]
    return result


# hooks/search.py's INFO line: "Search: P pages, W words indexed into … (A s alongside the build, B s after it)."
_SEARCH_REPORT = re.compile(r"Search: (\d+) pages, (\d+) words .*?\(([\d.]+) s alongside the build, "
                            r"([\d.]+) s after it\)")
_SEARCH_LINE = re.compile(r"(pagefind|search|index)[^\n]*?(\d+(?:\.\d+)?)\s*(s|ms)\b", re.I)


def build_env(size: Size, report: str = "report.json") -> dict[str, str]:
    """What `make site` sets for the build, with the docs and the report of this run."""
    env = dict(os.environ, PORTAL_DOCS_DIR=str(size.docs), NO_MKDOCS_2_WARNING="1")
    if (size.work / report).exists():
        env["PORTAL_REPORT"] = str(size.work / report)
    return env


def do_build(size: Size, *, config: Path | None = None, site: Path | None = None,
             log_name: str = "build.log", report: str = "report.json",
             extra_env: dict[str, str] | None = None) -> dict[str, Any]:
    env = build_env(size, report)
    env.update(extra_env or {})
    env.pop("PORTAL_SITE_URL", None)
    site = site or size.site
    base = [PY, "-m", "mkdocs", "build", "-d", str(site)] + (["-f", str(config)] if config else [])
    strict_error = None
    try:
        run = measure(base + ["--strict"], env=env, log=size.work / log_name)
    except StageError as exc:  # keep measuring: the figures matter even when a warning fails strict
        strict_error = str(exc)
        run = measure(base, env=env, log=size.work / log_name)
    result = run.summary()
    result["strict"] = "passed" if strict_error is None else "FAILED"
    if strict_error:
        result["strict_error"] = strict_error[-1500:]
    site_bytes, site_files = tree_bytes(site)
    result["site_mb"], result["site_files"] = round(site_bytes / 1e6, 1), site_files
    if (site / "pagefind").is_dir():
        result["pagefind_index_mb"] = round(tree_bytes(site / "pagefind")[0] / 1e6, 2)
    m = _SEARCH_REPORT.search(run.output)
    if m:
        result["search_pages"], result["search_words"] = int(m[1]), int(m[2])
        result["search_alongside_s"], result["search_after_s"] = float(m[3]), float(m[4])
    else:
        reported = [m.group(0).strip() for m in _SEARCH_LINE.finditer(run.output)
                    if "pagefind" in m.group(0).lower() or "search" in m.group(0).lower()]
        if reported:
            result["search_reported"] = reported[-3:]
    result["warnings"] = sum(1 for ln in run.output.splitlines() if ln.startswith("WARNING"))
    return result


def do_nosearch(size: Size) -> dict[str, Any]:
    """The same build without search indexing: `PORTAL_SEARCH=off` when the hook honours it,
    else a copy of mkdocs.yml without the search hook."""
    hooks = [str(h) for h in project_config().get("hooks") or []]
    search_hooks = [h for h in hooks if "search" in h or "pagefind" in h]
    if any("PORTAL_SEARCH" in (SRC / h).read_text(encoding="utf-8") for h in search_hooks
           if (SRC / h).is_file()):
        result = do_build(size, site=size.work / "site-nosearch", log_name="nosearch.log",
                          extra_env={"PORTAL_SEARCH": "off"})
        result["how"] = "PORTAL_SEARCH=off"
    else:
        config, dropped = config_without_search(size.work / "mkdocs-nosearch.yml")
        if not dropped:
            raise StageError("mkdocs.yml has no search hook or Pagefind plugin yet: nothing to leave out")
        result = do_build(size, config=config, site=size.work / "site-nosearch", log_name="nosearch.log")
        result["how"] = f"without {', '.join(dropped)}"
    LEFTOVERS.append(size.work / "site-nosearch")
    return result


def do_reference(size: Size) -> dict[str, Any]:
    site = size.work / "site-reference"
    config = reference_config(size.work / "mkdocs-reference.yml", size.docs, site)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = measure([PY, "-m", "mkdocs", "build", "-f", str(config)], env=env, log=size.work / "reference.log")
    result = run.summary()
    index = site / "search" / "search_index.json"
    result["lunr_index_mb"] = round(index.stat().st_size / 1e6, 2) if index.exists() else None
    result["site_mb"] = round(tree_bytes(site)[0] / 1e6, 1)
    return result


def _article_pages(size: Size, site: Path, limit: int = 25) -> list[tuple[Path, Path]]:
    """(md, html) pairs for a spread of articles: the page at <prefix>/<slug>/ or at the md's path."""
    prefix = articles_prefix()
    mds = sorted(p for p in size.docs.rglob("*.md") if not p.name.startswith("."))
    rng = random.Random(size.n)
    rng.shuffle(mds)
    pairs = []
    for md in mds:
        meta, _ = split_front_matter(md.read_text(encoding="utf-8"))
        candidates = []
        if meta.get("slug"):
            candidates.append(site / prefix / str(meta["slug"]) / "index.html")
        candidates.append(site / md.relative_to(size.docs).with_suffix("") / "index.html")
        page = next((c for c in candidates if c.exists()), None)
        if page:
            pairs.append((md, page))
        if len(pairs) >= limit:
            break
    return pairs


def do_catalog(size: Size) -> dict[str, Any]:
    """Grouping, paging and related articles timed alone (scripts/catalog_timing.py, in the snapshot)."""
    return _catalog_timing([size])[0]


def _catalog_timing(sizes: list[Size]) -> list[dict[str, Any]]:
    done = subprocess.run([PY, "-m", "scripts.catalog_timing", *(str(s.docs) for s in sizes)], cwd=SRC,
                          capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise StageError(f"catalog timing failed: {done.stderr.strip()[-500:]}")
    timed = json.loads(done.stdout.strip().splitlines()[-1])
    return timed if isinstance(timed, list) else [timed]


def catalog_in_turn(sizes: list[Size]) -> None:
    """With several sizes, the catalog stage is timed again for all of them at once, their runs taken
    in turn, and those figures replace each size's own: the growth check compares costs measured at
    the same moments (each size's stage ran minutes apart, and the machine's speed moved in between
    by as much as the growth looked for: paging showed × 1.39 one run, × 0.97 taken in turn)."""
    timed_sizes = [s for s in sizes if s.ok("catalog")]
    if len(timed_sizes) < 2:
        return
    print(f"  catalog, the {len(timed_sizes)} sizes in turn …", end="", flush=True)
    start = time.perf_counter()
    try:
        timed = _catalog_timing(timed_sizes)
    except Exception as exc:  # keep each size's own figures
        print(f" FAILED: {type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}", flush=True)
        return
    print(f" {time.perf_counter() - start:.1f} s", flush=True)
    for size, result in zip(timed_sizes, timed):
        size.stages["catalog_alone"] = size.stages["catalog"]
        size.stages["catalog"] = dict(result, ok=True)
        derive(size)


def do_pages(size: Size) -> dict[str, Any]:
    render = markdown_renderer()
    pairs = _article_pages(size, size.site)
    if not pairs:
        raise StageError("no article page found in site/ for the converted articles")
    pages, around, gz, found = [], [], [], 0
    for md, page in pairs:
        html = page.read_bytes()
        _, body = split_front_matter(md.read_text(encoding="utf-8"))
        body_html = render(body).encode("utf-8")
        found += body_html[:200] in html
        pages.append(len(html))
        around.append(len(html) - len(body_html))
        gz.append(len(gzip.compress(html, 6)))
    result = {
        "sampled": len(pairs),
        "page_kb_median": round(statistics.median(pages) / 1000, 1),
        "page_gzip_kb_median": round(statistics.median(gz) / 1000, 1),
        "around_kb_median": round(statistics.median(around) / 1000, 1),
        "around_kb_max": round(max(around) / 1000, 1),
        "body_found_in_page": f"{found}/{len(pairs)}",
        "example": str(pairs[0][1].relative_to(size.site)),
    }
    ref = size.work / "site-reference"
    if ref.is_dir():
        ref_around = []
        for md, _ in pairs:
            rp = ref / md.relative_to(size.docs).with_suffix("") / "index.html"
            if rp.exists():
                _, body = split_front_matter(md.read_text(encoding="utf-8"))
                ref_around.append(rp.stat().st_size - len(render(body).encode("utf-8")))
        if ref_around:
            result["reference_around_kb_median"] = round(statistics.median(ref_around) / 1000, 1)
    return result


_FIRST_SEARCH_JS = """
async ([query, timeoutMs, pagefindUrl, raw]) => {
  const until = raw ? 0 : Date.now() + timeoutMs;
  while (typeof window.portalSearch !== 'function' && Date.now() < until) {
    await new Promise(r => setTimeout(r, 100));
  }
  let via = 'portalSearch', r;
  if (!raw && typeof window.portalSearch === 'function') {
    r = await window.portalSearch(query, {});
  } else {
    via = 'pagefind.js';
    const pf = await import(pagefindUrl);
    r = await pf.search(query);
  }
  const results = (r && r.results) || [];
  const top = await Promise.all(results.slice(0, 5).map(x => x.data()));
  return {via, count: results.length, titles: top.map(d => (d.meta && d.meta.title) || d.url)};
}
"""


def _kind(url: str) -> str:
    """Pagefind's file kinds: pagefind.js (+ its UI/highlight scripts), wasm, entry, meta, index
    chunks, filters, result fragments; the portal's bundle list and facet counts (manifest); the
    portal's own search script and style (portal)."""
    name = url.split("?", 1)[0].rsplit("/", 1)[-1]
    if name.startswith("portal-search."):
        return "portal"
    if "wasm" in name:
        return "wasm"
    if name.startswith("pagefind-entry"):
        return "entry"
    for ext in ("meta", "index", "filter", "fragment"):
        if name.endswith(f".pf_{ext}"):
            return ext
    if name.endswith(".json"):
        return "manifest"
    return "js" if name.endswith(".js") else "other"


def _counted(url: str) -> bool:
    """What a first search costs: everything under /pagefind/, and the portal's search script and
    style (loaded by every page, but only for search: counting them keeps the comparison with
    Pagefind alone honest)."""
    return "/pagefind/" in url or url.split("?", 1)[0].rsplit("/", 1)[-1].startswith("portal-search.")


_TYPE_IN_BOX_JS = """
async ([query, timeoutMs]) => {
  const input = document.querySelector('[data-portal-search-input]');
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const until = Date.now() + timeoutMs;
  const status = document.querySelector('[data-portal-search-status]');
  while (Date.now() < until) {
    const items = document.querySelectorAll('[data-portal-search-list] .portal-search-result__excerpt');
    if (items.length || /Không tìm thấy/.test(status.textContent)) break;
    await new Promise(r => setTimeout(r, 100));
  }
  return {via: 'header box', count: document.querySelectorAll('[data-portal-search-list] .portal-search-result__excerpt').length,
          status: status.textContent};
}
"""


def _visit(browser: Any, url: str, search: list[Any] | None = None, *, box: str | None = None,
           results_page: bool = False) -> dict[str, Any]:
    """Open `url` in a cold browser context (a first visit), then run a search in the page: typed
    into the header box (`box`), by script (`search`), or the results page's own (`results_page`,
    waited for until it has rendered its results). What the search fetched, by kind."""
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        requests: list[Any] = []
        page.on("requestfinished", lambda r: requests.append(r))
        page.goto(url, wait_until="networkidle")
        found = None
        if box is not None:
            found = page.evaluate(_TYPE_IN_BOX_JS, [box, 60000])
        elif search:
            found = page.evaluate(_FIRST_SEARCH_JS, search)
        elif results_page:
            page.wait_for_selector("#portal-search-page[data-state=done], #portal-search-page[data-state=error]",
                                   timeout=120000)
            found = {"via": "results page", "count": page.locator("[data-portal-results] > li").count()}
        page.wait_for_timeout(500)  # a results page renders, then fetches its fragments
        page.wait_for_load_state("networkidle")
        by_kind: dict[str, int] = {}
        counts: dict[str, int] = {}
        for req in requests:
            if _counted(req.url):
                k = _kind(req.url)
                by_kind[k] = by_kind.get(k, 0) + req.sizes()["responseBodySize"]
                counts[k] = counts.get(k, 0) + 1
        out = {"kb": round(sum(by_kind.values()) / 1000, 1),
               "by_kind_kb": {k: round(v / 1000, 1) for k, v in sorted(by_kind.items())}, "files": counts}
        if found:
            out["results"], out["via"] = found["count"], found["via"]
        return out
    finally:
        ctx.close()


def do_search(size: Size) -> dict[str, Any]:
    """A first search, cold cache, three ways: the results page opened with ?q= (what Enter in the
    header box does), `portalSearch` called on the home page (the box's live results), and
    Pagefind's own search on the home page (what the portal's query pipeline adds). Also what the
    search page costs opened empty."""
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    if not (size.site / "pagefind").is_dir():
        raise StageError("site/pagefind/ is missing: the build wrote no Pagefind index")
    if not os.path.exists(CHROMIUM):
        raise StageError(f"{CHROMIUM} is missing (apt-get install chromium)")
    pairs = _article_pages(size, size.site, limit=1)
    prefixes = ((project_config().get("extra") or {}).get("portal") or {}).get("prefixes") or {}
    search_page = str(prefixes.get("search") or "tim-kiem").strip("/") + "/"
    has_page = (size.site / search_page / "index.html").exists()
    out: dict[str, Any] = {"queries": {}}
    with static_server(size.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        # Pagefind alone: its own search on the bundle a first search reads (the newest), or on
        # the single index of a build without bundles.
        manifest = size.site / "pagefind" / "bundles.json"
        first = json.loads(manifest.read_text(encoding="utf-8"))["bundles"][0]["path"] if manifest.exists() else ""
        pf_url = base + f"pagefind/{first}pagefind.js"
        try:
            for query in QUERIES:
                q: dict[str, Any] = {}
                if has_page:
                    q["results_page"] = _visit(browser, f"{base}{search_page}?q={quote(query)}", results_page=True)
                q["box"] = _visit(browser, base, box=query)
                q["pagefind_alone"] = _visit(browser, base, [query, 0, pf_url, True])
                out["queries"][query] = q
            if has_page:
                out["empty_search_page"] = _visit(browser, base + search_page, results_page=True)
            if pairs:
                ctx = browser.new_context()
                page = ctx.new_page()
                requests: list[Any] = []
                page.on("requestfinished", lambda r: requests.append(r))
                page.goto(base + str(pairs[0][1].parent.relative_to(size.site)) + "/", wait_until="networkidle")
                out["article_first_visit_kb"] = round(
                    sum(r.sizes()["responseBodySize"] for r in requests) / 1000, 1)
                out["article_first_visit_requests"] = len(requests)
                ctx.close()
        finally:
            browser.close()
    main_way = "results_page" if has_page else "box"
    kbs = [q[main_way]["kb"] for q in out["queries"].values()]
    out["first_search_measured_on"] = main_way
    out["first_search_kb_typical"] = statistics.median(kbs)
    out["first_search_kb_max"] = max(kbs)
    out["box_kb_typical"] = statistics.median(q["box"]["kb"] for q in out["queries"].values())
    out["pagefind_alone_kb_typical"] = statistics.median(
        q["pagefind_alone"]["kb"] for q in out["queries"].values())
    if has_page:
        out["empty_search_page_kb"] = out["empty_search_page"]["kb"]
    return out


def _edit_one_input(size: Size) -> Path:
    files = sorted(size.input.glob("*.txt"))
    victim = files[len(files) // 2]
    text = victim.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    lines = text.split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += f" {EDIT_MARKER}."
    victim.write_text("\n".join(lines), encoding="utf-8")
    return victim


def do_incremental(size: Size, jobs: int) -> dict[str, Any]:
    noop_report = size.work / "report-noop.json"
    noop = measure([PY, "-m", "scripts.convert", str(size.input), str(size.docs), "--report",
                    str(noop_report), "--jobs", str(jobs)], log=size.work / "convert-noop.log")
    noop_counts = read_report(noop_report)
    victim = _edit_one_input(size)
    report = size.work / "report-2.json"
    conv = measure([PY, "-m", "scripts.convert", str(size.input), str(size.docs), "--report", str(report),
                    "--jobs", str(jobs)], log=size.work / "convert-2.log")
    counts = read_report(report)
    build = do_build(size, log_name="build-2.log", report="report-2.json")
    entry = next((e for e in json.loads(report.read_text(encoding="utf-8"))["files"]
                  if e.get("source") == victim.name), {})
    page = _page_of(size, entry["output"]) if entry.get("output") else None
    shown = bool(page) and EDIT_MARKER in page.read_text(encoding="utf-8")
    return {"noop_convert_seconds": round(noop.wall, 2), "noop_report": noop_counts,
            "convert_seconds": round(conv.wall, 2), "report": counts,
            "only_the_edited_one_converted": counts.get("converted") == 1
            and counts.get("unchanged") == size.n - 1,
            "build_seconds": build["seconds"], "edit_shown_after_rebuild": shown,
            "site_seconds": round(conv.wall + build["seconds"], 2)}


def _fetch(url: str, timeout: float = 5) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 - our own localhost
            return r.read().decode("utf-8", "replace")
    except Exception:
        return None


def _page_of(size: Size, output: str) -> Path | None:
    """The built page of a converted article (`output` as the report gives it)."""
    md = size.docs / output
    meta, _ = split_front_matter(md.read_text(encoding="utf-8")) if md.exists() else ({}, "")
    for page in (size.site / articles_prefix() / str(meta.get("slug", "")) / "index.html",
                 size.site / Path(output).with_suffix("") / "index.html"):
        if meta.get("slug") and page.exists():
            return page
    return None


def do_serve(size: Size, full_build_s: float | None) -> dict[str, Any]:
    """`make serve` as an editor uses it: save a raw article in the content folder, wait until the
    preview shows the change (the portal re-converts it and MkDocs rebuilds)."""
    report = size.work / ("report-2.json" if (size.work / "report-2.json").exists() else "report.json")
    entries = sorted((e for e in json.loads(report.read_text(encoding="utf-8"))["files"]
                      if e.get("output") and e.get("status") in ("converted", "unchanged")),
                     key=lambda e: e["source"])
    victim = page = None
    for e in entries[len(entries) // 3:] + entries[: len(entries) // 3]:
        page = _page_of(size, e["output"])
        if page:
            victim = size.input / e["source"]
            break
    if victim is None or page is None:
        raise StageError("no article page to watch")
    rel = str(page.parent.relative_to(size.site)) + "/"
    port = free_port()
    env = build_env(size, report.name)
    env["PORTAL_CONTENT_DIR"] = str(size.input)
    cmd = [PY, "-m", "mkdocs", "serve", *serve_args(), "-a", f"127.0.0.1:{port}"]
    log = open(size.work / "serve.log", "wb")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=SRC, env=env, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/{rel}"
    limit = max(600.0, size.n * 0.1)
    try:
        while _fetch(url) is None:
            if proc.poll() is not None:
                raise StageError(f"mkdocs serve exited {proc.returncode}: see {size.work / 'serve.log'}")
            if time.perf_counter() - start > limit:
                raise StageError("mkdocs serve did not answer in time")
            time.sleep(0.5)
        first = time.perf_counter() - start
        time.sleep(2)  # let the watchers settle before the edit
        text = victim.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").split("\n")
        longest = max(range(len(text)), key=lambda i: len(text[i]))
        text[longest] += f" {EDIT_MARKER} (serve)."
        victim.write_text("\n".join(text), encoding="utf-8")
        edited = time.perf_counter()
        while True:
            body = _fetch(url)
            if body and EDIT_MARKER in body:
                break
            if proc.poll() is not None:
                raise StageError(f"mkdocs serve exited {proc.returncode} while rebuilding")
            if time.perf_counter() - edited > limit:
                raise StageError("the edited article did not show in time (does serve watch the content folder?)")
            time.sleep(0.2)
        rebuild = time.perf_counter() - edited
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
    result = {"first_build_seconds": round(first, 1), "rebuild_seconds": round(rebuild, 1),
              "flags": serve_args(), "edited": victim.name}
    if full_build_s:
        result["rebuild_vs_full_build"] = round(rebuild / full_build_s, 2)
    return result


def bench_size(n: int, args: argparse.Namespace, workroot: Path) -> Size:
    size = Size(n, Path(tempfile.mkdtemp(prefix=f"bench-{n}-", dir=workroot)))
    stages = set(args.stages)
    print(f"N = {n}  ({size.work})", flush=True)
    stage(size, "generate", lambda: do_generate(size, args.seed))
    if "convert" in stages:
        stage(size, "convert", lambda: do_convert(size, args.jobs, args.convert_runs), needs=("generate",))
    if "catalog" in stages:
        stage(size, "catalog", lambda: do_catalog(size), needs=("convert",))
    if "build" in stages:
        stage(size, "build", lambda: do_build(size), needs=("convert",))
    if "nosearch" in stages:
        stage(size, "nosearch", lambda: do_nosearch(size), needs=("convert",))
    if "reference" in stages:
        stage(size, "reference", lambda: do_reference(size), needs=("convert",))
    if "pages" in stages:
        stage(size, "pages", lambda: do_pages(size), needs=("build",))
    if "search" in stages:
        stage(size, "search", lambda: do_search(size), needs=("build",))
    if "incremental" in stages:
        stage(size, "incremental", lambda: do_incremental(size, args.jobs), needs=("build",))
    if "serve" in stages:
        full = size.stages.get("build", {}).get("seconds")
        stage(size, "serve", lambda: do_serve(size, full), needs=("build",))
    derive(size)
    if not args.keep:
        LEFTOVERS.append(size.work)
    return size


def derive(size: Size) -> None:
    """The figures the issue asks for, from the stages."""
    st, d = size.stages, {}
    conv, build, ref = st.get("convert", {}), st.get("build", {}), st.get("reference", {})
    if conv.get("ok") and conv.get("seconds"):
        d["convert_articles_per_second"] = round(size.n / conv["seconds"], 1)
    if conv.get("ok") and build.get("ok"):
        d["site_seconds"] = round(conv.get("first_seconds", conv["seconds"]) + build["seconds"], 2)
    if d.get("site_seconds") and ref.get("ok"):
        d["site_vs_reference"] = round(d["site_seconds"] / ref["seconds"], 2)
    if conv.get("ok") and build.get("ok") and ref.get("ok") and ref.get("cpu_seconds"):
        d["site_cpu_vs_reference"] = round((conv["cpu_seconds"] + build["cpu_seconds"]) / ref["cpu_seconds"], 2)
    if build.get("ok") and st.get("nosearch", {}).get("ok"):
        d["search_seconds"] = round(build["seconds"] - st["nosearch"]["seconds"], 2)
    peaks = [st[s]["peak_ours_mb"] for s in ("convert", "build") if st.get(s, {}).get("ok")]
    if peaks:
        d["peak_ours_mb"] = max(peaks)
    if build.get("ok"):
        d["peak_pagefind_mb"] = build["peak_pagefind_mb"]
    for s in ("convert", "build", "nosearch", "reference"):
        if st.get(s, {}).get("ok"):
            d[f"{s}_ms_per_article"] = round(st[s]["seconds"] / size.n * 1000, 3)
    if st.get("catalog", {}).get("ok"):
        for part in CATALOG_PARTS:
            d[f"{part}_ms_per_article"] = round(st["catalog"][f"{part}_seconds"] / size.n * 1000, 4)
    st["derived"] = d


# --- report -----------------------------------------------------------------------------------

def _get(size: Size, path: str) -> Any:
    node: Any = size.stages
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _cell(size: Size, path: str, fmt: str = "{}", stage_name: str | None = None) -> str:
    stage_name = stage_name or path.split(".")[0]
    info = size.stages.get(stage_name)
    if stage_name != "derived" and (info is None):
        return "–"
    if stage_name != "derived" and not info.get("ok"):
        return "failed" if not str(info.get("error", "")).startswith("skipped") else "skipped"
    value = _get(size, path)
    if value is None:
        return "–"
    if isinstance(value, dict):
        return ", ".join(f"{v} {k}" for k, v in sorted(value.items()))
    if isinstance(value, list):
        return " / ".join(f"{v:.1f}" if isinstance(v, float) else str(v) for v in value)
    return fmt.format(value)


ROWS: list[tuple[str, str, str, str]] = [
    # label, path, format, target at 10,000
    ("Generated corpus (MB, KB/article)", "generate.bytes", "{:,}", ""),
    ("Conversion (s, fastest run)", "convert.seconds", "{:.1f}", ""),
    ("Conversion runs (s)", "convert.runs_seconds", "{}", ""),
    ("Conversion rate (articles/s)", "convert.articles_per_second", "{:,.0f}", "≥ 1,000"),
    ("Conversion cores used", "convert.cores_used", "{:.2f}", "2"),
    ("Conversion CPU (s)", "convert.cpu_seconds", "{:.1f}", ""),
    ("MkDocs build, hooks + search (s)", "build.seconds", "{:.1f}", ""),
    ("Build cores used", "build.cores_used", "{:.2f}", ""),
    ("Build CPU, Pagefind included (s)", "build.cpu_seconds", "{:.1f}", ""),
    ("Build without the search hook (s)", "nosearch.seconds", "{:.1f}", ""),
    ("Search indexing (s, difference)", "derived.search_seconds", "{:.1f}", ""),
    ("Search hook: waited after the build (s)", "build.search_after_s", "{:.1f}", ""),
    ("Whole `make site` (s)", "derived.site_seconds", "{:.1f}", ""),
    ("Plain Material build (s)", "reference.seconds", "{:.1f}", ""),
    ("Plain Material CPU (s)", "reference.cpu_seconds", "{:.1f}", ""),
    ("`make site` / plain Material", "derived.site_vs_reference", "{:.2f}", "≤ 1.5 (aim < 1)"),
    ("… the same in CPU seconds", "derived.site_cpu_vs_reference", "{:.2f}", ""),
    ("Peak memory, our processes (MB)", "derived.peak_ours_mb", "{:,.0f}", "< 1,024"),
    ("Peak memory, Pagefind (MB)", "derived.peak_pagefind_mb", "{:,.0f}", "reported"),
    ("Peak memory, plain Material (MB)", "reference.peak_ours_mb", "{:,.0f}", ""),
    ("Pagefind index (MB)", "build.pagefind_index_mb", "{:.1f}", ""),
    ("lunr index of plain Material (MB)", "reference.lunr_index_mb", "{:.1f}", ""),
    ("Site size (MB)", "build.site_mb", "{:,.0f}", ""),
    ("Article page, HTML (KB, median)", "pages.page_kb_median", "{:.1f}", ""),
    ("Page around the text (KB, median / max)", "pages.around_kb_median", "{:.1f}", "< 40"),
    ("Page around the text, plain Material (KB)", "pages.reference_around_kb_median", "{:.1f}", ""),
    ("Article first visit, all requests (KB)", "search.article_first_visit_kb", "{:,.0f}", ""),
    ("First search, results page ?q= (KB, typical / max)", "search.first_search_kb_typical", "{:.0f}", "< 300"),
    ("First search, live box on the home page (KB)", "search.box_kb_typical", "{:.0f}", ""),
    ("… same queries, Pagefind's own search (KB)", "search.pagefind_alone_kb_typical", "{:.0f}", ""),
    ("Search page opened empty (KB)", "search.empty_search_page_kb", "{:,.0f}", ""),
    ("Incremental: convert, nothing changed (s)", "incremental.noop_convert_seconds", "{:.2f}", ""),
    ("Incremental: report, nothing changed", "incremental.noop_report", "{}", "all unchanged"),
    ("Incremental: re-convert after 1 edit (s)", "incremental.convert_seconds", "{:.2f}", ""),
    ("Incremental: report", "incremental.report", "{}", "1 converted, rest unchanged"),
    ("Incremental: rebuild (s)", "incremental.build_seconds", "{:.1f}", ""),
    ("Incremental: edit shown", "incremental.edit_shown_after_rebuild", "{}", "True"),
    ("`make serve`: first build (s)", "serve.first_build_seconds", "{:.1f}", ""),
    ("`make serve`: edited article shown after (s)", "serve.rebuild_seconds", "{:.1f}", "≈ 0.1 × build"),
    ("Conversion (ms/article)", "derived.convert_ms_per_article", "{:.2f}", "not growing"),
    ("Build (ms/article)", "derived.build_ms_per_article", "{:.2f}", "not growing"),
    ("Plain Material (ms/article)", "derived.reference_ms_per_article", "{:.2f}", ""),
    ("Grouping: units, terms, years, documents (ms/article)", "derived.grouping_ms_per_article", "{:.3f}", "not growing"),
    ("Paging: every listing page and its HTML (ms/article)", "derived.paging_ms_per_article", "{:.3f}", "not growing"),
    ("Related articles, every article's list (ms/article)", "derived.related_ms_per_article", "{:.3f}", "not growing"),
]


def table(sizes: list[Size]) -> str:
    head = "| Measure | " + " | ".join(f"N = {s.n:,}" for s in sizes) + " | Target (N = 10,000) |"
    lines = [head, "|" + "---|" * (len(sizes) + 2)]
    for label, path, fmt, target in ROWS:
        cells = []
        for s in sizes:
            c = _cell(s, path, fmt)
            if path == "generate.bytes" and s.ok("generate"):
                c = f"{s.stages['generate']['bytes'] / 1e6:.1f} MB, {s.stages['generate']['average_kb']:.1f} KB"
            elif path == "pages.around_kb_median" and s.ok("pages"):
                c = f"{s.stages['pages']['around_kb_median']:.1f} / {s.stages['pages']['around_kb_max']:.1f}"
            elif path == "search.first_search_kb_typical" and s.ok("search"):
                c = f"{s.stages['search']['first_search_kb_typical']:.0f} / {s.stages['search']['first_search_kb_max']:.0f}"
            cells.append(c)
        if all(c in ("–",) for c in cells):
            continue
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")
    return "\n".join(lines)


def growth(sizes: list[Size]) -> list[str]:
    """Per-article cost between the smallest and largest size; flags what grows faster than N."""
    if len(sizes) < 2:
        return []
    a, b = sizes[0], sizes[-1]
    notes = []
    for s in ("convert", "build", "nosearch", "reference", *CATALOG_PARTS):
        pa, pb = _get(a, f"derived.{s}_ms_per_article"), _get(b, f"derived.{s}_ms_per_article")
        if pa and pb:
            ratio = pb / pa
            # related articles are n log n by design (a binary search per article and group)
            allowed = SUPERLINEAR * (math.log(b.n) / math.log(a.n) if s in NLOGN_PARTS and a.n > 1 else 1)
            flag = "SUPERLINEAR?" if ratio > allowed else "ok"
            notes.append(f"{s}: {pa:.3f} → {pb:.3f} ms/article from N={a.n:,} to N={b.n:,} "
                         f"(× {ratio:.2f}) {flag}")
    return notes


def verdicts(size: Size) -> list[str]:
    """Targets of issue 12, judged on one size's figures (meant for N = 10,000)."""
    out = []

    def judge(name: str, value: Any, ok: bool | None, shown: str) -> None:
        state = "n/a" if ok is None else ("met" if ok else "NOT met")
        out.append(f"{name}: {shown if value is not None else 'not measured'} → {state}")

    rate = _get(size, "derived.convert_articles_per_second")
    judge("conversion ≥ 1,000 articles/s", rate, None if rate is None else rate >= TARGET_CONVERT_RATE,
          f"{rate} articles/s")
    ratio = _get(size, "derived.site_vs_reference")
    judge("make site ≤ 1.5 × plain Material", ratio, None if ratio is None else ratio <= TARGET_SITE_RATIO,
          f"× {ratio}")
    peak = _get(size, "derived.peak_ours_mb")
    judge("our peak memory < 1 GB", peak, None if peak is None else peak < TARGET_OUR_PEAK_MB, f"{peak} MB "
          f"(Pagefind {_get(size, 'derived.peak_pagefind_mb')} MB)")
    around = _get(size, "pages.around_kb_max")
    judge("page around an article < 40 KB", around, None if around is None else around < TARGET_AROUND_KB,
          f"{around} KB (max of the sample)")
    kb = _get(size, "search.first_search_kb_max")
    judge("first search < 300 KB", kb, None if kb is None else kb < TARGET_SEARCH_KB, f"{kb} KB (max)")
    only = _get(size, "incremental.only_the_edited_one_converted")
    shown = _get(size, "incremental.edit_shown_after_rebuild")
    judge("second make site re-converts one article", only, None if only is None else bool(only and shown),
          f"{_get(size, 'incremental.report')}, edit shown: {shown}")
    rb = _get(size, "serve.rebuild_vs_full_build")
    judge("serve rebuild ≈ 0.1 × full build (aim)", rb, None if rb is None else rb <= 0.1, f"× {rb}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, nargs="+", default=[1000], help="archive sizes, e.g. --n 1000 10000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--convert-runs", type=int, default=3,
                    help="times the conversion is timed at each size (the rate is the fastest run's)")
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)), help="converter processes")
    ap.add_argument("--stages", default=",".join(ALL_STAGES),
                    help=f"comma-separated subset of {','.join(ALL_STAGES)}")
    ap.add_argument("--json", type=Path, default=ROOT / "build" / "bench" / "results.json")
    ap.add_argument("--workdir", type=Path, default=None, help="where the temporary sites go")
    ap.add_argument("--keep", action="store_true", help="keep the generated input, docs and sites")
    ap.add_argument("--nice", type=int, default=10, help="niceness added to the bench and its children")
    ap.add_argument("--no-snapshot", action="store_true",
                    help="run the working tree's code directly instead of a copy taken at the start")
    args = ap.parse_args(argv)
    args.stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = set(args.stages) - set(ALL_STAGES)
    if unknown:
        ap.error(f"unknown stages: {', '.join(sorted(unknown))}")
    if any(n < 1 for n in args.n):
        ap.error("--n must be positive")
    if args.nice:
        with contextlib.suppress(OSError):
            os.nice(args.nice)

    info = machine()
    print(f"Machine: {info['nproc']} cores ({info['cpu']}), {info['ram_gb']} GB RAM, "
          f"load {info['load_average_at_start']}", flush=True)
    workroot = args.workdir or Path(tempfile.gettempdir())
    workroot.mkdir(parents=True, exist_ok=True)
    code = Path(tempfile.mkdtemp(prefix="bench-code-", dir=workroot))
    if not args.no_snapshot:
        info["code"] = snapshot(code)
        print(f"Code: {info['code'].get('commit', '?')} "
              f"({info['code'].get('uncommitted_changes', '?')} uncommitted changes), copied to {code}",
              flush=True)
    sizes = [bench_size(n, args, workroot) for n in sorted(args.n)]
    catalog_in_turn(sizes)
    info["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    LEFTOVERS.append(code)
    for path in LEFTOVERS:
        shutil.rmtree(path, ignore_errors=True)

    md = table(sizes)
    notes = growth(sizes)
    judged = verdicts(sizes[-1])
    print()
    print(md)
    if notes:
        print("\nCost per article:")
        print("\n".join(f"- {n}" for n in notes))
    print(f"\nTargets at N = {sizes[-1].n:,}:")
    print("\n".join(f"- {v}" for v in judged))
    failed = [(s.n, name, st.get("error", "")) for s in sizes for name, st in s.stages.items()
              if isinstance(st, dict) and st.get("ok") is False]
    if failed:
        print("\nStages that failed:")
        for n, name, err in failed:
            first = err.splitlines()[-1] if err.startswith("Traceback") else (err.splitlines() or [""])[0]
            print(f"- N={n} {name}: {first}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "machine": info, "seed": args.seed, "jobs": args.jobs, "nice": args.nice,
        "sizes": {str(s.n): s.stages for s in sizes}, "growth": notes, "targets": judged, "table": md,
    }, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nResults: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
