"""Parse and check the sidebar's query parameters before any SDK call.

Bad input is answered with a 400 that names the parameter, instead of reaching
the SDK (which would raise a ValueError deep inside) or the service.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..views.display import parse_moment
from .errors import ApiError

#: The sidebar's sort keys -> the SDK's `orderby_property` names.
SORT_KEYS = {
    "submitted": "CreationTime",
    "name": "Name",
    "type": "ItemType",
    "target": "Target",
    "state": "State",
    "provider": "ProviderId",
}

#: Type filter values. Sessions are an ItemType; jobs are filtered by JobType.
SESSION_TYPE = "Session"
JOB_TYPES = ("QuantumComputing", "Optimization")

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_TARGET = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_STATE = re.compile(r"^[A-Za-z()]+$")


def is_item_id(text: str) -> bool:
    """Ids are UUIDs: a filter text that is one is looked up, not matched by name."""
    return bool(_UUID.match(text))


def split_values(values: Iterable[str]) -> list[str]:
    """Accept both ``?state=a&state=b`` and ``?state=a,b``."""
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def _date(name: str, value: str | None) -> dt.datetime | None:
    if not value:
        return None
    moment = parse_moment(value)
    if moment is None:
        raise ApiError("validation", f"{name} must be a date like 2026-01-31, not {value!r}.")
    return moment


def _int(name: str, value: str | None, default: int, low: int, high: int) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise ApiError("validation", f"{name} must be an integer, not {value!r}.") from exc
    if not low <= number <= high:
        raise ApiError("validation", f"{name} must be between {low} and {high}, not {number}.")
    return number


@dataclass
class Page:
    skip: int = 0
    size: int = 50

    @classmethod
    def parse(cls, skip: str | None, size: str | None, default: int, maximum: int) -> Page:
        return cls(
            skip=_int("skip", skip, 0, 0, 10**9),
            size=_int("page_size", size, default, 1, maximum),
        )


@dataclass
class ItemsQuery:
    """A listing of the top-level items, as the sidebar asks for it."""

    text: str = ""
    states: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    created_after: dt.datetime | None = None
    created_before: dt.datetime | None = None
    sort: str = "submitted"
    ascending: bool = False
    page: Page = field(default_factory=Page)

    @classmethod
    def parse(cls, args: dict[str, list[str]], default_size: int, max_size: int) -> ItemsQuery:
        def one(name: str) -> str | None:
            values = args.get(name) or []
            return values[-1] if values else None

        text = (one("q") or "").strip()
        if len(text) > 256:
            raise ApiError("validation", "q must be at most 256 characters.")
        states = split_values(args.get("state", []))
        for state in states:
            if not _STATE.match(state):
                raise ApiError("validation", f"Unknown state {state!r}.")
        targets = split_values(args.get("target", []))
        for target in targets:
            if not _TARGET.match(target):
                raise ApiError("validation", f"Invalid target id {target!r}.")
        types = split_values(args.get("type", []))
        for kind in types:
            if kind != SESSION_TYPE and kind not in JOB_TYPES:
                allowed = ", ".join((SESSION_TYPE, *JOB_TYPES))
                raise ApiError("validation", f"type must be one of {allowed}, not {kind!r}.")
        sort = one("sort") or "submitted"
        if sort not in SORT_KEYS:
            raise ApiError("validation", f"sort must be one of {', '.join(SORT_KEYS)}.")
        order = (one("order") or ("desc" if sort == "submitted" else "asc")).lower()
        if order not in ("asc", "desc"):
            raise ApiError("validation", "order must be asc or desc.")
        after = _date("created_after", one("created_after"))
        before = _date("created_before", one("created_before"))
        if after and before and after > before:
            raise ApiError("validation", "created_after is later than created_before.")
        return cls(
            text=text,
            states=states,
            targets=targets,
            types=types,
            created_after=after,
            created_before=before,
            sort=sort,
            ascending=order == "asc",
            page=Page.parse(one("skip"), one("page_size"), default_size, max_size),
        )

    def sdk_filters(self) -> dict:
        """Keyword arguments for ``Workspace.list_top_level_items_paginated``."""
        item_types: list[str] | None = None
        job_types: list[str] | None = None
        wanted_jobs = [t for t in self.types if t in JOB_TYPES]
        if self.types and SESSION_TYPE not in self.types:
            item_types, job_types = ["Job"], wanted_jobs
        elif self.types and not wanted_jobs:
            item_types = ["Session"]
        if (self.created_after or self.created_before) and item_types is None:
            # SDK 3.13 forgets the " and " between two date clauses when nothing
            # precedes them; naming both item types (every top-level item is one)
            # puts a clause first and changes nothing else.
            item_types = ["Job", "Session"]
        return {
            # OData doubles a quote inside a literal; the SDK does not escape.
            "name_match": self.text.replace("'", "''") or None,
            "item_type": item_types,
            "job_type": job_types,
            "target": self.targets or None,
            "status": self.states or None,
            "created_after": self.created_after,
            "created_before": self.created_before,
            "orderby_property": SORT_KEYS[self.sort],
            "is_asc": self.ascending,
        }
