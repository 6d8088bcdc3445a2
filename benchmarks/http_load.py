"""HTTP: `akool-mock serve` against a bare Starlette app and against Prism, same load, same connections.

Three operations: a poll (faceswap result list by id), a create (a v3 image face swap, validated and
charged), and a 50/50 mix of the two. The three servers run side by side and each operation is measured on
each server in turn, `rounds` times, keeping each server's best round, so that the machine's noise falls on
all of them alike.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks import loadgen, prism
from benchmarks.common import (
    CREATE_PATH,
    POLL_PATH,
    Request,
    Server,
    akool_command,
    create_request,
    fmt,
    free_port,
    poll_request,
    ratio,
    running,
    table,
    verdict,
    write_config,
)
from benchmarks.loadgen import LoadResult

OPERATIONS = ("poll", "create", "mix")
TARGETS_VS_BARE = {"poll": 0.7, "create": 0.5}
TARGETS_VS_PRISM = {"poll": 2.0, "create": 1.5}
# `akool-mock serve` logs a line per request by default; the same server with --log-level error writes none.
QUIET = "akool-mock (logging off)"
TARGETS_LOGGING_ON = {"poll": 0.6}


@dataclass(slots=True)
class HttpReport:
    tool: str
    connections: int
    seconds: float
    rounds: int
    results: dict[str, dict[str, LoadResult]] = field(default_factory=dict)  # operation -> target -> best
    prism: str = ""  # version, or why Prism was skipped
    akool_internal_errors: int | None = None

    def ratio(self, operation: str, baseline: str) -> float | None:
        ours = self.results.get(operation, {}).get("akool-mock")
        base = self.results.get(operation, {}).get(baseline)
        return ratio(ours.rps, base.rps) if ours and base else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "connections": self.connections,
            "seconds": self.seconds,
            "rounds": self.rounds,
            "prism": self.prism,
            "akool_internal_errors": self.akool_internal_errors,
            "results": {
                op: {target: result.as_dict() for target, result in by_target.items()}
                for op, by_target in self.results.items()
            },
            "ratios": {
                op: {"vs_bare": self.ratio(op, "bare Starlette"), "vs_prism": self.ratio(op, "Prism")}
                for op in self.results
            },
        }


def _probe(server: Server, request: Request) -> dict[str, Any]:
    """Send one request; it must answer 200 with code 1000 (else the load would measure errors)."""
    answer = httpx.request(
        request.method,
        server.base_url + request.path,
        headers=request.headers,
        content=request.body or None,
        timeout=10.0,
    )
    body: dict[str, Any] = answer.json()
    if answer.status_code != 200 or body.get("code") != 1000:
        raise RuntimeError(
            f"{server.name}: {request.method} {request.path} answered {answer.status_code} {body}"
        )
    return body


def _loads(job_id: str) -> dict[str, list[Request]]:
    poll, create = poll_request(job_id), create_request()
    return {"poll": [poll], "create": [create], "mix": [poll, create]}


def export_openapi(path: Path) -> None:
    """`akool-mock openapi -o FILE`: the document Prism serves."""
    subprocess.run(
        [sys.executable, "-m", "akool_mock", "openapi", "-o", str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )


def run(*, seconds: float, connections: int, rounds: int, warmup_s: float, with_prism: bool) -> HttpReport:
    report = HttpReport(loadgen.tool_name(), connections, seconds, rounds)
    with tempfile.TemporaryDirectory(prefix="akool-bench-") as tmp, contextlib.ExitStack() as stack:
        folder = Path(tmp)
        config = write_config(folder)
        akool_port = free_port()
        unknown = poll_request("000000000000000000000000")
        akool = stack.enter_context(
            running("akool-mock", akool_command(akool_port, config, "--seed", "1"), akool_port, unknown)
        )
        created = _probe(akool, create_request())
        job_id = created["data"]["_id"]
        polled = _probe(akool, poll_request(job_id))
        answers = {
            f"GET {POLL_PATH}": json.dumps(polled, separators=(",", ":")),
            f"POST {CREATE_PATH}": json.dumps(created, separators=(",", ":")),
        }
        answers_file = folder / "answers.json"
        answers_file.write_text(json.dumps(answers), encoding="utf-8")
        bare_port = free_port()
        bare = stack.enter_context(
            running(
                "bare Starlette",
                [
                    sys.executable,
                    "-m",
                    "benchmarks.bare",
                    "--port",
                    str(bare_port),
                    "--responses",
                    str(answers_file),
                ],
                bare_port,
                poll_request(job_id),
            )
        )
        quiet_port = free_port()
        quiet_command = akool_command(quiet_port, config, "--seed", "1", "--log-level", "error")
        quiet = stack.enter_context(running(QUIET, quiet_command, quiet_port, unknown))
        # Each akool-mock polls its own job (ids carry the clock time, so they differ between processes).
        own_loads = {QUIET: _loads(_probe(quiet, create_request())["data"]["_id"])}
        servers = [akool, quiet, bare]
        if with_prism:
            executable, report.prism = prism.ensure()
            if executable is not None:
                document = folder / "akool-openapi.json"
                export_openapi(document)
                prism_port = free_port()
                servers.append(
                    stack.enter_context(
                        running(
                            "Prism",
                            prism.command(executable, document, prism_port),
                            prism_port,
                            poll_request(job_id),
                            cwd=folder,
                        )
                    )
                )
        else:
            report.prism = "skipped (--no-prism)"
        for server in servers[2:]:
            _probe(server, poll_request(job_id))
            _probe(server, create_request())
        for operation, requests in _loads(job_id).items():
            best: dict[str, LoadResult] = {}
            for _ in range(rounds):
                for server in servers:
                    load = own_loads[server.name][operation] if server.name in own_loads else requests
                    result = loadgen.run(
                        server.base_url, load, connections=connections, seconds=seconds, warmup_s=warmup_s
                    )
                    if server.name not in best or result.rps > best[server.name].rps:
                        best[server.name] = result
            report.results[operation] = best
        stats = httpx.get(f"{akool.base_url}/_mock/stats", timeout=10.0).json()
        report.akool_internal_errors = stats.get("internal_errors")
    return report


def render(report: HttpReport) -> str:
    rows = []
    for operation in OPERATIONS:
        for target, result in report.results.get(operation, {}).items():
            rows.append(
                [
                    operation,
                    target,
                    fmt(result.rps),
                    fmt(result.p50_ms, 2),
                    fmt(result.p99_ms, 2),
                    f"{result.bad}/{result.requests}",
                ]
            )
    parts = [
        table(["operation", "server", "requests/s", "p50 ms", "p99 ms", "bad answers"], rows),
        "",
        table(
            ["operation", "akool-mock ÷ bare Starlette", "target", "", "akool-mock ÷ Prism", "target", ""],
            [
                [
                    operation,
                    fmt(report.ratio(operation, "bare Starlette"), 2),
                    f"≥ {TARGETS_VS_BARE[operation]}" if operation in TARGETS_VS_BARE else "-",
                    verdict(report.ratio(operation, "bare Starlette"), TARGETS_VS_BARE[operation])
                    if operation in TARGETS_VS_BARE
                    else "",
                    fmt(report.ratio(operation, "Prism"), 2),
                    f"≥ {TARGETS_VS_PRISM[operation]}" if operation in TARGETS_VS_PRISM else "-",
                    verdict(report.ratio(operation, "Prism"), TARGETS_VS_PRISM[operation])
                    if operation in TARGETS_VS_PRISM
                    else "",
                ]
                for operation in OPERATIONS
                if operation in report.results
            ],
        ),
        "",
        table(
            ["operation", "logging on (default) ÷ bare", "target", "", "logging off ÷ bare", "on ÷ off"],
            [
                [
                    operation,
                    fmt(report.ratio(operation, "bare Starlette"), 2),
                    f"≥ {TARGETS_LOGGING_ON[operation]}" if operation in TARGETS_LOGGING_ON else "-",
                    verdict(report.ratio(operation, "bare Starlette"), TARGETS_LOGGING_ON[operation])
                    if operation in TARGETS_LOGGING_ON
                    else "",
                    fmt(_ratio_of(report, operation, QUIET, "bare Starlette"), 2),
                    fmt(_ratio_of(report, operation, "akool-mock", QUIET), 2),
                ]
                for operation in OPERATIONS
                if operation in report.results
            ],
        ),
        "",
        f"Load: {report.tool}, {report.connections} connections, {fmt(report.seconds)} s per measurement, "
        f"best of {report.rounds} round(s) per server. Prism: {report.prism or 'n/a'}. "
        f"akool-mock internal errors during the run: {report.akool_internal_errors}.",
    ]
    return "\n".join(parts)


def _ratio_of(report: HttpReport, operation: str, target: str, baseline: str) -> float | None:
    found = report.results.get(operation, {})
    return ratio(found[target].rps, found[baseline].rps) if target in found and baseline in found else None
