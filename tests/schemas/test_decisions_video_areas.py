"""Decisions for the video areas (schemas/NOTES.md) and the doc examples of their operations.

Operations: videos.get_result, character_swap.create, lipsync.create, talking_photo.create,
talking_avatar.create, avatars.create, avatars.list, avatars.get, video_translation.create,
video_translation.list_languages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from akool_mock.schemas import Operation, load_catalog

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "fixtures" / "docs" / "examples.json"
DEFECTS = REPO / "fixtures" / "docs" / "defects" / "video_areas.json"

MY_OPS = (
    "videos.get_result",
    "character_swap.create",
    "lipsync.create",
    "talking_photo.create",
    "talking_avatar.create",
    "avatars.create",
    "avatars.list",
    "avatars.get",
    "video_translation.create",
    "video_translation.list_languages",
)

VIDEO_ID = "66160f989dfc997ac289037b"


def op(op_id: str) -> Operation:
    return load_catalog().operation(op_id)


def paths(errors: list[Any]) -> list[str]:
    return [e.path for e in errors]


def ok(envelope_data: Any, **extra: Any) -> dict[str, Any]:
    return {"code": 1000, "msg": "OK", "data": envelope_data, **extra}


# ---------------------------------------------------------------- doc examples (verbatim from pages/)

CS_CREATE_BODY = {
    "image": "https://drz0f01yeq1cx.cloudfront.net/character-image.png",
    "video": "https://drz0f01yeq1cx.cloudfront.net/source-video.mp4",
    "duration": 10,
    "resolution": "720p",
    "mode": "animate",
    "prompt": "Smooth character animation with natural movement",
    "webhookurl": "https://your-callback-url.com/webhook",
}
CS_OVERVIEW_BODIES = [
    {
        "image": "https://example.com/character-image.png",
        "video": "https://example.com/source-video.mp4",
        "duration": 10,
        "resolution": "720p",
        "mode": "animate",
        "model_name": "wavespeed-ai/wan-2.2/animate",
        "webhookurl": "https://your-callback-url.com/webhook",
    },
    {
        "image": "https://example.com/character-image.png",
        "video": "https://example.com/source-video.mp4",
        "duration": 15,
        "resolution": "720p",
        "mode": "animate",
        "prompt": "Smooth character animation with natural movement and expressive gestures",
        "model_name": "wavespeed-ai/wan-2.2/animate",
        "webhookurl": "",
    },
    {
        "image": "https://example.com/character-face.png",
        "video": "https://example.com/target-video.mp4",
        "resolution": "720p",
        "mode": "replace",
        "model_name": "wavespeed-ai/wan-2.2/animate",
        "webhookurl": "",
    },
]
CS_CREATE_RESPONSE = ok(
    {
        "_id": "689174694b4dbdd4ab3d28c9",
        "create_time": 1754362985482,
        "uid": 101400,
        "team_id": "6805fb69e92d9edc7ca0b409",
        "status": 1,
        "video_duration": 10,
        "deduction_credit": 20,
        "resolution": "720p",
        "file_name": "CharacterSwap_1754362985482.mp4",
        "image_url": "https://drz0f01yeq1cx.cloudfront.net/character-image.png",
        "video_url": "https://drz0f01yeq1cx.cloudfront.net/source-video.mp4",
        "prompt": "Smooth character animation with natural movement",
        "mode": "animate",
        "model_name": "wavespeed-ai/wan-2.2/animate",
        "webhookUrl": "https://your-callback-url.com/webhook",
    }
)
CS_POLL_BASE = {
    "_id": "689174694b4dbdd4ab3d28c9",
    "create_time": 1754362985482,
    "uid": 101400,
    "team_id": "6805fb69e92d9edc7ca0b409",
    "video_duration": 10,
    "webhookUrl": "https://your-callback-url.com/webhook",
    "file_name": "CharacterSwap_1754362985482.mp4",
    "image_url": "https://drz0f01yeq1cx.cloudfront.net/character-image.png",
    "video_url": "https://drz0f01yeq1cx.cloudfront.net/source-video.mp4",
    "prompt": "Smooth character animation with natural movement",
    "resolution": "720p",
    "deduction_credit": 20,
}
CS_POLL_QUEUED = ok({**CS_POLL_BASE, "video_status": 1})
CS_POLL_DONE = ok(
    {
        **CS_POLL_BASE,
        "update_time": 1754363095482,
        "video_duration": 10.5,
        "video": "https://d2qf6ukcym4kn9.cloudfront.net/1754363091791-1423.mp4",
        "video_status": 3,
    }
)
CS_POLL_FAILED = ok(
    {
        **CS_POLL_BASE,
        "update_time": 1754363095482,
        "deduction_credit": 0,
        "video_status": 4,
        "faceswap_fail_reason": "Failed to process the video. Please check your input resources.",
    }
)
LIPSYNC_BODY = {
    "video_url": "https://d11fbe263bhqij.cloudfront.net/agicontent/video/global_reach/Global_reach_EN_01.mp4",
    "audio_url": "https://drz0f01yeq1cx.cloudfront.net/1712719410293-driving_audio_2.wav",
    "webhookUrl": "",
}
# The lip-sync answers carry // comments in the docs; these are the same objects with the comments removed.
LIPSYNC_CREATE_RESPONSE = ok(
    {
        "create_time": 1712720702523,
        "uid": 100002,
        "type": 9,
        "from": 2,
        "target_video": LIPSYNC_BODY["video_url"],
        "faceswap_quality": 2,
        "video_id": "8ddc4a27-d173-4cf5-aa37-13e340fed8f3",
        "video_status": 1,
        "video_lock_duration": 11.7,
        "deduction_lock_duration": 20,
        "external_video": "",
        "video": "",
        "storage_loc": 1,
        "input_audio": LIPSYNC_BODY["audio_url"],
        "webhookUrl": "",
        "task_id": "66160b3ee3ef778679dfd30f",
        "lipsync": True,
        "_id": VIDEO_ID,
        "__v": 0,
    }
)
LIPSYNC_POLL_RESPONSE = ok(
    {
        "faceswap_quality": 2,
        "storage_loc": 1,
        "_id": VIDEO_ID,
        "create_time": 1692242625334,
        "uid": 378337,
        "type": 2,
        "from": 1,
        "video_id": "788bcd2b-09bb-4e9c-b0f2-6d41ee5b2a67",
        "video_lock_duration": 7.91,
        "deduction_lock_duration": 10,
        "video_status": 2,
        "external_video": "",
        "video": "",
    }
)
TALKING_AVATAR_POLL_RESPONSE = ok(
    {
        "_id": "64dd92c1f0b6684651e90e09",
        "create_time": 1692242625334,
        "uid": 378337,
        "video_id": "0acfed62e24f4cfd8801c9e846347b1d",
        "deduction_duration": 10,
        "video_status": 2,
        "video": "",
    }
)
TALKING_PHOTO_POLL_OPENAPI = ok(
    {
        "faceswap_quality": 2,
        "storage_loc": 1,
        "_id": "64dd92c1f0b6684651e90e09",
        "create_time": 1692242625334,
        "uid": 378337,
        "type": 2,
        "from": 1,
        "video_id": "0acfed62e24f4cfd8801c9e846347b1d",
        "video_lock_duration": 7.91,
        "deduction_lock_duration": 10,
        "video_status": 2,
        "external_video": "",
        "video": "",
        "audio_splits": {
            "original_srt_url": "https://d3323c6w59hl44.cloudfront.net/algorithm/video_translate/260401/default/xd4mtd1sk8h0.srt",
            "translated_srt_url": "https://d3323c6w59hl44.cloudfront.net/algorithm/video_translate/260401/default/e893u0r1nim1.srt",
            "no_caption_video_url": "https://d3323c6w59hl44.cloudfront.net/algorithm/video_translate/260401/default/zr9eyq8rpla4.mp4",
        },
    }
)
PROMPT = "Throughout the entire video, maintain natural and smooth hand movements."
TALKING_PHOTO_BODIES = [
    {
        "talking_photo_url": "https://example.com/photo.jpg",
        "audio_url": "https://example.com/audio.mp3",
        "resolution": "720",
        "webhookUrl": "",
    },
    {
        "talking_photo_url": "https://example.com/photo.jpg",
        "audio_url": "https://example.com/audio.mp3",
        "prompt": PROMPT,
        "resolution": "1080",
        "webhookUrl": "",
    },
]
TALKING_PHOTO_CREATE_OPENAPI = ok(
    {
        "faceswap_quality": 2,
        "storage_loc": 1,
        "_id": "64dd90f9f0b6684651e90d60",
        "create_time": 1692242169057,
        "uid": 378337,
        "type": 5,
        "from": 2,
        "video_lock_duration": 0.8,
        "deduction_lock_duration": 10,
        "external_video": "",
        "talking_photo": "https://***.cloudfront.net/1692242161763-4fb8c3c2-018b-4b84-82e9-413c81f26b3a-6613.jpeg",
        "video": "",
        "__v": 0,
        "video_status": 1,
        "prompt": PROMPT,
        "resolution": "720",
    }
)
TA_AUDIO_TEXT = "A military parade is a formation of military personnels whose movement is restricted."
TALKING_AVATAR_BODY = {
    "width": 3840,
    "height": 2160,
    "avatar_from": 3,
    "elements": [
        {
            "type": "image",
            "url": "https://drz0f01yeq1cx.cloudfront.net/1729480978805-talkingAvatarbg.png",
            "width": 780,
            "height": 438,
            "scale_x": 1,
            "scale_y": 1,
            "offset_x": 1920,
            "offset_y": 1080,
        },
        {
            "type": "avatar",
            "url": "https://drz0f01yeq1cx.cloudfront.net/1735009621724-7ce105c6-ed9a-4d13-9061-7e3df59d9798-7953.mp4",
            "scale_x": 1,
            "scale_y": 1,
            "width": 1080,
            "height": 1080,
            "offset_x": 1920,
            "offset_y": 1080,
        },
        {
            "type": "audio",
            "url": "https://drz0f01yeq1cx.cloudfront.net/1729666642023-bd6ad5f1-d558-40c7-b720-ad729688f814-6403.mp3",
            "input_text": TA_AUDIO_TEXT,
            "voice_id": "6889b628662160e2caad5dbc",
        },
    ],
    "webhookUrl": "",
}
TALKING_AVATAR_RESPONSE = ok(
    {
        "_id": "67491cdb4d9d1664a9782292",
        "uid": 100002,
        "video_id": "f1a489f4-0cca-4723-843b-e42003dc9f32",
        "task_id": "67491cdb1acd9d0ce2cc8998",
        "video_status": 1,
        "video": "",
        "create_time": 1732844763774,
    }
)
AVATAR_LIST_RESPONSE = {
    "code": 1000,
    "msg": "ok",
    "data": [
        {
            "name": "Yasmin in White shirt",
            "avatar_id": "Yasmin_in_White_shirt_20231121",
            "url": "https://drz0f01yeq1cx.cloudfront.net/1700786304161-b574407f-f926-4b3e-bba7-dc77d1742e60-8169.png",
            "gender": "female",
            "thumbnailUrl": "https://drz0f01yeq1cx.cloudfront.net/avatar/thumbnail/1700786304161-b574407f-f926-4b3e-bba7-dc77d1742e60-8169.png",
            "from": 2,
        }
    ],
}
AVATAR_DETAIL_RESPONSE = {
    "code": 1000,
    "msg": "ok",
    "data": [
        {
            "_id": "66a1a02d591ad336275eda62",
            "uid": 100010,
            "type": 2,
            "from": 3,
            "status": 3,
            "name": "30870eb0",
            "url": "https://drz0f01yeq1cx.cloudfront.net/1721868487350-6b4cc614038643eb9f842f4ddc3d5d56.mp4",
        }
    ],
}
AVATAR_CREATE_BODY = {
    "url": "https://drz0f01yeq1cx.cloudfront.net/1721197444322-leijun000.mp4",
    "avatar_id": "HHdEKhn7k7vVBlR5FSi0e",
    "name": "My Talking Avatar",
    "type": 1,
}
AVATAR_CREATE_BODY_OPENAPI = {
    "url": "https://drz0f01yeq1cx.cloudfront.net/1721197444322-leijun000.mp4",
    "avatar_id": "HHdEKhn7k7vVBlR5FSi0e",
    "name": "My Streaming Avatar",
    "type": 2,
    "url_from": 1,
}
AVATAR_RECORD = {
    "_id": "655ffeada6976ea317087193",
    "disabled": False,
    "uid": 1,
    "type": 1,
    "from": 2,
    "status": 1,
    "sort": 12,
    "create_time": 1700788730000,
    "name": "Yasmin in White shirt",
    "avatar_id": "Yasmin_in_White_shirt_20231121",
    "url": "https://drz0f01yeq1cx.cloudfront.net/1700786304161-b574407f-f926-4b3e-bba7-dc77d1742e60-8169.png",
    "modify_url": "https://drz0f01yeq1cx.cloudfront.net/1700786304161-b574407f-f926-4b3e-bba7-dc77d1742e60-8169.png",
    "gender": "female",
    "thumbnailUrl": "https://drz0f01yeq1cx.cloudfront.net/avatar/thumbnail/1700786304161-b574407f-f926-4b3e-bba7-dc77d1742e60-8169.png",
    "crop_arr": [],
}
VT_BODIES = [
    # The docs' single-language example has a trailing comma (invalid JSON); this is it without the comma.
    {
        "url": "https://example.com/my-video.mp4",
        "source_language": "DEFAULT",
        "language": "es",
        "lipsync": True,
    },
    {
        "url": "https://example.com/my-video.mp4",
        "source_language": "DEFAULT",
        "language": "es,fr,de",
        "lipsync": False,
        "caption_type": 2,
        "remove_bgm": True,
    },
    {
        "url": "https://example.com/business-video.mp4",
        "source_language": "DEFAULT",
        "language": "zh-CN",
        "lipsync": True,
        "studio_voice": {
            "style": "professional",
            "no_translate_words": ["AKool", "API"],
            "fixed_words": {"hello": "您好"},
        },
        "caption_type": 3,
        "webhookUrl": "https://your-server.com/webhook",
    },
]
VT_BODY_OPENAPI_OLD = {
    "url": "https://d11fbe263bhqij.cloudfront.net/agicontent/video/translate/cut3_content_create_EN_01.mp4",
    "language": "ja,zh-CN-shandong,zh-CN-sichuan",
    "source_language": "en",
    "lipsync": False,
    "speaker_num": 1,
    "webhookUrl": "",
    "remove_bgm": True,
    "caption_type": 2,
    "caption_url": "https://drz0f01yeq1cx.cloudfront.net/1759979948074-translatedsubtitles.srt",
    "voices_map": {
        "ja": {"voice_id": ""},
        "zh-CN-shandong": {"voice_id": "6889b755662160e2caad5fdf"},
        "zh-CN-sichuan": {"voice_id": "6889b74e662160e2caad5fd5"},
    },
    "studio_voice": {
        "no_translate_words": ["kaka", "lal"],
        "fixed_words": {"hi": "hello", "bad": "good"},
        "pronounced_words": {"lel": "lele", "gga": "gaga"},
        "style": "professional",
    },
    "dynamic_duration": False,
}

PAGE_EXAMPLES: list[tuple[str, str, dict[str, Any]]] = [
    *[("character_swap.create", "request", {"body": body}) for body in [CS_CREATE_BODY, *CS_OVERVIEW_BODIES]],
    ("character_swap.create", "response", CS_CREATE_RESPONSE),
    ("videos.get_result", "request", {"query": {"video_model_id": "689174694b4dbdd4ab3d28c9"}}),
    ("videos.get_result", "response", CS_POLL_QUEUED),
    ("videos.get_result", "response", CS_POLL_DONE),
    ("videos.get_result", "response", CS_POLL_FAILED),
    ("videos.get_result", "response", LIPSYNC_POLL_RESPONSE),
    ("videos.get_result", "response", TALKING_AVATAR_POLL_RESPONSE),
    ("videos.get_result", "response", TALKING_PHOTO_POLL_OPENAPI),
    ("lipsync.create", "request", {"body": LIPSYNC_BODY}),
    ("lipsync.create", "response", LIPSYNC_CREATE_RESPONSE),
    *[("talking_photo.create", "request", {"body": body}) for body in TALKING_PHOTO_BODIES],
    ("talking_photo.create", "response", TALKING_PHOTO_CREATE_OPENAPI),
    ("talking_avatar.create", "request", {"body": TALKING_AVATAR_BODY}),
    ("talking_avatar.create", "response", TALKING_AVATAR_RESPONSE),
    ("avatars.list", "request", {"query": {"from": 2, "page": 1, "size": 100}}),
    ("avatars.list", "response", AVATAR_LIST_RESPONSE),
    ("avatars.get", "request", {"query": {"id": "66a1a02d591ad336275eda62"}}),
    ("avatars.get", "response", AVATAR_DETAIL_RESPONSE),
    ("avatars.create", "request", {"body": AVATAR_CREATE_BODY}),
    ("avatars.create", "request", {"body": AVATAR_CREATE_BODY_OPENAPI}),
    ("avatars.create", "response", {"code": 1000, "msg": "ok", "data": [AVATAR_RECORD]}),
    ("avatars.create", "response", {"code": 1000, "msg": "ok", "data": {**AVATAR_RECORD, "type": 2}}),
    *[("video_translation.create", "request", {"body": body}) for body in [*VT_BODIES, VT_BODY_OPENAPI_OLD]],
    ("video_translation.list_languages", "request", {}),
]


@pytest.mark.parametrize(
    ("op_id", "direction", "instance"),
    PAGE_EXAMPLES,
    ids=[f"{op_id}-{direction}-{n}" for n, (op_id, direction, _) in enumerate(PAGE_EXAMPLES)],
)
def test_page_examples_validate(op_id: str, direction: str, instance: dict[str, Any]) -> None:
    operation = op(op_id)
    errors = (
        operation.request_errors(instance) if direction == "request" else operation.response_errors(instance)
    )
    assert errors == []


# ---------------------------------------------------------------- decisions


def test_character_swap_webhook_both_spellings() -> None:
    """#character_swap-webhook-spelling: webhookurl (table, examples) and webhookUrl (tips) both accepted."""
    create = op("character_swap.create")
    base = {"image": "https://a.example/c.png", "video": "https://a.example/v.mp4"}
    assert create.request_errors({"body": {**base, "webhookurl": "https://hook.example/x"}}) == []
    assert create.request_errors({"body": {**base, "webhookUrl": "https://hook.example/x"}}) == []
    assert create.request_errors({"body": {**base, "webhookurl": "", "webhookUrl": ""}}) == []
    assert "body.webhookurl" in paths(create.request_errors({"body": {**base, "webhookurl": "not a url"}}))
    assert "body.webhookUrl" in paths(create.request_errors({"body": {**base, "webhookUrl": "ftp://x"}}))


