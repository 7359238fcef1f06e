"""Watching folders for `make serve` through file events (inotify on Linux), changes only.

MkDocs watches by polling: every half second it looks at every file under docs/ (and under any
folder added to its observer). On 10,000 articles each look holds the Python lock for about a
quarter of a second; docs/ and content/ together took it about 40% of the time and a preview rebuild
ran at half speed. Events cost nothing while nothing changes, but they say more than polling does:
a file opened or closed unwritten (a build reading docs/) and changes to hidden files (the
converter's staging folder and manifest, which MkDocs leaves out of the site) must start no rebuild,
or each rebuild would ask for the next. `ChangeObserver` passes on the rest.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from watchdog import events as ev
from watchdog.observers import Observer

CHANGES: list[type[ev.FileSystemEvent]] = [
    ev.FileCreatedEvent, ev.FileModifiedEvent, ev.FileDeletedEvent, ev.FileMovedEvent, ev.FileClosedEvent,
    ev.FileAttribEvent, ev.DirCreatedEvent, ev.DirDeletedEvent, ev.DirMovedEvent, ev.DirModifiedEvent,
    ev.EventsLostEvent,
]


def is_hidden_change(event: Any, root: str) -> bool:
    """A change only to hidden files or folders under the watched root (a name starting with a dot;
    a hidden folder above the root does not count)."""
    paths = [p for p in (getattr(event, "src_path", ""), getattr(event, "dest_path", "")) if p]
    if not paths:
        return False   # events lost: better a rebuild too many
    for path in paths:
        rel = os.path.relpath(os.fsdecode(path), root)
        if rel == "." or not any(part.startswith(".") and part not in (".", "..") for part in Path(rel).parts):
            return False
    return True


class VisibleChanges(ev.FileSystemEventHandler):
    """Passes an event on to `handler` unless it touches only hidden files under `root`."""

    def __init__(self, handler: ev.FileSystemEventHandler, root: str) -> None:
        self.handler, self.root = handler, os.path.abspath(os.fsdecode(root))

    def dispatch(self, event: ev.FileSystemEvent) -> None:
        if not is_hidden_change(event, self.root):
            self.handler.dispatch(event)


class ChangeObserver(Observer):  # type: ignore[misc, valid-type]
    """watchdog's event observer, telling only of changes to visible files unless a watch asks for
    other events."""

    def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False,
                 event_filter: list[type] | None = None, **kwargs: Any) -> Any:
        return super().schedule(VisibleChanges(event_handler, path), path, recursive=recursive,
                                event_filter=event_filter or CHANGES, **kwargs)


def events_work(paths: list[str]) -> str | None:
    """None when the system gives file events for these paths now, else why not (inotify has
    per-user limits on watches and instances; an observer would otherwise fail only when started)."""
    import watchdog.observers

    probe = watchdog.observers.Observer()   # looked up now: the platform's observer
    try:
        for path in paths:
            probe.schedule(ev.FileSystemEventHandler(), path, recursive=True)
        probe.start()
        return None
    except OSError as err:
        return str(err)
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
