"""How deeply JSON may nest in the workspace: the one limit requests and stored rows share.

The SDK's model deserializer recurses per level, and Python's own JSON decoder
stops at a depth that changed between versions (a 5000-deep array fails to
decode on 3.11 and decodes on 3.13). One limit of our own, checked without
recursion, keeps what the service accepts and what it serves the same on every
Python.
"""

from __future__ import annotations

from typing import Any

#: Levels of arrays and objects a stored or submitted JSON value may have.
MAX_JSON_DEPTH = 64


def deeper_than(document: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when `document` nests arrays or objects more than `limit` levels deep."""
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False
