"""Webhooks: encrypted, signed deliveries per second from `akool-mock serve` to a local receiver.

`akool-mock serve --clock manual` gets `jobs` face swap jobs with a webhook URL; one clock advance completes
them all, which queues two deliveries per job (status 2 and 3, each sent on its own). The rate is
acknowledged deliveries per second, from the advance to the last arrival, as the receiver (its own process)
saw them. A second run sends a share of the jobs to a receiver path that
answers 500 (retried later on the fake's clock) and a share to one that answers after a delay: the healthy
deliveries must go out as fast as before (retries and slow receivers must not block them). A sample of the
bodies is decrypted and its signature checked.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.common import (
    API_KEY,
    CLIENT_ID,
    CREATE_BODY,
    CREATE_PATH,
    Request,
    akool_command,
    fmt,
    free_port,
    poll_request,
    ratio,
    running,
    table,
    verdict,
    write_config,
)

TARGET_PER_S = 1000.0
TARGET_BLOCKING = 0.8  # healthy deliveries/s with failing and slow receivers ÷ without
WAIT_S = 60.0


@dataclass(slots=True)
class WebhookReport:
    jobs: int
    runs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def rate(self, name: str) -> float | None:
        run = self.runs.get(name)
        return run["ok_per_s"] if run else None

    def as_dict(self) -> dict[str, Any]:
        return {"jobs": self.jobs, "runs": self.runs}


def _verify(bodies: list[dict[str, Any]]) -> int:
    """How many of `bodies` decrypt and carry a valid signature (both as Akool's receivers check them)."""
    import json

    from akool_mock.mock_server.crypto import decrypt, signature

    good = 0
    for body in bodies:
        expected = signature(CLIENT_ID, body["timestamp"], body["nonce"], body["dataEncrypt"])
        payload = json.loads(decrypt(body["dataEncrypt"], CLIENT_ID, API_KEY))
        good += expected == body["signature"] and payload.get("status") in (2, 3)
    return good


def _scenario(name: str, jobs: int, shares: dict[str, float], folder: Path) -> dict[str, Any]:
    config = write_config(folder)
    receiver_port, akool_port = free_port(), free_port()
    ready = Request("GET", "/stats", {})
    with contextlib.ExitStack() as stack:
        receiver = stack.enter_context(
            running(
                "receiver",
                [sys.executable, "-m", "benchmarks.receiver", "--port", str(receiver_port), "--slow-s", "1"],
                receiver_port,
                ready,
            )
        )
        akool = stack.enter_context(
            running(
                "akool-mock",
                akool_command(akool_port, config, "--clock", "manual", "--seed", "3"),
                akool_port,
                poll_request("000000000000000000000000"),
            )
        )
        kinds: list[str] = []
        for kind, share in shares.items():
            kinds += [kind] * round(jobs * share)
        kinds += ["ok"] * (jobs - len(kinds))
        with httpx.Client(base_url=akool.base_url, headers={"x-api-key": API_KEY}, timeout=10.0) as api:
            for index, kind in enumerate(kinds):
                body = {**CREATE_BODY, "webhookUrl": f"{receiver.base_url}/{kind}/{index}"}
                answer = api.post(CREATE_PATH, json=body).json()
                if answer.get("code") != 1000:
                    raise RuntimeError(f"create answered {answer}")
            expected_ok = 2 * kinds.count("ok")
            started = time.time()
            api.post("/_mock/clock/advance", json={"seconds": 600})
            deadline = time.monotonic() + WAIT_S
            stats: dict[str, Any] = {}
            while time.monotonic() < deadline:
                stats = httpx.get(f"{receiver.base_url}/stats", timeout=10.0).json()
                if stats.get("ok", {}).get("count", 0) >= expected_ok:
                    break
                time.sleep(0.05)
            try:
                deliveries = api.get("/_mock/webhooks", timeout=30.0).json()
            except httpx.HTTPError:  # a server too busy to answer its control API is a finding, not a crash
                deliveries = {"deliveries": [{"state": "unknown (the control API did not answer in 30 s)"}]}
        ok = stats.get("ok", {"count": 0, "last": started, "bodies": []})
        elapsed = max(ok["last"] - started, 1e-6)
        states: dict[str, int] = {}
        for delivery in deliveries.get("deliveries", deliveries if isinstance(deliveries, list) else []):
            states[delivery["state"]] = states.get(delivery["state"], 0) + 1
        sample = [b for kind in stats.values() for b in kind.get("bodies", [])]
        return {
            "name": name,
            "jobs": jobs,
            "shares": shares,
            "ok_expected": expected_ok,
            "ok_delivered": ok["count"],
            "seconds": round(elapsed, 3),
            "ok_per_s": round(ok["count"] / elapsed, 1),
            "fail_attempts": stats.get("fail", {}).get("count", 0),
            "slow_delivered": stats.get("slow", {}).get("count", 0),
            "states": states,
            "verified": f"{_verify(sample)}/{len(sample)}",
        }


def run(*, jobs: int) -> WebhookReport:
    report = WebhookReport(jobs)
    with tempfile.TemporaryDirectory(prefix="akool-bench-") as tmp:
        report.runs["healthy"] = _scenario("healthy", jobs, {}, Path(tmp))
        report.runs["with failures"] = _scenario(
            "with failures", jobs, {"fail": 0.2, "slow": 0.02}, Path(tmp)
        )
    return report


def render(report: WebhookReport) -> str:
    rows = [
        [
            run["name"],
            run["jobs"],
            ", ".join(f"{int(share * 100)}% {kind}" for kind, share in run["shares"].items())
            or "all answer 200",
            f"{run['ok_delivered']}/{run['ok_expected']}",
            fmt(run["seconds"], 2),
            fmt(run["ok_per_s"]),
            run["fail_attempts"],
            ", ".join(f"{k} {v}" for k, v in sorted(run["states"].items())),
            run["verified"],
        ]
        for run in report.runs.values()
    ]
    healthy, failing = report.rate("healthy"), report.rate("with failures")
    blocking = ratio(failing, healthy) if healthy and failing else None
    return "\n".join(
        [
            table(
                [
                    "run",
                    "jobs",
                    "receivers",
                    "healthy deliveries",
                    "seconds",
                    "deliveries/s",
                    "500s answered",
                    "delivery states after",
                    "signatures checked",
                ],
                rows,
            ),
            "",
            table(
                ["check", "figure", "target", ""],
                [
                    [
                        "healthy deliveries/s",
                        fmt(healthy),
                        f"≥ {TARGET_PER_S:,.0f}",
                        verdict(healthy, TARGET_PER_S),
                    ],
                    [
                        "with failures ÷ healthy",
                        fmt(blocking, 2),
                        f"≥ {TARGET_BLOCKING}",
                        verdict(blocking, TARGET_BLOCKING),
                    ],
                ],
            ),
        ]
    )
