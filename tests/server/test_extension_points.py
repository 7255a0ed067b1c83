"""The package is discoverable by `jupyter server extension list` and `jupyter labextension list`."""

from __future__ import annotations

import json
from pathlib import Path

import qsession_jupyter
from qsession_jupyter import server

REPO = Path(__file__).resolve().parents[2]


def test_labextension_name_matches_the_npm_package_and_the_wheel_layout():
    package = json.loads((REPO / "labextension" / "package.json").read_text())
    assert server._jupyter_labextension_paths() == [
        {"src": "labextension", "dest": package["name"]}
    ]
    assert package["jupyterlab"]["outputDir"] == "../qsession_jupyter/labextension"
    install = json.loads((REPO / "install.json").read_text())
    assert install["packageName"] == "qsession-jupyter"


def test_server_config_enables_the_package_and_the_package_exposes_the_extension():
    config = json.loads(
        (REPO / "jupyter-config" / "server-config" / "qsession_jupyter.json").read_text()
    )
    assert config["ServerApp"]["jpserver_extensions"] == {"qsession_jupyter": True}
    # jupyter_server looks these up on the enabled package itself.
    assert qsession_jupyter._jupyter_server_extension_points() == [
        {"module": "qsession_jupyter.server"}
    ]
    assert qsession_jupyter._jupyter_labextension_paths() == server._jupyter_labextension_paths()