def test_other_video_ops_spell_webhook_url_camel_case() -> None:
    """#character_swap-webhook-spelling: the other pages spell only webhookUrl, the typed field there."""
    for op_id in (
        "lipsync.create",
        "talking_photo.create",
        "talking_avatar.create",
        "video_translation.create",
    ):
        body = op(op_id).request_schema["properties"]["body"]["properties"]
        assert "webhookUrl" in body
        assert "webhookurl" not in body


def test_empty_webhook_url_is_accepted() -> None:
    """#video-webhook-empty: the docs' own examples send "" for no webhook."""
    assert op("lipsync.create").request_errors({"body": {**LIPSYNC_BODY, "webhookUrl": ""}}) == []
    assert op("talking_photo.create").request_errors({"body": TALKING_PHOTO_BODIES[0]}) == []
    bad = op("lipsync.create").request_errors({"body": {**LIPSYNC_BODY, "webhookUrl": "callback"}})
    assert "body.webhookUrl" in paths(bad)


def test_createbytranslate_all_results() -> None:
    """#video_translation-all-results: a top-level all_results array, each item a full {code, msg, data}."""
    create = op("video_translation.create")
    job_es = {
        "_id": "6716fa1bc48d6e3c6e5b1a01",
        "video_status": 1,
        "video": "",
        "language": "es",
        "progress": 0,
    }
    job_fr = {
        "_id": "6716fa1bc48d6e3c6e5b1a02",
        "video_status": 1,
        "video": "",
        "language": "fr",
        "progress": 0,
    }
    answer = ok(job_es, all_results=[ok(job_es), ok(job_fr)])
    assert create.response_errors(answer) == []
    # one language failing on its own is an error envelope inside all_results
    partial = ok(job_es, all_results=[ok(job_es), {"code": 1202, "msg": "same video, same language"}])
    assert create.response_errors(partial) == []
    # a single-language answer may carry only data
    assert create.response_errors(ok(job_es)) == []
    # an item must be a whole envelope: a bare job is not one
    bad = create.response_errors(ok(job_es, all_results=[job_fr]))
    assert any(p.startswith("all_results[0]") for p in paths(bad))
    # a success item must carry its job
    assert create.response_errors(ok(job_es, all_results=[{"code": 1000, "msg": "OK"}]))


