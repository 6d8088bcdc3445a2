"""Area handlers: one module per area, each with a `HANDLERS` table from operation id to function."""

from __future__ import annotations

import importlib
from types import ModuleType

from akool_mock.mock_server.handlers.base import ErrorShape, Handler

AREA_MODULES = (
    "audio",
    "auth",
    "avatar_video",
    "avatars",
    "face_detection",
    "faceswap",
    "headswap",
    "image2video",
    "images",
    "jarvis",
    "knowledge",
    "live_faceswap",
    "models",
    "streaming",
    "text2video",
    "videos",
    "voices",
)


def _modules() -> list[ModuleType]:
    return [importlib.import_module(f"akool_mock.mock_server.handlers.{name}") for name in AREA_MODULES]


def all_handlers() -> dict[str, Handler]:
    """Every operation id with its handler; an id claimed twice is a bug."""
    table: dict[str, Handler] = {}
    for module in _modules():
        for op_id, handler in module.HANDLERS.items():
            if op_id in table:
                raise RuntimeError(f"{op_id} has two handlers")
            table[op_id] = handler
    return table


def all_error_shapes() -> dict[str, ErrorShape]:
    """Operations whose errors are not `{code, msg}` (the bare detect APIs), with their error builder."""
    table: dict[str, ErrorShape] = {}
    for module in _modules():
        table.update(getattr(module, "ERROR_SHAPES", {}))
    return table
