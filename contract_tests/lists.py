"""List filters and the lists the target seeds: which query parameter filters which item field, and the
checks of a filtered list against the unfiltered one.

A filter parameter that names an item field (`avatars.list?from=2` keeps the avatars whose `from` is 2) is
checked both ways: a filtered list holds no item whose field differs, and it holds every matching item of the
unfiltered list (when that fits one page). `streaming.list_avatars?platform=` filters on a field only the
detail shows (`platform`: openapi/live-avatar.yaml AvatarDetail), so its items are read back one by one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# List operation -> {filter parameter: the item field it filters on}. From the request schemas' descriptions;
# `voices.list?type=` (clones or Akool's voices) and the voice tags filter on nothing an item shows as such.
FILTERS: dict[str, dict[str, str]] = {
    "audio.list_voices": {"from": "from"},
    "avatars.list": {"from": "from", "type": "type"},
    "knowledge.list": {"from": "from"},
    "models.list": {"types[]": "type"},
    "streaming.list_sessions": {"status": "status"},
}
# Filters on a field only the item's detail shows: list -> (parameter, detail operation, its id field).
DETAIL_FILTERS: dict[str, tuple[str, str, str]] = {
    "streaming.list_avatars": ("platform", "streaming.get_avatar", "avatar_id"),
}
# Lists of the target's own catalogue (fixtures/canonical on the fake), never empty on a fresh target:
# list operation -> the query that lists them.
SEEDED: dict[str, dict[str, Any]] = {
    "audio.list_voices": {},
    "avatars.list": {"size": 100},
    "image2video.list_effects": {},
    "models.list": {"types[]": [1501]},
    "streaming.list_avatars": {"size": 100},
    "video_translation.list_languages": {},
    "voices.list": {"type": 2, "size": 100},
}
PAGE = 100  # the page size the checks ask for: every list of the contract allows it


def _enum(schema: Mapping[str, Any]) -> list[Any]:
    if "enum" in schema:
        return list(schema["enum"])
    if schema.get("type") == "array":
        return [[value] for value in _enum(schema.get("items", {}))]
    for part in schema.get("allOf", ()):
        if _enum(part):
            return _enum(part)
    return []


def filter_values(query_schema: Mapping[str, Any], param: str) -> list[Any]:
    """The values the request schema allows `param` (each alone, for an array parameter)."""
    return _enum(query_schema.get("properties", {}).get(param, {}))


def matches(item: Any, field: str, wanted: Any) -> bool:
    """Whether `item` shows `field` as `wanted` (one of `wanted`, for a list); a number may be a string."""
    if not isinstance(item, Mapping) or field not in item:
        return False
    allowed = wanted if isinstance(wanted, list) else [wanted]
    return str(item[field]) in {str(value) for value in allowed}


def unmatched(items: Iterable[Any], field: str, wanted: Any) -> list[Any]:
    """The items of a filtered list that show `field` otherwise than `wanted` (an item without it is left
    to the docs-example check)."""
    return [
        item
        for item in items
        if isinstance(item, Mapping) and field in item and not matches(item, field, wanted)
    ]


def left_out(
    filtered: Sequence[str], unfiltered: Iterable[tuple[str, Any]], field: str, wanted: Any
) -> list[str]:
    """The identities of the unfiltered list's items that match the filter but are not in the filtered list
    (`unfiltered`: (identity, item) pairs)."""
    shown = set(filtered)
    return [key for key, item in unfiltered if matches(item, field, wanted) and key not in shown]


def one_page(query_schema: Mapping[str, Any]) -> dict[str, Any]:
    """The query part that asks for one big page, where the operation pages."""
    return {"size": PAGE} if "size" in query_schema.get("properties", {}) else {}
