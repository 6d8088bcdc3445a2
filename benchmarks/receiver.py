"""A small, fast webhook receiver for the benchmark (its own process, so it never slows the fake).

HTTP/1.1 with keep-alive on asyncio streams. `POST /ok/...` answers 200, `POST /fail/...` 500 (the fake must
retry it later), `POST /slow/...` 200 after `--slow-s` seconds (a slow receiver must not hold up the
others). `GET /stats` answers, per kind, how many bodies arrived and when the first and last did
(time.time()), and the first few bodies of each kind, for checking their signatures.

    python -m benchmarks.receiver --port 9000
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import time
from collections.abc import Sequence
from typing import Any

KEPT_BODIES = 20


class Stats:
    def __init__(self) -> None:
        self.kinds: dict[str, dict[str, Any]] = {}

    def seen(self, kind: str, body: bytes) -> None:
        now = time.time()
        entry = self.kinds.setdefault(kind, {"count": 0, "first": now, "last": now, "bodies": []})
        entry["count"] += 1
        entry["last"] = now
        if len(entry["bodies"]) < KEPT_BODIES:
            entry["bodies"].append(json.loads(body))


async def _serve_connection(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, stats: Stats, slow_s: float
) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            length = 0
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            body = await reader.readexactly(length) if length else b""
            kind = path.strip("/").split("/", 1)[0]
            if method == "GET" and kind == "stats":
                payload = json.dumps(stats.kinds).encode()
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
                    + str(len(payload)).encode()
                    + b"\r\n\r\n"
                    + payload
                )
            else:
                if kind == "slow":
                    await asyncio.sleep(slow_s)
                stats.seen(kind, body)
                status = b"500 Internal Server Error" if kind == "fail" else b"200 OK"
                writer.write(b"HTTP/1.1 " + status + b"\r\ncontent-length: 0\r\n\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


async def serve(port: int, slow_s: float) -> None:
    stats = Stats()
    server = await asyncio.start_server(
        lambda r, w: _serve_connection(r, w, stats, slow_s), "127.0.0.1", port, backlog=1024
    )
    async with server:
        await server.serve_forever()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.receiver")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--slow-s", type=float, default=1.0)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.port, args.slow_s))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
