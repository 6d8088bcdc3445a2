"""What every benchmark shares: the machine, the requests, processes on free loopback ports, statistics."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import httpx

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
API_KEY = "akool-mock-api-key-0000000000000"
CLIENT_ID = "AKmockClientId0000000001"
POLL_PATH = "/api/open/v3/faceswap/result/listbyids"
CREATE_PATH = "/api/open/v3/faceswap/highquality/specifyimage"
FACE_A = {"path": "https://example.com/me.png", "opts": "262,175:363,175:313,215:272,279"}
FACE_B = {"path": "https://example.com/them.png", "opts": "238,175:337,175:288,215:247,281"}
CREATE_BODY: dict[str, Any] = {
    "sourceImage": [FACE_A],
    "targetImage": [FACE_B],
    "face_enhance": 0,
    "modifyImage": FACE_B["path"],
}
CREATE_BYTES = json.dumps(CREATE_BODY, separators=(",", ":")).encode()
READY_TIMEOUT_S = 60.0
# Enough credits that no create of a run is ever refused for want of them (the default is 10000).
BENCH_CONFIG = {"accounts": [{"client_id": CLIENT_ID, "api_key": API_KEY, "credits": 1e12}]}


@dataclass(frozen=True, slots=True)
class Request:
    """One HTTP request of a load: the same bytes go to every target."""

    method: str
    path: str  # with its query string
    headers: dict[str, str]
    body: bytes = b""


def poll_request(job_id: str) -> Request:
    return Request("GET", f"{POLL_PATH}?_ids={job_id}", {"x-api-key": API_KEY})


def create_request() -> Request:
    headers = {"x-api-key": API_KEY, "content-type": "application/json"}
    return Request("POST", CREATE_PATH, headers, CREATE_BYTES)


@dataclass(slots=True)
class Machine:
    date: str
    host: str
    cpu: str
    cores: int
    memory_gib: float
    python: str
    load_at_start: tuple[float, float, float]
    tools: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "host": self.host,
            "cpu": self.cpu,
            "cores": self.cores,
            "memory_gib": self.memory_gib,
            "python": self.python,
            "load_at_start": list(self.load_at_start),
            "tools": self.tools,
        }


def machine() -> Machine:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = 0.0
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) / 1024 / 1024
                break
    return Machine(
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        host=f"{platform.system()} {platform.release()}",
        cpu=cpu,
        cores=os.cpu_count() or 1,
        memory_gib=round(memory, 1),
        python=platform.python_version(),
        load_at_start=os.getloadavg(),
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of `values` (0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def rss_bytes() -> int:
    """Resident set size of this process, from /proc (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@dataclass(slots=True)
class Server:
    name: str
    base_url: str
    process: subprocess.Popen[bytes]
    started_s: float  # process start to first 200 of the ready request


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env.setdefault(
        "AKOOL_MOCK_WEBHOOK_ALLOW", "127.0.0.1:*,localhost:*,[::1]:*"
    )  # benchmarks stay on loopback
    return env


@contextlib.contextmanager
def running(
    name: str, command: list[str], port: int, ready: Request, *, cwd: Path | None = None
) -> Iterator[Server]:
    """Start `command` (which listens on `port`), wait for `ready` to answer 200, stop it on exit."""
    base_url = f"http://{HOST}:{port}"
    started = time.perf_counter()
    # stderr to a file: akool-mock logs a line per request, and a pipe nobody reads would fill and block it.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=log,
            cwd=str(cwd or REPO),
            env=_env(),
            start_new_session=True,
        )
        try:
            elapsed = wait_ready(base_url, ready, process, started, log)
            yield Server(name, base_url, process, elapsed)
        finally:
            stop(process)


def wait_ready(
    base_url: str,
    ready: Request,
    process: subprocess.Popen[bytes],
    started: float,
    log: IO[bytes] | None = None,
) -> float:
    """Seconds from `started` to the first HTTP 200 to `ready` (polled every 10 ms, bounded)."""
    deadline = started + READY_TIMEOUT_S
    with httpx.Client(base_url=base_url, timeout=2.0) as client:
        while time.perf_counter() < deadline:
            if process.poll() is not None:
                error = _tail(process, log)
                raise RuntimeError(f"server exited with {process.returncode}: {error[-2000:]}")
            try:
                answer = client.request(
                    ready.method, ready.path, headers=ready.headers, content=ready.body or None
                )
                if answer.status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.01)
    raise RuntimeError(f"{base_url} did not answer 200 within {READY_TIMEOUT_S} s")


def _tail(process: subprocess.Popen[bytes], log: IO[bytes] | None) -> str:
    """What the process wrote to stderr: its log file, or its pipe."""
    if log is not None:
        log.seek(0)
        return log.read().decode(errors="replace")
    return process.stderr.read().decode(errors="replace") if process.stderr else ""


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate the process we started (its own session, so node's children go too), then reap it."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, 15)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 9)
            process.wait()
    if process.stderr is not None:
        process.stderr.close()


def akool_command(port: int, config: Path, *extra: str) -> list[str]:
    """`akool-mock serve` (one uvicorn worker), as the console script runs it."""
    serve = ["-m", "akool_mock", "serve", "--port", str(port), "--config", str(config)]
    return [sys.executable, *serve, *extra]


def write_config(folder: Path) -> Path:
    path = folder / "akool-bench.json"
    path.write_text(json.dumps(BENCH_CONFIG), encoding="utf-8")
    return path


def ratio(value: float, baseline: float) -> float | None:
    return round(value / baseline, 2) if baseline > 0 else None


def fmt(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A GitHub-flavoured markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)
    return "\n".join(lines)


def verdict(value: float | None, target: float) -> str:
    if value is None:
        return "n/a"
    return "met" if value >= target else "**not met**"
