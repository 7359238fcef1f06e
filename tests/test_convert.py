"""The converter CLI: every file accounted for, nothing lost or overwritten, reruns that rewrite nothing."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import frontmatter
import pytest

from scripts import convert, pipeline
from scripts.convert import MANIFEST_NAME, STATUSES, Entry
from scripts.settings import load_settings
from tests.conftest import ROOT
from tests.fixtures import make_inputs as fx

SETTINGS = load_settings()
ENTRY_KEYS = ["source", "status", "output", "reason", "warnings", "duplicate_of"]


def run(src: Path, out: Path, **kw) -> dict[str, Entry]:
    entries = convert.convert(src, out, SETTINGS, **kw)
    sources = [e.source for e in entries if e.status != "removed"]
    assert len(sources) == len(set(sources)), "an input reported twice"
    return {e.source if e.status != "removed" else f"removed:{e.source}": e for e in entries}


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scripts.convert", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def write(folder: Path, rel: str, data: str | bytes) -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def meta(out: Path, entry: Entry) -> dict:
    assert entry.output is not None
    return frontmatter.load(out / entry.output).metadata


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def fixtures(tmp_path: Path) -> Path:
    return fx.write(tmp_path / "in")


# --- the fixture set, in one run ----------------------------------------------------------------------

EXPECTED_STATUS = {
    "broken/binary.txt": "rejected", "broken/empty.txt": "rejected", "broken/whitespace.txt": "rejected",
    "broken/pdf-renamed.txt": "rejected", "broken/menu.txt": "rejected",
    "other/picture.jpg": "skipped", "other/notes.docx.md": "skipped", "orphan/nothing.meta.yml": "skipped",
    "utf8/article-a.meta.yml": "skipped",          # invalid YAML: not applied
    "utf8/article-b-bom.meta.yml": "override",
    "zz-copies/article-a.txt": "duplicate",
}


def test_committed_fixtures_are_what_the_generator_writes() -> None:
    committed = {p.relative_to(fx.INPUT).as_posix(): p.read_bytes() for p in fx.INPUT.rglob("*") if p.is_file()}
    assert committed == fx.files()


def test_every_input_file_is_reported_once_with_its_status(fixtures: Path, tmp_path: Path) -> None:
    entries = run(fixtures, tmp_path / "out")
    inputs = {p.relative_to(fixtures).as_posix() for p in fixtures.rglob("*") if p.is_file()}
    assert set(entries) == inputs
    for source, entry in entries.items():
        assert entry.status == EXPECTED_STATUS.get(source, "converted"), (source, entry)
        assert (entry.reason is None) == (entry.status in ("converted", "unchanged")), entry
        if entry.status == "rejected":
            assert source in entry.reason  # the reason names the file


def test_legacy_files_come_out_as_the_words_written(fixtures: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    entries = run(fixtures, out)
    for source, title, encoding in [
        ("legacy/cp1258.txt", fx.LEGACY_TEXT, "cp1258"), ("legacy/tcvn3-iconv.txt", fx.LEGACY_TEXT, "tcvn3"),
        ("legacy/tcvn3-capitals.txt", fx.CAPITALS_TEXT, "tcvn3"), ("legacy/vni.txt", fx.CAPITALS_TEXT, "vni"),
        ("mojibake/tcvn3-mojibake.txt", fx.CAPITALS_TEXT, "tcvn3-mojibake"),
        ("mojibake/vni-mojibake.txt", fx.CAPITALS_TEXT, "vni-mojibake"),
        ("mojibake/utf8-double.txt", fx.LEGACY_TEXT, "utf-8-mojibake"),
        ("utf16/article-b-utf16le-bom.txt", fx.ARTICLE_B, "utf-16"),
    ]:
        page = frontmatter.load(out / entries[source].output)
        assert page["source_encoding"] == encoding
        assert page["title"] == title.split("\n", 1)[0]
        assert "thảo luận, đóng góp ý kiến" in page.content or "Báo cáo chính trị" in page.content


def test_report_entries_have_exactly_the_contract_keys(fixtures: Path, tmp_path: Path) -> None:
    result = cli(fixtures, tmp_path / "out", "--report", tmp_path / "r.json", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert list(report) == ["files"]
    for item in report["files"]:
        assert list(item) == ENTRY_KEYS
        assert item["status"] in STATUSES
        assert isinstance(item["warnings"], list)


def test_summary_line_agrees_with_the_report(fixtures: Path, tmp_path: Path) -> None:
    result = cli(fixtures, tmp_path / "out", "--report", tmp_path / "r.json")
    files = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"]
    line = result.stdout.strip().splitlines()[-1]
    counts = Counter(f["status"] for f in files)
    for status in STATUSES:
        assert re.search(rf"\b{counts.get(status, 0)} {status}\b", line), (status, line)
    assert f"{sum(len(f['warnings']) for f in files)} warnings" in line
    assert "Traceback" not in result.stderr


# --- exit status ----------------------------------------------------------------------------------


def test_exit_0_with_rejections_and_1_with_strict(fixtures: Path, tmp_path: Path) -> None:
    assert cli(fixtures, tmp_path / "a").returncode == 0
    strict = cli(fixtures, tmp_path / "b", "--strict")
    assert strict.returncode == 1
    assert "Traceback" not in strict.stderr


def test_strict_passes_when_nothing_is_rejected_or_warned(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write(src, "a.txt", fx.ARTICLE_A)
    out = tmp_path / "out"
    entries = run(src, out)
    if entries["a.txt"].warnings:
        pytest.skip("the reader warns about this article; --strict would rightly fail")
    assert cli(src, tmp_path / "out2", "--strict").returncode == 0


@pytest.mark.parametrize("args", [
    ["/nonexistent/folder", "OUT"], ["IN", "OUT", "--jobs", "0"], ["IN", "OUT", "--jobs", "many"],
    ["IN", "IN"], ["IN"], ["IN", "OUT", "--config", "/nonexistent/mkdocs.yml"], ["IN", "OUT", "--bogus"],
])
def test_usage_errors_exit_2_without_a_traceback(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "IN").mkdir()
    args = [str(tmp_path / a) if a in ("IN", "OUT") else a for a in args]
    result = cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "error" in result.stderr


def test_a_crash_in_the_pipeline_is_a_rejection_naming_the_error(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "in"
    write(src, "good.txt", fx.ARTICLE_A)
    write(src, "bad.txt", fx.ARTICLE_B)
    real = pipeline.read_article

    def flaky(raw: bytes, source: str, settings):
        if source == "bad.txt":
            raise ZeroDivisionError("boom")
        return real(raw, source, settings)

    monkeypatch.setattr(pipeline, "read_article", flaky)
    entries = run(src, tmp_path / "out", jobs=1)
    assert entries["bad.txt"].status == "rejected"
    assert "ZeroDivisionError" in entries["bad.txt"].reason and "boom" in entries["bad.txt"].reason
    assert entries["good.txt"].status == "converted"


# --- ownership -------------------------------------------------------------------------------------


def test_rerun_rewrites_nothing(fixtures: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run(fixtures, out)
    before = snapshot(out)
    second = run(fixtures, out)
    assert snapshot(out) == before  # same bytes, same modification times
    for source, entry in first.items():
        expected = "unchanged" if entry.status == "converted" else entry.status
        assert second[source].status == expected
        assert second[source].output == entry.output


def test_rerun_after_a_code_or_settings_change_reads_again_but_writes_nothing_new(
        fixtures: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    run(fixtures, out)
    before = snapshot(out)
    monkeypatch.setattr(convert, "code_fingerprint", lambda: "different")
    entries = run(fixtures, out)
    assert all(e.status != "converted" for e in entries.values())
    after = snapshot(out)
    assert {k: v for k, v in after.items() if k != MANIFEST_NAME} == \
        {k: v for k, v in before.items() if k != MANIFEST_NAME}


def test_input_gone_means_output_removed(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    gone = write(src, "a.txt", fx.ARTICLE_A)
    write(src, "b.txt", fx.ARTICLE_B)
    output = run(src, out)["a.txt"].output
    gone.unlink()
    entries = run(src, out)
    assert entries["removed:a.txt"].status == "removed"
    assert entries["removed:a.txt"].output == output
    assert not (out / output).exists()
    assert entries["b.txt"].status == "unchanged"


def test_output_edited_by_hand_is_kept_with_advice(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt", fx.ARTICLE_A)
    output = out / run(src, out)["a.txt"].output
    output.write_text(output.read_text(encoding="utf-8") + "\nSửa tay.\n", encoding="utf-8")
    edited = output.read_bytes()
    write(src, "a.txt", fx.ARTICLE_A + "Thêm một dòng.\n")  # even a changed input does not overwrite it
    entry = run(src, out)["a.txt"]
    assert entry.status == "edited"
    assert "a.meta.yml" in entry.reason
    assert output.read_bytes() == edited
    # and when its input goes, the hand-edited output stays (no longer managed)
    (src / "a.txt").unlink()
    entries = run(src, out)
    assert output.read_bytes() == edited
    assert not any(e.status == "removed" for e in entries.values())


def test_files_the_converter_did_not_write_are_never_touched(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt", fx.ARTICLE_A)
    mine = {"index.md": "# Trang chủ\n", "bai-viet/ghi-chu.md": "ghi chú\n", "assets/x.css": "a{}\n"}
    for rel, text in mine.items():
        write(out, rel, text)
    slug = run(src, out)["a.txt"].output
    # an unowned file where the article wants to go: the article takes the next free name
    (out / slug).unlink()
    foreign = write(out, slug, "của người khác\n")
    shutil.rmtree(src)
    src.mkdir()
    write(src, "b.txt", fx.ARTICLE_A)
    entries = run(src, out)
    assert foreign.read_text(encoding="utf-8") == "của người khác\n"
    assert entries["b.txt"].output != slug and entries["b.txt"].output.endswith("-2.md")
    for rel, text in mine.items():
        assert (out / rel).read_text(encoding="utf-8") == text


def test_lost_manifest_adopts_identical_outputs_instead_of_duplicating(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt", fx.ARTICLE_A)
    first = run(src, out)["a.txt"]
    (out / MANIFEST_NAME).unlink()
    second = run(src, out)["a.txt"]
    assert second.status == "unchanged" and second.output == first.output
    assert len(list((out / "bai-viet").iterdir())) == 1


def test_writes_leave_no_temporary_files(fixtures: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(fixtures, out)
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert all(v["output"].startswith("bai-viet/") for v in manifest["files"].values())


def test_output_inside_input_is_not_read_as_input(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write(src, "a.txt", fx.ARTICLE_A)
    run(src, src / "out")
    entries = run(src, src / "out")
    assert set(entries) == {"a.txt"}


# --- slugs -----------------------------------------------------------------------------------------


def test_same_headline_gives_distinct_slugs_that_stay(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "m.txt", fx.ARTICLE_A)
    first = run(src, out)["m.txt"].output
    # a newcomer with the same headline that sorts first still does not take the slug
    write(src, "a.txt", fx.ARTICLE_A.replace("120 đại biểu", "130 đại biểu"))
    entries = run(src, out)
    assert entries["m.txt"].output == first and entries["m.txt"].status == "unchanged"
    assert entries["a.txt"].output == first.replace(".md", "-2.md")
    assert meta(out, entries["a.txt"])["slug"] == Path(first).stem + "-2"
    write(src, "z.txt", fx.ARTICLE_A.replace("120 đại biểu", "140 đại biểu"))
    assert run(src, out)["z.txt"].output == first.replace(".md", "-3.md")



def test_placed_as_they_arrive_an_article_keeping_its_slug_still_beats_an_earlier_newcomer(tmp_path: Path) -> None:
    """Results are placed while the pool runs; a newcomer that sorts first waits for the articles that
    may keep their slugs (the one at the end, whose body changed but not its headline)."""
    src, out = tmp_path / "in", tmp_path / "out"
    for i in range(40):
        write(src, f"m{i:02d}.txt", fx.ARTICLE_A.replace("Tân Phong", f"Tân Phong {i}", 1))
    first = run(src, out, jobs=2)["m39.txt"].output
    for i in range(40):  # every article read again (so the pool runs), the last one keeping its slug
        write(src, f"m{i:02d}.txt", fx.ARTICLE_A.replace("Tân Phong", f"Tân Phong {i}", 1) + "\nThêm.\n")
    write(src, "a.txt", fx.ARTICLE_A.replace("Tân Phong", "Tân Phong 39", 1).replace("120 đại biểu", "130 đại biểu"))
    entries = run(src, out, jobs=2)
    assert entries["m39.txt"].output == first and entries["m39.txt"].status == "converted"
    assert entries["a.txt"].output == first.replace(".md", "-2.md")


def test_a_failed_write_stops_the_run_with_exit_2(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    for i in range(40):
        write(src, f"{i:02d}.txt", fx.ARTICLE_A.replace("Tân Phong", f"Tân Phong {i}", 1))
    taken = run(src, tmp_path / "probe")["05.txt"].output
    (out / taken).mkdir(parents=True)  # a folder where an article's file should go: the rename fails
    result = cli(src, out, "--jobs", "2")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not (out / MANIFEST_NAME).exists()
    assert not [p for p in (out / "bai-viet").iterdir() if p.name.startswith(".convert-")]

def test_a_changed_title_moves_the_article_and_removes_the_old_file(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt", fx.ARTICLE_A)
    old = run(src, out)["a.txt"].output
    write(src, "a.txt", fx.ARTICLE_A.replace("Tân Phong", "Tân Thịnh", 1))
    entries = run(src, out)
    assert entries["a.txt"].status == "converted" and entries["a.txt"].output != old
    assert "tan-thinh" in entries["a.txt"].output
    assert entries["removed:a.txt"].output == old and not (out / old).exists()


def test_long_titles_with_suffix_stay_within_80_characters() -> None:
    base = "dai-hoi-dang-bo-" + "-".join(["xa-tan-phong"] * 6)
    base = base[:80].rsplit("-", 1)[0]
    for n in (2, 10, 100):
        slug = convert._slug_with_suffix(base, n)
        assert len(slug) <= 80 and slug.endswith(f"-{n}") and "--" not in slug


# --- duplicates ----------------------------------------------------------------------------------


def test_byte_identical_files_are_one_article(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt", fx.ARTICLE_A)
    write(src, "sub/a-again.txt", fx.ARTICLE_A)
    entries = run(src, out)
    assert entries["a.txt"].status == "converted"
    assert entries["sub/a-again.txt"].status == "duplicate"
    assert entries["sub/a-again.txt"].duplicate_of == "a.txt"
    assert len(list((out / "bai-viet").iterdir())) == 1


def test_duplicates_of_a_rejected_file_are_rejected_too(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write(src, "a.txt", b"")
    write(src, "b.txt", b"")
    entries = run(src, tmp_path / "out")
    assert entries["a.txt"].status == entries["b.txt"].status == "rejected"
    assert "a.txt" in entries["b.txt"].reason


# --- editors' corrections ------------------------------------------------------------------------


def test_meta_yml_values_win_on_every_run(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt", fx.ARTICLE_A)
    write(src, "a.meta.yml", "unit: Đảng bộ xã Tân Phong mới\ndate: 2020-07-12\nterms: [2020-2025]\n"
                             "note_for_readers: 'Bài đã được hiệu đính'\n")
    entries = run(src, out)
    assert entries["a.meta.yml"].status == "override"
    assert entries["a.meta.yml"].output == entries["a.txt"].output
    fm = meta(out, entries["a.txt"])
    assert fm["unit"] == "Đảng bộ xã Tân Phong mới"
    assert fm["date"] == "2020-07-12" and fm["year"] == 2020
    assert fm["terms"] == ["2020-2025"]
    assert fm["note_for_readers"] == "Bài đã được hiệu đính"
    assert fm["overrides"] == ["date", "note_for_readers", "terms", "unit"]
    again = run(src, out)
    assert again["a.txt"].status == "unchanged" and again["a.meta.yml"].status == "override"
    # changing the corrections file alone rewrites the article
    write(src, "a.meta.yml", "unit: Đảng bộ xã Tân Phong\n")
    third = run(src, out)
    assert third["a.txt"].status == "converted"
    assert meta(out, third["a.txt"])["overrides"] == ["unit"]


def test_meta_yml_title_changes_the_slug_and_keeps_yaml_special_characters(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt", fx.ARTICLE_A)
    write(src, "a.meta.yml", "title: 'Tiêu đề: \"mới\" # hay'\n")
    entry = run(src, out)["a.txt"]
    fm = meta(out, entry)
    assert fm["title"] == 'Tiêu đề: "mới" # hay'
    assert fm["slug"] == "tieu-de-moi-hay" and entry.output == "bai-viet/tieu-de-moi-hay.md"


def test_meta_yml_cannot_escape_the_output_folder_or_rewrite_provenance(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt", fx.ARTICLE_A)
    write(src, "a.meta.yml", "slug: ../../../etc/passwd\nsource_file: other.txt\ndate: 31/12/2020\n")
    entry = run(src, out)["a.txt"]
    fm = meta(out, entry)
    assert entry.output == "bai-viet/etc-passwd.md"
    assert fm["source_file"] == "a.txt"
    assert fm["date"] != "31/12/2020"
    assert fm["overrides"] == ["slug"]
    assert any("source_file" in w for w in entry.warnings) and any("'date'" in w for w in entry.warnings)


def test_invalid_meta_yml_is_a_warning_and_the_article_is_converted_without_it(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt", fx.ARTICLE_A)
    write(src, "a.meta.yml", "title: [unclosed\n")
    entries = run(src, out)
    assert entries["a.txt"].status == "converted"
    assert any("a.meta.yml" in w and "YAML" in w for w in entries["a.txt"].warnings)
    assert entries["a.meta.yml"].status == "skipped" and "YAML" in entries["a.meta.yml"].reason
    assert meta(out, entries["a.txt"])["overrides"] == []
    again = run(src, out)  # the warning stays on an unchanged rerun
    assert again["a.txt"].status == "unchanged" and again["a.txt"].warnings == entries["a.txt"].warnings


# --- the process pool ----------------------------------------------------------------------------


def test_pool_gives_the_same_outputs_as_one_process(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for i in range(40):
        write(src, f"{i:02d}.txt", fx.ARTICLE_A.replace("120 đại biểu", f"{100 + i} đại biểu"))
    one = run(src, tmp_path / "one", jobs=1)
    two = run(src, tmp_path / "two", jobs=2)
    assert {k: (e.status, e.output) for k, e in one.items()} == {k: (e.status, e.output) for k, e in two.items()}
    a = {k: v[0] for k, v in snapshot(tmp_path / "one").items() if k != MANIFEST_NAME}
    b = {k: v[0] for k, v in snapshot(tmp_path / "two").items() if k != MANIFEST_NAME}
    assert a == b and len(a) == 40


def test_unreadable_names_and_symlinks_are_accounted_for(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write(src, "a.txt", fx.ARTICLE_A)
    os.symlink(src / "a.txt", src / "link.txt")
    (src / os.fsdecode(b"t\xean-l\xe1.txt")).write_bytes(fx.ARTICLE_B.encode())
    entries = run(src, tmp_path / "out")
    assert entries["link.txt"].status == "skipped"
    odd = [e for k, e in entries.items() if k.startswith("t")]
    assert len(odd) == 1 and odd[0].status == "converted"
    assert json.dumps([e.to_json() for e in entries.values()], ensure_ascii=False).encode("utf-8")


def test_an_input_that_stops_being_an_article_loses_its_output(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt", fx.ARTICLE_A)
    output = run(src, out)["a.txt"].output
    write(src, "a.txt", fx.MENU)
    entries = run(src, out)
    assert entries["a.txt"].status == "rejected"
    assert entries["removed:a.txt"].output == output and not (out / output).exists()


def test_an_unwritable_output_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt", fx.ARTICLE_A)
    write(out, "bai-viet", "a file where the articles' folder should be\n")
    result = cli(src, out)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "error" in result.stderr
    assert (out / "bai-viet").read_text(encoding="utf-8").startswith("a file")


def test_six_megabytes_on_one_line_convert_in_bounded_time(tmp_path: Path) -> None:
    import time

    src = tmp_path / "in"
    line = fx.LEGACY_TEXT.replace("\n", " ")
    write(src, "big.txt", line * (6_200_000 // len(line.encode())))
    assert (src / "big.txt").stat().st_size > 6_000_000
    start = time.process_time()
    entry = run(src, tmp_path / "out", jobs=1)["big.txt"]
    assert entry.status in ("converted", "rejected")
    assert time.process_time() - start < 60, "a runaway pattern: 6 MB took over a minute of CPU"


def _pool_sized_input(src: Path) -> None:
    """40 different articles: enough for the converter to use its process pool."""
    for i in range(40):
        write(src, f"{i:02d}.txt", fx.ARTICLE_A.replace("120 đại biểu", f"{100 + i} đại biểu"))


def _in_workers(monkeypatch, before_reading) -> None:
    """The reader, with `before_reading(source)` run first in the pool's workers (not in this process)."""
    parent, real = os.getpid(), pipeline.read_article

    def read_article(raw: bytes, source: str, settings):
        if os.getpid() != parent:
            before_reading(source)
        return real(raw, source, settings)

    monkeypatch.setattr(pipeline, "read_article", read_article)


