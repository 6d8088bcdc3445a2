"""Scale of every job kind: memory per job (queued, completed, completed with webhooks acknowledged), and the
cost of a create and a poll as one account's jobs of that kind grow, for all job-creating operations.

Jobs are created through the whole pipeline (the request parsed, validated, charged, the handler's fields
stored) with a valid request per operation (the docs' example, or the test suite's hand-made one), so each
kind keeps what it really keeps. Memory is resident bytes per job at `jobs` (RSS after minus before ÷ jobs),
in a fresh process per state; the 1M figure is extrapolated from it (the per-job cost does not grow with
the count: see the face swap sizes of the scale section). Webhooks go to a callable that acknowledges at
once (no sockets). Growth: the CPU time of a create and of a poll of the same operation in an account
with no jobs of that kind and in one with `grow` of them, in the same fake, measured in turns; O(1) means a
ratio near 1.

Every job of a kind is made from the same example request, whose long texts (a TTS input, a clone prompt, a
negative prompt) a job keeps deflated, and whose equal values jobs share (job_fields.py); `--distinct-text`
gives every job its own text of the same length (Faker's prose, seeded), so the figures also show what
real, varied text costs.

    python -m benchmarks.kinds --worker memory --state completed --jobs 20000   # JSON on stdout
    python -m benchmarks.kinds --worker memory --state queued --jobs 20000 --distinct-text
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from benchmarks.common import API_KEY, BENCH_CONFIG, REPO, fmt, percentile, rss_bytes, table, verdict

STATES = ("queued", "completed", "webhooks")
PER_KIND_STATES = ("queued", "completed")
# Each kind alone: (state, distinct text). "queued" and "completed" are the job without webhooks (the
# per-job promise, ≤ 1 KiB: a docs example that names a webhook URL has it taken out), "webhooks" every job
# with one, completed and every delivery acknowledged (≤ 2 KiB).
PER_KIND_COLUMNS = (("queued", False), ("completed", False), ("webhooks", False), ("queued", True))
MEMORY_TARGET = {"queued": 1024, "completed": 1024, "webhooks": 2048}
WEBHOOK_FIELDS = ("webhookUrl", "webhookurl")
GROWTH_TARGET = 1.5  # create or poll CPU time with `grow` jobs ÷ with none
DUE_TARGET_US = 1000  # a tick's `take_due` while deliveries wait for a retry: not a walk over all of them
HOOK = "https://hooks.example.com/akool"  # never contacted: a callable acknowledges
WORKER_TIMEOUT_S = 600
FRESH_KEY = "akool-mock-fresh-key-00000000000"  # the growth benchmark's account with no jobs of the kind
PROSE_FROM = 64  # `--distinct-text` rewrites strings this long or longer that have a space and are no URL


class Driver:
    """The pipeline of a fresh fake (manual clock and lifecycle), called the way HTTP would call it."""

    def __init__(self) -> None:
        from akool_mock.mock_server.app import build_pipeline
        from akool_mock.mock_server.dispatch import send_sync
        from akool_mock.mock_server.settings import build_settings

        fresh = {"client_id": "bench-fresh-account", "api_key": FRESH_KEY, "credits": 1e15}
        config = {
            "accounts": [{**BENCH_CONFIG["accounts"][0], "credits": 1e15}, fresh],
            "lifecycle": {"policy": "manual"},
        }
        self.pipeline = build_pipeline(build_settings(config, clock="manual", seed=0))
        self.backend = self.pipeline.backend
        self.send_sync = send_sync
        self.catalog = self.backend.catalog

    def call(
        self,
        op_id: str,
        body: Any = None,
        query: dict[str, str] | None = None,
        path: dict[str, str] | None = None,
        key: str = API_KEY,
    ) -> dict[str, Any]:
        from akool_mock.mock_server.wire import WireRequest, parse_query

        op = self.catalog.operation(op_id)
        route = op.path
        for name, value in (path or {}).items():
            route = route.replace("{" + name + "}", value)
        headers = {"x-api-key": key, "content-type": "application/json"}
        payload = b"" if body is None else json.dumps(body).encode()
        pairs = list((query or {}).items())
        wire = WireRequest(op.method, route, parse_query(pairs), headers, payload, op.host)
        answer: dict[str, Any] = json.loads(self.pipeline.handle(wire).body)
        return answer

    def finish_all(self, answer: int = 200) -> None:
        """Complete every job and deliver every webhook once, acknowledged (or answered `answer`)."""
        for job in list(self.backend.jobs):
            if not job.terminal:
                self.backend.jobs.complete(job, self.backend.now())
        self.send_sync(self.backend, lambda _url, _body, _headers: answer)


def _bodies(driver: Driver, key: str = API_KEY) -> dict[str, Any]:
    """A valid request per job-creating operation, prerequisites made first in the account of `key` (see
    tests/support/scenarios)."""
    from tests.support.scenarios import HAND_MADE, doc_example, job_operations

    bodies: dict[str, Any] = {}
    for op in job_operations():
        body = HAND_MADE.get(op.id) or doc_example(op)
        if body is None:
            continue
        bodies[op.id] = dict(body)
    finished: dict[str, str] = {}
    for prereq, (op_id, name) in {
        "images.create_by_prompt": ("images.create_by_button", "_id"),
        "image2video.create": ("image2video.update_audio", "pre_video_id"),
    }.items():
        answer = driver.call(prereq, bodies[prereq], key=key)
        job_id = answer["data"]["_id"]
        driver.backend.jobs.complete(driver.backend.jobs.jobs[job_id], driver.backend.now())
        finished[prereq] = job_id
        bodies[op_id][name] = job_id
    # A head swap task needs a completed person analysis of its video (or every create is refused).
    if "headswap.create_task" in bodies:
        video_url = bodies["headswap.create_task"]["video_url"]
        answer = driver.call("headswap.submit_analysis", {"video_url": video_url, "type": "head"}, key=key)
        analysis = driver.backend.jobs.jobs[answer["data"]["_id"]]
        driver.backend.jobs.complete(analysis, driver.backend.now())
    return bodies


def _unique(op_id: str, body: dict[str, Any], n: int, webhook: bool | None) -> dict[str, Any]:
    """The request for the n-th job: operations that refuse the same input twice get a numbered one. With
    `webhook` True every job has a webhook URL, False none, None as the example has it."""
    copy = dict(body)
    if op_id == "avatars.create":
        copy["avatar_id"] = f"{body['avatar_id']}{n}"
    elif op_id == "video_translation.create":
        copy["url"] = f"{body['url']}?take={n}"
    if webhook:
        for name in WEBHOOK_FIELDS:
            if name in copy:
                copy[name] = HOOK
        if not any(name in copy for name in WEBHOOK_FIELDS):
            copy["webhookUrl"] = HOOK
    elif webhook is False:
        for name in WEBHOOK_FIELDS:
            copy.pop(name, None)
    return copy


class Prose:
    """Every long text of a request replaced by new prose of the same length (Faker, seeded)."""

    def __init__(self) -> None:
        from faker import Faker

        self.faker = Faker("en_US")
        self.faker.seed_instance(0)

    def text(self, length: int) -> str:
        written = ""
        while len(written) < length:
            written += self.faker.paragraph(nb_sentences=8) + " "
        return written[:length]

    def rewrite(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: self.rewrite(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.rewrite(item) for item in value]
        if isinstance(value, str) and len(value) >= PROSE_FROM and " " in value and "://" not in value:
            return self.text(len(value))
        return value


def measure_memory(
    state: str, jobs: int, kind: str | None = None, *, distinct: bool = False, hooks: bool = True
) -> dict[str, Any]:
    """RSS per job for `jobs` jobs of every kind, round robin, or of `kind` alone; with `distinct`, every
    job's long texts are its own (`Prose`); without `hooks`, no job has a webhook URL (in the "webhooks"
    state every job has one, else as its example has it)."""
    # Faker first: made after the fake, its import alone added ~30 B a job to every kind's figure (even of
    # kinds with no text to rewrite), as the fake's allocations then land in a heap laid out differently.
    prose = Prose() if distinct else None
    driver = Driver()
    bodies = _bodies(driver)
    kinds = [kind] if kind else sorted(bodies)
    webhook = True if state == "webhooks" else (None if hooks else False)
    if prose is not None:
        prose.rewrite(bodies)  # Faker's word lists loaded before the first measure
    gc.collect()
    before = rss_bytes()
    made = refused = 0
    for n in range(jobs):
        op_id = kinds[n % len(kinds)]
        body = _unique(op_id, bodies[op_id], n, webhook)
        answer = driver.call(op_id, body if prose is None else prose.rewrite(body))
        made += answer.get("code") == 1000
        refused += answer.get("code") != 1000
    if state != "queued":
        driver.finish_all()
    gc.collect()
    after = rss_bytes()
    outbox = driver.backend.outbox
    return {
        "state": state,
        "distinct_text": distinct,
        "webhooks": "every job" if webhook else ("as in the example" if webhook is None else "none"),
        "jobs": len(driver.backend.jobs),
        "kinds": len(kinds),
        "refused": refused,
        "deliveries": len(outbox.ids()),
        "pending": outbox.pending(),
        "bytes_per_job": round((after - before) / max(len(driver.backend.jobs), 1), 1),
    }


def measure_due(jobs: int, calls: int = 50) -> dict[str, Any]:
    """A tick's look for due webhooks (`Outbox.take_due`) while `jobs` face swap jobs' deliveries (two each)
    all wait for a retry (their receiver answered 500): CPU µs per call, median of `calls`."""
    driver = Driver()
    op = "faceswap.create_image"
    body = _bodies(driver)[op]
    for n in range(jobs):
        driver.call(op, _unique(op, body, n, True))
    driver.finish_all(answer=500)
    backend = driver.backend
    times = []
    for _ in range(calls):
        started = time.thread_time_ns()
        taken = backend.outbox.take_due(backend.now(), backend.seal_for, 256)
        times.append((time.thread_time_ns() - started) / 1000)
        if taken:
            raise RuntimeError("a delivery fell due")
    return {"waiting": backend.outbox.pending(), "take_due_us": round(percentile(times, 0.5), 1)}


def measure_growth(grow: int, samples: int) -> dict[str, Any]:
    """Per operation: create and poll p50 CPU µs in an account with no jobs of the kind and in one with
    `grow` of them, in the same fake, the two measured in turns (a sample of one, then of the other), so a
    window of the machine's contention weighs on both sides alike."""
    driver = Driver()
    bodies = _bodies(driver)
    fresh = _bodies(driver, FRESH_KEY)
    rows = {
        op_id: _growth_of(driver, op_id, (fresh[op_id], bodies[op_id]), grow=grow, samples=samples)
        for op_id in sorted(bodies)
    }
    return {"grow": grow, "operations": rows}


