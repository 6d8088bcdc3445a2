"""The import rules of DESIGN.md, on the one installed name `akool_mock`.

schemas imports nothing of ours (but fixtures); mock_server imports schemas and fixtures, never sdk or
contract_tests; sdk imports nothing of ours (tests/sdk/test_imports.py); contract_tests may import all.
Nothing imports a product folder by its bare name (`mock_server`, `schemas`, ...): installed, only
`akool_mock` exists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.imports import imports_of

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("mock_server", "schemas", "sdk", "contract_tests", "fixtures")
ALLOWED = {
    "schemas": {"schemas", "fixtures"},
    "fixtures": {"fixtures"},
    "mock_server": {"mock_server", "schemas", "fixtures"},
    "sdk": {"sdk"},
    "contract_tests": set(PARTS),
}
CODE = sorted(
    path
    for folder in (*PARTS, "tests", "scripts", "benchmarks", "akool_mock")
    for path in (ROOT / folder).rglob("*.py")
    if not (folder == "akool_mock" and path.parent != ROOT / "akool_mock")
)


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_bare_product_names(path: Path) -> None:
    bare = [name for name in imports_of(path) if name.split(".")[0] in PARTS]
    assert not bare, f"import these as akool_mock.<name>: {bare}"


@pytest.mark.parametrize("part", PARTS)
def test_each_part_imports_only_what_it_may(part: str) -> None:
    wrong = []
    for path in sorted((ROOT / part).rglob("*.py")):
        for name in imports_of(path):
            pieces = name.split(".")
            ours = pieces[0] == "akool_mock" and len(pieces) > 1 and pieces[1] in PARTS
            if ours and pieces[1] not in ALLOWED[part]:
                wrong.append(f"{path.relative_to(ROOT)}: {name}")
    assert not wrong, wrong


def test_the_links_of_a_checkout_point_at_the_folders() -> None:
    for part in PARTS:
        link = ROOT / "akool_mock" / part
        assert link.is_symlink(), f"akool_mock/{part} should link to ../{part}"
        assert link.resolve() == (ROOT / part).resolve()
