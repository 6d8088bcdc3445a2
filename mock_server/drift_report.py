"""What the proxy saw: a line per exchange on the console, a summary on exit, a JSON and Markdown report."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from akool_mock.mock_server.drift import NOT_IN_CONTRACT, UNKNOWN_FIELD, ExchangeResult
from akool_mock.mock_server.proxy import Observed

MAX_LISTED = 200  # drift findings kept per kind and operation in the report (the counts stay exact)


def line(observed: Observed) -> str:
    """`GET /api/open/v3/faceswap/result/listbyids faceswap.list_results 200 code=1000 3.1 ms ok`."""
    result = observed.result
    status = "---" if observed.status is None else str(observed.status)
    answered = f" (answered {observed.answered})" if observed.answered else ""
    code = f" code={result.code}" if result.code is not None else ""
    head = f"{observed.method} {result.path} {result.operation or '(not in the contract)'} {status}{code}"
    verdict = "ok" if result.conforms else f"DRIFT {len(result.violations)}"
    unknown = sum(d.kind == UNKNOWN_FIELD for d in result.drift)
    extra = f", {unknown} unknown field(s)" if unknown else ""
    lines = [f"{head} {observed.elapsed_ms:.1f} ms {verdict}{extra}{answered}"]
    lines += [
        f"    {d.direction} {d.path or '(root)'}: {d.message} (expected {d.expected}; found {d.found})"
        for d in result.violations
    ]
    if observed.error:
        lines.append(f"    {observed.error}")
    return "\n".join(lines)


@dataclass
class DriftReport:
    """Every exchange's result, counted; drift kept (bounded) for the report."""

    exchanges: int = 0
    conforming: int = 0
    by_operation: Counter[str] = field(default_factory=Counter)
    drift: list[dict[str, Any]] = field(default_factory=list)
    not_in_contract: Counter[str] = field(default_factory=Counter)
    unknown_fields: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    failures: int = 0

    def add(self, observed: Observed) -> None:
        result = observed.result
        self.exchanges += 1
        self.conforming += result.conforms
        self.failures += observed.status is None
        self.by_operation[result.operation or "(not in the contract)"] += 1
        for item in result.drift:
            if item.kind == NOT_IN_CONTRACT:
                self.not_in_contract[f"{result.method} {result.path}"] += 1
            elif item.kind == UNKNOWN_FIELD:
                self.unknown_fields[(item.operation, item.direction, item.path)] += 1
            elif len(self.drift) < MAX_LISTED:
                self.drift.append({**item.as_dict(), "method": result.method, "status": observed.status})

    @property
    def drifting(self) -> int:
        return self.exchanges - self.conforming

    def as_dict(self) -> dict[str, Any]:
        return {
            "exchanges": self.exchanges,
            "conforming": self.conforming,
            "drifting": self.drifting,
            "no_answer": self.failures,
            "operations": dict(sorted(self.by_operation.items())),
            "drift": self.drift,
            "unknown_fields": [
                {"operation": op, "direction": direction, "path": path, "count": count}
                for (op, direction, path), count in sorted(self.unknown_fields.items())
            ],
            "not_in_contract": dict(sorted(self.not_in_contract.items())),
        }

    def summary(self) -> str:
        lines = [
            f"akool-mock proxy: {self.exchanges} exchange(s), {self.conforming} conforming, "
            f"{self.drifting} with drift, {self.failures} without an answer",
        ]
        lines += [
            f"  {d['operation']} {d['direction']} {d['path'] or '(root)'}: {d['message']}"
            for d in self.drift[:20]
        ]
        if len(self.drift) > 20:
            lines.append(f"  ... and {len(self.drift) - 20} more (see --report)")
        if self.unknown_fields:
            lines.append(
                f"  unknown fields: {len(self.unknown_fields)} (allowed by the contract; see --report)"
            )
        for route, count in sorted(self.not_in_contract.items()):
            lines.append(f"  not in the contract: {route} ({count}x)")
        return "\n".join(lines)

    def markdown(self) -> str:
        out = [
            "# akool-mock proxy: drift report",
            "",
            self.summary().splitlines()[0].replace("akool-mock proxy: ", ""),
            "",
        ]
        out += [
            "## Drift",
            "",
            "| operation | direction | JSON path | expected | found | message |",
            "|---|---|---|---|---|---|",
        ]
        out += [
            f"| {d['operation']} | {d['direction']} | `{d['path'] or '(root)'}` | {_cell(d['expected'])} | "
            f"{_cell(d['found'])} | {_cell(d['message'])} |"
            for d in self.drift
        ]
        out += [
            "",
            "## Unknown fields (allowed by the contract)",
            "",
            "| operation | direction | JSON path | seen |",
            "|---|---|---|---|",
        ]
        out += [
            f"| {op} | {direction} | `{path}` | {count} |"
            for (op, direction, path), count in sorted(self.unknown_fields.items())
        ]
        out += ["", "## Not in the contract", "", "| request | seen |", "|---|---|"]
        out += [f"| `{route}` | {count} |" for route, count in sorted(self.not_in_contract.items())]
        out += ["", "## Exchanges by operation", "", "| operation | exchanges |", "|---|---|"]
        out += [f"| {op} | {count} |" for op, count in sorted(self.by_operation.items())]
        return "\n".join(out) + "\n"

    def write(self, path: Path) -> tuple[Path, Path]:
        """`drift` → drift.json and drift.md (a `.json` or `.md` name gives its sibling the other suffix)."""
        stem = path.with_suffix("") if path.suffix in (".json", ".md") else path
        json_path, md_path = stem.with_name(stem.name + ".json"), stem.with_name(stem.name + ".md")
        json_path.write_text(
            json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        md_path.write_text(self.markdown(), encoding="utf-8")
        return json_path, md_path


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def console(stream: TextIO) -> Any:
    """An observer printing one line per exchange to `stream`."""

    def show(observed: Observed) -> None:
        print(line(observed), file=stream, flush=True)

    return show


__all__ = ["DriftReport", "ExchangeResult", "console", "line"]
