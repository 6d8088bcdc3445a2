"""Configuration, read once at the top (CLI flags and an optional TOML or JSON file) and passed down.

This is the only module that reads files or the environment for configuration.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

Policy = Literal["time", "polls", "manual"]
POLICIES: frozenset[str] = frozenset({"time", "polls", "manual"})

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
    """How jobs move: `time` (durations scaled by the clock), `polls` (a step every N polls), `manual`."""

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
    webhook_allowlist: tuple[str, ...] = ()
    state_file: str | None = None
    # What a deprecated operation (catalog `deprecated`) answers: "refuse" as Akool's 2026 docs say, or
    # "serve" as before, for clients of the older docs (schemas/NOTES.md#deprecated-operations).
    deprecated: Literal["refuse", "serve"] = "refuse"

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"


def check_account(account: AccountConfig) -> AccountConfig:
    if len(account.api_key.encode("utf-8")) not in API_KEY_LENGTHS:
        raise ConfigError(
            f"account {account.client_id!r}: api_key must be 24 or 32 bytes (it is the AES key of webhooks)"
        )
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
    values.update({key: value for key, value in overrides.items() if value is not None})
    settings = Settings(**values)
    if settings.clock not in ("real", "manual"):
        raise ConfigError("clock must be 'real' or 'manual'")
    if settings.deprecated not in ("refuse", "serve"):
        raise ConfigError("deprecated must be 'refuse' or 'serve'")
    if settings.speed <= 0:
        raise ConfigError("speed must be > 0")
    if not settings.webhook_retry_s or min(settings.webhook_retry_s) <= 0:
        raise ConfigError("webhook_retry_s must be a non-empty list of delays > 0 seconds")
    return settings


def env_control_token() -> str | None:
    """The control token may also come from AKOOL_MOCK_CONTROL_TOKEN, so it stays out of shell history."""
    return os.environ.get("AKOOL_MOCK_CONTROL_TOKEN")
