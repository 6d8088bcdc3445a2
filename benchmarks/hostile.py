"""Hostile bodies: the worst requests one can build, sent to `akool-mock serve` while a second client polls.

Each body is as large as the body limit allows (20 MiB by default) or as small as the attack needs: a long
array of invalid items, deep nesting, a huge integer, a long number, NaN, a long string, an object with a
million keys, and a body over the limit. A poller measures its latency idle and then while the bodies are sent
one after another, over and over; the server's resident memory is sampled throughout. Targets: the poller's
p99 under attack within 10x its idle p99; memory back to within 10% (or 20 MiB) of its baseline after the
attack; every hostile request answered with code 1003 and a message naming the problem.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.common import (
    API_KEY,
    CREATE_BYTES,
    CREATE_PATH,
    akool_command,
    fmt,
    free_port,
    percentile,
    poll_request,
    running,
    table,
    write_config,
)

LIMIT = 20 * 1024 * 1024
TARGET_P99_RATIO = 10.0
MEMORY_SLACK = 20 * 1024 * 1024


def _items(item: bytes, size: int) -> bytes:
    return b",".join([item] * (size // (len(item) + 1)))


def bodies(limit: int = LIMIT) -> dict[str, tuple[bytes, str]]:
    """name -> (body, a fragment its 1003 message must hold)."""
    room = limit - 200
    face = b'{"path":1,"opts":[]}'
    return {
        "long array of invalid items (limit)": (
            b'{"sourceImage":[' + _items(face, room) + b'],"targetImage":[],"modifyImage":"x"}',
            "values",
        ),
        "long array of invalid items (900, under the values limit)": (
            b'{"sourceImage":[' + b",".join([b'{"path":1}'] * 900) + b'],"targetImage":[],"modifyImage":"x"}',
            "sourceImage[0].path: must be of type string",
        ),
        "deep nesting": (b"[" * room, "nests deeper than"),
        "huge integer": (b'{"sourceImage":' + b"9" * room + b"}", "digits is out of range"),
        "long number": (b'{"sourceImage":0.' + b"1" * room + b"}", "is too long"),
        "NaN": (b'{"sourceImage":[{"path":"https://e.com/a.png","opts":NaN}]}', "NaN is not a JSON number"),
        "1e400": (b'{"sourceImage":1e400}', "out of range"),
        "long string": (b'{"sourceImage":"' + b"a" * room + b'"}', "must be of type array"),
        "many keys": (b"{" + b",".join(b'"k%07d":0' % n for n in range(room // 13)) + b"}", "values"),
        "over the limit": (b'{"x":"' + b"a" * (limit + 1024) + b'"}', "over the limit"),
    }


@dataclass(slots=True)
class HostileReport:
    limit: int
    idle_p99_ms: float = 0.0
    attack_p99_ms: float = 0.0
    idle_polls: int = 0
    attack_polls: int = 0
    bad_polls: int = 0
    rss_baseline: int = 0
    rss_peak: int = 0
    rss_after: int = 0
    answers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def p99_ratio(self) -> float:
        return self.attack_p99_ms / self.idle_p99_ms if self.idle_p99_ms else 0.0

    @property
    def memory_back(self) -> bool:
        return self.rss_after <= max(self.rss_baseline * 1.1, self.rss_baseline + MEMORY_SLACK)

    def as_dict(self) -> dict[str, Any]:
        return {
            "limit": self.limit,
            "idle_p99_ms": self.idle_p99_ms,
            "attack_p99_ms": self.attack_p99_ms,
            "p99_ratio": self.p99_ratio,
            "idle_polls": self.idle_polls,
            "attack_polls": self.attack_polls,
            "bad_polls": self.bad_polls,
            "rss_baseline": self.rss_baseline,
            "rss_peak": self.rss_peak,
            "rss_after": self.rss_after,
            "memory_back": self.memory_back,
            "answers": self.answers,
        }


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _poll_until(base_url: str, path: str, stop: threading.Event, out: list[float], bad: list[int]) -> None:
    with httpx.Client(base_url=base_url, headers={"x-api-key": API_KEY}, timeout=60.0) as client:
        while not stop.is_set():
            started = time.perf_counter()
            answer = client.get(path)
            out.append((time.perf_counter() - started) * 1000)
            if answer.status_code != 200 or answer.json().get("code") != 1000:
                bad.append(answer.status_code)
            time.sleep(0.005)


def _in_background(target: Callable[[], None]) -> threading.Thread:
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def _attack(base_url: str, cases: dict[str, tuple[bytes, str]], rounds: int) -> list[dict[str, Any]]:
    answers: list[dict[str, Any]] = []
    headers = {"x-api-key": API_KEY, "content-type": "application/json"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=120.0) as client:
        for _ in range(rounds):
            for name, (body, fragment) in cases.items():
                started = time.perf_counter()
                try:
                    answer = client.post(CREATE_PATH, content=body)
                    status, payload = answer.status_code, answer.json()
                except httpx.HTTPError as exc:
                    status, payload = 0, {"msg": f"{type(exc).__name__}: {exc}"}
                answers.append({
                    "body": name, "bytes": len(body), "ms": (time.perf_counter() - started) * 1000,
                    "http": status, "code": payload.get("code"), "msg": str(payload.get("msg"))[:120],
                    "named": payload.get("code") == 1003 and fragment in str(payload.get("msg")),
                })  # fmt: skip
    return answers


def _measure_polls(
    base_url: str, path: str, seconds: float, during: Callable[[], None] | None
) -> tuple[list[float], list[int]]:
    stop, latencies, bad = threading.Event(), list[float](), list[int]()
    poller = _in_background(lambda: _poll_until(base_url, path, stop, latencies, bad))
    if during is None:
        time.sleep(seconds)
    else:
        during()
    stop.set()
    poller.join()
    return latencies, bad


def run(*, rounds: int = 2, idle_s: float = 8.0) -> HostileReport:
    report = HostileReport(LIMIT)
    cases = bodies()
    with tempfile.TemporaryDirectory(prefix="akool-hostile-") as tmp, contextlib.ExitStack() as stack:
        port = free_port()
        command = akool_command(port, write_config(Path(tmp)), "--seed", "1")
        server = stack.enter_context(running("akool-mock", command, port, poll_request("0" * 24)))
        headers = {"x-api-key": API_KEY, "content-type": "application/json"}
        created = httpx.post(server.base_url + CREATE_PATH, content=CREATE_BYTES, headers=headers).json()
        path = poll_request(created["data"]["_id"]).path
        pid = server.process.pid
        _measure_polls(server.base_url, path, 2.0, None)  # warm up
        report.rss_baseline = _rss(pid)
        idle, idle_bad = _measure_polls(server.base_url, path, idle_s, None)
        peak = [report.rss_baseline]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak.append(_rss(pid))
                time.sleep(0.05)

        sampler = _in_background(sample)

        def attack() -> None:
            report.answers = _attack(server.base_url, cases, rounds)

        attacked, attacked_bad = _measure_polls(server.base_url, path, 0.0, attack)
        done.set()
        sampler.join()
        time.sleep(2.0)
        report.rss_after = _rss(pid)
        report.rss_peak = max(peak)
        report.idle_polls, report.attack_polls = len(idle), len(attacked)
        report.bad_polls = len(idle_bad) + len(attacked_bad)
        report.idle_p99_ms, report.attack_p99_ms = percentile(idle, 0.99), percentile(attacked, 0.99)
    return report


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def render(report: HostileReport) -> str:
    by_body: dict[str, dict[str, Any]] = {}
    for answer in report.answers:
        slowest = by_body.get(answer["body"])
        if slowest is None or answer["ms"] > slowest["ms"]:
            by_body[answer["body"]] = answer
    rows = [
        [name, fmt(a["bytes"]), fmt(a["ms"], 1), a["http"], a["code"], "yes" if a["named"] else "**no**",
         f"`{a['msg'][:70]}`"]
        for name, a in by_body.items()
    ]  # fmt: skip
    mib = 1024 * 1024
    p99 = f"{fmt(report.attack_p99_ms, 2)} ÷ {fmt(report.idle_p99_ms, 2)} ms = {fmt(report.p99_ratio, 1)}"
    rss = f"{report.rss_baseline / mib:.0f} / {report.rss_peak / mib:.0f} / {report.rss_after / mib:.0f}"
    named = sum(a["named"] for a in report.answers)
    summary = [
        ["poller p99 under attack ÷ idle", p99, f"≤ {TARGET_P99_RATIO:g}", _met(report.p99_ratio <= 10)],
        ["server RSS baseline / peak / 2 s after (MiB)", rss, "back to baseline", _met(report.memory_back)],
        ["hostile requests answered 1003 naming the problem", f"{named}/{len(report.answers)}", "all",
         _met(named == len(report.answers))],
    ]  # fmt: skip
    return "\n\n".join([
        table(["body", "bytes", "slowest answer ms", "HTTP", "code", "names the problem", "message"], rows),
        table(["figure", "value", "target", ""], summary),
        f"Polls: {report.idle_polls} idle, {report.attack_polls} under attack, {report.bad_polls} not 1000.",
    ])  # fmt: skip
