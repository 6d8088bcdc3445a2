"""The load generator: wrk where installed, else a bounded async httpx loop; same requests for every target.

A load is a list of requests sent in turn by each connection (one request: a single operation; two: a 50/50
mix). The result is requests per second, p50 and p99 latency, and how many answers were not HTTP 200 with
`"code":1000` in the body (checked on every answer, for every target alike).
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from benchmarks.common import Request, percentile

OK_MARK = '"code":1000'
_LATENCY = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_BAD = re.compile(r"^BAD (\d+) OF (\d+)$", re.MULTILINE)
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(slots=True)
class LoadResult:
    tool: str
    connections: int
    seconds: float
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    bad: int  # answers that were not 200 with code 1000 (and socket errors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "connections": self.connections,
            "seconds": self.seconds,
            "requests": self.requests,
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p50_ms, 3),
            "p99_ms": round(self.p99_ms, 3),
            "bad": self.bad,
        }


def wrk_path() -> str | None:
    return shutil.which("wrk")


def tool_name() -> str:
    return "wrk" if wrk_path() else "httpx (async)"


def run(
    base_url: str, requests: Sequence[Request], *, connections: int, seconds: float, warmup_s: float
) -> LoadResult:
    """Warm up, then measure for `seconds` with `connections` keep-alive connections."""
    wrk = wrk_path()
    if wrk:
        if warmup_s > 0:
            _wrk(wrk, base_url, requests, connections, warmup_s)
        return _wrk(wrk, base_url, requests, connections, seconds)
    if warmup_s > 0:
        asyncio.run(_httpx_load(base_url, requests, connections, warmup_s))
    return asyncio.run(_httpx_load(base_url, requests, connections, seconds))


def _lua_string(value: str) -> str:
    level = 0
    while f"]{'=' * level}]" in value:
        level += 1
    return f"[{'=' * level}[{value}]{'=' * level}]"


def lua_script(requests: Sequence[Request]) -> str:
    """A wrk script sending `requests` in turn, counting every answer that is not 200 with code 1000."""
    formatted = []
    for request in requests:
        headers = ", ".join(f"[ {_lua_string(k)} ] = {_lua_string(v)}" for k, v in request.headers.items())
        body = _lua_string(request.body.decode()) if request.body else "nil"
        formatted.append(
            f"wrk.format({_lua_string(request.method)}, {_lua_string(request.path)}, {{{headers}}}, {body})"
        )
    return f"""
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function init(args)
  reqs = {{ {", ".join(formatted)} }}
  turn = 0
  bad = 0
  seen = 0
end
function request()
  turn = turn % #reqs + 1
  return reqs[turn]
end
function response(status, headers, body)
  seen = seen + 1
  if status ~= 200 or not string.find(body, {_lua_string(OK_MARK)}, 1, true) then bad = bad + 1 end
end
function done(summary, latency, requests)
  local total, count = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("bad")
    count = count + thread:get("seen")
  end
  io.write(string.format("BAD %d OF %d\\n", total, count))
end
"""


def _wrk(
    wrk: str, base_url: str, requests: Sequence[Request], connections: int, seconds: float
) -> LoadResult:
    with tempfile.TemporaryDirectory(prefix="akool-bench-") as folder:
        script = Path(folder) / "load.lua"
        script.write_text(lua_script(requests), encoding="utf-8")
        duration = max(1, round(seconds))
        command = [
            wrk,
            "-t1",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(script),
            base_url,
        ]
        output = subprocess.run(
            command, capture_output=True, text=True, timeout=duration + 60, check=True
        ).stdout
    latency = {int(m.group(1)): float(m.group(2)) * _UNIT_MS[m.group(3)] for m in _LATENCY.finditer(output)}
    rps_match = _RPS.search(output)
    bad_match = _BAD.search(output)
    if rps_match is None or bad_match is None or 50 not in latency or 99 not in latency:
        raise RuntimeError(f"could not read wrk's output:\n{output}")
    socket_errors = _SOCKET.search(output)
    errors = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    return LoadResult(
        tool="wrk",
        connections=connections,
        seconds=float(duration),
        requests=int(bad_match.group(2)),
        rps=float(rps_match.group(1)),
        p50_ms=latency[50],
        p99_ms=latency[99],
        bad=int(bad_match.group(1)) + errors,
    )


async def _httpx_load(
    base_url: str, requests: Sequence[Request], connections: int, seconds: float
) -> LoadResult:
    """`connections` workers on one keep-alive pool, each sending the requests in turn until the deadline."""
    latencies: list[float] = []
    bad = 0
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=10.0) as client:
        deadline = time.perf_counter() + seconds

        async def worker(offset: int) -> None:
            nonlocal bad
            turn = offset
            while time.perf_counter() < deadline:
                request = requests[turn % len(requests)]
                turn += 1
                started = time.perf_counter()
                try:
                    answer = await client.request(
                        request.method, request.path, headers=request.headers, content=request.body or None
                    )
                    ok = answer.status_code == 200 and OK_MARK.encode() in answer.content
                except httpx.HTTPError:
                    ok = False
                latencies.append((time.perf_counter() - started) * 1000)
                bad += not ok

        began = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(connections)))
        elapsed = time.perf_counter() - began
    return LoadResult(
        tool="httpx (async)",
        connections=connections,
        seconds=round(elapsed, 2),
        requests=len(latencies),
        rps=len(latencies) / elapsed if elapsed else 0.0,
        p50_ms=percentile(latencies, 0.50),
        p99_ms=percentile(latencies, 0.99),
        bad=bad,
    )
