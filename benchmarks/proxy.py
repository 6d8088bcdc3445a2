"""Proxy: what `akool-mock proxy` adds to a poll, in front of a served fake, against the fake called directly.

Latency: one connection sending polls one after another, p50 through the proxy minus p50 direct (target: at
most 2 ms added). Throughput: `connections` connections, requests/s through the proxy ÷ direct (target: at
least 0.5). The proxy forwards, validates each answer (and looks for unknown fields) and counts it for the
report, as the command does with `--quiet`. Best of `rounds` interleaved rounds, in one run. Beside the
throughput: each process's CPU (user + system, from /proc, Linux only) per request in the best loaded round,
the proxy's and the fake's: on a machine where the load generator, the fake and the proxy share the cores, the
ratio is about (load + fake) / (load + fake + proxy) CPU per request.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import loadgen
from benchmarks.common import (
    akool_command,
    create_request,
    fmt,
    free_port,
    poll_request,
    ratio,
    running,
    table,
    write_config,
)
from benchmarks.http_load import _probe
from benchmarks.loadgen import LoadResult

ADDED_P50_MS = 2.0
THROUGHPUT_RATIO = 0.5


@dataclass(slots=True)
class ProxyReport:
    tool: str
    connections: int
    seconds: float
    rounds: int
    sequential: dict[str, LoadResult] = field(default_factory=dict)  # "direct" | "proxy"
    loaded: dict[str, LoadResult] = field(default_factory=dict)
    # ms of CPU per request in the best loaded round: "proxy" (the proxy's), "fake" (direct), "fake behind"
    cpu_ms: dict[str, float] = field(default_factory=dict)

    @property
    def added_p50_ms(self) -> float | None:
        if "direct" not in self.sequential or "proxy" not in self.sequential:
            return None
        return round(self.sequential["proxy"].p50_ms - self.sequential["direct"].p50_ms, 3)

    @property
    def throughput_ratio(self) -> float | None:
        if "direct" not in self.loaded or "proxy" not in self.loaded:
            return None
        return ratio(self.loaded["proxy"].rps, self.loaded["direct"].rps)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "connections": self.connections,
            "seconds": self.seconds,
            "rounds": self.rounds,
            "sequential": {k: v.as_dict() for k, v in self.sequential.items()},
            "loaded": {k: v.as_dict() for k, v in self.loaded.items()},
            "cpu_ms_per_request": self.cpu_ms,
            "added_p50_ms": self.added_p50_ms,
            "throughput_ratio": self.throughput_ratio,
        }


def _proxy_command(port: int, upstream: str) -> list[str]:
    proxy = ["-m", "akool_mock", "proxy", "--upstream", upstream, "--detect-upstream", upstream]
    return [sys.executable, *proxy, "--port", str(port), "--quiet"]


def _best(best: dict[str, LoadResult], name: str, result: LoadResult, *, by_latency: bool) -> bool:
    kept = best.get(name)
    better = kept is None or (result.p50_ms < kept.p50_ms if by_latency else result.rps > kept.rps)
    if better:
        best[name] = result
    return better


def _cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of process `pid` so far (None where /proc is not there)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _per_request_ms(before: float | None, after: float | None, requests: int) -> float | None:
    if before is None or after is None or requests == 0:
        return None
    return round((after - before) * 1000 / requests, 3)


def run(*, seconds: float, connections: int, rounds: int, warmup_s: float) -> ProxyReport:
    report = ProxyReport(loadgen.tool_name(), connections, seconds, rounds)
    with tempfile.TemporaryDirectory(prefix="akool-bench-") as tmp, contextlib.ExitStack() as stack:
        config = write_config(Path(tmp))
        fake_port, proxy_port = free_port(), free_port()
        unknown = poll_request("000000000000000000000000")
        fake = stack.enter_context(
            running("akool-mock", akool_command(fake_port, config), fake_port, unknown)
        )
        job_id = _probe(fake, create_request())["data"]["_id"]
        poll = [poll_request(job_id)]
        proxy = stack.enter_context(
            running("proxy", _proxy_command(proxy_port, fake.base_url), proxy_port, poll[0])
        )
        targets = {"direct": fake, "proxy": proxy}
        for _ in range(rounds):
            for name, server in targets.items():
                one = loadgen.run(server.base_url, poll, connections=1, seconds=seconds, warmup_s=warmup_s)
                _best(report.sequential, name, one, by_latency=True)
                if warmup_s > 0:
                    loadgen.run(server.base_url, poll, connections=connections, seconds=warmup_s, warmup_s=0)
                pids = {"fake": fake.process.pid}
                if name == "proxy":
                    pids = {"proxy": proxy.process.pid, "fake behind": fake.process.pid}
                before = {who: _cpu_s(pid) for who, pid in pids.items()}
                many = loadgen.run(
                    server.base_url, poll, connections=connections, seconds=seconds, warmup_s=0
                )
                after = {who: _cpu_s(pid) for who, pid in pids.items()}
                if _best(report.loaded, name, many, by_latency=False):
                    for who in pids:
                        spent = _per_request_ms(before[who], after[who], many.requests)
                        if spent is not None:
                            report.cpu_ms[who] = spent
    return report


def render(report: ProxyReport) -> str:
    rows = []
    for load, results in (
        ("1 connection, sequential", report.sequential),
        (f"{report.connections} connections", report.loaded),
    ):
        for name, result in results.items():
            rows.append(
                [
                    load,
                    name,
                    fmt(result.rps),
                    f"{result.p50_ms:.2f}",
                    f"{result.p99_ms:.2f}",
                    f"{result.bad}/{result.requests}",
                ]
            )
    figures = table(["load", "target", "requests/s", "p50 ms", "p99 ms", "bad answers"], rows)
    added, kept = report.added_p50_ms, report.throughput_ratio
    verdicts = table(
        ["target", "measured", ""],
        [
            [
                f"p50 added to a poll ≤ {ADDED_P50_MS} ms",
                "n/a" if added is None else f"{added:.2f} ms",
                "n/a" if added is None else ("met" if added <= ADDED_P50_MS else "**not met**"),
            ],
            [
                f"throughput ≥ {THROUGHPUT_RATIO}× direct ({report.connections} connections)",
                "n/a" if kept is None else f"{kept:.2f}×",
                "n/a" if kept is None else ("met" if kept >= THROUGHPUT_RATIO else "**not met**"),
            ],
        ],
    )
    cpu = report.cpu_ms
    note = (
        f"Load from {report.tool}; {report.seconds:g} s per measurement, "
        f"best of {report.rounds} interleaved rounds."
    )
    if cpu:
        spent = ", ".join(f"{name} {value:.3f} ms" for name, value in cpu.items())
        note += f" CPU per request under {report.connections} connections (best round): {spent}."
    return f"{figures}\n\n{verdicts}\n\n{note}"
