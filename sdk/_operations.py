"""Every catalog operation as the SDK sends it, and how each job is polled: the SDK's copy of the contract.

The SDK must not import `schemas` at run time (it ships alone), so the facts it needs from
`schemas/catalog/*.json` are written here; tests/sdk/test_operations.py checks every row against the catalog.

- `ROUTES`: operation id → HTTP method, path (with `{name}` path parameters), host, envelope, whether a
  retry is harmless (reads and polls) and whether it needs auth.
- `JOBS`: job-creating operation id → the operation that polls it and the field with a failure reason.
- `POLLS`: poll operation id → where the job id goes, whether several ids are accepted, where the job
  objects are in the unwrapped `data`, and the status field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import quote

from akool_mock.sdk._core import Envelope, Host, RequestSpec


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    path: str
    host: Host = "api"
    envelope: Envelope = "akool"
    idempotent: bool = False
    auth: bool = True


@dataclass(frozen=True, slots=True)
class JobKind:
    poll_operation: str
    status_field: str
    failure_field: str | None = None


@dataclass(frozen=True, slots=True)
class PollKind:
    id_in: Literal["query", "body", "path"]
    id_name: str
    many: bool
    items_path: tuple[str, ...]
    status_field: str


ROUTES: Final[Mapping[str, Route]] = {
    "audio.clone": Route("POST", "/api/open/v3/audio/clone"),
    "audio.create_tts": Route("POST", "/api/open/v3/audio/create"),
    "audio.get_result": Route("GET", "/api/open/v3/audio/infobymodelid", idempotent=True),
    "audio.list_voices": Route("GET", "/api/open/v3/voice/list", idempotent=True),
    "auth.get_token": Route("POST", "/api/open/v3/getToken", envelope="whole", auth=False),
    "avatars.create": Route("POST", "/api/open/v3/avatar/create"),
    "avatars.create_video": Route("POST", "/api/open/v3/avatar/createVideo"),
    "avatars.get": Route("GET", "/api/open/v3/avatar/detail", idempotent=True),
    "avatars.list": Route("GET", "/api/open/v3/avatar/list", idempotent=True),
    "character_swap.create": Route("POST", "/api/open/v4/characterSwap/create"),
    "face_detection.analyze_frames": Route(
        "POST", "/interface/detect-api/faceswap/analyze_frames", envelope="bare"
    ),
    "face_detection.detect_faces": Route("POST", "/interface/detect-api/detect_faces", envelope="bare"),
    "face_detection.detect_legacy": Route("POST", "/detect", host="detect", envelope="bare"),
    "faceswap.cancel_job": Route("POST", "/api/open/v3/faceswap/job/del"),
    "faceswap.create_image": Route("POST", "/api/open/v3/faceswap/highquality/specifyimage"),
    "faceswap.create_image_plus": Route("POST", "/api/open/v4/faceswap/faceswapPlusByImage"),
    "faceswap.create_image_pro": Route("POST", "/api/open/v4/faceswap/faceswapByImage"),
    "faceswap.create_video": Route("POST", "/api/open/v3/faceswap/highquality/specifyvideo"),
    "faceswap.delete_results": Route("POST", "/api/open/v3/faceswap/result/delbyids"),
    "faceswap.get_quota": Route("GET", "/api/open/v3/faceswap/quota/info", idempotent=True),
    "faceswap.list_results": Route("GET", "/api/open/v3/faceswap/result/listbyids", idempotent=True),
    "faceswap.reage_image": Route("POST", "/api/open/v3/faceswap/highquality/imgreage"),
    "faceswap.reage_video": Route("POST", "/api/open/v3/faceswap/highquality/vidreage"),
    "headswap.create_task": Route("POST", "/api/open/v4/headswap/task/create"),
    "headswap.get_analysis": Route("GET", "/api/open/v4/headswap/analyze/detail", idempotent=True),
    "headswap.get_task": Route("GET", "/api/open/v4/headswap/task/detail", idempotent=True),
    "headswap.submit_analysis": Route("POST", "/api/open/v4/headswap/analyze"),
    "image2video.create": Route("POST", "/api/open/v4/image2Video/createBySourcePrompt"),
    "image2video.create_batch": Route("POST", "/api/open/v4/image2Video/createBySourcePrompt/batch"),
    "image2video.delete": Route("POST", "/api/open/v4/image2Video/delbyids"),
    "image2video.get_results": Route("POST", "/api/open/v4/image2Video/resultsByIds", idempotent=True),
    "image2video.list_effects": Route("GET", "/api/open/v4/image2Video/effects", idempotent=True),
    "image2video.update_audio": Route("POST", "/api/open/v4/image2Video/updateVideoAudio"),
    "images.change_background": Route("POST", "/api/open/v3/content/image/bg/replace"),
    "images.create_by_button": Route("POST", "/api/open/v3/content/image/createbybutton"),
    "images.create_by_prompt": Route("POST", "/api/open/v3/content/image/createbyprompt"),
    "images.get_result": Route("GET", "/api/open/v3/content/image/infobymodelid", idempotent=True),
    "jarvis.create_analysis": Route("POST", "/api/open/v3/content/analysis/sentiment"),
    "jarvis.get_analysis": Route("GET", "/api/open/v3/content/analysis/infobyid", idempotent=True),
    "knowledge.create": Route("POST", "/api/open/v4/knowledge/create"),
    "knowledge.delete": Route("DELETE", "/api/open/v4/knowledge/delete"),
    "knowledge.get": Route("GET", "/api/open/v4/knowledge/detail", idempotent=True),
    "knowledge.list": Route("GET", "/api/open/v4/knowledge/list", idempotent=True),
    "knowledge.update": Route("POST", "/api/open/v4/knowledge/update"),
    "lipsync.create": Route("POST", "/api/open/v3/content/video/lipsync"),
    "live_faceswap.close_session": Route("POST", "/api/open/v3/faceswap/live/close"),
    "live_faceswap.create_session": Route("POST", "/api/open/v3/faceswap/live/create"),
    "live_faceswap.update_session": Route("POST", "/api/open/v3/faceswap/live/update"),
    "models.list": Route("GET", "/api/open/v4/aigModel/list", idempotent=True),
    "streaming.close_session": Route("POST", "/api/open/v4/liveAvatar/session/close"),
    "streaming.create_session": Route("POST", "/api/open/v4/liveAvatar/session/create"),
    "streaming.get_avatar": Route("GET", "/api/open/v4/liveAvatar/avatar/detail", idempotent=True),
    "streaming.get_session": Route("GET", "/api/open/v4/liveAvatar/session/detail", idempotent=True),
    "streaming.list_avatars": Route("GET", "/api/open/v4/liveAvatar/avatar/list", idempotent=True),
    "streaming.list_sessions": Route("GET", "/api/open/v4/liveAvatar/session/list", idempotent=True),
    "talking_avatar.create": Route("POST", "/api/open/v3/talkingavatar/create"),
    "talking_photo.create": Route("POST", "/api/open/v3/content/video/createbytalkingphoto"),
    # Its answer has `all_results` next to `data` (NOTES.md #video_translation-all-results): keep it whole.
    "text2video.create_batch": Route("POST", "/api/open/v4/text2Video/createByPrompt/batch"),
    "video_translation.create": Route(
        "POST", "/api/open/v3/content/video/createbytranslate", envelope="whole"
    ),
    "video_translation.list_languages": Route("GET", "/api/open/v3/language/list", idempotent=True),
    "videos.get_result": Route("GET", "/api/open/v3/content/video/infobymodelid", idempotent=True),
    "voices.change": Route("POST", "/api/open/v4/voice/change"),
    "voices.clone": Route("POST", "/api/open/v4/voice/clone"),
    "voices.delete": Route("POST", "/api/open/v4/voice/del"),
    "voices.get": Route("GET", "/api/open/v4/voice/detail/{_id}", idempotent=True),
    "voices.get_resource": Route("GET", "/api/open/v4/voice/resource/detail/{_id}", idempotent=True),
    "voices.list": Route("GET", "/api/open/v4/voice/list", idempotent=True),
    "voices.list_resources": Route("GET", "/api/open/v4/voice/resource/list", idempotent=True),
    "voices.tts": Route("POST", "/api/open/v4/voice/tts"),
}

JOBS: Final[Mapping[str, JobKind]] = {
    "audio.clone": JobKind("audio.get_result", "status"),
    "audio.create_tts": JobKind("audio.get_result", "status"),
    "avatars.create": JobKind("avatars.get", "status"),
    "avatars.create_video": JobKind("videos.get_result", "video_status"),
    "character_swap.create": JobKind(
        "videos.get_result", "video_status", failure_field="faceswap_fail_reason"
    ),
    "faceswap.create_image": JobKind("faceswap.list_results", "faceswap_status"),
    "faceswap.create_image_plus": JobKind("faceswap.list_results", "faceswap_status"),
    "faceswap.create_image_pro": JobKind("faceswap.list_results", "faceswap_status"),
    "faceswap.create_video": JobKind("faceswap.list_results", "faceswap_status"),
    "faceswap.reage_image": JobKind("faceswap.list_results", "faceswap_status"),
    "faceswap.reage_video": JobKind("faceswap.list_results", "faceswap_status"),
    "headswap.create_task": JobKind("headswap.get_task", "status", failure_field="error_reason"),
    "headswap.submit_analysis": JobKind("headswap.get_analysis", "status", failure_field="error_reason"),
    "image2video.create": JobKind("image2video.get_results", "status"),
    "image2video.create_batch": JobKind("image2video.get_results", "status"),
    "image2video.update_audio": JobKind("image2video.get_results", "status"),
    "images.change_background": JobKind("images.get_result", "image_status"),
    "images.create_by_button": JobKind("images.get_result", "image_status"),
    "images.create_by_prompt": JobKind("images.get_result", "image_status"),
    "jarvis.create_analysis": JobKind("jarvis.get_analysis", "status"),
    "lipsync.create": JobKind("videos.get_result", "video_status"),
    "talking_avatar.create": JobKind("videos.get_result", "video_status"),
    "talking_photo.create": JobKind("videos.get_result", "video_status"),
    "text2video.create_batch": JobKind("image2video.get_results", "status"),
    "video_translation.create": JobKind("videos.get_result", "video_status", failure_field="error_reason"),
    "voices.change": JobKind("voices.get_resource", "status"),
    "voices.clone": JobKind("voices.get", "status"),
    "voices.tts": JobKind("voices.get_resource", "status"),
}

POLLS: Final[Mapping[str, PollKind]] = {
    "audio.get_result": PollKind("query", "audio_model_id", many=False, items_path=(), status_field="status"),
    "avatars.get": PollKind("query", "id", many=False, items_path=(), status_field="status"),
    "faceswap.list_results": PollKind(
        "query", "_ids", many=True, items_path=("result",), status_field="faceswap_status"
    ),
    "headswap.get_analysis": PollKind("query", "_id", many=False, items_path=(), status_field="status"),
    "headswap.get_task": PollKind("query", "_id", many=False, items_path=(), status_field="status"),
    "image2video.get_results": PollKind(
        "body", "_ids", many=True, items_path=("result",), status_field="status"
    ),
    "images.get_result": PollKind(
        "query", "image_model_id", many=False, items_path=(), status_field="image_status"
    ),
    "jarvis.get_analysis": PollKind("query", "_id", many=False, items_path=(), status_field="status"),
    "videos.get_result": PollKind(
        "query", "video_model_id", many=False, items_path=(), status_field="video_status"
    ),
    "voices.get": PollKind("path", "_id", many=False, items_path=(), status_field="status"),
    "voices.get_resource": PollKind("path", "_id", many=False, items_path=("result",), status_field="status"),
}


def spec_for(
    op_id: str,
    *,
    params: Mapping[str, Any] | None = None,
    json: Any = None,
    path: Mapping[str, str] | None = None,
) -> RequestSpec:
    """The RequestSpec of operation `op_id`, with path parameters (URL-quoted) put into its path."""
    route = ROUTES[op_id]
    url_path = route.path
    for name, value in (path or {}).items():
        url_path = url_path.replace("{" + name + "}", quote(str(value), safe=""))
    return RequestSpec(
        operation=op_id,
        method=route.method,
        path=url_path,
        host=route.host,
        params=params,
        json=json,
        idempotent=route.idempotent,
        envelope=route.envelope,
        auth=route.auth,
    )
