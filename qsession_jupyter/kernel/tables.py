"""The magics' tables: `Table` and the rules for times live in `qsession_jupyter.views`."""

from __future__ import annotations

from ..views.table import Table

__all__ = ["Table", "enum_text"]


def enum_text(value: object) -> str:
    """An SDK enum member (JobStatus, ...) as its wire value; '' for None."""
    if value is None:
        return ""
    return str(getattr(value, "value", value))
