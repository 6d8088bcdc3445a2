"""client.streaming against the in-process fake: every operation, sync and async."""

from __future__ import annotations

from typing import Any

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import JobFailedError, NotFoundError, ValidationError, WaitTimeoutError
from akool_mock.sdk._async.resources.streaming import stream_type_of
from akool_mock.sdk.errors import InsufficientCreditError, SessionFailedError, SessionWaitTimeoutError
from akool_mock.sdk.types._base import JobStatus
from akool_mock.sdk.types.streaming import (
    AvatarPage,
    ClosedSession,
    LiveKitCredentials,
    SessionCredentials,
    SessionPage,
    SessionStatus,
    StreamingAvatar,
    StreamingSession,
    TrtcCredentials,
)
from tests.sdk.support import Client, close, make_client, resolve

pytestmark = pytest.mark.anyio

TRISTAN = "dvp_Tristan_cloth2_1080P"  # the integration guide's avatar
MISSING = "0123456789abcdef01234567"
LIVEKIT: LiveKitCredentials = {
    "livekit_url": "wss://agent.livekit.cloud",
    "livekit_token": "eyJhbGciOiJIUzI1NiJ9.e30.sig",
    "audio_only_from_data_stream": True,
}
TRTC: TrtcCredentials = {
    "trtc_sdk_app_id": 1400123456,
    "trtc_sdk_room_id": "room-1",
    "trtc_sdk_user_id": "avatar-1",
    "trtc_sdk_user_sig": "eJwsig",
}


def session_ids(akool: FakeAkool) -> list[str]:
    return [job.id for job in akool.jobs.all("streaming.create_session")]


async def test_list_avatars_pages_and_platforms(client: Client) -> None:
    page = await resolve(client.streaming.list_avatars())
    assert isinstance(page, AvatarPage)
    assert page.count == len(page.result) == 15
    tristan = next(avatar for avatar in page.result if avatar.avatar_id == TRISTAN)
    assert isinstance(tristan, StreamingAvatar)
    assert (tristan.source, tristan.status, tristan.available) == (2, JobStatus.COMPLETED, True)
    assert tristan.thumbnail_url
    assert tristan.thumbnail_url.startswith("https://")
    second = await resolve(client.streaming.list_avatars(platform="open", page=2, size=4))
    assert [a.avatar_id for a in second.result] == [a.avatar_id for a in page.result[4:8]]
    aigc = await resolve(client.streaming.list_avatars(platform="aigc"))
    assert aigc.count == 5


async def test_get_avatar(client: Client) -> None:
    avatar = await resolve(client.streaming.get_avatar(avatar_id=TRISTAN))
    assert isinstance(avatar, StreamingAvatar)
    assert (avatar.avatar_id, avatar.platform, avatar.name) == (TRISTAN, "open", "Tristan")
    assert avatar.id


async def test_unknown_avatar_is_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.streaming.get_avatar(avatar_id="nobody"))
    assert caught.value.code == 1008


async def test_create_session_answers_the_room_to_join(client: Client) -> None:
    session = await resolve(client.streaming.create_session(avatar_id=TRISTAN, duration=600))
    assert isinstance(session, StreamingSession)
    assert (session.status, session.is_live, session.stream_type) == (SessionStatus.QUEUEING, False, "agora")
    assert isinstance(session.credentials, SessionCredentials)
    assert session.credentials.agora_token
    assert session.credentials.agora_token.startswith("007")
    assert session.credentials.agora_channel
    assert session.credentials.agora_uid


async def test_own_livekit_room_sets_the_stream_type(client: Client) -> None:
    session = await resolve(
        client.streaming.create_session(
            avatar_id=TRISTAN, credentials=LIVEKIT, scene_mode="meeting", mode_type=2, duration=60
        )
    )
    assert session.stream_type == "livekit"
    assert session.credentials
    assert session.credentials.livekit_url == LIVEKIT["livekit_url"]
    assert session.credentials.audio_only_from_data_stream is True