def _growth_of(
    driver: Driver, op_id: str, bodies: tuple[dict[str, Any], dict[str, Any]], *, grow: int, samples: int
) -> dict[str, Any]:
    """(fresh, grown) create and poll p50s of one operation."""
    from tests.support.scenarios import job_ids
    from tests.support.scenarios import poll as scenario_poll

    op = driver.catalog.operation(op_id)
    counter = iter(range(10**9))
    sides = [(_ScenarioApi(driver, FRESH_KEY), bodies[0], []), (_ScenarioApi(driver, API_KEY), bodies[1], [])]

    def create(side: int) -> None:
        api, body, made = sides[side]
        answer = api.call(op_id, body=_unique(op_id, body, next(counter), None))
        if answer.get("code") != 1000:
            raise RuntimeError(f"{op_id}: {answer}")
        made.append(job_ids(op, answer)[0])

    def poll(side: int) -> None:
        api, _body, made = sides[side]
        scenario_poll(api, op, made[-1])

    for _ in range(grow):
        create(1)
    create(0)
    creates, polls = _in_turns(samples, create), _in_turns(samples, poll)
    return {
        "create_us": [round(percentile(creates[0], 0.5), 1), round(percentile(creates[1], 0.5), 1)],
        "poll_us": [round(percentile(polls[0], 0.5), 1), round(percentile(polls[1], 0.5), 1)],
    }


