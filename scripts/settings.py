"""The site owner's settings: `extra.portal` in mkdocs.yml plus the data files in scripts/data/.

Loaded once at the edge (CLI, hooks) and passed down as a plain, picklable value, so worker
processes and tests get exactly the same configuration.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent

DEFAULT_PREFIXES = {
    "articles": "bai-viet",
    "units": "don-vi",
    "terms": "nhiem-ky",
    "years": "nam",
    "documents": "van-ban",
}


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing anything: `!!python/name:` and `!ENV` tags become None."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LenientLoader)  # noqa: S506 - safe loader subclass


@dataclass(frozen=True)
class Settings:
    province: str | None = None
    page_size: int = 50
    latest: int = 10
    prefixes: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_PREFIXES))
    # data files, as loaded (see scripts/data/README.md for their shape)
    abbreviations: dict[str, str] = field(default_factory=dict)
    units: dict[str, Any] = field(default_factory=dict)
    noise: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, Any] = field(default_factory=dict)
    provinces: dict[str, Any] = field(default_factory=dict)
    layout: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:  # settings are used as lru_cache keys by compiled-pattern helpers
        return hash(self.fingerprint())

    @cached_property
    def _fingerprint(self) -> str:
        import hashlib
        import json

        blob = json.dumps(
            [self.province, self.prefixes.get("articles"), self.abbreviations, self.units, self.noise,
             self.documents, self.provinces, self.layout, self.people],
            sort_keys=True, ensure_ascii=False, default=str,
        )
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def fingerprint(self) -> str:
        """A stable digest of everything that changes the converter's output (for the manifest)."""
        return self._fingerprint


DATA_FILES = ("abbreviations", "units", "noise", "documents", "provinces", "layout", "people")


def load_data(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    return {name: load_yaml(data_dir / f"{name}.yml") or {}
            for name in DATA_FILES}


def load_settings(mkdocs_yml: Path | None = None, data_dir: Path = DATA_DIR) -> Settings:
    """Settings from mkdocs.yml's `extra.portal` (when the file exists) and the data files."""
    portal: dict[str, Any] = {}
    path = mkdocs_yml if mkdocs_yml is not None else ROOT / "mkdocs.yml"
    if path.exists():
        config = load_yaml(path) or {}
        portal = ((config.get("extra") or {}).get("portal")) or {}
    return settings_from(portal, load_data(data_dir))


def settings_from(portal: dict[str, Any], data: dict[str, Any]) -> Settings:
    prefixes = dict(DEFAULT_PREFIXES)
    prefixes.update({k: str(v).strip("/") for k, v in (portal.get("prefixes") or {}).items() if v})
    return Settings(
        province=portal.get("province") or None,
        page_size=int(portal.get("page_size") or 50),
        latest=int(portal.get("latest") or 10),
        prefixes=prefixes,
        abbreviations=data.get("abbreviations") or {},
        units=data.get("units") or {},
        noise=data.get("noise") or {},
        documents=data.get("documents") or {},
        provinces=data.get("provinces") or {},
        layout=data.get("layout") or {},
        people=data.get("people") or {},
    )