def test_voices_map_and_need_voice_id_accepted() -> None:
    """#video_translation-voices-map: voices_map and need_voice_id, as Akool's demo uses them."""
    create = op("video_translation.create")
    demo_body = {
        "url": "https://example.com/v.mp4",
        "language": "es,zh-CN-shandong",
        "source_language": "DEFAULT",
        "lipsync": True,
        "speaker_num": 0,
        "remove_bgm": False,
        "caption_type": 0,
        "dynamic_duration": False,
        "webhookUrl": "https://hook.example/api/webhook",
        "voices_map": {"es": {"voice_id": ""}, "zh-CN-shandong": {"voice_id": "6889b755662160e2caad5fdf"}},
    }
    assert create.request_errors({"body": demo_body}) == []
    bad = create.request_errors({"body": {**demo_body, "voices_map": {"es": "6889b755662160e2caad5fdf"}}})
    assert "body.voices_map.es" in paths(bad)
    languages = op("video_translation.list_languages")
    answer = ok(
        {
            "lang_list": [
                {
                    "lang_name": "Spanish",
                    "lang_code": "es",
                    "url": "https://x.example/es.png",
                    "need_voice_id": False,
                },
                {"lang_name": "Shandong", "lang_code": "zh-CN-shandong", "url": "", "need_voice_id": True},
            ]
        }
    )
    assert languages.response_errors(answer) == []
    wrong = ok({"lang_list": [{"lang_name": "Spanish", "lang_code": "es", "need_voice_id": "yes"}]})
    assert "data.lang_list[0].need_voice_id" in paths(languages.response_errors(wrong))


