"""Browser-test fixtures: `lab_factory`, `browser` and `page` (see browser_support)."""

from __future__ import annotations

import os

import pytest
from browser_support import CHROMIUM_ARGS, Lab, chromium_path, start_lab


@pytest.fixture
def lab_factory(tmp_path):
    """Start one or more JupyterLabs in a test; all are stopped afterwards."""
    labs: list[Lab] = []

    def make(name: str = "lab", **kwargs) -> Lab:
        lab = start_lab(tmp_path / name, **kwargs)
        labs.append(lab)
        return lab

    yield make
    for lab in labs:
        lab.stop()


@pytest.fixture(scope="module")
def browser():
    """Per module: Playwright's sync API keeps an event loop running while it is
    open, which would break every later test that runs asyncio (nbclient,
    pytest-jupyter)."""
    executable = chromium_path()
    if executable is None:
        message = "Debian chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (python) is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()
