"""The installed package's own metadata: its version and where its bugs go.

Read from the distribution's metadata (the version comes from
labextension/package.json at build time), so nothing here is kept by hand.
"""

from __future__ import annotations

from importlib import metadata

DISTRIBUTION = "qsession-jupyter"

#: Project-URL labels that say where bugs go, most specific first.
_REPORT_LABELS = ("issues", "bug tracker", "bugs", "tracker", "source", "repository", "homepage")


def package_version() -> str:
    """The installed version; "0+unknown" in a source tree that was never installed."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


def report_address() -> str:
    """Where to report a bug: the issue tracker the package's metadata names."""
    try:
        entries = metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        entries = []
    urls = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    for label in _REPORT_LABELS:
        if urls.get(label):
            return urls[label]
    return f"the {DISTRIBUTION} maintainers"
