"""`show(session_or_job)`: the panel where widgets render, a text table elsewhere.

The kernel's magics call this after `%session open` and from `job_monitor`;
users can call it on any SDK `Session` or `Job` (or a Qiskit or Cirq plugin job).
"""

from __future__ import annotations

import sys
from typing import Any

from ..client.poller import get_poller
from ..client.tracker import JobTracker, SessionTracker
from ..views.jobs import azure_job

_hooked_shells: set[int] = set()


def _shell() -> Any:
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def widgets_render() -> bool:
    """True in a Jupyter kernel (a front end may draw widgets); False in a terminal or script."""
    shell = _shell()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _hook_cells(shell: Any) -> None:
    """Poll fast again whenever a cell starts: a loop submitting jobs is about to run."""
    if shell is None or id(shell) in _hooked_shells:
        return

    def nudge(*_args: Any) -> None:
        get_poller().nudge()

    shell.events.register("pre_run_cell", nudge)
    _hooked_shells.add(id(shell))


def _is_session(obj: Any) -> bool:
    from azure.quantum.job.session import Session

    return isinstance(obj, Session)


def panel_for(obj: Any, *, idle_timeout: float | None = None, fetch: bool = True) -> Any:
    """A panel for a session or a job, not yet displayed.

    The first fetch happens here, on the caller's thread, so the panel shows
    real rows from the start and its text form is meaningful in nbconvert.
    """
    from dataclasses import replace

    from ..client.clocks import session_clocks
    from .jobpanel import JobPanel
    from .panel import SessionPanel

    if obj is None:
        raise ValueError(
            "Give a session or a job to show (`%session` shows the kernel's current session)."
        )
    if _is_session(obj):
        tracker = SessionTracker(obj.workspace, obj.id, obj)
        clocks = session_clocks(obj.workspace)
        if idle_timeout is not None:
            clocks = replace(clocks, idle_timeout=idle_timeout)
        panel: Any = SessionPanel(tracker, idle_timeout=clocks.idle_timeout, clocks=clocks)
    else:
        job = azure_job(obj)
        panel = JobPanel(JobTracker(job.workspace, job.details))
    if fetch:
        panel.poll()
    if panel.tracker.details is not None:
        panel.render()
    return panel


def show(obj: Any, *, idle_timeout: float | None = None) -> None:
    """Show a live panel for a session or a job.

    In a Jupyter kernel the panel is displayed and the kernel's poller keeps it
    current; elsewhere the same information is printed once as text.
    `idle_timeout` (seconds) sets the countdown shown while the session waits
    for jobs; it defaults to the service's (10 minutes on Azure, the local service's own).
    """
    panel = panel_for(obj, idle_timeout=idle_timeout)
    if not widgets_render():
        print(panel.text(), file=sys.stdout)
        panel.close()
        return
    from IPython.display import display

    display(panel)
    _hook_cells(_shell())
    if not panel.tracker.finished:
        get_poller().add(panel, immediately=False)


def monitor_job(job: Any, *, wait: bool = True, timeout: float | None = None) -> str:
    """`job_monitor` with the panel: show the job live, optionally block until it ends.

    Returns the job's state when it ended (or when `timeout` ran out).
    """
    panel = panel_for(job)
    if not widgets_render():  # nothing would draw it: say where the job stands, once
        print(panel.text(), file=sys.stdout)
        panel.close()
        return panel.tracker.state or ""
    from IPython.display import display

    display(panel)
    if not panel.tracker.finished:
        get_poller().add(panel, immediately=False)
        if wait:
            try:
                panel.wait(timeout)
            except KeyboardInterrupt:
                pass
    return panel.tracker.state or ""