def _in_turns(samples: int, action: Any) -> tuple[list[float], list[float]]:
    """CPU µs of `action(0)` and `action(1)`, `samples` of each, taken in turns."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(samples):
        for side in (0, 1):
            started = time.thread_time_ns()
            action(side)
            times[side].append((time.thread_time_ns() - started) / 1000)
    return times


class _ScenarioApi:
    """The `Api` of tests/support/scenarios over the driver, as one account (only `call` is used)."""

    def __init__(self, driver: Driver, key: str = API_KEY) -> None:
        self.driver = driver
        self.key = key

    def call(
        self,
        op_id: str,
        *,
        body: Any = None,
        query: dict[str, Any] | None = None,
        path: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        query = {k: str(v) for k, v in (query or {}).items()}
        return self.driver.call(op_id, body, query, path, key=self.key)


@dataclass(slots=True)
class KindsReport:
    memory: list[dict[str, Any]] = field(default_factory=list)
    growth: dict[str, Any] = field(default_factory=dict)
    # column (`_column`) → operation → RSS bytes per job with only that kind's jobs (PER_KIND_COLUMNS)
    per_kind: dict[str, dict[str, float]] = field(default_factory=dict)
    due: dict[str, Any] = field(default_factory=dict)  # `measure_due`

    def as_dict(self) -> dict[str, Any]:
        return {"memory": self.memory, "growth": self.growth, "per_kind": self.per_kind, "due": self.due}

    def worst_growth(self) -> tuple[str, float]:
        worst = ("", 0.0)
        for op_id, row in self.growth.get("operations", {}).items():
            for key in ("create_us", "poll_us"):
                small, big = row[key]
                if small > 0 and big / small > worst[1]:
                    worst = (f"{op_id} {key.split('_')[0]}", big / small)
        return worst


def _column(state: str, distinct: bool) -> str:
    return f"{state}, distinct text" if distinct else state


def _worker(args: list[str]) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.kinds", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(REPO),
        timeout=WORKER_TIMEOUT_S,
    ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def run(*, jobs: int = 22_000, grow: int = 20_000, samples: int = 200, per_kind: int = 10_000) -> KindsReport:
    report = KindsReport()
    for state in STATES:
        report.memory.append(_worker(["--worker", "memory", "--state", state, "--jobs", str(jobs)]))
    for state in PER_KIND_STATES:
        args = ["--worker", "memory", "--state", state, "--jobs", str(jobs), "--distinct-text"]
        report.memory.append(_worker(args))
    kinds: list[str] = _worker(["--worker", "kinds"])["kinds"]
    for state, distinct in PER_KIND_COLUMNS:
        report.per_kind[_column(state, distinct)] = {
            kind: _worker(
                ["--worker", "memory", "--state", state, "--jobs", str(per_kind), "--kind", kind]
                + (["--distinct-text"] if distinct else [])
                + (["--without-webhooks"] if state != "webhooks" else [])
            )["bytes_per_job"]
            for kind in kinds
        }
    report.growth = _worker(["--worker", "growth", "--grow", str(grow), "--samples", str(samples)])
    report.due = _worker(["--worker", "due", "--jobs", str(grow * 5 // 2)])
    return report


def _kind_verdict(report: KindsReport, kind: str) -> str:
    """ "met" when every column of the kind is within its state's target, else which are not."""
    over = [
        _column(state, distinct)
        for state, distinct in PER_KIND_COLUMNS
        if report.per_kind.get(_column(state, distinct), {}).get(kind, 0) > MEMORY_TARGET[state]
    ]
    return "met" if not over else "**not met** (" + "; ".join(over) + ")"


