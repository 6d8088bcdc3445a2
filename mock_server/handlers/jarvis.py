"""Jarvis Moderator (page ai-tools-suite__jarvis-moderator): content moderation as an async job.

`sentiment` creates an analysis (status 1, empty `result`); `infobyid?_id=` reads it. The moderation
verdict is planned at creation and appears only at completion: `result` (one line per finding, then
`Result: <verdict>`, as in the page's example) and `final_conclusion` (Non-Compliant, Compliant or Unknown).
The fake does not look at media: text is screened with a small word list per label of the page's
"Internationalization labels"; URLs get a verdict from the seeded random generator.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from typing import Any

from akool_mock.mock_server.errors import NotFound
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import (
    PRICING_DIR,
    ok,
    polled_jobs,
    request_value,
    start_job,
    webhook_url,
)

NOT_FOUND = 1008  # "The content you get does not exist" (ai-tools-suite__jarvis-moderator)
TEXT = 4
URL = re.compile(r"^https?://\S+$")
CHARACTERS_PER_UNIT = 600  # "0.1C/600 characters"
# A few words per label of the page's list; enough for tests and demos to steer the verdict.
LEXICON: dict[str, tuple[str, ...]] = {
    "advertising": ("buy now", "discount code", "click here", "free money"),
    "violence": ("kill", "gun", "shoot", "bomb", "attack"),
    "profane language": ("damn", "hell", "crap"),
    "sexual content": ("nude", "porn", "sex"),
    "contraband": ("cocaine", "heroin", "counterfeit"),
    "cyberbullying": ("loser", "nobody likes you", "stupid"),
}
MEDIA_FINDINGS = {
    1: "image",
    2: "video",
    3: "audio",
    4: "document",
}
# Verdict weights for content the fake cannot read (media and text URLs).
URL_VERDICTS = (("Compliant", 0.7), ("Non-Compliant", 0.2), ("Unknown", 0.1))


@cache
def _by_type() -> dict[str, dict[str, Any]]:
    data = json.loads((PRICING_DIR / "jarvis.json").read_text(encoding="utf-8"))
    rules: dict[str, dict[str, Any]] = data["operations"]["jarvis.create_analysis"]["by_type"]
    return rules


def analysis_cost(content_type: int, content: str) -> float:
    """Credits for one analysis by the page's table: per image, started minute or started 600 characters."""
    rule = _by_type()[str(content_type)]
    credits = float(rule["credits"])
    if rule["per"] == "minute":
        credits *= math.ceil(float(rule["assumed_seconds"]) / 60)
    elif rule["per"] == "600_characters":
        # A text URL's length is unknown: it counts as one block.
        characters = CHARACTERS_PER_UNIT if URL.match(content) else len(content)
        credits *= max(math.ceil(characters / CHARACTERS_PER_UNIT), 1)
    return round(credits, 4)


def _text_findings(text: str, custom: str) -> list[str]:
    lowered = text.lower()
    findings = [
        f'- {label}: the text contains "{word}".'
        for label, words in LEXICON.items()
        for word in words
        if re.search(rf"\b{re.escape(word)}\b", lowered)
    ]
    if custom and custom.lower() in lowered:
        findings.append(f'- customized content: the text contains "{custom}".')
    return findings


def plan_verdict(call: Call) -> dict[str, str]:
    """`result` and `final_conclusion` the analysis will show once completed."""
    body = call.body
    content, content_type = str(body["content"]), int(body["type"])
    if content_type == TEXT and not URL.match(content):
        findings = _text_findings(content, str(body.get("input") or ""))
        verdict = "Non-Compliant" if findings else "Compliant"
        lines = findings or ["- no label of the moderation list was found in the text."]
    else:
        rng = call.backend.ids.random
        verdict = rng.choices([v for v, _ in URL_VERDICTS], weights=[w for _, w in URL_VERDICTS])[0]
        kind = MEDIA_FINDINGS[content_type]
        lines = {
            "Compliant": [f"- the {kind} shows no content of the moderation labels."],
            "Non-Compliant": [f"- {rng.choice(sorted(LEXICON))}: the {kind} contains content of this label."],
            "Unknown": [f"- the {kind} could not be classified with confidence."],
        }[verdict]
    return {"result": "\n".join([*lines, f"Result: {verdict}"]), "final_conclusion": verdict}


def create_analysis(call: Call) -> Reply:
    body = call.body
    cost = analysis_cost(int(body["type"]), str(body["content"]))
    fields: dict[str, Any] = {
        "create_time": call.backend.now_ms(),
        "uid": call.owner.uid,
        "type": int(body["type"]),
        "webhookUrl": webhook_url(call) or "",
        "__v": 0,
    }
    job = start_job(call, fields, cost=cost, planned=plan_verdict(call))
    # The create example: the document with an empty result and no final_conclusion yet.
    return ok({**fields, "status": job.status, "result": "", "_id": job.id})


def get_analysis(call: Call) -> Reply:
    spec = call.op.poll
    wanted = request_value(call, spec.id_in) if spec else None
    try:
        job = polled_jobs(call, missing_code=NOT_FOUND, skip_missing=False)[0]
    except NotFound:
        raise NotFound(f"_id: no analysis {wanted}", code=NOT_FOUND) from None
    # result and final_conclusion stay empty until completed; a failed analysis keeps them empty, since the
    # page has no failure field (schemas/NOTES.md#jarvis-failed).
    fields = job.fields.as_dict()
    return ok(
        {
            "_id": job.id,
            "uid": fields["uid"],
            "status": job.status,
            "result": str(fields.get("result", "")),
            "final_conclusion": str(fields.get("final_conclusion", "")),
            "create_time": fields["create_time"],
            "type": fields["type"],
            "webhookUrl": fields["webhookUrl"],
        }
    )


HANDLERS: dict[str, Handler] = {
    "jarvis.create_analysis": create_analysis,
    "jarvis.get_analysis": get_analysis,
}
