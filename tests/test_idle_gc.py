"""scripts/idle_gc.py: the preview's rebuilds run without the cyclic collector, which catches up when idle."""
from __future__ import annotations

import gc
import time
import weakref

import pytest

from scripts.idle_gc import IdleCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def _cycle() -> weakref.ref:
    return weakref.ref(_Node())


def _wait(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


@pytest.fixture()
def collector():
    assert gc.isenabled()
    idle = IdleCollector(delay=0.2, max_pending=3)
    yield idle
    idle.stop()
    assert gc.isenabled()


def test_a_rebuild_runs_with_the_collector_paused_and_its_garbage_goes_once_idle(collector) -> None:
    collector.before_build()
    assert not gc.isenabled()
    garbage = _cycle()
    for _ in range(50_000):  # enough allocations for a collection, were it on
        [[]]
    assert garbage() is not None
    collector.after_build()
    assert not gc.isenabled()  # not yet: the page is being served
    assert _wait(lambda: garbage() is None and gc.isenabled())
    assert collector.pending == 0


def test_a_build_that_starts_before_the_idle_moment_keeps_the_collector_paused(collector) -> None:
    collector.before_build()
    garbage = _cycle()
    collector.after_build()
    collector.before_build()  # the editor saved again at once
    time.sleep(0.4)  # past the first build's delay: its collection was called off
    assert not gc.isenabled() and garbage() is not None
    collector.after_build()
    assert _wait(lambda: garbage() is None and gc.isenabled())


def test_builds_back_to_back_collect_before_the_next_one_so_memory_stays_bounded() -> None:
    collector = IdleCollector(delay=60, max_pending=2)
    try:
        collector.before_build()
        first = _cycle()
        collector.after_build()
        collector.before_build()
        assert first() is not None  # one build's garbage may wait
        collector.after_build()
        collector.before_build()  # two pending: collected before this build starts
        assert first() is None and not gc.isenabled()
        collector.after_build()
    finally:
        collector.stop()
    assert gc.isenabled()


def test_stopping_turns_the_collector_back_on_and_calls_off_the_collection(collector) -> None:
    collector.before_build()
    collector.after_build()
    collector.stop()
    assert gc.isenabled() and collector._timer is None


def test_a_collector_switched_off_by_someone_else_stays_off(collector) -> None:
    gc.disable()
    try:
        collector.before_build()
        collector.after_build()  # nothing to schedule: it was not us who paused it
        assert collector._timer is None
        collector.stop()
        assert not gc.isenabled()
    finally:
        gc.enable()
