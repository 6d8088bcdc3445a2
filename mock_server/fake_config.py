"""FakeAkool's keyword configuration, with the names and meanings of the served fake's config file.

`FakeAkool(seed=, clock=, speed=, lifecycle=, credits=, accounts=, config=PATH)` builds the same `Settings`
as `akool-mock serve --config PATH` would, with in-process defaults (manual clock, seed 0, result URLs on
https://openapi.akool.com). Nothing overrides anything silently: a keyword that disagrees with `settings=`
or with the config file is a ConfigError naming both, and `settings=` with `config=` is refused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from akool_mock.mock_server.clock import Clock
from akool_mock.mock_server.settings import (
    DEFAULT_API_KEY,
    DEFAULT_CLIENT_ID,
    AccountConfig,
    ConfigError,
    Lifecycle,
    Settings,
    build_settings,
    read_config,
)

DEFAULT_BASE_URL = "https://openapi.akool.com"
INPROCESS_DEFAULTS: dict[str, Any] = {"clock": "manual", "seed": 0}
# keyword → the config key it sets (and the Settings field that shows it)
CONFIG_KEYS = {
    "seed": ("seed", "seed"),
    "clock": ("clock", "clock"),
    "speed": ("speed", "speed"),
    "lifecycle": ("lifecycle", "lifecycle"),
    "credits": ("accounts", "accounts"),
    "accounts": ("accounts", "accounts"),
}
LifecycleArg = str | Mapping[str, Any] | Lifecycle
AccountArg = Mapping[str, Any] | AccountConfig


def inprocess_settings(
    settings: Settings | None,
    *,
    config: str | Path | None = None,
    base_url: str | None = None,
    clock: str | Clock | None = None,
    **keywords: Any,
) -> Settings:
    """The Settings of one FakeAkool; `keywords` are seed, speed, lifecycle, credits, accounts."""
    if isinstance(clock, str):
        keywords["clock"] = clock
    elif clock is not None and settings is None:  # a Clock object: the settings say which kind it is
        keywords["clock"] = "manual" if clock.speed == 0 else "real"
    given = {name: value for name, value in keywords.items() if value is not None}
    if settings is not None and config is not None:
        raise ConfigError("FakeAkool: give settings= or config=, not both")
    if settings is not None:
        _agree(settings, _from_keywords({}, given), given, "settings=")
        chosen = settings
    else:
        raw = read_config(Path(config)) if config is not None else {}
        if "speed" in given and "clock" not in given and "clock" not in raw:
            given["clock"] = "real"  # a speed only means something to the real clock
        chosen = _from_keywords(raw, given)
        in_file = {name: value for name, value in given.items() if CONFIG_KEYS[name][0] in raw}
        _agree(_from_keywords(raw, {}), chosen, in_file, f"config {config}")
    if chosen.public_url is None:
        chosen = dataclasses.replace(chosen, public_url=base_url or DEFAULT_BASE_URL)
    elif base_url is not None and base_url != chosen.public_url:
        raise ConfigError(f"FakeAkool: base_url={base_url!r} but the settings say {chosen.public_url!r}")
    if chosen.clock == "manual" and "speed" in given:
        raise ConfigError("FakeAkool: speed= needs clock='real' (a manual clock moves only when advanced)")
    return chosen


def _from_keywords(raw: dict[str, Any], given: dict[str, Any]) -> Settings:
    merged = {**INPROCESS_DEFAULTS, **raw}
    for name in ("seed", "clock", "speed"):
        if name in given:
            merged[name] = given[name]
    lifecycle = given.get("lifecycle")
    if isinstance(lifecycle, str):
        merged["lifecycle"] = {"policy": lifecycle}
    elif isinstance(lifecycle, Mapping):
        merged["lifecycle"] = dict(lifecycle)
    if "accounts" in given and "credits" in given:
        raise ConfigError("FakeAkool: give credits in each of accounts=, not credits= as well")
    if "accounts" in given:
        merged["accounts"] = [_account_dict(a) for a in _sequence(given["accounts"])]
    if "credits" in given:
        merged["accounts"] = [
            {"client_id": DEFAULT_CLIENT_ID, "api_key": DEFAULT_API_KEY, "credits": float(given["credits"])}
        ]
    built = build_settings(merged)
    if isinstance(lifecycle, Lifecycle):
        built = dataclasses.replace(built, lifecycle=lifecycle)
    return built


def _agree(base: Settings, wanted: Settings, given: dict[str, Any], source: str) -> None:
    """A ConfigError when a keyword says something other than `source` does."""
    for name in given:
        field = CONFIG_KEYS[name][1]
        if getattr(base, field) != getattr(wanted, field):
            raise ConfigError(
                f"FakeAkool: {name}= disagrees with {source} ({field}: {getattr(base, field)!r} there, "
                f"{getattr(wanted, field)!r} here); give it in one place"
            )


def _sequence(value: Any) -> Sequence[AccountArg]:
    if isinstance(value, Mapping | AccountConfig) or not isinstance(value, Sequence):
        raise ConfigError("FakeAkool: accounts= takes a list of accounts")
    return value


def _account_dict(account: AccountArg) -> dict[str, Any]:
    if isinstance(account, AccountConfig):
        if account.lifecycle is not None:
            raise ConfigError("FakeAkool: give an account's lifecycle as a mapping, in accounts=[{...}]")
        return {k: v for k, v in dataclasses.asdict(account).items() if k != "lifecycle"}
    return dict(account)
