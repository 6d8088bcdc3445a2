"""Verdicts on the mutants that survived a run of `scripts/mutation.py`, read by `scripts/mutation_report.py`.

mutant name -> ("equivalent", why no client can observe it), ("gap", the test of the suite that would
kill it), or ("artefact", how it was seen killed when run by hand: left out of the score). A name is
mutmut's: module, function (class and method as `xǁClassǁmethod`) and mutant number; names are stable while
the mutated function's source does not change, so each verdict's changed line is kept beside it in
scripts/mutation_judged_lines.json, and the report drops a verdict whose mutant now changes another line.
Equivalent means: no contract (the docs, the schemas) fixes what changed, or the change cannot change an
answer at all.
"""

from __future__ import annotations

EQ, GAP, ARTEFACT = "equivalent", "gap", "artefact"  # artefact: reported surviving, killed when run

# The verdicts of the published run (MUTATION.md); a new run's survivors are judged here again.
VERDICTS: dict[str, tuple[str, str]] = {
    "akool_mock.mock_server.handlers.voices.x__stock__mutmut_18": (
        GAP,
        "A shallow copy of a stock voice: equivalent unless a handler edits its nested parts, which the "
        "suite did not show either way.",
    ),
    "akool_mock.mock_server.handlers.common.x_polled_jobs__mutmut_31": (
        GAP,
        "A poll whose id is blank (spaces pass IdString's minLength 1) answers 1008 with the docs' bare "
        "'content not exist', no longer naming its field; only videos.get_result lets this error through "
        "(the other polls write their own message). The not-found cases send an unheld id, never a blank "
        "one. Killed by a not-found case with a whitespace id that asserts the msg names the id's field.",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_bare_error__mutmut_23": (
        GAP,
        "Errors raised before the handler (request check, auth, credits) lose detect_faces' `faces_obj: {}` "
        "(and the legacy detect's gain one): the error shape requires neither and allows more fields. Killed "
        "by a detect_faces negative case asserting the error carries `faces_obj: {}`, as the OpenAPI error "
        "examples do.",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_detect_faces__mutmut_21": (
        GAP,
        "detect_faces ignores `url`: every URL request answers error_code 1 \"Either 'url' or 'img' "
        'parameter must be provided". The video test returns early on any error_code 1 (a live target may '
        "not reach the URL), and the generated requests allow 1. Killed by accepting error_code 1 for a URL "
        "only with the download-failure or no-faces texts, never the no-input one.",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_detect_legacy__mutmut_28": (
        GAP,
        "The legacy detect ignores `img`: a base64 picture answers error_code 1 (no input), which the "
        "generated requests allow; no test sends the legacy detect a real picture. Killed by the img test of "
        "detect_faces run on detect_legacy too (a PNG sent as img: faces found, or none, inside its size).",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_detect_legacy__mutmut_31": (
        EQ,
        "The default is read only when `img` is empty or absent: then a given `image_url` is read first, and "
        "with both empty the request schema (anyOf: a non-empty image_url or img) refuses the call with 1003 "
        "before the handler.",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_image_size__mutmut_42": (
        GAP,
        'A WEBP sent as img is no longer recognised: detect_faces answers error_code 1 "Failed to process '
        'media" though WEBP is a documented input format (face-detection.mdx). The suite sends PNG and JPEG '
        "only, and allows error 1. Killed by a case sending a WEBP as img that requires faces found, or "
        "none.",
    ),
    "akool_mock.mock_server.handlers.faceswap.x__start__mutmut_24": (
        GAP,
        "A v3 or reage job keeps the URL its submit answered under another field name, so its poll shows url "
        '"" until it completes (then the same URL); the docs\' list example shows the url at '
        "faceswap_status 1. No check compares a poll's url with the submit's. Killed by a lifecycle check "
        "that a v3 job's polls show the url its submit answered.",
    ),
    "akool_mock.mock_server.handlers.image2video.x__effect__mutmut_11": (
        EQ,
        '`get("effects")` without a default: the seeded catalogs always hold `effects` '
        "(fixtures/canonical/effects.json, made at every reset), so the default is never used.",
    ),
    "akool_mock.mock_server.handlers.image2video.x__model_price__mutmut_24": (
        EQ,
        "Without a model a batch may make 11 videos instead of 10: the request schema caps `count` at 10, so "
        "min(count, 11) is min(count, 10), and the over-the-limit message is never written.",
    ),
    "akool_mock.mock_server.handlers.images.x__upscaled_urls__mutmut_20": (
        GAP,
        "A prompt image's `upscaled_urls` stays [] after U-button images made from it complete "
        "(#images-button-source): the button job machine polls the button jobs, never their source. Killed "
        "by a machine step that polls the source image after a U-button job completes and finds that job's "
        "image in upscaled_urls.",
    ),
    "akool_mock.mock_server.handlers.images.x_change_background__mutmut_9": (
        EQ,
        "An invented image_id UUID with version nibble 5 instead of 4 (the same random bits): still a UUID; "
        "the field is undocumented and opaque, no client can rely on its version. (The operation is "
        "deprecated and refused by default, so no test calls it.)",
    ),
    "akool_mock.mock_server.handlers.models.x_list_models__mutmut_16": (
        EQ,
        "Sorting by a constant keeps the catalog's order (a stable sort), and the seeded catalog "
        "(fixtures/canonical/ai_models.json, no varied extras) is already in descending `sort` order: every "
        "answer is the same. (It would show if the fixture listed a model out of order.)",
    ),
    "akool_mock.mock_server.handlers.streaming.x__jwt__mutmut_6": (
        EQ,
        "The invented LiveKit token's header and claims are encoded with another separator (no longer JSON): "
        'still a three-part JWT-shaped string; the docs say only "LiveKit access token", which clients '
        "hand to LiveKit, and the fake runs no LiveKit server that would read it.",
    ),
    "akool_mock.mock_server.handlers.videos.x_create_talking_photo__mutmut_45": (
        GAP,
        "Talking photo answers (create and poll) lose `resolution`: the response schema does not require it, "
        "and the example-field check has no talking photo example to read (the fixtures hold none; "
        'openapi/talking-photo.yaml shows resolution "720"). Killed by adding that example to the '
        "fixtures, or by requiring resolution (#talking_photo-resolution).",
    ),
    "akool_mock.mock_server.handlers.voices.x_change__mutmut_29": (
        GAP,
        "A voice change answers duration 0 ms where it charged for an assumed 12.8 s (the docs' example "
        "shows 12800 at status 1): the schema allows 0, and the price check uses the assumed length, not the "
        "answer's. Killed by checking a changer's deduction_credit against 4.4 credits a minute of the "
        "duration it answers.",
    ),
    "akool_mock.mock_server.jobs.xǁJobEngineǁadd__mutmut_15": (
        GAP,
        "Under the default `time` lifecycle a new job never shows status 2: it stays queued until its "
        "planned end, then jumps to 3 or 4 (no processing poll, no processing webhook). The machines force "
        "outcomes or move the clock a whole day. Killed by a rule that moves the clock just past the queued "
        "duration and expects status 2.",
    ),
    "akool_mock.mock_server.jobs.xǁJobEngineǁcreate__mutmut_67": (
        GAP,
        "Outside the Akool contract: the fake's own `immediate` lifecycle (jobs finished on creation) leaves "
        "jobs queued for good; the contract suite runs the default `time` lifecycle only, by design "
        "(tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.pipeline.x__violation_message__mutmut_14": (
        EQ,
        "Only a violation of the request as a whole has an empty path, and none can occur: the pipeline "
        "builds just the parts (body, query, path) the schema declares, no request schema has a root "
        "combinator, and a missing part is named (`body: required`). The word is never written.",
    ),
    "akool_mock.mock_server.pipeline.xǁPipelineǁ_journal__mutmut_30": (
        EQ,
        "A request without a query is journaled with {} instead of None: the journal's only reader, "
        "JournalEntry.as_dict (control API, dashboard), shows `query or {}`, so {} either way; no log line "
        "shows it.",
    ),
    "akool_mock.mock_server.state.xǁBackendǁcreate_job__mutmut_14": (
        GAP,
        "Outside the Akool contract: the fake's own random failures (`lifecycle.failure_rate`, 0 by default) "
        "never fail a job; the contract suite does not set it by design (tests/mock_server covers it). "
        "Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.state.xǁBackendǁfind_resource__mutmut_1": (
        EQ,
        "A default code no caller uses: knowledge bases and live face swap sessions pass their area's "
        "not-found code every time.",
    ),
    "akool_mock.mock_server.webhooks.xǁDeliveryǁas_dict__mutmut_26": (
        GAP,
        "Outside the Akool contract: the fake's own webhook log in the control API; the contract suite does "
        "not look at it by design (tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_bodies__mutmut_4": (
        GAP,
        "Outside the Akool contract: the fake's own webhook fault injection (a stale timestamp on request, "
        "now an hour ahead instead of behind); the contract suite does not look at it by design "
        "(tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_bodies__mutmut_46": (
        GAP,
        "Outside the Akool contract: the fake's own webhook fault injection (a replayed nonce on request: "
        "the bodies sent are forgotten each time, so nothing is replayed); the contract suite does not look "
        "at it by design (tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁfold__mutmut_47": (
        GAP,
        "Outside the Akool contract: the fake's own bookkeeping of acknowledged webhooks (no delivery is "
        "folded into its job any more, a memory saving; a folded one reads back the same); the contract "
        "suite does not look at it by design (tests/mock_server covers it). Counted as a gap, not as "
        "equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁids__mutmut_22": (
        GAP,
        "Outside the Akool contract: the fake's own webhook log per job (`akool.webhooks`, the control API): "
        "a job's folded deliveries are left out, and an unknown job id raises; the contract suite does not "
        "look at it by design (tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.handlers.avatar_video.x_create_video__mutmut_31": (
        EQ,
        "The answer's top-level `background` is always \"\" instead of the first scene's: no doc ties the "
        'two (avatar.mdx\'s own create example answers background "" for a scene with "#ffffff", which is '
        "what the mutant answers), and `source_data.data` still echoes every scene's background.",
    ),
    "akool_mock.mock_server.handlers.avatars.x_avatar_record__mutmut_13": (
        GAP,
        "An uploaded streaming avatar (type 2) shows `available` true while processing and false once "
        "ready, in avatars.create, avatars.list and avatars.get (openapi/live-avatar.yaml "
        "AvatarDetail.available: usable now); streaming's own view is unaffected and no check reads the "
        "field. Killed by the streaming machine's upload step requiring available false at status 1, and "
        "avatars.get true at status 3.",
    ),
    "akool_mock.mock_server.handlers.avatars.x_create__mutmut_19": (
        GAP,
        'A second upload of an avatar_id answers 1222 with the docs\' bare "Resource already exist" instead '
        "of naming avatar_id (#avatars-upload-server): the suite allows 1222 for avatars.create but never "
        "reads its message, and no case uploads an id twice on purpose. Killed by a case that uploads the "
        "same avatar_id twice and asserts the 1222 msg names avatar_id.",
    ),
    "akool_mock.mock_server.handlers.avatars.x_find_avatar__mutmut_13": (
        GAP,
        "An avatar_id re-uploaded after a failed upload resolves to the failed record (the live one "
        "before): a talking avatar naming it is refused 1003 though its upload completed. No case fails an "
        "upload and uploads the id again. Killed by: upload X, fail it (control API), upload X again, "
        "complete it, then talking_avatar.create naming X requires 1000.",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_detect_faces__mutmut_101": (
        GAP,
        "A video sent with return_face_url answers null face_urls, crop_region and crop_landmarks in every "
        "frame: the schema allows null, and the video test never sets return_face_url (the picture test "
        "does, with an image). Killed by the video test drawing return_face_url and requiring, when set, "
        "one face URL and one crop box inside the frame per region.",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_detect_legacy__mutmut_6": (
        EQ,
        "An invented trx_id UUID without the version 4 bits (the same random bits): still a UUID string; "
        'the docs show trx_id "xxx", a transaction id for tracking, opaque to clients.',
    ),
    "akool_mock.mock_server.handlers.face_detection.x_video_frames__mutmut_36": (
        EQ,
        "A frame's time is (integer frame index) / 25, a multiple of 0.04 with at most two decimals: "
        "rounding to 4 digits gives the same float as rounding to 3, in every answer that shows it.",
    ),
    "akool_mock.mock_server.handlers.faceswap.x_create_v3__mutmut_12": (
        EQ,
        'The submit msg of a video face swap or reage ends "check your input VIDEO." instead of "video.": '
        "the fake's own wording (the docs' Video Reage example itself says \"input image\"), and msg is any "
        "string that clients must not test (#faceswap-msg).",
    ),
    "akool_mock.mock_server.handlers.faceswap.x_create_v4__mutmut_6": (
        EQ,
        "A Face Swap Pro job gets its result URL at submit, as v3 jobs do: the create answer is unchanged "
        "({_id, job_id}, #faceswap-url-at-submit), the URL at completion is the same, and before it the "
        "polls show a URL that does not serve yet, as the docs' list example shows for v3 (url at "
        "faceswap_status 1); no doc says a v4 poll shows none before completion.",
    ),
    "akool_mock.mock_server.handlers.faceswap.x_result_item__mutmut_67": (
        GAP,
        "Image face swap results (and failed video ones) show deduction_duration 1 where the reage list "
        "example of an image job shows 0 and a refunded failure says 0 (#audit-credits-on-failure): the "
        "schema allows any number and no check reads the field. Killed by a lifecycle check that a face "
        "swap image result, and any failed one, shows deduction_duration 0.",
    ),
    "akool_mock.mock_server.handlers.image2video.x__audio_price__mutmut_2": (
        EQ,
        "The Video to Audio table is skipped for the per-second rate, and the packaged table "
        "(data/pricing/image2video.json: 5 s 5, 10 s 10 credits) equals that rate (1 credit a second) times "
        "the length: every length is priced the same.",
    ),
    "akool_mock.mock_server.handlers.image2video.x__model_price__mutmut_81": (
        EQ,
        "The default maxCount is never read: both seeded image to video models "
        "(fixtures/canonical/ai_models.json, made at every reset) carry maxCount 10; and the request schema "
        "caps `count` at 10, so min(count, 11) would be min(count, 10) anyway.",
    ),
    "akool_mock.mock_server.handlers.images.x_change_background__mutmut_11": (
        GAP,
        "Outside the Akool contract: Background Change is deprecated in the 2026 docs and refused with 1008 "
        'by default; only the fake\'s own `deprecated = "serve"` setting reaches this line, where it now '
        "crashes (HTTP 500). The contract suite runs the default by design (tests/mock_server covers "
        "serving it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.handlers.images.x_create_by_button__mutmut_35": (
        GAP,
        "A prompt image's used_buttons gains null instead of the button used on it (the schema would refuse "
        "null items): the button job machine polls the button jobs, never their source afterwards. Killed "
        "by a machine step that polls the source image after a create_by_button and finds the button in "
        "used_buttons.",
    ),
    "akool_mock.mock_server.handlers.images.x_image_view__mutmut_25": (
        GAP,
        "Every image answer shows used_buttons [] even after buttons were used on it: the source image is "
        "never polled after a create_by_button. Killed by the same machine step (the used button is listed "
        "in the source's used_buttons).",
    ),
    "akool_mock.mock_server.handlers.jarvis.x_plan_verdict__mutmut_57": (
        GAP,
        "A completed moderation analysis shows as `result` a media URL (the fake's default for a result "
        'field the plan lacks) instead of the findings ending "Result: <final_conclusion>" '
        "(jarvis-moderator.mdx example): still a string. Killed by a lifecycle check that a completed "
        "analysis's result is not a URL and ends with its final_conclusion.",
    ),
    "akool_mock.mock_server.handlers.models.x_list_models__mutmut_7": (
        EQ,
        "`get(CATALOG)` without a default: the seeded catalogs always hold `ai_models` "
        "(fixtures/canonical/ai_models.json, made at every reset), so the default is never used.",
    ),
    "akool_mock.mock_server.handlers.streaming.x__jwt__mutmut_9": (
        EQ,
        "The invented LiveKit token's header and claims keep their base64 padding: still a three-part "
        'JWT-shaped string; the docs say only "LiveKit access token", which clients hand to LiveKit, and '
        "the fake runs no LiveKit server that would read it.",
    ),
    "akool_mock.mock_server.handlers.voices.x__matches__mutmut_27": (
        GAP,
        "A clone made without a gender tag (its record has no gender) is listed by "
        "`voices.list?type=1&gender=none`, though it shows no gender: no case filters voices by gender "
        '(voices.list is not in lists.FILTERS), let alone on "none". Killed by a gender filtering property '
        "for voices.list whose values include none, over a clone made without gender.",
    ),
    "akool_mock.mock_server.pipeline.xǁPipelineǁ__init____mutmut_14": (
        ARTEFACT,
        "mutmut reported it as surviving, but the suite fails with this mutant active (`cd mutants && "
        "MUTANT_UNDER_TEST='akool_mock.mock_server.pipeline.xǁPipelineǁ__init____mutmut_14' pytest "
        "--pyargs akool_mock.contract_tests.suite --akool-target=inprocess -k 'create_image and "
        "generated'`: every create answers 1003 'body: required'; without it the same selection passes). "
        "As with __init__ mutmut_6 and _8 of the previous run: the fake is built once per session, so "
        "mutmut attributes the constructor to one test only. Left out of the score.",
    ),
    "akool_mock.mock_server.pipeline.xǁPipelineǁhandle__mutmut_89": (
        GAP,
        "Outside the Akool contract: the fake's answer to its own bug (HTTP 500, code 1500 \"akool-mock "
        'internal error", no doc defines it) becomes an exception out of the pipeline (no answer); the '
        "contract suite makes no handler crash and fails on a 500 either way, by design (tests/mock_server "
        "covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.pipeline.xǁPipelineǁhandle__mutmut_96": (
        GAP,
        "Outside the Akool contract: the fake's request journal (control API, dashboard) names no operation "
        "for any request; the contract suite does not look at it by design (tests/mock_server covers it). "
        "Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.x_fold_record__mutmut_2": (
        GAP,
        "Outside the Akool contract: an acknowledged delivery folded into its job reads back with another "
        "status (its payload and body too) in the fake's webhook log and redelivery (control API); the "
        "suite reads the bodies its receiver got, not the log; the contract suite does not look at it by "
        "design (tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.x_unfold_record__mutmut_20": (
        GAP,
        "Outside the Akool contract: reading back a folded delivery raises (the fake's webhook log per job, "
        "redelivery, the control API); the contract suite does not look at it by design (tests/mock_server "
        "covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁDeliveryǁ__init____mutmut_13": (
        GAP,
        "Outside the Akool contract: a delivery made by the fake's redelivery (control API) or restored "
        "from its state file has no due time, so it is never sent (comparing None raises); new deliveries "
        "set theirs after construction. The contract suite does not look at it by design (tests/mock_server "
        "covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁDeliveryǁas_dict__mutmut_19": (
        GAP,
        "Outside the Akool contract: the fake's own webhook log in the control API; the contract suite does "
        "not look at it by design (tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_refusal__mutmut_2": (
        GAP,
        "Outside the Akool contract: the fake's destination policy still refuses the URL, but the webhook "
        'log (control API) records "None" as the reason; the contract suite does not look at it by design '
        "(tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁenqueue__mutmut_49": (
        GAP,
        "Outside the Akool contract: the fake's own webhook fault injection (deliveries out of order on "
        "request) raises a TypeError at every enqueue; the contract suite does not look at it by design "
        "(tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁget__mutmut_9": (
        GAP,
        "Outside the Akool contract: the newest delivery, once folded into its job, is not found in the "
        "fake's webhook log or by its redelivery (control API); the contract suite does not look at it by "
        "design (tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_analyze_frames__mutmut_20": (
        EQ,
        "The error text of timestamps not one per frame is the fake's own: the analyze-frames page and the "
        "OpenAPI file say nothing of what a length mismatch answers "
        "(#face_detection-analyze-frames-lengths), so no doc fixes its wording and no client can rely on "
        "it; the answer stays {success: false, error: <a string>}.",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_detect_legacy__mutmut_35": (
        GAP,
        "An unreadable legacy input (an img that is not a picture, a URL like http://[x that passes the "
        "schema) answers error_code 2 instead of 1 (#face_detection-handler-errors; checks.ALLOWED gives "
        "detect_legacy {1}): the generated requests always send the placeholder PNG as img and well-formed "
        "URLs, so the branch is never reached. Killed by a detect_legacy case with a non-base64 img "
        'requiring error_code 1 and "Failed to process media".',
    ),
    "akool_mock.mock_server.handlers.image2video.x__video_fields__mutmut_62": (
        GAP,
        "Image to video answers (create, batch items, polls) lose `only_add_audio` false, which the "
        "image2video page's get results example shows for a plain video: the schema does not require it, "
        "the create examples lack it, and shapes.CONDITIONAL excuses it on get_results (text to video jobs "
        "polled there). Killed by requiring only_add_audio in the poll of a job made by "
        "image2video.create (the condition kept for text to video jobs only).",
    ),
    "akool_mock.mock_server.handlers.images.x_get_result__mutmut_14": (
        EQ,
        "The default missing_code of polled_jobs is 1008, images' NOT_FOUND: the same code is passed, and "
        "every NotFound it raises is caught and raised again with NOT_FOUND and the handler's own message.",
    ),
    "akool_mock.mock_server.handlers.videos.x__translation_job__mutmut_38": (
        GAP,
        'Video translation answers (create, all_results, polls) lose `deduction_duration` ("Credits '
        'consumed", openapi/video-translation.yaml VideoTranslationResult): the response schema does not '
        "require it and the fixtures hold no translation answer example for the example-field check. "
        "Killed by requiring deduction_duration in the translation response schema (or adding the "
        "OpenAPI fields as an example).",
    ),
    "akool_mock.mock_server.handlers.videos.x_get_result__mutmut_21": (
        EQ,
        "Unreachable: polled_jobs with skip_missing=False never returns an empty list (no id raises, each "
        "missing id raises, else one job per id), so `if not jobs` is never true and its code never "
        "written.",
    ),
    "akool_mock.mock_server.jobs.xǁJobEngineǁcreate__mutmut_19": (
        EQ,
        "A shortcut skipped: with LAYOUTS.get(None) always None, layout_of(keys, values) is called every "
        "time, and it returns the very shared layout the lookup would have found (LAYOUTS[keys] without a "
        "derived value, the derived one otherwise); only speed changes.",
    ),
    "akool_mock.mock_server.jobs.xǁJobǁfield_dict__mutmut_6": (
        EQ,
        "strict=None only drops zip's length check, which never fails: a job's layout keys and values "
        "always change together (JobEngine.create, JobFields set and delete, persistence's pack), so the "
        "dict is the same.",
    ),
    "akool_mock.mock_server.pipeline.xǁPipelineǁ_journal__mutmut_13": (
        GAP,
        "Outside the Akool contract: the fake's request journal (control API, dashboard, request log line) "
        "loses the refusal's message; the contract suite does not look at it by design (tests/mock_server "
        "covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.state.xǁBackendǁissue_token__mutmut_18": (
        EQ,
        "An invented token's last part one character longer (44 instead of 43): the token is opaque, "
        "clients only send it back, and it is stored by the digest of the token issued, so it "
        "authenticates the same; no doc fixes its length.",
    ),
    "akool_mock.mock_server.webhooks.x_unfold_record__mutmut_17": (
        GAP,
        "Outside the Akool contract: reading back a folded delivery raises TypeError (the fake's webhook "
        "log per job, redelivery, the control API, the state file); the contract suite does not look at it "
        "by design (tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_unfold__mutmut_32": (
        GAP,
        "Outside the Akool contract: rebuilding a folded delivery raises TypeError (payload_of without the "
        "status), so the fake's webhook log, redelivery and state file fail on acknowledged deliveries; the "
        "contract suite does not look at them by design (tests/mock_server covers it). Counted as a gap, "
        "not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁfold__mutmut_17": (
        EQ,
        "The two conditions differ only when exactly one of seal_for and payload_of is None, and no fake "
        "has such an outbox: Backend.reset sets both on every outbox it makes (the constructor's first one "
        "is replaced at once), so every fold decides the same.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁids__mutmut_38": (
        GAP,
        "Outside the Akool contract: the fake's webhook log per job (`akool.webhooks`, the control API) "
        "lists None for a pending or kept delivery whose id is not wh_<number> (only a state file written "
        "otherwise holds one); the contract suite does not look at it by design (tests/mock_server covers "
        "it). Counted as a gap, not as equivalent.",
    ),
}
