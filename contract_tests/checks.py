"""Checks: small functions of one signature, `check(exchange) -> None`, raising `CheckFailure`.

An `Exchange` (contract_tests.exchange) carries the operation, the request, the HTTP answer and the SDK's
exception, so every check sees (op, request, response/exception). A failure's message names the operation
and the problem, and ends with a curl line that sends the same request to the target again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Mapping
from posixpath import basename
from urllib.parse import urlparse

from akool_mock.contract_tests.exchange import Exchange
from akool_mock.contract_tests.shapes import missing_example_fields
from akool_mock.sdk.errors import APIError

Check = Callable[[Exchange], None]
SUCCESS = 1000
VALIDATION = 1003
MISSING_AUTH, INVALID_AUTH = 1102, 1101
HTTP_OK = 200  # every answer of an operation, business errors included (schemas/NOTES.md #http-statuses)

# Codes a schema-valid generated request may get besides 1000: it names something the target does not
# hold (the world has only so many ids), or meets a business rule a schema cannot express. Each entry
# is the code the docs give that operation for it.
NOT_FOUND: set[int | None] = {1008}
# Each area's code for an id it does not hold (schemas/NOTES.md #tenant-isolation): content, voices and head
# swap, streaming sessions, knowledge bases.
NOT_FOUND_CODES = frozenset({1008, 1014, 1216, 1232})
_ALLOWED: dict[str, set[int | None]] = {
    "auth.get_token": {INVALID_AUTH},  # generated credentials are not the account's
    "avatars.create": {1222},  # one account cannot upload the same avatar_id twice
    "avatars.get": NOT_FOUND,
    "faceswap.cancel_job": NOT_FOUND,
    "face_detection.detect_faces": {1},  # "no faces detected" (error_code 1, detect-faces page)
    "face_detection.detect_legacy": {1},
    "face_detection.analyze_frames": {None},  # {success: false}: e.g. timestamps not one per frame
    "headswap.create_task": {VALIDATION},  # the video must have a completed analysis that found the obj_id
    "headswap.get_analysis": {1014},
    "audio.get_result": NOT_FOUND,
    "headswap.get_task": {1014},
    "text2video.create_batch": {VALIDATION},  # the table prices some lengths and resolutions only
    "image2video.create": {VALIDATION},  # effect, model, resolution and length must be offered together
    "image2video.create_batch": {VALIDATION},
    "image2video.update_audio": {*NOT_FOUND, VALIDATION},  # the video must exist and be finished
    "images.create_by_button": {*NOT_FOUND, VALIDATION},  # the image must exist and offer the button
    "images.get_result": NOT_FOUND,
    "images.change_background": NOT_FOUND,  # deprecated in the 2026 docs: refused with 1008
    "jarvis.get_analysis": NOT_FOUND,
    "knowledge.create": {1233},  # names are unique
    "knowledge.update": {1232, 1233},
    "knowledge.get": {1232},
    "knowledge.delete": {1232},
    "live_faceswap.close_session": NOT_FOUND,
    "live_faceswap.update_session": {*NOT_FOUND, 1010},  # 1010: the session is closed
    "streaming.close_session": {1216},
    "streaming.create_session": {VALIDATION, 1232},  # avatar, voice and knowledge must exist
    "streaming.get_avatar": NOT_FOUND,
    "streaming.get_session": {1216},
    "talking_avatar.create": {VALIDATION},  # avatars and voices must exist and match avatar_from
    "videos.get_result": NOT_FOUND,
    "voices.change": {VALIDATION},  # the voice must exist and be ready
    "voices.tts": {VALIDATION},
    "voices.get": {1014},
    "voices.get_resource": {1014},
    "video_translation.create": {1202},  # the same video is translated once per language
}
ALLOWED: Mapping[str, frozenset[int | None]] = {op: frozenset(codes) for op, codes in _ALLOWED.items()}


class CheckFailure(AssertionError):
    """A check failed: the message says which operation, what is wrong, and how to reproduce it."""

    def __init__(self, exchange: Exchange, problem: str) -> None:
        self.exchange = exchange
        self.problem = problem
        request = json.dumps(dict(exchange.request), ensure_ascii=False)[:600]
        answer = json.dumps(exchange.body, ensure_ascii=False)[:600]
        super().__init__(
            f"{exchange.op.id}: {problem}\n  request:   {request}\n  answer:    HTTP {exchange.status} "
            f"{answer}\n  reproduce: {exchange.curl}"
        )


def error_code(exchange: Exchange, code: int) -> int | None:
    """The code `exchange.op` answers for Akool code `code`: the detect APIs answer parameter errors as
    error_code 1, and analyze_frames answers every error as `{success: false}` (no code at all)."""
    if exchange.op.id == "face_detection.analyze_frames":
        return None
    if exchange.op.envelope == "bare" and code == VALIDATION:
        return 1
    return code


def conforms_to_schema(exchange: Exchange) -> None:
    """The answer is JSON and conforms to the operation's response schema (or the error envelope)."""
    if exchange.status is None:
        raise CheckFailure(exchange, f"no answer: {exchange.error}")
    if exchange.status >= 500:
        raise CheckFailure(exchange, f"HTTP {exchange.status}: the server failed")
    if exchange.status != HTTP_OK:
        raise CheckFailure(
            exchange, f"HTTP {exchange.status}: Akool answers every operation, its errors too, with HTTP 200"
        )
    if exchange.body is None:
        raise CheckFailure(exchange, "the answer is not JSON")
    violations = exchange.op.response_errors(exchange.body)
    if violations:
        listed = "; ".join(str(v) for v in violations[:5])
        raise CheckFailure(exchange, f"the answer does not conform to the response schema: {listed}")


