"""The store's named operations over typed records, on a real SQLite file."""

from __future__ import annotations

import dataclasses

import pytest

from qsession_jupyter.local.storage.records import JobRecord, SessionRecord
from qsession_jupyter.local.storage.store import Store


@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path / "workspace.sqlite3")
    yield opened
    opened.close()


def _session(**fields) -> SessionRecord:
    given = {"id": "s-1", "name": "s", "provider_id": "ionq", "target": "ionq.simulator"}
    return SessionRecord(**{**given, "status": "Waiting", "creation_time": 1.0, **fields})


def _job(job_id: str, **fields) -> JobRecord:
    return JobRecord(
        **{
            "id": job_id,
            "name": f"job {job_id}",
            "provider_id": "ionq",
            "target": "ionq.simulator",
            "status": "Waiting",
            "creation_time": 2.0,
            "container": f"job-{job_id}",
            "input_blob": "inputData",
            "output_blob": "rawOutputData",
            "input_data_format": "ionq.circuit.v1",
            "output_data_format": "ionq.quantum-results.v1",
            **fields,
        }
    )


def test_a_stored_record_comes_back_equal_with_its_place_in_line(store):
    job = _job("j-1", input_params={"shots": 5}, tags=["a"], metadata={"k": "v"})
    stored = store.add(job)
    assert stored.seq > 0
    assert stored == dataclasses.replace(job, seq=stored.seq)
    assert store.session("j-1") is None and store.job("j-1") == stored
    session = store.add(_session(closed=True))
    assert store.session("s-1") == session and session.closed is True


def test_records_are_frozen_and_fields_are_checked(store):
    job = store.add(_job("j-1"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        job.status = "Succeeded"
    with pytest.raises(AttributeError):
        _ = job.stauts


def test_job_transitions(store):
    store.add(_job("j-1"))
    started = store.mark_job_started("j-1", 10.0)
    assert (started.status, started.begin_execution_time, started.attempts) == (
        "Executing",
        10.0,
        1,
    )
    assert started.pending
    cancelled = store.mark_job_finished("j-1", "Cancelled", 11.0)
    assert (cancelled.status, cancelled.cancellation_time, cancelled.end_execution_time) == (
        "Cancelled",
        11.0,
        11.0,
    )
    assert not cancelled.pending
    store.add(_job("j-2"))
    failed = store.mark_job_finished("j-2", "Failed", 12.0, error_code="E", error_message="why")
    assert (failed.error_code, failed.error_message, failed.cancellation_time) == ("E", "why", None)


def test_only_name_priority_and_tags_can_be_edited(store):
    store.add(_job("j-1"))
    edited = store.edit_job("j-1", 5.0, {"name": "renamed", "tags": ["x"]})
    assert (edited.name, edited.tags, edited.last_modified_time) == ("renamed", ["x"], 5.0)
    with pytest.raises(ValueError, match="status"):
        store.edit_job("j-1", 6.0, {"status": "Succeeded"})


def test_session_queries(store):
    store.add(_session())
    store.add(_job("j-1", session_id="s-1"))
    store.add(_job("j-2", session_id="s-1"))
    store.add(_job("j-3"))
    store.mark_job_finished("j-2", "Succeeded", 3.0)
    assert [job.id for job in store.jobs_of_session("s-1")] == ["j-1"]
    assert [job.id for job in store.jobs_of_session("s-1", ["Succeeded"])] == ["j-2"]
    assert [job.id for job in store.jobs_in_state("Waiting")] == ["j-1", "j-3"]
    assert [s.id for s in store.sessions_idle_since(1.0)] == ["s-1"]
    assert store.sessions_idle_since(0.5) == []
    ended = store.set_session_status("s-1", "TimedOut", 4.0, ended=True)
    assert (ended.status, ended.end_execution_time, ended.begin_execution_time) == (
        "TimedOut",
        4.0,
        None,
    )
    assert store.unfinished_sessions() == []


def test_a_row_with_nulls_and_unreadable_json_still_reads(store):
    store.insert_items(
        [
            {
                "id": "j-raw",
                "item_type": "Job",
                "name": "raw",
                "provider_id": "ionq",
                "target": "ionq.simulator",
                "status": "Succeeded",
                "creation_time": 1.0,
                "container": "c",
                "input_params": None,
                "tags": None,
                "job_type": None,
            }
        ]
    )
    store._conn.execute("UPDATE items SET metadata = '{not json' WHERE id = 'j-raw'")
    job = store.job("j-raw")
    assert (job.input_params, job.tags, job.job_type, job.metadata) == (
        {},
        [],
        "QuantumComputing",
        None,
    )
