"""Reading the articles' front matter: only the YAML block, as JSON values, many files on two cores.

The portal hook needs every article's front matter before it can make any listing, and on a first
build of a large archive reading that YAML is most of the hook's time (about 0.3 ms per article,
serial). Above `PARALLEL_MIN` files a helper process (`python -m scripts.front_matter`) reads the
second half while the build's process reads the first: the second core has nothing else to do yet.
Values come back as JSON would give them (dates as text), the form the hook's disk cache keeps, so a
build from the cache is the same build.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Sequence

import yaml

ROOT = Path(__file__).resolve().parent.parent
PARALLEL_MIN = 2000   # below this a helper's start (about 0.1 s) costs more than it saves
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Reading = tuple[dict, "str | None"]   # (front matter, why it could not be read)


def read_front_matter(path: str) -> Reading:
    """Only the YAML block between the first two `---` lines: the body is never read here.
    A file without a closed block has no front matter; one whose YAML is broken says why."""
    lines = []
    try:
        with open(path, encoding="utf-8-sig") as fh:
            if fh.readline().rstrip("\r\n") != "---":
                return {}, None
            for line in fh:
                if line.rstrip("\r\n") in ("---", "..."):
                    break
                lines.append(line)
            else:
                return {}, None
    except (OSError, UnicodeDecodeError) as err:
        return {}, f"Cannot read {path}: {err}"
    try:
        meta = yaml.load("".join(lines), Loader=_Loader)  # noqa: S506 - safe loader
    except yaml.YAMLError as err:
        return {}, f"Cannot read the front matter of {path}: {err}"
    return (meta if isinstance(meta, dict) else {}), None


def as_json(readings: list[Reading]) -> str:
    return json.dumps(readings, ensure_ascii=False, default=str)


def _read_here(paths: Sequence[str]) -> list:
    """Readings made in this process, as JSON values (what the helper's answer gives too)."""
    return json.loads(as_json([read_front_matter(p) for p in paths]))


def read_many(paths: Sequence[str], parallel_min: int = PARALLEL_MIN) -> list[Reading]:
    """Every path's reading, in order, JSON values; a helper process takes half of a long list."""
    if len(paths) < max(parallel_min, 2):
        return [tuple(r) for r in _read_here(paths)]
    half = len(paths) // 2
    second = None
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".paths") as listing:
        listing.write("\0".join(paths[half:]))
        listing.flush()
        try:
            helper = subprocess.Popen([sys.executable, "-m", "scripts.front_matter", listing.name], cwd=ROOT,
                                      stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            helper = None
        first = _read_here(paths[:half])
        if helper is not None:
            out, _ = helper.communicate()
            try:
                second = json.loads(out.decode("utf-8")) if helper.returncode == 0 else None
            except ValueError:
                pass
    if not isinstance(second, list) or len(second) != len(paths) - half:
        second = _read_here(paths[half:])   # the helper is only a shortcut
    return [tuple(r) for r in first + second]


def main() -> None:
    """The helper: a file of paths separated by NUL; their readings as a JSON list on standard output."""
    paths = [p for p in Path(sys.argv[1]).read_text(encoding="utf-8").split("\0") if p]
    sys.stdout.buffer.write(as_json([read_front_matter(p) for p in paths]).encode("utf-8"))


if __name__ == "__main__":
    main()
