"""What a poll shows of a job beyond its schema and its poll operation's examples: rules per job kind, each
from a docs page, Akool's OpenAPI files or a decision in schemas/NOTES.md (#job-kind-answers). The job
machines (`contract_tests.stateful`) check every poll with `problems`.

A poll operation is often shared by several job kinds (videos.get_result shows talking photos, lip-syncs,
translations, ...), so the fields `contract_tests.shapes` requires are only those every kind's example shows;
a field one kind's page shows is required here, for that kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

COMPLETED = 3
FAILED = 4

# job kind -> (fields every poll of its jobs shows, where the docs show them)
SHOWN: dict[str, tuple[tuple[str, ...], str]] = {
    "talking_photo.create": (
        ("resolution",),
        "openapi/talking-photo.yaml: the create example and TalkingPhotoResult show the output resolution",
    ),
    "video_translation.create": (
        ("deduction_duration",),
        "openapi/video-translation.yaml VideoTranslationResult: the credits consumed",
    ),
    **dict.fromkeys(
        ("image2video.create", "image2video.create_batch", "image2video.update_audio"),
        (("image_url", "only_add_audio"), "current/ai-tools-suite/image2video.mdx, the get results example"),
    ),
}
# Face swaps of a picture: the reage page's result example of one (`image: 1`) shows no video length and
# nothing deducted by duration (current/ai-tools-suite/reage.mdx).
PICTURE_SWAPS = frozenset(
    {
        "faceswap.create_image",
        "faceswap.create_image_plus",
        "faceswap.create_image_pro",
        "faceswap.reage_image",
    }
)
# A failed job gives its credits back, and every answer says so (NOTES.md #audit-credits-on-failure).
CHARGES = ("deduction_credit", "deduction_duration")
# current/ai-tools-suite/jarvis-moderator.mdx: "Non-Compliant、Compliant、Unknown"
CONCLUSIONS = frozenset({"Non-Compliant", "Compliant", "Unknown"})


def _moderation(item: Mapping[str, Any]) -> list[str]:
    """A finished analysis shows its findings as text whose last line is `Result: <final_conclusion>`
    (jarvis-moderator.mdx, the get result example)."""
    conclusion, result = item.get("final_conclusion"), str(item.get("result") or "")
    if conclusion not in CONCLUSIONS:
        return [f"final_conclusion is {conclusion!r}, not one of {sorted(CONCLUSIONS)}"]
    if result.splitlines()[-1:] != [f"Result: {conclusion}"]:
        return [f"result {result[:80]!r} does not end with the line 'Result: {conclusion}'"]
    return []


def problems(op_id: str, item: Mapping[str, Any], status: int) -> list[str]:
    """What the poll `item` of a job made by `op_id`, at `status`, gets wrong of the rules above."""
    names, source = SHOWN.get(op_id, ((), ""))
    found = [f"{name} is missing ({source})" for name in names if name not in item]
    if status == FAILED:
        found += [
            f"{name} is {item[name]!r} for a failed job, not 0 (its credits are given back)"
            for name in CHARGES
            if name in item and item[name] != 0
        ]
    if op_id in PICTURE_SWAPS:
        found += [
            f"{name} is {item[name]!r} for a face swap of a picture, not 0 (the reage page's picture result)"
            for name in ("video_duration", "deduction_duration")
            if name in item and item[name] != 0
        ]
    if op_id == "jarvis.create_analysis" and status == COMPLETED:
        found += _moderation(item)
    return found
