"""client.auth and token authentication against the in-process fake, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import AuthenticationError
from akool_mock.sdk.types.auth import Token
from tests.sdk.support import Client, close, make_client, resolve

pytestmark = pytest.mark.anyio


async def test_get_token(client: Client, akool: FakeAkool) -> None:
    token = await resolve(client.auth.get_token(client_id=akool.client_id, client_secret=akool.api_key))
    assert isinstance(token, Token)
    assert token.token.count(".") == 2  # shaped like a JWT, as Akool's
    assert "code" not in token.extra


async def test_get_token_with_a_wrong_secret(client: Client, akool: FakeAkool) -> None:
    with pytest.raises(AuthenticationError) as caught:
        await resolve(client.auth.get_token(client_id=akool.client_id, client_secret="wrong"))
    assert (caught.value.code, caught.value.operation) == (1101, "auth.get_token")


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_client_credentials_fetch_a_token_once_and_renew_it_on_1101(
    akool: FakeAkool, kind: str
) -> None:
    client = make_client(kind, akool, api_key=None, client_id=akool.client_id, client_secret=akool.api_key)
    try:
        await resolve(client.faceswap.get_quota())
        await resolve(client.faceswap.get_quota())
        akool.backend.tokens.clear()  # the cached token is now unknown to the server: 1101
        await resolve(client.faceswap.get_quota())
    finally:
        await close(client)
    calls = [entry["operation"] for entry in akool.journal]
    assert calls == [
        "auth.get_token",
        "faceswap.get_quota",
        "faceswap.get_quota",
        "faceswap.get_quota",
        "auth.get_token",
        "faceswap.get_quota",
    ]


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_token_refused_twice_is_raised(akool: FakeAkool, kind: str) -> None:
    client = make_client(kind, akool, api_key=None, client_id=akool.client_id, client_secret=akool.api_key)
    try:
        await resolve(client.faceswap.get_quota())
        akool.faults.add(operation="faceswap.get_quota", count=2, code=1101)
        with pytest.raises(AuthenticationError):
            await resolve(client.faceswap.get_quota())
    finally:
        await close(client)


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_wrong_api_key_is_not_renewed(akool: FakeAkool, kind: str) -> None:
    client = make_client(kind, akool, api_key="not-the-key")
    try:
        with pytest.raises(AuthenticationError) as caught:
            await resolve(client.faceswap.get_quota())
    finally:
        await close(client)
    assert caught.value.code == 1101
    assert [entry["operation"] for entry in akool.journal] == ["faceswap.get_quota"]