def test_a_worker_that_dies_does_not_lose_the_run(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "in"
    _pool_sized_input(src)

    def dying(source: str) -> None:
        if source == "07.txt":
            os._exit(3)  # a worker killed mid-article (out of memory, a segfault in a C library)

    _in_workers(monkeypatch, dying)
    entries = run(src, tmp_path / "out", jobs=2)
    assert len(entries) == 40
    assert all(e.status == "converted" for e in entries.values())


def test_an_article_too_slow_to_read_is_given_up_and_remembered(tmp_path: Path, monkeypatch) -> None:
    import time

    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "slow.txt", fx.ARTICLE_A)
    write(src, "fast.txt", fx.ARTICLE_B)
    real = pipeline.read_article
    calls: list[str] = []

    def slow(raw: bytes, source: str, settings):
        calls.append(source)
        if source == "slow.txt":
            while True:  # a runaway pattern in the reader
                time.sleep(0.01)
        return real(raw, source, settings)

    monkeypatch.setattr(pipeline, "read_article", slow)
    entries = run(src, out, jobs=1, limit=0.5)
    assert entries["slow.txt"].status == "rejected" and "0.5 s" in entries["slow.txt"].reason
    assert entries["fast.txt"].status == "converted"
    calls.clear()
    again = run(src, out, jobs=1, limit=0.5)  # same bytes, same code: not tried again
    assert again["slow.txt"].status == "rejected" and calls == []


