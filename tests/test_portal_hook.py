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


# --- the page frame's cache key ----------------------------------------------------------------

NAV = ("", "don-vi/", "nhiem-ky/", "nam/", "van-ban/")


def test_pages_alike_in_depth_and_first_folder_share_a_frame():
    a = portal.frame_key("bai-viet/mot/", "../..", NAV)
    assert a and a == portal.frame_key("bai-viet/hai/", "../..", NAV)


def test_a_page_under_a_navigation_folder_links_to_it_differently_and_gets_its_own_frame():
    # from don-vi/x/ the units directory is "../", from bai-viet/x/ it is "../../don-vi/"
    assert portal.frame_key("don-vi/x/", "../..", NAV) != portal.frame_key("bai-viet/x/", "../..", NAV)
    assert portal.frame_key("don-vi/x/", "../..", NAV) != portal.frame_key("don-vi/x/trang-2/", "../../..", NAV)


def test_a_navigation_page_is_a_place_of_its_own_and_deeper_navigation_entries_are_told_apart():
    assert portal.frame_key("don-vi/", "..", NAV) != portal.frame_key("don-vi/trang-2/", "../..", NAV)
    assert portal.frame_key("", ".", NAV) != portal.frame_key("", ".", ())
    deep = ("", "a/b/c/")
    # same depth, same first folder, yet "a/b/c/" is "c/" from a/b/ and "../b/c/" from a/x/
    assert portal.frame_key("a/b/", "../..", deep) != portal.frame_key("a/x/", "../..", deep)


def test_pages_under_assets_are_not_cached():
    assert portal.frame_key("assets/x/", "../..", NAV) == ""


def test_the_frame_cache_renders_a_part_once_per_place_and_always_without_a_key():
    cache, calls = portal.FrameCache(), []

    def body() -> str:
        calls.append(1)
        return f"<nav>{len(calls)}</nav>"

    assert cache("nav", "k", caller=body) == cache("nav", "k", caller=body) == "<nav>1</nav>"
    assert cache("nav", "other", caller=body) == "<nav>2</nav>"
    assert cache("nav", "", caller=body) == "<nav>3</nav>" and len(calls) == 3