def test_video_translation_deprecated_fields_ignored() -> None:
    """#video_translation-deprecated: merge_interval and face_enhance are ignored, not rejected."""
    body = {"url": "https://example.com/v.mp4", "language": "es", "merge_interval": 1, "face_enhance": True}
    assert op("video_translation.create").request_errors({"body": body}) == []


def test_video_translation_language_list_shape() -> None:
    """#video_translation-one-job-per-language: language is a comma-separated list of codes."""
    create = op("video_translation.create")
    assert create.request_errors({"body": {"url": "https://e.example/v.mp4", "language": "es, fr"}}) == []
    for bad in ("", "es,,fr", "es;fr"):
        errors = create.request_errors({"body": {"url": "https://e.example/v.mp4", "language": bad}})
        assert "body.language" in paths(errors), bad


def test_talking_photo_resolution_string_or_integer() -> None:
    """#talking_photo-resolution: "720"/"1080" (OpenAPI, examples) and 720/1080 (prose) are accepted."""
    create = op("talking_photo.create")
    base = {"talking_photo_url": "https://e.example/p.jpg", "audio_url": "https://e.example/a.mp3"}
    for value in ("720", "1080", 720, 1080):
        assert create.request_errors({"body": {**base, "resolution": value}}) == [], value
    for value in ("480", 480, "720p", 1080.5):
        assert "body.resolution" in paths(create.request_errors({"body": {**base, "resolution": value}})), (
            value
        )


