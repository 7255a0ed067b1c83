"""The documentation's cross-references resolve: what a reader follows must exist.

Code comments cite docs/contract.md as "contract §1.3" (or "contract 1.3"); a
citation of a section that is not there sends the next engineer nowhere. The
README and docs/ link to each other and to files of the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "docs" / "contract.md"
CITATION = re.compile(r"contract,? §?(\d+\.\d+)(?:\s*-\s*(\d+\.\d+))?")
HEADING = re.compile(r"^#{2,4} §(\d+\.\d+)(?:[–-](\d+\.\d+))?\b", re.MULTILINE)
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def contract_sections() -> set[str]:
    sections = set()
    for first, last in HEADING.findall(CONTRACT.read_text()):
        sections.add(first)
        if last:  # "§4.1–4.4" covers the sections between
            major, low = first.split(".")
            high = last.split(".")[1]
            sections.update(f"{major}.{n}" for n in range(int(low), int(high) + 1))
    return sections


def cited_sections() -> dict[str, list[str]]:
    cited: dict[str, list[str]] = {}
    for folder in ("qsession_jupyter", "tests", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            for first, last in CITATION.findall(path.read_text()):
                for section in filter(None, (first, last)):
                    cited.setdefault(section, []).append(str(path.relative_to(ROOT)))
    return cited


def test_every_contract_citation_in_the_code_names_a_section_of_docs_contract():
    sections = contract_sections()
    cited = cited_sections()
    assert cited, "no citations found: the pattern no longer matches the code's comments"
    missing = {section: paths for section, paths in cited.items() if section not in sections}
    assert not missing, f"cited but not in docs/contract.md: {missing}"


def test_links_in_the_readme_and_docs_lead_to_files_that_exist():
    broken = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in LINK.findall(page.read_text()):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not broken, broken


def test_notebooks_read_as_tutorials():
    """Each example starts by saying what it shows and ends with what to try next; no
    cell exists for the tests' sake (they read the kernel's variables instead)."""
    import nbformat

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# "), path.name
        assert cells[-1].cell_type == "markdown", path.name
        assert cells[-1].source.startswith("## What to try next"), path.name
        for cell in cells:
            assert "RESULT" not in cell.source and "machine-readable" not in cell.source, path.name
