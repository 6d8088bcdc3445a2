"""Types of the streaming area: streaming (live) avatars, the sessions that put one into an RTC room, and the
credentials of that room (Agora, LiveKit or TRTC).

A session is not a job: its status says whether the avatar is in the room (`SessionStatus.LIVE`), and it ends
when it is closed or its duration is over. The conversation itself runs over the room's data channel.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NotRequired, TypedDict

from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames

NAMES = WireNames({"_id": "id", "from": "source", "thumbnailUrl": "thumbnail_url"}, params={})
"""The streaming area's wire names that differ from the Python names. `from` (2 official, 3 yours) is a
Python keyword, so it is `source`. Requests spell every parameter as its Python name (`id`, not `_id`)."""

StreamType = Literal["agora", "livekit", "trtc"]
"""The RTC provider of a session's room; Akool's default is "agora"."""
Platform = Literal["open", "aigc"]
"""Avatars of the OpenAPI ("open", the default) or of the Akool web app ("aigc")."""
ModeType = Literal[1, 2]
"""1 retelling (the avatar repeats the text it is sent), 2 dialogue (the avatar answers it)."""
SceneMode = Literal["fast_dialogue", "meeting"]
""""fast_dialogue": low-latency voice dialogue (preset voices only); "meeting": the avatar speaks the audio it
receives (what Akool's LiveKit plugin sends)."""
FastDialogueVoice = Literal[
    "alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"
]
"""The voices `voice_params.voice_id` may name with scene_mode "fast_dialogue"."""


class SessionStatus(enum.IntEnum):
    """A session's status: 1 queueing (waiting for an avatar), 2 live (the avatar is in the room), 3 ended
    (closed, or its duration is over), 4 failed. Accepts "2" as well as 2."""

    QUEUEING = 1
    LIVE = 2
    ENDED = 3
    FAILED = 4

    @property
    def is_terminal(self) -> bool:
        """True once the session will not change any more (ended or failed)."""
        return self in (SessionStatus.ENDED, SessionStatus.FAILED)

    @classmethod
    def _missing_(cls, value: object) -> SessionStatus | None:
        if isinstance(value, str) and value.strip().isdigit():
            return cls(int(value))
        return None


class AgoraCredentials(TypedDict):
    """Your own Agora channel for the avatar to join (stream_type "agora")."""

    agora_uid: int
    agora_channel: str
    agora_token: str
    agora_app_id: NotRequired[str]


class LiveKitCredentials(TypedDict):
    """Your own LiveKit room for the avatar to join (stream_type "livekit"); `livekit_url` is usually wss://.
    `audio_only_from_data_stream` is what Akool's LiveKit plugin sends (not in the docs)."""

    livekit_url: str
    livekit_token: str
    livekit_room_name: NotRequired[str]
    livekit_server_identity: NotRequired[str]
    livekit_client_identity: NotRequired[str]
    audio_only_from_data_stream: NotRequired[bool]


class TrtcCredentials(TypedDict):
    """Your own Tencent TRTC room for the avatar to join (stream_type "trtc"), under the OpenAPI names."""

    trtc_sdk_app_id: int
    trtc_sdk_room_id: str
    trtc_sdk_user_id: str
    trtc_sdk_user_sig: str


RoomCredentials = AgoraCredentials | LiveKitCredentials | TrtcCredentials
"""Your own room, of the session's stream_type; without it Akool makes a room and answers its credentials."""


class TurnDetection(TypedDict, total=False):
    """When the user's turn ends: `threshold` (0 to 1), `prefix_padding_ms` and `silence_duration_ms` apply to
    "server_vad" (the default)."""

    type: Literal["server_vad", "semantic_vad"]
    threshold: float
    prefix_padding_ms: int
    silence_duration_ms: int


class ElevenlabsSettings(TypedDict, total=False):
    """Your own ElevenLabs key and voice tuning (0 to 1 each); the ElevenLabs voice id goes in `voice_id`."""

    api_key: str
    model_id: str
    stability: float
    similarity_boost: float
    style: float
    use_speaker_boost: bool


class VoiceParams(TypedDict, total=False):
    """Voice of the session: `speed` 0.8 to 1.2, `pron_map` word → pronunciation, speech-to-text settings,
    turn detection, ElevenLabs; `voice_id` only with scene_mode "fast_dialogue" (a `FastDialogueVoice`)."""

    speed: float
    pron_map: Mapping[str, str]
    stt_language: str
    stt_type: Literal["openai_realtime"]
    turn_detection: TurnDetection
    elevenlabs_settings: ElevenlabsSettings
    voice_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionCredentials(WireModel):
    """How to join a session's room: the fields of its stream_type are set (TRTC under both name sets)."""

    _names = NAMES

    agora_uid: int | None = None
    agora_app_id: str | None = None
    agora_channel: str | None = None
    agora_token: str | None = None
    livekit_url: str | None = None
    livekit_token: str | None = None
    livekit_room_name: str | None = None
    livekit_server_identity: str | None = None
    livekit_client_identity: str | None = None
    audio_only_from_data_stream: bool | None = None
    trtc_sdk_app_id: int | None = None
    trtc_sdk_room_id: str | None = None
    trtc_sdk_user_id: str | None = None
    trtc_sdk_user_sig: str | None = None
    trtc_app_id: int | None = None
    trtc_room_id: str | None = None
    trtc_user_id: str | None = None
    trtc_user_sig: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StreamingSession(WireModel):
    """A streaming avatar session: join its room with `credentials`, close it by `id` when done (its credits
    are pre-charged for the whole duration, the unused part refunded)."""

    _names = NAMES

    id: str
    status: SessionStatus | None = None
    stream_type: str | None = None
    credentials: SessionCredentials | None = None
    stream_urls: SessionCredentials | None = None
    uid: int | None = None
    type: int | None = None

    @property
    def is_live(self) -> bool:
        """True while the avatar is in the room (status 2)."""
        return self.status is SessionStatus.LIVE


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionPage(WireModel):
    """One page of your sessions, newest first, and the total `count` matching the filter."""

    _names = NAMES

    result: tuple[StreamingSession, ...]
    count: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClosedSession(WireModel):
    """What streaming.close_session answered: the session's id, "closed", and when (ms since the epoch)."""

    _names = NAMES

    session_id: str | None = None
    status: str | None = None
    closed_at: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StreamingAvatar(WireModel):
    """A streaming avatar: pass its `avatar_id` (not its `id`) to streaming.create_session. An avatar you
    uploaded (`source` 3) is usable once `status` is 3 (`available`)."""

    _names = NAMES

    avatar_id: str
    id: str | None = None
    name: str | None = None
    voice_id: str | None = None
    url: str | None = None
    thumbnail_url: str | None = None
    gender: str | None = None
    available: bool | None = None
    status: JobStatus | None = None
    source: int | None = None
    type: int | None = None
    uid: int | None = None
    platform: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AvatarPage(WireModel):
    """One page of streaming avatars and their total `count`."""

    _names = NAMES

    result: tuple[StreamingAvatar, ...]
    count: int | None = None