async def test_own_trtc_room_answers_both_name_sets(client: Client) -> None:
    session = await resolve(client.streaming.create_session(avatar_id=TRISTAN, credentials=TRTC))
    assert session.stream_type == "trtc"
    credentials = session.credentials
    assert credentials
    assert credentials.trtc_sdk_app_id == credentials.trtc_app_id == TRTC["trtc_sdk_app_id"]
    assert credentials.trtc_sdk_user_sig == credentials.trtc_user_sig == TRTC["trtc_sdk_user_sig"]


async def test_akool_makes_a_livekit_room_when_asked(client: Client) -> None:
    session = await resolve(client.streaming.create_session(avatar_id=TRISTAN, stream_type="livekit"))
    assert session.stream_type == "livekit"
    assert session.credentials
    assert session.credentials.livekit_token


def test_the_stream_type_follows_the_credentials() -> None:
    assert stream_type_of(None, None) is None
    assert stream_type_of(None, LIVEKIT) == "livekit"
    assert stream_type_of(None, TRTC) == "trtc"
    assert stream_type_of(None, {"agora_uid": 1, "agora_channel": "c", "agora_token": "t"}) is None
    assert stream_type_of("agora", LIVEKIT) == "agora"  # what is given is sent (and refused by Akool)


async def test_create_session_and_wait_returns_the_live_session(client: Client, akool: FakeAkool) -> None:
    knowledge = await resolve(client.knowledge.create(name="faq", prompt="Answer briefly."))
    start = akool.clock.now()
    session = await resolve(
        client.streaming.create_session_and_wait(
            avatar_id=TRISTAN,
            duration=300,
            knowledge_id=knowledge.id,
            voice_id="",
            language="en",
            mode_type=2,
            background_url="",
            voice_params={
                "speed": 1.1,
                "pron_map": {"akool": "ai ku er"},
                "turn_detection": {"type": "server_vad", "threshold": 0.6, "silence_duration_ms": 400},
                "elevenlabs_settings": {"api_key": "el-key", "model_id": "eleven_flash_v2_5"},
            },
            interval=1,
        )
    )
    assert isinstance(session, StreamingSession)
    assert (session.status, session.is_live) == (SessionStatus.LIVE, True)
    assert session.credentials
    assert session.credentials.agora_token
    assert akool.clock.now() > start  # it waited on the fake's clock, through the client's sleep


async def test_fast_dialogue_session(client: Client) -> None:
    session = await resolve(
        client.streaming.create_session_and_wait(
            avatar_id=TRISTAN,
            scene_mode="fast_dialogue",
            e2e_type="openai",
            voice_params={"voice_id": "alloy"},
        )
    )
    assert session.is_live


async def test_a_session_that_fails_before_it_is_live(akool: FakeAkool, kind: str) -> None:
    def fail_the_session(_seconds: float) -> None:
        akool.jobs.fail(session_ids(akool)[-1], "no avatar server free")

    client = make_client(kind, akool, sleep=sleeper(kind, fail_the_session))
    try:
        with pytest.raises(SessionFailedError) as caught:
            await resolve(client.streaming.create_session_and_wait(avatar_id=TRISTAN))
    finally:
        await close(client)
    assert isinstance(caught.value, JobFailedError)
    assert caught.value.job_id == session_ids(akool)[-1]
    assert caught.value.reason
    assert "failed (status 4)" in caught.value.reason
    assert str(caught.value).endswith(SessionFailedError.hint)


async def test_a_session_that_ends_before_it_is_live(client: Client) -> None:
    # The fake makes a session live after 5 s; a 1 s session is over before that.
    with pytest.raises(SessionFailedError, match="ended"):
        await resolve(client.streaming.create_session_and_wait(avatar_id=TRISTAN, duration=1))


async def test_waiting_for_a_session_times_out(client: Client, akool: FakeAkool) -> None:
    with pytest.raises(SessionWaitTimeoutError) as caught:
        await resolve(client.streaming.create_session_and_wait(avatar_id=TRISTAN, timeout=3, interval=2))
    error = caught.value
    assert isinstance(error, WaitTimeoutError)
    assert (error.job_id, error.status, error.waited) == (session_ids(akool)[-1], 1, 3)
    assert str(error).endswith(SessionWaitTimeoutError.hint)


