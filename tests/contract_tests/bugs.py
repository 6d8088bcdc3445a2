"""The curated bug set: realistic bugs of an Akool server, each as a small patch of the fake.

Each bug is a pytest plugin source (loaded with `-p broken_fake` before the suite) that breaks ONE rule the
README says the suite checks, the `-k` selection of the suite that must catch it, and a line the failure
must print. `tests/contract_tests/test_curated_bugs.py` runs the suite against each and asserts it is caught.
Most patches rewrite what crosses the wire (`Pipeline.handle`), so they survive refactors of the fake's
inside; the rest patch a seam with a stable contract (the webhook crypto, the credit charge).
"""

from __future__ import annotations

from dataclasses import dataclass

# Wraps Pipeline.handle: `before(request) -> request` and `after(request, answer) -> None` are the bug.
WIRE = """
import dataclasses, json
from akool_mock.mock_server.pipeline import Pipeline

_handle = Pipeline.handle

def before(request):
    return request

def after(request, answer):
    return None

def handle(self, request):
    request = before(request)
    answer = _handle(self, request)
    after(request, answer)
    return answer

Pipeline.handle = handle

def rewrite(answer, change):
    try:
        body = json.loads(answer.body)
    except ValueError:
        return
    change(body)
    answer.body = json.dumps(body).encode()

def sent(request):
    return json.loads(request.body or b"{}")

def rewritten(request, change):
    body = sent(request)
    change(body)
    return dataclasses.replace(request, body=json.dumps(body).encode())
"""


@dataclass(frozen=True)
class Bug:
    name: str
    rule: str  # the README's rule it breaks
    source: str  # the plugin that breaks the fake
    selection: str  # the -k expression of the suite tests that must catch it
    says: str  # an fnmatch pattern the failure output must contain


def wire(code: str) -> str:
    return WIRE + code