def test_a_pool_worker_gives_up_a_slow_article_and_reads_the_next_ones_in_time(tmp_path: Path, monkeypatch) -> None:
    """Pool workers keep their alarm handler for life and only set the timer per article: the timer
    must stop a runaway article in a worker, and be cleared for the articles after it."""
    import time

    src = tmp_path / "in"
    _pool_sized_input(src)

    def slow(source: str) -> None:
        while source == "05.txt":  # a runaway pattern in the reader
            time.sleep(0.01)
        time.sleep(0.02)  # the articles after it take a while: a timer left running would fire in them

    _in_workers(monkeypatch, slow)
    entries = run(src, tmp_path / "out", jobs=2, limit=0.5)
    assert entries["05.txt"].status == "rejected" and "0.5 s" in entries["05.txt"].reason
    assert all(e.status == "converted" for k, e in entries.items() if k != "05.txt")


def test_a_worker_time_limit_stops_a_runaway_read_and_leaves_no_timer_running(monkeypatch) -> None:
    import signal
    import time

    previous = signal.getsignal(signal.SIGALRM)
    monkeypatch.setattr(convert, "_WORKER_ALARM", False)
    monkeypatch.setattr(convert, "_TIME_LIMIT", convert._TIME_LIMIT)
    try:
        convert._init_worker(SETTINGS, 0.3)  # what a pool worker runs once
        assert convert._WORKER_ALARM
        with convert.time_limit(0.3):
            assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        start = time.monotonic()
        with pytest.raises(convert.TooSlow):
            with convert.time_limit(0.3):
                while time.monotonic() - start < 5:
                    time.sleep(0.01)
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_corrected_unit_is_grouped_under_its_own_key(tmp_path: Path) -> None:
    """An editor who fixes `unit` alone gets the key and level the reader would give that unit."""
    from scripts.convert import apply_overrides
    from scripts.settings import load_settings

    fm = {"unit": "Đảng bộ xã", "unit_key": "đảng bộ xã", "unit_level": "đảng bộ cơ sở", "province": None}
    out, keys, warnings, why = apply_overrides(fm, "unit: Huyện ủy Tân Lạc\n", "a.meta.yml", load_settings())
    assert (out["unit_key"], out["unit_level"], keys, why) == ("đảng bộ huyện tân lạc", "cấp huyện", ("unit",), None)
    out, *_ = apply_overrides(fm, "unit: X\nunit_key: y\n", "a.meta.yml", load_settings())
    assert out["unit_key"] == "y"