def test_talking_photo_resolution_answer_is_a_string() -> None:
    """#talking_photo-resolution: answers carry resolution as a string (720 is stored as "720")."""
    answer = ok({**TALKING_PHOTO_CREATE_OPENAPI["data"], "resolution": 720})
    assert "data.resolution" in paths(op("talking_photo.create").response_errors(answer))


def test_character_swap_resolution_includes_1080p() -> None:
    """#character_swap-resolution: 480p, 720p and 1080p (table, pricing) despite the "480p or 720p" tip."""
    create = op("character_swap.create")
    base = {"image": "https://a.example/c.png", "video": "https://a.example/v.mp4"}
    for value in ("480p", "720p", "1080p"):
        assert create.request_errors({"body": {**base, "resolution": value}}) == []
    for value in ("720", 720, "4k"):
        assert "body.resolution" in paths(create.request_errors({"body": {**base, "resolution": value}}))


def test_character_swap_model_name_and_limits() -> None:
    """#character_swap-model-name: model_name accepted; duration 1-120, fractions allowed."""
    create = op("character_swap.create")
    base = {"image": "https://a.example/c.png", "video": "https://a.example/v.mp4"}
    assert create.request_errors({"body": {**base, "model_name": "wavespeed-ai/wan-2.2/animate"}}) == []
    assert create.request_errors({"body": {**base, "duration": 10.5}}) == []
    assert "body.duration" in paths(create.request_errors({"body": {**base, "duration": 121}}))
    assert "body.duration" in paths(create.request_errors({"body": {**base, "duration": 0}}))
    assert "body.prompt" in paths(create.request_errors({"body": {**base, "prompt": "x" * 501}}))
    assert "body.mode" in paths(create.request_errors({"body": {**base, "mode": "swap"}}))


def test_character_swap_pricing_rounds_up() -> None:
    """#character_swap-pricing: per started 5-second block; the docs' 12 s at 720p = 30 credits."""
    pricing = op("character_swap.create").pricing
    assert pricing is not None
    assert "30 credits" in pricing
    assert "ceil(duration / 5)" in pricing
    assert op("character_swap.create").response_errors(CS_CREATE_RESPONSE) == []


