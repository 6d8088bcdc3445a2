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
    "akool_mock.mock_server.handlers.face_detection.x_detect_legacy__mutmut_31": (
        EQ,
        "The default is read only when `img` is empty or absent: then a given `image_url` is read first, and "
        "with both empty the request schema (anyOf: a non-empty image_url or img) refuses the call with 1003 "
        "before the handler.",
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
    "akool_mock.mock_server.handlers.avatar_video.x_create_video__mutmut_31": (
        EQ,
        "The answer's top-level `background` is always \"\" instead of the first scene's: no doc ties the "
        'two (avatar.mdx\'s own create example answers background "" for a scene with "#ffffff", which is '
        "what the mutant answers), and `source_data.data` still echoes every scene's background.",
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
    "akool_mock.mock_server.handlers.face_detection.x_analyze_frames__mutmut_20": (
        EQ,
        "The error text of timestamps not one per frame is the fake's own: the analyze-frames page and the "
        "OpenAPI file say nothing of what a length mismatch answers "
        "(#face_detection-analyze-frames-lengths), so no doc fixes its wording and no client can rely on "
        "it; the answer stays {success: false, error: <a string>}.",
    ),
    "akool_mock.mock_server.handlers.images.x_get_result__mutmut_14": (
        EQ,
        "The default missing_code of polled_jobs is 1008, images' NOT_FOUND: the same code is passed, and "
        "every NotFound it raises is caught and raised again with NOT_FOUND and the handler's own message.",
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
    "akool_mock.mock_server.webhooks.x_fold_record__mutmut_16": (
        GAP,
        "Outside the Akool contract: an acknowledged delivery folded into its job forgets each attempt's "
        "HTTP status (the fake's webhook log per job shows 0); receivers get the same deliveries; the "
        "contract suite does not look at it by design (tests/mock_server covers it). Counted as a gap, not "
        "as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.x_unfold_record__mutmut_13": (
        GAP,
        "Outside the Akool contract: reading back a folded delivery raises TypeError (the fake's webhook "
        "log per job, redelivery, the control API, the state file); the contract suite does not look at it "
        "by design (tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁDeliveryǁas_dict__mutmut_15": (
        GAP,
        "Outside the Akool contract: the fake's own webhook log in the control API (a delivery's view "
        "crashes); the contract suite does not look at it by design (tests/mock_server covers it). Counted "
        "as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁDeliveryǁas_dict__mutmut_22": (
        GAP,
        "Outside the Akool contract: the fake's own webhook log in the control API (a waiting delivery's "
        "view crashes); the contract suite does not look at it by design (tests/mock_server covers it). "
        "Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_bodies__mutmut_35": (
        GAP,
        "Outside the Akool contract: the fake's own webhook fault injection `duplicate` is always on, so "
        "each delivery is POSTed twice with the same body; the docs promise no exactly-once delivery (a "
        "receiver must accept a repeat, and the suite accepts one); the contract suite does not look at it "
        "by design (tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_bodies__mutmut_42": (
        GAP,
        "Outside the Akool contract: the fake's own webhook fault injection (a replayed nonce on request "
        "sends None instead of the earlier body); the contract suite does not look at it by design "
        "(tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_disorder__mutmut_7": (
        GAP,
        "Outside the Akool contract: the fake's own webhook fault injection (out of order on request: "
        "sorting deliveries without a key raises TypeError); the contract suite does not look at it by "
        "design (tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁ_unfold__mutmut_29": (
        GAP,
        "Outside the Akool contract: a folded delivery rebuilt for the control API, redelivery or the state "
        "file gets no payload of its job; the contract suite does not look at it by design "
        "(tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁenqueue__mutmut_45": (
        GAP,
        "Outside the Akool contract: the fake's own webhook fault injection (out of order on request, "
        "without the job); the contract suite does not look at it by design (tests/mock_server covers it). "
        "Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁfold__mutmut_13": (
        GAP,
        "Outside the Akool contract: the fake's own bookkeeping of acknowledged webhooks (a delivery to "
        "another account or URL may be folded, and then reads back with its job's URL in the webhook log); "
        "the contract suite does not look at it by design (tests/mock_server covers it). Counted as a gap, "
        "not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁfold__mutmut_43": (
        GAP,
        "Outside the Akool contract: the fake's own bookkeeping of acknowledged webhooks (a delivery with "
        "the most attempts is folded, and reads back with a wrong attempt count in the webhook log); the "
        "contract suite does not look at it by design (tests/mock_server covers it). Counted as a gap, not "
        "as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁget__mutmut_5": (
        GAP,
        "Outside the Akool contract: the control API's GET /_mock/webhooks/{id} no longer finds a folded "
        "delivery; the contract suite does not look at it by design (tests/mock_server covers it). Counted "
        "as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁids__mutmut_19": (
        GAP,
        "Outside the Akool contract: the webhook ids of an unknown job raise AttributeError (control API "
        "and dashboard); the contract suite does not look at it by design (tests/mock_server covers it). "
        "Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁids__mutmut_34": (
        GAP,
        "Outside the Akool contract: the control API lists a job's webhook ids in creation order instead of "
        "by number; the contract suite does not look at it by design (tests/mock_server covers it). Counted "
        "as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁsettle__mutmut_51": (
        GAP,
        "Outside the Akool contract: the webhook log line of each attempt (the `observers.attempt` hook) is "
        "no longer written; receivers get the same deliveries; the contract suite does not look at it by "
        "design (tests/mock_server covers it). Counted as a gap, not as equivalent.",
    ),
    "akool_mock.mock_server.webhooks.xǁOutboxǁtake_due__mutmut_17": (
        GAP,
        "Outside the Akool contract: the fake's own retry schedule (a pending delivery is sent before its "
        "backoff ends, a settled one may be sent again); the docs fix no retry schedule and no exactly-once "
        "delivery; the contract suite does not look at it by design (tests/mock_server covers it). Counted "
        "as a gap, not as equivalent.",
    ),
}