def test_reading_an_input_takes_all_of_it_and_no_more_than_a_byte_past_the_limit(tmp_path: Path, monkeypatch) -> None:
    path = write(tmp_path, "a.txt", b"x" * 5000)
    assert convert._read_input(path, 5000) == b"x" * 5000
    assert convert._read_input(path, 1000) == b"x" * 5000  # it grew after stat: read on
    monkeypatch.setattr(convert, "MAX_BYTES", 3000)
    assert convert._read_input(path, 5000) == b"x" * 3001  # enough to tell it is too large
    assert convert._read_input(path, 1000) == b"x" * 3001
    assert convert._read_input(write(tmp_path, "e.txt", b""), 0) == b""


def test_an_input_over_the_size_limit_is_rejected_with_the_reason(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "in"
    write(src, "big.txt", fx.ARTICLE_A)
    write(src, "ok.txt", fx.ARTICLE_B)
    monkeypatch.setattr(convert, "MAX_BYTES", len(fx.ARTICLE_B.encode()) + 10)
    assert len(fx.ARTICLE_A.encode()) > convert.MAX_BYTES
    entries = run(src, tmp_path / "out", jobs=1)
    assert entries["big.txt"].status == "rejected" and "too large" in entries["big.txt"].reason
    assert entries["ok.txt"].status == "converted"
