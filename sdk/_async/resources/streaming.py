"""client.streaming: streaming (live) avatars, and sessions that put one into an Agora, LiveKit or TRTC room.

Pages: https://docs.akool.com/ai-tools-suite/live-avatar (and its create-session, close-session,
session-detail, list-sessions, list and detail pages), https://docs.akool.com/implementation-guide/streaming-avatar.

A session is not a job, so `client.wait` does not apply to it: its status 3 means it ended, not that it is
ready. `create_session_and_wait` creates one and reads it (get_session) until the avatar is live (status 2).
Close every session when done: its credits are pre-charged for the whole duration, the unused part refunded.

create_session options: `knowledge_id` grounds the avatar's answers in a knowledge base (client.knowledge),
`mode_type` 1 makes it repeat the text it is sent and 2 answer it, `scene_mode` "fast_dialogue" (with
`e2e_type` "openai" and a preset `voice_params.voice_id`) is low-latency voice dialogue, `voice_params` tunes
speech, speech-to-text and turn detection. An unknown or unready avatar raises ValidationError, an unknown
knowledge base NotFoundError (1232), too few credits for the duration InsufficientCreditError (1104).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.errors import SessionFailedError, SessionWaitTimeoutError
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.streaming import (
    NAMES,
    AvatarPage,
    ClosedSession,
    ModeType,
    Platform,
    RoomCredentials,
    SceneMode,
    SessionPage,
    SessionStatus,
    StreamingAvatar,
    StreamingSession,
    StreamType,
    VoiceParams,
)

CREATE = "streaming.create_session"


def stream_type_of(stream_type: StreamType | None, credentials: RoomCredentials | None) -> StreamType | None:
    """The stream_type to send: the one given, else the one of the credentials' fields (LiveKit or TRTC
    credentials under Akool's default stream_type "agora" would be refused)."""
    if stream_type is not None or credentials is None:
        return stream_type
    if any(key.startswith("livekit_") for key in credentials):
        return "livekit"
    if any(key.startswith("trtc_") for key in credentials):
        return "trtc"
    return None


