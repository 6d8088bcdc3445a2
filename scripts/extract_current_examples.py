#!/usr/bin/env python3
"""Extract the JSON examples of Akool's 2026 docs (`current/`) for the operations they add or change.

Reads the MDX pages with `akool_mock.schemas.docs_tree`, gives each JSON block to the operation of the
endpoint written last above it (as `akool-mock docs-diff` does), and writes
`fixtures/docs/current_examples.json`: one entry per example of a wanted operation,
`{id, page, operation, direction, payload, parsed}`, in page order.
The entries of the original text stay in `fixtures/docs/examples.json` (scripts/extract_doc_examples.py).

Usage::

    python scripts/extract_current_examples.py [--docs PATH] [--check]

``--check`` writes nothing and exits 1 if the committed file is stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from akool_mock.schemas import load_catalog
from akool_mock.schemas.docs_diff import resolve
from akool_mock.schemas.docs_tree import read_tree

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = REPO_ROOT.parent / "shared" / "akool-docs"
OUT = REPO_ROOT / "fixtures" / "docs" / "current_examples.json"
# The operations whose examples exist only in (or changed with) the 2026 docs.
AREAS = ("headswap.", "text2video.", "audio.")
OPERATIONS = frozenset({"faceswap.create_image_plus", "faceswap.create_image_pro", "avatars.create_video"})


def wanted(op_id: str) -> bool:
    return op_id.startswith(AREAS) or op_id in OPERATIONS


def extract(docs: Path) -> list[dict[str, Any]]:
    catalog = load_catalog()
    entries: list[dict[str, Any]] = []
    for page in read_tree(docs / "current"):
        located = [(e.offset, resolve(catalog, e)) for e in page.endpoints()]
        if not located:
            continue
        for example in page.examples():
            op = next((op for at, op in reversed(located) if at <= example.offset), located[0][1])
            if op is None or not wanted(op.id):
                continue
            entries.append(
                {
                    "id": f"{page.key}#{example.index}",
                    "page": page.key,
                    "operation": op.id,
                    "direction": example.direction,
                    "payload": True,
                    "parsed": example.value,
                }
            )
    return entries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = json.dumps(extract(args.docs), indent=2, ensure_ascii=False) + "\n"
    if args.check:
        stale = not OUT.exists() or OUT.read_text(encoding="utf-8") != text
        print("stale" if stale else "up to date", file=sys.stderr)
        return 1 if stale else 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
