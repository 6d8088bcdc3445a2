"""No module of the package imports a private module (or a private name) of another distribution.

A private module (`jsonschema._utils`, `referencing._core`) may change in any patch release of its library;
the package uses public APIs only. The standard library is not a distribution and is not checked; the
package's own private modules (`akool_mock.sdk._transport`) are its own business.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import akool_mock

ROOT = Path(akool_mock.__file__).resolve().parent
MODULES = sorted(
    {path.resolve() for path in ROOT.rglob("*.py") if "__pycache__" not in path.parts}
    | {path.resolve() for folder in ROOT.iterdir() if folder.is_symlink() for path in folder.rglob("*.py")}
)
OWN = "akool_mock"


def _private(dotted: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in dotted.split("."))


def foreign_private_imports(source: str) -> list[str]:
    """Every `import a._b`, `from a._b import c` and `from a import _b` whose `a` is another distribution."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            module = node.module
            names = [module] if _private(module) else [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top != OWN and top not in sys.stdlib_module_names and _private(name):
                found.append(name)
    return found


def test_the_scan_finds_what_it_looks_for() -> None:
    source = "import jsonschema._utils\nfrom referencing._core import Resolver\nfrom httpx import _client\n"
    assert foreign_private_imports(source) == ["jsonschema._utils", "referencing._core", "httpx._client"]
    own = "from akool_mock.sdk._transport import x\nimport _thread\nfrom __future__ import annotations\n"
    assert foreign_private_imports(own) == []


def test_the_package_has_modules_to_scan() -> None:
    assert len(MODULES) > 50


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT.parent)))
def test_no_private_import_of_another_distribution(path: Path) -> None:
    assert foreign_private_imports(path.read_text(encoding="utf-8")) == []
