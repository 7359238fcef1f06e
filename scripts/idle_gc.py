"""The preview's rebuilds run with Python's cyclic garbage collector paused; it collects once idle.

A rebuild under `mkdocs serve` replaces the previous build's files, pages and their tables of
contents: at 10,000 articles some 300,000 objects that point at each other, which only the cyclic
collector frees. Left on, it runs a full collection in the middle of every rebuild (about 0.7 s of a
3.6 s rebuild), while the editor waits for the page. Paused, the same collection runs `delay`
seconds after the build, once the reloaded page has been served. A build that starts before then
keeps the collector paused; after `max_pending` builds without an idle moment it collects first,
so memory stays bounded. `mkdocs build` never pauses it: a first build makes little garbage.
"""
from __future__ import annotations

import gc
import threading


class IdleCollector:
    def __init__(self, delay: float = 2.0, max_pending: int = 3) -> None:
        self.delay, self.max_pending = delay, max_pending
        self.pending = 0            # builds whose garbage has not been collected yet
        self.paused = False         # the collector is off because of us
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def before_build(self) -> None:
        """Pause the collector for a rebuild (collecting first when builds came back to back)."""
        with self._lock:
            self._cancel()
            if self.pending >= self.max_pending:
                gc.collect()
                self.pending = 0
            if not self.paused and gc.isenabled():
                gc.disable()
                self.paused = True

    def after_build(self) -> None:
        """The build is done (or failed): collect its garbage `delay` seconds from now."""
        with self._lock:
            if not self.paused:
                return
            self.pending += 1
            self._cancel()
            timer = threading.Timer(self.delay, self._collect)
            timer.daemon = True
            self._timer = timer
            timer.start()

    def stop(self) -> None:
        """The collector as it was: on, with nothing scheduled (the preview stops)."""
        with self._lock:
            self._cancel()
            self._resume()

    def _collect(self) -> None:
        with self._lock:
            if self._timer is not threading.current_thread():
                return  # a build started meanwhile and cancelled this one
            self._timer = None
            gc.collect()
            self.pending = 0
            self._resume()

    def _resume(self) -> None:
        if self.paused:
            gc.enable()
            self.paused = False

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
