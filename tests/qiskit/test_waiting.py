"""How our waits keep the device busy: every job sent before the first wait, and the
look at a pending job never later than the notice rule allows (client/waiting.py)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Parameter

from qsession_jupyter.client import waiting
from qsession_jupyter.qiskit import EstimatorV2, SamplerV2

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def details(status: str, *, began: float | None = None, created: float = 0.0):
    begin = None if began is None else NOW - dt.timedelta(seconds=began)
    return SimpleNamespace(
        status=status,
        begin_execution_time=begin,
        creation_time=NOW - dt.timedelta(seconds=created),
    )


@pytest.mark.parametrize(
    ("job", "cap"),
    [
        (details("Executing", began=100.0), 5.0),  # 5 % of the time it has run
        (details("Executing", began=1.0), 0.05),
        (details("Executing", began=0.0), waiting.FLOOR),
        (details("Waiting", created=2.0), 0.25),  # a queued job may start and end at once
        (details("Waiting", created=3600.0), 180.0),  # but an hour's queue is not hammered
    ],
)
def test_a_pending_job_is_looked_at_within_the_notice_rule(job, cap):
    assert waiting.cap_for(job, NOW) == pytest.approx(cap)


class ScriptedJob:
    """An SDK job stand-in whose refreshes walk through given states."""

    def __init__(self, states: list[str]) -> None:
        self.states = list(states)
        self.details = SimpleNamespace(
            status=self.states.pop(0), begin_execution_time=None, creation_time=None
        )
        self.refreshes = 0

    def refresh(self) -> None:
        self.refreshes += 1
        if self.states:
            self.details.status = self.states.pop(0)

    def has_completed(self) -> bool:
        return self.details.status in ("Succeeded", "Failed", "Cancelled")


def test_wait_all_reports_each_change_and_returns_when_all_have_ended():
    first = ScriptedJob(["Waiting", "Executing", "Succeeded"])
    second = ScriptedJob(["Waiting", "Waiting", "Waiting", "Executing", "Failed"])
    seen: list[tuple[int, str]] = []
    left = waiting.wait_all(
        [first, second], timeout=30, on_change=lambda j: seen.append((id(j), j.details.status))
    )
    assert left == []
    assert (id(first), "Succeeded") in seen and (id(second), "Failed") in seen
    assert seen.index((id(first), "Executing")) < seen.index((id(first), "Succeeded"))


def test_wait_all_gives_back_what_is_still_pending_at_the_timeout():
    stuck = ScriptedJob(["Waiting"])
    assert waiting.wait_all([stuck], timeout=0.1) == [stuck]


def _counting_wait(workspace, session_id: str, seen: list[int]):
    real = waiting.wait_all

    def wait_all(jobs, **kwargs):
        seen.append(len(workspace.list_session_jobs(session_id=session_id)))
        return real(jobs, **kwargs)

    return wait_all


def test_a_sampler_run_sends_every_job_before_it_waits(session_on, workspace, monkeypatch):
    backend, session = session_on("ionq.simulator", "sent first")
    seen: list[int] = []
    monkeypatch.setattr(waiting, "wait_all", _counting_wait(workspace, session.id, seen))
    theta = Parameter("t")
    qc = QuantumCircuit(1)
    qc.ry(theta, 0)
    qc.measure_all()
    SamplerV2(mode=session).run([(qc, [[0.1 * i] for i in range(6)])], shots=10).result()
    assert seen == [6]


def test_an_estimator_run_sends_every_group_before_it_waits(session_on, workspace, monkeypatch):
    from qiskit.quantum_info import SparsePauliOp

    backend, session = session_on("ionq.simulator", "groups first")
    seen: list[int] = []
    monkeypatch.setattr(waiting, "wait_all", _counting_wait(workspace, session.id, seen))
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    observable = SparsePauliOp.from_list([("ZZ", 1.0), ("XX", 1.0), ("YY", 1.0)])
    estimator = EstimatorV2(mode=session)
    estimator.options.default_shots = 10
    estimator.run([(qc, observable)]).result()
    assert seen == [3]
