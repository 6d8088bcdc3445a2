"""Prism (`@stoplight/prism-cli`), the usual stateless mock of an OpenAPI document: the peer to measure.

It is installed with npm into a cache folder outside the repository (never into the work tree):
`~/.cache/akool-mock-bench` by default, or $AKOOL_BENCH_CACHE. Without node or npm the Prism figures are
skipped and the report says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

PACKAGE = "@stoplight/prism-cli@5"
INSTALL_TIMEOUT_S = 300


def cache_dir() -> Path:
    return Path(os.environ.get("AKOOL_BENCH_CACHE", Path.home() / ".cache" / "akool-mock-bench"))


def executable() -> Path:
    return cache_dir() / "node_modules" / ".bin" / "prism"


def ensure() -> tuple[Path | None, str]:
    """Prism's CLI (installing it on first use), or None and the reason it cannot be had."""
    if shutil.which("node") is None:
        return None, "node is not installed"
    prism = executable()
    if prism.exists():
        return prism, _version(prism)
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm is not installed"
    cache_dir().mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(cache_dir()), PACKAGE],
            check=True,
            capture_output=True,
            timeout=INSTALL_TIMEOUT_S,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        return None, f"npm install {PACKAGE} failed: {exc}"
    if not prism.exists():
        return None, f"npm install {PACKAGE} did not provide {prism}"
    return prism, _version(prism)


def _version(prism: Path) -> str:
    package = prism.parent.parent / "@stoplight" / "prism-cli" / "package.json"
    try:
        import json

        return f"prism-cli {json.loads(package.read_text())['version']}"
    except (OSError, ValueError, KeyError):
        return "prism-cli"


def command(prism: Path, document: Path, port: int) -> list[str]:
    """Prism in its default mode (static examples, request validation), with its per-request log off
    (`-v warn`) so that it is not slowed by writing a log nobody reads."""
    return [str(prism), "mock", str(document), "-h", "127.0.0.1", "-p", str(port), "-v", "warn"]
