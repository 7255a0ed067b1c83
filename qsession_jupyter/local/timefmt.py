"""Timestamps as the real service writes them (RFC 3339, UTC, `+00:00`)."""

from __future__ import annotations

from datetime import datetime, timezone


def iso(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="microseconds")


def parse_iso(text: str) -> float:
    """Parse the dates and datetimes that appear in the SDK's filters."""
    value = text.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()
