"""Ways to make a worker misbehave on purpose, for the pool's tests.

Honoured only when the worker's environment sets QSESSION_EXECUTION_TEST_HOOKS=1
(see `runner.TEST_HOOK_FORMAT`); a normal service never reaches this module.
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