def render(report: KindsReport) -> str:
    memory_rows = [
        [
            _column(m["state"], m.get("distinct_text", False)),
            f"{m['jobs']:,}",
            m["kinds"],
            m["deliveries"],
            fmt(m["bytes_per_job"]),
            fmt(m["bytes_per_job"] * 1e6 / 2**30, 2),
            f"≤ {MEMORY_TARGET[m['state']]}",
            verdict(-m["bytes_per_job"], -MEMORY_TARGET[m["state"]]),
        ]
        for m in report.memory
    ]
    grow = report.growth.get("grow", 0)
    growth_rows = [
        [
            op_id,
            fmt(row["create_us"][0], 1),
            fmt(row["create_us"][1], 1),
            fmt(row["create_us"][1] / row["create_us"][0], 2) if row["create_us"][0] else "-",
            fmt(row["poll_us"][0], 1),
            fmt(row["poll_us"][1], 1),
            fmt(row["poll_us"][1] / row["poll_us"][0], 2) if row["poll_us"][0] else "-",
        ]
        for op_id, row in sorted(report.growth.get("operations", {}).items())
    ]
    name, worst = report.worst_growth()
    columns = [_column(state, distinct) for state, distinct in PER_KIND_COLUMNS]
    per_kind_rows = [
        [
            kind,
            *(fmt(report.per_kind.get(column, {}).get(kind, 0)) for column in columns),
            _kind_verdict(report, kind),
        ]
        for kind in sorted(report.per_kind.get(columns[0], {}))
    ]
    return "\n".join(
        [
            table(
                [
                    "state",
                    "jobs (all kinds, round robin)",
                    "kinds",
                    "webhook deliveries",
                    "bytes/job (RSS)",
                    "GiB at 1M jobs (extrapolated)",
                    "target",
                    "",
                ],
                memory_rows,
            ),
            "",
            table(
                [
                    "operation",
                    "create µs, 0 jobs",
                    f"create µs, {grow:,} jobs",
                    "ratio",
                    "poll µs, 0 jobs",
                    f"poll µs, {grow:,} jobs",
                    "ratio",
                ],
                growth_rows,
            ),
            "",
            table(
                [
                    "operation (its jobs alone)",
                    *(f"{column} B/job (≤ {MEMORY_TARGET[column.split(',')[0]]})" for column in columns),
                    "targets",
                ],
                per_kind_rows,
            ),
            "",
            table(
                ["check", "figure", "target", ""],
                [
                    [
                        f"worst create/poll growth ({name})",
                        fmt(worst, 2),
                        f"≤ {GROWTH_TARGET}",
                        verdict(-worst, -GROWTH_TARGET),
                    ],
                    [
                        f"a tick's take_due, {report.due.get('waiting', 0):,} webhooks waiting to retry (µs)",
                        fmt(report.due.get("take_due_us", 0), 1),
                        f"≤ {DUE_TARGET_US:,}",
                        verdict(-report.due.get("take_due_us", 0), -DUE_TARGET_US),
                    ],
                ],
            ),
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.kinds")
    parser.add_argument("--worker", choices=["memory", "growth", "kinds", "due"], required=True)
    parser.add_argument("--kind", default=None, help="memory: this job-creating operation only")
    parser.add_argument("--state", choices=STATES, default="queued")
    parser.add_argument("--jobs", type=int, default=22_000)
    parser.add_argument("--grow", type=int, default=20_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument(
        "--distinct-text", action="store_true", help="memory: every job's long texts are its own (Faker)"
    )
    parser.add_argument(
        "--without-webhooks", action="store_true", help="memory: no job has a webhook URL (not in 'webhooks')"
    )
    args = parser.parse_args(argv)
    if args.worker == "memory":
        measured = measure_memory(
            args.state, args.jobs, args.kind, distinct=args.distinct_text, hooks=not args.without_webhooks
        )
        print(json.dumps(measured))
    elif args.worker == "due":
        print(json.dumps(measure_due(args.jobs)))
    elif args.worker == "kinds":
        print(json.dumps({"kinds": sorted(_bodies(Driver()))}))
    else:
        print(json.dumps(measure_growth(args.grow, args.samples)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
