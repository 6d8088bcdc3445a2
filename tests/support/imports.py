"""The modules a Python file imports, read from its syntax tree (absolute imports only; the package uses none
other). Shared by the tests that hold the import rules: layout, dependencies, the SDK standing alone."""

from __future__ import annotations

import ast
from pathlib import Path


def imports_of(path: Path, top_level_only: bool = False) -> set[str]:
    """Dotted names imported anywhere in `path` (TYPE_CHECKING blocks and functions included), or only by
    statements at the top of the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names
