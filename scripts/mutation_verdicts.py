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

# Recurring gaps, one sentence each.
OPTIONAL_FIELD = (
    "An answer field renamed or dropped: the response schema does not require it, so the answer still "
    "conforms. Killed by a check that every answer carries the fields the docs' example of that operation "
    "carries (or by marking them required in the schema)."
)
NOT_FOUND_MESSAGE = (
    "The not-found error lost its message (or its field name): the suite checks the code of a not-found "
    "answer, not that its msg names the field. Killed by a not-found case per operation that asserts the "
    "msg names the id's field, as the 1003 cases do."
)
REQUEST_FIELD_IGNORED = (
    "A request field is read under the wrong name (so ignored): no property compares the answer or the "
    "job's fields with what the request asked for. Killed by a round-trip property: what a create sends "
    "comes back in its detail or poll."
)
UNEXERCISED = (
    "The suite's generated requests never reach this branch (the fixed passes and samples do not cover it). "
    "Killed by a positive case built for it (see the diff)."
)
ALL_MODELS = (
    "The model list answers an empty list: `[]` conforms to the schema. Killed by a check that a list with "
    "seeded content (models, effects, avatars) is not empty on a fresh target."
)
FREE_NAME = "The fake invents this name or text; no doc fixes its wording, and no client can rely on it."
RANDOM_GEOMETRY = (
    "Invented face geometry drawn from the seeded random source: any value in range is as valid as another, "
    "no doc fixes it."
)

