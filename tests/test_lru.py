"""The one cache shape: bounded, least recently used dropped first."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from qsession_jupyter.lru import LRU


def test_keeps_at_most_size_entries_dropping_the_least_recently_used():
    cache: LRU[str, int] = LRU(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert "b" not in cache and cache.get("a") == 1 and cache.get("c") == 3
    assert len(cache) == 2
    cache.put("a", 10)  # replacing counts as use
    cache.put("d", 4)
    assert cache.get("c") is None and cache.get("a") == 10


def test_size_zero_keeps_nothing_and_negative_is_refused():
    cache: LRU[str, int] = LRU(0)
    assert cache.put("a", 1) == 1
    assert cache.get("a", -1) == -1 and len(cache) == 0
    with pytest.raises(ValueError, match="negative"):
        LRU(-1)


def test_pop_and_clear():
    cache: LRU[int, str] = LRU(3)
    for i in range(3):
        cache.put(i, str(i))
    assert cache.pop(1) == "1" and cache.pop(1) is None
    cache.clear()
    assert len(cache) == 0


def test_threads_never_push_it_past_its_size():
    cache: LRU[int, int] = LRU(50)

    def fill(offset: int) -> None:
        for i in range(2000):
            cache.put(offset + i, i)
            cache.get(offset + i // 2)

    threads = [threading.Thread(target=fill, args=(n * 10_000,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) == 50


def test_no_other_module_keeps_its_own_lru_bookkeeping():
    """Every bounded cache is an `LRU`: the bookkeeping lives in lru.py alone."""
    package = Path(__file__).resolve().parents[1] / "qsession_jupyter"
    own = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if path.name != "lru.py"
        and any(mark in path.read_text() for mark in ("move_to_end(", "popitem(last=False)"))
    ]
    assert not own, f"use qsession_jupyter.lru.LRU in {own}"
