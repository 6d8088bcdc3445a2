"""`akool-mock`: serve the fake, export the contract as OpenAPI, validate recorded responses."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from akool_mock._version import __version__
from akool_mock.mock_server.cli_control import add_control_commands
from akool_mock.mock_server.openapi import build_openapi, dumps
from akool_mock.mock_server.proxy_cli import add_commands as add_proxy_commands
from akool_mock.mock_server.secrecy import shown_key
from akool_mock.mock_server.settings import (
    DEFAULT_API_KEY,
    DEFAULT_CLIENT_ID,
    LOG_FORMATS,
    LOG_LEVELS,
    SERVE_FLAGS,
    ConfigError,
    Settings,
    build_settings,
    convert,
    cors_origins,
    environment,
    read_config,
)
from akool_mock.mock_server.state_format import StateFileError
from akool_mock.schemas import load_catalog
from akool_mock.schemas.recorded import UnusableInput, check_file


def _openapi(args: argparse.Namespace) -> int:
    text = dumps(build_openapi())
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _validate(args: argparse.Namespace) -> int:
    try:
        report = check_file(load_catalog(), Path(args.file), args.operation)
    except UnusableInput as exc:
        print(f"akool-mock validate: {exc}", file=sys.stderr)
        return 2
    for note in report.skipped:
        print(f"note: {note}")
    for finding in report.findings:
        print(finding)
    verdict = "conform" if report.ok else f"do not conform ({len(report.findings)} violations)"
    print(f"{report.checked} response(s) checked: {verdict}")
    return 0 if report.ok else 1


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def flag_values(args: argparse.Namespace, environ: dict[str, str] | None = None) -> argparse.Namespace:
    """The serve flags, each from the command line, else from its AKOOL_MOCK_* variable (converted)."""
    env = environment(SERVE_FLAGS, environ)
    values = argparse.Namespace(**vars(args))
    for flag in SERVE_FLAGS:
        if getattr(values, flag, None) is None and flag in env:
            raw = env[flag]
            typed: object = raw
            if flag in ("port", "seed"):
                typed = convert(flag, raw, int)
            elif flag == "speed":
                typed = convert(flag, raw, float)
            elif flag == "webhook_allow":  # repeatable flag: the variable is comma-separated
                typed = [entry.strip() for entry in raw.split(",") if entry.strip()]
            setattr(values, flag, typed)
    return values


def serve_settings(args: argparse.Namespace, environ: dict[str, str] | None = None) -> Settings:
    args = flag_values(args, environ)
    config = read_config(Path(args.config)) if args.config else {}
    overrides: dict[str, object] = {
        "host": args.host,
        "port": args.port,
        "seed": args.seed,
        "clock": args.clock,
        "speed": args.speed,
        "control_token": args.control_token,
        "public_url": args.public_url,
        "state_file": args.state_file,
        "log_level": args.log_level,
        "log_format": args.log_format,
        "cors_origins": cors_origins(args.cors) if args.cors is not None else None,
    }
    if args.client_id or args.api_key:
        default = {"client_id": args.client_id, "api_key": args.api_key}
        first = dict(config.get("accounts", [{}])[0]) if config.get("accounts") else {}
        first.update({k: v for k, v in default.items() if v})
        first.setdefault("client_id", DEFAULT_CLIENT_ID)
        first.setdefault("api_key", DEFAULT_API_KEY)
        config["accounts"] = [first, *config.get("accounts", [])[1:]]
    if args.webhook_allow:
        config["webhook_allowlist"] = [*config.get("webhook_allowlist", []), *args.webhook_allow]
    settings = build_settings(config, **overrides)
    if settings.host not in LOOPBACK and not settings.control_token:
        raise ConfigError(
            f"binding to {settings.host} exposes the control API: "
            "pass --control-token (or AKOOL_MOCK_CONTROL_TOKEN)"
        )
    return settings


def _serve(args: argparse.Namespace) -> int:
    try:
        settings = serve_settings(args)
    except ConfigError as exc:
        print(f"akool-mock serve: {exc}", file=sys.stderr)
        return 2
    from akool_mock.mock_server.app import create_app
    from akool_mock.mock_server.service import run_service

    try:
        app = create_app(settings)
    except StateFileError as exc:
        print(f"akool-mock serve: {exc}", file=sys.stderr)
        return 2
    return run_service(app, settings, on_ready=lambda: _banner(settings))


def _banner(settings: Settings) -> None:
    """Printed once uvicorn listens: a busy port shows its error, never a banner."""
    account = settings.accounts[0]
    print(f"akool-mock serving the Akool API at {settings.base_url}", flush=True)
    print(f"  x-api-key: {shown_key(account.api_key)}", flush=True)
    print(f"  clientId:  {account.client_id}   (POST /api/open/v3/getToken with clientSecret = the API key)")
    print(
        f"  clock: {settings.clock}" + (f" x{settings.speed}" if settings.clock == "real" else ""), flush=True
    )
    print(f"  control API: {settings.base_url}/_mock/ (see README)", flush=True)
    print(f"  dashboard:   {settings.base_url}/_mock/ui", flush=True)


def _catalog(_args: argparse.Namespace) -> int:
    for op in load_catalog().operations:
        print(f"{op.id:36} {op.method:6} {op.host:18} {op.path}  [{op.kind}]")
    return 0


def _docs_diff(args: argparse.Namespace) -> int:
    from akool_mock.schemas.docs_diff import run

    notes = (Path(load_catalog().store.root) / "NOTES.md").read_text(encoding="utf-8")
    status, lines = run(args.path, load_catalog(), notes)
    print("\n".join(lines), file=sys.stderr if status == 2 else sys.stdout)
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="akool-mock", description=__doc__)
    parser.add_argument("--version", action="version", version=f"akool-mock {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    openapi = commands.add_parser("openapi", help="write the contract as one OpenAPI 3.1 document (JSON)")
    openapi.add_argument("-o", "--output", help="file to write (default: stdout)")
    openapi.set_defaults(run=_openapi)

    validate = commands.add_parser("validate", help="check a recorded response or a HAR file")
    validate.add_argument("file", help="a JSON file of one response body, or a HAR file")
    validate.add_argument(
        "--operation", help="operation id of a single response (e.g. faceswap.list_results)"
    )
    validate.set_defaults(run=_validate)

    serve = commands.add_parser("serve", help="run the fake Akool API over HTTP")
    serve.add_argument("--host", default=None, help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port (default 8000)")
    serve.add_argument("--seed", type=int, default=None, help="seed ids and random choices (repeatable runs)")
    serve.add_argument("--clock", choices=["real", "manual"], default=None, help="real (default) or manual")
    serve.add_argument("--speed", type=float, default=None, help="real clock speed factor (e.g. 60)")
    serve.add_argument("--config", help="TOML or JSON file: accounts, lifecycle, limits (see README)")
    serve.add_argument("--client-id", help="clientId of the default account")
    serve.add_argument("--api-key", help="API key (clientSecret) of the default account: 24 or 32 characters")
    serve.add_argument("--control-token", help="require this token (x-akool-mock-token) on /_mock/ calls")
    serve.add_argument("--public-url", help="base URL put in result URLs (default http://HOST:PORT)")
    serve.add_argument(
        "--state-file",
        metavar="PATH",
        help="keep all state in this SQLite file (created 0600; API keys encrypted with PATH.key), so a "
        "restart, even kill -9, loses nothing; a copy needs PATH-wal, PATH-shm and PATH.key too "
        "(or sqlite3 PATH '.backup COPY' plus PATH.key); a damaged or foreign file is refused",
    )
    serve.add_argument(
        "--webhook-allow",
        action="append",
        metavar="HOST[:PORT|:*]",
        help="only send webhooks to these destinations (repeatable; a bare host means ports 80 and 443)",
    )
    serve.add_argument("--log-level", choices=LOG_LEVELS, default=None, help="log level (default info)")
    serve.add_argument(
        "--log-format", choices=LOG_FORMATS, default=None, help="a line per request: text (default) or json"
    )
    serve.add_argument(
        "--cors",
        nargs="?",
        const="*",
        default=None,
        metavar="ORIGINS",
        help="answer browsers' CORS requests: * (the default when given alone) or origins, comma-separated",
    )
    serve.set_defaults(run=_serve)
    serve.epilog = "Every flag can also be set by AKOOL_MOCK_<FLAG> (e.g. AKOOL_MOCK_PORT=9000)."

    catalog = commands.add_parser("catalog", help="list every operation of the contract")
    catalog.set_defaults(run=_catalog)
    add_control_commands(commands)
    add_proxy_commands(commands)

    docs_diff = commands.add_parser(
        "docs-diff", help="what a docs tree has that the catalog lacks or contradicts"
    )
    docs_diff.add_argument(
        "path", help="the original text file, a pages/ folder, or an MDX folder (current/)"
    )
    docs_diff.set_defaults(run=_docs_diff)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
