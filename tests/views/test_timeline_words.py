"""The panel's timeline says what the sidebar's says, for the same model (shared cases)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qsession_jupyter.views.timeline import Bar, Gap, SessionClocks, Timeline
from qsession_jupyter.widgets.timeline import bar_title, gap_title, idle_text, shown_text

CASES = json.loads(
    (
        Path(__file__).resolve().parents[2]
        / "labextension"
        / "src"
        / "__tests__"
        / "timeline-cases.json"
    ).read_text()
)


@pytest.mark.parametrize(("bar", "title"), CASES["bars"])
def test_bar_titles(bar, title):
    assert bar_title(Bar(**bar)) == title


@pytest.mark.parametrize(("gap", "window", "title"), CASES["gaps"])
def test_gap_titles(gap, window, title):
    fields = {k: v for k, v in gap.items() if k != "seconds"}
    assert Gap(**fields).seconds == gap["seconds"]
    assert gap_title(Gap(**fields), window) == title


@pytest.mark.parametrize(("case", "text"), CASES["idle"])
def test_idle_legend(case, text):
    timeline = Timeline(
        origin=None,
        span=case["span"],
        provider_id="ionq",
        exclusive=False,
        clocks=SessionClocks(idle_timeout=case["idle_timeout"]),
        idle_deadline=case["idle_deadline"],
        open=case["open"],
        timed_out=case["timed_out"],
    )
    assert idle_text(timeline) == text


@pytest.mark.parametrize(("case", "text"), CASES["shown"])
def test_which_jobs_are_drawn(case, text):
    bar = Bar("j", "", "Succeeded", 0, 0, 1, False, 0, 1)
    timeline = Timeline(
        origin=None,
        span=1,
        provider_id="ionq",
        exclusive=False,
        clocks=SessionClocks(),
        bars=[bar] * case["shown"],
        hidden_jobs=case["hidden_jobs"],
    )
    assert shown_text(timeline) == text
