"""Configuration: TOML or JSON files, CLI overrides, and clear errors for settings that cannot work."""

from __future__ import annotations

from pathlib import Path

import pytest

from akool_mock.mock_server.settings import ConfigError, build_settings, read_config


def test_toml_config_declares_accounts_and_lifecycles(tmp_path: Path) -> None:
    path = tmp_path / "fake.toml"
    key = "k" * 32
    path.write_text(
        f"""
seed = 3
clock = "manual"
[lifecycle]
policy = "polls"
polls_per_step = 2
failure_rate = 0.25
[lifecycle.durations]
faceswap = [1, 2]
[lifecycle.operations."faceswap.create_video"]
policy = "manual"
[[accounts]]
client_id = "clientIdForTests0001"
api_key = "{key}"
credits = 5
[accounts.lifecycle]
policy = "time"
"""
    )
    settings = build_settings(read_config(path), port=9000)
    assert (settings.seed, settings.clock, settings.port) == (3, "manual", 9000)
    assert settings.lifecycle.policy == "polls"
    assert settings.lifecycle.for_operation("faceswap.create_video").policy == "manual"
    assert settings.lifecycle.duration("faceswap.create_image") == (1.0, 2.0)
    account = settings.accounts[0]
    assert (account.credits, account.lifecycle.policy if account.lifecycle else None) == (5.0, "time")


def test_json_config(tmp_path: Path) -> None:
    path = tmp_path / "fake.json"
    path.write_text('{"max_body_mb": 1, "token_lifetime_days": 2}')
    settings = build_settings(read_config(path))
    assert settings.max_body_bytes == 1024 * 1024
    assert settings.token_lifetime_s == 2 * 86400


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        ({"accounts": [{"client_id": "clientIdForTests0001", "api_key": "short"}]}, "24 or 32 bytes"),
        ({"accounts": [{"client_id": "short", "api_key": "k" * 32}]}, "at least 16 bytes"),
        ({"accounts": [{"api_key": "k" * 32}]}, "needs client_id"),
        ({"lifecycle": {"policy": "sometimes"}}, "lifecycle.policy"),
        ({"lifecycle": {"failure_rate": 2}}, "failure_rate"),
        ({"lifecycle": {"durations": {"faceswap": [1]}}}, "durations.faceswap"),
        ({"clock": "sundial"}, "clock"),
    ],
)
def test_unusable_settings_say_which_and_why(config: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        build_settings(config)


def test_unreadable_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        read_config(tmp_path / "absent.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("= nope")
    with pytest.raises(ConfigError, match="not valid toml"):
        read_config(bad)
