"""The README cannot drift from the code: every file it names exists, every `make` target too."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text()
SUFFIXES = "py|html|css|js|toml|cfg|po|lua|txt|md|ini|sh"


def named_files() -> set[str]:
    """Paths in backticks: with a known suffix, or under a top-level folder of the project."""
    found = set(re.findall(rf"`([A-Za-z0-9_./-]+\.(?:{SUFFIXES}))`", README))
    top = r"(?:participation|tests|templates|static|migrations|\.ci)/[A-Za-z0-9_./-]*"
    found |= set(re.findall(rf"`({top})`", README))
    return found


def test_every_file_the_readme_names_exists() -> None:
    files = named_files()
    assert len(files) > 30  # the pattern still finds the README's paths
    # Paths are written from the project root, or from the package (`domain/…`, `services/…`).
    missing = [
        name
        for name in sorted(files)
        if not (ROOT / name).exists() and not (ROOT / "participation" / name).exists()
    ]
    assert missing == []


def test_every_make_target_the_readme_names_exists() -> None:
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"`make ([a-z-]+)", README))
    assert {"run", "test", "test-fast", "bench", "bench-results"} <= targets
    assert [t for t in sorted(targets) if not re.search(rf"^{t}:", makefile, re.M)] == []


def test_the_readme_keeps_no_test_counts_that_nothing_keeps_current() -> None:
    assert not re.search(r"\b\d[\d,]* tests\b", README)
