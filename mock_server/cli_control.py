"""`akool-mock` commands that drive a served fake through its control API.

    akool-mock health | reset | clock [show|advance N|speed F]
    akool-mock jobs [list|show ID|complete ID|fail ID] | webhooks [list|redeliver ID] | accounts [list|create]
    akool-mock trigger OPERATION [--webhook-url URL] | listen --forward-to URL

Each finds the fake at --url (or AKOOL_MOCK_URL, else http://127.0.0.1:$AKOOL_MOCK_PORT or :8000) and sends
--control-token (or AKOOL_MOCK_CONTROL_TOKEN). `--json` prints the control API's answer as it is. Exit 0 on
success, 1 when the fake refused or cannot be reached (the message says why), 2 for bad flags.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from akool_mock.mock_server.control_client import ControlClient, ControlFailed
from akool_mock.mock_server.settings import ConfigError, client_settings
from akool_mock.mock_server.trigger import attempt_line, listen, trigger
from akool_mock.schemas import load_catalog

STATUS = {1: "queued", 2: "processing", 3: "completed", 4: "failed"}
Command = Callable[[ControlClient, argparse.Namespace], Any]


def _text(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _job_line(job: dict[str, Any]) -> str:
    status = f"{job['status']} {STATUS.get(job['status'], '?')}"
    return f"{job['id']}  {job['operation']:30} {status:13} {job['account']}"


def _print_jobs(answer: dict[str, Any]) -> None:
    for job in answer["jobs"]:
        print(_job_line(job))
    print(f"{answer['count']} job(s)")


def _print_webhooks(answer: dict[str, Any]) -> None:
    for delivery in answer["deliveries"]:
        tries = len(delivery["attempts"])
        print(
            f"{delivery['id']}  job={delivery['job_id']} status={delivery['payload'].get('status')} "
            f"{delivery['state']:9} {tries} attempt(s) -> {delivery['url']}"
        )
    print(f"{answer['count']} delivery(ies), {answer['pending']} pending")


def _clock(c: ControlClient, a: argparse.Namespace) -> Any:
    if a.action == "advance":
        return c.post("clock/advance", {"seconds": a.value})
    if a.action == "speed":
        return c.post("clock/speed", {"speed": a.value})
    return c.get("clock")


def _jobs(c: ControlClient, a: argparse.Namespace) -> Any:
    if a.action == "list":
        answer = c.get("jobs", status=a.status, operation=a.operation, account=a.account)
        return answer if a.json else _print_jobs(answer)
    if not a.id:
        raise ControlFailed(f"jobs {a.action} needs a job id")
    if a.action == "complete":
        return c.post(f"jobs/{a.id}/complete")
    if a.action == "fail":
        return c.post(f"jobs/{a.id}/fail", {"reason": a.reason} if a.reason else {})
    return c.get(f"jobs/{a.id}")


def _webhooks(c: ControlClient, a: argparse.Namespace) -> Any:
    if a.action == "redeliver":
        if not a.id:
            raise ControlFailed("webhooks redeliver needs a delivery id (wh_...)")
        return c.post(f"webhooks/{a.id}/redeliver")
    answer = c.get("webhooks", job=a.job)
    return answer if a.json else _print_webhooks(answer)


def _accounts(c: ControlClient, a: argparse.Namespace) -> Any:
    if a.action == "create":
        body: dict[str, Any] = {"banned": a.banned}
        for name in ("client_id", "api_key", "credits"):
            if getattr(a, name) is not None:
                body[name] = getattr(a, name)
        return c.post("accounts", body)
    answer = c.get("accounts")
    if a.json:
        return answer
    for account in answer["accounts"]:
        banned = "  banned" if account["banned"] else ""
        money = f"credits={account['credits']:g} charged={account['charged']:g}"
        print(f"{account['client_id']:32} {money}{banned}")
    return None


def _health(c: ControlClient, _a: argparse.Namespace) -> Any:
    answer = c.get("health")
    print(f"{answer['status']} akool-mock {answer['version']} at {c.settings.url}")
    return None


def _trigger(c: ControlClient, a: argparse.Namespace) -> Any:
    result = trigger(c, load_catalog(), a.operation, a.webhook_url, a.wait)
    if a.json:
        return {"job": result.job, "deliveries": result.deliveries}
    print(f"{_job_line(result.job)}")
    for delivery in result.deliveries:
        for attempt in delivery["attempts"]:
            print("  " + attempt_line(delivery, attempt))
        if not delivery["attempts"]:
            print(f"  {delivery['id']} status={delivery['payload'].get('status')} {delivery['state']}")
    if a.webhook_url and not result.deliveries:
        print(f"  no webhook was sent: {a.operation} takes no webhook URL, or the allowlist refused it")
    return None


def _listen(c: ControlClient, a: argparse.Namespace) -> Any:
    stop = {"now": False}

    def request_stop(_sig: int, _frame: FrameType | None) -> None:
        stop["now"] = True

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        listen(c, a.forward_to, lambda line: print(line, flush=True), lambda: stop["now"], a.max_events)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return None


def _reset(c: ControlClient, _a: argparse.Namespace) -> Any:
    return c.post("reset")


def _run(command: Command) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            settings = client_settings(args.url, args.control_token, getattr(args, "api_key", None))
        except ConfigError as exc:
            print(f"akool-mock {args.command}: {exc}", file=sys.stderr)
            return 2
        try:
            with ControlClient(settings) as client:
                answer = command(client, args)
        except ControlFailed as exc:
            print(f"akool-mock {args.command}: {exc}", file=sys.stderr)
            return 1
        if answer is not None:
            print(_text(answer))
        return 0

    return run


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", help="the served fake (default $AKOOL_MOCK_URL or http://127.0.0.1:8000)")
    parser.add_argument("--control-token", help="its control token (default $AKOOL_MOCK_CONTROL_TOKEN)")
    parser.add_argument("--json", action="store_true", help="print the control API's JSON answer")


Adder = Callable[[str, Command, str], argparse.ArgumentParser]


def add_control_commands(commands: Any) -> None:
    """Register the control commands on the `akool-mock` subparsers."""

    def add(name: str, command: Command, help_text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = commands.add_parser(name, help=help_text)
        _common(parser)
        parser.set_defaults(run=_run(command))
        return parser

    add("health", _health, "is the served fake up? (exit 0 if so; the container HEALTHCHECK)")
    add("reset", _reset, "forget every job, delivery and account change of the served fake")
    _add_state_commands(add)
    _add_webhook_commands(add)


def _add_state_commands(add: Adder) -> None:
    clock = add("clock", _clock, "show, advance or speed up the served fake's clock")
    clock.add_argument("action", nargs="?", choices=["show", "advance", "speed"], default="show")
    clock.add_argument("value", nargs="?", type=float, default=0.0, help="seconds to advance, or speed")
    jobs = add("jobs", _jobs, "list, show, complete or fail jobs")
    jobs.add_argument("action", nargs="?", choices=["list", "show", "complete", "fail"], default="list")
    jobs.add_argument("id", nargs="?", help="job id (show, complete, fail)")
    jobs.add_argument("--status", choices=["1", "2", "3", "4"], help="list: only this status")
    jobs.add_argument("--operation", help="list: only this operation id")
    jobs.add_argument("--account", help="list: only this clientId")
    jobs.add_argument("--reason", help="fail: the failure reason")
    accounts = add("accounts", _accounts, "list accounts, or create one (its API key is shown once)")
    accounts.add_argument("action", nargs="?", choices=["list", "create"], default="list")
    accounts.add_argument("--client-id")
    accounts.add_argument("--api-key", help="24 or 32 characters (generated when absent)")
    accounts.add_argument("--credits", type=float)
    accounts.add_argument("--banned", action="store_true")


def _add_webhook_commands(add: Adder) -> None:
    hooks = add("webhooks", _webhooks, "list webhook deliveries, or redeliver one")
    hooks.add_argument("action", nargs="?", choices=["list", "redeliver"], default="list")
    hooks.add_argument("id", nargs="?", help="delivery id (redeliver)")
    hooks.add_argument("--job", help="list: only this job's deliveries")
    trig = add("trigger", _trigger, "create a job with a valid body, complete it, send its webhooks")
    trig.add_argument("operation", help="a job operation id, e.g. faceswap.create_image")
    trig.add_argument("--webhook-url", help="where the job's webhooks go")
    trig.add_argument("--api-key", help="API key of the account (default $AKOOL_MOCK_API_KEY or the default)")
    trig.add_argument("--wait", type=float, default=10.0, help="seconds to wait for webhooks (default 10)")
    lis = add("listen", _listen, "forward every webhook delivery to a local URL and print each")
    lis.add_argument("--forward-to", required=True, help="e.g. http://127.0.0.1:3000/webhooks/akool")
    lis.add_argument("--max-events", type=int, help="stop after this many attempts (default: until Ctrl+C)")
