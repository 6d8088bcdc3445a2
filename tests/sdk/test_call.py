"""`client.call(operation, body=, query=, path=)`: any catalog operation by id, with the SDK's errors."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import AkoolClient, AsyncAkoolClient
from akool_mock.sdk.errors import NotFoundError, ValidationError


def test_call_any_operation_sync() -> None:
    with FakeAkool() as akool, AkoolClient(api_key=akool.api_key) as client:
        assert client.call("faceswap.get_quota")["credit"] > 0
        kb = client.call("knowledge.create", body={"name": "by id"})
        assert client.call("knowledge.get", query={"id": kb["_id"]})["name"] == "by id"
        with pytest.raises(NotFoundError):
            client.call("voices.get", path={"_id": "0" * 24})
        with pytest.raises(ValidationError, match="sourceImage"):
            client.call("faceswap.create_image", body={})
        with pytest.raises(ValueError, match="unknown operation"):
            client.call("nope.nope")


@pytest.mark.anyio
async def test_call_any_operation_async() -> None:
    with FakeAkool() as akool:
        async with AsyncAkoolClient(api_key=akool.api_key) as client:
            assert (await client.call("faceswap.get_quota"))["credit"] > 0
            with pytest.raises(ValidationError):
                await client.call("knowledge.list", query={"page": 0})
