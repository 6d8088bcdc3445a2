"""Idle writes: what `akool-mock serve --state-file` writes while nobody calls it (target: < 4 KiB a minute).

python -m benchmarks.idle                   # one idle minute per server
python -m benchmarks.idle --seconds 10      # shorter, extrapolated to a minute
python -m benchmarks.idle --code /tmp/old   # the same measurement of another checkout (before/after)

Each server first gets some work (jobs created and completed, a token, an account), then is left alone on a
real clock: the bytes the process hands to write()/pwrite() (`wchar` of /proc/PID/io, page cache or disk
alike; `write_bytes`, what reached the block device, is reported too) and the growth of the state file, its
WAL and shared-memory files are measured. The baseline is the same server without `--state-file`, same run.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from benchmarks.common import (
    API_KEY,
    CLIENT_ID,
    CREATE_BODY,
    CREATE_PATH,
    akool_command,
    fmt,
    free_port,
    poll_request,
    running,
    table,
    write_config,
)

TARGET_PER_MINUTE = 4096
JOBS = 20
SETTLE_S = 1.0


@dataclass(frozen=True, slots=True)
class Idle:
    server: str
    seconds: float
    wchar: int
    write_bytes: int
    file_growth: int
    files_touched: bool

    @property
    def per_minute(self) -> float:
        return self.wchar * 60 / self.seconds


def io_counters(pid: int) -> dict[str, int]:
    lines = Path(f"/proc/{pid}/io").read_text(encoding="ascii").splitlines()
    return {key: int(value) for key, value in (line.split(": ") for line in lines)}


def files(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()}


def total_size(found: dict[str, tuple[int, int]]) -> int:
    return sum(size for size, _ in found.values())


def some_work(base_url: str) -> None:
    """What leaves a state file with every kind of row: jobs (completed), a token, an account."""
    with httpx.Client(base_url=base_url, headers={"x-api-key": API_KEY}, timeout=30) as client:
        for _ in range(JOBS):
            job = client.post(CREATE_PATH, json=CREATE_BODY).json()["data"]["_id"]
            client.post(f"/_mock/jobs/{job}/complete")
        client.post("/api/open/v3/getToken", json={"clientId": CLIENT_ID, "clientSecret": API_KEY})
        client.post("/_mock/accounts", json={})


def measure(name: str, seconds: float, with_state: bool, code: Path | None = None) -> Idle:
    with tempfile.TemporaryDirectory(prefix="akool-idle-") as folder:
        root = Path(folder)
        state = root / "state" / "akool.sqlite"
        state.parent.mkdir()
        extra = ("--state-file", str(state)) if with_state else ()
        port = free_port()
        command = akool_command(port, write_config(root), *extra)
        ready = poll_request("000000000000000000000000")
        with running(name, command, port, ready, cwd=code) as server:
            some_work(server.base_url)
            time.sleep(SETTLE_S)
            pid = server.process.pid
            before, files_before = io_counters(pid), files(state.parent)
            time.sleep(seconds)
            after, files_after = io_counters(pid), files(state.parent)
        growth = total_size(files_after) - total_size(files_before)
        return Idle(
            server=name,
            seconds=seconds,
            wchar=after["wchar"] - before["wchar"],
            write_bytes=after["write_bytes"] - before["write_bytes"],
            file_growth=growth,
            files_touched=files_after != files_before,
        )


def run(seconds: float = 60.0, code: Path | None = None) -> list[Idle]:
    return [
        measure("akool-mock serve", seconds, with_state=False, code=code),
        measure("akool-mock serve --state-file", seconds, with_state=True, code=code),
    ]


def render(results: list[Idle]) -> str:
    rows = [
        [
            r.server,
            fmt(r.seconds),
            f"{r.wchar:,}",
            f"{r.write_bytes:,}",
            f"{r.file_growth:,}",
            "yes" if r.files_touched else "no",
            fmt(r.per_minute),
        ]
        for r in results
    ]
    headers = ["server", "idle s", "bytes written", "to disk", "file growth", "files touched", "B/min"]
    with_state = results[-1]
    met = "met" if with_state.per_minute < TARGET_PER_MINUTE else "**not met**"
    check = [["bytes written in an idle minute, --state-file", fmt(with_state.per_minute), "< 4,096", met]]
    return table(headers, rows) + "\n\n" + table(["check", "figure", "target", ""], check)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.idle", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="idle seconds per server (60)")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--code", help="serve the checkout in this folder instead (e.g. `git archive` of an older commit)"
    )
    args = parser.parse_args(argv)
    results = run(args.seconds, Path(args.code) if args.code else None)
    print(render(results))
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