def succeeded(exchange: Exchange) -> None:
    if exchange.code != SUCCESS:
        raise CheckFailure(exchange, f"expected code 1000, got {exchange.code} ({exchange.msg})")


def business_code_expected(exchange: Exchange) -> None:
    """A valid request answers 1000, or a code the docs give this operation for a semantic problem."""
    allowed = {SUCCESS, *ALLOWED.get(exchange.op.id, ())}
    if exchange.code not in allowed:
        raise CheckFailure(
            exchange, f"a valid request answered code {exchange.code} ({exchange.msg}); expected {allowed}"
        )


def carries_example_fields(exchange: Exchange) -> None:
    """A success carries every field the docs' example answers of its operation carry (into `data` and the
    items of its lists), but those the docs make conditional (contract_tests.shapes)."""
    if exchange.code != SUCCESS:
        return
    missing = missing_example_fields(exchange.op, exchange.request, exchange.body)
    if missing:
        listed = ", ".join(missing)
        raise CheckFailure(exchange, f"the answer lacks fields the docs' example carries: {listed}")


def sdk_agrees(exchange: Exchange) -> None:
    """The SDK raised exactly when the answer is an error, with the answer's code."""
    ok = exchange.code == SUCCESS or (exchange.op.envelope == "bare" and exchange.body and not exchange.error)
    if ok and exchange.error is not None:
        raise CheckFailure(exchange, f"the SDK raised {exchange.error!r} on a success")
    if not ok and exchange.error is None:
        raise CheckFailure(exchange, "the SDK returned data for an error answer")
    if isinstance(exchange.error, APIError) and exchange.code not in (None, exchange.error.code):
        raise CheckFailure(
            exchange, f"the SDK raised code {exchange.error.code}, the answer has {exchange.code}"
        )


def answers(code: int) -> Check:
    """The answer carries `code` (in the operation's own error shape)."""

    def check(exchange: Exchange) -> None:
        wanted = error_code(exchange, code)
        failed = exchange.code != wanted
        if wanted is None:
            failed = not (isinstance(exchange.body, dict) and exchange.body.get("success") is False)
        if failed:
            raise CheckFailure(exchange, f"expected code {code}, got {exchange.code} ({exchange.msg})")

    check.__name__ = f"answers_{code}"
    return check


# Operations whose pages give their own error texts, which name no field (schemas/NOTES.md
# #audit-detect-error-texts): one of these stands for the field name. From
# current/ai-tools-suite/face-detection/detect-faces.mdx and analyze-frames.mdx.
DOCUMENTED_ERROR_TEXTS: dict[str, tuple[str, ...]] = {
    "face_detection.detect_faces": (
        "Either 'url' or 'img' parameter must be provided",
        "Invalid URL format",
        "Failed to download media",
        "No faces detected",
        "Failed to process media",
    ),
    "face_detection.analyze_frames": (
        "frame_urls is required and must not be empty",
        "Failed to download image from URL",
        "Failed to process media",
    ),
}


def _documented(op_id: str, message: str) -> bool:
    texts = DOCUMENTED_ERROR_TEXTS.get(op_id, ())
    return bool(texts) and all(part.startswith(texts) for part in message.split("; "))


def names_the_field(field: str) -> Check:
    """A 1003 whose message names the broken field (its last name: `path` of `sourceImage[0].path`), or,
    where the page gives its own error texts, is one of them."""
    parts = [p for p in field.replace("[", ".").replace("]", "").split(".") if p and not p.isdigit()]
    leaf = parts[-1]

    def check(exchange: Exchange) -> None:
        answers(VALIDATION)(exchange)
        if leaf not in exchange.msg and not _documented(exchange.op.id, exchange.msg):
            raise CheckFailure(
                exchange, f"the 1003 message does not name the field {field!r}: {exchange.msg!r}"
            )

    return check


