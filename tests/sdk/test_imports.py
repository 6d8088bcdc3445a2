"""The SDK ships alone: it imports nothing else of akool_mock; only sdk/_transport.py imports httpx."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.imports import imports_of

SDK = Path(__file__).resolve().parents[2] / "sdk"
OTHERS = ("schemas", "mock_server", "contract_tests", "fixtures")
FORBIDDEN = {*OTHERS, *(f"akool_mock.{name}" for name in OTHERS), "tests", "scripts"}
MODULES = sorted(SDK.rglob("*.py"))


def imported(path: Path) -> set[str]:
    """The packages a module imports, as their top-level name and, under akool_mock, the subpackage too."""
    names: set[str] = set()
    for module in imports_of(path):
        parts = module.split(".")
        names.update({parts[0], ".".join(parts[:2])})
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SDK)))
def test_no_other_package_of_this_repository(path: Path) -> None:
    assert not imported(path) & FORBIDDEN


def test_only_the_transport_imports_httpx() -> None:
    importers = [str(path.relative_to(SDK)) for path in MODULES if "httpx" in imported(path)]
    assert importers == ["_transport.py"]


def test_importing_the_sdk_loads_nothing_else_of_this_repository() -> None:
    code = (
        "import sys, akool_mock.sdk, akool_mock.sdk.webhooks, akool_mock.sdk.types.faceswap,"
        " akool_mock.sdk.types.voices, akool_mock.sdk.types.knowledge;"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {sorted(FORBIDDEN)!r}"
        f" or '.'.join(m.split('.')[:2]) in {sorted(FORBIDDEN)!r});"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=SDK.anchor
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_modules_stay_small() -> None:
    for path in MODULES:
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines < 400, f"{path.relative_to(SDK)} has {lines} lines"


def test_functions_stay_short() -> None:
    long = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None:
                length = node.end_lineno - node.lineno + 1
                if length >= 40:
                    long.append(f"{path.relative_to(SDK)}:{node.lineno} {node.name} ({length} lines)")
    assert not long, long