def test_media_limits_are_not_schema_rules() -> None:
    """#video-media-limits: a long, large or high-fps video behind a URL is not a schema error."""
    long_video = "https://e.example/two-hours-4k-60fps.mov"
    assert (
        op("video_translation.create").request_errors({"body": {"url": long_video, "language": "es"}}) == []
    )
    assert op("lipsync.create").request_errors({"body": {**LIPSYNC_BODY, "video_url": long_video}}) == []
    cs = {"image": "https://e.example/c.webp", "video": long_video}
    assert op("character_swap.create").request_errors({"body": cs}) == []


def test_character_swap_status_field() -> None:
    """#character_swap-status-field: the create answer carries data.status, the poll data.video_status."""
    create = op("character_swap.create")
    no_status = ok({k: v for k, v in CS_CREATE_RESPONSE["data"].items() if k != "status"})
    assert "data.status" in paths(create.response_errors(no_status))
    assert create.job is not None
    assert create.job.status_field == "video_status"
    assert create.job.poll_operation == "videos.get_result"
    poll = op("videos.get_result")
    assert poll.poll is not None
    assert poll.poll.status_field == "video_status"
    no_video_status = ok({k: v for k, v in CS_POLL_QUEUED["data"].items() if k != "video_status"})
    assert "data.video_status" in paths(poll.response_errors(no_video_status))


def test_video_status_and_failure_fields() -> None:
    """#videos-failure-reason: video_status 1-4; faceswap_fail_reason or error_code/error_reason."""
    poll = op("videos.get_result")
    assert poll.response_errors(CS_POLL_FAILED) == []
    vt_failed = ok(
        {"_id": VIDEO_ID, "video_status": 4, "video": "", "error_code": 1203, "error_reason": "no audio"}
    )
    assert poll.response_errors(vt_failed) == []
    assert "data.video_status" in paths(poll.response_errors(ok({"_id": VIDEO_ID, "video_status": 5})))
    assert "data.video_status" in paths(poll.response_errors(ok({"_id": VIDEO_ID, "video_status": "3"})))
    assert "data.error_code" in paths(poll.response_errors(ok({**vt_failed["data"], "error_code": "1203"})))
    failure = {op_id: op(op_id).job.failure_field for op_id in MY_OPS if op(op_id).job is not None}  # type: ignore[union-attr]
    assert failure == {
        "character_swap.create": "faceswap_fail_reason",
        "video_translation.create": "error_reason",
        "lipsync.create": None,
        "talking_photo.create": None,
        "talking_avatar.create": None,
        "avatars.create": None,
    }


def test_completed_video_job_has_result_url() -> None:
    """#videos-failure-reason: "When video_status is 3, the video field will contain the URL"."""
    poll = op("videos.get_result")
    done_without_url = ok({"_id": VIDEO_ID, "video_status": 3, "video": ""})
    assert "data.video" in paths(poll.response_errors(done_without_url))
    assert "data.video" in paths(poll.response_errors(ok({"_id": VIDEO_ID, "video_status": 3})))


def test_avatar_status_field_and_webhook_type() -> None:
    """#avatars-status: integer status 1-4, polled by avatars.get; webhook type "avatar"."""
    create = op("avatars.create")
    assert create.job is not None
    assert create.job.status_field == "status"
    assert create.job.poll_operation == "avatars.get"
    assert create.job.webhook_type == "avatar"
    detail = op("avatars.get")
    assert detail.poll is not None
    assert detail.poll.status_field == "status"
    assert detail.poll.id_in == "query.id"
    empty_status = {**AVATAR_DETAIL_RESPONSE, "data": [{**AVATAR_DETAIL_RESPONSE["data"][0], "status": ""}]}
    assert "data[0].status" in paths(detail.response_errors(empty_status))
    assert detail.response_errors(AVATAR_DETAIL_RESPONSE) == []


def test_video_webhook_types() -> None:
    """#video-webhook-types, #audit-webhook-types: documented type strings only."""
    types = {op_id: op(op_id).job.webhook_type for op_id in MY_OPS if op(op_id).job is not None}  # type: ignore[union-attr]
    assert types == {
        "talking_photo.create": "talking photo",
        "video_translation.create": "video translate",
        "lipsync.create": "lipsync",
        "avatars.create": "avatar",
        "talking_avatar.create": "talking photo",
        "character_swap.create": "faceswap",
    }
    webhook_types = load_catalog().webhook.types
    for op_id, type_string in types.items():
        assert webhook_types.get(op_id) == type_string, op_id


def test_avatar_create_type_number_or_string() -> None:
    """#avatars-create-type: type is "String" in the table, 1 in the examples, 2 in the OpenAPI file."""
    create = op("avatars.create")
    for value in (1, 2, "1", "2"):
        assert create.request_errors({"body": {**AVATAR_CREATE_BODY, "type": value}}) == [], value
    for value in (3, "talking", 0):
        assert "body.type" in paths(create.request_errors({"body": {**AVATAR_CREATE_BODY, "type": value}})), (
            value
        )


def test_avatar_create_url_from_optional() -> None:
    """#avatars-create-url-from: required by OpenAPI, absent from the talking-avatar page: optional."""
    create = op("avatars.create")
    assert create.request_errors({"body": AVATAR_CREATE_BODY}) == []
    assert "body.url_from" in paths(create.request_errors({"body": {**AVATAR_CREATE_BODY, "url_from": 3}}))


