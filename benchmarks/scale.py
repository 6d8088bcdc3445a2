"""Scale: 10k, 100k and 1M jobs created through the engine (no HTTP), each size in a fresh process.

For each size: resident memory per job (RSS after minus RSS before, divided by the jobs), the time to create
one, the latency of a poll of a random existing job through the whole pipeline (auth, validation, handler,
envelope, journal) and of the engine's lookup alone, and of a listing page (`avatars.list`, 10 per page)
while the account holds all those jobs. Latencies are CPU time of the calling thread, so that the machine's
neighbours do not show up as the fake's tail. Polls must stay flat (O(1)) as jobs grow; a page stays 10 items.

    python -m benchmarks.scale --worker 100000     # one size, JSON on stdout (what the parent runs)
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from benchmarks.common import (
    API_KEY,
    BENCH_CONFIG,
    CREATE_BODY,
    REPO,
    fmt,
    percentile,
    ratio,
    rss_bytes,
    table,
    verdict,
)

SIZES = (10_000, 100_000, 1_000_000)
MEMORY_TARGET_BYTES = 1024
FLAT_TARGET = 1.5  # poll p50 at the largest size ÷ at the smallest
WORKER_TIMEOUT_S = 300


@dataclass(slots=True)
class ScaleReport:
    sizes: list[dict[str, Any]] = field(default_factory=list)

    def flatness(self) -> float | None:
        if len(self.sizes) < 2:
            return None
        return ratio(self.sizes[-1]["poll_p50_us"], self.sizes[0]["poll_p50_us"])

    def worst_bytes_per_job(self) -> float | None:
        return max((s["bytes_per_job"] for s in self.sizes), default=None)

    def as_dict(self) -> dict[str, Any]:
        return {"sizes": self.sizes, "poll_p50_largest_over_smallest": self.flatness()}


def _timed(samples: int, action: Any, argument: Any) -> list[float]:
    """Microseconds of this thread's CPU time per call: on a shared machine, wall time mostly measures the
    neighbours (a preempted call shows the scheduler's 4 ms slice), CPU time measures the work."""
    out: list[float] = []
    for index in range(samples):
        value = argument(index)
        started = time.thread_time_ns()
        action(value)
        out.append((time.thread_time_ns() - started) / 1000)
    return out


def measure(jobs: int, polls: int) -> dict[str, Any]:
    """Create `jobs` face swap jobs through the Backend as the v3 handler does, then time polls and a page."""
    from akool_mock.mock_server.app import build_pipeline
    from akool_mock.mock_server.handlers.common import price
    from akool_mock.mock_server.settings import build_settings
    from akool_mock.mock_server.wire import WireRequest

    config = {"accounts": [{**BENCH_CONFIG["accounts"][0], "credits": 1e15}]}
    settings = build_settings(config, clock="manual", seed=0)
    pipeline = build_pipeline(settings)
    backend = pipeline.backend
    account = next(iter(backend.accounts.values()))
    op = backend.catalog.operation("faceswap.create_image")
    cost, _ = price(op, CREATE_BODY)
    media = op.job.media if op.job else "image"
    ids: list[str] = []
    gc.collect()
    before = rss_bytes()
    started = time.perf_counter()
    for _ in range(jobs):
        job = backend.create_job(account, op, {"job_id": backend.ids.object_id(), "url": ""}, cost=cost)
        job.fields["url"] = backend.media_url(job, media)
        ids.append(job.id)
    create_s = time.perf_counter() - started
    gc.collect()
    # The list of ids is the benchmark's, not the fake's: take its own size out (8 bytes a slot).
    after = rss_bytes() - sys.getsizeof(ids)
    rng = random.Random(1)
    headers = {"x-api-key": API_KEY}

    def poll_request(index: int) -> WireRequest:
        return WireRequest(
            "GET", "/api/open/v3/faceswap/result/listbyids", {"_ids": rng.choice(ids)}, headers
        )

    def answered(request: WireRequest) -> None:
        answer = pipeline.handle(request)
        if b'"code":1000' not in answer.body[:20]:
            raise RuntimeError(answer.body[:200])

    poll = _timed(polls, answered, poll_request)
    lookup = _timed(
        polls, lambda job_id: backend.find_job(account, job_id, (op.id,)), lambda _i: rng.choice(ids)
    )
    page_request = WireRequest("GET", "/api/open/v3/avatar/list", {"page": "1", "size": "10"}, headers)
    page = _timed(max(polls // 10, 10), answered, lambda _i: page_request)
    listed = json.loads(pipeline.handle(page_request).body)["data"]
    return {
        "jobs": jobs,
        "bytes_per_job": round((after - before) / jobs, 1),
        "rss_mib": round(after / 2**20, 1),
        "create_us": round(create_s / jobs * 1e6, 2),
        "poll_p50_us": round(percentile(poll, 0.5), 1),
        "poll_p99_us": round(percentile(poll, 0.99), 1),
        "lookup_p50_us": round(percentile(lookup, 0.5), 2),
        "page_p50_us": round(percentile(page, 0.5), 1),
        "page_items": len(listed) if isinstance(listed, list) else len(listed.get("result", [])),
    }


def run(*, sizes: Sequence[int] = SIZES, polls: int = 2000) -> ScaleReport:
    report = ScaleReport()
    for size in sizes:
        output = subprocess.run(
            [sys.executable, "-m", "benchmarks.scale", "--worker", str(size), "--polls", str(polls)],
            capture_output=True,
            text=True,
            check=True,
            cwd=str(REPO),
            timeout=WORKER_TIMEOUT_S,
        ).stdout
        report.sizes.append(json.loads(output.strip().splitlines()[-1]))
    return report


def render(report: ScaleReport) -> str:
    rows = [
        [
            f"{s['jobs']:,}",
            fmt(s["bytes_per_job"]),
            fmt(s["rss_mib"]),
            fmt(s["create_us"], 1),
            fmt(s["poll_p50_us"], 1),
            fmt(s["poll_p99_us"], 1),
            fmt(s["lookup_p50_us"], 2),
            fmt(s["page_p50_us"], 1),
            s["page_items"],
        ]
        for s in report.sizes
    ]
    worst = report.worst_bytes_per_job()
    flat = report.flatness()
    summary = table(
        ["check", "figure", "target", ""],
        [
            [
                "resident bytes per job (worst size)",
                fmt(worst),
                f"≤ {MEMORY_TARGET_BYTES}",
                verdict(-worst if worst is not None else None, -MEMORY_TARGET_BYTES),
            ],
            [
                "poll p50, largest ÷ smallest size",
                fmt(flat, 2),
                f"≤ {FLAT_TARGET} (flat)",
                verdict(-flat if flat is not None else None, -FLAT_TARGET),
            ],
        ],
    )
    return "\n".join(
        [
            table(
                [
                    "jobs",
                    "bytes/job (RSS)",
                    "RSS MiB",
                    "create µs/job",
                    "poll p50 µs (CPU)",
                    "poll p99 µs (CPU)",
                    "engine lookup p50 µs",
                    "page p50 µs (CPU)",
                    "page items",
                ],
                rows,
            ),
            "",
            summary,
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale")
    parser.add_argument("--worker", type=int, required=True, help="jobs to create in this process")
    parser.add_argument("--polls", type=int, default=2000)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.worker, args.polls)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
