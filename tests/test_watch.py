"""Watching for saves with file events: which events count as a change."""
from __future__ import annotations

from scripts.watch import is_hidden_change


def _event(kind, src, dest=None):
    from watchdog import events
    return getattr(events, kind)(src, dest) if dest else getattr(events, kind)(src)


def test_only_changes_to_hidden_files_under_the_watched_folder_are_left_out(tmp_path):
    root = str(tmp_path / ".sites" / "docs")   # a hidden folder above the root does not count
    hidden = [_event("FileCreatedEvent", f"{root}/bai-viet/.convert-12/12-0.md"),
              _event("FileModifiedEvent", f"{root}/..convert-manifest.json.x1.tmp"),
              _event("DirDeletedEvent", f"{root}/bai-viet/.convert-12")]
    shown = [_event("FileModifiedEvent", f"{root}/bai-viet/dai-hoi.md"),
             _event("FileMovedEvent", f"{root}/bai-viet/.convert-12/12-0.md", f"{root}/bai-viet/dai-hoi.md"),
             _event("FileModifiedEvent", root),
             _event("EventsLostEvent", "")]
    assert [is_hidden_change(e, root) for e in hidden] == [True] * 3
    assert [is_hidden_change(e, root) for e in shown] == [False] * 4
