"""Lists with every filter the SDK offers, ordering both ways, and paging past 100 items."""

from __future__ import annotations

import uuid

import pytest
from azure.quantum import Session
from programs import submit_bell


@pytest.fixture(scope="module")
def crowded(local_service):
    """A workspace with 130 sessions (paging) and a few jobs in and out of sessions."""
    workspace = local_service.workspace()
    tag = uuid.uuid4().hex[:8]
    sessions = []
    for index in range(130):
        target = "ionq.simulator" if index % 2 else "rigetti.sim.qvm"
        session = Session(workspace=workspace, target=target, name=f"crowd-{tag}-{index:03d}")
        session.open()
        sessions.append(session)
    for session in sessions[:5]:
        session.close()
    rigetti = workspace.get_targets("rigetti.sim.qvm")
    rigetti.latest_session = None
    loose = [submit_bell(rigetti, f"loose-{tag}-{i}") for i in range(3)]
    in_session = rigetti.open_session(name=f"holder-{tag}")
    grouped = [submit_bell(rigetti, f"grouped-{tag}-{i}") for i in range(4)]
    for job in loose + grouped:
        job.wait_until_completed(timeout_secs=30)
    return {
        "workspace": workspace,
        "tag": tag,
        "sessions": sessions,
        "loose": loose,
        "grouped": grouped,
        "holder": in_session,
    }


def test_list_sessions_pages_past_100(crowded):
    ids = {s.id for s in crowded["workspace"].list_sessions()}
    assert {s.id for s in crowded["sessions"]} <= ids
    assert len(ids) >= 131


def test_paginated_sessions_follow_next_link(crowded):
    pages = (
        crowded["workspace"]
        .list_sessions_paginated(
            target=["ionq.simulator"], orderby_property="CreationTime", is_asc=True
        )
        .by_page()
    )
    seen = [item.id for page in pages for item in page]
    mine = [s.id for s in crowded["sessions"] if s.target == "ionq.simulator"]
    assert [i for i in seen if i in set(mine)] == mine
    assert len(seen) == len(set(seen))


def test_session_filters(crowded):
    workspace = crowded["workspace"]
    closed = {s.id for s in crowded["sessions"][:5]}
    succeeded = {s.id for s in workspace.list_sessions(status=["Succeeded"])}
    assert closed <= succeeded
    waiting = {s.id for s in workspace.list_sessions(status=["Waiting"])}
    assert not closed & waiting
    ionq = workspace.list_sessions(provider=["ionq"])
    assert ionq and all(s.details.provider_id == "ionq" for s in ionq)
    rigetti = workspace.list_sessions(target=["rigetti.sim.qvm"])
    assert rigetti and all(s.details.target == "rigetti.sim.qvm" for s in rigetti)
    first = crowded["sessions"][0].details.creation_time
    assert workspace.list_sessions(created_before=first)
    assert not workspace.list_sessions(created_before=first.replace(year=2000))
    assert not workspace.list_sessions(created_after=first.replace(year=2100))


def test_orderby_both_ways(crowded):
    workspace = crowded["workspace"]
    ascending = [
        s.id for s in workspace.list_sessions(orderby_property="CreationTime", is_asc=True)
    ]
    descending = [
        s.id for s in workspace.list_sessions(orderby_property="CreationTime", is_asc=False)
    ]
    assert ascending == list(reversed(descending))
    names = [s.details.name for s in workspace.list_sessions(orderby_property="Name", is_asc=True)]
    assert names == sorted(names)


def test_session_jobs_newest_first_and_filtered(crowded):
    workspace = crowded["workspace"]
    holder = crowded["holder"]
    listed = [j.id for j in workspace.list_session_jobs(holder.id)]
    assert listed == [j.id for j in reversed(crowded["grouped"])]
    named = workspace.list_session_jobs(holder.id, name_match=f"grouped-{crowded['tag']}-2")
    assert [j.id for j in named] == [crowded["grouped"][2].id]
    assert not workspace.list_session_jobs(holder.id, status=["Failed"])
    ascending = [
        j.id
        for j in workspace.list_session_jobs(
            holder.id, orderby_property="CreationTime", is_asc=True
        )
    ]
    assert ascending == [j.id for j in crowded["grouped"]]


def test_top_level_items_hold_sessions_and_loose_jobs_only(crowded):
    workspace = crowded["workspace"]
    items = workspace.list_top_level_items()
    ids = {item.id for item in items}
    assert {j.id for j in crowded["loose"]} <= ids
    assert not {j.id for j in crowded["grouped"]} & ids
    assert crowded["holder"].id in ids
    kinds = {type(item).__name__ for item in items}
    assert kinds == {"Job", "Session"}
    jobs_only = workspace.list_top_level_items(item_type=["Job"], job_type=["QuantumComputing"])
    assert jobs_only and all(type(item).__name__ == "Job" for item in jobs_only)
    named = workspace.list_top_level_items(name_match=f"loose-{crowded['tag']}")
    assert {item.id for item in named} == {j.id for j in crowded["loose"]}


def test_list_jobs_by_status_and_orderby(crowded):
    workspace = crowded["workspace"]
    jobs = workspace.list_jobs(
        name_match=f"grouped-{crowded['tag']}", orderby_property="CreationTime", is_asc=False
    )
    assert [j.id for j in jobs] == [j.id for j in reversed(crowded["grouped"])]
    for orderable in ("Name", "ItemType", "JobType", "ProviderId", "Target", "State"):
        assert workspace.list_jobs(
            name_match=f"grouped-{crowded['tag']}", orderby_property=orderable
        )
