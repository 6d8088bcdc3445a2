"""client.live_faceswap against the in-process fake: every operation, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import APIError, JobStatus, NotFoundError, ValidationError
from akool_mock.sdk.errors import InsufficientCreditError
from akool_mock.sdk.types.live_faceswap import LiveFace, LiveFaceswapSession
from tests.sdk.support import FACE, Client, resolve

pytestmark = pytest.mark.anyio

FACES: list[LiveFace] = [{"path": FACE, "opts": "262,175:363,175:313,215:272,279"}]
OTHER: list[LiveFace] = [{"path": "https://example.com/other.png", "opts": "249,510:460,515:343,657:255,740"}]
MISSING = "0123456789abcdef01234567"


async def test_create_session_answers_the_agora_channel(client: Client, akool: FakeAkool) -> None:
    session = await resolve(client.live_faceswap.create_session(source_image=FACES))
    assert isinstance(session, LiveFaceswapSession)
    assert session.status is JobStatus.QUEUED
    assert session.front_rtc_token.startswith("007")
    assert session.front_user_id.isdigit()
    assert session.algorithm_user_id
    assert session.algorithm_user_id != session.front_user_id
    assert "_" in session.channel_id
    assert session.app_id == ""
    assert akool.backend.resources[session.id].data["sourceImage"] == FACES


async def test_update_then_close(client: Client, akool: FakeAkool) -> None:
    session = await resolve(client.live_faceswap.create_session(source_image=FACES))
    assert await resolve(client.live_faceswap.update_session(id=session.id, source_image=OTHER)) is None
    assert akool.backend.resources[session.id].data["sourceImage"] == OTHER
    assert await resolve(client.live_faceswap.close_session(id=session.id)) is None
    assert await resolve(client.live_faceswap.close_session(id=session.id)) is None  # closing twice is fine
    with pytest.raises(APIError) as caught:
        await resolve(client.live_faceswap.update_session(id=session.id, source_image=FACES))
    assert caught.value.code == 1010  # "This content cannot be operated": the session is closed
    assert "is closed" in caught.value.msg


async def test_unknown_session_is_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.live_faceswap.update_session(id=MISSING, source_image=FACES))
    assert caught.value.code == 1008
    with pytest.raises(NotFoundError):
        await resolve(client.live_faceswap.close_session(id=MISSING))


async def test_landmarks_must_be_four_points(client: Client) -> None:
    bad: list[LiveFace] = [{"path": FACE, "opts": "262,175"}]
    with pytest.raises(ValidationError) as caught:
        await resolve(client.live_faceswap.create_session(source_image=bad))
    assert caught.value.code == 1003
    assert "sourceImage[0].opts" in caught.value.msg


async def test_a_session_needs_credits(client: Client, akool: FakeAkool) -> None:
    akool.accounts.set_credits(akool.client_id, 0)
    with pytest.raises(InsufficientCreditError) as caught:
        await resolve(client.live_faceswap.create_session(source_image=FACES))
    assert caught.value.code == 1104
