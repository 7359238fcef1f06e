"""The portal hook's own I/O: reading only the front matter, and the converter's rejections in the log."""
from __future__ import annotations

import json
import logging
from types import SimpleNamespace

from hooks import portal


def test_front_matter_is_read_with_a_bom_and_windows_line_ends(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("\ufeff---\r\ntitle: Đại hội\r\nyear: 2020\r\n---\r\n\r\nThân bài --- không đọc\r\n".encode())
    assert portal.read_front_matter(str(path)) == {"title": "Đại hội", "year": 2020}


def test_a_file_without_front_matter_or_with_an_unclosed_block_gives_nothing(tmp_path):
    (tmp_path / "plain.md").write_text("Chỉ có thân bài.\n", encoding="utf-8")
    (tmp_path / "open.md").write_text("---\ntitle: x\n", encoding="utf-8")
    assert portal.read_front_matter(str(tmp_path / "plain.md")) == {}
    assert portal.read_front_matter(str(tmp_path / "open.md")) == {}


def test_only_the_front_matter_is_parsed_so_a_broken_body_does_not_matter(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: x\n---\n\n: [ not yaml {\n", encoding="utf-8")
    assert portal.read_front_matter(str(path)) == {"title": "x"}


def test_rejected_inputs_are_listed_at_info_level(tmp_path, monkeypatch, caplog):
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"files": [
        {"source": "a.txt", "status": "converted", "reason": None},
        {"source": "menu.txt", "status": "rejected", "reason": "menu.txt: danh sách liên kết"},
    ]}), encoding="utf-8")
    monkeypatch.setenv("PORTAL_REPORT", str(report))
    with caplog.at_level(logging.INFO):
        portal.on_post_build(SimpleNamespace())
    lines = [r for r in caplog.records if "rejected" in r.getMessage()]
    assert [r.levelno for r in lines] == [logging.INFO, logging.INFO]
    assert lines[-1].getMessage().endswith("rejected: menu.txt — danh sách liên kết")


def test_a_missing_report_lists_nothing(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("PORTAL_REPORT", str(tmp_path / "none.json"))
    with caplog.at_level(logging.INFO):
        portal.on_post_build(SimpleNamespace())
    assert not [r for r in caplog.records if "rejected" in r.getMessage()]
