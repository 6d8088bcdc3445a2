"""Helpers of the SDK tests: clients of the fake that drive its clock, and calling both surfaces alike."""

from __future__ import annotations

import inspect
from typing import Any

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import AkoolClient, AsyncAkoolClient

Client = AkoolClient | AsyncAkoolClient


def make_client(kind: str, akool: FakeAkool, **options: Any) -> Client:
    """A client of the fake whose sleeps advance the fake's manual clock (so waiting takes no time)."""
    options.setdefault("api_key", akool.api_key)
    options.setdefault("clock", akool.clock.now)
    if kind == "sync":
        options.setdefault("sleep", akool.clock.advance)
        return AkoolClient(**options)

    async def advance(seconds: float) -> None:
        akool.clock.advance(seconds)

    options.setdefault("sleep", advance)
    return AsyncAkoolClient(**options)


def recorder(kind: str, delays: list[float]) -> Any:
    """A `sleep` for a client of `kind` that only records the delays asked for."""
    if kind == "sync":
        return delays.append

    async def record(seconds: float) -> None:
        delays.append(seconds)

    return record


async def close(client: Client) -> None:
    if isinstance(client, AsyncAkoolClient):
        await client.close()
    else:
        client.close()


async def resolve(result: Any) -> Any:
    """The value of a client call: awaited for the async client, as is for the sync one."""
    if inspect.isawaitable(result):
        return await result
    return result


FACE = "https://example.com/face.png"
IMAGE = "https://example.com/photo.png"
VIDEO = "https://example.com/clip.mp4"
AUDIO = "https://example.com/voice.mp3"
