"""The `akool-mock proxy`, `replay` and `validate-webhook` commands (registered by `cli.build_parser`)."""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from pathlib import Path
from typing import Any

from akool_mock.mock_server.proxy import DEFAULT_DETECT_UPSTREAM, DEFAULT_UPSTREAM, Proxy

DEFAULT_PROXY_PORT = 8010
DEFAULT_REPLAY_PORT = 8020


def add_commands(commands: Any) -> None:
    """Add the three subcommands to `akool-mock`'s subparsers."""
    _add_proxy(commands)
    _add_others(commands)


def _add_proxy(commands: Any) -> None:
    proxy = commands.add_parser(
        "proxy", help="forward to the real Akool API, checking every exchange against the contract"
    )
    proxy.add_argument("--upstream", default=DEFAULT_UPSTREAM, help=f"the API to front ({DEFAULT_UPSTREAM})")
    proxy.add_argument(
        "--detect-upstream",
        default=DEFAULT_DETECT_UPSTREAM,
        help=f"where the legacy face detect (POST /detect) goes ({DEFAULT_DETECT_UPSTREAM})",
    )
    proxy.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    proxy.add_argument("--port", type=int, default=DEFAULT_PROXY_PORT, help=f"port ({DEFAULT_PROXY_PORT})")
    proxy.add_argument("--report", help="write the drift report to FILE.json and FILE.md on exit")
    proxy.add_argument("--record", help="write every exchange to this HAR file on exit, secrets redacted")
    proxy.add_argument(
        "--strict",
        action="store_true",
        help="answer HTTP 502 with the drift when an answer breaks the contract",
    )
    proxy.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the upstream (60)")
    proxy.add_argument("--quiet", action="store_true", help="no line per exchange (the summary still prints)")
    proxy.add_argument(
        "--webhook-receiver",
        help="front your webhook receiver too: POSTed deliveries go there (same path), verified and checked",
    )
    proxy.add_argument("--client-id", help="with --webhook-receiver: the account's clientId")
    proxy.add_argument("--client-secret", help="with --webhook-receiver: the account's clientSecret")
    proxy.set_defaults(run=_proxy)


def _add_others(commands: Any) -> None:
    replay = commands.add_parser("replay", help="serve the answers of a HAR recording")
    replay.add_argument("file", help="a HAR file (e.g. recorded with `akool-mock proxy --record`)")
    replay.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    replay.add_argument("--port", type=int, default=DEFAULT_REPLAY_PORT, help=f"port ({DEFAULT_REPLAY_PORT})")
    replay.set_defaults(run=_replay)

    webhook = commands.add_parser(
        "validate-webhook", help="verify, decrypt and check a webhook body Akool sent"
    )
    webhook.add_argument("body", help="the POSTed JSON: a file, '-' for stdin, or the JSON itself")
    webhook.add_argument("--client-id", required=True, help="the account's clientId (the AES IV)")
    webhook.add_argument("--client-secret", required=True, help="the account's clientSecret (the AES key)")
    webhook.set_defaults(run=_validate_webhook)


def _proxy(args: argparse.Namespace) -> int:
    from akool_mock.mock_server.drift_report import DriftReport, console
    from akool_mock.mock_server.har import HarRecorder

    settings = _settings(args)
    if settings is None:
        return 2
    report = DriftReport()
    proxy = Proxy(settings)
    proxy.observers.append(report.add)
    if not args.quiet:
        proxy.observers.append(console(sys.stdout))
    recorder = HarRecorder(Path(args.record)) if args.record else None
    if recorder is not None:
        proxy.observers.append(recorder)
    try:
        asyncio.run(_serve(proxy, args))
    except OSError as exc:
        print(f"akool-mock proxy: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 2
    _finish(args, report, recorder)
    return 1 if args.strict and report.drifting else 0


async def _serve(proxy: Proxy, args: argparse.Namespace) -> None:
    """Listen until Ctrl-C or SIGTERM, which end the command normally: the summary and files get written."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with proxy.serving(args.host, args.port):
        print(
            f"akool-mock proxy on http://{args.host}:{args.port} → {args.upstream} "
            f"(detect: {args.detect_upstream})",
            flush=True,
        )
        await stop.wait()


def _finish(args: argparse.Namespace, report: Any, recorder: Any) -> None:
    """On exit: the summary, the report files, the recording."""
    print(report.summary(), flush=True)
    if args.report:
        written = report.write(Path(args.report))
        print(f"wrote {written[0]} and {written[1]}", flush=True)
    if recorder is not None:
        print(f"wrote {recorder.write()} ({len(recorder.entries)} exchanges)", flush=True)


def _settings(args: argparse.Namespace) -> Any:
    """The proxy's settings, or None (after saying why) when the flags do not go together."""
    from akool_mock.mock_server.proxy import ProxySettings
    from akool_mock.mock_server.webhook_check import WebhookFront

    webhook = None
    if args.webhook_receiver:
        if not (args.client_id and args.client_secret):
            message = "akool-mock proxy: --webhook-receiver needs --client-id and --client-secret"
            print(message, file=sys.stderr)
            return None
        webhook = WebhookFront(args.webhook_receiver, args.client_id, args.client_secret)
    return ProxySettings(args.upstream, args.detect_upstream, args.strict, args.timeout, webhook=webhook)


def _replay(args: argparse.Namespace) -> int:
    import uvicorn

    from akool_mock.mock_server.replay import Replay, UnusableRecording, create_replay_app

    try:
        replay = Replay.from_file(args.file)
    except UnusableRecording as exc:
        print(f"akool-mock replay: {exc}", file=sys.stderr)
        return 2
    print(
        f"akool-mock replaying {len(replay.entries)} answers from {args.file} on http://{args.host}:{args.port}",
        flush=True,
    )
    uvicorn.run(
        create_replay_app(replay), host=args.host, port=args.port, log_level="warning", access_log=False
    )
    return 0


def _read_body(text: str) -> Any:
    if text == "-":
        text = sys.stdin.read()
    elif not text.lstrip().startswith("{"):
        text = Path(text).read_text(encoding="utf-8")
    return json.loads(text)


def _validate_webhook(args: argparse.Namespace) -> int:
    from akool_mock.mock_server.webhook_check import check_delivery

    try:
        body = _read_body(args.body)
    except (OSError, ValueError) as exc:
        print(f"akool-mock validate-webhook: cannot read the body: {exc}", file=sys.stderr)
        return 2
    result = check_delivery(body, client_id=args.client_id, client_secret=args.client_secret)
    for problem in result.problems:
        print(problem)
    if result.payload is not None:
        print(json.dumps(result.payload, indent=2, ensure_ascii=False))
    print("the delivery verifies and conforms" if result.ok else f"{len(result.problems)} problem(s)")
    return 0 if result.ok else 1
