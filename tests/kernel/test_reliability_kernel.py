"""What a notebook user sees when something goes wrong: one clear line, and nothing broken after."""

from __future__ import annotations

import subprocess
import sys

from service_support import ServiceHandle

from qsession_jupyter.local.app.runtime import read_runtime


def test_a_rejected_open_leaves_the_target_usable(run, shell):
    """The SDK sets `latest_session` before the service answers; a refused open
    used to make every later open on that target fail with a 404 for it."""
    first = run("%session open -t ionq.simulator -n before-a-refusal")
    assert first.error is None, first.out
    refused = run(f"%session open -t ionq.simulator -n {'x' * 300}")
    assert "longer than 256 characters" in refused.out
    assert "Traceback" not in refused.out
    opened = run("%session open -t ionq.simulator -n after-a-refusal")
    assert opened.error is None, opened.out
    assert "not found" not in opened.out.lower()
    from qsession_jupyter.kernel import api

    assert api.current_session().details.name == "after-a-refusal"
    assert shell.user_ns["target"].latest_session is api.current_session()
    again = run("%session open -t ionq.simulator -n and-again")
    assert again.error is None, again.out


def test_a_corrupt_database_is_named_and_repair_moves_it_aside(run, tmp_path, monkeypatch):
    data_dir = tmp_path / "corrupt"
    data_dir.mkdir()
    garbage = b"this was never a database" * 100
    (data_dir / "workspace.sqlite3").write_bytes(garbage)
    monkeypatch.setenv("QSESSION_DATA_DIR", str(data_dir))

    failed = run("%workspace local")
    assert "is not a valid database" in failed.out, failed.out
    assert "qsession-local repair" in failed.out
    assert "Traceback" not in failed.out
    assert "is not a valid database" in (data_dir / "service.log").read_text()

    repaired = subprocess.run(
        [sys.executable, "-m", "qsession_jupyter.local", "repair", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert repaired.returncode == 0, repaired.stderr
    copies = list(data_dir.glob("workspace.sqlite3.corrupt-*"))
    assert [copy.read_bytes() for copy in copies] == [garbage]
    assert str(copies[0]) in repaired.stdout

    try:
        started = run("%workspace local")
        assert started.error is None, started.out
        assert "Using the local" in started.out
    finally:
        info = read_runtime(data_dir)
        if info is not None:
            ServiceHandle(info, data_dir).stop()
