"""JSON-ready views of workspace items, shared by the server routes and the panel."""

from .items import (
    any_item_model,
    cost_model,
    error_model,
    iso_time,
    item_model,
    job_detail_model,
    job_model,
    session_jobs_model,
    session_model,
    with_session_jobs,
)
from .results import SUPPORTED_FORMATS, ResultsFormatError, histogram_summary
from .states import (
    FILTERABLE_STATES,
    JOB_TERMINAL_STATES,
    SESSION_TERMINAL_STATES,
    is_pending,
    is_terminal,
    type_label,
)

__all__ = [
    "FILTERABLE_STATES",
    "JOB_TERMINAL_STATES",
    "SESSION_TERMINAL_STATES",
    "SUPPORTED_FORMATS",
    "ResultsFormatError",
    "any_item_model",
    "cost_model",
    "error_model",
    "histogram_summary",
    "is_pending",
    "is_terminal",
    "item_model",
    "iso_time",
    "job_detail_model",
    "job_model",
    "session_jobs_model",
    "session_model",
    "type_label",
    "with_session_jobs",
]
