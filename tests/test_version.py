"""One version: the sidebar's package.json is the source; the package reports the same."""

from __future__ import annotations

import json
from pathlib import Path

import qsession_jupyter

PACKAGE_JSON = Path(__file__).resolve().parents[1] / "labextension" / "package.json"


def test_package_and_sidebar_report_one_version():
    sidebar = json.loads(PACKAGE_JSON.read_text())["version"]
    assert qsession_jupyter.__version__ == sidebar