BUGS: tuple[Bug, ...] = (
    Bug(
        "renamed_result_field",
        "a completed job's result URL is where the contract says",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v3/faceswap/result/listbyids":
        def change(b):
            for item in (b.get("data") or {}).get("result", []):
                if "url" in item:
                    item["result_url"] = item.pop("url")
        rewrite(answer, change)
"""
        ),
        "test_job_lifecycle and create_image_pro",
        # the example-fields check sees the missing url first (the lifecycle would: completed without one)
        "*the docs' example carries: data.result*url*",
    ),
    Bug(
        "string_for_number",
        "each answer conforms to the response schema",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v3/faceswap/quota/info":
        rewrite(answer, lambda b: b["data"].update(credit=str(b["data"]["credit"])))
"""
        ),
        "test_generated and get_quota",
        "*does not conform to the response schema*",
    ),
    Bug(
        "wrong_auth_code",
        "missing credentials answer 1102, wrong ones 1101",
        wire(
            """
def after(request, answer):
    rewrite(answer, lambda b: b.update(code=1101) if b.get("code") == 1102 else None)
"""
        ),
        "test_missing_and_wrong_credentials and get_quota",
        "*1102*",
    ),
    Bug(
        "missing_required_accepted",
        "a missing required field answers 1003 naming it",
        wire(
            """
def before(request):
    if request.path == "/api/open/v3/faceswap/highquality/specifyimage":
        url = "https://images.example.com/photos/team.png"
        return rewritten(request, lambda b: b.setdefault("modifyImage", url))
    return request
"""
        ),
        "test_every_required_field_missing and create_image",
        "*modifyImage*",
    ),
    Bug(
        "status_goes_back",
        "a status never goes back",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v3/faceswap/result/listbyids":
        def change(b):
            for item in (b.get("data") or {}).get("result", []):
                if item.get("faceswap_status") == 3:
                    item["faceswap_status"] = 2
        rewrite(answer, change)
"""
        ),
        "test_job_lifecycle and create_image_pro",
        # caught as a status going back, or as media already served at the status shown (no shrinking)
        "*faceswap.list_results: job * status*",
    ),
    Bug(
        "terminal_status_changes",
        "a terminal status is final",
        wire(
            """
SEEN = set()

def after(request, answer):
    if request.path == "/api/open/v3/faceswap/result/listbyids":
        def change(b):
            for item in (b.get("data") or {}).get("result", []):
                if item.get("faceswap_status") == 3:
                    if item["_id"] in SEEN:
                        item["faceswap_status"] = 4
                    SEEN.add(item["_id"])
        rewrite(answer, change)
"""
        ),
        "test_job_lifecycle and create_image_pro",
        "*left the terminal status 3 for 4*",
    ),
    Bug(
        "deleted_job_still_polled",
        "deleted things are gone",
        wire(
            """
def before(request):
    if request.path == "/api/open/v3/faceswap/result/delbyids":
        return dataclasses.replace(request, body=json.dumps({"_ids": "000000000000000000000000"}).encode())
    return request
"""
        ),
        "test_job_lifecycle and create_image and not plus and not pro",
        "*was deleted but its poll still shows it*",
    ),
    Bug(
        "wrong_media_type",
        "result URLs serve the right media from completion on",
        wire(
            """
def after(request, answer):
    if request.path.startswith("/_mock/media/"):
        answer.content_type = "text/plain"
"""
        ),
        "test_job_lifecycle and create_image_pro",
        "*answered HTTP 200 'text/plain*",
    ),
    Bug(
        "double_charge",
        "credits are charged once",
        """
from akool_mock.mock_server.state import Backend

_charge = Backend.charge

def charge(self, account, amount, *args, **kwargs):
    _charge(self, account, amount, *args, **kwargs)
    if amount > 0 and account.credits >= amount:
        _charge(self, account, amount, *args, **kwargs)

Backend.charge = charge
""",
        "test_job_lifecycle and create_image_pro",
        "*credit is *, expected *",
    ),
    Bug(
        "unsorted_webhook_signature",
        "every webhook verifies",
        """
import hashlib
from akool_mock.mock_server import crypto

def signature(client_id, timestamp, nonce, data_encrypt):
    joined = "".join([client_id, str(timestamp), str(nonce), data_encrypt])
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()

crypto.signature = signature
""",
        "test_job_lifecycle and create_image_pro",
        "*signature*",
    ),
    Bug(
        "webhook_names_another_id",
        "every webhook names the job by the id its create and polls gave",
        """
import json
from akool_mock.mock_server import crypto

_encrypt = crypto.encrypt

def encrypt(plaintext, client_id, client_secret):
    payload = json.loads(plaintext)
    if isinstance(payload.get("_id"), str):
        payload["_id"] = payload["_id"][::-1]
    return _encrypt(json.dumps(payload), client_id, client_secret)

crypto.encrypt = encrypt
""",
        "test_job_lifecycle and create_image_pro",
        "*webhooks name jobs *, an id no create or poll answer gave*",
    ),
    Bug(
        "cross_account_read",
        "one account never sees another's jobs",
        wire(
            """
from akool_mock.mock_server.settings import DEFAULT_API_KEY

def before(request):
    if request.path == "/api/open/v3/faceswap/result/listbyids":
        headers = {**request.headers, "x-api-key": DEFAULT_API_KEY}
        headers.pop("authorization", None)
        return dataclasses.replace(request, headers=headers)
    return request
"""
        ),
        "test_job_lifecycle and create_image_pro",
        "*shown to another account's poll*",
    ),
    Bug(
        "list_ignores_paging",
        "lists honour page and size",
        wire(
            """
def before(request):
    if request.path == "/api/open/v4/voice/list":
        query = {k: v for k, v in request.query.items() if k not in ("page", "size")}
        return dataclasses.replace(request, query=query)
    return request
"""
        ),
        "test_page_and_size_are_honoured and voices",
        "*holds * items*",
    ),
    Bug(
        "webhook_url_ignored",
        "every job created with a webhookUrl delivers its outcome",
        wire(
            """
def before(request):
    try:
        body = sent(request)
    except ValueError:
        return request
    if isinstance(body, dict) and body.pop("webhookUrl", None) is not None:
        return dataclasses.replace(request, body=json.dumps(body).encode())
    return request
"""
        ),
        "test_job_lifecycle and create_image_pro",
        "*no webhook was delivered for it*",
    ),
    Bug(
        "not_found_names_no_field",
        "an id the target cannot hold answers the documented not-found code naming the field",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v3/audio/infobymodelid":
        rewrite(answer, lambda b: b.update(msg="content not exist") if b.get("code") == 1008 else None)
"""
        ),
        "test_an_id_the_target_cannot_hold and audio",
        "*names no field audio_model_id*",
    ),
    Bug(
        "not_found_code_of_another_area",
        "an id the target cannot hold answers the documented not-found code naming the field",
        wire(
            """
def after(request, answer):
    if request.path.startswith("/api/open/v4/voice/detail/"):
        rewrite(answer, lambda b: b.update(code=1008) if b.get("code") == 1014 else None)
"""
        ),
        "test_an_id_the_target_cannot_hold and voices",
        "*an id it cannot hold answered code 1008*",
    ),
    Bug(
        "unknown_voice_deleted",
        "an id the target cannot hold answers the documented not-found code naming the field",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v4/voice/del":
        def change(b):
            data = b.get("data") or {}
            refused = data.pop("noPermissionVoices", [])
            data["successIds"] = data.get("successIds", []) + [v["_id"] for v in refused]
            data["noPermissionVoices"] = []
        rewrite(answer, change)
"""
        ),
        "test_an_id_the_target_cannot_hold and voices",
        "*is not listed as refused*",
    ),
    Bug(
        "held_avatar_refused",
        "an id the target listed or made itself is found",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v3/avatar/detail":
        wanted = request.query.get("id")
        def change(b):
            if b.get("code") == 1000:
                b.clear()
                b.update(code=1008, msg=f"id: avatar {wanted} not found")
        rewrite(answer, change)
"""
        ),
        "test_generated and avatars and get",
        "*which it listed or made itself*",
    ),
    Bug(
        "unknown_path_200",
        "an unknown path answers HTTP 404 with code 1008",
        wire(
            """
def after(request, answer):
    if answer.status == 404:
        answer.status = 200
"""
        ),
        "test_a_path_beside_an_operation and get_quota",
        "*expected HTTP 404 with code 1008, got HTTP 200*",
    ),
    Bug(
        "bearer_ignored",
        "a token from auth.get_token authenticates as a Bearer token; a wrong one answers 1101",
        wire(
            """
def before(request):
    headers = {k: v for k, v in request.headers.items() if k != "authorization"}
    return dataclasses.replace(request, headers=headers)
"""
        ),
        "test_a_token_from_the_right_secret",
        "*expected code 1000, got 1102*",
    ),
    Bug(
        "token_for_any_secret",
        "auth.get_token refuses a wrong secret with 1101",
        """
from akool_mock.mock_server.state import Backend

_issue = Backend.issue_token

def issue_token(self, client_id, client_secret):
    account = self.accounts.get(client_id)
    return _issue(self, client_id, account.api_key if account else client_secret)

Backend.issue_token = issue_token
""",
        "test_a_token_from_the_right_secret",
        "*expected code 1101, got 1000*",
    ),
    Bug(
        "dropped_example_field",
        "every success carries the fields of the docs' example answer",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v3/faceswap/result/listbyids":
        def change(b):
            for item in (b.get("data") or {}).get("result", []):
                item.pop("userId", None)
        rewrite(answer, change)
"""
        ),
        "test_job_lifecycle and create_image_pro",
        "*lacks fields the docs' example carries: data.result[].userId*",
    ),
    Bug(
        "request_field_ignored",
        "what a create sends shows in its poll under the same name",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v4/image2Video/resultsByIds":
        def change(b):
            for item in (b.get("data") or {}).get("result", []):
                item["prompt"] = ""
        rewrite(answer, change)
"""
        ),
        "test_job_lifecycle and image2video.create",
        "*shows other values than its create sent: prompt*",
    ),
    Bug(
        "list_filter_ignored",
        "a list filter keeps exactly the matching items",
        wire(
            """
def before(request):
    if request.path == "/api/open/v3/avatar/list":
        query = {k: v for k, v in request.query.items() if k not in ("from", "type")}
        return dataclasses.replace(request, query=query)
    return request
"""
        ),
        "test_filtered_lists and avatars",
        "*lists items whose * differs*",
    ),
    Bug(
        "charge_rounded_up",
        "a create charges the docs' price for what it asked",
        """
import math
from akool_mock.mock_server.state import Backend

_charge = Backend.charge

def charge(self, account, amount, *args, **kwargs):
    _charge(self, account, math.ceil(amount), *args, **kwargs)

Backend.charge = charge
""",
        "test_a_create_charges and voices",
        "*the create charged * credits; the docs' price is *",
    ),
    Bug(
        "closed_live_session_updated",
        "a closed live face swap session refuses updates with 1010",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v3/faceswap/live/update":
        rewrite(answer, lambda b: b.update(code=1000, msg="OK") if b.get("code") == 1010 else None)
"""
        ),
        "test_resource_lifecycle and live_faceswap",
        "*expected code 1010*",
    ),
    Bug(
        "closed_at_moves",
        "closing a closed streaming session answers its first closed_at",
        wire(
            """
CLOSES = {}

def after(request, answer):
    if request.path == "/api/open/v4/liveAvatar/session/close":
        def change(b):
            data = b.get("data") or {}
            if "closed_at" in data:
                seen = CLOSES.setdefault(data.get("session_id"), 0)
                data["closed_at"] += 1000 * seen
                CLOSES[data.get("session_id")] = seen + 1
        rewrite(answer, change)
"""
        ),
        "test_resource_lifecycle and streaming",
        "*closing again says*",
    ),
    Bug(
        "uploaded_avatar_unlisted",
        "an uploaded streaming avatar is in the streaming avatar list",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v4/liveAvatar/avatar/list":
        def change(b):
            data = b.get("data") or {}
            data["result"] = [item for item in data.get("result", []) if item.get("from") != 3]
        rewrite(answer, change)
"""
        ),
        "test_resource_lifecycle and streaming",
        "*is missing from the list*",
    ),
    Bug(
        "unknown_voice_delete_unnamed",
        "deleting an id that is no voice names it in noPermissionVoices",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v4/voice/del":
        def change(b):
            for item in (b.get("data") or {}).get("noPermissionVoices") or []:
                item["msg"] = "resource not found"
        rewrite(answer, change)
"""
        ),
        "test_resource_lifecycle and voices",
        "*must list it with a message naming it*",
    ),
    Bug(
        "jobs_ignore_the_clock",
        "a job on the clock's lifecycle finishes once the clock has moved past its durations",
        """
from akool_mock.mock_server.jobs import JobEngine

JobEngine.tick = lambda self, now: 0
""",
        "test_job_lifecycle and create_image_pro",
        "*after the clock moved a day*",
    ),
    Bug(
        "undetected_obj_id_accepted",
        "a head swap mapping names a person the analysis found",
        wire(
            """
def before(request):  # an obj_id the analysis did not find falls back to its first person
    if request.path == "/api/open/v4/headswap/task/create":
        def change(body):
            for mapping in body.get("mappings") or []:
                mapping["obj_id"] = 0
        return rewritten(request, change)
    return request
"""
        ),
        "test_a_head_swap_mapping",
        "*expected code 1003*",
    ),
    Bug(
        "lipsync_translated_twice",
        "a video is translated with lip-sync once per language",
        wire(
            """
SENT = [0]

def before(request):  # earlier translations are forgotten: each create looks like a new video
    if request.path == "/api/open/v3/content/video/createbytranslate":
        def change(body):
            SENT[0] += 1
            body["url"] = f"{body.get('url')}?copy={SENT[0]}"
        return rewritten(request, change)
    return request
"""
        ),
        "test_a_video_is_translated",
        "*expected code 1202*",
    ),
    Bug(
        "detect_boxes_as_corners",
        "face detection boxes lie inside the picture sent",
        wire(
            """
def after(request, answer):  # boxes answered as [x1, y1, x2, y2], not [x, y, width, height]
    if request.path == "/interface/detect-api/detect_faces":
        def change(b):
            for frame in (b.get("faces_obj") or {}).values():
                frame["region"] = [[x, y, x + w, y + h] for x, y, w, h in frame.get("region") or []]
        rewrite(answer, change)
"""
        ),
        "test_boxes_fit",
        "*does not fit the *picture sent*",
    ),
    Bug(
        "detect_removed_always_empty",
        "a video's frames list the previous frame's faces as removed",
        wire(
            """
def after(request, answer):
    if request.path == "/interface/detect-api/detect_faces":
        def change(b):
            for frame in (b.get("faces_obj") or {}).values():
                frame["removed"] = []
        rewrite(answer, change)
"""
        ),
        "test_video_frames_track",
        "*removed [], the previous frame showed*",
    ),
    Bug(
        "detect_legacy_ignores_img",
        "the legacy detector reads a picture sent as img",
        wire(
            """
def after(request, answer):  # the legacy detector reads image_url only
    if request.path == "/detect" and not sent(request).get("image_url"):
        def change(b):
            b.update(error_code=1, error_msg="image_url is required")
            for name in ("landmarks", "landmarks_str", "region", "seconds"):
                b.pop(name, None)
        rewrite(answer, change)
"""
        ),
        "test_boxes_fit and detect_legacy",
        "*detect_legacy: a valid picture was answered 1 'image_url is required'*",
    ),
    Bug(
        "detect_webp_refused",
        "a WEBP sent as img is read",
        wire(
            """
import base64

def after(request, answer):  # WEBP is a supported format (face-detection.mdx), but not read here
    if request.path == "/interface/detect-api/detect_faces":
        img = str(sent(request).get("img") or "")
        if base64.b64decode(img[:16] + "=" * (-len(img[:16]) % 4)).startswith(b"RIFF"):
            text = "Failed to process media"
            rewrite(answer, lambda b: b.update(error_code=1, error_msg=text, faces_obj={}))
"""
        ),
        "test_a_webp_is_read",
        "*a valid picture was answered 1 'Failed to process media'*",
    ),
    Bug(
        "detect_video_crops_dropped",
        "with return_face_url every frame carries one crop per face",
        wire(
            """
def after(request, answer):  # crops made for the first frame of a video only
    if request.path == "/interface/detect-api/detect_faces":
        def change(b):
            for key, frame in (b.get("faces_obj") or {}).items():
                if key != "0":
                    frame.update(face_urls=None, crop_region=None, crop_landmarks=None)
        rewrite(answer, change)
"""
        ),
        "test_video_frames_track",
        "*face_urls, 0 crop_region, 0 crop_landmarks*",
    ),
    Bug(
        "detect_url_ignored",
        "a URL sent to detect_faces is used",
        wire(
            """
def after(request, answer):  # only img is read: a URL reads as no input at all
    if request.path == "/interface/detect-api/detect_faces" and sent(request).get("url"):
        text = "Either 'url' or 'img' parameter must be provided"
        rewrite(answer, lambda b: b.update(error_code=1, error_msg=text, faces_obj={}))
"""
        ),
        "test_video_frames_track",
        "*a well-formed URL was answered 1*",
    ),
    Bug(
        "detect_error_without_faces_obj",
        "a detect_faces error carries faces_obj {}",
        wire(
            """
def after(request, answer):  # errors answered as {error_code, error_msg} only
    if request.path == "/interface/detect-api/detect_faces":
        rewrite(answer, lambda b: b.pop("faces_obj") if b.get("error_code") else None)
"""
        ),
        "test_request_errors_keep_an_empty_faces_obj",
        "*the error carries faces_obj None, not {}*",
    ),
    Bug(
        "tts_duration_before_audio",
        "a TTS answer shows duration 0 until completed and a file_name ending with its format (default mp3)",
        wire(
            """
def after(request, answer):  # the length is shown before the audio exists
    if request.path == "/api/open/v4/voice/tts":
        def change(b):
            data = b.get("data") or {}
            if data.get("status") != 3 and "duration" in data:
                data["duration"] = 1000
        rewrite(answer, change)
"""
        ),
        "test_a_tts_answer",
        "*shows duration 1000, not 0*",
    ),
    Bug(
        "tts_format_default_lost",
        "a TTS answer shows duration 0 until completed and a file_name ending with its format (default mp3)",
        wire(
            """
def after(request, answer):  # without a format the file is named after none
    if request.path == "/api/open/v4/voice/tts":
        audio = ((sent(request).get("extra_options") or {}).get("audio_setting") or {})
        def change(b):
            data = b.get("data") or {}
            if "format" not in audio and "file_name" in data:
                data["file_name"] = data["file_name"].rsplit(".", 1)[0] + ".wav"
        rewrite(answer, change)
"""
        ),
        "test_a_tts_answer",
        "*format mp3 (default mp3): file_name*",
    ),
    Bug(
        "list_default_size_10",
        "a list without page or size is page 1 of the documented default size",
        wire(
            """
def before(request):
    if request.path == "/api/open/v3/avatar/list" and "size" not in request.query:
        return dataclasses.replace(request, query={**request.query, "size": "10"})
    return request
"""
        ),
        "test_a_list_without_page_or_size",
        "*without page and size it lists 10 items*",
    ),
    Bug(
        "text2video_defaults_shown_wrong",
        "a text to video batch shows extend_prompt false when left out and batch_count as the videos made",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v4/text2Video/createByPrompt/batch":
        asked = sent(request)
        def change(b):
            for video in (b.get("data") or {}).get("successList") or []:
                if "extend_prompt" not in asked:
                    video["extend_prompt"] = True
        rewrite(answer, change)
"""
        ),
        "test_a_text_to_video_batch",
        "*extend_prompt left out shows True*",
    ),
    Bug(
        "deprecated_operation_served",
        "an operation the 2026 docs call deprecated answers 1008 on the default fake and charges nothing",
        """
from akool_mock.mock_server.handlers import deprecation

deprecation.refusal = lambda call: None  # the 2026 refusal forgotten: served as before
""",
        "test_a_deprecated_operation",
        "*a deprecated operation answered code 1000, not 1008*",
    ),
    Bug(
        "knowledge_urls_dropped",
        "a knowledge base keeps the docs and urls it was made with",
        wire(
            """
def before(request):  # the create forgets the web pages it was given
    if request.path == "/api/open/v4/knowledge/create":
        return rewritten(request, lambda b: b.pop("urls", None))
    return request
"""
        ),
        "test_resource_lifecycle and knowledge",
        "*shows urls [], not*",
    ),
    Bug(
        "knowledge_rename_ignored",
        "renaming a knowledge base to another's name is refused with 1233 and keeps its name",
        wire(
            """
def before(request):  # the update drops the name: a clash is never seen, the call answers 1000
    if request.path == "/api/open/v4/knowledge/update":
        return rewritten(request, lambda b: b.pop("name", None))
    return request
"""
        ),
        "test_resource_lifecycle and knowledge",
        "*expected code 1233, got 1000*",
    ),
    Bug(
        "voice_change_generated_file_name",
        "a voice change is named after its source file",
        wire(
            """
def after(request, answer):  # a generated name, as a text-to-speech result has
    if request.path == "/api/open/v4/voice/change":
        def change(b):
            if isinstance(b.get("data"), dict):
                b["data"]["file_name"] = "1ef1d76ebfc244f7a30430f7049d6ebc.mp3"
        rewrite(answer, change)
"""
        ),
        "test_generated_requests_get_conforming_answers and voices.change",
        "*not its source file's name*",
    ),
    Bug(
        "akool_voice_reported_deleted",
        "deleting an Akool voice deletes nothing and names it in noPermissionVoices",
        wire(
            """
def after(request, answer):  # an Akool voice's refusal reported as a deletion
    if request.path == "/api/open/v4/voice/del":
        def change(b):
            data = b.get("data") or {}
            stock = [i for i in data.get("noPermissionVoices") or [] if "no permission" in str(i.get("msg"))]
            data["noPermissionVoices"] = [i for i in data.get("noPermissionVoices") or [] if i not in stock]
            data["successIds"] = [*(data.get("successIds") or []), *(i["_id"] for i in stock)]
        rewrite(answer, change)
"""
        ),
        "test_resource_lifecycle and voices",
        "*must list it with a message naming it*",
    ),
    Bug(
        "talking_avatar_voice_by_voice_id_only",
        "a talking avatar names an Akool voice by its voice_id or its _id",
        wire(
            """
import re

def before(request):  # voices looked up by voice_id only: an element naming a voice's 24-hex _id finds none
    if request.path == "/api/open/v3/talkingavatar/create":
        def change(body):
            for element in body.get("elements") or []:
                if re.fullmatch("[0-9a-f]{24}", str(element.get("voice_id"))):
                    element["voice_id"] += "-not-a-voice_id"
        return rewritten(request, change)
    return request
"""
        ),
        "test_a_talking_avatar_names_an_akool_voice_by_either_id",
        "*expected code 1000, got 1003*voice_id*",
    ),
    Bug(
        "kind_field_dropped",
        "a job kind's poll shows the fields its own page shows",
        wire(
            """
def after(request, answer):  # talking photos lose their resolution (a poll shared with other video kinds)
    if request.path == "/api/open/v3/content/video/infobymodelid":
        rewrite(answer, lambda b: (b.get("data") or {}).pop("resolution", None))
"""
        ),
        "test_job_lifecycle and talking_photo",
        "*resolution is missing*",
    ),
    Bug(
        "picture_swap_billed_by_duration",
        "a face swap of a picture deducts no duration, and a failed job says it cost 0",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v3/faceswap/result/listbyids":
        def change(b):
            for item in (b.get("data") or {}).get("result", []):
                item["deduction_duration"] = 10
        rewrite(answer, change)
"""
        ),
        "test_job_lifecycle and create_image_pro",
        "*deduction_duration is 10 for a face swap of a picture*",
    ),
    Bug(
        "moderation_without_conclusion",
        "a finished moderation's result ends with the line 'Result: <final_conclusion>'",
        wire(
            """
def after(request, answer):  # the findings without their last line
    if request.path == "/api/open/v3/content/analysis/infobyid":
        def change(b):
            data = b.get("data") or {}
            if data.get("status") == 3:
                data["result"] = data["result"].rpartition("\\n")[0] or "no findings"
        rewrite(answer, change)
"""
        ),
        "test_job_lifecycle and jarvis",
        "*does not end with the line 'Result: *",
    ),
    Bug(
        "promised_url_hidden_until_done",
        "a result URL a create answers is the one every poll shows",
        wire(
            """
def after(request, answer):  # v3 face swaps show no url before they complete
    if request.path == "/api/open/v3/faceswap/result/listbyids":
        def change(b):
            for item in (b.get("data") or {}).get("result", []):
                if item.get("faceswap_status") != 3:
                    item["url"] = ""
        rewrite(answer, change)
"""
        ),
        "test_job_lifecycle and create_image and not plus and not pro",
        "*its create answered*",
    ),
    Bug(
        "used_buttons_forgotten",
        "an image lists the buttons used on it, and the images of its finished upscales",
        wire(
            """
def after(request, answer):
    if request.path == "/api/open/v3/content/image/infobymodelid":
        rewrite(answer, lambda b: (b.get("data") or {}).update(used_buttons=[]))
"""
        ),
        "test_job_lifecycle and create_by_button",
        "*used_buttons lacks it*",
    ),
    Bug(
        "streaming_avatar_available_while_processing",
        "an uploaded streaming avatar shows available only once processed",
        wire(
            """
def after(request, answer):
    if request.path in ("/api/open/v3/avatar/create", "/api/open/v3/avatar/detail"):
        def change(b):
            data = b.get("data")
            for item in data if isinstance(data, list) else [data]:
                if isinstance(item, dict) and item.get("type") == 2:
                    item["available"] = True
        rewrite(answer, change)
"""
        ),
        "test_resource_lifecycle and streaming",
        "*at status 1 shows available True*",
    ),
    Bug(
        "avatar_id_not_unique",
        "a second upload of an avatar_id answers 1222 naming avatar_id",
        wire(
            """
import itertools
_n = itertools.count()

def before(request):  # every upload gets a fresh avatar_id: a duplicate is never refused
    if request.path == "/api/open/v3/avatar/create":
        def change(body):
            body["avatar_id"] = f"{body.get('avatar_id')}x{next(_n)}"
        return rewritten(request, change)
    return request
"""
        ),
        "test_resource_lifecycle and streaming",
        "*must answer 1222 naming avatar_id*",
    ),
    Bug(
        "failed_upload_keeps_its_avatar_id",
        "a failed upload frees its avatar_id for a new upload a talking avatar can use",
        wire(
            """
_seen = set()

def after(request, answer):  # an avatar_id uploaded once is refused for good, failed or not
    if request.path == "/api/open/v3/avatar/create":
        avatar_id = sent(request).get("avatar_id")
        if avatar_id in _seen:
            answer.body = json.dumps({"code": 1222, "msg": f"avatar_id: {avatar_id} already exists"}).encode()
        _seen.add(avatar_id)
"""
        ),
        "uploaded_again",
        "*expected code 1000, got 1222*",
    ),
)
