"""Configuration, read once at the top (CLI flags and an optional TOML or JSON file) and passed down.

This is the only module that reads files or the environment for configuration.
"""

from __future__ import annotations

import json
import math
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from akool_mock.mock_server.destinations import parse_allow
from akool_mock.mock_server.plans import DEFAULT_PLAN, PLANS

Policy = Literal["time", "polls", "manual", "immediate"]
POLICIES: frozenset[str] = frozenset({"time", "polls", "manual", "immediate"})
LogFormat = Literal["text", "json"]
LOG_LEVELS = ("debug", "info", "warning", "error")
LOG_FORMATS = ("text", "json")

# The default account: documented in the README so anyone can call the fake at once.
DEFAULT_CLIENT_ID = "AKmockClientId0000000001"
DEFAULT_API_KEY = "akool-mock-api-key-0000000000000"
DEFAULT_CREDITS = 10_000.0
# ai-tools-suite__webhook: the key is the clientSecret as UTF-8, AES-192 or AES-256.
API_KEY_LENGTHS = (24, 32)

# (seconds queued, seconds processing) per operation or area: about what the real API takes.
DEFAULT_DURATIONS: dict[str, tuple[float, float]] = {
    "faceswap": (5.0, 20.0),
    "faceswap.create_video": (10.0, 110.0),
    "faceswap.reage_video": (10.0, 110.0),
    "images": (5.0, 35.0),
    "character_swap": (15.0, 165.0),
    "lipsync": (15.0, 165.0),
    "talking_photo": (10.0, 110.0),
    "talking_avatar": (15.0, 165.0),
    "video_translation": (20.0, 280.0),
    "image2video": (10.0, 110.0),
    "jarvis": (5.0, 25.0),
    "voices": (3.0, 17.0),
    "avatars": (10.0, 50.0),
}
FALLBACK_DURATION = (5.0, 25.0)


class ConfigError(ValueError):
    """The configuration cannot be used; the message says which setting and why."""


@dataclass(frozen=True, slots=True)
class Lifecycle:
    """How jobs move: `time` (durations scaled by the clock), `polls` (a step every N polls), `manual`
    (only when told), `immediate` (finished on creation, for tests that do not care about progress)."""

    policy: Policy = "time"
    polls_per_step: int = 1
    failure_rate: float = 0.0
    durations: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_DURATIONS))
    operations: dict[str, Lifecycle] = field(default_factory=dict)

    def for_operation(self, op_id: str) -> Lifecycle:
        return self.operations.get(op_id, self)

    def duration(self, op_id: str) -> tuple[float, float]:
        area = op_id.split(".", 1)[0]
        return self.durations.get(op_id) or self.durations.get(area) or FALLBACK_DURATION


@dataclass(frozen=True, slots=True)
class AccountConfig:
    client_id: str = DEFAULT_CLIENT_ID
    api_key: str = DEFAULT_API_KEY
    credits: float = DEFAULT_CREDITS
    banned: bool = False
    lifecycle: Lifecycle | None = None
    plan: str = DEFAULT_PLAN  # mock_server/plans.py; the most permissive by default


