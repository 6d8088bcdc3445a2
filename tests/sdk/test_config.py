"""Client construction: explicit arguments, the environment read once, and refused settings."""

from __future__ import annotations

import pytest

from akool_mock.sdk import AkoolClient, AsyncAkoolClient
from akool_mock.sdk._config import credentials_from, transport_config
from akool_mock.sdk._core import Credentials
from akool_mock.sdk.errors import ConfigurationError

pytestmark = pytest.mark.anyio

ENV = {"AKOOL_API_KEY": "env-key", "AKOOL_CLIENT_ID": "env-id", "AKOOL_CLIENT_SECRET": "env-secret"}


def test_explicit_credentials_win_over_the_environment() -> None:
    assert credentials_from("key", None, None, ENV) == Credentials(api_key="key")
    assert credentials_from(None, "id", "secret", ENV) == Credentials(client_id="id", client_secret="secret")


def test_the_environment_fills_in() -> None:
    assert credentials_from(None, None, None, ENV) == Credentials(api_key="env-key")
    pair = {"AKOOL_CLIENT_ID": "env-id", "AKOOL_CLIENT_SECRET": "env-secret"}
    assert credentials_from(None, None, None, pair) == Credentials(
        client_id="env-id", client_secret="env-secret"
    )


@pytest.mark.parametrize(
    ("api_key", "client_id", "client_secret", "environ"),
    [(None, None, None, {}), (None, "id", None, {}), (None, None, "secret", ENV), ("", None, None, {})],
)
def test_missing_credentials(
    api_key: str | None, client_id: str | None, client_secret: str | None, environ: dict[str, str]
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        credentials_from(api_key, client_id, client_secret, environ)
    assert str(caught.value).endswith(ConfigurationError.hint)


def test_base_url_from_the_environment_and_defaults() -> None:
    options = {
        "api_key": "k",
        "client_id": None,
        "client_secret": None,
        "detect_base_url": None,
        "timeout": 5,
        "max_retries": 1,
    }
    config = transport_config(base_url=None, environ={"AKOOL_BASE_URL": "http://localhost:8080"}, **options)
    assert config.base_url == "http://localhost:8080"
    assert config.detect_base_url == "https://sg3.akool.com"
    assert (config.timeout, config.retry.max_retries) == (5, 1)
    assert transport_config(base_url=None, environ={}, **options).base_url == "https://openapi.akool.com"
    assert (
        transport_config(base_url="https://x", environ={"AKOOL_BASE_URL": "y"}, **options).base_url
        == "https://x"
    )


@pytest.mark.parametrize(("timeout", "max_retries"), [(0, 2), (-1, 2), (10, -1)])
def test_refused_settings(timeout: float, max_retries: int) -> None:
    with pytest.raises(ValueError, match=r"timeout|max_retries"):
        AkoolClient(api_key="k", timeout=timeout, max_retries=max_retries)


async def test_clients_read_the_environment_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AKOOL_API_KEY", "from-env")
    monkeypatch.setenv("AKOOL_BASE_URL", "https://example.test")
    with AkoolClient() as client:
        monkeypatch.setenv("AKOOL_API_KEY", "changed")
        assert client._transport.config.credentials == Credentials(api_key="from-env")
        assert client.base_url == "https://example.test"
    async with AsyncAkoolClient() as aclient:
        assert aclient._transport.config.credentials == Credentials(api_key="changed")
