"""Ways to make a worker misbehave on purpose, for the pool's tests.

Workers import this module only when their environment names it in
QSESSION_EXECUTION_TEST_HOOKS (see `runner.TEST_HOOK_FORMAT`), which the
execution tests' `pool` fixture does; it is not part of the package.
"""

from __future__ import annotations

import ctypes
import json
import os
import time


def run_hook(data: bytes) -> tuple[object, dict]:
    action = json.loads(data or b"{}").get("action")
    if action == "segfault":
        ctypes.string_at(0)
    elif action == "exit":
        os._exit(3)
    elif action == "sleep":
        time.sleep(float(json.loads(data).get("seconds", 60)))
    elif action == "memory":
        blocks = []
        while True:  # until the worker's memory cap raises MemoryError
            blocks.append(bytearray(256 * 1024 * 1024))
    elif action == "pid":
        return {"pid": os.getpid()}, {}
    return {"action": action}, {}