def test_avatar_create_avatar_id_pattern() -> None:
    """#avatars-create-avatar-id: /^a-zA-Z0-9/ read as ^[a-zA-Z0-9]+$ (OpenAPI)."""
    create = op("avatars.create")
    for bad in ("my avatar", "my_avatar", "a-b", ""):
        errors = create.request_errors({"body": {**AVATAR_CREATE_BODY, "avatar_id": bad}})
        assert "body.avatar_id" in paths(errors), bad


def test_avatar_create_answer_object_or_array() -> None:
    """#avatars-create-shape: OpenAPI answers an object, the talking-avatar page an array of one."""
    create = op("avatars.create")
    assert create.job is not None
    assert create.job.id_path == "data._id"
    assert create.response_errors(ok(AVATAR_RECORD)) == []
    assert create.response_errors(ok([AVATAR_RECORD])) == []
    assert create.response_errors(ok([])) != []
    assert create.response_errors(ok({**AVATAR_RECORD, "status": "1"})) != []


def test_avatar_list_query() -> None:
    """#avatars-list-size: from 2|3, type 1|2, size default 100 with no documented maximum."""
    listing = op("avatars.list")
    assert listing.request_errors({"query": {"from": 3, "type": 1, "page": 2, "size": 500}}) == []
    assert "query.from" in paths(listing.request_errors({"query": {"from": 1}}))
    assert "query.type" in paths(listing.request_errors({"query": {"type": 3}}))
    assert "query.page" in paths(listing.request_errors({"query": {"page": 0}}))
    assert listing.raw["kind"] == "list"


def test_talking_avatar_required_fields() -> None:
    """#talking_avatar-required: width 3840, height 2160, avatar_from and elements are required."""
    create = op("talking_avatar.create")
    for field in ("width", "height", "avatar_from", "elements"):
        body = {k: v for k, v in TALKING_AVATAR_BODY.items() if k != field}
        assert f"body.{field}" in paths(create.request_errors({"body": body})), field
    assert "body.width" in paths(create.request_errors({"body": {**TALKING_AVATAR_BODY, "width": 1920}}))
    assert "body.elements" in paths(create.request_errors({"body": {**TALKING_AVATAR_BODY, "elements": []}}))