# Not-found answers whose text the docs give, with the id in it and no field name: the text stands for the
# field (schemas/NOTES.md #not-found-names-the-field). voiceLab.mdx, Delete Voice: "VoiceId:<id> resource
# not found"; the voice resource detail answers the same form (the docs show no text of its own).
NOT_FOUND_TEXTS: dict[str, re.Pattern[str]] = {
    "voices.get": re.compile(r"VoiceId:.+ resource not found"),
    "voices.get_resource": re.compile(r"ResourceId:.+ resource not found"),
    "voices.delete": re.compile(r"VoiceId:.+ resource not found"),
}


def _names(op_id: str, names: Collection[str], message: str) -> bool:
    """`message` names one of the fields `names` as a word of its own (`id` is not named by `avatar_id`), or
    is the docs' not-found text of `op_id`."""
    text = NOT_FOUND_TEXTS.get(op_id)
    if text is not None and text.fullmatch(message):
        return True
    return any(re.search(rf"(?<![A-Za-z0-9_]){re.escape(n)}(?![A-Za-z0-9_])", message) for n in names)


def refused_as_not_held(fields: Collection[str]) -> Check:
    """A request naming `fields` by ids the target cannot hold answers a code the docs give the operation
    for that (ALLOWED), and its message names one of the fields (or is the docs' own not-found text)."""

    def check(exchange: Exchange) -> None:
        codes = ALLOWED.get(exchange.op.id, frozenset())
        if exchange.code == SUCCESS or exchange.code not in codes:
            raise CheckFailure(
                exchange, f"an id it cannot hold answered code {exchange.code}; expected one of {set(codes)}"
            )
        if not _names(exchange.op.id, fields, exchange.msg):
            wanted = " or ".join(fields)
            raise CheckFailure(exchange, f"the not-found message names no field {wanted}: {exchange.msg!r}")

    return check


def _in_lists(node: object) -> list[object]:
    """Every element of every array anywhere in `node`."""
    if isinstance(node, dict):
        return [item for value in node.values() for item in _in_lists(value)]
    if isinstance(node, list):
        return [*node, *(item for value in node for item in _in_lists(value))]
    return []


def listed_as_not_held(fields: Collection[str], unheld: str) -> Check:
    """An operation that answers 1000 and lists the ids it did not act on (`{_id, msg}` items) lists the id
    `unheld` there, with a message naming the field (or the docs' text), and in no list of done ids."""

    def check(exchange: Exchange) -> None:
        succeeded(exchange)
        listed = _in_lists(exchange.body.get("data"))  # a 1000 answer: a dict, with Akool's envelope
        refused = [item for item in listed if isinstance(item, dict) and item.get("_id") == unheld]
        if not refused or unheld in listed:
            raise CheckFailure(exchange, f"the id it cannot hold, {unheld}, is not listed as refused (only)")
        for item in refused:
            if not _names(exchange.op.id, fields, str(item.get("msg", ""))):
                wanted = " or ".join(fields)
                raise CheckFailure(exchange, f"the refusal of {unheld} names no field {wanted}: {item}")

    return check


def holds_what_it_gave(supplied: Mapping[str, str]) -> Check:
    """The target finds the ids it handed out itself (`supplied`: {id: field}, the world's references). An
    error answer of the operation's documented codes (ALLOWED) refuses one of them when its message names
    that id's field (or is the docs' not-found text) and either shows the id or is a not-found code."""

    def check(exchange: Exchange) -> None:
        if exchange.code == SUCCESS or exchange.code not in ALLOWED.get(exchange.op.id, ()):
            return
        msg = exchange.msg
        refused = [
            f"{field} {value}"
            for value, field in supplied.items()
            if _names(exchange.op.id, [field], msg) and (value in msg or exchange.code in NOT_FOUND_CODES)
        ]
        if refused:
            raise CheckFailure(
                exchange,
                f"the target refused {', '.join(refused)}, which it listed or made itself for this run "
                f"(code {exchange.code}: {msg})",
            )

    return check


def names_the_change_after_its_source(exchange: Exchange) -> None:
    """A voice change's result is named after its source file: the changer example's `file_name` is the
    last path segment of its `source_voice_file` (voiceLab.mdx Voice Changer; NOTES.md #voices-fake-fields).
    A source URL without a last segment is not judged."""
    if exchange.op.id != "voices.change" or exchange.code != SUCCESS:
        return
    source = str((exchange.request.get("body") or {}).get("source_voice_file") or "")
    try:
        segment = basename(urlparse(source).path)
    except ValueError:  # a URL urlparse refuses has no segment to compare
        return
    shown = (exchange.body.get("data") or {}).get("file_name")
    if segment and shown != segment:
        raise CheckFailure(
            exchange, f"the change of {source} is named {shown!r}, not its source file's name {segment!r}"
        )


def run(exchange: Exchange, checks: Collection[Check]) -> None:
    for check in checks:
        check(exchange)