class AsyncStreaming(AsyncResource):
    async def create_session(
        self,
        *,
        avatar_id: str,
        duration: float | None = None,
        stream_type: StreamType | None = None,
        credentials: RoomCredentials | None = None,
        knowledge_id: str | None = None,
        voice_id: str | None = None,
        voice_url: str | None = None,
        language: str | None = None,
        mode_type: ModeType | None = None,
        scene_mode: SceneMode | None = None,
        e2e_type: Literal["openai"] | None = None,
        background_url: str | None = None,
        voice_params: VoiceParams | None = None,
    ) -> StreamingSession:
        """Open a session: Akool puts the avatar `avatar_id` (from list_avatars) into an RTC room and answers
        its `credentials`; join at once. `duration` is in seconds (at most 3600). Without `credentials` Akool
        makes the room, on `stream_type` ("agora" by default); with your own room's, the type follows them.
        Cost: credits are pre-charged for the full duration, the unused part refunded after the session ends;
        rates depend on your plan. https://docs.akool.com/ai-tools-suite/live-avatar/create-session
        """
        body = NAMES.to_wire(
            avatar_id=avatar_id,
            duration=duration,
            stream_type=stream_type_of(stream_type, credentials),
            credentials=credentials,
            knowledge_id=knowledge_id,
            voice_id=voice_id,
            voice_url=voice_url,
            language=language,
            mode_type=mode_type,
            scene_mode=scene_mode,
            e2e_type=e2e_type,
            background_url=background_url,
            voice_params=voice_params,
        )
        return from_wire(StreamingSession, await self._call(CREATE, json=body), CREATE)

    async def create_session_and_wait(
        self,
        *,
        avatar_id: str,
        duration: float | None = None,
        stream_type: StreamType | None = None,
        credentials: RoomCredentials | None = None,
        knowledge_id: str | None = None,
        voice_id: str | None = None,
        voice_url: str | None = None,
        language: str | None = None,
        mode_type: ModeType | None = None,
        scene_mode: SceneMode | None = None,
        e2e_type: Literal["openai"] | None = None,
        background_url: str | None = None,
        voice_params: VoiceParams | None = None,
        timeout: float = defaults.SESSION_WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> StreamingSession:
        """`create_session`, then read the session until its avatar is live (status 2) and return it. Raises
        SessionFailedError when it fails (4) or ends (3) first, SessionWaitTimeoutError after `timeout` s."""
        session = await self.create_session(
            avatar_id=avatar_id,
            duration=duration,
            stream_type=stream_type,
            credentials=credentials,
            knowledge_id=knowledge_id,
            voice_id=voice_id,
            voice_url=voice_url,
            language=language,
            mode_type=mode_type,
            scene_mode=scene_mode,
            e2e_type=e2e_type,
            background_url=background_url,
            voice_params=voice_params,
        )
        return await self._until_live(session, timeout=timeout, interval=interval)

    async def _until_live(
        self, session: StreamingSession, *, timeout: float, interval: float
    ) -> StreamingSession:
        # The poll loop of sdk/_async/polling.py waits for status 3 of catalog jobs; a session is ready at 2.
        clock, sleep = self._client._clock, self._client._sleep
        started, pause = clock(), interval
        while not session.is_live:
            if session.status is not None and session.status.is_terminal:
                raise SessionFailedError(session.id, CREATE, _why(session.status))
            waited = clock() - started
            if waited >= timeout:
                status = None if session.status is None else int(session.status)
                raise SessionWaitTimeoutError(session.id, CREATE, status, waited)
            await sleep(min(pause, timeout - waited))
            pause = min(pause * defaults.POLL_BACKOFF, defaults.POLL_INTERVAL_CAP)
            detail = await self._call("streaming.get_session", params=NAMES.to_wire(id=session.id))
            # Keep the create answer's fields that the detail does not repeat (the room's credentials).
            merged = {**session.raw, **detail} if isinstance(detail, Mapping) else detail
            session = from_wire(StreamingSession, merged, "streaming.get_session")
        return session

    async def close_session(self, *, id: str) -> ClosedSession:
        """Close the session `id` (its avatar leaves the room, the unused credits are refunded). Closing a
        session again, or one that already ended, is not an error.
        https://docs.akool.com/ai-tools-suite/live-avatar/close-session
        """
        data = await self._call("streaming.close_session", json=NAMES.to_wire(id=id))
        return from_wire(ClosedSession, {} if data is None else data, "streaming.close_session")

    async def list_sessions(
        self,
        *,
        page: int | None = None,
        size: int | None = None,
        status: SessionStatus | Literal[1, 2, 3, 4] | None = None,
    ) -> SessionPage:
        """One page (default `size` 100) of your sessions, newest first, optionally only those in `status`.
        https://docs.akool.com/ai-tools-suite/live-avatar/list-sessions
        """
        params = NAMES.to_wire(page=page, size=size, status=status)
        data = await self._call("streaming.list_sessions", params=params)
        return from_wire(SessionPage, data, "streaming.list_sessions")

    async def get_session(self, *, id: str) -> StreamingSession:
        """One session by its `id`: its status and the credentials of its room. Unknown ids raise
        NotFoundError (1216). https://docs.akool.com/ai-tools-suite/live-avatar/session-detail
        """
        data = await self._call("streaming.get_session", params=NAMES.to_wire(id=id))
        return from_wire(StreamingSession, data, "streaming.get_session")

    async def list_avatars(
        self, *, platform: Platform | None = None, page: int | None = None, size: int | None = None
    ) -> AvatarPage:
        """One page (`size` 1 to 100, default 100) of the streaming avatars usable in sessions: Akool's and
        your uploads ("open", the default) or those of the Akool web app ("aigc").
        https://docs.akool.com/ai-tools-suite/live-avatar/list
        """
        params = NAMES.to_wire(platform=platform, page=page, size=size)
        return from_wire(
            AvatarPage, await self._call("streaming.list_avatars", params=params), "streaming.list_avatars"
        )

    async def get_avatar(self, *, avatar_id: str) -> StreamingAvatar:
        """One streaming avatar by its `avatar_id`. Unknown ids raise NotFoundError (1008).
        https://docs.akool.com/ai-tools-suite/live-avatar/detail
        """
        data = await self._call("streaming.get_avatar", params=NAMES.to_wire(avatar_id=avatar_id))
        return from_wire(StreamingAvatar, data, "streaming.get_avatar")


def _why(status: SessionStatus) -> str:
    if status is SessionStatus.ENDED:
        return "it ended (status 3: closed, or its duration is over) before its avatar went live"
    return "it failed (status 4) before its avatar went live; Akool gives no reason for sessions"