async def test_get_session_follows_the_status(client: Client, akool: FakeAkool) -> None:
    created = await resolve(client.streaming.create_session(avatar_id=TRISTAN, duration=60))
    queued = await resolve(client.streaming.get_session(id=created.id))
    assert (queued.id, queued.status) == (created.id, SessionStatus.QUEUEING)
    akool.clock.advance(10)
    live = await resolve(client.streaming.get_session(id=created.id))
    assert live.status is SessionStatus.LIVE
    assert live.credentials == created.credentials
    akool.clock.advance(60)
    ended = await resolve(client.streaming.get_session(id=created.id))
    assert ended.status is SessionStatus.ENDED
    assert ended.status.is_terminal


async def test_list_sessions_filters_by_status(client: Client, akool: FakeAkool) -> None:
    first = await resolve(client.streaming.create_session(avatar_id=TRISTAN))
    akool.clock.advance(10)
    second = await resolve(client.streaming.create_session(avatar_id=TRISTAN))
    everything = await resolve(client.streaming.list_sessions())
    assert isinstance(everything, SessionPage)
    assert [s.id for s in everything.result] == [second.id, first.id]  # newest first
    assert everything.count == 2
    live = await resolve(client.streaming.list_sessions(status=SessionStatus.LIVE))
    assert [s.id for s in live.result] == [first.id]
    queued = await resolve(client.streaming.list_sessions(status=1, page=1, size=10))
    assert [s.id for s in queued.result] == [second.id]
    paged = await resolve(client.streaming.list_sessions(page=2, size=1))
    assert [s.id for s in paged.result] == [first.id]


async def test_close_session(client: Client) -> None:
    session = await resolve(client.streaming.create_session(avatar_id=TRISTAN))
    closed = await resolve(client.streaming.close_session(id=session.id))
    assert isinstance(closed, ClosedSession)
    assert (closed.session_id, closed.status) == (session.id, "closed")
    assert isinstance(closed.closed_at, int)
    after = await resolve(client.streaming.get_session(id=session.id))
    assert after.status is SessionStatus.ENDED
    again = await resolve(client.streaming.close_session(id=session.id))
    assert again.closed_at == closed.closed_at


async def test_unknown_session_is_not_found(client: Client) -> None:
    for call in (client.streaming.get_session, client.streaming.close_session):
        with pytest.raises(NotFoundError) as caught:
            await resolve(call(id=MISSING))
        assert caught.value.code == 1216


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"avatar_id": "nobody"}, "avatar_id: no streaming avatar 'nobody'"),
        ({"avatar_id": TRISTAN, "duration": 7200}, "duration: must be <= 3600"),
        (
            {"avatar_id": TRISTAN, "stream_type": "livekit", "credentials": {"livekit_url": "wss://x"}},
            "credentials.livekit_token: required",
        ),
    ],
)
async def test_refused_requests_raise_validation_errors(
    client: Client, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.streaming.create_session(**options))
    assert caught.value.code == 1003
    assert message in caught.value.msg
    assert message in str(caught.value)


async def test_unknown_knowledge_base_is_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.streaming.create_session(avatar_id=TRISTAN, knowledge_id=MISSING))
    assert caught.value.code == 1232


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def sleeper(kind: str, action: Any) -> Any:
    """A client `sleep` for `kind` that runs `action(seconds)` instead of sleeping."""
    if kind == "sync":
        return action

    async def run(seconds: float) -> None:
        action(seconds)

    return run


async def test_a_session_needs_credits_for_its_whole_duration(client: Client, akool: FakeAkool) -> None:
    akool.accounts.set_credits(akool.client_id, 5)  # the fake charges 1 credit a minute
    with pytest.raises(InsufficientCreditError) as caught:
        await resolve(client.streaming.create_session(avatar_id=TRISTAN, duration=600))
    assert caught.value.code == 1104
    session = await resolve(client.streaming.create_session(avatar_id=TRISTAN, duration=240))
    assert session.id
