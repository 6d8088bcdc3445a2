"""The HTTP baseline: a bare Starlette app on uvicorn answering fixed JSON bytes with no work at all.

It serves the very bodies akool-mock answered for the same requests (captured by the HTTP benchmark), with the
same uvicorn settings as `akool-mock serve` (one worker, no access log), so the difference between the two is
what akool-mock does per request: routing, auth, validation, the job engine, the envelope and the journal.

    python -m benchmarks.bare --port 8001 --responses answers.json   # {"GET /path": "<json>", ...}
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def create_app(answers: dict[str, str]) -> Starlette:
    """One route per `METHOD /path` key, each answering its bytes as application/json."""
    routes = []
    for key, text in answers.items():
        method, path = key.split(" ", 1)
        body = text.encode("utf-8")

        async def endpoint(_request: Request, body: bytes = body) -> Response:
            # async, as akool-mock's endpoint is: a plain `def` would run in Starlette's thread pool
            return Response(body, media_type="application/json")

        routes.append(Route(path, endpoint, methods=[method]))
    return Starlette(routes=routes)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bare")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--responses", required=True, help='JSON file: {"GET /path": "<body>", ...}')
    args = parser.parse_args(argv)
    import uvicorn

    answers = json.loads(Path(args.responses).read_text(encoding="utf-8"))
    uvicorn.run(create_app(answers), host="127.0.0.1", port=args.port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
