"""The budget that holds: every submission through a bound target is checked first.

A session's budget lives in the budget book (`budgets.py`), shared with the
panel and the sidebar. Before a job is sent, its cost is estimated with the
same pricing the service applies (`costs.estimate`), and the session's spend
(`views.spend`: the service's figure for finished jobs, recorded estimates for
pending ones) plus the estimate is compared with the budget. A job that would
pass it is refused in one line, before anything reaches the service; a
primitive's run is checked whole, before its first job. Each job sent is then
recorded in the book with its estimate, so the next check (in this kernel or
any other) counts it while it is pending.

Three callers: `guard.py` (an SDK `Target.submit` or Qiskit backend `run`),
the Qiskit primitives (`qiskit/target.py`), and the backstop at the kernel
workspace's `submit_job` (`backstop.py`), for hosts made and used within one
cell that neither of the others saw. Each gets a `Ticket`: it holds the run's
estimates as a reservation, so jobs this kernel is still submitting count
before the listing shows them, and records each job once it is sent. The
first two mark their submissions `admitted()`, so the backstop lets them pass.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import Any

from .. import budgets
from ..budgets import SessionBudget
from ..views.items import money
from ..views.spend import Spend, session_spend
from .errors import SessionError

__all__ = ["BudgetExceeded", "ShotsError", "check_shots", "set_budget", "spend_of"]

_LOCK = threading.RLock()
#: session id -> estimates of jobs this kernel is submitting and has not recorded yet.
_RESERVED: dict[str, float] = {}
#: Sessions that were told they have no budget (once each).
_NOTED: set[str] = set()


class BudgetExceeded(SessionError):
    """A submission refused because it would take the session past its budget."""


class ShotsError(SessionError, ValueError):
    """A shots value the service would accept and then fail the job (and the session) for."""


def check_shots(value: Any, where: str = "shots") -> None:
    """Refuse 0, negative and fractional shots (and non-numbers) before submission.

    Under the default Abort policy such a job fails, and with it the whole
    session, so it is stopped here in one line instead. None means the
    target's default.
    """
    if value is None:
        return
    whole = isinstance(value, Integral) or (
        isinstance(value, Real) and math.isfinite(value) and float(value).is_integer()
    )
    if isinstance(value, bool) or not whole or value < 1:
        raise ShotsError(f"{where} must be a positive whole number, not {value!r}.")


# -- amounts and currencies ---------------------------------------------------------------


def currency_of(target_name: str) -> str:
    from ..providers.catalog import provider_for

    return provider_for(target_name).currency


def _spec(target_name: str) -> Any:
    from ..providers.catalog import find_target

    return find_target(target_name)


def is_free(target_name: str) -> bool:
    """Whether every job on the target costs nothing (simulators, syntax checkers)."""
    spec = _spec(target_name)
    return spec is not None and spec.free


def minimum_per_job(target_name: str) -> float | None:
    """What the smallest job costs on the target (IonQ's per-program minimum, say)."""
    from ..providers.billing import billed_amount

    spec = _spec(target_name)
    if spec is None or spec.free:
        return None
    return billed_amount(spec.provider.cost_estimate(spec, {}) or {})[0]


def parse_amount(value: Any) -> float | None:
    """A budget from user input: a non-negative number, or none/off to remove it."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("none", "off")):
        return None
    try:
        amount = float(value) if not isinstance(value, bool) else math.nan
    except (TypeError, ValueError):
        amount = math.nan
    if not math.isfinite(amount) or amount < 0:
        raise SessionError(
            f"A budget is a non-negative amount in the target's currency (USD, or HQC on "
            f"Quantinuum), e.g. 250, or 'none' to remove it; not {value!r}."
        )
    return amount


# -- the budget of a session ----------------------------------------------------------------


def _session_of(session: Any) -> Any:
    from .state import get_state

    if session is None:
        session = get_state().current_session
        if session is None:
            raise SessionError(
                "There is no current session; open one with `%session open -t TARGET`."
            )
    if not hasattr(session, "details") or not hasattr(session, "workspace"):
        raise SessionError(
            f"Give a session (from `%session open` or `target.open_session(...)`), "
            f"not {type(session).__name__}."
        )
    return session


def has_budget(session_id: str) -> bool:
    book = budgets.load(session_id)
    return book is not None and book.limit is not None


def set_budget(session: Any, amount: float | str | None) -> SessionBudget:
    """Give `session` (an SDK `Session`, or None for the kernel's current one) a budget.

    `amount` is in the target's currency: USD, or HQC on Quantinuum; None removes
    the budget. From then on every job submitted into the session through a
    target this package guards (its `target.submit`, a Qiskit backend's `run`,
    `SamplerV2`/`EstimatorV2`, `%%qsharp --submit`) is refused, before it is
    sent, when its estimate would take the session's spend past the budget.
    Jobs already submitted count. Use it for sessions opened with
    `target.open_session(...)`; `%session budget AMOUNT` does the same.
    """
    limit = parse_amount(amount)
    session = _session_of(session)
    target_name = str(session.details.target)
    current = budgets.load(session.id)
    budget = SessionBudget(
        session.id,
        limit,
        current.currency if current and current.currency else currency_of(target_name),
        {},
    )
    budgets.save(budget)
    _NOTED.add(session.id)
    if limit is not None and is_free(target_name):
        print(f"Note: {target_name} is free: its jobs cost nothing against the budget.")
    return budgets.load(session.id) or budget


def spend_of(session: Any) -> Spend:
    """The session's spend and budget now (one listing of its jobs)."""
    from ..views.errors import describe_http_error, sdk_error_kind

    session = _session_of(session)
    try:
        jobs = session.workspace.list_session_jobs(session_id=session.id)
    except Exception as error:
        if sdk_error_kind(error) is None:
            raise
        raise SessionError(
            f"Could not list the jobs of session '{session.id}' to check its budget: "
            f"{describe_http_error(error)}"
        ) from None
    return session_spend(jobs, budgets.load(session.id))


def describe_budget(session: Any) -> str:
    """One line: the session's budget, what it spent, and how many more jobs fit."""
    session = _session_of(session)
    spend = spend_of(session)
    currency = spend.currency or currency_of(str(session.details.target))
    label = f"Session '{session.details.name}'"
    spent = money(spend.spent, currency)
    if spend.limit is None:
        return (
            f"{label} has no budget; it has spent {spent}. Set one with `%session budget AMOUNT`."
        )
    text = f"{label}: budget {money(spend.limit, currency)}, spent {spent}"
    if spend.jobs_that_fit is not None:
        text += f"; about {spend.jobs_that_fit} more jobs like the last one fit"
    return text + "."


def note_if_unbudgeted(session_id: str, target_name: str, name: str) -> None:
    """Once per session: a paid target without a budget, and what one job costs at least."""
    with _LOCK:
        if session_id in _NOTED:
            return
        _NOTED.add(session_id)
    if has_budget(session_id):
        return
    minimum = minimum_per_job(target_name)
    if minimum is None:
        return
    currency = currency_of(target_name)
    print(
        f"Note: session '{name}' on {target_name} has no budget, and each job costs at least "
        f"{money(minimum, currency)}. Set one with `%session budget AMOUNT` "
        "(or qsession_jupyter.set_budget(session, AMOUNT))."
    )


# -- admitting submissions --------------------------------------------------------------------


@dataclass
class Ticket:
    """The estimates of jobs about to be sent into a session, held until each is recorded."""

    session_id: str | None = None
    currency: str = ""
    amounts: list[float] = field(default_factory=list)
    _held: float = 0.0

    def record(self, job_id: str, index: int = 0) -> None:
        """The job at `index` was sent: the book counts it from now on."""
        if self.session_id is None or index >= len(self.amounts):
            return
        amount = self.amounts[index]
        budgets.record_estimate(self.session_id, job_id, amount, self.currency)
        self._release(amount)

    def close(self) -> None:
        """Whatever was not sent stops counting."""
        self._release(self._held)

    def _release(self, amount: float) -> None:
        if self.session_id is None or amount <= 0:
            return
        with _LOCK:
            amount = min(amount, self._held)
            self._held -= amount
            left = _RESERVED.get(self.session_id, 0.0) - amount
            if left > 1e-12:
                _RESERVED[self.session_id] = left
            else:
                _RESERVED.pop(self.session_id, None)


NO_TICKET = Ticket()


def admit(
    session: Any,
    target_name: str,
    jobs: list[tuple[Any, Any, dict]],
    *,
    what: str = "this job is",
) -> Ticket:
    """Check that `jobs` ((program, shots, inputParams) each) fit the session's budget.

    Raises `BudgetExceeded` (one line) when they would pass it; otherwise returns
    the `Ticket` that records each job as it is sent. Free targets and jobs
    outside a session pass unchecked.
    """
    return admit_priced(
        session,
        target_name,
        lambda: [_estimate(target_name, program, shots, params) for program, shots, params in jobs],
        what=what,
    )


def admit_priced(
    session: Any,
    target_name: str,
    price: Callable[[], list[float]],
    *,
    what: str = "this job is",
) -> Ticket:
    """The one budget check: `price()` gives the estimate of each job to be sent.

    `admit` prices programs before the SDK converts them; the backstop
    (`backstop.py`) prices a job the SDK has already built. `price` is called
    only for a session on a paid target; a ValueError from it means the cost
    cannot be known, which refuses the job only when the session has a budget.
    """
    if session is None or is_free(target_name):
        return NO_TICKET
    book = budgets.load(session.id)
    limited = book is not None and book.limit is not None
    try:
        amounts = price()
    except ValueError as error:
        if not limited:
            return NO_TICKET  # nothing to hold: the service will judge the program
        raise SessionError(
            f"Not submitted: the budget of session '{session.details.name}' cannot be checked, "
            f"since the cost of the job cannot be estimated ({error}). "
            "Remove the budget with `%session budget none` to submit it anyway."
        ) from None
    currency = currency_of(target_name)
    if not limited:
        note_if_unbudgeted(session.id, target_name, str(session.details.name))
        return Ticket(session.id, currency, amounts)
    total = sum(amounts)
    with _LOCK:
        spend = spend_of(session)
        spent = spend.spent + _RESERVED.get(session.id, 0.0)
        limit = float(book.limit)
        if spent + total > limit + 1e-9:
            raise BudgetExceeded(_refusal(session, spent, total, limit, currency, what))
        _RESERVED[session.id] = _RESERVED.get(session.id, 0.0) + total
    return Ticket(session.id, currency, amounts, total)


# -- which submissions were admitted ------------------------------------------------------------

#: Set while a guarded host (`guard.py`) or a primitive (`qiskit/target.py`) sends a job
#: it has admitted, so the backstop at the workspace's `submit_job` lets it pass
#: unpriced. A context variable: set in the thread (or task) that submits.
_ADMITTED: ContextVar[bool] = ContextVar("qsession_admitted", default=False)


@contextmanager
def admitted() -> Iterator[None]:
    """Jobs submitted within this block were checked already: not priced or counted again."""
    token = _ADMITTED.set(True)
    try:
        yield
    finally:
        _ADMITTED.reset(token)


def is_admitted() -> bool:
    """Whether the job now being submitted was admitted by a guarded host or a primitive."""
    return _ADMITTED.get()


def admit_call(
    host: Any, kind: str, args: tuple, kwargs: dict, *, check_budget: bool = True
) -> Ticket:
    """`admit` for a call of `Target.submit` (kind "target") or a Qiskit backend's
    `run` (kind "backend"), read the way the SDK reads its arguments."""
    if kind == "backend":
        program = args[0] if args else kwargs.get("run_input", kwargs.get("circuit"))
        if isinstance(program, (list, tuple)) and len(program) == 1:
            program = program[0]
        shots = args[1] if len(args) > 1 else kwargs.get("shots")
        check_shots(shots)
        for option in ("shots", "count"):
            check_shots(kwargs.get(option), option)
        if shots is None:
            shots = kwargs.get("shots", kwargs.get("count"))
        if shots is None:
            defaults = getattr(host, "options", None)
            shots = defaults.get("shots") if hasattr(defaults, "get") else None
        params: dict = {}
        name = host.name() if callable(host.name) else host.name
    else:
        program = args[0] if args else kwargs.get("input_data", kwargs.get("program"))
        shots = args[2] if len(args) > 2 else kwargs.get("shots", kwargs.get("repetitions"))
        check_shots(shots)
        given = args[3] if len(args) > 3 else kwargs.get("input_params")
        params = params_dict(given)
        for option in ("shots", "count"):
            check_shots(params.get(option), f"input_params['{option}']")
        name = host.name
    if not check_budget:
        return NO_TICKET
    return admit(getattr(host, "latest_session", None), name, [(program, shots, params)])


def params_dict(given: Any) -> dict:
    """A job's `input_params` (the SDK's `InputParams`, a dict, or None) as a plain dict."""
    if given is None:
        return {}
    return dict(given.as_dict() if callable(getattr(given, "as_dict", None)) else given)


def _estimate(target_name: str, program: Any, shots: Any, params: dict) -> float:
    from ..costs.estimate import estimate_cost

    return float(estimate_cost(target_name, program, shots, input_params=params).total)


def _refusal(
    session: Any, spent: float, total: float, limit: float, currency: str, what: str
) -> str:
    needed = math.ceil(spent + total)
    return (
        f"Not submitted: session '{session.details.name}' has spent {money(spent, currency)} "
        f"of its {money(limit, currency)} budget, and {what} estimated at "
        f"{money(total, currency)}. Raise it with `%session budget {needed}` "
        f"(or qsession_jupyter.set_budget(session, {needed}))."
    )
