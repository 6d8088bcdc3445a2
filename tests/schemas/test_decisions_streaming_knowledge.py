"""Decisions of schemas/NOTES.md, and the doc examples of streaming.* / knowledge.*."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from akool_mock.schemas import SCHEMA_DIR, Catalog, SchemaStore, load_catalog

REPO = SCHEMA_DIR.parent
EXAMPLES = REPO / "fixtures" / "docs" / "examples.json"
DEFECTS = REPO / "fixtures" / "docs" / "defects" / "streaming_knowledge.json"
NOTES = SCHEMA_DIR / "NOTES.md"
MESSAGES = "urn:akool-mock:schemas:streaming.messages"
OID = "64f8a1b2c3d4e5f6a7b8c9d0"
KB_PROMPT = "You are a professional AI assistant. Please answer questions based on the provided documents."
SID = "6698c9d69cf7b0d61d1b6420"

STREAMING_OPS = {
    "streaming.create_session": ("POST", "/api/open/v4/liveAvatar/session/create", "session"),
    "streaming.close_session": ("POST", "/api/open/v4/liveAvatar/session/close", "session"),
    "streaming.list_sessions": ("GET", "/api/open/v4/liveAvatar/session/list", "list"),
    "streaming.get_session": ("GET", "/api/open/v4/liveAvatar/session/detail", "sync"),
    "streaming.list_avatars": ("GET", "/api/open/v4/liveAvatar/avatar/list", "list"),
    "streaming.get_avatar": ("GET", "/api/open/v4/liveAvatar/avatar/detail", "sync"),
}
KNOWLEDGE_OPS = {
    "knowledge.list": ("GET", "/api/open/v4/knowledge/list", "list"),
    "knowledge.create": ("POST", "/api/open/v4/knowledge/create", "sync"),
    "knowledge.get": ("GET", "/api/open/v4/knowledge/detail", "sync"),
    "knowledge.update": ("POST", "/api/open/v4/knowledge/update", "sync"),
    "knowledge.delete": ("DELETE", "/api/open/v4/knowledge/delete", "sync"),
}
ALL_OPS = {**STREAMING_OPS, **KNOWLEDGE_OPS}


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def store(cat: Catalog) -> SchemaStore:
    return cat.store


def paths(errors: list[Any]) -> set[str]:
    return {error.path for error in errors}


def ok(errors: list[Any]) -> bool:
    return errors == []


def names(errors: list[Any], field: str) -> bool:
    """True when some violation points at `field` (or inside it)."""
    return any(
        error.path == field or error.path.startswith(field + ".") or field in error.path for error in errors
    )


# ----------------------------------------------------------------------------- doc payloads
OPENAPI_CREATE_BODY: dict[str, Any] = {
    "avatar_id": "dvp_Tristan_cloth2_1080P",
    "duration": 3600,
    "voice_id": "iP95p4xoKVk53GoZ742B",
    "language": "en",
    "mode_type": 2,
    "knowledge_id": OID,
    "background_url": "https://example.com/background.jpg",
    "stream_type": "agora",
    "credentials": {
        "agora_uid": 100000,
        "agora_app_id": "your-app-id",
        "agora_channel": "your-channel",
        "agora_token": "your-token",
    },
    "voice_params": {
        "speed": 1.0,
        "stt_language": "en",
        "pron_map": {"akool": "ai ku er"},
        "stt_type": "openai_realtime",
        "turn_detection": {
            "type": "server_vad",
            "threshold": 0.5,
            "prefix_padding_ms": 300,
            "silence_duration_ms": 500,
        },
        "elevenlabs_settings": {
            "api_key": "sk_your_elevenlabs_api_key",
            "model_id": "eleven_flash_v2_5",
            "stability": 0.5,
            "similarity_boost": 0.75,
            "style": 0,
            "use_speaker_boost": True,
        },
    },
}
LIVEKIT_PLUGIN_BODY: dict[str, Any] = {
    "avatar_id": "dvp_Tristan_cloth2_1080P",
    "mode_type": 2,
    "scene_mode": "meeting",
    "stream_type": "livekit",
    "credentials": {
        "livekit_url": "wss://agent-abc.livekit.cloud",
        "livekit_token": "eyJhbGciOi.livekit.token",
        "audio_only_from_data_stream": True,
    },
}
REACT_DEMO_BODY: dict[str, Any] = {
    "avatar_id": "dvp_Tristan_cloth2_1080P",
    "duration": 600,
    "knowledge_id": "",
    "voice_id": "",
    "voice_url": "",
    "language": "en",
    "mode_type": 2,
    "background_url": "",
    "voice_params": {},
    "stream_type": "agora",
}
AGORA_SESSION: dict[str, Any] = {
    "_id": SID,
    "uid": 100001,
    "type": 1,
    "status": 1,
    "stream_type": "agora",
    "credentials": {
        "agora_uid": 100000,
        "agora_app_id": "app-id",
        "agora_channel": "channel-1",
        "agora_token": "token-1",
    },
}
KB_CREATE_BODY: dict[str, Any] = {
    "name": "Customer Support KB",
    "prologue": "Hello, I'm your AI assistant. How can I help you?",
    "prompt": KB_PROMPT,
    "docs": [{"name": "user_manual.pdf", "url": "https://example.com/user_manual.pdf", "size": 1024000}],
    "urls": ["https://example.com/help", "https://example.com/faq"],
}
KB_UPDATE_BODY: dict[str, Any] = {
    "id": OID,
    "name": "Updated Customer Support KB",
    "prologue": "Updated opening message",
    "prompt": "Updated AI instructions",
    "docs": [
        {"name": "updated_manual.pdf", "url": "https://example.com/updated_manual.pdf", "size": 2048000}
    ],
    "urls": ["https://example.com/updated-help"],
}
KB_CREATE_ANSWER: dict[str, Any] = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "_id": OID,
        "team_id": "team_123456",
        "uid": 789,
        "user_type": 2,
        "from": 2,
        "name": "Customer Support KB",
        "prologue": "Hello, I am your AI assistant. How can I help you?",
        "prompt": KB_PROMPT,
        "docs": [{"name": "user_manual.pdf", "url": "https://example.com/user_manual.pdf", "size": 1024000}],
        "urls": ["https://example.com/help", "https://example.com/faq"],
        "create_time": 1640995200000,
        "update_time": 1640995200000,
    },
}
KB_LIST_ANSWER: dict[str, Any] = {
    "code": 1000,
    "msg": "OK",
    "data": [
        {
            "_id": OID,
            "uid": 123,
            "name": "Customer Support KB",
            "prompt": "You are a helpful customer support assistant.",
            "docs": [
                {"name": "user_manual.pdf", "url": "https://example.com/user_manual.pdf", "size": 1024000}
            ],
            "urls": ["https://example.com/help", "https://example.com/faq"],
            "create_time": 1640995200000,
            "update_time": 1640995200000,
        }
    ],
}
KB_DETAIL_ANSWER: dict[str, Any] = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "_id": OID,
        "team_id": "team_123456",
        "uid": 789,
        "name": "Customer Support KB",
        "prompt": "You are a professional AI assistant.",
        "docs": [{"name": "user_manual.pdf", "url": "https://example.com/user_manual.pdf", "size": 1024000}],
        "urls": ["https://example.com/help"],
        "create_time": 1640995200000,
        "update_time": 1640995200000,
    },
}
KB_UPDATE_ANSWER: dict[str, Any] = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "_id": OID,
        "team_id": "team_123456",
        "uid": 789,
        "name": "Updated Customer Support KB",
        "prompt": "Updated AI instructions",
        "docs": [
            {"name": "updated_manual.pdf", "url": "https://example.com/updated_manual.pdf", "size": 2048000}
        ],
        "urls": ["https://example.com/updated-help"],
        "create_time": 1640995200000,
        "update_time": 1640995300000,
    },
}
CLOSE_ANSWER: dict[str, Any] = {
    "code": 1000,
    "msg": "ok",
    "data": {"session_id": "session_123456789", "status": "closed", "closed_at": 1700788730000},
}
AVATAR: dict[str, Any] = {
    "_id": "655ffeada6976ea317087193",
    "uid": 1,
    "type": 2,
    "from": 2,
    "avatar_id": "dvp_Tristan_cloth2_1080P",
    "voice_id": "iP95p4xoKVk53GoZ742B",
    "name": "Tristan",
    "url": "https://drz0f01yeq1cx.cloudfront.net/tristan.mp4",
    "thumbnailUrl": "https://drz0f01yeq1cx.cloudfront.net/tristan.png",
    "gender": "male",
    "available": True,
}

# One valid request, one invalid request (with the field it must name), one valid answer per operation.
CASES: dict[str, dict[str, Any]] = {
    "streaming.create_session": {
        "valid": {"body": OPENAPI_CREATE_BODY},
        "invalid": ({"body": {"duration": 600}}, "body.avatar_id"),
        "answer": {"code": 1000, "msg": "OK", "data": AGORA_SESSION},
    },
    "streaming.close_session": {
        "valid": {"body": {"id": SID}},
        "invalid": ({"body": {"id": ""}}, "body"),
        "answer": CLOSE_ANSWER,
    },
    "streaming.list_sessions": {
        "valid": {"query": {"page": 1, "size": 100, "status": 2}},
        "invalid": ({"query": {"status": 5}}, "query.status"),
        "answer": {"code": 1000, "msg": "OK", "data": {"count": 1, "result": [AGORA_SESSION]}},
    },
    "streaming.get_session": {
        "valid": {"query": {"id": SID}},
        "invalid": ({"query": {}}, "query.id"),
        "answer": {"code": 1000, "msg": "OK", "data": AGORA_SESSION},
    },
    "streaming.list_avatars": {
        "valid": {"query": {"page": 1, "size": 100}},
        "invalid": ({"query": {"size": 101}}, "query.size"),
        "answer": {"code": 1000, "msg": "OK", "data": {"count": 1, "result": [AVATAR]}},
    },
    "streaming.get_avatar": {
        "valid": {"query": {"avatar_id": "dvp_Tristan_cloth2_1080P"}},
        "invalid": ({"query": {"id": "x"}}, "query.avatar_id"),
        "answer": {"code": 1000, "msg": "OK", "data": dict(AVATAR, platform="open", status=3)},
    },
    "knowledge.list": {
        "valid": {"query": {"page": 1, "size": 10}},
        "invalid": ({"query": {"page": 0}}, "query.page"),
        "answer": KB_LIST_ANSWER,
    },
    "knowledge.create": {
        "valid": {"body": KB_CREATE_BODY},
        "invalid": ({"body": {"name": "x" * 101}}, "body.name"),
        "answer": KB_CREATE_ANSWER,
    },
    "knowledge.get": {
        "valid": {"query": {"id": OID}},
        "invalid": ({"query": {}}, "query.id"),
        "answer": KB_DETAIL_ANSWER,
    },
    "knowledge.update": {
        "valid": {"body": KB_UPDATE_BODY},
        "invalid": ({"body": {"name": "no id"}}, "body.id"),
        "answer": KB_UPDATE_ANSWER,
    },
    "knowledge.delete": {
        "valid": {"body": {"id": OID}},
        "invalid": ({"body": {}}, "body.id"),
        "answer": {"code": 1000, "msg": "OK"},
    },
}


# ----------------------------------------------------------------------------- catalog
@pytest.mark.parametrize("op_id", sorted(ALL_OPS))
def test_catalog_entry(cat: Catalog, op_id: str) -> None:
    method, path, kind = ALL_OPS[op_id]
    op = cat.operation(op_id)
    assert (op.method, op.host, op.path, op.kind) == (method, "openapi.akool.com", path, kind)
    assert op.auth == "required"
    assert op.envelope == "akool"
    assert cat.by_route(method, "openapi.akool.com", path) is op
    assert op.request_schema["additionalProperties"] is False
    assert op.job is None
    assert op.poll is None


@pytest.mark.parametrize("op_id", sorted(CASES))
def test_valid_request_answer_and_invalid_request(cat: Catalog, op_id: str) -> None:
    op = cat.operation(op_id)
    case = CASES[op_id]
    assert ok(op.request_errors(case["valid"]))
    assert ok(op.response_errors(case["answer"]))
    invalid, field = case["invalid"]
    errors = op.request_errors(invalid)
    assert errors
    assert names(errors, field), errors


@pytest.mark.parametrize("op_id", sorted(CASES))
def test_unknown_top_level_member_is_refused(cat: Catalog, op_id: str) -> None:
    request = dict(CASES[op_id]["valid"], headers={"x": "y"})
    assert cat.operation(op_id).request_errors(request)


# ----------------------------------------------------------------------------- decisions
def test_close_accepts_id_or_session_id_exactly_one(cat: Catalog) -> None:
    op = cat.operation("streaming.close_session")
    assert ok(op.request_errors({"body": {"id": SID}}))  # OpenAPI, guide, React demo
    assert ok(op.request_errors({"body": {"session_id": "session_123456789"}}))  # page, LiveKit plugin
    assert ok(op.request_errors({"body": {"id": SID, "_id": SID}}))  # extra fields ignored
    assert op.request_errors({"body": {"id": SID, "session_id": SID}})
    assert op.request_errors({"body": {}})
    assert op.request_errors({"body": {"session_id": 42}})


def test_close_answer_must_carry_data(cat: Catalog) -> None:
    op = cat.operation("streaming.close_session")
    assert ok(op.response_errors(CLOSE_ANSWER))
    assert ok(op.response_errors({"code": 1000, "msg": "OK", "data": {}}))
    assert names(op.response_errors({"code": 1000, "msg": "OK"}), "data")
    assert op.response_errors({"code": 1000, "data": CLOSE_ANSWER["data"]})  # msg required too
    assert op.response_errors({"code": 1000, "msg": "OK", "data": {"status": 3}})
    assert ok(op.response_errors({"code": 1216, "msg": "liveAvatar session not exist"}))


def test_scene_mode_accepts_meeting(cat: Catalog) -> None:
    op = cat.operation("streaming.create_session")
    for mode in ("meeting", "fast_dialogue"):
        assert ok(op.request_errors({"body": {"avatar_id": "a", "scene_mode": mode}}))
    assert names(op.request_errors({"body": {"avatar_id": "a", "scene_mode": "party"}}), "body.scene_mode")
    assert ok(op.request_errors({"body": {"avatar_id": "a", "e2e_type": "openai"}}))
    assert op.request_errors({"body": {"avatar_id": "a", "e2e_type": "gemini"}})


def test_mode_type_is_1_or_2(cat: Catalog, store: SchemaStore) -> None:
    op = cat.operation("streaming.create_session")
    for mode in (1, 2):
        assert ok(op.request_errors({"body": {"avatar_id": "a", "mode_type": mode}}))
    for bad in (0, 3, "2"):
        assert names(op.request_errors({"body": {"avatar_id": "a", "mode_type": bad}}), "body.mode_type")
    set_params = {"v": 2, "type": "command", "mid": "m", "pld": {"cmd": "set-params", "data": {"mode": 1}}}
    assert store.is_valid(MESSAGES, set_params)
    set_params["pld"]["data"]["mode"] = "1"
    assert not store.is_valid(MESSAGES, set_params)


def test_own_credentials_complete_for_stream_type(cat: Catalog) -> None:
    op = cat.operation("streaming.create_session")

    def errors(body: dict[str, Any]) -> list[Any]:
        return op.request_errors({"body": dict({"avatar_id": "a"}, **body)})

    for stream_type in ("agora", "livekit", "trtc"):
        assert ok(errors({"stream_type": stream_type}))  # Akool creates the room
    assert errors({"stream_type": "webrtc"})
    agora = {"agora_uid": 1, "agora_channel": "c", "agora_token": "t"}
    assert ok(errors({"credentials": agora}))  # stream_type defaults to agora
    assert ok(errors({"stream_type": "agora", "credentials": agora}))
    assert names(errors({"credentials": {"agora_uid": 1, "agora_channel": "c"}}), "agora_token")
    livekit = {"livekit_url": "wss://x.livekit.cloud", "livekit_token": "t"}
    assert ok(errors({"stream_type": "livekit", "credentials": livekit}))
    assert names(errors({"stream_type": "livekit", "credentials": {"livekit_token": "t"}}), "livekit_url")
    answer = {"code": 1000, "msg": "OK", "data": {"_id": SID, "status": 1}}
    assert names(cat.operation("streaming.create_session").response_errors(answer), "data.credentials")


def test_trtc_credentials_accept_both_name_sets(cat: Catalog) -> None:
    op = cat.operation("streaming.create_session")
    sdk = {
        "trtc_sdk_app_id": 1400000000,
        "trtc_sdk_room_id": "r",
        "trtc_sdk_user_id": "u",
        "trtc_sdk_user_sig": "s",
    }
    short = {"trtc_app_id": 1400000000, "trtc_room_id": "r", "trtc_user_id": "u", "trtc_user_sig": "s"}
    for credentials in (sdk, short):
        assert ok(
            op.request_errors({"body": {"avatar_id": "a", "stream_type": "trtc", "credentials": credentials}})
        )
    mixed = {"trtc_sdk_app_id": 1, "trtc_room_id": "r", "trtc_user_id": "u", "trtc_user_sig": "s"}
    assert op.request_errors({"body": {"avatar_id": "a", "stream_type": "trtc", "credentials": mixed}})
    assert op.request_errors(
        {"body": {"avatar_id": "a", "stream_type": "trtc", "credentials": dict(sdk, trtc_sdk_app_id="x")}}
    )
    # The fake answers both sets; either alone is valid too.
    for credentials in (dict(sdk, **short), sdk, short):
        session = dict(AGORA_SESSION, stream_type="trtc", credentials=credentials)
        assert ok(op.response_errors({"code": 1000, "msg": "OK", "data": session}))
    bad = dict(AGORA_SESSION, stream_type="trtc", credentials=dict(short, trtc_app_id="1400000000"))
    assert names(op.response_errors({"code": 1000, "msg": "OK", "data": bad}), "trtc_app_id")


def test_livekit_plugin_create_body_is_accepted(cat: Catalog) -> None:
    op = cat.operation("streaming.create_session")
    assert ok(op.request_errors({"body": LIVEKIT_PLUGIN_BODY}))
    # The other plugin version puts stream_type inside credentials too, and sends a duration.
    body = copy.deepcopy(LIVEKIT_PLUGIN_BODY)
    body["credentials"]["stream_type"] = "livekit"
    body["duration"] = 600
    body["voice_params"] = {"speed": 1.1, "pron_map": {"akool": "ai ku er"}}
    assert ok(op.request_errors({"body": body}))
    body["credentials"]["audio_only_from_data_stream"] = "yes"
    assert names(op.request_errors({"body": body}), "audio_only_from_data_stream")
    for url in ("https://x.livekit.cloud", "ws://localhost:7880"):
        body = copy.deepcopy(LIVEKIT_PLUGIN_BODY)
        body["credentials"]["livekit_url"] = url
        assert ok(op.request_errors({"body": body}))
    body["credentials"]["livekit_url"] = "x.livekit.cloud"
    assert names(op.request_errors({"body": body}), "livekit_url")
    echoed = dict(AGORA_SESSION, stream_type="livekit", credentials=LIVEKIT_PLUGIN_BODY["credentials"])
    assert ok(op.response_errors({"code": 1000, "msg": "OK", "data": echoed}))


def test_session_status_values(cat: Catalog) -> None:
    for op_id in ("streaming.create_session", "streaming.get_session"):
        op = cat.operation(op_id)
        for status in (1, 2, 3, 4):
            assert ok(
                op.response_errors({"code": 1000, "msg": "OK", "data": dict(AGORA_SESSION, status=status)})
            )
        for bad in ("closed", "active", 5, "3"):
            errors = op.response_errors({"code": 1000, "msg": "OK", "data": dict(AGORA_SESSION, status=bad)})
            assert names(errors, "data.status"), (op_id, bad)
    listed = {
        "code": 1000,
        "msg": "OK",
        "data": {"count": 1, "result": [dict(AGORA_SESSION, status="closed")]},
    }
    assert names(cat.operation("streaming.list_sessions").response_errors(listed), "data.result[0].status")
    close = cat.operation("streaming.close_session")
    assert ok(close.response_errors(CLOSE_ANSWER))
    assert close.response_errors({"code": 1000, "msg": "OK", "data": {"status": "open"}})


def test_react_demo_create_body_is_accepted(cat: Catalog) -> None:
    op = cat.operation("streaming.create_session")
    assert ok(op.request_errors({"body": REACT_DEMO_BODY}))
    for field in ("voice_url", "background_url"):
        assert names(
            op.request_errors({"body": dict(REACT_DEMO_BODY, **{field: "not a url"})}), f"body.{field}"
        )
        assert ok(op.request_errors({"body": dict(REACT_DEMO_BODY, **{field: "https://example.com/x.png"})}))
    assert names(op.request_errors({"body": dict(REACT_DEMO_BODY, avatar_id="")}), "body.avatar_id")


def test_duration_range(cat: Catalog) -> None:
    op = cat.operation("streaming.create_session")
    for duration in (1, 300, 600, 3600, 90.5):
        assert ok(op.request_errors({"body": {"avatar_id": "a", "duration": duration}}))
    for bad in (0, -5, 3601, "600"):
        assert names(op.request_errors({"body": {"avatar_id": "a", "duration": bad}}), "body.duration")


def test_fast_dialogue_voice_ids(cat: Catalog) -> None:
    op = cat.operation("streaming.create_session")
    fast = {"avatar_id": "a", "scene_mode": "fast_dialogue", "e2e_type": "openai"}
    assert ok(
        op.request_errors({"body": dict(fast, voice_params={"voice_id": "alloy", "stt_language": "en"})})
    )
    errors = op.request_errors({"body": dict(fast, voice_params={"voice_id": "iP95p4xoKVk53GoZ742B"})})
    assert names(errors, "body.voice_params.voice_id")
    # Outside fast_dialogue voice_params.voice_id is not restricted, and the normal limits apply.
    assert ok(op.request_errors({"body": {"avatar_id": "a", "voice_params": {"voice_id": "anything"}}}))
    assert names(op.request_errors({"body": {"avatar_id": "a", "voice_params": {"speed": 1.5}}}), "speed")
    assert names(
        op.request_errors({"body": {"avatar_id": "a", "voice_params": {"stt_type": "whisper"}}}), "stt_type"
    )
    turn = {"avatar_id": "a", "voice_params": {"turn_detection": {"type": "server_vad", "threshold": 2}}}
    assert names(op.request_errors({"body": turn}), "threshold")


def test_list_paging_and_filters(cat: Catalog) -> None:
    sessions = cat.operation("streaming.list_sessions")
    assert ok(sessions.request_errors({}))
    assert ok(sessions.request_errors({"query": {"size": 500}}))  # no documented maximum
    for status in (1, 2, 3, 4):
        assert ok(sessions.request_errors({"query": {"status": status}}))
    assert names(sessions.request_errors({"query": {"size": 0}}), "query.size")
    avatars = cat.operation("streaming.list_avatars")
    assert ok(avatars.request_errors({"query": {"platform": "aigc", "page": 2, "size": 100}}))
    assert names(avatars.request_errors({"query": {"platform": "web"}}), "query.platform")
    kb = cat.operation("knowledge.list")
    assert ok(
        kb.request_errors({"query": {"page": 1, "size": 100, "name": "Customer Support KB", "from": 1}})
    )
    assert names(kb.request_errors({"query": {"size": 101}}), "query.size")
    assert names(kb.request_errors({"query": {"from": 3}}), "query.from")
    assert names(sessions.response_errors({"code": 1000, "msg": "OK", "data": {"count": 0}}), "data.result")
    assert ok(sessions.response_errors({"code": 1000, "msg": "OK", "data": {"count": 0, "result": []}}))


def test_knowledge_codes_1232_1233(cat: Catalog) -> None:
    table = json.loads((SCHEMA_DIR / "data" / "error_codes.json").read_text(encoding="utf-8"))
    codes = {entry["code"]: entry for entry in table["codes"]}
    assert codes[1232]["message"] == "Knowledge not found"
    assert codes[1233]["message"] == "Knowledge already exists"
    for code in (1232, 1233, 1234, 1235, 1236):
        assert codes[code]["source"] == "pages/ai-tools-suite__knowledge-base.md"
    assert codes[1216]["message"] == "liveAvatar session not exist"
    for op_id in ("knowledge.get", "knowledge.update", "knowledge.delete"):
        assert ok(cat.operation(op_id).response_errors({"code": 1232, "msg": "Knowledge not found"}))
    assert ok(
        cat.operation("knowledge.create").response_errors({"code": 1233, "msg": "Knowledge already exists"})
    )
    notes = NOTES.read_text(encoding="utf-8")
    assert "1232" in notes
    assert "1233" in notes


def test_knowledge_list_data_is_an_array(cat: Catalog) -> None:
    op = cat.operation("knowledge.list")
    assert ok(op.response_errors(KB_LIST_ANSWER))
    assert ok(op.response_errors({"code": 1000, "msg": "OK", "data": []}))
    wrapped = {"code": 1000, "msg": "OK", "data": {"knowledge_list": KB_LIST_ANSWER["data"], "total": 1}}
    assert names(op.response_errors(wrapped), "data")


def test_knowledge_delete_body_and_answer(cat: Catalog) -> None:
    op = cat.operation("knowledge.delete")
    assert op.method == "DELETE"
    assert ok(op.request_errors({"body": {"id": OID}}))
    assert names(op.request_errors({"query": {"id": OID}}), "body")  # the id goes in the body, not the query
    assert ok(op.response_errors({"code": 1000, "msg": "OK"}))
    assert ok(op.response_errors({"code": 1000, "msg": "OK", "data": None}))
    assert op.response_errors({"code": 1000})


def test_knowledge_doc_limits(cat: Catalog) -> None:
    op = cat.operation("knowledge.create")
    assert ok(op.request_errors({"body": {}}))  # every field optional
    assert ok(op.request_errors({"body": {"prologue": ""}}))  # clears the prologue
    doc = {"name": "a.pdf", "url": "https://example.com/a.pdf", "size": 104857600}
    assert ok(op.request_errors({"body": {"docs": [doc]}}))
    assert names(op.request_errors({"body": {"docs": [dict(doc, size=104857601)]}}), "body.docs[0].size")
    assert names(op.request_errors({"body": {"docs": [{"name": "a.pdf"}]}}), "body.docs[0].url")
    assert names(
        op.request_errors({"body": {"docs": [{"url": "https://example.com/a.pdf"}]}}), "body.docs[0].name"
    )
    assert names(op.request_errors({"body": {"urls": ["example.com"]}}), "body.urls[0]")
    assert names(op.request_errors({"body": {"prologue": "x" * 2001}}), "body.prologue")
    assert names(op.request_errors({"body": {"prompt": "x" * 10001}}), "body.prompt")
    assert ok(op.request_errors({"body": {"name": "x" * 100, "prompt": "x" * 10000, "prologue": "x" * 2000}}))
    update = cat.operation("knowledge.update")
    assert names(update.request_errors({"body": {"id": OID, "name": "x" * 101}}), "body.name")


def test_knowledge_object_fields(cat: Catalog) -> None:
    op = cat.operation("knowledge.get")
    minimal = {"code": 1000, "msg": "OK", "data": {"_id": OID, "create_time": 1, "update_time": 2}}
    assert ok(op.response_errors(minimal))
    for field in ("_id", "create_time", "update_time"):
        data = dict(minimal["data"])
        del data[field]
        assert names(op.response_errors({"code": 1000, "msg": "OK", "data": data}), f"data.{field}")
    bad = copy.deepcopy(KB_CREATE_ANSWER)
    bad["data"]["user_type"] = 3
    assert names(cat.operation("knowledge.create").response_errors(bad), "data.user_type")


def test_session_id_is_underscore_id(cat: Catalog) -> None:
    op = cat.operation("streaming.create_session")
    session = {k: v for k, v in AGORA_SESSION.items() if k != "_id"}
    assert names(op.response_errors({"code": 1000, "msg": "OK", "data": dict(session, id=SID)}), "data._id")
    legacy = dict(AGORA_SESSION, stream_urls=AGORA_SESSION["credentials"])
    assert ok(op.response_errors({"code": 1000, "msg": "OK", "data": legacy}))


# ----------------------------------------------------------------------------- data-channel messages
MESSAGE_EXAMPLES: dict[str, dict[str, Any]] = {
    # pages/ai-tools-suite__live-avatar.md, trailing commas removed
    "Chat Request": {
        "v": 2,
        "type": "chat",
        "mid": "msg-1723629433573",
        "idx": 0,
        "fin": True,
        "pld": {"text": "Hello"},
    },
    "Set Avatar Params": {
        "v": 2,
        "type": "command",
        "mid": "msg-1723629433573",
        "pld": {
            "cmd": "set-params",
            "data": {"vid": "1", "lang": "en", "mode": 1, "bgurl": "https://example.com/background.jpg"},
        },
    },
    "Interrupt Response": {
        "v": 2,
        "type": "command",
        "mid": "msg-1723629433573",
        "pld": {"cmd": "interrupt"},
    },
    "Chat Response": {
        "v": 2,
        "type": "chat",
        "mid": "msg-1723629433573",
        "idx": 0,
        "fin": True,
        "pld": {"from": "bot", "text": "Hello! How can I assist you today? "},
    },
    "Command Response": {
        "v": 2,
        "type": "command",
        "mid": "msg-1723629433573",
        "pld": {"cmd": "set-params", "code": 1000, "msg": "OK"},
    },
}
SET_ACTION_EXAMPLE = {
    "v": 2,
    "type": "command",
    "pld": {"cmd": "set-action", "data": {"action": "hand_wave", "expression": "happiness"}},
}


def matching_defs(store: SchemaStore, message: dict[str, Any]) -> list[str]:
    types = [branch["$ref"] for branch in store.documents[MESSAGES]["oneOf"]]
    return [ref.rsplit("/", 1)[1] for ref in types if store.is_valid({"$ref": MESSAGES + ref}, message)]


@pytest.mark.parametrize("title", sorted(MESSAGE_EXAMPLES))
def test_message_doc_examples_validate(store: SchemaStore, title: str) -> None:
    assert store.violations(MESSAGES, MESSAGE_EXAMPLES[title]) == []


def test_data_channel_messages(store: SchemaStore) -> None:
    expected = {
        "Chat Request": "ChatSend",
        "Set Avatar Params": "CommandSetParams",
        "Interrupt Response": "CommandInterrupt",
        "Chat Response": "ChatReceive",
        "Command Response": "CommandAck",
    }
    for title, definition in expected.items():
        assert definition in matching_defs(store, MESSAGE_EXAMPLES[title]), title
    # The documented set-action example lacks mid (a doc defect); with mid it is valid.
    assert not store.is_valid(MESSAGES, SET_ACTION_EXAMPLE)
    assert store.is_valid(MESSAGES, dict(SET_ACTION_EXAMPLE, mid="msg-1"))
    action = dict(SET_ACTION_EXAMPLE, mid="m", pld={"cmd": "set-action", "data": {"action": "dance"}})
    assert not store.is_valid(MESSAGES, action)
    # The TypeScript snippet's pld.params instead of pld.data is refused.
    params = {"v": 2, "type": "command", "mid": "m", "pld": {"cmd": "set-params", "params": {"vid": "v"}}}
    assert not store.is_valid(MESSAGES, params)
    # Sent chat needs mid, idx and fin; received chat only v, type and pld.
    chat = dict(MESSAGE_EXAMPLES["Chat Request"])
    del chat["mid"]
    assert not store.is_valid(MESSAGES, chat)
    assert store.is_valid(MESSAGES, {"v": 2, "type": "chat", "pld": {"from": "user", "text": "hi"}})
    assert not store.is_valid(
        MESSAGES, {"v": 1, "type": "chat", "mid": "m", "idx": 0, "fin": True, "pld": {"text": "x"}}
    )
    # The React demo's speaking events and the SDK's vparams / meta.
    assert store.is_valid(MESSAGES, {"v": 2, "type": "event", "mid": "m", "pld": {"event": "audio_start"}})
    vparams = {
        "vid": "v",
        "speed": 1.0,
        "turn_detection": {"type": "semantic_vad"},
        "pron_map": {"akool": "ai ku er"},
    }
    set_params = {
        "v": 2,
        "type": "command",
        "mid": "m",
        "pld": {"cmd": "set-params", "data": {"vparams": vparams}},
    }
    assert store.is_valid(MESSAGES, set_params)
    set_params["pld"]["data"]["vparams"] = {"speed": 2}
    assert not store.is_valid(MESSAGES, set_params)
    # Every message matches exactly one definition.
    for message in [*MESSAGE_EXAMPLES.values(), dict(SET_ACTION_EXAMPLE, mid="m")]:
        assert len(matching_defs(store, message)) == 1, message


# ----------------------------------------------------------------------------- docs examples
OUR_OPS = set(ALL_OPS)
DOCUMENT = "urn:akool-mock:schemas:knowledge.create.request#/$defs/Document"


def _examples() -> list[dict[str, Any]]:
    if not EXAMPLES.exists():
        return []
    entries = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    return [e for e in entries if e.get("operation") in OUR_OPS or e.get("direction") == "streaming_message"]


def _defects() -> dict[str, Any]:
    if not DEFECTS.exists():
        return {}
    return dict(json.loads(DEFECTS.read_text(encoding="utf-8")))


def _violations(cat: Catalog, entry: dict[str, Any]) -> list[Any]:
    direction, parsed = entry["direction"], entry["parsed"]
    if direction == "streaming_message":
        return cat.store.violations(MESSAGES, parsed)
    if entry["id"] == "knowledge-base-1":  # the "Document Object Structure": one docs[] item
        return cat.store.violations({"$ref": DOCUMENT}, parsed)
    op = cat.operation(entry["operation"])
    if direction == "response":
        return op.response_errors(parsed)
    assert direction == "request", entry["id"]
    return op.request_errors({"query": parsed} if op.method == "GET" else {"body": parsed})


def test_doc_examples_are_present() -> None:
    if not EXAMPLES.exists():
        pytest.skip("fixtures/docs/examples.json is not generated yet")
    found = {entry["operation"] for entry in _examples()}
    assert {
        "knowledge.create",
        "knowledge.update",
        "streaming.close_session",
        "streaming.create_session",
    } <= found
    assert sum(entry["direction"] == "streaming_message" for entry in _examples()) == 6


@pytest.mark.parametrize("entry", _examples(), ids=lambda entry: str(entry.get("id")))
def test_doc_examples_validate(cat: Catalog, entry: dict[str, Any]) -> None:
    errors = _violations(cat, entry)
    defect = _defects().get(entry["id"])
    if defect is None:
        assert errors == [], errors
        return
    assert errors, f"{entry['id']} is listed as a defect but validates"
    assert any(defect["field"] in error.path or error.path in defect["field"] for error in errors), errors


def test_defects_name_a_note_anchor() -> None:
    notes = NOTES.read_text(encoding="utf-8")
    for example_id, defect in _defects().items():
        assert {"field", "reason", "notes"} <= set(defect), example_id
        assert "{#" + defect["notes"] + "}" in notes, example_id
