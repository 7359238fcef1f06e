"""The portal hook's own I/O: reading only the front matter, and the converter's rejections in the log."""
from __future__ import annotations

import json
import logging
from types import SimpleNamespace

from hooks import portal
from scripts.front_matter import read_front_matter, read_many


def test_front_matter_is_read_with_a_bom_and_windows_line_ends(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("\ufeff---\r\ntitle: Đại hội\r\nyear: 2020\r\n---\r\n\r\nThân bài --- không đọc\r\n".encode())
    assert read_front_matter(str(path)) == ({"title": "Đại hội", "year": 2020}, None)


def test_a_file_without_front_matter_or_with_an_unclosed_block_gives_nothing(tmp_path):
    (tmp_path / "plain.md").write_text("Chỉ có thân bài.\n", encoding="utf-8")
    (tmp_path / "open.md").write_text("---\ntitle: x\n", encoding="utf-8")
    assert read_front_matter(str(tmp_path / "plain.md")) == ({}, None)
    assert read_front_matter(str(tmp_path / "open.md")) == ({}, None)


def test_only_the_front_matter_is_parsed_so_a_broken_body_does_not_matter(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: x\n---\n\n: [ not yaml {\n", encoding="utf-8")
    assert read_front_matter(str(path)) == ({"title": "x"}, None)


def test_broken_yaml_or_bytes_give_nothing_and_say_why(tmp_path):
    (tmp_path / "bad.md").write_text("---\ntitle: [không đóng\n---\n", encoding="utf-8")
    (tmp_path / "latin.md").write_bytes(b"---\ntitle: \xd0\xe1i h\xf4\xefi\n---\n")  # not UTF-8
    for name in ("bad.md", "latin.md"):
        meta, error = read_front_matter(str(tmp_path / name))
        assert meta == {} and name in error


def _articles(tmp_path, n):
    paths = []
    for i in range(n):
        path = tmp_path / f"a{i:03}.md"
        body = "title: [không đóng" if i == 7 else f"title: Bài {i}\ndate: 2025-0{1 + i % 9}-1{i % 10}\nterm: [2025, 2030]"
        path.write_text(f"---\n{body}\n---\n\nThân bài.\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_a_long_list_read_by_two_processes_gives_what_one_gives_in_order(tmp_path):
    paths = _articles(tmp_path, 41)
    serial = read_many(paths, parallel_min=10_000)
    assert read_many(paths, parallel_min=2) == serial
    assert serial[3] == ({"title": "Bài 3", "date": "2025-04-13", "term": [2025, 2030]}, None)  # JSON values
    assert serial[7][0] == {} and "a007.md" in serial[7][1]


def test_reading_goes_on_without_the_helper_when_it_fails(tmp_path, monkeypatch):
    import sys
    paths = _articles(tmp_path, 12)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    assert read_many(paths, parallel_min=2) == read_many(paths, parallel_min=10_000)


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


def _server(tmp_path):
    from mkdocs.livereload import LiveReloadServer
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n", encoding="utf-8")
    server.watch(str(docs))
    return server, docs


def _wants_rebuild(server, seconds=3.0):
    import time
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                server._want_rebuild = False
                return True
        time.sleep(0.05)
    return False


def test_the_event_watcher_takes_over_mkdocs_watches_and_tells_only_of_visible_changes(tmp_path):
    from watchdog.observers.polling import PollingObserver
    server, docs = _server(tmp_path)
    assert portal.use_event_watcher(server)
    assert not isinstance(server.observer, PollingObserver)
    assert list(server._watched_paths) == [str(docs)]
    server.observer.start()
    try:
        (docs / "a.md").read_text(encoding="utf-8")             # a build reads every page
        (docs / ".convert-1").mkdir()                          # the converter's staging
        (docs / ".convert-1" / "x.md").write_text("x", encoding="utf-8")
        assert not _wants_rebuild(server, 1.0)
        (docs / "a.md").write_text("# A sửa\n", encoding="utf-8")
        assert _wants_rebuild(server)
        (docs / ".convert-1" / "x.md").rename(docs / "b.md")     # a staged file put in place
        assert _wants_rebuild(server)
    finally:
        server.observer.stop()
        server.observer.join()


def test_the_event_watcher_steps_aside_once_mkdocs_observer_runs(tmp_path):
    server, _ = _server(tmp_path)
    server.observer.start()
    try:
        assert not portal.use_event_watcher(server)
    finally:
        server.observer.stop()
        server.observer.join()


def test_serve_watch_comes_from_the_environment_before_mkdocs_yml(monkeypatch):
    config = SimpleNamespace(extra={"portal": {"serve_watch": "polling"}})
    monkeypatch.delenv("PORTAL_SERVE_WATCH", raising=False)
    assert portal._serve_watch(config) == "polling"
    assert portal._serve_watch(SimpleNamespace(extra={})) == "events"
    monkeypatch.setenv("PORTAL_SERVE_WATCH", "events")
    assert portal._serve_watch(config) == "events"


def test_mkdocs_polling_stays_when_the_system_gives_no_file_events(tmp_path, monkeypatch):
    import watchdog.observers
    from watchdog.observers.polling import PollingObserver

    class NoEvents(watchdog.observers.Observer):  # type: ignore[misc, valid-type]
        def start(self):  # type: ignore[no-untyped-def]
            raise OSError(24, "inotify instance limit reached")

    server, docs = _server(tmp_path)
    monkeypatch.setattr(watchdog.observers, "Observer", NoEvents)
    assert not portal.use_event_watcher(server)
    assert isinstance(server.observer, PollingObserver) and list(server._watched_paths) == [str(docs)]
