"""Check recorded Akool responses (one JSON body, or a HAR file) against the contract.

This is how users find out whether the real API still answers what the schemas say. Input problems raise
`UnusableInput` (the CLI exits 2); a non-conforming response is a `Finding` (the CLI exits 1).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from akool_mock.schemas.catalog import Catalog
from akool_mock.schemas.registry import Violation

AKOOL_HOSTS = frozenset({"openapi.akool.com", "sg3.akool.com"})


class UnusableInput(Exception):
    """The input cannot be checked at all (not JSON, unknown operation, broken HAR)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One violation of one recorded response."""

    source: str
    operation: str
    violation: Violation

    def __str__(self) -> str:
        v = self.violation
        where = v.path or "(root)"
        return (
            f"{self.source}: {self.operation} {where}: {v.message} (expected {v.expected}; found {v.found})"
        )


@dataclass(frozen=True, slots=True)
class Report:
    """What a check found: violations, and what was checked or passed over."""

    findings: tuple[Finding, ...]
    checked: int
    skipped: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.findings


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnusableInput(f"{path}: cannot read: {exc}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnusableInput(f"{path}: not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc


def check_file(catalog: Catalog, path: Path, operation: str | None = None) -> Report:
    """Check a single recorded response body, or every Akool entry of a HAR file."""
    if operation is not None and operation not in catalog:
        raise UnusableInput(f"unknown operation {operation!r} (see `akool-mock catalog`)")
    document = _read_json(path)
    if isinstance(document, dict) and isinstance(document.get("log"), dict):
        return check_har(catalog, document, operation, str(path))
    if operation is None:
        raise UnusableInput(f"{path}: a single response needs --operation ID (or give a HAR file)")
    violations = catalog.operation(operation).response_errors(document)
    findings = tuple(Finding(str(path), operation, v) for v in violations)
    return Report(findings, 1, ())


def check_har(catalog: Catalog, har: dict[str, Any], operation: str | None, source: str) -> Report:
    entries = har["log"].get("entries")
    if not isinstance(entries, list):
        raise UnusableInput(f"{source}: HAR has no log.entries list")
    findings: list[Finding] = []
    skipped: list[str] = []
    checked = 0
    for index, entry in enumerate(entries):
        label = f"{source}#entries[{index}]"
        method, url, body = _har_entry(entry, label)
        parts = urlsplit(url)
        op = catalog.by_route(method, parts.hostname or "", parts.path)
        if op is None or (operation is not None and op.id != operation):
            if (parts.hostname or "") in AKOOL_HOSTS and operation is None:
                skipped.append(f"{label}: {method} {parts.path} is not an operation of the contract")
            continue
        checked += 1
        if body is _NO_BODY:
            skipped.append(f"{label}: {op.id} response has no JSON body")
            continue
        findings.extend(Finding(label, op.id, v) for v in op.response_errors(body))
    return Report(tuple(findings), checked, tuple(skipped))


_NO_BODY = object()


def _har_entry(entry: Any, label: str) -> tuple[str, str, Any]:
    try:
        request, content = entry["request"], entry["response"]["content"]
        method, url = str(request["method"]), str(request["url"])
    except (KeyError, TypeError) as exc:
        raise UnusableInput(f"{label}: not a HAR entry (missing {exc})") from exc
    text = content.get("text")
    if not isinstance(text, str) or not text:
        return method, url, _NO_BODY
    if content.get("encoding") == "base64":
        text = base64.b64decode(text).decode("utf-8", "replace")
    try:
        return method, url, json.loads(text)
    except json.JSONDecodeError:
        return method, url, _NO_BODY