VERDICTS: dict[str, tuple[str, str]] = {
    "akool_mock.mock_server.handlers.audio.x__create__mutmut_18": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.audio.x_get_result__mutmut_17": (GAP, NOT_FOUND_MESSAGE),
    "akool_mock.mock_server.handlers.avatars.x_avatar_record__mutmut_7": (
        GAP,
        "Streaming avatars lose their streaming fields: the schema does not require them. Killed by a "
        "check that `streaming.list_avatars` items carry the docs' example fields.",
    ),
    "akool_mock.mock_server.handlers.deprecation.x_unless_deprecated__mutmut_3": (
        GAP,
        "A deprecated operation's message is dropped (or invented where none is): no test reads the "
        "message of a deprecated operation. Killed by a check per deprecated operation that its answer "
        "says so.",
    ),
    "akool_mock.mock_server.handlers.face_detection.x__crop__mutmut_37": (
        GAP,
        "A crop's width becomes right + left: still integers, so the answer conforms. Killed by a "
        "property that each crop box lies inside the image (x + w <= width).",
    ),
    "akool_mock.mock_server.handlers.face_detection.x__jpeg_size__mutmut_35": (
        GAP,
        "No test of the suite sends a JPEG with a size marker to face detection. Killed by a "
        "face-detection case over a served JPEG whose size the answer's boxes must fit.",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_detect_faces__mutmut_108": (
        GAP,
        "Video tracking: `removed` (the previous frame's faces) becomes null. The schema allows it. "
        "Killed by a check that a video's frames after the first list the previous frame's regions as "
        "removed.",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_detect_faces__mutmut_111": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.face_detection.x_detect_faces__mutmut_26": (
        GAP,
        "An `img` (base64) request is read as empty: face detection answers from a default image. Killed "
        "by a property that boxes fit the size of the image sent.",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_detect_faces__mutmut_79": (
        GAP,
        "The first frame's `removed` becomes null instead of []: the schema allows null. Killed by the "
        "tracking check above (the first frame removes nothing: an empty list).",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_make_faces__mutmut_62": (EQ, RANDOM_GEOMETRY),
    "akool_mock.mock_server.handlers.face_detection.x_media_of__mutmut_21": (
        GAP,
        "A video URL is treated as an image: one frame instead of several. Killed by a check that a "
        "video's answer holds more than one frame (the docs' video example does).",
    ),
    "akool_mock.mock_server.handlers.face_detection.x_media_of__mutmut_34": (
        GAP,
        "A served image's real size is ignored (a seeded size instead). Killed by the property: boxes fit "
        "the size of the image sent.",
    ),
    "akool_mock.mock_server.handlers.face_detection.xǁFaceǁpoints__mutmut_11": (EQ, RANDOM_GEOMETRY),
    "akool_mock.mock_server.handlers.faceswap.x_cancel_job__mutmut_23": (EQ, FREE_NAME),
    "akool_mock.mock_server.handlers.faceswap.x_create_plus__mutmut_14": (
        GAP,
        "A Face Swap Plus video job is marked with an unknown media kind, so its result is served as an "
        "image URL. Killed by a lifecycle case whose target_url is a video (the generated ones are "
        "images).",
    ),
    "akool_mock.mock_server.handlers.faceswap.x_create_plus__mutmut_23": (
        GAP,
        "Same branch (a video target for Face Swap Plus): its planned URL. Killed by the same video case.",
    ),
    "akool_mock.mock_server.handlers.faceswap.x_result_item__mutmut_2": (
        GAP,
        "Same branch: a Plus video result is shown as an image. Killed by the same video case.",
    ),
    "akool_mock.mock_server.handlers.faceswap.x_result_item__mutmut_42": (
        GAP,
        "A failed job shows deduction_status 1 (charged): the lifecycle checks the credit, not this "
        "field. Killed by a lifecycle check that deduction_status is 0 exactly when the job failed.",
    ),
    "akool_mock.mock_server.handlers.faceswap.x_result_item__mutmut_75": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.headswap.x__check_mappings__mutmut_18": (
        GAP,
        "The message of a wrong obj_id raises KeyError (a 500) instead of 1003: no case sends a mapping "
        "with an obj_id the analysis did not detect. Killed by a headswap negative case with such a "
        "mapping.",
    ),
    "akool_mock.mock_server.handlers.headswap.x__planned_analysis__mutmut_40": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.headswap.x_create_task__mutmut_83": (
        GAP,
        "The create answer also shows `mappings`: the schema allows more fields. Killed by the "
        "docs-example field check (the answer holds exactly the example's fields).",
    ),
    "akool_mock.mock_server.handlers.headswap.x_get_task__mutmut_23": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.headswap.x_get_task__mutmut_26": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.image2video.x__audio_price__mutmut_7": (
        GAP,
        "Audio added to a video is priced wrong: the lifecycle reconciles credits with the job's own "
        "cost, not with the docs' price table. Killed by a check of the charge against the published "
        "prices.",
    ),
    "akool_mock.mock_server.handlers.image2video.x__file_name__mutmut_1": (EQ, FREE_NAME),
    "akool_mock.mock_server.handlers.image2video.x__file_name__mutmut_6": (EQ, FREE_NAME),
    "akool_mock.mock_server.handlers.image2video.x__models__mutmut_1": (GAP, ALL_MODELS),
    "akool_mock.mock_server.handlers.image2video.x__pre_video__mutmut_16": (GAP, NOT_FOUND_MESSAGE),
    "akool_mock.mock_server.handlers.image2video.x__video_fields__mutmut_73": (
        EQ,
        "bool(None) is bool(False): the stored value is the same.",
    ),
    "akool_mock.mock_server.handlers.image2video.x__video_fields__mutmut_8": (GAP, REQUEST_FIELD_IGNORED),
    "akool_mock.mock_server.handlers.image2video.x_create_batch__mutmut_26": (
        GAP,
        "A batch is charged without its price detail (the charge's label): the amount is the same, only "
        "the credit history's entry changes. Killed by a check of the credit history entries (not in the "
        "suite).",
    ),
    "akool_mock.mock_server.handlers.image2video.x_create_batch__mutmut_80": (
        GAP,
        "A batch's per-item error code becomes 1004: no case makes a batch fail part-way (credits running "
        "out mid-batch). Killed by a batch case with too few credits for all its items.",
    ),
    "akool_mock.mock_server.handlers.image2video.x_create_batch__mutmut_81": (
        GAP,
        "Same branch (a batch failing part-way): the error's msg key. Killed by the same case.",
    ),
    "akool_mock.mock_server.handlers.image2video.x_create_batch__mutmut_85": (
        GAP,
        "Same branch: errors listed for every item instead of the unmade ones. Killed by the same case.",
    ),
    "akool_mock.mock_server.handlers.avatars.x__matches__mutmut_5": (
        GAP,
        "The avatar list ignores its `from` and `type` filters: no property checks that a filtered list "
        "has only matching items. Killed by a filtering property for every list operation with filters.",
    ),
    "akool_mock.mock_server.handlers.common.x_price__mutmut_37": (
        GAP,
        "Per-second and per-minute prices are computed as flat ones (and the reverse): the lifecycle "
        "reconciles credits with the job's own recorded cost. Killed by checking the charge against the "
        "docs' price table.",
    ),
    "akool_mock.mock_server.handlers.common.x_price__mutmut_39": (
        GAP,
        "Per-second prices are charged as flat ones: same gap (charge against the docs' price table).",
    ),
    "akool_mock.mock_server.handlers.common.x_price__mutmut_52": (
        GAP,
        "Per-second prices divide by the duration: same gap (charge against the docs' price table).",
    ),
    "akool_mock.mock_server.handlers.common.x_start_job__mutmut_21": (
        GAP,
        "No job remembers its webhookUrl, so no webhook is ever sent, and the suite does not notice: it "
        "checked the deliveries that happened, not that one happens. The worst gap found; closed after "
        "this run: the job machines now check that a job created with the target's webhook URL and polled "
        "as finished had its outcome delivered; `mutmut run` of this mutant now kills it (curated bug "
        "`webhook_url_ignored` too).",
    ),
    "akool_mock.mock_server.handlers.image2video.x_video_view__mutmut_6": (
        GAP,
        "The view keeps a field it should drop (`video_url`): the schema allows extra fields. Killed by a "
        "check that answers hold exactly the docs' example fields.",
    ),
    "akool_mock.mock_server.handlers.images.x__source_image__mutmut_26": (EQ, FREE_NAME),
    "akool_mock.mock_server.handlers.jarvis.x_get_analysis__mutmut_36": (
        GAP,
        "A finished analysis answers the string 'None' as its result: still a string. Killed by a "
        "lifecycle check that a finished job's result fields are not empty.",
    ),
    "akool_mock.mock_server.handlers.live_faceswap.x_result_items__mutmut_9": (GAP, UNEXERCISED),
    "akool_mock.mock_server.handlers.live_faceswap.x_update_session__mutmut_6": (
        GAP,
        "No case updates a closed live face swap session (the resource machines cover voices, knowledge "
        "bases and streaming sessions only). Killed by a live face swap session machine.",
    ),
    "akool_mock.mock_server.handlers.live_faceswap.x_update_session__mutmut_9": (
        GAP,
        "Same branch (updating a closed session): its code. Killed by the same machine.",
    ),
    "akool_mock.mock_server.handlers.streaming.x__agora__mutmut_38": (
        EQ,
        "An invented Agora token one character longer: the token is opaque, no doc fixes its length.",
    ),
    "akool_mock.mock_server.handlers.streaming.x__livekit__mutmut_78": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.streaming.x__settle__mutmut_37": (
        GAP,
        "A closed streaming session's refund is not remembered, so settling again refunds again. Killed "
        "by reconciling credits in the streaming session machine, as the job machines do.",
    ),
    "akool_mock.mock_server.handlers.streaming.x__uploads__mutmut_18": (GAP, REQUEST_FIELD_IGNORED),
    "akool_mock.mock_server.handlers.streaming.x_list_avatars__mutmut_3": (
        GAP,
        "The `platform` filter of the streaming avatar list is ignored: no filtering property. Killed by "
        "a filtering property for every list operation with filters.",
    ),
    "akool_mock.mock_server.handlers.videos.x__lipsynced_before__mutmut_2": (
        GAP,
        "The lip-sync of an already translated video is priced as a new one: credits are reconciled with "
        "the job's own cost, not the docs' prices. Killed by checking charges against the docs' price "
        "table.",
    ),
    "akool_mock.mock_server.handlers.videos.x__values__mutmut_21": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.videos.x_create_lipsync__mutmut_3": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.voices.x__polled_one__mutmut_15": (
        GAP,
        "A voice not found answers 1008 instead of 1014: the not-found codes allowed per operation "
        "include both. Killed by checking the exact code the docs give each operation.",
    ),
    "akool_mock.mock_server.handlers.voices.x_delete_voices__mutmut_34": (
        GAP,
        "Deleting an unknown voice id: the refused item's msg key. No case deletes an id that does not "
        "exist. Killed by such a case in the voice machine.",
    ),
    "akool_mock.mock_server.jobs.xǁJobEngineǁ_move__mutmut_2": (
        GAP,
        "A job moved to the status it already has is moved again (a new update time, another webhook of "
        "that status). Killed by a check that each status of a job is delivered once.",
    ),
    "akool_mock.mock_server.jobs.xǁJobEngineǁtick__mutmut_27": (
        GAP,
        "Moving the clock no longer finishes time-driven jobs: the machines force outcomes and do not "
        "require the clock to move a job. Killed by a lifecycle rule: past its planned duration a job is "
        "terminal.",
    ),
    "akool_mock.mock_server.pipeline.x_query_types__mutmut_6": (
        GAP,
        "The query is no longer converted to the schema's types; the handlers the suite reached convert "
        "what they read. Not shown equivalent: a typed query value read raw by a handler would show it.",
    ),
    "akool_mock.mock_server.pipeline.xǁPipelineǁ_authenticate__mutmut_8": (
        GAP,
        "Bearer tokens (the client id and secret flow) are ignored: the suite authenticates with "
        "x-api-key only. Killed by running the auth and lifecycle checks with a token from auth.get_token "
        "too.",
    ),
    "akool_mock.mock_server.pipeline.xǁPipelineǁhandle__mutmut_72": (
        GAP,
        "Errors answer HTTP 200 whatever their status (404, 500): the suite checks the business code, not "
        "the HTTP status. Killed by checking the HTTP status the docs give each error.",
    ),
    "akool_mock.mock_server.state.xǁBackendǁ__init____mutmut_28": (
        GAP,
        "Outside the Akool contract: the fake's own state file bookkeeping (what changed since the last "
        "write); the contract suite does not look at it by design (tests/mock_server covers it). Counted "
        "as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.x_payload_for__mutmut_17": (
        EQ,
        '`job.fields.get(f)` is None where it was "": str(None) does not start with http either, the '
        "result is the same.",
    ),
    "akool_mock.mock_server.webhooks.x_payload_for__mutmut_28": (
        GAP,
        "A webhook's deduction_credit is renamed: webhooks are checked for id, status and outcome, not "
        "for their other fields. Killed by checking each delivery's fields against the docs' webhook "
        "example.",
    ),
    "akool_mock.mock_server.webhooks.xǁAttemptǁas_dict__mutmut_8": (
        GAP,
        "Outside the Akool contract: the fake's own webhook log in the control API; the contract suite "
        "does not look at it by design (tests/mock_server covers it). Counted as a gap, not as "
        "equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁDeliveryǁas_dict__mutmut_7": (
        GAP,
        "Outside the Akool contract: the fake's own webhook log in the control API; the contract suite "
        "does not look at it by design (tests/mock_server covers it). Counted as a gap, not as "
        "equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_bodies__mutmut_31": (
        GAP,
        "Outside the Akool contract: the fake's own webhook fault injection (a bad signature on request); "
        "the contract suite does not look at it by design (tests/mock_server covers it). Counted as a "
        "gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_bodies__mutmut_43": (
        GAP,
        "Outside the Akool contract: the fake's own webhook fault injection (a bad signature on request); "
        "the contract suite does not look at it by design (tests/mock_server covers it). Counted as a "
        "gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_disorder__mutmut_12": (
        GAP,
        "Outside the Akool contract: the fake's own webhook fault injection (deliveries out of order on "
        "request); the contract suite does not look at it by design (tests/mock_server covers it). "
        "Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.handlers.jarvis.x_create_analysis__mutmut_35": (
        EQ,
        "`cost=None` makes start_job price the job from the pricing table, which gives the same cost the "
        "area computed.",
    ),
    "akool_mock.mock_server.handlers.live_faceswap.x_update_session__mutmut_5": (
        GAP,
        "Updating an open live face swap session answers 'closed': no case updates a live face swap "
        "session. Killed by a live face swap session machine.",
    ),
    "akool_mock.mock_server.handlers.streaming.x__check_avatar__mutmut_9": (
        GAP,
        "A streaming session may use an avatar that is still processing: no case names one. Killed by a "
        "negative case with an avatar that is not ready.",
    ),
    "akool_mock.mock_server.handlers.streaming.x__jwt__mutmut_19": (GAP, UNEXERCISED),
    "akool_mock.mock_server.handlers.streaming.x_find_avatar__mutmut_15": (
        GAP,
        "An uploaded streaming avatar is looked up wrong: no case creates a session with an uploaded "
        "avatar. Killed by a streaming session machine step that uploads one first.",
    ),
    "akool_mock.mock_server.handlers.streaming.x_list_avatars__mutmut_2": (
        GAP,
        "The `platform` filter of the streaming avatar list is read wrong: no filtering property. Killed "
        "by a filtering property for every list operation with filters.",
    ),
    "akool_mock.mock_server.handlers.text2video.x__fields__mutmut_13": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.text2video.x__fields__mutmut_73": (GAP, REQUEST_FIELD_IGNORED),
    "akool_mock.mock_server.handlers.videos.x__check_avatar__mutmut_11": (
        GAP,
        "Every existing avatar is refused as not found, and the suite accepts it: a documented not-found "
        "code passes the positive check. Killed by requiring 1000 when every id in the request comes from "
        "the world (ids the target holds).",
    ),
    "akool_mock.mock_server.handlers.videos.x__check_elements__mutmut_47": (
        GAP,
        "A voice still being cloned in a video's elements: no case names one. Killed by a negative case "
        "with such a voice.",
    ),
    "akool_mock.mock_server.handlers.videos.x__translation_job__mutmut_25": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.voices.x__usable_voice__mutmut_23": (EQ, FREE_NAME),
    "akool_mock.mock_server.handlers.voices.x_clone__mutmut_100": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.voices.x_clone__mutmut_49": (
        EQ,
        "An invented clip duration drawn from 3,001 ms instead of 3,000: any value in range is valid, no "
        "doc fixes it.",
    ),
    "akool_mock.mock_server.pipeline.x_query_types__mutmut_49": (
        GAP,
        "The query is no longer converted to the schema's types; the handlers the suite reached convert "
        "what they read. Not shown equivalent: a typed query value read raw by a handler would show it.",
    ),
    "akool_mock.mock_server.pipeline.xǁPipelineǁ__init____mutmut_6": (
        ARTEFACT,
        "mutmut reported it as surviving, but the suite fails with this mutant active (`cd mutants && "
        "MUTANT_UNDER_TEST='akool_mock.mock_server.pipeline.xǁPipelineǁ__init____mutmut_6' pytest "
        "--pyargs akool_mock.contract_tests.suite --akool-target=inprocess -k 'get_quota and generated'`: "
        "an error building the fake). Most likely mutmut's per-test selection: the fake is built once per "
        "session, so the constructor is attributed to one test only. Left out of the score.",
    ),
    "akool_mock.mock_server.pipeline.xǁPipelineǁ__init____mutmut_8": (
        ARTEFACT,
        "mutmut reported it as surviving, but the suite fails with this mutant active (`cd mutants && "
        "MUTANT_UNDER_TEST='akool_mock.mock_server.pipeline.xǁPipelineǁ__init____mutmut_8' pytest "
        "--pyargs akool_mock.contract_tests.suite --akool-target=inprocess -k 'get_quota and generated'`: "
        "an error building the fake). Most likely mutmut's per-test selection: the fake is built once per "
        "session, so the constructor is attributed to one test only. Left out of the score.",
    ),
    "akool_mock.mock_server.pipeline.xǁPipelineǁ_fault__mutmut_9": (
        GAP,
        "Outside the Akool contract: the fake's own fault injection (control API); the contract suite "
        "does not look at it by design (tests/mock_server covers it). Counted as a gap, not as "
        "equivalent.",
    ),
    "akool_mock.mock_server.pipeline.xǁPipelineǁhandle__mutmut_35": (
        GAP,
        "Outside the Akool contract: the fake's own fault injection (control API); the contract suite "
        "does not look at it by design (tests/mock_server covers it). Counted as a gap, not as "
        "equivalent.",
    ),
    "akool_mock.mock_server.state.xǁBackendǁissue_token__mutmut_5": (
        GAP,
        "auth.get_token issues a token for a wrong secret and refuses the right one: in-process, the "
        "suite never asks for a token with real credentials (its token test is live only). Killed by a "
        "token case with the right and a wrong secret on every target.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_refuse__mutmut_16": (
        GAP,
        "Outside the Akool contract: the fake's own state file bookkeeping; the contract suite does not "
        "look at it by design (tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁenqueue__mutmut_1": (
        GAP,
        "Outside the Akool contract: the fake's own delivery ids in the webhook log; the contract suite "
        "does not look at it by design (tests/mock_server covers it). Counted as a gap, not as "
        "equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁenqueue__mutmut_7": (
        GAP,
        "Outside the Akool contract: the fake's own delivery ids in the webhook log; the contract suite "
        "does not look at it by design (tests/mock_server covers it). Counted as a gap, not as "
        "equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁsettle__mutmut_17": (
        GAP,
        "Outside the Akool contract: the fake's own webhook log of delivery attempts; the contract suite "
        "does not look at it by design (tests/mock_server covers it). Counted as a gap, not as "
        "equivalent.",
    ),
    "akool_mock.mock_server.handlers.images.x__source_image__mutmut_20": (GAP, NOT_FOUND_MESSAGE),
    "akool_mock.mock_server.handlers.live_faceswap.x__channel_id__mutmut_2": (
        EQ,
        "An invented channel id holds 'None' where it held a time stamp: the id is opaque, no doc fixes "
        "its form.",
    ),
    "akool_mock.mock_server.handlers.streaming.x__jwt__mutmut_11": (GAP, UNEXERCISED),
    "akool_mock.mock_server.handlers.streaming.x__uploads__mutmut_21": (
        GAP,
        "Uploaded streaming avatars are listed as null: no case uploads one. Killed by a streaming "
        "machine step that uploads an avatar and lists it.",
    ),
    "akool_mock.mock_server.handlers.streaming.x_close_session__mutmut_18": (
        GAP,
        "Closing a closed session again moves its closed_at: the session machine checks the status stays "
        "closed, not the time. Killed by comparing closed_at across polls once closed.",
    ),
    "akool_mock.mock_server.handlers.streaming.x_create_session__mutmut_87": (GAP, OPTIONAL_FIELD),
    "akool_mock.mock_server.handlers.text2video.x_create_batch__mutmut_35": (
        GAP,
        "A batch without `count` makes two videos: no property checks the number of jobs a create answers "
        "against the request. Killed by such a check in the job machine.",
    ),
    "akool_mock.mock_server.handlers.videos.x__check_avatar__mutmut_28": (
        GAP,
        "An avatar that is not ready is accepted: no case names one. Killed by a negative case with an "
        "avatar still processing.",
    ),
    "akool_mock.mock_server.handlers.videos.x_create_character_swap__mutmut_4": (
        GAP,
        "The request's duration no longer sets the price: credits are reconciled with the job's own cost. "
        "Killed by checking charges against the docs' price table.",
    ),
    "akool_mock.mock_server.handlers.videos.x_create_lipsync__mutmut_35": (GAP, REQUEST_FIELD_IGNORED),
    "akool_mock.mock_server.handlers.videos.x_create_translation__mutmut_37": (
        GAP,
        "The translation create answers the poll view instead of the create view: the schema allows both. "
        "Killed by a check that answers hold exactly the docs' example fields.",
    ),
    "akool_mock.mock_server.handlers.voices.x__stock__mutmut_10": (
        GAP,
        "A stock voice can no longer be named by its _id (only by voice_id): no case names one by _id. "
        "Killed by a positive case that does.",
    ),
    "akool_mock.mock_server.handlers.voices.x__stock__mutmut_18": (
        GAP,
        "A shallow copy of a stock voice: equivalent unless a handler edits its nested parts, which the "
        "suite did not show either way.",
    ),
    "akool_mock.mock_server.pipeline.x_query_types__mutmut_14": (
        GAP,
        "The query is no longer converted to the schema's types; the handlers the suite reached convert "
        "what they read. Not shown equivalent: a typed query value read raw by a handler would show it.",
    ),
    "akool_mock.mock_server.pipeline.x_query_types__mutmut_24": (
        GAP,
        "The query is no longer converted to the schema's types; the handlers the suite reached convert "
        "what they read. Not shown equivalent: a typed query value read raw by a handler would show it.",
    ),
    "akool_mock.mock_server.state.x__jwt_like__mutmut_6": (
        EQ,
        "An invented token is encoded with other separators: the token is opaque to clients, who only "
        "send it back.",
    ),
    "akool_mock.mock_server.state.xǁBackendǁ__init____mutmut_32": (
        GAP,
        "Outside the Akool contract: the fake's own state file (a served fake's --state); the contract "
        "suite does not look at it by design (tests/mock_server covers it). Counted as a gap, not as "
        "equivalent.",
    ),
    "akool_mock.mock_server.webhooks.x_payload_for__mutmut_53": (
        GAP,
        "A completed job's webhook says progress 0: webhooks are checked for id, status and outcome, not "
        "their other fields. Killed by checking each delivery's fields against the polled job.",
    ),
    "akool_mock.mock_server.webhooks.xǁAttemptǁas_dict__mutmut_2": (
        GAP,
        "Outside the Akool contract: the fake's own webhook log in the control API; the contract suite "
        "does not look at it by design (tests/mock_server covers it). Counted as a gap, not as "
        "equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_refuse__mutmut_9": (
        GAP,
        "Outside the Akool contract: the fake's own webhook log in the control API; the contract suite "
        "does not look at it by design (tests/mock_server covers it). Counted as a gap, not as "
        "equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁpending__mutmut_1": (
        GAP,
        "Outside the Akool contract: the fake's own count of pending webhooks in the control API; the "
        "contract suite does not look at it by design (tests/mock_server covers it). Counted as a gap, "
        "not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁredeliver__mutmut_11": (
        GAP,
        "Outside the Akool contract: the fake's own webhook redelivery (control API); the contract suite "
        "does not look at it by design (tests/mock_server covers it). Counted as a gap, not as "
        "equivalent.",
    ),
}
