"""Creates that name what an earlier create made: the request must fit it, or it is refused with the
documented code (and charges nothing).

They need earlier things on the target (the world makes them on a writable, controllable target), and
they cost credits: on the live target they run only with --akool-allow-costly.
"""

from __future__ import annotations

import pytest

from akool_mock.contract_tests import checks
from akool_mock.contract_tests.resources import UPLOAD_URL
from akool_mock.contract_tests.stateful import Harness
from akool_mock.contract_tests.targets import may_run
from akool_mock.contract_tests.world import FACE, HAND_MADE, World, seed_body
from akool_mock.schemas import load_catalog

LIPSYNC_TWICE = 1202  # current/ai-tools-suite/video-translation.mdx error table


def _may_create(harness: Harness, op_id: str) -> None:
    if not may_run(harness.target, op_id):
        pytest.skip(f"{op_id} costs credits: the live target runs it only with --akool-allow-costly")


def test_a_head_swap_mapping_names_a_person_the_analysis_found(harness: Harness, world: World) -> None:
    """A head swap mapping whose obj_id the video's analysis did not detect is refused with 1003 naming
    obj_id, and charges nothing (current/ai-tools-suite/head-swap/create.mdx: "Each obj_id must exist in
    analysis_result.media for that analysis")."""
    _may_create(harness, "headswap.create_task")
    analyses = world.refs_for(load_catalog().operation("headswap.get_analysis")).get("_id", [])
    if not analyses:
        pytest.skip("no analysed video on this target (the world makes one on a controllable target)")
    analysis = harness.call("headswap.get_analysis", query={"_id": analyses[0]})
    checks.succeeded(analysis)
    media = analysis.data["analysis_result"]["media"]
    missing = max((int(item["obj_id"]) for item in media), default=-1) + 1
    body = {**HAND_MADE["headswap.create_task"], "mappings": [{"obj_id": missing, "img_url": FACE["path"]}]}
    before = harness.credit()
    exchange = harness.call("headswap.create_task", body=body)
    checks.names_the_field("mappings[0].obj_id")(exchange)
    if harness.credit() != before:
        raise checks.CheckFailure(exchange, "a refused head swap task charged credits")


def test_a_video_is_translated_with_lipsync_once_per_language(harness: Harness, world: World) -> None:
    """The same video cannot be translated with lip-sync into the same language twice: the second create
    answers 1202 and charges nothing (current/ai-tools-suite/video-translation.mdx error table)."""
    op = load_catalog().operation("video_translation.create")
    _may_create(harness, op.id)
    languages = world.refs_for(op).get("language") or [seed_body(op)["language"]]
    body = {**seed_body(op), "url": "https://videos.example.com/clips/translate-me.mp4"}
    body.update(language=languages[0], lipsync=True)
    checks.succeeded(harness.call(op.id, body=body))
    before = harness.credit()
    again = harness.call(op.id, body=body)
    checks.answers(LIPSYNC_TWICE)(again)
    if harness.credit() != before:
        raise checks.CheckFailure(again, "a refused translation charged credits")


@pytest.mark.parametrize("key", ["voice_id", "_id"])
def test_a_talking_avatar_names_an_akool_voice_by_either_id(key: str, harness: Harness) -> None:
    """An audio element without a url speaks its input_text in the voice it names, by the voice's voice_id
    or its _id (schemas/NOTES.md #talking_avatar-references: "by voice_id or _id as VoiceLab accepts"): an
    Akool voice (current/ai-tools-suite/voiceLab.mdx List Voices, type 2) is accepted either way."""
    op = load_catalog().operation("talking_avatar.create")
    _may_create(harness, op.id)
    voices = harness.call("voices.list", query={"type": 2, "size": 1})
    checks.succeeded(voices)
    if not voices.data["result"]:
        pytest.skip("the target lists no Akool voice")
    voice = voices.data["result"][0][key]
    body = seed_body(op)
    body["elements"] = [
        {k: v for k, v in element.items() if k != "url"} | {"voice_id": voice}
        if element.get("type") == "audio"
        else element
        for element in body["elements"]
    ]
    checks.succeeded(harness.call(op.id, body=body))


def test_an_avatar_uploaded_again_after_a_failed_upload_is_the_one_a_talking_avatar_uses(
    harness: Harness,
) -> None:
    """A failed upload frees its avatar_id (schemas/NOTES.md #avatars-upload-server): the id uploads again
    (1000), and once that upload is ready a talking avatar naming it is made (1000), not refused for the
    failed one (current/ai-tools-suite/talking-avatar.mdx: avatar_from 3 is an uploaded avatar)."""
    _may_create(harness, "talking_avatar.create")
    target = harness.target
    if not target.controllable:
        pytest.skip("needs a target whose uploads can be made to fail and complete")
    avatar_id = "contractReupload"
    upload = {"url": UPLOAD_URL, "avatar_id": avatar_id, "name": avatar_id, "type": 1}
    jobs = []
    for outcome in ("fail", "complete"):
        exchange = harness.call("avatars.create", body=upload)
        checks.succeeded(exchange)
        jobs.append(str(exchange.item["_id"]))
        if outcome == "fail":
            target.fail(jobs[-1], "no face found in the video")
        else:
            target.complete(jobs[-1])
    op = load_catalog().operation("talking_avatar.create")
    body = seed_body(op) | {"avatar_from": 3}
    body["elements"] = [
        element | {"avatar_id": avatar_id} if element.get("type") == "avatar" else element
        for element in body["elements"]
    ]
    checks.succeeded(harness.call(op.id, body=body))
