"""Paging through more than a thousand top-level items, in a workspace of their own."""

from __future__ import annotations

from sdk_items import open_bare_session, submit, wait_for

TOTAL_SESSIONS = 1020


def test_pages_cover_every_item_once_newest_first(api, make_service, server_workspace):
    service = make_service("paging")
    workspace = service.workspace()
    server_workspace.workspace = workspace
    opened = [
        open_bare_session(workspace, "rigetti.sim.qvm", f"page-{i:04d}").id
        for i in range(TOTAL_SESSIONS)
    ]
    lone = submit(workspace, "ionq.simulator", "lone-job", shots=10)
    wait_for(lone, {"Succeeded", "Failed"})

    seen, times, skip, pages = [], [], 0, 0
    while skip is not None:
        status, body = api("items", params={"skip": str(skip), "page_size": "100"})
        assert status == 200, body
        assert len(body["items"]) <= 100
        seen += [item["id"] for item in body["items"]]
        times += [item["creation_time"] for item in body["items"]]
        skip = body["next_skip"]
        pages += 1
    assert pages == 11
    assert len(seen) == len(set(seen)) == TOTAL_SESSIONS + 1
    assert set(seen) == set(opened) | {lone.id}
    assert times == sorted(times, reverse=True)
    assert seen[0] == lone.id  # the newest item leads the first page

    # Oldest first, and a filter that still spans many pages.
    status, body = api(
        "items",
        params={
            "type": "Session",
            "sort": "submitted",
            "order": "asc",
            "page_size": "500",
            "skip": "1000",
        },
    )
    assert status == 200
    assert [item["name"] for item in body["items"]] == [
        f"page-{i:04d}" for i in range(1000, TOTAL_SESSIONS)
    ]
    assert body["has_more"] is False

    status, body = api("items", params={"q": "page-10", "page_size": "10"})
    assert [item["name"] for item in body["items"]] == [
        f"page-{i:04d}" for i in range(1019, 1009, -1)
    ]
    assert body["has_more"] is True and body["next_skip"] == 10