@dataclass(frozen=True, slots=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    seed: int | None = None
    clock: Literal["real", "manual"] = "real"
    speed: float = 1.0
    accounts: tuple[AccountConfig, ...] = (AccountConfig(),)
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    token_lifetime_s: float = 365 * 24 * 3600.0  # authentication__usage: "valid for more than 1 year"
    result_lifetime_s: float = 7 * 24 * 3600.0  # result URLs expire after 7 days
    max_body_bytes: int = 20 * 1024 * 1024
    max_json_depth: int = 64
    journal_size: int = 1000
    control_token: str | None = None
    public_url: str | None = None
    webhook_retry_s: tuple[float, ...] = (5.0, 30.0, 120.0, 600.0, 1800.0, 3600.0)
    webhook_allowlist: tuple[str, ...] = ()  # host (ports 80/443), host:port, host:* (destinations.py)
    webhook_allow_self: bool = False  # let webhooks reach the fake itself: for a test that means it
    state_file: str | None = None
    log_level: str = "info"
    log_format: LogFormat = "text"
    cors_origins: tuple[str, ...] = ()  # empty: no CORS headers; ("*",): any origin
    # What a deprecated operation (catalog `deprecated`) answers: "refuse" as Akool's 2026 docs say, or
    # "serve" as before, for clients of the older docs (schemas/NOTES.md#deprecated-operations).
    deprecated: Literal["refuse", "serve"] = "refuse"

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"


def check_account(account: AccountConfig) -> AccountConfig:
    if not math.isfinite(account.credits):
        raise ConfigError(f"account {account.client_id!r}: credits must be a finite number")
    if len(account.api_key.encode("utf-8")) not in API_KEY_LENGTHS:
        raise ConfigError(
            f"account {account.client_id!r}: api_key must be 24 or 32 bytes (it is the AES key of webhooks)"
        )
    if account.plan not in PLANS:
        raise ConfigError(f"account {account.client_id!r}: plan must be one of {', '.join(PLANS)}")
    if len(account.client_id.encode("utf-8")) < 16:
        raise ConfigError(
            f"account {account.client_id!r}: client_id must be at least 16 bytes (the webhook IV)"
        )
    return account


def _lifecycle(raw: dict[str, Any], base: Lifecycle | None = None) -> Lifecycle:
    base = base or Lifecycle()
    policy = raw.get("policy", base.policy)
    if policy not in POLICIES:
        raise ConfigError(f"lifecycle.policy must be one of {sorted(POLICIES)}, not {policy!r}")
    rate = float(raw.get("failure_rate", base.failure_rate))
    if not 0.0 <= rate <= 1.0:
        raise ConfigError("lifecycle.failure_rate must be between 0 and 1")
    steps = int(raw.get("polls_per_step", base.polls_per_step))
    if steps < 1:
        raise ConfigError("lifecycle.polls_per_step must be >= 1")
    durations = dict(base.durations)
    for key, pair in raw.get("durations", {}).items():
        if not (isinstance(pair, list | tuple) and len(pair) == 2):
            raise ConfigError(f"lifecycle.durations.{key} must be [seconds queued, seconds processing]")
        durations[key] = (float(pair[0]), float(pair[1]))
    result = replace(base, policy=policy, failure_rate=rate, polls_per_step=steps, durations=durations)
    operations = {op: _lifecycle(sub, result) for op, sub in raw.get("operations", {}).items()}
    return replace(result, operations=operations)


def _account(raw: dict[str, Any], lifecycle: Lifecycle) -> AccountConfig:
    try:
        account = AccountConfig(
            client_id=str(raw["client_id"]),
            api_key=str(raw["api_key"]),
            credits=float(raw.get("credits", DEFAULT_CREDITS)),
            banned=bool(raw.get("banned", False)),
            plan=str(raw.get("plan", DEFAULT_PLAN)),
            lifecycle=_lifecycle(raw["lifecycle"], lifecycle) if "lifecycle" in raw else None,
        )
    except KeyError as exc:
        raise ConfigError(f"an account needs {exc.args[0]}") from exc
    return check_account(account)


def read_config(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc}") from exc
    try:
        data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"config {path} is not valid {path.suffix[1:] or 'JSON'}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"config {path} must hold a table/object")
    return data


def build_settings(config: dict[str, Any] | None = None, **overrides: Any) -> Settings:
    """Settings from a config mapping, with CLI flags (non-None overrides) taking precedence."""
    config = dict(config or {})
    _refuse_non_finite(config, "config")
    lifecycle = _lifecycle(config.get("lifecycle", {}))
    accounts = tuple(_account(raw, lifecycle) for raw in config.get("accounts", ())) or (AccountConfig(),)
    values: dict[str, Any] = {"lifecycle": lifecycle, "accounts": accounts}
    simple = (
        "host",
        "port",
        "seed",
        "clock",
        "speed",
        "control_token",
        "public_url",
        "journal_size",
        "state_file",
        "log_level",
        "log_format",
    )
    for key in simple:
        if key in config:
            values[key] = config[key]
    if "token_lifetime_days" in config:
        values["token_lifetime_s"] = float(config["token_lifetime_days"]) * 86400
    if "max_body_mb" in config:
        values["max_body_bytes"] = int(float(config["max_body_mb"]) * 1024 * 1024)
    if "webhook_retry_s" in config:
        values["webhook_retry_s"] = tuple(float(s) for s in config["webhook_retry_s"])
    if "deprecated" in config:
        values["deprecated"] = config["deprecated"]
    if "webhook_allowlist" in config:
        values["webhook_allowlist"] = tuple(str(h) for h in config["webhook_allowlist"])
    if "webhook_allow_self" in config:
        values["webhook_allow_self"] = config["webhook_allow_self"] is True
    if "cors_origins" in config:
        values["cors_origins"] = cors_origins(config["cors_origins"])
    values.update({key: value for key, value in overrides.items() if value is not None})
    return _checked(Settings(**values))


def _checked(settings: Settings) -> Settings:
    """The settings, if every value is one the fake can run with (else a ConfigError naming it)."""
    if settings.clock not in ("real", "manual"):
        raise ConfigError("clock must be 'real' or 'manual'")
    if not 0 < settings.speed <= 1e6:  # also refuses NaN
        raise ConfigError("speed must be > 0 and at most 1e6")
    if settings.log_level not in LOG_LEVELS:
        raise ConfigError(f"log_level must be one of {', '.join(LOG_LEVELS)}, not {settings.log_level!r}")
    if settings.log_format not in LOG_FORMATS:
        raise ConfigError(f"log_format must be text or json, not {settings.log_format!r}")
    if settings.deprecated not in ("refuse", "serve"):
        raise ConfigError("deprecated must be 'refuse' or 'serve'")
    if not settings.webhook_retry_s or min(settings.webhook_retry_s) <= 0:
        raise ConfigError("webhook_retry_s must be a non-empty list of delays > 0 seconds")
    for entry in settings.webhook_allowlist:
        try:
            parse_allow(entry)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
    return settings


def _refuse_non_finite(value: Any, where: str) -> None:
    """TOML allows `inf` and `nan`; no number of the fake's state may be non-finite, so none is accepted."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{where} is {value}: only finite numbers are accepted")
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_non_finite(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _refuse_non_finite(item, f"{where}[{index}]")


def cors_origins(value: object) -> tuple[str, ...]:
    """`*`, or origins separated by commas (a string) or listed (a config file)."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ConfigError("cors_origins must be a list of origins or a comma-separated string")
    origins = tuple(str(item).strip().rstrip("/") for item in items if str(item).strip())
    for origin in origins:
        if origin != "*" and not origin.startswith(("http://", "https://")):
            raise ConfigError(f"CORS origin {origin!r} must be * or start with http:// or https://")
    return origins


ENV_PREFIX = "AKOOL_MOCK_"
# Every `serve` flag, by its argparse name; AKOOL_MOCK_<NAME> sets it when the flag is not given.
SERVE_FLAGS = (
    "webhook_allow",
    "host",
    "port",
    "seed",
    "clock",
    "speed",
    "config",
    "client_id",
    "api_key",
    "control_token",
    "public_url",
    "state_file",
    "log_level",
    "log_format",
    "cors",
)
# What the control CLI (`akool-mock jobs ...`) reads: the served fake's URL, token and default API key.
CLIENT_VARIABLES = ("url", "control_token", "api_key", "port")


def env_name(flag: str) -> str:
    return ENV_PREFIX + flag.upper()


def environment(names: tuple[str, ...], environ: dict[str, str] | None = None) -> dict[str, str]:
    """The AKOOL_MOCK_* variables for `names` that are set (and not empty)."""
    source = dict(os.environ) if environ is None else environ
    return {name: source[env_name(name)] for name in names if source.get(env_name(name))}


def convert(name: str, raw: str, kind: type[int] | type[float]) -> int | float:
    """A number from a flag or variable, or a ConfigError that names it."""
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(f"{env_name(name)} / --{name.replace('_', '-')}: {raw!r} is not a number") from None


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """Where the control CLI finds a served fake: its URL, control token and the API key `trigger` uses."""

    url: str
    control_token: str | None
    api_key: str


def client_settings(
    url: str | None = None,
    control_token: str | None = None,
    api_key: str | None = None,
    environ: dict[str, str] | None = None,
) -> ClientSettings:
    """Flags first, then AKOOL_MOCK_URL (or AKOOL_MOCK_PORT on loopback), AKOOL_MOCK_CONTROL_TOKEN, ..."""
    env = environment(CLIENT_VARIABLES, environ)
    port = convert("port", env["port"], int) if "port" in env else 8000
    base = url or env.get("url") or f"http://127.0.0.1:{port}"
    if not base.startswith(("http://", "https://")):
        raise ConfigError(f"--url / AKOOL_MOCK_URL must start with http:// or https://, not {base!r}")
    return ClientSettings(
        url=base.rstrip("/"),
        control_token=control_token or env.get("control_token"),
        api_key=api_key or env.get("api_key") or DEFAULT_API_KEY,
    )
