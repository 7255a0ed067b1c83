"""A small least-recently-used map: the one cache shape the package uses.

Results of finished jobs, session trackers, compiled programs and the
worker's parsed QIR shapes are each kept "for a while": a bounded number of
entries, the ones used longest ago dropped first. Every such cache is this
class, so none re-implements the bookkeeping (and none forgets to bound it).
Safe to share between threads: each call holds the map's own lock.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LRU(Generic[K, V]):
    """At most `size` entries (0 keeps none); reading or writing one makes it the most recent."""

    def __init__(self, size: int) -> None:
        if size < 0:
            raise ValueError(f"an LRU cache's size cannot be negative: {size}")
        self.size = size
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, default: V | None = None) -> V | None:
        with self._lock:
            if key not in self._entries:
                return default
            self._entries.move_to_end(key)
            return self._entries[key]

    def put(self, key: K, value: V) -> V:
        """Keep `value` under `key` (dropping the least recent beyond `size`); returns it."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def pop(self, key: K, default: V | None = None) -> V | None:
        with self._lock:
            return self._entries.pop(key, default)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
