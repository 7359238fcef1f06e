"""The portal's sample content (content/) and its hand-made readings (tests/content_readings.yaml).

The sample is what a fresh clone's `make site` shows, and the readings are the yardstick the converter
is scored against on it: these tests keep the two in step when an editor adds or changes an article.
"""
from __future__ import annotations

import collections
import pathlib

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
READINGS = yaml.safe_load((ROOT / "tests" / "content_readings.yaml").read_text(encoding="utf-8"))
LEVELS = {"chi bộ", "đảng bộ cơ sở", "cấp huyện", "cấp tỉnh", "toàn quốc", "khác"}
CONTRACT_KEYS = {"title", "date", "event_date", "year", "unit", "unit_key", "unit_level", "province", "terms",
                 "congress_number", "congresses", "author", "author_note", "documents", "people", "captions",
                 "views", "summary", "slug", "source_file", "source_sha256", "source_encoding", "warnings",
                 "overrides"}


def _lines(name: str) -> list[str]:
    return [ln.strip() for ln in (CONTENT / name).read_text(encoding="utf-8").splitlines()]


def test_every_sample_article_has_exactly_one_reading() -> None:
    files = sorted(p.name for p in CONTENT.glob("*.txt"))
    read = [r["file"] for r in READINGS]
    assert sorted(read) == files
    assert len(files) >= 16


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r["file"])
def test_noise_caption_duplicate_and_subheading_lines_are_verbatim_in_the_article(reading: dict) -> None:
    lines = _lines(reading["file"])
    for field in ("noise", "captions", "duplicates", "subheadings"):
        for item in reading.get(field) or []:
            assert str(item).strip() in lines, f"{field}: {item!r}"
    for item in reading.get("duplicates") or []:
        assert lines.count(str(item).strip()) >= 2, f"not printed twice: {item!r}"


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r["file"])
def test_terms_are_normalised_spans_and_levels_are_the_contracts(reading: dict) -> None:
    for term in reading["terms"]:
        start, end = (int(x) for x in term.split("-"))
        assert 1 <= end - start <= 5, term
    assert reading["unit_level"] in LEVELS


def test_one_or_two_sample_articles_are_undated() -> None:
    undated = [r["file"] for r in READINGS if r["date"] is None and r["event_date"] is None]
    assert 1 <= len(undated) <= 2


def test_sample_spans_every_level_and_years_2015_to_2025() -> None:
    assert {r["unit_level"] for r in READINGS} == LEVELS
    years = {(r["date"] or r["event_date"]).year for r in READINGS if r["date"] or r["event_date"]}
    assert set(range(2015, 2026)) <= years


def test_some_units_and_documents_are_shared_between_articles() -> None:
    # several spellings of one unit must land on one unit page, several citations on one document page
    units = collections.Counter(r["unit"].replace("uỷ", "ủy").replace("Thuỷ", "Thủy") for r in READINGS)
    assert sum(1 for n in units.values() if n >= 2) >= 4
    cited = collections.Counter((d["ref"], d["date"].year if d["date"] else None)
                                for r in READINGS for d in r["documents"])
    assert cited[("35-CT/TW", 2019)] >= 3 and cited[("45-CT/TW", 2025)] >= 3
    years_by_ref = collections.defaultdict(set)
    for ref, year in cited:
        years_by_ref[ref].add(year)
    assert any(len(y) >= 2 for y in years_by_ref.values()), "a document number reused in another year"


def test_editor_corrections_sit_beside_an_article_and_use_contract_keys() -> None:
    metas = sorted(CONTENT.glob("*.meta.yml"))
    assert metas
    for meta in metas:
        assert (CONTENT / meta.name.replace(".meta.yml", ".txt")).exists()
        values = yaml.safe_load(meta.read_text(encoding="utf-8"))
        assert values and set(values) <= CONTRACT_KEYS
        reading = next(r for r in READINGS if r["file"] == meta.name.replace(".meta.yml", ".txt"))
        for key, value in values.items():
            assert reading[key] == value, f"the reading must give the corrected {key}"