def test_talking_avatar_element_rules() -> None:
    """#talking_avatar-elements: placement, input_text with voice_id, hex colour backgrounds."""
    create = op("talking_avatar.create")
    image, avatar, audio = TALKING_AVATAR_BODY["elements"]

    def with_elements(*elements: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {"body": {**TALKING_AVATAR_BODY, **extra, "elements": list(elements)}}

    assert create.request_errors(with_elements({**image, "url": "#ffffff"}, avatar, audio)) == []
    assert create.request_errors(with_elements({**image, "url": "white"}, avatar, audio)) != []
    no_scale = {k: v for k, v in avatar.items() if k != "scale_x"}
    assert "body.elements[1].scale_x" in paths(create.request_errors(with_elements(image, no_scale, audio)))
    text_only = {"type": "audio", "input_text": TA_AUDIO_TEXT, "voice_id": "6889b628662160e2caad5dbc"}
    assert create.request_errors(with_elements(image, avatar, text_only)) == []
    no_voice = {"type": "audio", "input_text": TA_AUDIO_TEXT}
    assert "body.elements[2].voice_id" in paths(create.request_errors(with_elements(image, avatar, no_voice)))
    assert create.request_errors(with_elements(image, avatar, {"type": "audio"})) != []
    assert create.request_errors(with_elements(image, avatar, {**audio, "type": "music"})) != []
    # an official avatar (avatar_from 2) is named by avatar_id
    official = {
        **{k: v for k, v in avatar.items() if k != "url"},
        "avatar_id": "Yasmin_in_White_shirt_20231121",
    }
    assert create.request_errors(with_elements(image, official, audio, avatar_from=2)) == []
    assert create.request_errors(with_elements(image, avatar, audio, avatar_from=2)) != []


def test_talking_avatar_answer_status_is_a_job_status() -> None:
    """#talking_avatar-response-status: the table shows video_status 3, the example 1; any of 1-4 is valid."""
    create = op("talking_avatar.create")
    assert create.response_errors(TALKING_AVATAR_RESPONSE) == []
    bad = ok({**TALKING_AVATAR_RESPONSE["data"], "video_status": 0})
    assert "data.video_status" in paths(create.response_errors(bad))


def test_lipsync_required_and_id_field() -> None:
    """#lipsync-required: video_url and audio_url required; the job id is _id (the table says id)."""
    create = op("lipsync.create")
    assert "body.video_url" in paths(
        create.request_errors({"body": {"audio_url": LIPSYNC_BODY["audio_url"]}})
    )
    assert "body.audio_url" in paths(
        create.request_errors({"body": {"video_url": LIPSYNC_BODY["video_url"]}})
    )
    no_id = ok({k: v for k, v in LIPSYNC_CREATE_RESPONSE["data"].items() if k != "_id"})
    assert "data._id" in paths(create.response_errors(no_id))
    assert create.job is not None
    assert create.job.id_path == "data._id"


# ---------------------------------------------------------------- a valid and an invalid request per op

VALID_AND_INVALID: list[tuple[str, dict[str, Any], dict[str, Any], str]] = [
    ("videos.get_result", {"query": {"video_model_id": VIDEO_ID}}, {"query": {}}, "query.video_model_id"),
    (
        "character_swap.create",
        {"body": CS_CREATE_BODY},
        {"body": {**CS_CREATE_BODY, "image": "character.png"}},
        "body.image",
    ),
    ("lipsync.create", {"body": LIPSYNC_BODY}, {"body": {**LIPSYNC_BODY, "video_url": 12}}, "body.video_url"),
    (
        "talking_photo.create",
        {"body": TALKING_PHOTO_BODIES[1]},
        {"body": {"audio_url": "https://e.example/a.mp3"}},
        "body.talking_photo_url",
    ),
    (
        "talking_avatar.create",
        {"body": TALKING_AVATAR_BODY},
        {"body": {**TALKING_AVATAR_BODY, "avatar_from": 1}},
        "body.avatar_from",
    ),
    ("avatars.create", {"body": AVATAR_CREATE_BODY}, {"body": {**AVATAR_CREATE_BODY, "url": ""}}, "body.url"),
    ("avatars.list", {"query": {"type": 1}}, {"query": {"size": 0}}, "query.size"),
    ("avatars.get", {"query": {"id": "66a1a02d591ad336275eda62"}}, {"query": {"id": ""}}, "query.id"),
    (
        "video_translation.create",
        {"body": VT_BODIES[1]},
        {"body": {**VT_BODIES[1], "caption_type": 5}},
        "body.caption_type",
    ),
    ("video_translation.list_languages", {"query": {}}, {"body": {"x": 1}}, ""),
]


@pytest.mark.parametrize(
    ("op_id", "valid", "invalid", "field"), VALID_AND_INVALID, ids=[v[0] for v in VALID_AND_INVALID]
)
def test_valid_and_invalid_request(
    op_id: str, valid: dict[str, Any], invalid: dict[str, Any], field: str
) -> None:
    operation = op(op_id)
    assert operation.request_errors(valid) == []
    errors = operation.request_errors(invalid)
    assert errors, "the invalid request was accepted"
    assert field in paths(errors)


def test_error_answers_use_the_error_envelope() -> None:
    for op_id in MY_OPS:
        assert op(op_id).response_errors({"code": 1003, "msg": "Parameter error"}) == []
        assert op(op_id).response_errors({"code": 1003}) != []


def test_catalog_entries() -> None:
    routes = {op_id: (op(op_id).method, op(op_id).host, op(op_id).path, op(op_id).kind) for op_id in MY_OPS}
    host = "openapi.akool.com"
    assert routes == {
        "videos.get_result": ("GET", host, "/api/open/v3/content/video/infobymodelid", "job_poll"),
        "character_swap.create": ("POST", host, "/api/open/v4/characterSwap/create", "job_create"),
        "lipsync.create": ("POST", host, "/api/open/v3/content/video/lipsync", "job_create"),
        "talking_photo.create": (
            "POST",
            host,
            "/api/open/v3/content/video/createbytalkingphoto",
            "job_create",
        ),
        "talking_avatar.create": ("POST", host, "/api/open/v3/talkingavatar/create", "job_create"),
        "avatars.create": ("POST", host, "/api/open/v3/avatar/create", "job_create"),
        "avatars.list": ("GET", host, "/api/open/v3/avatar/list", "list"),
        "avatars.get": ("GET", host, "/api/open/v3/avatar/detail", "job_poll"),
        "video_translation.create": (
            "POST",
            host,
            "/api/open/v3/content/video/createbytranslate",
            "job_create",
        ),
        "video_translation.list_languages": ("GET", host, "/api/open/v3/language/list", "list"),
    }


# ---------------------------------------------------------------- extracted doc examples (examples.json)


def _load_examples() -> list[dict[str, Any]]:
    if not EXAMPLES.exists():
        return []
    entries = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    if isinstance(entries, dict):
        entries = entries.get("examples", list(entries.values()))
    return [e for e in entries if isinstance(e, dict) and e.get("operation") in MY_OPS]


def _load_defects() -> dict[str, Any]:
    if not DEFECTS.exists():
        return {}
    return dict(json.loads(DEFECTS.read_text(encoding="utf-8")))


EXTRACTED = _load_examples()


def _request_instance(operation: Operation, parsed: Any) -> dict[str, Any]:
    if isinstance(parsed, dict) and set(parsed) <= {"body", "query", "path"} and parsed:
        return parsed
    if operation.method == "GET":
        return {"query": parsed if isinstance(parsed, dict) else {}}
    return {"body": parsed}


@pytest.mark.skipif(not EXTRACTED, reason="fixtures/docs/examples.json is not there yet")
@pytest.mark.parametrize("entry", EXTRACTED, ids=[str(e.get("id")) for e in EXTRACTED])
def test_extracted_doc_examples(entry: dict[str, Any]) -> None:
    parsed = entry.get("parsed")
    if parsed is None:
        pytest.skip("the example is not JSON (the extractor could not parse it)")
    operation = op(entry["operation"])
    if entry.get("direction") == "request":
        errors = operation.request_errors(_request_instance(operation, parsed))
    else:
        errors = operation.response_errors(parsed)
    defect = _load_defects().get(str(entry["id"]))
    if defect is not None:
        assert errors, f"{entry['id']} is listed as a doc defect but validates"
        assert defect["field"] in paths(errors)
        return
    assert errors == []
